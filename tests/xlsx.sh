#!/bin/sh
# The workbook (-f xlsx) read back with a real reader, Debian's openpyxl
# (tests/xlsx_check.py): sheets, headers and every cell against the CSV of
# the same plan in the same language, cell types, frozen header,
# autofilter, column widths, the document title, the Warnings sheet, the
# Diagram sheet (a picture, or how to get one without Graphviz); then
# how it is written: a directory, a pipe, -t, machine keys, and failures
# that leave the previous file and say which path.
# Run by tests/run.sh, which sets UCPLAN_BIN, UCPLAN_DATADIR, UCPLAN_LOCALEDIR.
set -u
BIN=${UCPLAN_BIN:-build/ucplan}
DATA=${UCPLAN_DATADIR:-data}
LOCALEDIR=${UCPLAN_LOCALEDIR:-build/locale}
CHECK="$(dirname "$0")/xlsx_check.py"
T=$(mktemp -d /tmp/ucplan-xlsx.XXXXXX)
trap 'chmod -R u+w "$T"; rm -rf "$T"' EXIT
fails=0
count=0
# the workbook's temporary files go here, to check that none is left
TMPDIR="$T/tmp"
mkdir "$TMPDIR"
export TMPDIR

ok() { count=$((count + 1)); }
bad() { count=$((count + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }

# compare NAME LANG SEP [report arguments...]: the workbook against the CSV,
# the XML and `check` of the same plan and language.
compare() {
	name=$1 lang=$2 sep=$3
	shift 3
	if "$BIN" report "$@" --lang "$lang" -f xlsx -o "$T/$name.xlsx" 2>"$T/err" &&
	   "$BIN" report "$@" --lang "$lang" -f csv -o "$T/$name.csv" 2>/dev/null &&
	   "$BIN" report "$@" --lang "$lang" -f xml -o "$T/$name.xml" 2>/dev/null; then
		# check prints to stdout what report printed to stderr
		cp "$T/err" "$T/$name.check"
		if /usr/bin/python3 "$CHECK" "$T/$name.xlsx" "$T/$name.csv" "$sep" "$T/$name.xml" \
		   "$T/$name.check" "$lang" "$LOCALEDIR" >"$T/out"; then ok; else bad "$name: $(cat "$T/out")"; fi
	else
		bad "$name: report failed"; sed 's/^/  | /' "$T/err" | head -3
	fi
}

for plan in two-sites one-site lync2013-nat; do
	compare "$plan-en" en , "$DATA/examples/$plan.xml"
done
compare "two-sites-es" es ';' "$DATA/examples/two-sites.xml"
compare "two-sites-it" it ';' "$DATA/examples/two-sites.xml"
compare "two-sites-zh" zh_CN , "$DATA/examples/two-sites.xml"
# each Edge topology, and a hardware load balanced pool
for edge in single scaled-dns scaled-hlb; do
	compare "edge-$edge" en , --edge "$edge" --edge-public --pool-lb hardware --director \
		--federation sip,xmpp --ipsec
done
compare "edge-nat-es" es ';' --edge scaled-dns --edge-nat --mediation standalone --um dual
# one table: that sheet and the warnings
compare "lb-only" en , "$DATA/examples/two-sites.xml" -t lb
# names a spreadsheet would evaluate come out as they do in the CSV: inert
sed -e 's/name="Example: two sites"/name="=HYPERLINK(\&quot;http:\/\/x\&quot;,\&quot;y\&quot;)"/' \
    -e 's/<site name="Dublin"/<site name="@SUM(1+1)"/' "$DATA/examples/two-sites.xml" >"$T/formula-plan.xml"
compare "formula" en , "$T/formula-plan.xml"
if /usr/bin/python3 - "$T/formula.xlsx" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
cells = [c for ws in wb.worksheets for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
assert not [c for c in cells if c.value[:1] in "=+-@"], "a formula-like cell"
assert any(c.value == "'@SUM(1+1)" for c in cells), "the site name is missing"
PY
then ok; else bad "a workbook cell starts with a formula character"; fi

# the Diagram sheet: a picture with Graphviz, the way to get one without
if /usr/bin/python3 "$CHECK" "$T/one-site-en.xlsx" "$T/one-site-en.csv" , "$T/one-site-en.xml" \
   "$T/one-site-en.check" en "$LOCALEDIR" | grep -q "a PNG picture"; then ok
else bad "the Diagram sheet has no picture although Graphviz is installed"; fi
if UCPLAN_DOT=/nonexistent/dot "$BIN" report "$DATA/examples/one-site.xml" -f xlsx -o "$T/no-dot.xlsx" 2>/dev/null &&
   "$BIN" report "$DATA/examples/one-site.xml" -f csv -o "$T/no-dot.csv" 2>/dev/null &&
   "$BIN" report "$DATA/examples/one-site.xml" -f xml -o "$T/no-dot.xml" 2>"$T/no-dot.check" &&
   /usr/bin/python3 "$CHECK" "$T/no-dot.xlsx" "$T/no-dot.csv" , "$T/no-dot.xml" "$T/no-dot.check" en \
   "$LOCALEDIR" | grep -q "no picture"; then ok
else bad "without Graphviz: the Diagram sheet does not say how to get the picture"; fi

# machine keys as the header, as in the CSV
if "$BIN" report "$DATA/examples/one-site.xml" -t firewall -f xlsx --header keys -o "$T/keys.xlsx" 2>/dev/null &&
   /usr/bin/python3 -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
assert [c.value for c in ws[1]][:3] == ["site", "rule", "scope"], [c.value for c in ws[1]]
' "$T/keys.xlsx"; then ok; else bad "--header keys"; fi

# into a pipe: the same workbook
if "$BIN" report "$DATA/examples/one-site.xml" -f xlsx 2>/dev/null | cat >"$T/piped.xlsx" &&
   /usr/bin/python3 -c '
import sys, openpyxl
a, b = (openpyxl.load_workbook(p) for p in sys.argv[1:3])
assert a.sheetnames == b.sheetnames
for x, y in zip(a.worksheets, b.worksheets):
    assert [[c.value for c in r] for r in x.iter_rows()] == [[c.value for c in r] for r in y.iter_rows()]
' "$T/piped.xlsx" "$T/one-site-en.xlsx"; then ok; else bad "a workbook written into a pipe"; fi

# to a terminal: refused with a hint, status 2 (script(1) gives it a terminal)
if command -v script >/dev/null 2>&1; then
	script -qec "'$BIN' report '$DATA/examples/one-site.xml' -f xlsx" /dev/null >"$T/tty" 2>&1
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q -- "-o FILE.xlsx" "$T/tty" && ! grep -q "PK" "$T/tty"; then ok
	else bad "a workbook to a terminal: exit $rc"; head -3 "$T/tty"; fi
fi

# a directory: one workbook, report.xlsx, with every table
if "$BIN" report "$DATA/examples/one-site.xml" -f xlsx -o "$T/dir/" 2>"$T/err" &&
   [ -f "$T/dir/report.xlsx" ] && [ "$(ls "$T/dir" | wc -l)" -eq 1 ] &&
   grep -q "report.xlsx" "$T/err"; then ok; else bad "-o DIR/ -f xlsx"; ls "$T/dir"; fi

# failures: status 3, the path named, the previous file kept, nothing left over
printf 'previous\n' >"$T/keep.xlsx"
TMPDIR="$T/no-such-dir" "$BIN" report "$DATA/examples/one-site.xml" -f xlsx -o "$T/keep.xlsx" \
	>/dev/null 2>"$T/err"
rc=$?
if [ "$rc" -eq 3 ] && grep -q "keep.xlsx" "$T/err" && grep -q "TMPDIR" "$T/err" &&
   [ "$(cat "$T/keep.xlsx")" = previous ] && [ "$(ls "$T" | grep -c '^\.\?keep.xlsx.')" -eq 0 ]; then ok
else bad "no temporary directory: exit $rc"; cat "$T/err"; fi
"$BIN" report "$DATA/examples/one-site.xml" -f xlsx -o "$T/missing/dir/x.xlsx" >/dev/null 2>"$T/err"
rc=$?
if [ "$rc" -eq 3 ] && grep -q "$T/missing/dir/x.xlsx" "$T/err"; then ok; else bad "missing directory: exit $rc"; cat "$T/err"; fi
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$T/ro" && chmod a-w "$T/ro"
	"$BIN" report "$DATA/examples/one-site.xml" -f xlsx -o "$T/ro/x.xlsx" >/dev/null 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 3 ] && grep -q "$T/ro/x.xlsx" "$T/err"; then ok; else bad "read-only directory: exit $rc"; fi
fi
if [ -e /dev/full ]; then
	"$BIN" report "$DATA/examples/one-site.xml" -f xlsx >/dev/full 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 3 ] && [ -s "$T/err" ]; then ok; else bad "a full disk: exit $rc"; fi
fi
# no temporary workbook left behind by any of the above
if [ -z "$(ls -A "$TMPDIR")" ]; then ok; else bad "temporary files left: $(ls -A "$TMPDIR")"; fi

echo "xlsx: $((count - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
