#!/bin/sh
# make bench: what a user waits for, measured on the real command.
#
# 1. End to end: `ucplan report PLAN -f csv -o FILE` from fork to exit (the
#    file is on disk, fsync'ed, when it exits) for plans of 1, 20, 1,000
#    and 5,000 sites (tools/genplan), against two floors measured in the
#    same run: `ucplan --version` (process start: exec, dynamic linking,
#    locale) and `cat` writing the same bytes into a file.
#    Then each format (csv, json, text, xml) of the 1,000-site plan against
#    cat of the same bytes, each run followed at once by cat (tools/bench
#    ratio), with the median and the spread of the ratios, the peak
#    resident memory and the targets.
# 2. Per phase, in one process (tools/bench phases): plan load, validation,
#    catalog, build, render, write; start is `ucplan --version`.  Build and
#    render are timed apart on a whole report; the command itself makes and
#    writes the rows a part of the sites at a time (report_stream_open).
# 3. The planner on the 5,000-site plan, per key (scripts/bench-keys.py:
#    callgrind instruction counts of each key's handling and redraw; the
#    milliseconds are estimated from this machine's instructions per
#    millisecond, measured here on the 1,000-site report).
#
# Prints the tables and writes them to bench/results.txt.  RUNS (default
# 21) is the number of runs each median is taken over; KEYS=no skips part 3
# (a few minutes under callgrind); SITES (default "1 20 1000 5000") the
# plan sizes of part 1 (1000 is needed; genplan takes minutes at 5000);
# PLANDIR a directory of plans genplan made before.
set -eu
BUILD=${1:-build}
RUNS=${RUNS:-21}
KEYS=${KEYS:-yes}
BIN=$PWD/$BUILD/ucplan
BENCH=$PWD/$BUILD/tools/bench
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ucplan-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
mkdir -p bench
export UCPLAN_DATADIR="${UCPLAN_DATADIR:-$PWD/data}"
export UCPLAN_LOCALEDIR="${UCPLAN_LOCALEDIR:-$PWD/$BUILD/locale}"
export LC_ALL=C.UTF-8 LANGUAGE=
out=bench/results.txt
SITES=${SITES:-1 20 1000 5000}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# PLANDIR: plans genplan wrote before (plan-N.xml), used as they are.
for n in $SITES; do
	if [ -n "${PLANDIR:-}" ] && [ -f "$PLANDIR/plan-$n.xml" ]; then
		cp "$PLANDIR/plan-$n.xml" "$TMP/plan-$n.xml"
	else
		"$BUILD/tools/genplan" "$n" "$TMP/plan-$n.xml"
	fi
done

# Measured before anything is printed, so that the tables come out whole.
# The floors are measured next to each size's command, so that a busy
# moment of the machine weighs on both sides of the ratio.
for n in $SITES; do
	"$BENCH" phases "$TMP/plan-$n.xml" "$TMP/phases-$n.csv" "$RUNS" >"$TMP/phases-$n"
	"$BENCH" run "$RUNS" "$BIN" --version >"$TMP/version-$n"
	"$BENCH" run "$RUNS" "$BIN" report "$TMP/plan-$n.xml" -f csv -o "$TMP/out-$n.csv" >"$TMP/e2e-$n"
	"$BENCH" run "$RUNS" -o "$TMP/cat-$n.csv" cat "$TMP/out-$n.csv" >"$TMP/cat-$n"
	cmp "$TMP/cat-$n.csv" "$TMP/out-$n.csv"
done

# Each export format of the 1,000-site plan against cat writing the same
# bytes, measured side by side; and its peak memory.
FORMATS="csv json text xml"
for f in $FORMATS; do
	"$BENCH" ratio "$RUNS" "$TMP/fmt.$f" "$TMP/cat.$f" \
		"$BIN" report "$TMP/plan-1000.xml" -f "$f" -o "$TMP/fmt.$f" >"$TMP/fmt-$f"
	cmp "$TMP/cat.$f" "$TMP/fmt.$f"
	wc -c <"$TMP/fmt.$f" >"$TMP/fmtsize-$f"
	rm -f "$TMP/cat.$f" "$TMP/fmt.$f"
done

{
	echo "ucplan benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, median of $RUNS runs"
	echo "$(uname -srm); $(${CC:-cc} --version | head -1)"
	echo "load average (1, 5, 15 min) before: $load_before; after the measures: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "End to end: ucplan report PLAN -f csv -o FILE, from fork to exit (the file fsync'ed"
	echo "on disk), against the floors: ucplan --version, and cat writing the same bytes."
	echo
	printf '%6s %7s %8s | %9s %8s | %10s %8s | %9s %6s\n' \
		sites rows "csv KB" "ucplan ms" "peak MB" "version ms" "cat ms" "x version" "x cat"
	for n in $SITES; do
		set -- $(cat "$TMP/phases-$n") $(cat "$TMP/e2e-$n") $(cat "$TMP/cat-$n") \
			$(cat "$TMP/version-$n")
		awk -v s="$7" -v r="$8" -v b="$9" -v m="${10}" -v p="${11}" -v v="${14}" \
		    -v c="${12}" 'BEGIN {
			printf "%6d %7d %8.0f | %9.2f %8.1f | %10.2f %8.2f | %9.1f %6.1f\n",
				s, r, b / 1024, m, p / 1024, v, c, m / v, m / c }'
	done
	echo
	echo "Each format, 1,000 sites: ucplan report PLAN -f FORMAT -o FILE, each run followed"
	echo "by cat writing the same bytes into a file (ucplan's file is also fsync'ed: its"
	echo "crash-safe write); the ratio of each pair, its median and its range; the peak"
	echo "resident memory of ucplan."
	echo "Targets: csv, json and text at most 2x cat, xml at most 3x; at most 16 MB."
	echo
	printf '%-6s %8s | %9s %8s | %8s | %6s %13s | %7s\n' format "out KB" "ucplan ms" "peak MB" \
		"cat ms" "x cat" "x cat range" target
	for f in $FORMATS; do
		set -- $(cat "$TMP/fmt-$f") $(cat "$TMP/fmtsize-$f")
		awk -v f="$f" -v m="$1" -v p="$2" -v c="$3" -v x="$4" -v lo="$5" -v hi="$6" \
		    -v b="$7" 'BEGIN {
			t = f == "xml" ? 3 : 2
			time = x <= t ? "met" : "missed"
			mem = p / 1024 <= 16 ? "met" : "missed"
			printf "%-6s %8.0f | %9.2f %8.1f | %8.2f | %6.1f %6.1f-%-6.1f | time %s, memory %s\n",
				f, b / 1024, m, p / 1024, c, x, lo, hi, time, mem }'
	done
	echo
	echo "Per phase (ms), each run in a new process: start is ucplan --version; the"
	echo "others are timed inside the work; rest is the end-to-end time minus them all"
	echo "(freeing, exit, what a process pays on top of the in-process timings)."
	echo
	printf '%6s | %6s %9s %10s %8s %7s %7s %7s %6s | %9s\n' \
		sites start "plan load" validation catalog build render write rest "ucplan ms"
	for n in $SITES; do
		set -- $(cat "$TMP/phases-$n") $(cat "$TMP/e2e-$n") $(cat "$TMP/version-$n")
		awk -v s="$n" -v v="${12}" -v l="$1" -v va="$2" -v c="$3" -v b="$4" -v r="$5" \
		    -v w="$6" -v e="${10}" 'BEGIN {
			printf "%6d | %6.2f %9.2f %10.2f %8.2f %7.2f %7.2f %7.2f %6.2f | %9.2f\n",
				s, v, l, va, c, b, r, w, e - (v + l + va + c + b + r + w), e }'
	done
	if [ "$KEYS" = yes ]; then
		# Instructions per millisecond of this machine, for the estimates:
		# the 1,000-site report (to standard output, so that no disk is in
		# it) natively and under callgrind.
		set -- $("$BENCH" run "$RUNS" "$BIN" report "$TMP/plan-1000.xml" -f csv)
		cal_ms=$1
		valgrind --tool=callgrind --callgrind-out-file="$TMP/cal.cg" "$BIN" report \
			"$TMP/plan-1000.xml" -f csv >/dev/null 2>&1
		cal_ir=$(sed -n 's/^totals: //p' "$TMP/cal.cg")
		per_ms=$(awk -v i="$cal_ir" -v m="$cal_ms" 'BEGIN { printf "%.0f", i / m }')
		echo
		echo "The planner on the 5,000-site plan, per key: instructions to handle the key and"
		echo "redraw the 120x40 screen (callgrind); ~ ms is an estimate at this machine's"
		echo "$(awk -v p="$per_ms" 'BEGIN { printf "%.2f", p / 1e6 }') M instructions per ms" \
			"(the 1,000-site report: $cal_ir instructions in $cal_ms ms)."
		echo
		printf '%-44s %10s %9s\n' key "M instr" "~ ms"
		python3 scripts/bench-keys.py "$BIN" "$TMP/plan-5000.xml" "$per_ms"
	fi
} | tee "$out"
