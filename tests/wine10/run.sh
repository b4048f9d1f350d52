#!/bin/sh
# Runs ws2kit's Windows tests on Wine 10.0, the Wine of Debian 13 (trixie),
# with the build made on this machine: the same ws2_32.dll, ws2kit.dll and
# ws2kit.so that `make check` tests on the host's Wine.
#
# A Debian 13 system (debootstrap --variant=minbase, 64-bit Wine only) is made
# once in a cache folder and reused; the source and build trees are
# bind-mounted into it at the same paths, with /proc, /sys, /dev and /dev/pts,
# and the test scripts run inside it with its Wine.  Everything mounted is
# unmounted and every process started inside is ended on exit, failure or
# interruption.  Must run as root.
#
# Usage: run.sh [check|bench|mingw|setup]
#   check  (default) tests/wine/run.sh, tests/fuzz/run.sh and tests/install.sh
#          inside; tests/net/*.sh are skipped (a chroot cannot make network
#          namespaces).  Last line: "wine 10.0: N passed, N failed, N skipped".
#   bench  bench/run.sh inside: ws2kit against Wine 10's builtin ws2_32.
#   mingw  installs MinGW-w64 (trixie's, GCC 12+ / MinGW-w64 12) inside and
#          compiles ws2kit's PE sources with it, listing every error.
#   setup  only makes (or checks) the Debian 13 system.
#
# Environment (`make check-wine10` / `make bench-wine10` / `make mingw-wine10`
# set the first ones):
#   WS2KIT_BUILDDIR, WS2KIT_SRCDIR  the build and source trees (absolute)
#   WINE_TESTS          the Windows test programs, relative to the build tree
#   (the 32-bit builds are not run: no wine32 inside; tests/wine/run.sh counts
#   them as skipped)
#   WS2KIT_PE_SRCS, WS2KIT_WINCC_FLAGS  for mingw: the sources and the flags
#   WS2KIT_CACHE        the cache folder (default $XDG_CACHE_HOME/ws2kit, or
#                       ~/.cache/ws2kit); the system is made in $WS2KIT_CACHE/trixie
#   WS2KIT_DEBIAN_MIRROR  (default http://deb.debian.org/debian)
#   WINE10_TIMEOUT      seconds the tests (or the bench) may take (default 3600)
#   WINE10_SETUP_TIMEOUT  seconds for making the system (default 1800)
set -u
exec </dev/null
mode=${1:-check}
case $mode in check|bench|mingw|setup) ;; *) echo "usage: $0 [check|bench|mingw|setup]" >&2; exit 2;; esac

here=$(cd "$(dirname "$0")" && pwd)
: "${WS2KIT_SRCDIR:=$(cd "$here/../.." && pwd)}"
: "${WS2KIT_BUILDDIR:=$WS2KIT_SRCDIR}"
: "${WINE10_TIMEOUT:=3600}" "${WINE10_SETUP_TIMEOUT:=1800}"
: "${WS2KIT_DEBIAN_MIRROR:=http://deb.debian.org/debian}"
cache=${WS2KIT_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/ws2kit}
root=$cache/trixie
src=$(cd "$WS2KIT_SRCDIR" && pwd -P) || exit 2
build=$(cd "$WS2KIT_BUILDDIR" && pwd -P) || exit 2

# What the system holds.  The stamp records this list: a different list (or
# no stamp) means the system is not complete and is made again.
PACKAGES="wine wine64 procps iproute2 make"
STAMP_CONTENT="ws2kit-trixie 1: $PACKAGES"
base_stamp=$root/.ws2kit-debootstrap-done
stamp=$root/.ws2kit-complete
mingw_stamp=$root/.ws2kit-mingw-installed
CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

say() { echo "wine10: $*"; }
die() { echo "wine10: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot and mounts)"
for tool in debootstrap chroot mount umount flock timeout; do
    command -v $tool >/dev/null 2>&1 || die "$tool not found (Debian packages debootstrap, coreutils, util-linux, mount)"
done

# ------------------------------------------------------------ clean-up
mounted=''      # mount points, most recent first
child=''
cleanup()
{
    trap - EXIT INT TERM HUP PIPE
    [ -n "$child" ] && kill "$child" 2>/dev/null
    kill_inside
    for m in $mounted; do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || echo "wine10: could not unmount $m" >&2
    done
    mounted=''
    [ -n "$child" ] && wait "$child" 2>/dev/null
    [ -n "${locked:-}" ] && clean_tmp
    [ -n "${tmp:-}" ] && rm -rf "$tmp"
}
trap cleanup EXIT
trap 'echo "wine10: interrupted" >&2; exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
trap 'exit 141' PIPE

# Ends the processes whose root directory is the Debian 13 system: only this
# script starts processes there (the lock below keeps other runs out).
kill_inside()
{
    [ -d "$root" ] || return 0
    # TERM first; then KILL, again and again, as long as any is left (a dying
    # Wine process can still start another: wineserver, rpcss, winedevice).
    rounds=0
    while [ $rounds -lt 20 ]; do
        found=''
        for p in /proc/[0-9]*; do
            [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && found="$found ${p#/proc/}"
        done
        [ -z "$found" ] && return 0
        if [ $rounds -eq 0 ]; then sig=TERM; else sig=KILL; fi
        # shellcheck disable=SC2086  # a list of process ids
        kill -s $sig $found 2>/dev/null
        rounds=$((rounds + 1))
        sleep 1
    done
    echo "wine10: processes still running in $root:$found" >&2
}

# The system's /tmp: the tests' prefixes and Wine's server directories
# (wine-XXXXXX) that a killed run leaves.  Only under the lock.
clean_tmp()
{
    [ -d "$root/tmp" ] && find "$root/tmp" -xdev -mindepth 1 -delete 2>/dev/null
    return 0
}

# Anything still mounted under the system (a run killed with -9)?  Unmounts it;
# fails when that does not work, so that nothing is ever removed through a mount.
unmount_leftovers()
{
    for m in $(awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r); do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || return 1
    done
    ! awk -v r="$root" '$2 == r || index($2, r "/") == 1 { found = 1 } END { exit !found }' /proc/mounts
}

bind() # bind SOURCE TARGET-INSIDE
{
    mkdir -p "$root$2" || return 1
    mount --bind "$1" "$root$2" || return 1
    mounted="$root$2 $mounted"
}

# bounded COMMAND...: runs COMMAND in the background (so that a signal
# reaches this shell at once) and waits for it.  The time limit is set where
# the command starts (timeout in inside(), or in the command itself).
bounded()
{
    "$@" &
    child=$!
    wait "$child"
    rc=$?
    child=''
    return $rc
}

# inside COMMAND...: a command in the system, with a clean environment, killed
# after $limit seconds.
limit=$WINE10_SETUP_TIMEOUT
inside()
{
    timeout -k 10 "$limit" chroot "$root" /usr/bin/env -i PATH=$CHROOT_PATH HOME=/root LANG=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive "$@"
}

mount_system() # /proc, /sys, /dev, /dev/pts (and /dev/shm)
{
    mkdir -p "$root/proc" "$root/sys" "$root/dev" || return 1
    mount -t proc proc "$root/proc" || return 1
    mounted="$root/proc $mounted"
    bind /sys /sys || return 1
    bind /dev /dev || return 1
    [ -d /dev/pts ] && { bind /dev/pts /dev/pts || return 1; }
    if awk '$2 == "/dev/shm" { found = 1 } END { exit !found }' /proc/mounts; then
        bind /dev/shm /dev/shm || return 1
    fi
    # Name resolution for apt, and a line for the host name (Wine's and the
    # tests' gethostbyname(own name) need one).
    cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
    host=$(hostname 2>/dev/null || cat /etc/hostname)
    { grep -v '^[[:space:]]*#' /etc/hosts 2>/dev/null
      echo "127.0.0.1 localhost"
      echo "127.0.1.1 $host"; } | awk '!seen[$0]++' >"$root/etc/hosts"
}

# ------------------------------------------------------------ the system
mkdir -p "$cache" || die "cannot create $cache"
cache=$(cd "$cache" && pwd -P) root=$cache/trixie
base_stamp=$root/.ws2kit-debootstrap-done stamp=$root/.ws2kit-complete mingw_stamp=$root/.ws2kit-mingw-installed
exec 9>"$cache/trixie.lock"
flock -w 3600 9 || die "another run holds $cache/trixie.lock"
locked=1
kill_inside
clean_tmp
tmp=$(mktemp -d /tmp/ws2kit-wine10.XXXXXX) || exit 1

make_system()
{
    t0=$(date +%s)
    unmount_leftovers || die "something is still mounted under $root: unmount it first"
    if [ ! -f "$base_stamp" ]; then
        if [ -e "$root" ]; then
            say "removing the incomplete system in $root"
            rm -rf --one-file-system "$root" || die "cannot remove $root"
        fi
        say "debootstrap --variant=minbase trixie $root (takes minutes)"
        mkdir -p "$root"
        if ! bounded timeout -k 10 "$WINE10_SETUP_TIMEOUT" debootstrap --variant=minbase trixie "$root" "$WS2KIT_DEBIAN_MIRROR" \
                >"$tmp/debootstrap.log" 2>&1; then
            tail -n 30 "$tmp/debootstrap.log" >&2
            die "debootstrap failed (the half-made system is removed on the next run)"
        fi
        touch "$base_stamp"
    fi
    mount_system || die "cannot mount /proc, /sys, /dev in $root"
    # 64-bit Wine only: no wine32:i386 (this kind of machine cannot run i386,
    # and Debian's wine script prefers the 32-bit loader once it is there).
    say "apt-get install $PACKAGES (no recommends)"
    if ! bounded inside sh -c "dpkg --configure -a && apt-get update &&
            apt-get install -y --no-install-recommends $PACKAGES" >"$tmp/apt.log" 2>&1; then
        tail -n 30 "$tmp/apt.log" >&2
        die "installing Wine in $root failed"
    fi
    echo "$STAMP_CONTENT" >"$stamp"
    say "system made in $(($(date +%s) - t0)) s"
}

t0=$(date +%s)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$STAMP_CONTENT" ]; then
    unmount_leftovers || die "something is still mounted under $root: unmount it first"
    mount_system || die "cannot mount /proc, /sys, /dev in $root"
    say "reusing $root (complete since $(date -r "$stamp" '+%F %T'))"
else
    rm -f "$stamp"
    make_system
fi

wine_version=$(inside wine --version 2>/dev/null | tr -d '\r')
ntdll=$(cd "$root" && ls usr/lib/*/wine/x86_64-unix/ntdll.so usr/lib/wine/x86_64-unix/ntdll.so \
        usr/lib64/wine/x86_64-unix/ntdll.so 2>/dev/null | head -n 1)
[ -n "$ntdll" ] || die "no x86_64-unix/ntdll.so in $root: Wine is not installed there"
dlldir=/${ntdll%/x86_64-unix/ntdll.so}
say "$wine_version, dll directory $dlldir; ready after $(($(date +%s) - t0)) s"
[ "$mode" = setup ] && exit 0

# ------------------------------------------------------------ the trees
limit=$WINE10_TIMEOUT
# The same paths inside as outside; the build tree may sit in the source tree.
bind "$src" "$src" || die "cannot bind $src"
case $build/ in
"$src"/*) ;;
*) bind "$build" "$build" || die "cannot bind $build" ;;
esac

# Same environment as TESTS_ENVIRONMENT in Makefile.am, with the system's Wine.
# No 32-bit side: there is no wine32 inside.
run_inside() # run_inside LOG COMMAND...: live output, kept in LOG; the status of COMMAND
{
    log=$1
    shift
    { inside WS2KIT_BUILDDIR="$build" WS2KIT_SRCDIR="$src" WS2KIT_WINE_DLLDIR="$dlldir" \
          WINE=/usr/bin/wine WINEBOOT=/usr/bin/wineboot WINE_TESTS="$WINE_TESTS" WINE_TESTS_I386= \
          WS2KIT_WINE32_DLLDIR= MINGW32_CC= WS2KIT_WOW32_SKIP="no wine32 in the Debian 13 system (64-bit Wine 10 only)" \
          "$@" 2>&1; echo $? >"$log.rc"; } | tee "$log"
    return "$(cat "$log.rc" 2>/dev/null || echo 1)"
}

if [ -z "${WINE_TESTS:-}" ]; then
    # Not from make: every test program found in the build tree.
    WINE_TESTS=$(cd "$build" && ls tests/wine/*.exe tests/go/*.exe 2>/dev/null | tr '\n' ' ')
fi

case $mode in
bench)
    started=$(date +%s)
    # No compiler inside for the raw Linux reference column: CC=false skips it.
    bounded run_inside "$tmp/bench.log" env CC=false sh "$src/bench/run.sh"
    rc=$?
    say "bench on $wine_version: $(($(date +%s) - started)) s, exit $rc"
    exit $rc
    ;;
mingw)
    if [ ! -f "$mingw_stamp" ]; then
        say "apt-get install gcc-mingw-w64-x86-64 (once)"
        bounded inside apt-get install -y --no-install-recommends gcc-mingw-w64-x86-64 \
            >"$tmp/apt-mingw.log" 2>&1 || { tail -n 30 "$tmp/apt-mingw.log" >&2; die "installing MinGW failed"; }
        touch "$mingw_stamp"
    fi
    : "${WS2KIT_PE_SRCS:?set WS2KIT_PE_SRCS (make mingw-wine10 does)}"
    : "${WS2KIT_WINCC_FLAGS:?set WS2KIT_WINCC_FLAGS (make mingw-wine10 does)}"
    cc=x86_64-w64-mingw32-gcc-win32
    inside sh -c "command -v $cc" >/dev/null || cc=x86_64-w64-mingw32-gcc
    say "$(inside $cc --version | head -n 1)"
    # The flags hold configure's answer for the host's MinGW-w64 (how
    # winsock2.h declares select's timeout): ask this compiler the same.
    echo '#include <winsock2.h>
int WSAAPI select(int n, fd_set *r, fd_set *w, fd_set *e, const TIMEVAL *t);' >"$root/tmp/ws2kit-probe.c"
    if inside $cc -fsyntax-only /tmp/ws2kit-probe.c >/dev/null 2>&1; then sdk=1; else sdk=0; fi
    rm -f "$root/tmp/ws2kit-probe.c"
    flags=$(echo "$WS2KIT_WINCC_FLAGS" | sed 's/ *-DWS2KIT_SDK_CONST_TIMEVAL=[0-9]*//')
    case $WS2KIT_WINCC_FLAGS in
    *WS2KIT_SDK_CONST_TIMEVAL*) flags="$flags -DWS2KIT_SDK_CONST_TIMEVAL=$sdk"
        say "select declared with const TIMEVAL *: $([ $sdk = 1 ] && echo yes || echo no); -DWS2KIT_SDK_CONST_TIMEVAL=$sdk" ;;
    esac
    # Objects go to a directory inside the system, never into the build tree.
    out=/tmp/ws2kit-mingw
    rm -rf "$root$out"
    mkdir -p "$root$out"
    started=$(date +%s) ok=0 bad=0
    for f in $WS2KIT_PE_SRCS; do
        if [ -f "$src/$f" ]; then path=$src/$f; else path=$build/$f; fi
        obj=$out/$(echo "$f" | tr / _).o
        # shellcheck disable=SC2086  # the flags are a list
        if inside sh -c "cd '$build' && $cc $flags -c -o '$obj' '$path'" >"$tmp/cc.log" 2>&1; then
            ok=$((ok + 1))
        else
            bad=$((bad + 1))
            echo "FAIL: $f"
        fi
        grep -E ': (error|warning):' "$tmp/cc.log" | sed "s|$src/||; s|$build/||; s/^/  /"
    done
    linked=no
    if [ "$bad" -eq 0 ]; then
        # Link the DLL as the Makefile does, from the objects made here.
        objs=$(for f in $WS2KIT_PE_SRCS; do case $f in *ws2kit_main.c) ;; *) echo "$out/$(echo "$f" | tr / _).o" ;; esac; done)
        if inside sh -c "cd '$build' && $cc -shared -static-libgcc -o $out/ws2_32.dll $(echo $objs) dlls/ws2_32/ws2_32.def -lntdll -ladvapi32" \
                >"$tmp/ld.log" 2>&1; then
            linked=yes
        else
            sed "s/^/  /" "$tmp/ld.log" | tail -n 20
        fi
    fi
    say "MinGW-w64 of Debian 13: $ok compiled, $bad failed, ws2_32.dll linked: $linked ($(($(date +%s) - started)) s)"
    rm -rf "${root:?}$out"
    echo "mingw: $((ok + $([ $linked = yes ] && echo 1 || echo 0))) passed, $((bad + $([ $linked = yes ] && echo 0 || echo 1))) failed, 0 skipped"
    [ "$bad" -eq 0 ] && [ $linked = yes ]
    exit $?
    ;;
esac

# ------------------------------------------------------------ the tests
started=$(date +%s)
passed=0 failed=0 skipped=0
: >"$tmp/results"
result() # result NAME STATUS [WHY]
{
    case $2 in
    pass) passed=$((passed + 1)) ;;
    fail) failed=$((failed + 1)) ;;
    skip) skipped=$((skipped + 1)) ;;
    esac
    echo "$2 $1${3:+ ($3)}" >>"$tmp/results"
}

say "tests/wine/run.sh on $wine_version"
bounded run_inside "$tmp/wine.log" sh "$src/tests/wine/run.sh"
rc=$?
# One result per program, as run.sh counts them: its own result lines are
# "PASS: NAME (SUMMARY)" and "FAIL: NAME (exit N)" (the log tails it shows
# under a failure may hold other "FAIL:" lines), its last line the counts.
sed -n 's/^PASS: \([^ ]*\) (.*)$/pass \1/p; s/^FAIL: \([^ ]*\) (exit [0-9]*)$/fail \1/p' "$tmp/wine.log" >>"$tmp/results"
counts=$(tail -n 1 "$tmp/wine.log" |
         sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2 0/p; s/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p')
if [ -n "$counts" ]; then
    set -- $counts
    passed=$((passed + $1)) failed=$((failed + $2)) skipped=$((skipped + $3))
    [ "$3" -gt 0 ] && result "32-bit builds of the programs" note "$3 skipped: $(sed -n 's/^SKIP: //p' "$tmp/wine.log" | head -n 1)"
    [ "$(grep -c '^pass ' "$tmp/results")/$(grep -c '^fail ' "$tmp/results")" = "$1/$2" ] ||
        say "note: run.sh counted $1 passed, $2 failed; the list above may be incomplete"
fi
if [ $rc -ne 0 ] && { [ -z "$counts" ] || [ "$2" -eq 0 ]; }; then
    result tests/wine/run.sh fail "exit $rc without a failing program"
fi

say "tests/fuzz/run.sh on $wine_version"
bounded run_inside "$tmp/fuzz.log" sh "$src/tests/fuzz/run.sh"
rc=$?
if [ $rc -eq 0 ]; then result fuzz_calls pass; else result fuzz_calls fail "exit $rc"; fi

say "tests/install.sh on $wine_version"
bounded run_inside "$tmp/install.log" sh "$src/tests/install.sh"
rc=$?
if [ $rc -eq 0 ]; then result install pass; else result install fail "exit $rc"; fi

for t in "$src"/tests/net/*.sh; do
    case $(basename "$t") in netns.sh) continue ;; esac   # a helper, not a test
    result "tests/net/$(basename "$t")" skip "needs network namespaces, which a chroot cannot make"
done

echo
echo "wine10: results on $wine_version (dll directory $dlldir):"
sed 's/^pass /  PASS: /; s/^fail /  FAIL: /; s/^skip /  SKIP: /; s/^note /  SKIP: /' "$tmp/results"
say "tests took $(($(date +%s) - started)) s"
# One word before the counts: wine-10.0.
echo "${wine_version%% *}: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
