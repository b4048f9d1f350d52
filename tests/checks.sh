# Sourced by the shell tests: counts their checks and prints the summary line
# that tests/wine/run.sh and make check read ("NAME: N passed, N failed").
passed=0 failed=0

# check RESULT MESSAGE: RESULT 0 passes; anything else fails, saying MESSAGE.
check() { if [ "$1" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $2"; fi; }

# checks_done NAME: the summary line; its status is 0 when every check passed.
checks_done() { echo "$1: $passed passed, $failed failed"; [ "$failed" -eq 0 ]; }
