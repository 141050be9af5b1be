#!/bin/sh
# Diagrams through Graphviz: every example plan (all its sites, then each
# site) and each Edge topology is drawn with `dot -Tsvg`, which must say
# nothing on standard error; the SVG is parsed and must show every server
# name, address, VIP and NAT address of the plan's summary table and, when
# the plan has a perimeter, both firewalls.  A plan with hostile names
# (quotes, backslashes, markup) goes through the same.  Run by tests/run.sh.
set -u
BIN=${UCPLAN_BIN:-build/ucplan}
DATA=${UCPLAN_DATADIR:-data}
T=$(mktemp -d /tmp/ucplan-diagram.XXXXXX)
trap 'rm -rf "$T"' EXIT
export LANGUAGE='' LC_ALL=C.UTF-8
pass=0
fail=0

if ! command -v dot >/dev/null 2>&1; then
	echo "FAIL: diagram: Graphviz's dot is not installed (scripts/deps.sh installs it)"
	exit 1
fi

# check_svg SVG SUMMARY.csv SITE FIREWALLS: every name and address of the
# summary rows of SITE (all when empty) is in the SVG's text; FIREWALLS
# (yes/no) says whether both firewalls must be drawn.
check_svg() {
	python3 - "$@" <<'PY'
import csv, sys
import xml.etree.ElementTree as ET
svg, summary, site, firewalls = sys.argv[1:5]
ns = '{http://www.w3.org/2000/svg}'
text = '\n'.join(''.join(t.itertext()) for t in ET.parse(svg).getroot().iter(ns + 'text'))
missing = []
with open(summary, newline='', encoding='utf-8-sig') as f:
    for row in csv.DictReader(f):
        if site and row['site'] != site:
            continue
        for key in ('fqdn', 'address', 'public_address'):
            if row[key] and row[key] not in text:
                missing.append('%s %s (%s)' % (key, row[key], row['role']))
if firewalls == 'yes':
    for wall in ('External firewall', 'Internal firewall'):
        if wall not in text:
            missing.append(wall)
if missing:
    print('  | missing: ' + '; '.join(missing[:8]))
    sys.exit(1)
PY
}

# case NAME SITE FIREWALLS ARGS...: the diagram of ARGS (a plan and options;
# one site when SITE is set) through dot -Tsvg, checked against the
# summary of the report of ARGS (every site: check_svg keeps SITE's rows).
run_case() {
	name=$1; site=$2; firewalls=$3; shift 3
	if ! "$BIN" diagram "$@" ${site:+--site "$site"} --lang en -f dot -o "$T/$name.dot" 2>"$T/err"; then
		echo "FAIL: $name: ucplan diagram failed"; sed 's/^/  | /' "$T/err"; fail=$((fail + 1)); return
	fi
	if ! "$BIN" report "$@" --lang en -t summary -f csv --header keys -o "$T/$name.csv" 2>"$T/err"; then
		echo "FAIL: $name: ucplan report failed"; sed 's/^/  | /' "$T/err"; fail=$((fail + 1)); return
	fi
	if ! dot -Tsvg "$T/$name.dot" >"$T/$name.svg" 2>"$T/dot-err" || [ -s "$T/dot-err" ]; then
		echo "FAIL: $name: dot -Tsvg failed or warned"; sed 's/^/  | /' "$T/dot-err" | head -5
		fail=$((fail + 1)); return
	fi
	if check_svg "$T/$name.svg" "$T/$name.csv" "$site" "$firewalls"; then
		pass=$((pass + 1))
	else
		echo "FAIL: $name: the SVG lacks part of the plan"; fail=$((fail + 1))
	fi
}

run_case example-one-site "" yes "$DATA/examples/one-site.xml"
run_case example-lync2013-nat "" yes "$DATA/examples/lync2013-nat.xml"
run_case example-two-sites "" yes "$DATA/examples/two-sites.xml"
run_case example-two-sites-dublin Dublin yes "$DATA/examples/two-sites.xml"
run_case example-two-sites-madrid Madrid yes "$DATA/examples/two-sites.xml"
# an Edge topology with the parts that talk to the Edge
run_edge() {
	name=$1; shift
	run_case "$name" "" yes "$@" --director --federation sip,public-im,xmpp --mediation standalone --um dual
}
run_case edge-none "" no --edge none --director --mediation standalone --um dual
run_edge edge-single-public --edge single --edge-public
run_edge edge-single-nat --edge single --edge-nat
run_edge edge-scaled-dns-public --edge scaled-dns --edge-public
run_edge edge-scaled-dns-nat --edge scaled-dns --edge-nat
run_edge edge-scaled-hlb --edge scaled-hlb --edge-public --pool-lb hardware --reverse-proxy \
	--office-web-apps --persistent-chat

# Hostile names: a site and a plan named with quotes, a backslash and
# markup reach the SVG as written, and dot has nothing to say.
sed -e 's|<site name="Dublin"|<site name="Dub\&quot;lin \\ \&lt;b\&gt;\&amp;amp;"|' \
    -e 's|name="Example: two sites"|name="Plan \&quot;X\&quot; \\ \&lt;/TABLE\&gt;"|' \
	"$DATA/examples/two-sites.xml" >"$T/hostile.xml"
if ! grep -q 'Dub&quot;lin' "$T/hostile.xml"; then
	echo "FAIL: hostile: the example plan did not take the hostile site name"; fail=$((fail + 1))
fi
run_case hostile "" yes "$T/hostile.xml"
if python3 - "$T/hostile.svg" <<'PY'
import sys
import xml.etree.ElementTree as ET
ns = '{http://www.w3.org/2000/svg}'
text = [''.join(t.itertext()) for t in ET.parse(sys.argv[1]).getroot().iter(ns + 'text')]
assert 'Dub"lin \\ <b>&amp;' in text, [t for t in text if 'Dub' in t]
assert 'Plan "X" \\ </TABLE>' in text, [t for t in text if 'Plan' in t]
PY
then pass=$((pass + 1)); else echo "FAIL: hostile: the site's name is not in the SVG as written"; fail=$((fail + 1)); fi

echo "diagram: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
