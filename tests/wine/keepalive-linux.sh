#!/bin/sh
# What Linux holds after ws2kit applies Windows' keep-alive values, read from
# outside ws2kit (tests/net/sockpeek reads the socket with Linux's getsockopt):
# milliseconds become the nearest whole second (halves up), clamped to Linux's
# 1..32767 s and 1..127 probes; SO_KEEPALIVE gives the prefix's defaults (no
# registry values here: Windows' 7200 s, 1 s, 10 probes), also when one
# TCP_KEEP* option came between two such calls (ws2kit then sets the timers
# again; it skips them only when the socket holds them).  Windows' own view
# (what getsockopt answers) is tests/wine/keepalive.c's.  The opt: cases do
# the same for the other options ws2kit hands Linux as they are (the option
# table's kernel rows: TCP_NODELAY, SO_OOBINLINE, IP_TTL, IP_TOS), and reuse
# that an option set on a socket whose handle value a closed one had reaches
# the new socket (ws2kit.so keeps fds of fresh sockets by handle).
# Run by tests/wine/run.sh inside its prefix.  Prints "N passed, N failed".
set -u
: "${WINE:=wine}"
build=${WS2KIT_BUILDDIR:?}
out=$(mktemp)
done_file=$WINEPREFIX/drive_c/kaset.done
trap 'touch "$done_file"; wait; rm -f "$out" "$done_file"' EXIT
. "$(dirname "$0")/../checks.sh"

# case | expected "keepalive K idle I interval N count C" from Linux
cases='vals:0:0|keepalive 1 idle 1 interval 1 count 10
vals:1499:1500|keepalive 1 idle 1 interval 2 count 10
vals:2500:61000|keepalive 1 idle 3 interval 61 count 10
vals:40000000:40000000|keepalive 1 idle 32767 interval 32767 count 10
so_keepalive|keepalive 1 idle 7200 interval 1 count 10
so_keepalive+keepalive:77+so_keepalive|keepalive 1 idle 7200 interval 1 count 10
vals:5000:3000+keepintvl:9+vals:5000:3000|keepalive 1 idle 5 interval 3 count 10
keepcnt:200|count 127
keepalive:40000|idle 32767
keepintvl:0|interval 1
opt:6:1:1|nodelay 1
opt:65535:256:1|oobinline 1
opt:0:4:77|ttl 77
opt:0:3:32|tos 32
reuse|nodelay 1'

rm -f "$done_file"
"$WINE" "$build/tests/wine/kaset.exe" $(echo "$cases" | cut -d'|' -f1) >"$out" 2>/dev/null &
for i in $(seq 1 300); do
    [ "$(grep -c . "$out")" -ge "$(echo "$cases" | grep -c .)" ] && break
    sleep 0.1
done
echo "$cases" | while IFS='|' read -r case expected; do
    line=$(tr -d '\r' <"$out" | grep "^$case ")
    port=$(echo "$line" | cut -d' ' -f2) err=$(echo "$line" | cut -d' ' -f3)
    [ "$err" = 0 ]; check $? "$case: the Winsock call failed (error ${err:-none}; output: $line)"
    linux=$("$build/tests/net/sockpeek" "$port" 2>&1)
    set -- $expected
    while [ $# -ge 2 ]; do
        echo " $linux " | grep -q " $1 $2 "; check $? "$case: Linux holds '$linux', expected $1 $2"
        shift 2
    done
    echo "passed=$passed failed=$failed" > "$out.counts"
done
. "$out.counts"; rm -f "$out.counts"
touch "$done_file"
checks_done keepalive-linux
