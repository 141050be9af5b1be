#!/bin/sh
# Command-line tests: every exit status, each kind of bad input, and the
# exports opened the way users open them (strict CSV parser, xmllint).
# Run by tests/run.sh, which sets UCPLAN_BIN and UCPLAN_DATADIR.
set -u
BIN=${UCPLAN_BIN:-build/ucplan}
DATA=${UCPLAN_DATADIR:-data}
T=$(mktemp -d /tmp/ucplan-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
count=0

ok() { count=$((count + 1)); }
bad() { count=$((count + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }

# expect STATUS DESCRIPTION -- command...: runs the command, keeps its output
# in $T/out and $T/err, checks the exit status.
expect() {
	want=$1; shift; what=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, wanted $want"; sed 's/^/  | /' "$T/err" | head -5; fi
}
# grep_in FILE PATTERN DESCRIPTION
grep_in() {
	if grep -q -- "$2" "$1"; then ok; else bad "$3: '$2' not in $(basename "$1")"; head -5 "$1" | sed 's/^/  | /'; fi
}
csv_strict() { # FILE SEPARATOR
	python3 - "$1" "$2" <<'PY'
import csv, sys
path, sep = sys.argv[1], sys.argv[2]
with open(path, newline='', encoding='utf-8-sig') as f:
    rows = list(csv.reader(f, delimiter=sep, strict=True))
widths = {len(r) for r in rows if r}
assert rows and len(widths) <= 3, widths
PY
}

# --- usage and exit status 0 / 2 ---------------------------------------------
expect 0 "help" "$BIN" --help
grep_in "$T/out" "report \[PLAN\]" "help lists the report command"
grep_in "$T/out" "--edge" "help lists the topology options"
expect 0 "version" "$BIN" --version
grep_in "$T/out" "ucplan" "version names the program"
expect 2 "unknown option" "$BIN" report --frobnicate
grep_in "$T/err" "help" "unknown option points to --help"
expect 2 "unknown table" "$BIN" report -t routers
grep_in "$T/err" "routers" "unknown table is named"
expect 2 "unknown format" "$BIN" report -f pdf
expect 2 "unknown language" "$BIN" report --lang fr
expect 2 "unknown edge" "$BIN" report --edge huge
expect 2 "unknown um mode" "$BIN" report --um secure
expect 2 "unknown federation" "$BIN" report --federation sip,icq
expect 2 "unknown separator" "$BIN" report --csv-separator tab
expect 2 "check without plan" "$BIN" check
expect 2 "planner without a terminal" sh -c "'$BIN' </dev/null"
grep_in "$T/err" "report" "planner without a terminal points to report"
expect 2 "extra argument" "$BIN" report "$DATA/examples/one-site.xml" extra

# --- topology options on a shipped example --------------------------------------
# A single Edge's pool carries its server's name; scaling it gives the pool a
# name of its own instead of a duplicate-name error.
for edge in scaled-dns scaled-hlb; do
	expect 0 "one-site example with --edge $edge" "$BIN" check "$DATA/examples/one-site.xml" --edge $edge
	if grep -q "already used" "$T/out" "$T/err"; then bad "--edge $edge: a duplicate name"; else ok; fi
done

# --- reports -------------------------------------------------------------------
expect 0 "default plan report" "$BIN" report
grep_in "$T/out" "Firewall rules" "text report has the firewall table"
grep_in "$T/out" "Hardware load balancer ports" "text report has the lb table"
grep_in "$T/out" "IPsec exceptions" "text report has the ipsec table"
expect 0 "example report" "$BIN" report "$DATA/examples/two-sites.xml"
expect 0 "firewall csv" "$BIN" report "$DATA/examples/two-sites.xml" -t firewall -f csv -o "$T/fw.csv"
if csv_strict "$T/fw.csv" ,; then ok; else bad "firewall CSV does not parse strictly"; fi
grep_in "$T/fw.csv" '"edge-int-cms-4443"' "firewall CSV names CMS replication to the Edge"
expect 0 "all tables csv to stdout" "$BIN" report "$DATA/examples/two-sites.xml" -f csv
grep_in "$T/out" '"Load balancer"' "CSV on stdout includes the lb table"
expect 0 "xml" "$BIN" report "$DATA/examples/two-sites.xml" -f xml -o "$T/r.xml"
if xmllint --noout --relaxng "$DATA/report.rng" "$T/r.xml" 2>"$T/xmllint"; then ok; else bad "XML does not validate"; cat "$T/xmllint"; fi
expect 0 "one file per table" "$BIN" report "$DATA/examples/two-sites.xml" -f csv -o "$T/dir/"
for t in firewall lb ipsec; do
	if [ -s "$T/dir/$t.csv" ] && csv_strict "$T/dir/$t.csv" ,; then ok; else bad "missing or bad $t.csv"; fi
done
expect 0 "spanish csv" "$BIN" report --lang es -f csv -t lb -o "$T/es.csv"
if [ "$(head -c 3 "$T/es.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ]; then ok; else bad "Spanish CSV lacks a BOM"; fi
if csv_strict "$T/es.csv" ';'; then ok; else bad "Spanish CSV is not ';'-separated"; fi
expect 0 "separator override" "$BIN" report --lang es -f csv -t lb --csv-separator comma --no-bom -o "$T/es2.csv"
if [ "$(head -c 1 "$T/es2.csv")" = '"' ] && csv_strict "$T/es2.csv" ,; then ok; else bad "--csv-separator/--no-bom ignored"; fi

# --- topology options -------------------------------------------------------
expect 0 "hlb edge" "$BIN" report --edge scaled-hlb --edge-public -t firewall -f csv
grep_in "$T/out" '"edge-vip-sip-443-in"' "HLB Edge has the VIP rows"
expect 0 "xmpp" "$BIN" report --edge single --federation xmpp -t firewall -f csv
grep_in "$T/out" '"5269"' "XMPP federation opens 5269"
grep_in "$T/out" '"23456"' "XMPP gateway to Edge 23456"
expect 0 "no xmpp" "$BIN" report --edge single -t firewall -f csv
if grep -q '"5269"' "$T/out"; then bad "5269 without XMPP"; else ok; fi
expect 0 "um dual" "$BIN" report --um dual -t firewall -f csv
grep_in "$T/out" '"5068"' "UM Dual mode adds 5068"
expect 0 "ipsec" "$BIN" report --ipsec --edge single -t ipsec -f csv
grep_in "$T/out" "Do not authenticate" "IPsec exceptions listed"

# --- spreadsheet safety: names a spreadsheet would evaluate come out inert ---
sed -e 's/name="Example: two sites"/name="=HYPERLINK(\&quot;http:\/\/x\&quot;,\&quot;y\&quot;)"/' \
    -e 's/<site name="Dublin"/<site name="@SUM(1+1)"/' "$DATA/examples/two-sites.xml" >"$T/formula.xml"
grep -q 'name="=HYPERLINK' "$T/formula.xml" && grep -q '@SUM' "$T/formula.xml" && ok || bad "formula plan not made"
expect 0 "formula names, CSV" "$BIN" report "$T/formula.xml" -f csv -o "$T/formula.csv"
if python3 - "$T/formula.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig'), strict=True))
bad = [c for r in rows for c in r if c[:1] in ('=', '+', '-', '@', '\t', '\r')]
assert not bad, bad[:3]
PY
then ok; else bad "a CSV cell starts with a formula character"; fi

# --- text from files never reaches the terminal raw -------------------------------
# A site name that forges the closing line of 'check', with an escape sequence.
sed -e 's/<site name="Dublin"/<site name="Dublin\&#10;plan.xml: 0 errors, 0 warnings\&#13;\&#x9B;2J"/' \
    "$DATA/examples/two-sites.xml" >"$T/forged.xml"
grep -q '0 errors, 0 warnings' "$T/forged.xml" && ok || bad "forged plan not made"
expect 1 "check: a name with control characters is an error" "$BIN" check "$T/forged.xml"
grep_in "$T/out" "control characters" "check names the control characters"
# Every line is one finding of this file, and one summary closes them.
if [ "$(grep -vc "^$T/forged.xml:[0-9]*: \(error\|warning\): " "$T/out")" -eq 1 ] \
   && tail -n 1 "$T/out" | grep -q "^$T/forged.xml: 1 error, 4 warnings\$"; then ok; else bad "check printed a forged line"; head -5 "$T/out"; fi
if LC_ALL=C grep -q "$(printf '\r')" "$T/out" || LC_ALL=C grep -q "$(printf '\302\233')" "$T/out"; then bad "check printed CR or C1 raw"; else ok; fi
grep_in "$T/out" 'Dublin\\u000Aplan.xml' "the newline is shown as an escape"
expect 1 "report: the same plan is refused" "$BIN" report "$T/forged.xml"
if LC_ALL=C grep -q "$(printf '\r')" "$T/err" || LC_ALL=C grep -q "$(printf '\302\233')" "$T/err"; then bad "report printed CR or C1 raw"; else ok; fi
# A file name with an escape sequence, echoed in an error.
esc_name="$T/$(printf 'evil\033]0;owned\007').xml"
expect 3 "missing file with an escape in its name" "$BIN" check "$esc_name"
if LC_ALL=C grep -q "$(printf '\033')" "$T/err"; then bad "the file name's escape reached the terminal"; else ok; fi
grep_in "$T/err" 'evil\\u001B]0;owned\\u0007' "the file name is shown with escapes"

# --- invalid plans: exit 1 --------------------------------------------------------
expect 1 "NAT with HLB edge" "$BIN" report --edge scaled-hlb --edge-nat
grep_in "$T/err" "NAT" "NAT+HLB error says NAT"
expect 1 "xmpp without edge" "$BIN" report --federation xmpp
expect 0 "check valid example" "$BIN" check "$DATA/examples/two-sites.xml"
grep_in "$T/out" "0 errors" "check reports zero errors"

# --- input errors: exit 3 ----------------------------------------------------------
expect 3 "missing plan" "$BIN" report "$T/nope.xml"
grep_in "$T/err" "nope.xml" "missing plan named"
expect 3 "directory as plan" "$BIN" report "$T"
grep_in "$T/err" "directory" "directory refused"
printf '<plan xmlns="urn:ucplan:plan:1" version="1">\n<site>\n' >"$T/trunc.xml"
expect 3 "truncated plan" "$BIN" check "$T/trunc.xml"
grep_in "$T/err" "trunc.xml:[0-9]" "truncated plan error has file:line"
printf '\000\001\002binary' >"$T/bin.xml"
expect 3 "binary plan" "$BIN" report "$T/bin.xml"
printf '<?xml version="1.0"?>\n<!DOCTYPE plan [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<plan>&x;</plan>\n' >"$T/xxe.xml"
expect 3 "XXE plan" "$BIN" report "$T/xxe.xml"
if grep -q "root:" "$T/out" "$T/err"; then bad "XXE leaked /etc/passwd"; else ok; fi
: >"$T/empty.xml"
expect 3 "empty plan" "$BIN" report "$T/empty.xml"
grep_in "$T/err" "empty" "empty plan says empty"

# --- output errors: exit 3, nothing partial left ------------------------------------
expect 3 "output to a full device" "$BIN" report -f csv -o /dev/full
expect 3 "stdout to a full device" sh -c "'$BIN' report -f csv >/dev/full"
expect 3 "output directory missing" "$BIN" report -f csv -o "$T/missing/out.csv"
if ls "$T/missing" >/dev/null 2>&1; then bad "a partial output was left"; else ok; fi
echo "previous" >"$T/keep.csv"
expect 3 "output is a directory" "$BIN" report -f csv -o "$T"
grep_in "$T/keep.csv" "previous" "existing file untouched"
if ls -a "$T" | grep -q 'tmp-'; then bad "temporary file left behind"; else ok; fi

# --- arguments and outputs that used to go wrong ---------------------------------
expect 0 "a plan after --" "$BIN" report -t firewall -f csv -- "$DATA/examples/two-sites.xml"
grep_in "$T/out" "fe01.dub.example.com" "the plan after -- is the one reported"
expect 2 "an empty output name" "$BIN" report -o ''
grep_in "$T/err" "empty" "an empty output name is named as such"
cp "$DATA/examples/one-site.xml" "$T/self.xml"
expect 2 "the output is the plan being read" "$BIN" report "$T/self.xml" -f csv -o "$T/self.xml"
grep_in "$T/err" "plan being read" "writing over the plan is refused with a reason"
if cmp -s "$DATA/examples/one-site.xml" "$T/self.xml"; then ok; else bad "the plan was overwritten"; fi
mkfifo "$T/fifo"
expect 3 "a FIFO nobody reads" timeout 20 "$BIN" report -f csv -o "$T/fifo"
grep_in "$T/err" "no program is reading" "a FIFO without a reader is named"
# A temporary file of a killed export is cleaned up; one being written is not.
head -c 100000 /dev/zero >"$T/.out.csv.tmp-Stale1"
head -c 100 /dev/zero >"$T/.out.csv.tmp-Alive1"
if command -v flock >/dev/null 2>&1; then
	flock "$T/.out.csv.tmp-Alive1" sleep 30 &
	holder=$!
	# until the holder has the lock (flock -n fails), not a guessed while
	n=300
	while flock -n "$T/.out.csv.tmp-Alive1" true && [ "$n" -gt 0 ]; do
		n=$((n - 1)); sleep 0.1
	done
	expect 0 "export next to stale temporary files" "$BIN" report -f csv -o "$T/out.csv"
	if [ -e "$T/.out.csv.tmp-Stale1" ]; then bad "a killed export's temporary file stays"; else ok; fi
	if [ -e "$T/.out.csv.tmp-Alive1" ]; then ok; else bad "a temporary file in use was removed"; fi
	kill "$holder" 2>/dev/null
	wait "$holder" 2>/dev/null
fi
long=$(printf 'n%.0s' $(seq 251))
expect 0 "an output name of 255 bytes" "$BIN" report -f csv -o "$T/$long.csv"
if [ -s "$T/$long.csv" ]; then ok; else bad "the 255-byte output name was not written"; fi
expect 2 "an output name of 256 bytes" "$BIN" report -f csv -o "$T/${long}x.csv"
grep_in "$T/err" "longer than 255 bytes" "a too long output name says so"
echo "previous" >"$T/plain.csv"
expect 3 "FILE/ on a regular file" "$BIN" report -f csv -o "$T/plain.csv/"
grep_in "$T/err" "not a directory" "FILE/ on a regular file says it is not a directory"
expect 3 "help to a full disk" sh -c "'$BIN' --help >/dev/full"
grep_in "$T/err" "standard output" "help to a full disk says so"
expect 3 "check to a full disk" sh -c "'$BIN' check '$DATA/examples/two-sites.xml' >/dev/full"
grep_in "$T/err" "standard output" "check to a full disk says so"
expect 0 "findings name their line" "$BIN" check "$DATA/examples/two-sites.xml"
grep_in "$T/out" "two-sites.xml:[0-9][0-9]*: warning: Site “Dublin”" "a site's finding names the line of the site"

# --- diff: two XML reports compared (0 equal, 1 different, 2 usage, 3 input) ---
expect 0 "diff: old report" "$BIN" report "$DATA/examples/two-sites.xml" -f xml -o "$T/d-old.xml"
expect 0 "diff: the same plan in Chinese" "$BIN" report "$DATA/examples/two-sites.xml" -f xml --lang zh_CN -o "$T/d-zh.xml"
sed '0,/address="192.0.2.11"/s//address="192.0.2.199"/' "$DATA/examples/two-sites.xml" >"$T/d-plan.xml"
grep -q '192.0.2.199' "$T/d-plan.xml" && ok || bad "diff: edited plan not made"
expect 0 "diff: new report" "$BIN" report "$T/d-plan.xml" -f xml -o "$T/d-new.xml"
expect 0 "diff: a report with itself" "$BIN" diff "$T/d-old.xml" "$T/d-old.xml"
grep_in "$T/out" "No differences" "diff says the reports are equal"
expect 0 "diff: English and Chinese reports" "$BIN" diff "$T/d-old.xml" "$T/d-zh.xml"
expect 1 "diff: an address changed" "$BIN" diff "$T/d-old.xml" "$T/d-new.xml"
grep_in "$T/out" "destination address 192.0.2.11 → 192.0.2.199" "diff names the old and new address"
grep_in "$T/out" "^~ fe-sip-5061 (Dublin)" "diff names the changed row"
expect 1 "diff: json" "$BIN" diff "$T/d-old.xml" "$T/d-new.xml" -f json -o "$T/d.json"
if python3 - "$T/d.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
assert d["format"] == "ucplan-diff" and d["version"] == 1, d.get("format")
assert d["added"] == [] and d["removed"] == [], "rows added or removed"
assert d["changed"], "nothing changed"
for e in d["changed"]:
    assert {"table", "rule", "site", "fields"} <= e.keys(), e.keys()
    assert all(f.keys() == {"field", "old", "new"} for f in e["fields"]), e["fields"]
assert {"field": "destination_address", "old": "192.0.2.11", "new": "192.0.2.199"} in \
    [f for e in d["changed"] for f in e["fields"]]
PY
then ok; else bad "diff JSON does not parse or lacks the changed address"; fi
expect 1 "diff: csv" "$BIN" diff "$T/d-old.xml" "$T/d-new.xml" -f csv -o "$T/d.csv"
if csv_strict "$T/d.csv" ,; then ok; else bad "diff CSV does not parse strictly"; fi
grep_in "$T/d.csv" '^"change","table","rule","site","field","old","new","item"' "diff CSV header"
grep_in "$T/d.csv" '"destination_address","192.0.2.11","192.0.2.199"' "diff CSV has the changed field"
expect 2 "diff: one report" "$BIN" diff "$T/d-old.xml"
grep_in "$T/err" "OLD NEW" "diff usage names OLD and NEW"
expect 2 "diff: three reports" "$BIN" diff "$T/d-old.xml" "$T/d-new.xml" "$T/d-zh.xml"
expect 2 "diff: xml format" "$BIN" diff "$T/d-old.xml" "$T/d-new.xml" -f xml
expect 2 "diff: topology option" "$BIN" diff "$T/d-old.xml" "$T/d-new.xml" --edge single
expect 3 "diff: a plan, not a report" "$BIN" diff "$DATA/examples/two-sites.xml" "$T/d-old.xml"
grep_in "$T/err" "two-sites.xml:[0-9]" "diff names the plan file and line"
grep_in "$T/err" "ucplan report" "diff says how to make a report"
expect 0 "diff: a CSV report" "$BIN" report -f csv -o "$T/d-report.csv"
expect 3 "diff: a CSV report, not XML" "$BIN" diff "$T/d-old.xml" "$T/d-report.csv"
grep_in "$T/err" "d-report.csv" "diff names the CSV file"
expect 3 "diff: missing report" "$BIN" diff "$T/nope.xml" "$T/d-old.xml"
expect 3 "diff: stdout to a full device" sh -c "'$BIN' diff '$T/d-old.xml' '$T/d-new.xml' >/dev/full"

# --- diagram ---------------------------------------------------------------------
TWO="$DATA/examples/two-sites.xml"
expect 0 "diagram: text" "$BIN" diagram "$TWO" --lang en
grep_in "$T/out" "External firewall" "diagram text draws the external firewall"
grep_in "$T/out" "fe01.dub.example.com 192.0.2.11" "diagram text lists a server with its address"
grep_in "$T/out" "TCP 443" "diagram text lists the ports of the flows"
if python3 -c 'import sys; sys.exit(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")) > 80)' "$T/out"; then ok; else bad "diagram text into a file is wider than 80 columns"; fi
expect 0 "diagram: one site" "$BIN" diagram "$TWO" --site Madrid --lang en
grep_in "$T/out" "edge01.mad.example.com" "diagram --site Madrid draws Madrid"
if grep -q "edge01.dub.example.com" "$T/out"; then bad "diagram --site Madrid draws Dublin's Edge"; else ok; fi
expect 2 "diagram: unknown site" "$BIN" diagram "$TWO" --site Lisbon --lang en
grep_in "$T/err" "Lisbon" "unknown site is named"
grep_in "$T/err" "Dublin, Madrid" "unknown site: the plan's sites are listed"
expect 2 "diagram: empty site" "$BIN" diagram "$TWO" --site ""
expect 2 "diagram: unknown format" "$BIN" diagram "$TWO" -f pdf
grep_in "$T/err" "text, dot, svg or png" "diagram format error lists the formats"
expect 2 "diagram: a table" "$BIN" diagram "$TWO" -t lb
expect 2 "report: --site" "$BIN" report "$TWO" --site Dublin
expect 2 "report: --ascii" "$BIN" report --ascii
expect 2 "report: -f dot" "$BIN" report -f dot
expect 1 "diagram: invalid plan" "$BIN" diagram --edge scaled-hlb --edge-nat
expect 3 "diagram: missing plan" "$BIN" diagram "$T/nope.xml"
expect 0 "diagram: ascii" "$BIN" diagram "$TWO" --ascii --lang en
if LC_ALL=C grep -q '[^ -~]' "$T/out"; then bad "diagram --ascii writes non-ASCII characters in English"; else ok; fi
expect 0 "diagram: default plan with topology options" "$BIN" diagram --edge single --reverse-proxy -f dot
grep_in "$T/out" "^digraph" "diagram -f dot writes a digraph"
grep_in "$T/out" "fw_internal" "diagram -f dot draws the internal firewall"
expect 0 "diagram: dot into a file" "$BIN" diagram "$TWO" -f dot -o "$T/two.dot"
grep_in "$T/two.dot" "cluster_perimeter" "the DOT file has the perimeter network"
expect 3 "diagram: stdout to a full device" sh -c "'$BIN' diagram '$TWO' >/dev/full"
# Graphviz missing: its own status, a message saying what to do, and the
# previous file untouched
printf 'old\n' >"$T/keep.svg"
expect 4 "diagram: dot missing" env UCPLAN_DOT=/nonexistent/dot "$BIN" diagram "$TWO" -f svg -o "$T/keep.svg"
grep_in "$T/err" "install Graphviz" "missing dot: says how to install it"
grep_in "$T/err" "UCPLAN_DOT" "missing dot: names UCPLAN_DOT"
grep_in "$T/keep.svg" "^old$" "missing dot: the previous file is kept"
expect 4 "diagram: dot fails" env UCPLAN_DOT=false "$BIN" diagram "$TWO" -f png -o "$T/keep.svg"
grep_in "$T/keep.svg" "^old$" "failing dot: the previous file is kept"
if command -v dot >/dev/null 2>&1; then
	expect 0 "diagram: svg" "$BIN" diagram "$TWO" -f svg -o "$T/two.svg"
	if xmllint --noout "$T/two.svg" 2>/dev/null; then ok; else bad "the SVG is not well-formed XML"; fi
	expect 0 "diagram: png" "$BIN" diagram "$TWO" --site Dublin -f png -o "$T/two.png"
	if head -c 8 "$T/two.png" | od -An -c | grep -q 'P   N   G'; then ok; else bad "the PNG has no PNG signature"; fi
else
	bad "Graphviz's dot is not installed (scripts/deps.sh installs it)"
fi

echo "cli: $((count - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
