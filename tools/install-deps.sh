#!/bin/sh
# Installs what ws2kit needs from Debian 12's packages.  Idempotent: when
# everything is already there it does nothing (and needs no network).
# 32-bit (WoW64) programs need Wine's i386 packages, so on amd64 the i386
# architecture is enabled first (dpkg --add-architecture i386).
set -eu

packages="wine wine64 gcc gcc-mingw-w64-x86-64 make autoconf automake pkg-config check iproute2 tcpdump golang-go"
# 32-bit programs: Wine's 32-bit loader and DLLs, i686 MinGW, gcc -m32.
packages32="wine32:i386 gcc-mingw-w64-i686 gcc-multilib"

missing= missing32=
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
for p in $packages32; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing32="$missing32 $p"
done
[ -z "$missing$missing32" ] && { echo "install-deps: all packages present"; exit 0; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else echo "install-deps: need root to install:$missing$missing32" >&2; exit 1
    fi
}
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
