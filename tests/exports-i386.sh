#!/bin/sh
# The 32-bit ws2_32.dll: its export names are the plain ones Wine's i386
# ws2_32.dll has, and every export pops as many argument bytes as Windows'
# does.  On i386 the exports are stdcall (the callee pops its arguments), so a
# wrong argument count in exports.tbl corrupts a 32-bit caller's stack, while
# on x86_64 it goes unnoticed.  The reference for the counts is i686 MinGW's
# import library, whose name@N decorations follow the Windows SDK prototypes.
# Environment (set by make check): WS2KIT_BUILDDIR, WS2KIT_SRCDIR,
# WS2KIT_WINE32_DLLDIR, MINGW32_CC.
set -u
build=${WS2KIT_BUILDDIR:?} src=${WS2KIT_SRCDIR:?} dlldir32=${WS2KIT_WINE32_DLLDIR:?} cc=${MINGW32_CC:?}
. "$(dirname "$0")/checks.sh"
work=$(mktemp -d /tmp/ws2kit-exports.XXXXXX)
trap 'rm -rf "$work"' EXIT INT TERM
tool() { echo "${cc%-gcc*}-$1"; }   # i686-w64-mingw32-gcc-win32 -> i686-w64-mingw32-objdump

# NAME N lines: what exports.tbl declares, as the i386 .def decorates it.
sh "$src/tools/gen-exports.sh" def-i386 < "$src/dlls/ws2_32/exports.tbl" |
    sed -n 's/^    \([A-Za-z_0-9]*\)@\([0-9]*\).*/\1 \2/p' | sort > "$work/ours"
# ... and what the import library says (_name@N symbols).
"$(tool nm)" "$("$cc" -print-file-name=libws2_32.a)" 2>/dev/null |
    sed -n 's/^.* T _\([A-Za-z_0-9]*\)@\([0-9]*\)$/\1 \2/p' | sort -u > "$work/sdk"
[ -s "$work/ours" ] && [ -s "$work/sdk" ]; check $? "read exports.tbl and i686 MinGW's libws2_32.a"

while read -r name bytes; do
    sdk=$(awk -v n="$name" '$1 == n { print $2 }' "$work/sdk")
    [ -z "$sdk" ] && continue   # not in the SDK's import library: nothing to compare with
    [ "$bytes" = "$sdk" ]; check $? "$name pops $bytes bytes, Windows' $name pops $sdk"
done < "$work/ours"

# The DLL exports exactly the names (undecorated) Wine's i386 ws2_32 does.
exports() { "$(tool objdump)" -p "$1" | sed -n '/^\[Ordinal\/Name Pointer\] Table/,/^$/p' | sed -n 's/^\t\[ *[0-9]*\] //p' | sort; }
exports "$build/i386/dlls/ws2_32/ws2_32.dll" > "$work/dll"
exports "$dlldir32/i386-windows/ws2_32.dll" > "$work/wine"
[ -s "$work/dll" ] && cmp -s "$work/dll" "$work/wine"
check $? "the 32-bit ws2_32.dll exports what Wine's does: $(diff "$work/dll" "$work/wine" | head -n 5 | tr '\n' ' ')"

checks_done exports-i386
