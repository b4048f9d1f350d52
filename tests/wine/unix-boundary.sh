#!/bin/sh
# The line between ws2_32.dll and ws2kit.so, tested as Wine runs it:
# - ws2kit.so calls the running Wine's ntdll.so with that Wine's convention
#   (Microsoft's up to Wine 8.9, System V from 8.10 on), whatever Wine ws2kit
#   was built against; the expectation comes from `wine --version`;
# - a Wine ws2kit does not know is refused: WSAStartup answers WSASYSNOTREADY
#   (10091) and an err: line names the version;
# - a fault inside ws2kit.so (injected with WS2KIT_INJECT_FAULT) is an err:
#   line naming the call and an exception in the caller, never a Winsock
#   error such as WSAENOTSOCK or a refused closesocket.
# Run by tests/wine/run.sh inside its prefix.  Prints "N passed, N failed".
set -u
: "${WINE:=wine}"
probe=${WS2KIT_BUILDDIR:?}/tests/wine/unixprobe.exe
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
. "$(dirname "$0")/../checks.sh"

# run_probe CALL [VAR=VALUE...]: the probe's stdout in $out, ws2kit's err/trace lines in $err.
run_probe()
{
    call=$1; shift
    env WINEDEBUG=-all,err+winsock,trace+winsock "$@" timeout 60 "$WINE" "$probe" "$call" >"$out.crlf" 2>"$err"
    rc=$?
    tr -d '\r' <"$out.crlf" >"$out"; rm -f "$out.crlf"
}

wine_version=$("$WINE" --version 2>/dev/null | sed -n 's/^wine-\([0-9]*\.[0-9]*\).*/\1/p')
major=${wine_version%%.*} minor=${wine_version#*.}
if [ "${major:-0}" -eq 8 ] && [ "${minor:-0}" -le 9 ]; then expected=ms_abi
elif [ "${major:-0}" -ge 9 ] || [ "${major:-0}" -eq 8 ]; then expected=sysv
else expected=unknown
fi
run_probe setsockopt
grep -q "ntdll.so called with $expected," "$err"
check $? "Wine $wine_version: ntdll.so should be called with $expected; ws2kit said: $(grep -a 'ntdll.so called' "$err")"
grep -qx "setsockopt: ret 0 error 0" "$out"; check $? "TCP_NODELAY through ws2kit.so: $(cat "$out")"

for unknown in 12.0 7.22; do
    run_probe gethostname WS2KIT_TEST_WINE_VERSION=$unknown
    grep -qx "startup: 10091" "$out"; check $? "Wine $unknown: WSAStartup should answer WSASYSNOTREADY: $(head -1 "$out")"
    grep -q "err:winsock:.*Wine $unknown" "$err"; check $? "Wine $unknown: no err: line names the version"
done

for call in setsockopt closesocket gethostname; do
    case $call in setsockopt) entry=setsockopt ;; closesocket) entry=is_socket ;; gethostname) entry=gethostname ;; esac
    run_probe $call WS2KIT_INJECT_FAULT=$entry
    grep -q "err:winsock:.*ws2kit.so faulted in $entry" "$err"; check $? "$call: no err: line for the fault in $entry"
    grep -qx "exception 0xc0000005" "$out" && [ $rc -eq 3 ]
    check $? "$call with a fault in $entry: expected an access violation in the caller, got: $(tail -1 "$out") (exit $rc)"
done
checks_done unix-boundary
