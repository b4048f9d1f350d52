#!/bin/sh
# Installs what ws2kit needs from Debian 12's packages.  Idempotent: when
# everything is already there it does nothing (and needs no network).
#
# 32-bit (old-style WoW64) programs need Wine's i386 packages.  Those are
# installed only where this machine can execute an i386 program: on a kernel
# that cannot (gVisor answers "Exec format error"), Debian's /usr/bin/wine
# prefers the 32-bit loader as soon as wine32:i386 is installed, and then
# every wine and wineboot call fails with exit code 126.  Such a machine gets
# the 64-bit packages only, and `configure` builds without 32-bit support.
#
# WS2KIT_WINE10=1 also installs debootstrap, for the Wine 10 suite
# (tests/wine10/run.sh), which .ci/run sets.
set -eu
here=$(dirname "$0")

packages="wine wine64 gcc gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 make autoconf automake pkg-config check iproute2 tcpdump golang-go"
# i686 MinGW builds the 32-bit PE DLLs everywhere (the new WoW64 needs only
# those); old-style WoW64 also needs Wine's 32-bit loader and gcc -m32.
packages32="wine32:i386 gcc-multilib"
# The Wine 10 suite builds a Debian 13 system with debootstrap.
[ "${WS2KIT_WINE10:-0}" = 1 ] && packages="$packages debootstrap"

if sh "$here/can-run-i386.sh"; then
    echo "install-deps: this machine executes i386 programs: installing the 32-bit packages too"
else
    echo "install-deps: this machine cannot execute i386 programs: 64-bit packages only (no 32-bit Windows programs)"
    packages32=
    # wine32 on such a machine makes every wine call fail (see above).
    if dpkg-query -W -f='${Status}' wine32:i386 2>/dev/null | grep -q 'install ok installed'; then
        echo "install-deps: removing wine32:i386, which cannot run here" >&2
        remove_wine32=1
    fi
fi

missing= missing32=
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
for p in $packages32; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing32="$missing32 $p"
done
[ -z "$missing$missing32${remove_wine32:-}" ] && { echo "install-deps: all packages present"; exit 0; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else echo "install-deps: need root to install:$missing$missing32" >&2; exit 1
    fi
}
[ -z "${remove_wine32:-}" ] ||
    as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q wine32:i386
[ -z "$missing$missing32" ] && exit 0
if [ -n "$missing32" ] && [ "$(dpkg --print-architecture)" = amd64 ] &&
   ! dpkg --print-foreign-architectures | grep -qx i386; then
    echo "install-deps: enabling the i386 architecture (for wine32:i386)"
    as_root dpkg --add-architecture i386
fi
echo "install-deps: installing$missing$missing32"
as_root apt-get update -q
[ -z "$missing" ] || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
# Console programs need none of wine32's recommendations (i386 Mesa, GStreamer,
# SDL...), which would double the download.
[ -z "$missing32" ] ||
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing32
