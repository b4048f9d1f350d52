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
syswow64=$prefix/drive_c/windows/syswow64
# The 32-bit checks run when ws2kit was built for 32-bit programs.
dlldir32=${WS2KIT_WINE32_DLLDIR:-}
[ -n "$dlldir32" ] && [ -f "$build/i386/tests/wine/loaded.exe" ] || dlldir32=
override() { WINEPREFIX=$prefix "$WINE" reg query 'HKCU\Software\Wine\DllOverrides' /v ws2_32 2>/dev/null | tr -d '\r' | grep -c 'native'; }
loaded_ours() { WINEPREFIX=$prefix "$WINE" "$build/tests/wine/loaded.exe" >"$work/loaded.log" 2>&1; }
loaded32_ours() { WINEPREFIX=$prefix "$WINE" "$build/i386/tests/wine/loaded.exe" >"$work/loaded32.log" 2>&1; }

# install-prefix creates the prefix when there is none, and can be repeated.
make -s -C "$build" install-prefix WINEPREFIX="$prefix" >/dev/null 2>&1; check $? "first install-prefix"
make -s -C "$build" install-prefix WINEPREFIX="$prefix" >/dev/null 2>&1; check $? "second install-prefix"
cmp -s "$build/dlls/ws2_32/ws2_32.dll" "$sys32/ws2_32.dll"; check $? "system32 holds ws2kit's ws2_32.dll"
[ "$(override)" = 1 ]; check $? "DllOverrides ws2_32=native"
loaded_ours; check $? "a program in the prefix runs on ws2kit: $(tail -n 3 "$work/loaded.log")"
if [ -n "$dlldir32" ]; then
    cmp -s "$build/i386/dlls/ws2_32/ws2_32.dll" "$syswow64/ws2_32.dll"; check $? "syswow64 holds ws2kit's 32-bit ws2_32.dll"
    loaded32_ours; check $? "a 32-bit program in the prefix runs on ws2kit: $(tail -n 3 "$work/loaded32.log")"
fi

make -s -C "$build" uninstall-prefix WINEPREFIX="$prefix" >/dev/null 2>&1; check $? "first uninstall-prefix"
make -s -C "$build" uninstall-prefix WINEPREFIX="$prefix" >/dev/null 2>&1; check $? "second uninstall-prefix"
cmp -s "$dlldir/x86_64-windows/ws2_32.dll" "$sys32/ws2_32.dll"; check $? "system32 holds Wine's builtin again"
[ ! -e "$sys32/ws2kit.dll" ]; check $? "the placeholder is gone"
[ "$(override)" = 0 ]; check $? "the DllOverrides value is gone"
! loaded_ours; check $? "loaded.exe now sees Wine's builtin"
grep -q "ws2_32.dll is Wine's builtin" "$work/loaded.log"; check $? "loaded.exe says why"
if [ -n "$dlldir32" ]; then
    cmp -s "$dlldir32/i386-windows/ws2_32.dll" "$syswow64/ws2_32.dll"; check $? "syswow64 holds Wine's builtin again"
    [ ! -e "$syswow64/ws2kit.dll" ]; check $? "the 32-bit placeholder is gone"
    ! loaded32_ours; check $? "the 32-bit loaded.exe now sees Wine's builtin"
fi

# make install puts the companion and its Unix library into Wine's dll dir.
make -s -C "$build" install DESTDIR="$work/dest" >/dev/null 2>&1; check $? "make install DESTDIR"
cmp -s "$build/winedll/x86_64-unix/ws2kit.so" "$work/dest$dlldir/x86_64-unix/ws2kit.so"; check $? "ws2kit.so installed"
head -c 96 "$work/dest$dlldir/x86_64-windows/ws2kit.dll" | tail -c 32 | grep -q 'Wine builtin DLL'; check $? "ws2kit.dll installed, stamped as a builtin"
if [ -n "$dlldir32" ]; then
    cmp -s "$build/winedll/i386-unix/ws2kit.so" "$work/dest$dlldir32/i386-unix/ws2kit.so"; check $? "the 32-bit ws2kit.so installed"
    head -c 96 "$work/dest$dlldir32/i386-windows/ws2kit.dll" | tail -c 32 | grep -q 'Wine builtin DLL'
    check $? "the 32-bit ws2kit.dll installed, stamped as a builtin"
fi

checks_done install
