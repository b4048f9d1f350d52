#!/bin/sh
# Runs the winetest-style Windows programs under Wine on ws2kit, in a
# throwaway prefix of their own, and prints one summary line.
# Environment (set by `make check`): WS2KIT_BUILDDIR, WS2KIT_SRCDIR,
# WS2KIT_WINE_DLLDIR, WINE, WINEBOOT, WINE_TESTS (paths relative to the build dir).
set -u
: "${WINE:=wine}" "${WINEBOOT:=wineboot}"
cd "$WS2KIT_BUILDDIR" || exit 1

prefix=$(mktemp -d /tmp/ws2kit-test.XXXXXX)
cleanup() { WINEPREFIX=$prefix wineserver -k 2>/dev/null; rm -rf "$prefix"; }
trap cleanup EXIT INT TERM

export WINEPREFIX=$prefix WINEDEBUG=-all
# The tests use the build tree's Unix library.  Wine looks in its own dll
# directory first, so a different ws2kit.so installed there would win: refuse.
installed=$WS2KIT_WINE_DLLDIR/x86_64-unix/ws2kit.so
if [ -f "$installed" ] && ! cmp -s "$installed" winedll/x86_64-unix/ws2kit.so; then
    echo "run.sh: $installed differs from this build: run make install (or uninstall) first" >&2
    exit 1
fi
export WINEDLLPATH=$WS2KIT_BUILDDIR/winedll

"$WINEBOOT" -i >/dev/null 2>&1
sh "$WS2KIT_SRCDIR/tools/prefix.sh" install "$prefix" >/dev/null || exit 1

passed=0 failed=0 checks=0
for test in $WINE_TESTS; do
    name=$(basename "$test" .exe)
    log=$prefix/$name.log
    timeout 300 "$WINE" "$test" >"$log" 2>&1
    rc=$?
    summary=$(grep -a "^$name: .* tests executed" "$log" | tail -n 1)
    n=$(echo "$summary" | sed -n 's/.*: \([0-9]*\) tests executed.*/\1/p')
    checks=$((checks + ${n:-0}))
    if [ $rc -eq 0 ] && [ -n "$summary" ]; then
        passed=$((passed + 1))
        echo "PASS: $name ($summary)"
    else
        failed=$((failed + 1))
        echo "FAIL: $name (exit $rc)"
        grep -a -v '^[0-9a-f]*:fixme:' "$log" | tail -n 40
    fi
done
# Command-line programs, tested as people use them, in the same prefix.
for script in "$WS2KIT_SRCDIR"/tests/wine/*.sh; do
    [ "$(basename "$script")" = run.sh ] && continue
    name=$(basename "$script" .sh)
    log=$prefix/$name.log
    WINE=$WINE timeout 300 sh "$script" >"$log" 2>&1
    rc=$?
    summary=$(grep -a "^$name: .* passed, .* failed" "$log" | tail -n 1)
    n=$(echo "$summary" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1+\2/p')
    checks=$((checks + ${n:-0}))
    if [ $rc -eq 0 ] && [ -n "$summary" ]; then
        passed=$((passed + 1))
        echo "PASS: $name ($summary)"
    else
        failed=$((failed + 1))
        echo "FAIL: $name (exit $rc)"
        tail -n 40 "$log"
    fi
done

echo "wine tests: $checks checks in $((passed + failed)) programs"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
