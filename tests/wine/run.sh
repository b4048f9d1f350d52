#!/bin/sh
# Runs the winetest-style Windows programs under Wine on ws2kit, in a
# throwaway prefix of their own, and prints one summary line.
# Environment (set by `make check`): WS2KIT_BUILDDIR, WS2KIT_SRCDIR,
# WS2KIT_WINE_DLLDIR, WINE, WINEBOOT, WINE_TESTS (paths relative to the build dir),
# and for 32-bit programs WS2KIT_WINE32_DLLDIR and WINE_TESTS_I386 (the same
# tests built for i386, run in the same 64-bit prefix through WoW64; empty
# when ws2kit was built without 32-bit support).
set -u
: "${WINE_TESTS_I386:=}" "${WS2KIT_WINE32_DLLDIR:=}"
: "${WINE:=wine}" "${WINEBOOT:=wineboot}"
cd "$WS2KIT_BUILDDIR" || exit 1

prefix=$(mktemp -d /tmp/ws2kit-test.XXXXXX)
cleanup() { WINEPREFIX=$prefix wineserver -k 2>/dev/null; rm -rf "$prefix"; }
trap cleanup EXIT
trap 'exit 1' INT TERM   # an interrupted run stops here (cleanup runs on exit)

export WINEPREFIX=$prefix WINEDEBUG=-all
# Whether the host has IPv6 loopback, asked of Linux, not of the DLL under
# test: where it has, a test whose IPv6 socket fails is a failure, not a skip.
if [ -r /proc/net/if_inet6 ] && grep -q ' lo$' /proc/net/if_inet6; then WS2KIT_HOST_IPV6=1; else WS2KIT_HOST_IPV6=0; fi
export WS2KIT_HOST_IPV6
# Whether the kernel answers sock_diag (tests/net/has-sock-diag): ws2kit.so
# cuts queued urgent bytes out of normal data only with it (not on gVisor).
if [ -x "$WS2KIT_BUILDDIR/tests/net/has-sock-diag" ]; then
    if "$WS2KIT_BUILDDIR/tests/net/has-sock-diag"; then WS2KIT_HOST_SOCK_DIAG=1; else WS2KIT_HOST_SOCK_DIAG=0; fi
    export WS2KIT_HOST_SOCK_DIAG
fi
# The tests use the build tree's Unix library.  Wine looks in its own dll
# directory first, so a different ws2kit.so installed there would win: refuse.
refuse_other_install()
{
    if [ -f "$1/$2" ] && ! cmp -s "$1/$2" "winedll/$2"; then
        echo "run.sh: $1/$2 differs from this build: run make install (or uninstall) first" >&2
        exit 1
    fi
}
refuse_other_install "$WS2KIT_WINE_DLLDIR" x86_64-unix/ws2kit.so
[ -z "$WINE_TESTS_I386" ] || refuse_other_install "$WS2KIT_WINE32_DLLDIR" i386-unix/ws2kit.so
export WINEDLLPATH=$WS2KIT_BUILDDIR/winedll

"$WINEBOOT" -i >/dev/null 2>&1
sh "$WS2KIT_SRCDIR/tools/prefix.sh" install "$prefix" >/dev/null || exit 1

# run_test NAME PATTERN COUNT SHOW COMMAND...: runs COMMAND (at most 300 s)
# with its output in $prefix/NAME$arch.log ($arch is empty, or -i386 for a
# 32-bit program) and reads its summary, the last line matching
# "^NAME: PATTERN".  COUNT is a sed script that turns the summary
# into its number of checks (an arithmetic expression).  The test passes when
# COMMAND exits 0 and the summary is there; a failure shows the end of the
# log, filtered through the command SHOW.
run_test()
{
    name=$1 pattern=$2 count=$3 show=$4
    shift 4
    log=$prefix/$name$arch.log
    timeout 300 "$@" >"$log" 2>&1
    rc=$?
    summary=$(grep -a "^$name: $pattern" "$log" | tail -n 1)
    n=$(echo "$summary" | sed -n "$count")
    checks=$((checks + ${n:-0}))
    if [ $rc -eq 0 ] && [ -n "$summary" ]; then
        passed=$((passed + 1))
        echo "PASS: $name$arch ($summary)"
    else
        failed=$((failed + 1))
        echo "FAIL: $name$arch (exit $rc)"
        $show "$log" | tail -n 40
    fi
}
without_fixmes() { grep -a -v '^[0-9a-f]*:fixme:' "$1"; }

run_windows_tests()
{
    for test in "$@"; do
        run_test "$(basename "$test" .exe)" '.* tests executed' \
            's/.*: \([0-9]*\) tests executed.*/\1/p' without_fixmes "$WINE" "$test"
    done
}

passed=0 failed=0 skipped=0 checks=0 arch=
run_windows_tests $WINE_TESTS
# The same programs built for i386: 32-bit programs on ws2kit's 32-bit DLL.
arch=-i386 checks64=$checks programs64=$((passed + failed))
run_windows_tests $WINE_TESTS_I386
checks32=$((checks - checks64)) programs32=$((passed + failed - programs64))
arch=
if [ -z "$WINE_TESTS_I386" ]; then
    skipped=$programs64
    echo "SKIP: the $programs64 programs' 32-bit builds: ${WS2KIT_WOW32_SKIP:-this build has no 32-bit support}"
fi
# Command-line programs, tested as people use them, in the same prefix.
for script in "$WS2KIT_SRCDIR"/tests/wine/*.sh; do
    [ "$(basename "$script")" = run.sh ] && continue
    run_test "$(basename "$script" .sh)" '.* passed, .* failed' \
        's/.*: \([0-9]*\) passed, \([0-9]*\) failed.*/\1+\2/p' cat env WINE="$WINE" sh "$script"
done

echo "wine tests: $checks checks in $((passed + failed)) programs" \
     "(32-bit: $checks32 checks in $programs32 programs)"
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
