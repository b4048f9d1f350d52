#!/bin/sh
# ws2diag as people use it: run by tests/wine/run.sh inside its prefix
# (WINE, WINEPREFIX and WINEDLLPATH set).  Prints "N passed, N failed".
set -u
: "${WINE:=wine}"
diag=${WS2KIT_BUILDDIR:?}/programs/ws2diag/ws2diag.exe
. "$(dirname "$0")/../checks.sh"
out=$(mktemp)

run() { "$WINE" "$diag" "$@" >"$out" 2>&1; rc=$?; tr -d '\r' < "$out" > "$out.txt"; }
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
expect "defaults" 0 "KeepAliveTime *missing: default 7200000 applies" "idle 7200 s, interval 1 s, 10 probes"
run --set KeepAliveTime=2000
expect "set KeepAliveTime" 0 "KeepAliveTime set to 2000"
run --set keepaliveinterval=1000
expect "names are case-insensitive" 0 "KeepAliveInterval set to 1000"
run
expect "shows registry values" 0 "KeepAliveTime *2000" "idle 2 s, interval 1 s, 10 probes" "after about 12 s"
run --check
expect "check: the socket gets them" 0 "SO_KEEPALIVE=1  idle=2 s  interval=1 s  probes=10"
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
expect "refused values wrote nothing" 0 "KeepAliveTime *2000"
run --check nohost
expect "check wants HOST:PORT" 2 "wants HOST:PORT"
run --frobnicate
expect "unknown option" 2 "Usage:"
run --help
expect "help" 0 "Usage: ws2diag" "--check"
run --reset
expect "reset again" 0 "Windows' defaults apply"
run
expect "back to defaults" 0 "KeepAliveTime *missing"

rm -f "$out" "$out.txt"
checks_done ws2diag
