#!/usr/bin/env bash
# Installs what building, running and testing CCHC Xã needs on Debian 12, and only what is
# missing, so it is safe to run again. Called by start.sh and test.sh.
#   scripts/setup.sh          everything (build, run, test)
#   scripts/setup.sh --run    only what building and running the app needs
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=1
[ "${1:-}" = "--run" ] && want_tests=0

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Cần quyền root để cài gói hệ thống (chạy bằng root hoặc cài sudo)." >&2; exit 1; fi
}

packages=(build-essential pkg-config curl file libwebkit2gtk-4.1-dev libgtk-3-dev
  libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev fonts-liberation)
[ "$want_tests" = 1 ] && packages+=(webkit2gtk-driver xvfb poppler-utils xdotool chromium chromium-driver)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "Cài gói Debian: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  [ -x "$HOME/.cargo/bin/cargo" ] || {
    say "Cài Rust (rustup)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  }
  export PATH="$HOME/.cargo/bin:$PATH"
fi

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  say "Cài Node.js"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$node_major" -lt 20 ]; then
    echo "Cần Node.js 20 trở lên (đang có $(node --version 2>/dev/null || echo 'không có'))." >&2
    exit 1
  fi
fi

# npm ci only when the lock file changed since the last install.
npm_ci() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "npm ci trong $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}
npm_ci ui
if [ "$want_tests" = 1 ]; then
  npm_ci tests/e2e
  if ! command -v tauri-driver >/dev/null; then
    say "Cài tauri-driver"
    cargo install tauri-driver --locked --version '^2'
  fi
fi
