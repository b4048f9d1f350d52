#!/bin/sh
# The keep-alive registry values are read once per process, however many
# sockets use them: WINEDEBUG=+keepalive traces the read and every use.
# Run by tests/wine/run.sh inside its prefix.  Prints "N passed, N failed".
set -u
: "${WINE:=wine}"
build=${WS2KIT_BUILDDIR:?}
log=$(mktemp)
. "$(dirname "$0")/../checks.sh"

"$WINE" reg delete 'HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters' /v KeepAliveTime /f >/dev/null 2>&1
WINEDEBUG=-all,+keepalive "$WINE" "$build/programs/kademo/kademo.exe" >/dev/null 2>"$log"
uses=$(grep -c ':trace:keepalive:apply ' "$log")
reads=$(grep -c ':trace:keepalive:load_settings KeepAliveTime' "$log")
[ "$uses" -ge 2 ]; check $? "kademo used keep-alive $uses times (expected 2 or more)"
[ "$reads" -eq 1 ]; check $? "the registry was read $reads times for $uses uses (expected once)"
grep -q 'KeepAliveTime: missing, default 7200000 applies' "$log"; check $? "the trace says which default applies"

rm -f "$log"
checks_done registry-once
