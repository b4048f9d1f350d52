#!/bin/sh
# Keep-alive on the wire.  A Windows program on ws2kit (in a network namespace
# of its own, with its own wineserver) talks to a peer in a second namespace
# over a veth pair; after one byte each way it turns keep-alive on and the
# peer vanishes (its address is removed, so nothing answers and nothing
# resets).  tcpdump on the client's veth counts the probes.  Windows (Vista
# and later) sends 10 probes: with 2 s idle and 1 s interval the connection
# fails about 12 s after the last activity, the pending recv() with
# WSAENETRESET and the next one with WSAECONNRESET.
#   vals:     WSAIoctl(SIO_KEEPALIVE_VALS, {1, 2000, 1000})
#   registry: setsockopt(SO_KEEPALIVE) with KeepAliveTime=2000 and
#             KeepAliveInterval=1000 in the prefix's registry
# Needs root (namespaces) and tcpdump; every address lives in the two
# namespaces the test creates and removes.
. "$(dirname "$0")/netns.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v tcpdump >/dev/null || ! command -v ip >/dev/null; then
    echo "keepalive-wire: needs root, ip and tcpdump; not run"
    exit 77
fi

id=$$
ns_client=ws2kit-c$id ns_peer=ws2kit-p$id
veth_client=wkc$id veth_peer=wkp$id
client_ip=10.213.0.1 peer_ip=10.213.0.2
work=$(mktemp -d /tmp/ws2kit-wire.XXXXXX)
pids=

cleanup() {
    for pid in $pids; do kill "$pid" 2>/dev/null; done
    ip netns exec "$ns_client" env WINEPREFIX="$work/prefix" wineserver -k 2>/dev/null
    ip netns del "$ns_client" 2>/dev/null
    ip netns del "$ns_peer" 2>/dev/null
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT INT TERM

in_client() { ip netns exec "$ns_client" "$@"; }

netns_pair "$ns_client" "$ns_peer" "$veth_client" "$veth_peer" "$client_ip" "$peer_ip" || exit 1
# A permanent neighbour entry: once the peer is gone the probes still leave as
# TCP (not as unanswered ARP), so tcpdump sees each one.
peer_mac=$(ip -n "$ns_peer" -o link show "$veth_peer" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
ip -n "$ns_client" neigh replace "$peer_ip" lladdr "$peer_mac" dev "$veth_client" nud permanent

export WINEPREFIX=$work/prefix WINEDEBUG=-all WINEDLLPATH=$build/winedll
netns_prefix "$ns_client" "$WINEPREFIX" || exit 1
key='HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters'
in_client "$WINE" reg add "$key" /v KeepAliveTime /t REG_DWORD /d 2000 /f >/dev/null 2>&1
in_client "$WINE" reg add "$key" /v KeepAliveInterval /t REG_DWORD /d 1000 /f >/dev/null 2>&1

run_mode() {
    mode=$1 port=$2
    ip -n "$ns_peer" addr replace "$peer_ip/24" dev "$veth_peer"
    ip netns exec "$ns_peer" "$build/tests/net/peer" "$peer_ip" "$port" > "$work/peer.$mode" 2>&1 &
    pids="$pids $!"
    wait_for "$work/peer.$mode" listening 10 || { check 1 "$mode: peer did not start"; return; }
    ip netns exec "$ns_client" tcpdump -i "$veth_client" -nn -tt -l -U "tcp and host $peer_ip and port $port" \
        > "$work/cap.$mode" 2>"$work/tcpdump.$mode" &
    tcpdump_pid=$!
    pids="$pids $tcpdump_pid"
    wait_for "$work/tcpdump.$mode" 'listening on' 10 || { check 1 "$mode: tcpdump did not start"; return; }

    ip netns exec "$ns_client" "$WINE" "$build/tests/net/kawire.exe" "$peer_ip" "$port" "$mode" > "$work/out.$mode" 2>&1 &
    client_pid=$!
    wait_for "$work/out.$mode" armed 60 || { check 1 "$mode: client did not arm keep-alive"; cat "$work/out.$mode"; return; }
    ip -n "$ns_peer" addr flush dev "$veth_peer"          # the peer vanishes
    if ! wait_for "$work/out.$mode" '^second' 40; then
        check 1 "$mode: recv did not fail within 40 s"
        in_client env WINEPREFIX="$WINEPREFIX" wineserver -k 2>/dev/null
        kill $client_pid 2>/dev/null
    fi
    wait $client_pid 2>/dev/null
    sleep 0.5
    kill $tcpdump_pid 2>/dev/null

    # The last packet carrying data (the echo) marks the last activity; the
    # probes are the empty bare-ACK segments the client sends at least 0.5 s
    # later (the RST that ends the connection is not a probe).
    awk -v client="$client_ip" '
        { t = $1 }
        / length [1-9]/ { last = t; n = 0; next }
        $3 ~ "^" client "\\." && /Flags \[\.\],/ && / length 0/ && last && t - last > 0.5 { probe[++n] = t }
        END {
            printf "probes=%d", n
            if (n) printf " first=%.2f", probe[1] - last
            for (i = 2; i <= n; i++) { d = probe[i] - probe[i - 1]; if (i == 2 || d < min) min = d; if (d > max) max = d }
            if (n > 1) printf " min_gap=%.2f max_gap=%.2f", min, max
            printf "\n"
        }' "$work/cap.$mode" > "$work/probes.$mode"
    echo "$mode: $(cat "$work/probes.$mode"); $(tr -d '\r' < "$work/out.$mode" | tr '\n' ' ')"

    probes=$(sed -n 's/.*probes=\([0-9]*\).*/\1/p' "$work/probes.$mode")
    first=$(sed -n 's/.*first=\([0-9.]*\).*/\1/p' "$work/probes.$mode")
    min_gap=$(sed -n 's/.*min_gap=\([0-9.]*\).*/\1/p' "$work/probes.$mode")
    max_gap=$(sed -n 's/.*max_gap=\([0-9.]*\).*/\1/p' "$work/probes.$mode")
    error=$(sed -n 's/^recv ret=-1 error=\([0-9]*\).*/\1/p' "$work/out.$mode" | tr -d '\r')
    elapsed=$(sed -n 's/.*elapsed_ms=\([0-9]*\).*/\1/p' "$work/out.$mode" | tr -d '\r')
    second=$(sed -n 's/^second ret=-1 error=\([0-9]*\).*/\1/p' "$work/out.$mode" | tr -d '\r')

    [ "${probes:-0}" -eq 10 ]; check $? "$mode: $probes probes, Windows sends 10"
    awk -v v="${first:-0}" 'BEGIN { exit !(v >= 1.5 && v <= 3.0) }'; check $? "$mode: first probe ${first:-?} s after the last activity, expected about 2"
    awk -v a="${min_gap:-0}" -v b="${max_gap:-9}" 'BEGIN { exit !(a >= 0.7 && b <= 1.6) }'
    check $? "$mode: probes ${min_gap:-?}..${max_gap:-?} s apart, expected about 1"
    awk -v v="${elapsed:-0}" 'BEGIN { exit !(v >= 11000 && v <= 14500) }'; check $? "$mode: failed after ${elapsed:-?} ms, expected about 12000"
    [ "${error:-0}" = 10052 ]; check $? "$mode: recv error ${error:-none}, Windows gives WSAENETRESET (10052)"
    [ "${second:-0}" = 10054 ]; check $? "$mode: next recv error ${second:-none}, Windows gives WSAECONNRESET (10054)"
}

run_mode vals 47001
run_mode registry 47002
checks_done keepalive-wire
