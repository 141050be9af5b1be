#!/bin/sh
# Golden outputs: the CSV, XML and JSON reports of the example plans and of each
# Edge topology, the scripts made from them (PowerShell, nftables, the two
# probes) and the diagrams of the example plans (text and DOT), compared byte
# for byte with tests/golden/.  tests/scripts.sh runs the golden scripts
# through nft, sh, shellcheck and the PowerShell checker.  After a
# deliberate change to the catalog or the exporters, regenerate with
#   sh tests/golden.sh --update
# and review the diff before committing it.
set -u
BIN=${UCPLAN_BIN:-build/ucplan}
DATA=${UCPLAN_DATADIR:-data}
DIR=tests/golden
update=0
[ "${1:-}" = "--update" ] && update=1
T=$(mktemp -d /tmp/ucplan-golden.XXXXXX)
trap 'rm -rf "$T"' EXIT
export LANGUAGE= LANG=C.UTF-8 LC_ALL=C.UTF-8
# the scripts state the date they were made: a fixed one here
export SOURCE_DATE_EPOCH=1767225600
pass=0
fail=0

# case NAME ARGS...: one report in each format
run_case() {
	name=$1; shift
	for fmt in csv xml json ps1 nft probe-ps1 probe-sh; do
		case $fmt in probe-*) ext=probe.${fmt#probe-} ;; *) ext=$fmt ;; esac
		out="$T/$name.$ext"
		if ! "$BIN" report "$@" --lang en -f "$fmt" -o "$out" 2>"$T/err"; then
			echo "FAIL: $name.$ext: ucplan failed"; sed 's/^/  | /' "$T/err"; fail=$((fail + 1)); continue
		fi
		if [ "$update" -eq 1 ]; then
			cp "$out" "$DIR/$name.$ext"
		elif cmp -s "$out" "$DIR/$name.$ext"; then
			pass=$((pass + 1))
		else
			echo "FAIL: $name.$ext differs from $DIR/$name.$ext"
			diff "$DIR/$name.$ext" "$out" | head -10 | sed 's/^/  | /'
			fail=$((fail + 1))
		fi
	done
}

for plan in one-site two-sites lync2013-nat; do
	run_case "example-$plan" "$DATA/examples/$plan.xml"
done
COMMON="--director --reverse-proxy --federation sip,public-im,xmpp"
for product in sfb2015 lync2013; do
	run_case "$product-edge-none" --product $product --edge none
	run_case "$product-edge-single-public" --product $product --edge single --edge-public $COMMON
	run_case "$product-edge-single-nat" --product $product --edge single --edge-nat $COMMON
	run_case "$product-edge-scaled-dns-public" --product $product --edge scaled-dns --edge-public $COMMON
	run_case "$product-edge-scaled-dns-nat" --product $product --edge scaled-dns --edge-nat $COMMON
	run_case "$product-edge-scaled-hlb" --product $product --edge scaled-hlb --edge-public $COMMON
	# pools behind a hardware load balancer: flows enter them at their VIPs
	run_case "$product-pools-hlb" --product $product --pool-lb hardware --edge single \
		--edge-public --mediation standalone --um dual --office-web-apps $COMMON
done

# The diagrams of the example plans: the text picture (80 columns, as in a
# file) and the DOT graph.
for plan in one-site two-sites lync2013-nat; do
	for fmt in text dot; do
		case $fmt in text) ext=diagram.txt ;; *) ext=$fmt ;; esac
		out="$T/example-$plan.$ext"
		if ! "$BIN" diagram "$DATA/examples/$plan.xml" --lang en -f "$fmt" -o "$out" 2>"$T/err"; then
			echo "FAIL: example-$plan.$ext: ucplan failed"; sed 's/^/  | /' "$T/err"; fail=$((fail + 1)); continue
		fi
		if [ "$update" -eq 1 ]; then
			cp "$out" "$DIR/example-$plan.$ext"
		elif cmp -s "$out" "$DIR/example-$plan.$ext"; then
			pass=$((pass + 1))
		else
			echo "FAIL: example-$plan.$ext differs from $DIR/example-$plan.$ext"
			diff "$DIR/example-$plan.$ext" "$out" | head -10 | sed 's/^/  | /'
			fail=$((fail + 1))
		fi
	done
done

if [ "$update" -eq 1 ]; then
	echo "golden: files updated in $DIR; review 'git diff $DIR'"
	exit 0
fi
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
