#!/bin/sh
# diagrams.sh: PNG pictures of the example plans, for the README.
#
# Each example plan is drawn by `ucplan diagram -f png` (Graphviz's dot),
# whole and, for a plan of several sites, one site at a time, in English,
# into screenshots/diagram-PLAN[-SITE].png.
#
#   sh scripts/diagrams.sh [BUILD]          (make diagrams)
set -eu

BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/$BUILD/ucplan
OUT=$ROOT/screenshots

[ -x "$BIN" ] || { echo "diagrams: $BIN is missing; run make first" >&2; exit 1; }
command -v "${UCPLAN_DOT:-dot}" >/dev/null 2>&1 ||
	{ echo "diagrams: Graphviz's dot is missing (scripts/deps.sh installs it)" >&2; exit 1; }
export UCPLAN_DATADIR="${UCPLAN_DATADIR:-$ROOT/data}"
export UCPLAN_LOCALEDIR="${UCPLAN_LOCALEDIR:-$ROOT/$BUILD/locale}"
mkdir -p "$OUT"

for plan in "$ROOT"/data/examples/*.xml; do
	name=$(basename "$plan" .xml)
	"$BIN" diagram "$plan" --lang en -f png -o "$OUT/diagram-$name.png" 2>/dev/null
	echo "diagrams: screenshots/diagram-$name.png"
	# the sites, as the planner lists them: each <site name="..."> of the plan
	sites=$(sed -n 's/.*<site name="\([^"]*\)".*/\1/p' "$plan")
	[ "$(printf '%s\n' "$sites" | sed '/^$/d' | wc -l)" -gt 1 ] || continue
	printf '%s\n' "$sites" | while IFS= read -r site; do
		file=$(printf '%s' "$site" | tr 'A-Z ' 'a-z-' | tr -cd 'a-z0-9-')
		"$BIN" diagram "$plan" --site "$site" --lang en -f png -o "$OUT/diagram-$name-$file.png" 2>/dev/null
		echo "diagrams: screenshots/diagram-$name-$file.png"
	done
done
