#!/bin/sh
# Stands in for the 32-bit runs when this build has none, so that `make check`
# and .ci/run count them as skipped, with the reason, never as passed.
# (With 32-bit support, tests/wine/run.sh, tests/fuzz/run.sh and
# tests/install.sh run their 32-bit halves and tests/exports-i386.sh runs.)
echo "SKIP: 32-bit programs (the Windows tests, the fuzzer, install and the i386 exports):" \
     "${WS2KIT_WOW32_SKIP:-no reason given}"
exit 77
