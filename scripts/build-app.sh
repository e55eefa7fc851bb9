#!/usr/bin/env bash
# Builds the desktop app with its UI embedded (target/debug/cchc-xa) and the CLI (target/debug/cchc).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
ui/node_modules/.bin/tauri build --debug --no-bundle --ci
cargo build -p cchc-cli
