#!/bin/sh
# This computer's own name, as Windows resolves it: the addresses of its
# network interfaces (IPv6 first), and where none is up but loopback, ::1
# and 127.0.0.1, whether or not the host's resolver knows the name.  A
# container whose /etc/hosts lacks its host name (CI machines) must still
# resolve its own name.  tests/net/ownname.exe asks three ways
# (getaddrinfo, GetAddrInfoW(L""), gethostbyname); the expected addresses
# are read from `ip`, outside ws2kit.  Each case runs in a network and UTS
# namespace the test creates and removes, with a host name /etc/hosts does
# not have; Wine's builtin runs beside ws2kit and is reported, not gated.
# Needs root (namespaces).
. "$(dirname "$0")/netns.sh"

# Inside one case's namespaces (re-run by ip netns exec + unshare -u):
# set the host name, then run the program in a prefix; its wineserver
# starts here and is stopped before leaving.
if [ "${1:-}" = inside ]; then
    hostname "$2"
    WINEPREFIX=$3 timeout 90 "$WINE" "$build/tests/net/ownname.exe" 2>/dev/null | tr -d '\r'
    WINEPREFIX=$3 wineserver -k 2>/dev/null
    exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v ip >/dev/null || ! command -v unshare >/dev/null; then
    echo "own-name: needs root, ip and unshare; not run"
    exit 77
fi

id=$$
ns_a=ws2kit-ona$id ns_b=ws2kit-onb$id ns_peer=ws2kit-onp$id
work=$(mktemp -d /tmp/ws2kit-ownname.XXXXXX)
name=ws2kit-unlisted-$id
cleanup() {
    for ns in "$ns_a" "$ns_b" "$ns_peer"; do ip netns del "$ns" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

# Two prefixes, made outside the namespaces: ws2kit's and the builtin's.
export WINEDEBUG=-all
WINEPREFIX=$work/ws2kit "$WINEBOOT" -i >/dev/null 2>&1
WINEPREFIX=$work/ws2kit sh "$src/tools/prefix.sh" install "$work/ws2kit" >/dev/null || exit 1
WINEPREFIX=$work/ws2kit wineserver -k 2>/dev/null
WINEPREFIX=$work/builtin "$WINEBOOT" -i >/dev/null 2>&1
WINEPREFIX=$work/builtin wineserver -k 2>/dev/null

# Case A: only loopback.  Case B: one interface, 10.216.0.1 on a veth.
ip netns add "$ns_a" && ip -n "$ns_a" link set lo up || exit 1
netns_pair "$ns_b" "$ns_peer" won$id wop$id 10.216.0.1 10.216.0.2 || exit 1
grep -qw "$name" /etc/hosts; check $((!$?)) "/etc/hosts knows $name; the test needs a name it lacks"

# IPv6 link-local addresses count too (Windows lists them); wait until the
# veth's has passed duplicate address detection.
for i in $(seq 1 50); do
    ip -n "$ns_b" addr show | grep -q tentative || break
    sleep 0.1
done

# addresses NS SCOPE FAMILY: NS's addresses of FAMILY (inet6 or inet) on
# interfaces of SCOPE (lo or other), as ip reports them.
addresses() {
    ip -n "$1" -o addr show 2>/dev/null | awk -v scope="$2" -v fam="$3" '
        $3 == fam && (($2 == "lo") == (scope == "lo")) { sub(/\/.*/, "", $4); printf " %s", $4 }'
}
# expected NS SCOPE: IPv6 first, then IPv4 (Windows' default order).
expected() { echo "$(addresses "$1" "$2" inet6)$(addresses "$1" "$2" inet)"; }

# run_case LABEL NS EXPECT EXPECT_V4: both DLLs; ws2kit's lines must match.
run_case() {
    for dll in ws2kit builtin; do
        ip netns exec "$2" unshare -u env WINEDLLPATH="$([ $dll = ws2kit ] && echo "$build/winedll")" \
            sh "$0" inside "$name" "$work/$dll" > "$work/$1.$dll" 2>&1
    done
    for call in getaddrinfo GetAddrInfoW gethostbyname; do
        want=$3
        [ $call = gethostbyname ] && want=$4
        got=$(sed -n "s/^$call//p" "$work/$1.ws2kit")
        builtin=$(sed -n "s/^$call//p" "$work/$1.builtin")
        printf '%-22s %-14s ws2kit:%s | builtin:%s | want:%s\n' "$1" "$call" "$got" "$builtin" "$want"
        [ "$got" = "$want" ]; check $? "$1: $call gave '$got', Windows gives '$want'"
    done
}
lo_all=$(expected "$ns_a" lo) lo_v4=$(addresses "$ns_a" lo inet)
if_all=$(expected "$ns_b" other) if_v4=$(addresses "$ns_b" other inet)
run_case loopback-only "$ns_a" "$lo_all" "$lo_v4"
run_case one-interface "$ns_b" "$if_all" "$if_v4"
checks_done own-name
