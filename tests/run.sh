#!/bin/sh
# Runs every test program and script; prints one closing line
# "N passed, N failed".  Exit status 1 when anything failed.
BUILD=${1:-build}
passed=0
failed=0
failures=""
export UCPLAN_DATADIR="$PWD/data"
export UCPLAN_LOCALEDIR="$PWD/$BUILD/locale"
export UCPLAN_BIN="$PWD/$BUILD/ucplan"
export LC_ALL=C.UTF-8
for t in "$BUILD"/tests/test_*; do
	[ -x "$t" ] || continue
	if "$t"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures="$failures $t"; fi
done
for s in tests/*.sh; do
	case "$s" in tests/run.sh) continue ;; esac
	if sh "$s"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures="$failures $s"; fi
done
[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
