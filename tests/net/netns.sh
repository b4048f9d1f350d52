# Sourced first by the network tests (tests/net/*.sh): their environment
# (WS2KIT_BUILDDIR as $build, WS2KIT_SRCDIR as $src, WINE, WINEBOOT), the
# check counters (tests/checks.sh), namespaces of the test's own, the Wine
# prefix inside one of them, and waiting for a program's output.
set -u
: "${WINE:=wine}" "${WINEBOOT:=wineboot}"
build=${WS2KIT_BUILDDIR:?}
src=${WS2KIT_SRCDIR:?}
. "$src/tests/checks.sh"

# netns_pair NS_A NS_B VETH_A VETH_B IP_A IP_B: two new namespaces joined by
# a veth pair, each end addressed (/24) and up, loopback up in both.
netns_pair() {
    ip netns add "$1" && ip netns add "$2" || return 1
    ip link add "$3" netns "$1" type veth peer name "$4" netns "$2" || return 1
    ip -n "$1" addr add "$5/24" dev "$3"
    ip -n "$2" addr add "$6/24" dev "$4"
    for ns in "$1" "$2"; do ip -n "$ns" link set lo up; done
    ip -n "$1" link set "$3" up
    ip -n "$2" link set "$4" up
}

# netns_prefix NS PREFIX: a new Wine prefix with ws2kit installed, made
# inside NS (so that its wineserver lives there).
netns_prefix() {
    ip netns exec "$1" env WINEPREFIX="$2" "$WINEBOOT" -i >/dev/null 2>&1
    ip netns exec "$1" env WINEPREFIX="$2" sh "$src/tools/prefix.sh" install "$2" >/dev/null
}

# wait_for FILE PATTERN SECONDS: until FILE has a line matching PATTERN.
wait_for() {
    i=0
    while ! grep -q "$2" "$1" 2>/dev/null; do
        i=$((i + 1)); [ $i -gt $(($3 * 10)) ] && return 1; sleep 0.1
    done
}
