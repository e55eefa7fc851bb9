#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and starts the desktop app.
# The first screen offers "Dùng dữ liệu mẫu" (the demo commune). Extra arguments go to the app,
# e.g. scripts/start.sh --data-dir /tmp/xa-thu
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --run
export PATH="$HOME/.cargo/bin:$PATH"
scripts/build-app.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Không có màn hình (DISPLAY chưa đặt): hãy chạy lệnh này trong phiên đồ họa." >&2
  exit 1
fi
exec target/debug/cchc-xa "$@"
