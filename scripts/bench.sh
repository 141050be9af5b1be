#!/bin/sh
# make bench: generates plans of 1, 10, 100 and 1,000 sites and measures
# report building and each export; prints a table and writes it to
# bench/results.txt.  "peak MB" is the peak resident memory of one
# load + build + CSV export, as `ucplan report PLAN -f csv` does it.  Times are medians of several runs; "build+csv" is the
# figure the targets speak of (1,000 sites under 50 ms, peak memory under
# 20 MB).
set -eu
BUILD=${1:-build}
RUNS=${RUNS:-9}
mkdir -p bench
export UCPLAN_DATADIR="${UCPLAN_DATADIR:-$PWD/data}"
out=bench/results.txt
{
	echo "ucplan benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, median of $RUNS runs"
	echo "$(uname -srm); $(${CC:-cc} --version | head -1)"
	echo
	printf '%6s %7s | %9s %10s | %9s %9s | %9s %9s | %9s %9s | %9s | %8s\n' \
		sites rows "build ms" "rows/s" "text ms" "text KB" "csv ms" "csv KB" "xml ms" "xml KB" \
		"build+csv" "peak MB"
	for n in 1 10 100 1000; do
		"$BUILD/tools/genplan" "$n" "bench/plan-$n.xml"
		peak=$("$BUILD/tools/bench" --peak "bench/plan-$n.xml")
		set -- $("$BUILD/tools/bench" "bench/plan-$n.xml" "$RUNS")
		awk -v s="$1" -v r="$2" -v b="$3" -v bps="$4" -v t="$5" -v tb="$7" \
		    -v c="$8" -v cb="${10}" -v x="${11}" -v xb="${13}" -v m="$peak" 'BEGIN {
			printf "%6d %7d | %9.2f %10.0f | %9.2f %9.0f | %9.2f %9.0f | %9.2f %9.0f | %9.2f | %8.1f\n",
				s, r, b, bps, t, tb / 1024, c, cb / 1024, x, xb / 1024, b + c, m / 1024 }'
	done
} | tee "$out"
