#!/usr/bin/env bash
# Prints the headline performance figures (medians over several runs; never asserted in tests).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PATH"
scripts/build-app.sh >/dev/null
(cd tests/e2e && node bench.mjs)
