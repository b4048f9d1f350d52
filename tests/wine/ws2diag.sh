#!/bin/sh
# ws2diag as people use it: run by tests/wine/run.sh inside its prefix
# (WINE, WINEPREFIX and WINEDLLPATH set).  Prints "N passed, N failed".
set -u
: "${WINE:=wine}"
diag=${WS2KIT_BUILDDIR:?}/programs/ws2diag/ws2diag.exe
. "$(dirname "$0")/../checks.sh"
out=$(mktemp)

run() { "$WINE" "$diag" "$@" >"$out" 2>&1; rc=$?; tr -d '\r' < "$out" > "$out.txt"; }

# What Linux holds for a socket a new process sets SO_KEEPALIVE on, read
# from outside ws2kit (tests/net/sockpeek), not from ws2diag's own report.
#   linux_gets DESCRIPTION "idle I interval N count C"
linux_gets()
{
    what=$1 expected=$2 done_file=$WINEPREFIX/drive_c/kaset.done
    rm -f "$done_file" "$out.ka"
    "$WINE" "$WS2KIT_BUILDDIR/tests/wine/kaset.exe" so_keepalive >"$out.ka" 2>/dev/null &
    for i in $(seq 1 300); do grep -q '^so_keepalive ' "$out.ka" 2>/dev/null && break; sleep 0.1; done
    port=$(tr -d '\r' <"$out.ka" | grep '^so_keepalive ' | cut -d' ' -f2)
    linux=$("$WS2KIT_BUILDDIR/tests/net/sockpeek" "${port:-0}" 2>&1)
    touch "$done_file"; wait
    ok=1
    set -- $expected
    while [ $# -ge 2 ]; do
        echo " $linux " | grep -q " $1 $2 " || ok=0
        shift 2
    done
    if [ $ok -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $what: Linux holds '$linux', expected $expected"; fi
    rm -f "$done_file" "$out.ka"
}
expect() { # DESCRIPTION EXPECTED-RC [GREP-PATTERN...]
    what=$1 want=$2; shift 2
    ok=1
    [ "$rc" -eq "$want" ] || { ok=0; echo "FAIL: $what: exit $rc, expected $want"; }
    for pattern in "$@"; do
        grep -q -- "$pattern" "$out.txt" || { ok=0; echo "FAIL: $what: no '$pattern' in:"; sed 's/^/    /' "$out.txt"; }
    done
    if [ $ok -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

run --reset
expect "reset" 0 "Windows' defaults apply"
run
expect "defaults" 0 "KeepAliveTime: missing, default 7200000 applies" "idle 7200 s, interval 1 s, 10 probes"
run --set KeepAliveTime=2000
expect "set KeepAliveTime" 0 "KeepAliveTime set to 2000"
run --set keepaliveinterval=1000
expect "names are case-insensitive" 0 "KeepAliveInterval set to 1000"
run
expect "shows registry values" 0 "KeepAliveTime: 2000 from the registry" "idle 2 s, interval 1 s, 10 probes" "after about 12 s"
run --check
expect "check: the socket gets them" 0 "SO_KEEPALIVE=1  idle=2 s  interval=1 s  probes=10"
linux_gets "a new process's socket holds them" "keepalive 1 idle 2 interval 1 count 10"
run --set KeepAliveTime=0
expect "out of range is refused" 2 "must be a whole number from 1"
run --set KeepAliveTime=12abc
expect "junk is refused" 2 "must be a whole number"
run --set KeepAliveTime=4294967296
expect "overflow is refused" 2 "must be a whole number"
run --set Bogus=1
expect "unknown name is refused" 2 "one of the four names" "Usage:"
run --set KeepAliveTime
expect "missing value is refused" 2 "Usage:"
run
expect "refused values wrote nothing" 0 "KeepAliveTime: 2000 from the registry"
run --check nohost
expect "check wants HOST:PORT" 2 "wants HOST:PORT"
run --frobnicate
expect "unknown option" 2 "Usage:"
run --help
expect "help" 0 "Usage: ws2diag" "--check"
run --reset
expect "reset again" 0 "Windows' defaults apply"
run
expect "back to defaults" 0 "KeepAliveTime: missing"
linux_gets "a new process's socket holds the defaults" "keepalive 1 idle 7200 interval 1 count 10"

rm -f "$out" "$out.txt"
checks_done ws2diag
