#!/bin/sh
# Runs tests/fuzz/fuzz_calls.exe (random getsockopt/setsockopt/WSAIoctl/
# ioctlsocket calls, and with fuzz_io.c the send/recv families, select,
# WSAPoll, the name calls, the extension functions, event select and the
# *_CHANGE ioctls) on ws2kit in a throwaway prefix and prints its last line;
# then the same for its 32-bit build (i386/tests/fuzz/fuzz_calls.exe) when
# ws2kit was built for 32-bit programs.  Before that it checks that the
# program can fail: a fault injected into ws2kit.so (WS2KIT_INJECT_FAULT)
# must end the run as a crash, and a run that reaches its time limit must
# fail.
# Environment:
#   WS2KIT_BUILDDIR     the build tree (ws2_32.dll, winedll/, tests/fuzz/fuzz_calls.exe)
#   WS2KIT_SRCDIR       the source tree (tools/prefix.sh)
#   WS2KIT_WINE_DLLDIR  Wine's library directory
#   WS2KIT_WINE32_DLLDIR  Wine's 32-bit library directory (empty: no 32-bit build)
#   WINE, WINEBOOT      the Wine programs (default wine, wineboot)
#   FUZZ_CALLS          calls to make (default 20000)
#   FUZZ_SEED           the seed (default 20240601, so that CI runs the same calls)
#   FUZZ_TIME_LIMIT     optional: passed as --time-limit (the program's default is 240 s; 0: none)
#   FUZZ_LOG            optional: a file to keep the program's whole output in
#   FUZZ_IO_PERCENT     optional: passed as --io-percent (the program's default is 30)
#   FUZZ_REFRESH        optional: passed as --refresh (new sockets every N calls; default 2000)
#   FUZZ_SELFTEST       0 skips the checks that the program can fail (default 1)
# Exit code: the program's (0 no failure, 1 failures or the time limit reached,
# 2 set-up, 3 crash, 4 hang), or 1 when the prefix cannot be made or a
# self-check finds that the program cannot fail.
set -u
: "${WINE:=wine}" "${WINEBOOT:=wineboot}"
: "${FUZZ_CALLS:=20000}" "${FUZZ_SEED:=20240601}"
: "${WS2KIT_BUILDDIR:?set WS2KIT_BUILDDIR to the build tree}" "${WS2KIT_SRCDIR:?set WS2KIT_SRCDIR to the source tree}"
: "${WS2KIT_WINE_DLLDIR:?set WS2KIT_WINE_DLLDIR to the Wine library directory}"
: "${WS2KIT_WINE32_DLLDIR:=}"
export WS2KIT_BUILDDIR WS2KIT_SRCDIR WS2KIT_WINE_DLLDIR WS2KIT_WINE32_DLLDIR WINE WINEBOOT

exe=$WS2KIT_BUILDDIR/tests/fuzz/fuzz_calls.exe
if [ ! -f "$exe" ]; then
    echo "run.sh: $exe is not built" >&2
    exit 1
fi

prefix=$(mktemp -d /tmp/ws2kit-fuzz.XXXXXX) || exit 1
# shellcheck disable=SC2317  # called through the trap
cleanup()
{
    WINEPREFIX=$prefix wineserver -k 2>/dev/null
    rm -rf "$prefix"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export WINEPREFIX="$prefix" WINEDEBUG=-all
export WINEDLLPATH="$WS2KIT_BUILDDIR/winedll"
# Wine looks in its own dll directory first: a different ws2kit.so there would win.
exe32=$WS2KIT_BUILDDIR/i386/tests/fuzz/fuzz_calls.exe
[ -n "$WS2KIT_WINE32_DLLDIR" ] && [ -f "$exe32" ] || exe32=
for installed in "$WS2KIT_WINE_DLLDIR/x86_64-unix/ws2kit.so" ${exe32:+"$WS2KIT_WINE32_DLLDIR/i386-unix/ws2kit.so"}; do
    arch_dir=$(basename "$(dirname "$installed")")
    if [ -f "$installed" ] && ! cmp -s "$installed" "$WS2KIT_BUILDDIR/winedll/$arch_dir/ws2kit.so"; then
        echo "run.sh: $installed differs from this build: run make install (or uninstall) first" >&2
        exit 1
    fi
done

"$WINEBOOT" -i >/dev/null 2>&1
sh "$WS2KIT_SRCDIR/tools/prefix.sh" install "$prefix" >/dev/null || exit 1

args="--calls $FUZZ_CALLS --seed $FUZZ_SEED${FUZZ_TIME_LIMIT:+ --time-limit $FUZZ_TIME_LIMIT}"
args="$args${FUZZ_IO_PERCENT:+ --io-percent $FUZZ_IO_PERCENT}${FUZZ_REFRESH:+ --refresh $FUZZ_REFRESH}"

# The program must be able to fail (issue 13).  A fault inside ws2kit.so is
# raised in the caller (dlls/ws2_32/unixcall.c): the run must end as a crash
# (exit 3), never pass it off as a Winsock error.  Reaching the time limit is
# a failure (exit 1), not a pass.
selftest_rc=0
# expect_end RC PATTERN WHAT COMMAND...: one run of the program must end
# with exit code RC and a line matching PATTERN; else it reports WHAT.
expect_end() {
    want_rc=$1 pattern=$2 what=$3
    shift 3
    timeout -k 10 120 "$@" >"$prefix/selftest.log" 2>&1
    rc=$?
    out=$(tr -d '\r' <"$prefix/selftest.log")
    if [ $rc -ne "$want_rc" ] || ! printf '%s\n' "$out" | grep -q "$pattern"; then
        echo "run.sh: $what (exit $rc):"
        printf '%s\n' "$out" | tail -n 3
        selftest_rc=1
    fi
}
if [ "${FUZZ_SELFTEST:-1}" != 0 ]; then
    for entry in setsockopt getsockopt sockstate; do
        expect_end 3 '^fuzz_calls: CRASH ' "a fault injected into ws2kit.so's $entry did not end the run as a crash" \
            env WS2KIT_INJECT_FAULT="$entry" "$WINE" "$exe" --calls 2000 --seed 1
    done
    expect_end 1 '^fuzz_calls: FAIL: stopped by the time limit' "a run that reached its time limit did not fail" \
        "$WINE" "$exe" --calls 100000000 --seed 1 --time-limit 2
    [ $selftest_rc -eq 0 ] && echo "fuzz_calls: self-checks passed (injected faults crash the run; the time limit fails it)"
fi
# fuzz EXE TAG: runs one build of the program with the arguments above (TAG:
# empty, or -i386 for the 32-bit build, which names its log and marks its
# line), prints its last line and returns its exit code.  The
# program bounds its own calls (a watchdog) and its run (--time-limit); the
# timeout is the last resort against a stuck Wine.
fuzz()
{
    exe=$1 tag=$2 label=${2:+ (32-bit)}
    limit=${FUZZ_TIME_LIMIT:-240}
    log=$prefix/fuzz_calls$tag.log
    if [ "$limit" -gt 0 ] 2>/dev/null; then
        timeout -k 10 $((limit + 300)) "$WINE" "$exe" $args >"$log" 2>&1
    else
        "$WINE" "$exe" $args >"$log" 2>&1
    fi
    rc=$?
    [ -n "${FUZZ_LOG:-}" ] && cp "$log" "$FUZZ_LOG$tag"

    last=$(grep -a '^fuzz_calls: ' "$log" | tail -n 1 | tr -d '\r')
    if [ $rc -ne 0 ]; then
        # What went wrong, before the summary line.
        grep -a -v '^[0-9a-f]*:fixme:' "$log" | grep -a -v '^fuzz_calls: [0-9]* passed, [0-9]* failed$' | tail -n 60
    fi
    case $last in
    *' passed, '*' failed') echo "$last$label" ;;
    *) echo "fuzz_calls: no summary line (exit $rc)$label" ;;
    esac
    return $rc
}

fuzz "$exe" ''
rc=$?
[ $rc -ne 0 ] || rc=$selftest_rc
if [ -n "$exe32" ]; then
    fuzz "$exe32" -i386
    rc32=$?
    [ $rc -ne 0 ] || rc=$rc32
fi
exit $rc
