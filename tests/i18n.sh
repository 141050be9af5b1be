#!/bin/sh
# Language tests: translated headers, notes and messages in each language,
# the locale fallback on machines without es_ES/it_IT/zh_CN, CSV separators
# and byte-order marks, xml:lang, and zh_CN text aligned by display width.
# Run by tests/run.sh (UCPLAN_BIN, UCPLAN_DATADIR, UCPLAN_LOCALEDIR set).
set -u
BIN=${UCPLAN_BIN:-build/ucplan}
DATA=${UCPLAN_DATADIR:-data}
PLAN="$DATA/examples/two-sites.xml"
T=$(mktemp -d /tmp/ucplan-i18n.XXXXXX)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
has() { if grep -q -- "$2" "$1"; then ok; else bad "$3: '$2' not found"; fi; }

for lang in es it zh_CN; do
	if [ ! -f "${UCPLAN_LOCALEDIR:-build/locale}/$lang/LC_MESSAGES/ucplan.mo" ]; then
		bad "no compiled catalog for $lang"
	fi
done

# The same CSV in English and in each language: every note is translated
# (no note cell is left in English) and the header row is translated.
"$BIN" report "$PLAN" --lang en -f csv -t firewall -o "$T/en.csv" 2>/dev/null || bad "en report"
for lang in es it zh_CN; do
	"$BIN" report "$PLAN" --lang $lang -f csv -t firewall -o "$T/$lang.csv" 2>/dev/null || bad "$lang report"
	python3 - "$T/en.csv" "$T/$lang.csv" "$lang" <<'PY' && ok || bad "$lang CSV is not fully translated"
import csv, sys
en_path, xx_path, lang = sys.argv[1:]
sep = ';' if lang in ('es', 'it') else ','
en = list(csv.reader(open(en_path, newline='', encoding='utf-8'), strict=True))
raw = open(xx_path, 'rb').read()
assert raw.startswith(b'\xef\xbb\xbf'), 'no BOM'
xx = list(csv.reader(open(xx_path, newline='', encoding='utf-8-sig'), delimiter=sep, strict=True))
assert len(en) == len(xx), (len(en), len(xx))
assert en[0] != xx[0], 'header not translated'
note = en[0].index('Note')
scope = en[0].index('Scope')
same = [r[note] for r, s in zip(en[1:], xx[1:]) if r[note] == s[note]]
assert not same, 'untranslated notes: %s' % same[:3]
# --lang changes no machine value: site, rule, scope, roles, names,
# addresses, transport and ports are the same in every language
for key in ('Site', 'Rule', 'Scope', 'Source role', 'Source name', 'Source addresses',
            'Destination role', 'Destination name', 'Destination addresses', 'Transport',
            'Source port', 'Destination port'):
    col = en[0].index(key)
    assert [r[col] for r in en[1:]] == [r[col] for r in xx[1:]], key + ' changed with the language'
PY
done

# Machines without the es_ES, it_IT and zh_CN locales: the environment still
# picks the catalog, and characters are still handled as UTF-8.
for spec in "es_ES.UTF-8:Regla" "it_IT.UTF-8:Regola" "zh_CN.UTF-8:规则"; do
	loc=${spec%%:*}
	word=${spec#*:}
	env -u LC_ALL -u LANGUAGE LANG=$loc "$BIN" report "$PLAN" -t firewall -f csv -o "$T/env.csv" 2>/dev/null \
		|| bad "LANG=$loc report"
	has "$T/env.csv" "\"$word\"" "LANG=$loc header"
	env -u LANGUAGE LC_ALL=$loc "$BIN" --help >"$T/help.txt" 2>&1 || bad "LC_ALL=$loc --help"
	if grep -q "Usage:" "$T/help.txt"; then bad "LC_ALL=$loc --help is in English"; else ok; fi
done
# --lang wins over the environment; LANGUAGE is honoured
LANG=es_ES.UTF-8 "$BIN" report "$PLAN" --lang it -t lb -f csv -o "$T/it.csv" 2>/dev/null
has "$T/it.csv" '"Porta"' "--lang it over LANG=es"
env -u LC_ALL LANG=en_US.UTF-8 LANGUAGE=zh_CN "$BIN" report "$PLAN" -t lb -f csv -o "$T/zh.csv" 2>/dev/null
has "$T/zh.csv" '"端口"' "LANGUAGE=zh_CN"

# Separators and BOM: defaults per language and the overrides
"$BIN" report "$PLAN" --lang en -f csv -t lb -o "$T/a.csv" 2>/dev/null
if [ "$(head -c 1 "$T/a.csv")" = '"' ]; then ok; else bad "English CSV starts with a BOM"; fi
"$BIN" report "$PLAN" --lang zh_CN -f csv -t lb -o "$T/b.csv" 2>/dev/null
if head -1 "$T/b.csv" | grep -q '","'; then ok; else bad "zh_CN CSV not comma-separated"; fi
"$BIN" report "$PLAN" --lang it -f csv -t lb --csv-separator comma --no-bom -o "$T/c.csv" 2>/dev/null
if [ "$(head -c 1 "$T/c.csv")" = '"' ] && head -1 "$T/c.csv" | grep -q '","'; then ok; else bad "overrides ignored"; fi

# XML: machine keys stay, the language is declared, and it validates
"$BIN" report "$PLAN" --lang zh_CN -f xml -o "$T/r.xml" 2>/dev/null
has "$T/r.xml" 'xml:lang="zh-CN"' "xml:lang"
has "$T/r.xml" '<destination-port port="5061"/>' "language-neutral ports in XML"
has "$T/r.xml" 'scope="server"' "scope keys in XML"

# JSON: the same machine values in English and Chinese
"$BIN" report "$PLAN" --lang en -f json -o "$T/en.json" 2>/dev/null || bad "en JSON"
"$BIN" report "$PLAN" --lang zh_CN -f json -o "$T/zh.json" 2>/dev/null || bad "zh_CN JSON"
python3 - "$T/en.json" "$T/zh.json" <<'PY' && ok || bad "JSON machine values differ between languages"
import json, sys
en, zh = (json.load(open(p, encoding='utf-8')) for p in sys.argv[1:])
assert zh['lang'] == 'zh-CN' and en['lang'] == 'en'
# every value but the translated labels: flows and records alike
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k != 'label'}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
def machine(doc):
    return [(t['name'], strip(t['rows'])) for t in doc['tables']]
assert machine(en) == machine(zh)
assert [t['name'] for t in en['tables']][-3:] == ['dns', 'certificates', 'summary']
assert any(r['note']['label'] != r['note']['text'] for t in zh['tables'] for r in t['rows'])
PY
if xmllint --noout --relaxng "$DATA/report.rng" "$T/r.xml" 2>/dev/null; then ok; else bad "zh_CN XML does not validate"; fi

# zh_CN text: every row's columns start at the same display column as the
# header's, and truncation never splits a character.
"$BIN" report "$PLAN" --lang zh_CN -t firewall >"$T/zh.txt" 2>/dev/null
python3 - "$T/zh.txt" <<'PY' && ok || bad "zh_CN text report is not aligned"
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 0 if unicodedata.combining(c) else 1 for c in s)
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
rule = next(i for i, l in enumerate(lines) if set(l.strip()) <= set('- ') and '--' in l)
starts, col, inside = [], 0, False
for ch in lines[rule]:
    if ch == '-' and not inside:
        starts.append(col)
    inside = ch == '-'
    col += 1
checked = 0
for line in lines[rule - 1:]:
    if not line.strip():
        break
    if set(line.strip()) <= set('- '):
        continue
    # display column -> character; a wide character fills two columns
    at = {}
    pos = 0
    for ch in line:
        w = width(ch)
        for k in range(max(w, 1)):
            at[pos + k] = ch if k == 0 else None
        pos += w
    for s in starts[1:]:
        if s >= pos:
            continue
        # a cell starts here: two spaces before it, and no character
        # straddles the boundary
        assert at.get(s) is not None, ('split character', s, line[:50])
        assert at.get(s - 1) == ' ' and at.get(s - 2) == ' ', ('misaligned', s, line[:50])
    checked += 1
assert checked > 10, checked
PY

# zh_CN in the planner, through tmux: the report table's column separators
# stand at the same display columns on every line, whatever the text.
if command -v tmux >/dev/null 2>&1; then
	sock="ucplan-i18n-$$"
	mkdir -p "$T/state" "$T/home"
	tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 30 \
		env HOME="$T/home" XDG_STATE_HOME="$T/state" LC_ALL=C.UTF-8 \
		UCPLAN_DATADIR="$DATA" UCPLAN_LOCALEDIR="${UCPLAN_LOCALEDIR:-build/locale}" \
		"$BIN" --lang zh_CN "$PLAN"
	shot() { tmux -L "$sock" capture-pane -p; }
	wait_text() {
		n=100
		until shot | grep -qF -- "$1"; do
			n=$((n - 1)); [ "$n" -gt 0 ] || return 1; sleep 0.1
		done
	}
	if wait_text "ucplan"; then
		# each screen once it shows what the checks read: the table's
		# rows, the names screen's servers
		tmux -L "$sock" send-keys F6
		wait_text "fe-sip-5061" || bad "zh_CN: the report table did not come"
		shot >"$T/zh-screen.txt"
		tmux -L "$sock" send-keys F5
		wait_text "fe01.dub.example.com" || bad "zh_CN: the names screen did not come"
		shot >"$T/zh-names.txt"
		python3 - "$T/zh-screen.txt" <<'PY' && ok || bad "zh_CN report table in the planner is misaligned"
import sys, unicodedata
def cols(line):
    out, pos = [], 0
    for ch in line:
        if ch == '\u2502':
            out.append(pos)
        pos += 2 if unicodedata.east_asian_width(ch) in 'WF' else 1
    return out
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
table = [l for l in lines if l.count('\u2502') >= 3]
assert len(table) > 5, 'no table on screen'
wide = any(unicodedata.east_asian_width(c) in 'WF' for l in table for c in l)
assert wide, 'no Chinese text in the table'
ref = cols(table[0])
for l in table[1:]:
    assert cols(l) == ref, (cols(l), ref, l[:40])
PY
		if grep -q '[^ -~]' "$T/zh-names.txt" && python3 -c "
import sys, unicodedata
for l in open('$T/zh-names.txt', encoding='utf-8'):
    w = sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in l.rstrip('\n'))
    assert w <= 100, (w, l)
"; then ok; else bad "zh_CN names screen overflows the terminal"; fi
	else
		bad "planner did not start in zh_CN"
	fi
	tmux -L "$sock" kill-server 2>/dev/null
fi

echo "i18n: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
