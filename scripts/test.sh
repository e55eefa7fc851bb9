#!/usr/bin/env bash
# Runs every test: core and CLI (cargo), the UI units (Vitest), end to end in the real webview
# (tauri-driver + WebKitWebDriver, under Xvfb when there is no display), then the Windows
# build: core and CLI tests as Windows programs under Wine, and the Windows app
# (scripts/check-windows.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"

echo "==> Kiểm thử lõi và dòng lệnh (cargo test)"
cargo test -p cchc-core -p cchc-api -p cchc-cli

echo "==> Kiểu TypeScript sinh từ Rust (ts-rs) khớp với bản đã commit"
scripts/gen-bindings.sh
if ! git diff --quiet -- ui/src/lib/bindings || [ -n "$(git ls-files --others --exclude-standard ui/src/lib/bindings)" ]; then
  git status --short -- ui/src/lib/bindings
  if [ "${CI:-}" = true ]; then
    echo "Các tệp kiểu trong ui/src/lib/bindings đã cũ: chạy scripts/gen-bindings.sh rồi commit." >&2
    exit 1
  fi
  echo "Lưu ý: ui/src/lib/bindings vừa được sinh lại; hãy commit các thay đổi." >&2
fi

echo "==> Kiểm thử giao diện (Vitest)"
(cd ui && npx vitest run)

echo "==> Dựng ứng dụng cho kiểm thử đầu-cuối"
scripts/build-app.sh

echo "==> Kiểm thử đầu-cuối trong webview thật"
(cd tests/e2e && npm test)

echo "==> Kiểm thử bản Windows (dựng chéo, chạy dưới Wine)"
scripts/check-windows.sh
