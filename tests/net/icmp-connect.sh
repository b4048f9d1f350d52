#!/bin/sh
# A connect failed by ICMP.  A Windows program on ws2kit (in a network
# namespace of its own, with its own wineserver) connects through a router in
# a second namespace to an address the router has an "unreachable" route
# for: the router answers the SYN with ICMP host unreachable.  With
# TCP_FAIL_CONNECT_ON_ICMP_ERROR on, the connect fails at once with
# WSAEHOSTUNREACH and TCP_ICMP_ERROR_INFO names the router, type 3, code 1
# (tests/net/icmpconn.c checks that).  The wineserver must stay idle after
# the failure (the socket's Linux error queue is read, not left to poll on).
# Needs root (namespaces); every address lives in the namespaces the test
# creates and removes.
. "$(dirname "$0")/netns.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null; then
    echo "icmp-connect: needs root and ip; not run"
    exit 77
fi

id=$$
ns_client=ws2kit-ic$id ns_router=ws2kit-ir$id
veth_client=wic$id veth_router=wir$id
client_ip=10.214.0.1 router_ip=10.214.0.2 unreachable=10.214.9.9
work=$(mktemp -d /tmp/ws2kit-icmp.XXXXXX)

cleanup() {
    ip netns exec "$ns_client" env WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null
    ip netns del "$ns_client" 2>/dev/null
    ip netns del "$ns_router" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

in_client() { ip netns exec "$ns_client" "$@"; }

netns_pair "$ns_client" "$ns_router" "$veth_client" "$veth_router" "$client_ip" "$router_ip" || exit 1
ip -n "$ns_client" route add 10.214.9.0/24 via "$router_ip"
ip netns exec "$ns_router" sysctl -q -w net.ipv4.ip_forward=1
ip -n "$ns_router" route add unreachable "$unreachable"

export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLPATH=$build/winedll
netns_prefix "$ns_client" "$WINEPREFIX" || exit 1

in_client timeout 90 "$WINE" "$build/tests/net/icmpconn.exe" "$unreachable" "$router_ip" 47003 > "$work/out" 2>&1 &
client=$!

# While a failed socket with an unread ICMP error stays open, the wineserver
# is idle: the CPU ticks it spends in 2 s.
if wait_for "$work/out" 'unread error pending' 60; then
    server=
    for pid in $(ip netns pids "$ns_client"); do
        case $(cat "/proc/$pid/comm" 2>/dev/null) in wineserver*) server=$pid;; esac
    done
    [ -n "$server" ]; check $? "no wineserver in the client namespace to measure"
    if [ -n "$server" ]; then
        ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat" 2>/dev/null || echo 0; }
        before=$(ticks); sleep 2; after=$(ticks)
        [ $((after - before)) -lt 20 ]; check $? "the wineserver used $((after - before)) ticks in 2 s"
        echo "wineserver: $((after - before)) ticks in 2 s with an unread ICMP error"
    fi
else
    check 1 "icmpconn.exe did not reach the idle check"
fi
wait $client
rc=$?
tr -d '\r' < "$work/out" | grep -v '^[0-9a-f]*:fixme:'
[ $rc -eq 0 ]; check $? "icmpconn.exe exited $rc"
grep -q 'tests executed (0 failures)' "$work/out"; check $? "icmpconn.exe did not pass"
checks_done icmp-connect
