#!/bin/sh
# Installs ws2kit into one Wine prefix, or gives the prefix Wine's builtin
# ws2_32 back.  Both are idempotent.  Called by `make install-prefix` and
# `make uninstall-prefix` with:
#   WS2KIT_BUILDDIR     the build tree (holds ws2_32.dll and winedll/)
#   WS2KIT_WINE_DLLDIR  Wine's library directory (x86_64-windows/, x86_64-unix/)
#   WS2KIT_WINE32_DLLDIR  Wine's 32-bit library directory (i386-windows/, i386-unix/),
#                       empty when ws2kit was built without 32-bit support
#   WINE, WINEBOOT      the Wine programs
# Usage: prefix.sh install|uninstall PREFIX
set -eu

usage() { echo "usage: $0 install|uninstall PREFIX" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
WINEPREFIX=$(cd "$(dirname "$2")" 2>/dev/null && pwd)/$(basename "$2") || WINEPREFIX=$2
export WINEPREFIX
: "${WINEDEBUG:=-all}"; export WINEDEBUG
: "${WINE:=wine}" "${WINEBOOT:=wineboot}"
: "${WS2KIT_WINE32_DLLDIR:=}"
system32=$WINEPREFIX/drive_c/windows/system32
# A 64-bit prefix keeps the 32-bit DLLs in syswow64 (32-bit programs see it as
# their system32).  ws2kit serves them when it was built for i386 too.
syswow64=$WINEPREFIX/drive_c/windows/syswow64
dll32=$WS2KIT_BUILDDIR/i386/dlls/ws2_32/ws2_32.dll
with_wow32() { [ -d "$syswow64" ] && [ -n "$WS2KIT_WINE32_DLLDIR" ] && [ -f "$dll32" ]; }
overrides='HKCU\Software\Wine\DllOverrides'

wait_for_server() { wineserver -w 2>/dev/null || true; }

case $action in
install)
    if [ ! -d "$system32" ]; then
        echo "ws2kit: creating prefix $WINEPREFIX"
        "$WINEBOOT" -i >/dev/null 2>&1
    fi
    cp "$WS2KIT_BUILDDIR/dlls/ws2_32/ws2_32.dll" "$system32/ws2_32.dll"
    # The builtin-stamped placeholder: Wine then loads ws2kit.dll from its dll
    # path (its own directory, or WINEDLLPATH) together with ws2kit.so.
    cp "$WS2KIT_BUILDDIR/winedll/x86_64-windows/ws2kit.dll" "$system32/ws2kit.dll"
    if with_wow32; then
        cp "$dll32" "$syswow64/ws2_32.dll"
        cp "$WS2KIT_BUILDDIR/winedll/i386-windows/ws2kit.dll" "$syswow64/ws2kit.dll"
    fi
    "$WINE" reg add "$overrides" /v ws2_32 /t REG_SZ /d native /f >/dev/null 2>&1
    wait_for_server
    echo "ws2kit: installed into $WINEPREFIX"
    if [ ! -f "$WS2KIT_WINE_DLLDIR/x86_64-unix/ws2kit.so" ]; then
        echo "ws2kit: note: ws2kit.so is not in $WS2KIT_WINE_DLLDIR (run make install as root)," \
             "so programs need WINEDLLPATH=$WS2KIT_BUILDDIR/winedll"
    fi
    if with_wow32 && [ ! -f "$WS2KIT_WINE32_DLLDIR/i386-unix/ws2kit.so" ]; then
        echo "ws2kit: note: the 32-bit ws2kit.so is not in $WS2KIT_WINE32_DLLDIR (run make install as root)," \
             "so 32-bit programs need WINEDLLPATH=$WS2KIT_BUILDDIR/winedll"
    fi
    ;;
uninstall)
    [ -d "$system32" ] || { echo "ws2kit: no prefix at $WINEPREFIX: nothing to do"; exit 0; }
    cp "$WS2KIT_WINE_DLLDIR/x86_64-windows/ws2_32.dll" "$system32/ws2_32.dll"
    rm -f "$system32/ws2kit.dll"
    if [ -d "$syswow64" ] && [ -n "$WS2KIT_WINE32_DLLDIR" ]; then
        cp "$WS2KIT_WINE32_DLLDIR/i386-windows/ws2_32.dll" "$syswow64/ws2_32.dll"
        rm -f "$syswow64/ws2kit.dll"
    fi
    "$WINE" reg delete "$overrides" /v ws2_32 /f >/dev/null 2>&1 || true
    wait_for_server
    echo "ws2kit: $WINEPREFIX uses Wine's builtin ws2_32 again"
    ;;
*)
    usage
    ;;
esac
