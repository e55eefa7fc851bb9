#!/usr/bin/env bash
# Windows, proven from Linux. Cross-builds for x86_64-pc-windows-gnu with Debian's mingw-w64,
# runs the core and CLI test suites as Windows programs under Wine (cargo's target runner,
# scripts/windows/runner.sh, set in .cargo/config.toml for that target only), and builds the
# desktop app cchc-xa.exe with its UI embedded. Installs what is missing; reuses the build
# caches under target/x86_64-pc-windows-gnu and the Wine prefix under target/windows/wine.
#
#   scripts/check-windows.sh                 tests under Wine, then the app (debug build)
#   scripts/check-windows.sh cli ARGS…       runs the Windows cchc.exe under the same prefix,
#                                            e.g. cli --data-dir 'C:\xa thử' demo
#   scripts/check-windows.sh installer       the NSIS installer, built and tried under Wine
#                                            (scripts/windows/installer.sh)
#   CCHC_WINDOWS_RELEASE=1                   builds the app as a release (as shipped)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

TARGET=x86_64-pc-windows-gnu
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
# Line tables only (file and line in a panic's backtrace): full debug info makes every
# Windows test program ~240 MB and the app ~460 MB, and linking them the slowest step.
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}"
started=$(date +%s)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Cần quyền root để cài gói hệ thống (chạy bằng root hoặc cài sudo)." >&2; exit 1; fi
}

elapsed() {
  local s=$(($(date +%s) - started))
  printf '%d phút %02d giây' $((s / 60)) $((s % 60))
}

# The Rust target, the mingw-w64 cross compiler and Wine, each only when missing.
ensure_tools() {
  if ! rustup target list --installed | grep -qx "$TARGET"; then
    say "Cài Rust target $TARGET"
    rustup target add "$TARGET"
  fi
  local missing=()
  for p in gcc-mingw-w64-x86-64 wine wine64; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "Cài gói Debian: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# Stops the wineserver of our prefix (and only it) when the script ends, so nothing is left
# running in the background.
stop_wine() {
  if [ -n "${WINEPREFIX:-}" ] && [ -d "$WINEPREFIX" ]; then
    wineserver -k 2>/dev/null || true
  fi
}

ensure_tools
. scripts/windows/wine.sh
trap stop_wine EXIT
wine_prefix_ready

case "${1:-}" in
  cli)
    shift
    cargo build -q -p cchc-cli --target "$TARGET"
    status=0
    wine "$TARGET_DIR/$TARGET/debug/cchc.exe" "$@" || status=$?
    exit "$status"
    ;;
  installer)
    shift
    exec scripts/windows/installer.sh "$@"
    ;;
  "") ;;
  *)
    echo "Cách dùng: scripts/check-windows.sh [cli ĐỐI_SỐ… | installer]" >&2
    exit 2
    ;;
esac

say "Kiểm thử lõi và dòng lệnh dưới dạng chương trình Windows, chạy bằng $(wine --version)"
# The TypeScript types the core tests export are the Linux run's business; under Wine they go
# to a scratch folder so that the two runs never write one file.
TS_RS_EXPORT_DIR="$(mktemp -d)" cargo test -p cchc-core -p cchc-cli --target "$TARGET"

say "Dựng ứng dụng Windows cchc-xa.exe (giao diện nhúng sẵn)"
scripts/setup.sh --run >/dev/null
(cd ui && npm run build --silent >/dev/null)
profile=debug
release_flag=()
if [ "${CCHC_WINDOWS_RELEASE:-0}" = 1 ]; then
  profile=release
  release_flag=(--release)
fi
cargo build -p cchc-xa --target "$TARGET" "${release_flag[@]}" --features tauri/custom-protocol
app="$TARGET_DIR/$TARGET/$profile/cchc-xa.exe"
loader="$TARGET_DIR/$TARGET/$profile/WebView2Loader.dll"
[ -f "$app" ] || { echo "Không thấy $app sau khi dựng." >&2; exit 1; }
size() { numfmt --to=iec --suffix=B "$(stat -c %s "$1")"; }
echo "Ứng dụng: $(realpath "$app") ($(size "$app"), bản $profile)"
if [ -f "$loader" ]; then
  echo "Kèm theo: $(realpath "$loader") ($(size "$loader")), phải nằm cạnh cchc-xa.exe"
else
  echo "Thiếu WebView2Loader.dll cạnh cchc-xa.exe: ứng dụng không mở được trên Windows." >&2
  exit 1
fi

say "Kiểm tra Windows xong sau $(elapsed)"
