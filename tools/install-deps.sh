#!/bin/sh
# Installs what ws2kit needs from Debian 12's packages.  Idempotent: when
# everything is already there it does nothing (and needs no network).
set -eu

packages="wine wine64 gcc gcc-mingw-w64-x86-64 make autoconf automake pkg-config check iproute2 tcpdump golang-go"

missing=
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
[ -z "$missing" ] && { echo "install-deps: all packages present"; exit 0; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else echo "install-deps: need root to install:$missing" >&2; exit 1
    fi
}
echo "install-deps: installing$missing"
as_root apt-get update -q
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
