#!/bin/sh
# Stamps a MinGW-linked PE file with Wine's builtin signature: the 32 bytes
# "Wine builtin DLL" (zero-padded) at file offset 0x40, which Wine's loader
# checks to treat the file as a builtin module (and load its Unix library).
# MinGW puts its DOS stub there and the PE header at 0x80, so the stub is
# overwritten and nothing else moves.
set -eu
file=$1
lfanew=$(od -An -tu4 -j60 -N4 "$file" | tr -d ' ')
if [ "$lfanew" -lt 96 ]; then
    echo "mark-builtin: $file: PE header at $lfanew leaves no room for the signature" >&2
    exit 1
fi
{ printf 'Wine builtin DLL'; head -c 16 /dev/zero; } |
    dd of="$file" bs=1 seek=64 count=32 conv=notrunc status=none
