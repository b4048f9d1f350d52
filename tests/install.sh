#!/bin/sh
# make install-prefix / uninstall-prefix: idempotent, and uninstall gives the
# prefix Wine's builtin ws2_32 back.  Also make install into a DESTDIR.
set -u
build=${WS2KIT_BUILDDIR:?} dlldir=${WS2KIT_WINE_DLLDIR:?}
: "${WINE:=wine}" "${WINEBOOT:=wineboot}"
work=$(mktemp -d /tmp/ws2kit-install.XXXXXX)
prefix=$work/prefix
trap 'WINEPREFIX=$prefix wineserver -k 2>/dev/null; rm -rf "$work"' EXIT INT TERM
export WINEDEBUG=-all WINEDLLPATH=$build/winedll
. "$(dirname "$0")/checks.sh"

sys32=$prefix/drive_c/windows/system32
override() { WINEPREFIX=$prefix "$WINE" reg query 'HKCU\Software\Wine\DllOverrides' /v ws2_32 2>/dev/null | tr -d '\r' | grep -c 'native'; }
loaded_ours() { WINEPREFIX=$prefix "$WINE" "$build/tests/wine/loaded.exe" >"$work/loaded.log" 2>&1; }

# install-prefix creates the prefix when there is none, and can be repeated.
make -s -C "$build" install-prefix WINEPREFIX="$prefix" >/dev/null 2>&1; check $? "first install-prefix"
make -s -C "$build" install-prefix WINEPREFIX="$prefix" >/dev/null 2>&1; check $? "second install-prefix"
cmp -s "$build/dlls/ws2_32/ws2_32.dll" "$sys32/ws2_32.dll"; check $? "system32 holds ws2kit's ws2_32.dll"
[ "$(override)" = 1 ]; check $? "DllOverrides ws2_32=native"
loaded_ours; check $? "a program in the prefix runs on ws2kit: $(tail -n 3 "$work/loaded.log")"

make -s -C "$build" uninstall-prefix WINEPREFIX="$prefix" >/dev/null 2>&1; check $? "first uninstall-prefix"
make -s -C "$build" uninstall-prefix WINEPREFIX="$prefix" >/dev/null 2>&1; check $? "second uninstall-prefix"
cmp -s "$dlldir/x86_64-windows/ws2_32.dll" "$sys32/ws2_32.dll"; check $? "system32 holds Wine's builtin again"
[ ! -e "$sys32/ws2kit.dll" ]; check $? "the placeholder is gone"
[ "$(override)" = 0 ]; check $? "the DllOverrides value is gone"
! loaded_ours; check $? "loaded.exe now sees Wine's builtin"
grep -q "ws2_32.dll is Wine's builtin" "$work/loaded.log"; check $? "loaded.exe says why"

# make install puts the companion and its Unix library into Wine's dll dir.
make -s -C "$build" install DESTDIR="$work/dest" >/dev/null 2>&1; check $? "make install DESTDIR"
cmp -s "$build/winedll/x86_64-unix/ws2kit.so" "$work/dest$dlldir/x86_64-unix/ws2kit.so"; check $? "ws2kit.so installed"
head -c 96 "$work/dest$dlldir/x86_64-windows/ws2kit.dll" | tail -c 32 | grep -q 'Wine builtin DLL'; check $? "ws2kit.dll installed, stamped as a builtin"

checks_done install
