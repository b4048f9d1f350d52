#!/bin/sh
# The README's table of unimplemented exports matches dlls/ws2_32/exports.tbl.
set -u
src=${WS2KIT_SRCDIR:-$(dirname "$0")/..}
expected=$(sh "$src/tools/gen-exports.sh" table < "$src/dlls/ws2_32/exports.tbl")
actual=$(sed -n '/^| ordinal | export |/,$p' "$src/README")
if [ "$expected" = "$actual" ]; then
    echo "README table: 1 passed, 0 failed"
    exit 0
fi
echo "README's table of unimplemented exports is out of date; regenerate it with:" >&2
echo "  sh tools/gen-exports.sh table < dlls/ws2_32/exports.tbl" >&2
echo "README table: 0 passed, 1 failed"
exit 1
