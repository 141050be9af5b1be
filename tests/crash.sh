#!/bin/sh
# Crash-safe writes: a report (-o FILE) and a plan save are killed with
# SIGKILL at each step of the atomic write (tests/crash/interpose.c: after
# the first write, before fsync, before rename, after rename).  Afterwards
# the target holds exactly its old or its new content, never a mix, and at
# most the one interrupted temporary file is left, under a name no one
# mistakes for the target.  Then a full disk (a 64 KB tmpfs, when this
# machine lets us mount one) and /dev/full: exit status 3, a message that
# names the file, the previous file intact.
# Run by tests/run.sh, which sets UCPLAN_BIN and UCPLAN_DATADIR.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
BIN=${UCPLAN_BIN:-$TOP/build/ucplan}
DATA=${UCPLAN_DATADIR:-$TOP/data}
export UCPLAN_DATADIR="$DATA"  # the helper finds plan.rng through it
LIB=$(dirname "$BIN")/libucplan.a
[ -f "$LIB" ] || LIB=$TOP/build/libucplan.a
CC=${CC:-cc}
T=$(mktemp -d /tmp/ucplan-crash.XXXXXX)
cleanup() {
	if [ -d "$T/full" ] && mountpoint -q "$T/full" 2>/dev/null; then umount "$T/full"; fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
export LC_ALL=C.UTF-8 LANGUAGE=
fails=0
count=0

ok() { count=$((count + 1)); }
bad() { count=$((count + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }
check() { # DESCRIPTION -- test arguments
	what=$1; shift
	if "$@"; then ok; else bad "$what"; fi
}
# temps DIR NAME: the temporary files left next to DIR/NAME
temps() { ls -A "$1" | grep -F ".$2.tmp-" || true; }

if ! "$CC" -std=c11 -Wall -Wextra -Werror -shared -fPIC -o "$T/interpose.so" \
	"$TOP/tests/crash/interpose.c" -ldl 2>"$T/cc.err" ||
   ! "$CC" -std=c11 -Wall -Wextra -Werror -I"$TOP/include" -o "$T/save_plan" \
	"$TOP/tests/crash/save_plan.c" "$LIB" $(pkg-config --libs libxml-2.0) -lcsv 2>>"$T/cc.err"; then
	sed 's/^/  | /' "$T/cc.err"
	echo "crash: 0 passed, 1 failed (cannot build the helpers)"
	exit 1
fi
SAVE=$T/save_plan
# An ASan build refuses a preload that comes first; allow it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0

# The new contents, written without a crash.
"$BIN" report "$DATA/examples/two-sites.xml" -f csv -o "$T/new.csv" 2>/dev/null ||
	bad "reference report"
"$SAVE" "$DATA/examples/two-sites.xml" "$T/new-plan.xml" || bad "reference save"
printf 'old report\nline 2\n' >"$T/old.csv"
cp "$DATA/examples/one-site.xml" "$T/old-plan.xml"

# crash_case POINT KIND: KIND is report or plan.
crash_case() {
	point=$1 kind=$2
	d=$T/$kind-$point
	mkdir -p "$d"
	if [ "$kind" = report ]; then
		out=out.csv old=$T/old.csv new=$T/new.csv
		cp "$old" "$d/$out"
		CRASH_AT=$point LD_PRELOAD=$T/interpose.so \
			"$BIN" report "$DATA/examples/two-sites.xml" -f csv -o "$d/$out" 2>"$d/err"
	else
		out=plan.xml old=$T/old-plan.xml new=$T/new-plan.xml
		cp "$old" "$d/$out"
		CRASH_AT=$point LD_PRELOAD=$T/interpose.so \
			"$SAVE" "$DATA/examples/two-sites.xml" "$d/$out" 2>"$d/err"
	fi
	status=$?
	name="$kind killed at $point"
	# 137 = 128 + SIGKILL: the shim really interrupted the save.
	check "$name: exit status $status, wanted 137 (SIGKILL)" [ "$status" -eq 137 ]
	left=$(temps "$d" "$out")
	if [ "$point" = after-rename ]; then
		check "$name: the target does not hold the new content" cmp -s "$d/$out" "$new"
		check "$name: temporary file left behind: $left" [ -z "$left" ]
	else
		check "$name: the target does not hold the old content" cmp -s "$d/$out" "$old"
		n=$(printf '%s\n' "$left" | grep -c .)
		check "$name: $n temporary files left, wanted the interrupted one" [ "$n" -eq 1 ]
		if [ "$n" -eq 1 ]; then
			# Cut short after the first write; whole when killed later.
			if [ "$point" = write ]; then
				check "$name: the interrupted file is not partial" \
					sh -c "[ \$(wc -c <'$d/$left') -lt \$(wc -c <'$new') ] && ! cmp -s '$d/$left' '$new'"
			else
				check "$name: the interrupted file is not the whole new content" \
					cmp -s "$d/$left" "$new"
			fi
			# Not mistaken for the target: hidden, and a plan
			# loaded from the target is still the old one.
			case $left in .*) ok ;; *) bad "$name: the temporary file is not hidden: $left" ;; esac
		fi
	fi
	if [ "$kind" = plan ]; then
		check "$name: the target is not a whole plan" "$BIN" check "$d/$out" >/dev/null 2>&1
	fi
	# A later save succeeds, replaces the target and removes the stale
	# temporary file of the crash (its writer no longer holds its lock).
	if [ "$kind" = report ]; then
		"$BIN" report "$DATA/examples/two-sites.xml" -f csv -o "$d/$out" 2>/dev/null
	else
		"$SAVE" "$DATA/examples/two-sites.xml" "$d/$out"
	fi
	status=$?
	check "$name: the next save failed with status $status" [ "$status" -eq 0 ]
	check "$name: the next save did not write the new content" cmp -s "$d/$out" "$new"
	check "$name: the next save left a temporary file" [ -z "$(temps "$d" "$out")" ]
}

for point in write fsync rename after-rename; do
	crash_case "$point" report
	crash_case "$point" plan
done

# --- /dev/full ---------------------------------------------------------------------
"$BIN" report -f csv -o /dev/full 2>"$T/err"
status=$?
check "report to /dev/full: exit status $status, wanted 3" [ "$status" -eq 3 ]
check "report to /dev/full: the message does not name the file" grep -q /dev/full "$T/err"
"$SAVE" "$DATA/examples/one-site.xml" /dev/full 2>"$T/err"
status=$?
check "plan save to /dev/full: exit status $status, wanted 3" [ "$status" -eq 3 ]
check "plan save to /dev/full: the message does not name the file" grep -q /dev/full "$T/err"

# --- a full file system ----------------------------------------------------------
mkdir "$T/full"
if mount -t tmpfs -o size=64k tmpfs "$T/full" 2>/dev/null; then
	F=$T/full
	printf 'previous\n' >"$F/report.txt"
	# The text report of the two-site example is several hundred KB.
	"$BIN" report "$DATA/examples/two-sites.xml" -f text -o "$F/report.txt" 2>"$T/err"
	status=$?
	check "report on a full disk: exit status $status, wanted 3" [ "$status" -eq 3 ]
	check "report on a full disk: the message does not name the file" grep -q "report.txt" "$T/err"
	check "report on a full disk: the previous file changed" [ "$(cat "$F/report.txt")" = previous ]
	check "report on a full disk: temporary file left: $(temps "$F" report.txt)" \
		[ -z "$(temps "$F" report.txt)" ]
	# A plan is small: fill the rest of the disk first.
	cp "$DATA/examples/one-site.xml" "$F/plan.xml"
	dd if=/dev/zero of="$F/filler" bs=1k count=1024 2>/dev/null
	"$SAVE" "$DATA/examples/two-sites.xml" "$F/plan.xml" 2>"$T/err"
	status=$?
	check "plan save on a full disk: exit status $status, wanted 3" [ "$status" -eq 3 ]
	check "plan save on a full disk: the message does not name the file" grep -q "plan.xml" "$T/err"
	check "plan save on a full disk: the previous plan changed" \
		cmp -s "$F/plan.xml" "$DATA/examples/one-site.xml"
	check "plan save on a full disk: temporary file left" [ -z "$(temps "$F" plan.xml)" ]
	umount "$F"
else
	echo "crash: skipping the full-disk cases: cannot mount a tmpfs here (needs root)"
fi

echo "crash: $((count - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
