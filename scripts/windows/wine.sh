# Sourced by scripts/check-windows.sh and scripts/windows/runner.sh: the Wine prefix that runs
# the Windows builds, kept apart from any prefix of the user's (target/windows/wine), with the
# bcryptprimitives shim built from bcryptprimitives.c in this folder.

windows_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_dir=$(cd "$windows_dir/../.." && pwd)
export WINEPREFIX="${CCHC_WINEPREFIX:-${CARGO_TARGET_DIR:-$repo_dir/target}/windows/wine}"
# No Mono or Gecko install dialogs, no debug chatter, no desktop integration.
export WINEDEBUG="${WINEDEBUG:--all}"
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=;winemenubuilder.exe=d}"
export WINEARCH=win64

# Creates the prefix and installs the shim when missing or out of date. Cheap when done.
wine_prefix_ready() {
  local dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
  local stamp="$WINEPREFIX/.cchc-shim"
  local want
  want=$(cat "$windows_dir/bcryptprimitives.c" "$windows_dir/bcryptprimitives.def" | sha256sum | cut -c1-64)
  if [ -f "$dll" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
    return 0
  fi
  mkdir -p "$(dirname "$WINEPREFIX")"
  if [ ! -f "$WINEPREFIX/system.reg" ]; then
    echo "==> Tạo Wine prefix $WINEPREFIX" >&2
    wineboot --init >/dev/null 2>&1 || true
    wineserver --wait
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
      echo "Không tạo được Wine prefix ở $WINEPREFIX." >&2
      return 1
    fi
  fi
  echo "==> Dựng bcryptprimitives.dll (shim cho Wine 8) từ scripts/windows/bcryptprimitives.c" >&2
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dll" \
    "$windows_dir/bcryptprimitives.c" "$windows_dir/bcryptprimitives.def" -ladvapi32
  echo "$want" >"$stamp"
}
