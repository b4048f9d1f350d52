#!/bin/sh
# The README's demo: a fresh prefix with ws2kit, and keep-alive in action,
# first with Windows' defaults, then with values an administrator set in the
# prefix's registry.  Run through `make demo`.
set -eu
: "${WINE:=wine}" "${WINEBOOT:=wineboot}"
cd "$WS2KIT_BUILDDIR"
prefix=${WS2KIT_DEMO_PREFIX:-$(mktemp -d /tmp/ws2kit-demo.XXXXXX)}
export WINEPREFIX=$prefix WINEDEBUG=${WINEDEBUG:--all}
if [ ! -f "$WS2KIT_WINE_DLLDIR/x86_64-unix/ws2kit.so" ]; then
    echo "(ws2kit.so is not installed in Wine's dll directory: using the build tree through WINEDLLPATH)"
    export WINEDLLPATH=$WS2KIT_BUILDDIR/winedll
fi
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
sh "$srcdir/tools/prefix.sh" install "$prefix"

show_linux_socket() {
    # Runs kademo holding its connection open, and asks Linux about it.
    "$WINE" programs/kademo/kademo.exe --hold 3 > "$prefix/kademo.out" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do
        grep -q '^ready port=' "$prefix/kademo.out" 2>/dev/null && break
        sleep 0.1
    done
    sed '/^ready port=/d' "$prefix/kademo.out"
    port=$(sed -n 's/^ready port=//p' "$prefix/kademo.out" | tr -d '\r')
    if [ -n "$port" ] && command -v ss >/dev/null; then
        echo "  ss -tno says, for that connection (timer:(keepalive,<time left>,<probes sent>)):"
        ss -tno "sport = :$port" | sed 's/^/    /'
    fi
    wait $pid || true
}

diag() { echo "\$ ws2diag $*"; "$WINE" programs/ws2diag/ws2diag.exe "$@" | tr -d '\r' | sed 's/^/  /'; }

echo
echo "=== 1. A new prefix: no keep-alive values in its registry"
diag
show_linux_socket

echo
echo "=== 2. The administrator sets KeepAliveTime=30000 and KeepAliveInterval=2000 (ms)"
diag --set KeepAliveTime=30000
diag --set KeepAliveInterval=2000
diag
diag --check
show_linux_socket

echo
echo "Wine's builtin ws2_32 would have given Linux's 7200 s / 75 s / 9 probes for SO_KEEPALIVE"
echo "and ignored the registry.  The demo prefix is $prefix"
