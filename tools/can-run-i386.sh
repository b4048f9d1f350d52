#!/bin/sh
# Exits 0 when this machine's kernel executes i386 (32-bit x86) programs, 1
# when it does not.  Needs no package: it writes a 96-byte static i386 ELF
# (one program header; code: mov eax,1; mov ebx,42; int 0x80, i.e. exit(42))
# and runs it.  gVisor sandboxes refuse it with "Exec format error"; a kernel
# without IA32 emulation refuses it likewise.
set -u
probe=$(mktemp "${TMPDIR:-/tmp}/i386probe.XXXXXX") || exit 1
trap 'rm -f "$probe"' EXIT
# ELF header (52 bytes): ELFCLASS32, little-endian, ET_EXEC, EM_386, entry
# 0x08048054, program headers at 52.  Program header (32 bytes): PT_LOAD of
# the whole 96-byte file at 0x08048000, r-x.  Then the 12 bytes of code.
printf '\177ELF\001\001\001\000\000\000\000\000\000\000\000\000' > "$probe"
printf '\002\000\003\000\001\000\000\000\124\200\004\010\064\000\000\000' >> "$probe"
printf '\000\000\000\000\000\000\000\000\064\000\040\000\001\000\000\000' >> "$probe"
printf '\000\000\000\000\001\000\000\000\000\000\000\000\000\200\004\010' >> "$probe"
printf '\000\200\004\010\140\000\000\000\140\000\000\000\005\000\000\000' >> "$probe"
printf '\000\020\000\000\270\001\000\000\000\273\052\000\000\000\315\200' >> "$probe"
chmod +x "$probe"
"$probe" 2>/dev/null
[ $? -eq 42 ]
