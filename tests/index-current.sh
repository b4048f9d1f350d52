#!/bin/sh
# tests/INDEX.md is what tools/test-index.sh writes from the test sources now:
# a test added, renamed or commented without regenerating the index fails here.
# Fix: sh tools/test-index.sh, and commit tests/INDEX.md.
set -u
src=${WS2KIT_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
now=$(mktemp /tmp/ws2kit-index.XXXXXX)
trap 'rm -f "$now"' EXIT
sh "$src/tools/test-index.sh" - >"$now" || { echo "FAIL: tools/test-index.sh failed"; exit 1; }
if cmp -s "$now" "$src/tests/INDEX.md"; then
    echo "PASS: tests/INDEX.md lists every test function ($(grep -c '^- `' "$now") of them)"
    exit 0
fi
echo "FAIL: tests/INDEX.md is out of date; run sh tools/test-index.sh and commit it:"
diff -u "$src/tests/INDEX.md" "$now" | head -n 40
exit 1
