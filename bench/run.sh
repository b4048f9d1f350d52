#!/bin/sh
# ws2kit against Wine's builtin ws2_32, side by side, in one throwaway prefix.
#
# The prefix gets ws2kit installed (tools/prefix.sh); every benchmark program
# then runs alternately on ws2kit (the prefix's own setting) and on Wine's
# builtin (WINEDLLOVERRIDES=ws2_32=b), BENCH_ALTERNATIONS times, the order
# flipping each time, so that drift on the machine hits both alike.  Each run
# prints per-metric medians; the table shows the median of those per side.
# The programs report which ws2_32.dll they measured, and a run on the wrong
# one stops the benchmark.  Two host programs give the native Linux figures
# for reference: bench/raw_setsockopt.c the socket-option calls,
# bench/native_net.c the network exchanges (ping-pong, bulk, UDP
# request/response, select/poll echo servers, an epoll echo server standing
# in for the completion port).  The Windows programs also report the
# wineserver's CPU time per 100,000 requests (metrics ending in _srvms): this
# script finds the prefix's one wineserver and passes its pid in
# BENCH_WINESERVER_PID.  The table gives, for each metric, both sides, their
# ratio, the native figure and the target the ratio is held to (issue 15;
# a missed target is reported, it does not fail the run).  The prefix is
# removed at the end, also on interrupt.
#
# Environment (set by `make bench`): WS2KIT_BUILDDIR, WS2KIT_WINE_DLLDIR,
# WINE, WINEBOOT.  Optional:
#   BENCH_ALTERNATIONS  runs per side and program (default 3)
#   BENCH_NET_ARGS      extra bench_net.exe options (default --repeat 3)
#   BENCH_SOCKOPT_ARGS  extra bench_sockopt.exe options (default --repeat 5)
#   BENCH_IOCP_ARGS     extra bench_iocp.exe options (default --repeat 5: 1000
#                       echo connections on one completion port, 2 workers)
#   BENCH_POLL_ARGS     extra bench_poll.exe options (default --repeat 3: 100
#                       echo connections, select() then WSAPoll())
#   BENCH_NATIVE_ARGS   extra native_net options (default --repeat 3)
#   BENCH_RUN_TIMEOUT   seconds one run may take before it is killed (default 90)
#   BENCH_CPUS          a taskset CPU list (e.g. 0): pin the wineserver and every
#                       program to it (default: not pinned)
#   CC                  the host compiler for the host programs (default cc;
#                       CC=false leaves the native column empty)
set -u
: "${WINE:=wine}" "${WINEBOOT:=wineboot}" "${CC:=cc}"
: "${BENCH_ALTERNATIONS:=3}" "${BENCH_RUN_TIMEOUT:=90}"
: "${BENCH_NET_ARGS=--repeat 3}" "${BENCH_SOCKOPT_ARGS=--repeat 5}" "${BENCH_IOCP_ARGS=--repeat 5}"
: "${BENCH_POLL_ARGS=--repeat 3}" "${BENCH_NATIVE_ARGS=--repeat 3}"
started=$(date +%s)
srcdir=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${WS2KIT_BUILDDIR:-}" ]; then
    echo "run.sh: set WS2KIT_BUILDDIR to the build tree (or run make bench)" >&2
    exit 2
fi
WS2KIT_BUILDDIR=$(cd "$WS2KIT_BUILDDIR" && pwd) || exit 2
if [ -z "${WS2KIT_WINE_DLLDIR:-}" ]; then
    for dir in /usr/lib/x86_64-linux-gnu/wine /usr/lib64/wine /usr/lib/wine /usr/local/lib/wine; do
        if [ -f "$dir/x86_64-windows/ws2_32.dll" ]; then WS2KIT_WINE_DLLDIR=$dir; break; fi
    done
    : "${WS2KIT_WINE_DLLDIR:?run.sh: set WS2KIT_WINE_DLLDIR to the Wine library directory}"
fi
export WS2KIT_BUILDDIR WS2KIT_WINE_DLLDIR WINE WINEBOOT
case $BENCH_ALTERNATIONS in ''|*[!0-9]*|0) echo "run.sh: BENCH_ALTERNATIONS must be a positive number" >&2; exit 2;; esac

# The programs use the build tree's Unix library, but Wine looks in its own
# dll directory first: a different ws2kit.so installed there would be measured.
installed=$WS2KIT_WINE_DLLDIR/x86_64-unix/ws2kit.so
if [ -f "$installed" ] && ! cmp -s "$installed" "$WS2KIT_BUILDDIR/winedll/x86_64-unix/ws2kit.so"; then
    echo "run.sh: $installed differs from this build: run make install (or uninstall) first" >&2
    exit 1
fi

# ------------------------------------------------------------ the prefix
prefix='' child=''
cleanup()
{
    trap - EXIT INT TERM HUP
    if [ -n "$child" ]; then kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; fi
    if [ -n "$prefix" ] && [ -d "$prefix" ]; then
        WINEPREFIX=$prefix wineserver -k 2>/dev/null
        WINEPREFIX=$prefix timeout 10 wineserver -w 2>/dev/null
        rm -rf "$prefix"
    fi
}
trap cleanup EXIT
trap 'echo "run.sh: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Runs a command in the background, bounded, and waits for it: a signal to
# this shell is then handled at once rather than after the command.
#   bounded SECONDS OUTPUT-FILE COMMAND...
bounded()
{
    limit=$1 out=$2
    shift 2
    timeout -k 5 "$limit" "$@" >"$out" 2>&1 &
    child=$!
    wait "$child"
    rc=$?
    child=
    return $rc
}

prefix=$(mktemp -d "${TMPDIR:-/tmp}/ws2kit-bench.XXXXXX") || exit 1
export WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLPATH="$WS2KIT_BUILDDIR/winedll"
unset WINEDLLOVERRIDES
echo "bench: prefix $prefix"

# The benchmarks are not among the default build products: make them here.
if ! make -C "$WS2KIT_BUILDDIR" dlls/ws2_32/ws2_32.dll winedll/x86_64-windows/ws2kit.dll \
        winedll/x86_64-unix/ws2kit.so bench/bench_net.exe bench/bench_sockopt.exe bench/bench_iocp.exe bench/bench_poll.exe \
        >"$prefix/make.log" 2>&1; then
    echo "run.sh: building the benchmarks failed:" >&2
    tail -n 20 "$prefix/make.log" >&2
    exit 1
fi
if ! bounded 180 "$prefix/wineboot.log" "$WINEBOOT" -i ||
   ! bounded 120 "$prefix/install.log" sh "$srcdir/tools/prefix.sh" install "$prefix"; then
    echo "run.sh: could not set up the prefix:" >&2
    cat "$prefix/wineboot.log" "$prefix/install.log" 2>/dev/null | tail -n 20 >&2
    exit 1
fi
# One wineserver for all runs, so that none of them pays for its start-up
# (the one wineboot started is gone after prefix.sh, which waits for it).
pin=
if [ -n "${BENCH_CPUS:-}" ]; then
    pin="taskset -c $BENCH_CPUS"
    $pin true || { echo "run.sh: taskset -c $BENCH_CPUS does not work" >&2; exit 2; }
    echo "bench: wineserver and programs pinned to CPU(s) $BENCH_CPUS"
fi
WINEPREFIX=$prefix timeout 10 wineserver -w 2>/dev/null
$pin wineserver -p >/dev/null 2>&1

# That wineserver's pid: the one whose environment names this prefix (other
# prefixes' servers may run beside it).  The programs read its CPU time.
server_pid=
tries=0
while [ -z "$server_pid" ] && [ $tries -lt 20 ]; do
    for dir in /proc/[0-9]*; do     # not pgrep: a minimal system (tests/wine10) lacks it
        case $(cat "$dir/comm" 2>/dev/null) in *wineserver*) ;; *) continue ;; esac
        if { tr '\0' '\n' <"$dir/environ"; } 2>/dev/null | grep -qxF "WINEPREFIX=$prefix"; then
            server_pid=${dir#/proc/}
            break
        fi
    done
    [ -n "$server_pid" ] || { sleep 0.2; tries=$((tries + 1)); }
done
if [ -n "$server_pid" ] && [ -r "/proc/$server_pid/stat" ]; then
    echo "bench: wineserver pid $server_pid (its CPU time is read per measured phase)"
else
    echo "bench: the prefix's wineserver was not found: no wineserver CPU figures"
    server_pid=
fi
BENCH_WINESERVER_PID=$server_pid BENCH_CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
export BENCH_WINESERVER_PID BENCH_CLK_TCK

# The host programs: native Linux figures for the same exchanges.
raw= native=
if "$CC" -O2 -o "$prefix/raw_setsockopt" "$srcdir/bench/raw_setsockopt.c" 2>"$prefix/cc.log" &&
   "$CC" -O2 -pthread -o "$prefix/native_net" "$srcdir/bench/native_net.c" 2>>"$prefix/cc.log"; then
    raw=$prefix/raw_setsockopt native=$prefix/native_net
else
    echo "bench: no native Linux reference: $CC failed:"; sed -n 1,5p "$prefix/cc.log"
fi

# ------------------------------------------------------------ the runs
# results: one line per measured value: PROGRAM SIDE ALTERNATION METRIC VALUE
results=$prefix/results
: >"$results"
failures=0

# run_one PROGRAM SIDE ALTERNATION: one program on one side, recorded.
run_one()
{
    prog=$1 side=$2 n=$3
    log=$prefix/$prog.$side.$n.log
    t0=$(date +%s)
    case $prog in
    bench_net)      set -- "$WS2KIT_BUILDDIR/bench/bench_net.exe" --timeout 60 $BENCH_NET_ARGS ;;
    bench_sockopt)  set -- "$WS2KIT_BUILDDIR/bench/bench_sockopt.exe" --timeout 60 $BENCH_SOCKOPT_ARGS ;;
    bench_iocp)     set -- "$WS2KIT_BUILDDIR/bench/bench_iocp.exe" --timeout 60 $BENCH_IOCP_ARGS ;;
    bench_poll)     set -- "$WS2KIT_BUILDDIR/bench/bench_poll.exe" --timeout 60 $BENCH_POLL_ARGS ;;
    raw_setsockopt) set -- "$raw" ;;
    native_net)     set -- "$native" --timeout 60 $BENCH_NATIVE_ARGS ;;
    esac
    case $side in
    builtin) set -- env WINEDLLOVERRIDES=ws2_32=b "$WINE" "$@" ;;
    ws2kit)  set -- "$WINE" "$@" ;;
    esac
    bounded "$BENCH_RUN_TIMEOUT" "$log" $pin "$@"
    rc=$?
    # Which module was measured, as the program saw it.
    seen=$(sed -n 's/^# ws2_32.dll: \(.*\) impl=\([a-z0-9]*\).*/\2 (\1)/p' "$log" | tr -d '\r' | head -n 1)
    printf 'bench: [%s/%s] %-14s %-7s %3ss exit %s %s\n' "$n" "$BENCH_ALTERNATIONS" "$prog" "$side" \
        "$(($(date +%s) - t0))" "$rc" "${seen:+measured $seen}"
    tr -d '\r' <"$log" | sed -n 's/^metric=\([^ ]*\) value=\([^ ]*\) impl=\([^ ]*\).*/\1 \2 \3/p' >"$log.metrics"
    while read -r metric value impl; do
        if [ "$impl" != "$side" ]; then
            echo "run.sh: $prog was to run on $side but measured $impl: the override did not work" >&2
            exit 1
        fi
        echo "$prog $side $n $metric $value" >>"$results"
    done <"$log.metrics"
    # A read-back that differs means the timed call did not do its work: on
    # ws2kit the run fails (so does an option it calls unsupported); the
    # builtin's are Wine's to fix, and are shown.
    mismatches=$(tr -d '\r' <"$log" | grep -c -e 'MISMATCH' -e 'getsockopt failed')
    unsupported=$(grep -c ' unsupported ' "$log.metrics")
    if [ "$mismatches" -gt 0 ] || [ "$unsupported" -gt 0 ]; then
        echo "bench: $prog on $side: $mismatches read-back(s) differ from what was set, $unsupported unsupported call(s):"
        tr -d '\r' <"$log" | grep -e 'MISMATCH' -e 'getsockopt failed' | sed 's/^/  | /'
        grep ' unsupported ' "$log.metrics" | sed 's/^/  | /'
        [ "$side" = ws2kit ] && failures=$((failures + 1))
    fi
    if [ $rc -ne 0 ] || [ ! -s "$log.metrics" ] || grep -q ' error ' "$log.metrics"; then
        failures=$((failures + 1))
        case $rc in 124|137) why="killed after ${BENCH_RUN_TIMEOUT}s" ;; *) why="exit status $rc" ;; esac
        echo "bench: $prog on $side failed ($why); its output:"
        tr -d '\r' <"$log" | grep -v -e ':fixme:' -e '^# [a-z_]* \(sample\|batch\)' | tail -n 25 | sed 's/^/  | /'
    fi
}

n=1
while [ "$n" -le "$BENCH_ALTERNATIONS" ]; do
    if [ $((n % 2)) -eq 1 ]; then order="builtin ws2kit"; else order="ws2kit builtin"; fi
    for prog in bench_net bench_sockopt bench_iocp bench_poll; do
        for side in $order; do
            run_one "$prog" "$side" "$n"
        done
    done
    [ -n "$raw" ] && run_one raw_setsockopt linux "$n"
    [ -n "$native" ] && run_one native_net linux "$n"
    n=$((n + 1))
done

# ------------------------------------------------------------ the table
echo
awk '
function isnum(v) { return v ~ /^[0-9]+(\.[0-9]+)?$/ }
function med(list,    a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++)            # insertion sort, numerically
        for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] + 0 : (a[n / 2] + a[n / 2 + 1]) / 2
}
# Whether the runs of one side disagree by more than half: max > 1.5 * min.
function noisy(m, side,    a, n, i, lo, hi) {
    if (!((m, side) in vals) || (m, side) in bad) return 0
    n = split(vals[m, side], a, " ")
    lo = hi = a[1] + 0
    for (i = 2; i <= n; i++) { if (a[i] + 0 < lo) lo = a[i] + 0; if (a[i] + 0 > hi) hi = a[i] + 0 }
    return hi > 1.5 * lo
}
# The median of one side; "unsupported" or "error" when a run said so.
function cell(m, side) {
    if (!((m, side) in vals)) return "-"
    if ((m, side) in bad) return bad[m, side]
    return sprintf(m ~ /_us$/ ? "%.3f" : "%.1f", med(vals[m, side]))
}
# The ratio a metric is held to (issue 15): its comparison and its bound.
function target(m) {
    if (m ~ /_srvms$/) return "<=0.2"
    if (m ~ /^(pingpong|udp_rr_[0-9]+)_rps$/) return ">=5"
    if (m ~ /_echo_rps$/) return ">=3"
    if (m ~ /_mibps$/) return ">=1.5"
    if (m ~ /_us$/) return ">=1"
    return ""
}
function met(t, r) {
    if (t == "" || r == "-") return "-"
    r += 0
    if (substr(t, 1, 2) == "<=") return r <= substr(t, 3) + 0 ? "met" : "not met"
    return r >= substr(t, 3) + 0 ? "met" : "not met"
}
{
    m = $4
    if (!(m in seen)) { seen[m] = 1; order[++count] = m }
    vals[m, $2] = vals[m, $2] " " $5
    if (!isnum($5)) bad[m, $2] = ((m, $2) in bad && bad[m, $2] == "error") ? "error" : $5
}
END {
    fmt = "%-32s %11s %11s %7s %11s %8s %6s %-7s\n"
    printf fmt, "metric", "builtin", "ws2kit", "ratio", "native", "w/native", "target", ""
    for (i = 1; i <= count; i++) {
        m = order[i]
        b = cell(m, "builtin"); w = cell(m, "ws2kit"); l = cell(m, "linux")
        ratio = "-"; vsnative = "-"
        if (m ~ /_srvms$/) {
            # CPU time per request: ws2kit/builtin, lower is better.
            if (isnum(b) && isnum(w) && b + 0 > 0) ratio = sprintf("%.2f", w / b)
        } else if (isnum(b) && isnum(w) && b + 0 > 0 && w + 0 > 0)
            ratio = sprintf("%.2f", m ~ /_us$/ ? b / w : w / b)
        if (isnum(w) && isnum(l) && w + 0 > 0 && l + 0 > 0)
            vsnative = sprintf("%.3f", m ~ /_us$/ ? l / w : w / l)
        t = target(m)
        result = met(t, ratio)
        if (result == "met") nmet++
        if (result != "-") ntarget++
        if (ratio != "-" && (noisy(m, "builtin") || noisy(m, "ws2kit"))) { ratio = ratio "?"; anynoisy = 1 }
        if (b == "-" && w == "-") continue     # a linux-only row
        printf fmt, m, b, w, ratio, l, vsnative, t == "" ? "-" : t "x", result
    }
    print ""
    print "ratio: rates (_rps, _mibps) ws2kit/builtin; per-call costs (_us, microseconds)"
    print "builtin/ws2kit, the speed-up: higher is better for ws2kit in both.  _srvms: CPU"
    print "milliseconds of the wineserver per 100,000 requests, ratio ws2kit/builtin: lower"
    print "is better.  native: the same exchange or call on Linux sockets with no Wine"
    print "(bench/native_net.c, bench/raw_setsockopt.c; select/WSAPoll as select()/poll(),"
    print "iocp_echo as epoll); w/native: the speed of ws2kit as a fraction of native."
    print "target: the ratio issue 15 asks for (a missed one does not fail the run)."
    printf "targets met: %d of %d\n", nmet, ntarget
    if (anynoisy) {
        print "?: the runs of one side differ by more than 1.5x (see below), so the ratio"
        print "is not reliable; more BENCH_ALTERNATIONS, or BENCH_CPUS=0 to pin everything."
    }
    print ""
    print "each run (a median of its own repeats), in run order:"
    for (i = 1; i <= count; i++)
        for (s = 1; s <= 3; s++) {
            side = s == 1 ? "builtin" : s == 2 ? "ws2kit" : "linux"
            if ((order[i], side) in vals) printf "  %-28s %-7s%s\n", order[i], side, vals[order[i], side]
        }
}' "$results"

echo
echo "bench: $(($(date +%s) - started)) s in all, $failures failed run(s)"
[ "$failures" -eq 0 ]
