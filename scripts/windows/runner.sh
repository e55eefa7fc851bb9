#!/usr/bin/env bash
# Cargo's target runner for x86_64-pc-windows-gnu (.cargo/config.toml): runs a Windows test
# binary or program under Wine, in the prefix of scripts/check-windows.sh.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/wine.sh"
wine_prefix_ready
# Lets tests say why they skip something Wine cannot do (see core/tests/windows.rs).
export CCHC_UNDER_WINE=1
exec wine "$@"
