#!/bin/sh
# The option table can be printed (WINEDEBUG=+optable), one line per row, and
# it holds every option the Windows tests use; each row of the matrix test
# (tests/wine/sockopt_matrix.c) has the value kind of the product's own row,
# so the matrix's size rules are those ws2kit implements.  Run by
# tests/wine/run.sh inside its prefix.  Prints "N passed, N failed".
set -u
: "${WINE:=wine}"
build=${WS2KIT_BUILDDIR:?}
log=$(mktemp)
. "$(dirname "$0")/../checks.sh"

WINEDEBUG=-all,+optable "$WINE" "$build/programs/ws2diag/ws2diag.exe" --check >/dev/null 2>"$log"
rows=$(grep -c ':trace:optable:print_table_once level ' "$log")
[ "$rows" -ge 60 ]; check $? "the table printed $rows rows"
for option in SO_KEEPALIVE SO_LINGER SO_DONTLINGER SO_RCVBUF SO_CONNECT_TIME SO_BSP_STATE SO_PROTOCOL_INFOW \
              SO_OPENTYPE SO_RCVLOWAT TCP_NODELAY TCP_KEEPALIVE TCP_KEEPCNT TCP_KEEPINTVL TCP_MAXRTMS \
              IP_ADD_MEMBERSHIP IP_PKTINFO IPV6_V6ONLY IPV6_UNICAST_HOPS; do
    grep -q " $option: " "$log"; check $? "$option is not in the printed table"
done
[ "$(grep -c " SO_KEEPALIVE: " "$log")" -eq 1 ]; check $? "the table was printed more than once"
# The matrix's rows: { "NAME", LEVEL, OPTION, KIND, ... }; its DWORD_VALUE is
# the table's DWORD.
matrix=$(sed -n 's/^ *{ *"\([A-Z0-9_]*\)", *[A-Z0-9_]*, *[A-Z0-9_]*, *\([A-Z_]*\) *,.*/\1 \2/p' \
         "$(dirname "$0")/sockopt_matrix.c")
[ "$(echo "$matrix" | wc -l)" -ge 40 ]; check $? "read only $(echo "$matrix" | wc -l) rows of sockopt_matrix.c"
echo "$matrix" | { while read -r option kind; do
    [ "$kind" = DWORD_VALUE ] && kind=DWORD
    table=$(sed -n "s/.* $option: \([A-Z_]*\),.*/\1/p" "$log")
    [ "$table" = "$kind" ]; check $? "sockopt_matrix.c's $option is $kind, the product's table says '$table'"
done; echo "$passed $failed" >"$log.counts"; }
read -r passed failed <"$log.counts"
rm -f "$log.counts"
rm -f "$log"
checks_done optable
