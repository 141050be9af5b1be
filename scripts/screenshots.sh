#!/bin/sh
# screenshots.sh: PNG screenshots of the real planner, for the README.
#
# Each key screen is reached by driving ucplan in a private tmux server,
# captured with its colours (tmux capture-pane -e), turned into HTML by aha
# and rendered by headless Chromium.  The keys are the same in every
# language, so LANGS="en es it zh_CN" makes the same set per language.
#
#   sh scripts/screenshots.sh [BUILD]          (make screenshots)
#   LANGS="en es" sh scripts/screenshots.sh
set -eu

BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/$BUILD/ucplan
OUT=$ROOT/screenshots
LANGS=${LANGS:-en}
COLS=100
ROWS=30

die() {
	echo "screenshots: $*" >&2
	exit 1
}

[ -x "$BIN" ] || die "$BIN is missing; run make first"

# ---- tools -------------------------------------------------------------------
need=""
command -v tmux >/dev/null 2>&1 || need="$need tmux"
command -v aha >/dev/null 2>&1 || need="$need aha"
command -v chromium >/dev/null 2>&1 || need="$need chromium"
fc-list 2>/dev/null | grep -q "DejaVu Sans Mono" || need="$need fonts-dejavu-core"
fc-list 2>/dev/null | grep -q "Noto Sans Mono CJK" || need="$need fonts-noto-cjk"
if [ -n "$need" ]; then
	echo "screenshots: installing$need"
	SUDO=
	[ "$(id -u)" -eq 0 ] || SUDO=sudo
	# shellcheck disable=SC2086
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $need \
		>/dev/null || die "could not install$need"
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ucplan-shots.XXXXXX")
SOCK=ucplan-shots-$$
TERM_TYPE=screen
for t in tmux-256color screen-256color; do
	if infocmp "$t" >/dev/null 2>&1; then
		TERM_TYPE=$t
		break
	fi
done
printf 'set -g status off\nset -g default-terminal "%s"\n' "$TERM_TYPE" >"$TMP/tmux.conf"
mkdir -p "$TMP/home" "$TMP/state" "$TMP/work" "$OUT"

T() {
	tmux -L "$SOCK" -f "$TMP/tmux.conf" "$@"
}

cleanup() {
	T kill-server 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

# Keeps the server up between sessions.
T new-session -d -s keeper -x 20 -y 5 "sleep 3600"

S=
start() {
	S=$1
	lang=$2
	shift 2
	T new-session -d -s "$S" -x "$COLS" -y "$ROWS" -c "$TMP/work" \
		env HOME="$TMP/home" XDG_STATE_HOME="$TMP/state" TERM="$TERM_TYPE" LC_ALL=C.UTF-8 \
		UCPLAN_DATADIR="$ROOT/data" UCPLAN_LOCALEDIR="$ROOT/$BUILD/locale" \
		"$BIN" --lang "$lang" "$@"
	settle
}

keys() {
	T send-keys -t "$S" "$@"
	settle
}

# Waits until the screen stops changing (the same in every language,
# unlike waiting for a given text).
settle() {
	prev=""
	n=40
	sleep 0.15
	while [ "$n" -gt 0 ]; do
		cur=$(T capture-pane -p -t "$S" 2>/dev/null || true)
		[ -n "$cur" ] && [ "$cur" = "$prev" ] && return 0
		prev=$cur
		sleep 0.1
		n=$((n - 1))
	done
}

# The browser draws a Chinese character with the CJK font's own advance,
# which is not exactly two cells of the Latin font: each wide character gets
# a box of exactly two cells, so columns line up as on the terminal.
wide_cells() {
	python3 -c '
import sys, unicodedata
out = []
for ch in sys.stdin.read():
    if unicodedata.east_asian_width(ch) in "WF":
        out.append("<span style=\"display:inline-block;width:2ch;text-align:center\">%s</span>" % ch)
    else:
        out.append(ch)
sys.stdout.write("".join(out))
'
}

# shot NAME: the screen as screenshots/LANG-NAME.png
shot() {
	name=$1
	html=$TMP/$lang-$name.html
	T capture-pane -e -p -t "$S" >"$TMP/screen.ansi"
	{
		cat <<EOF
<!DOCTYPE html>
<html><head><meta charset="utf-8"><style>
html, body { margin: 0; background: #1d1f21; }
pre {
	margin: 0; padding: 12px 14px; color: #d8d8d8; background: #1d1f21;
	font-family: "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace;
	font-size: 15px; line-height: 18px; font-variant-ligatures: none;
}
</style></head><body><pre>
EOF
		# aha leaves faint text (SGR 2) out: show it as grey.  Its colour
		# names become a calmer palette of the same hues.
		sed 's/\x1b\[2m/\x1b[38;5;245m/g' "$TMP/screen.ansi" | aha --no-header | sed \
			-e 's/background-color:blue;/background-color:#27486e;/g' \
			-e 's/background-color:teal;/background-color:#7fb8b0;/g' \
			-e 's/background-color:black;/background-color:#101214;/g' \
			-e 's/color:dimgray;/color:#1d1f21;/g' \
			-e 's/color:red;/color:#e06c6c;/g' \
			-e 's/color:green;/color:#a8c66c;/g' \
			-e 's/color:olive;/color:#e8c46a;/g' \
			-e 's/color:blue;/color:#7aa6da;/g' \
			-e 's/color:purple;/color:#c397d8;/g' \
			-e 's/color:teal;/color:#70c0b1;/g' \
			-e 's/color:gray;/color:#eaeaea;/g' | wide_cells
		echo "</pre></body></html>"
	} >"$html"
	# 100 columns of 15px DejaVu Sans Mono are 903px wide; 30 rows 540px.
	chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --hide-scrollbars \
		--user-data-dir="$TMP/chromium" --screenshot="$OUT/$lang-$name.png" \
		--window-size=932,564 "file://$html" >/dev/null 2>&1 ||
		die "chromium could not render $name"
	echo "screenshots: $OUT/$lang-$name.png"
}

finish() {
	T kill-session -t "$S" 2>/dev/null || true
}

for lang in $LANGS; do
	rm -f "$TMP/state/ucplan/"*

	# The welcome screen, then the interview of a new plan.
	start welcome "$lang"
	shot 01-welcome
	keys Enter
	keys PgDn
	keys PgDn
	shot 02-interview
	# The Edge page: a scaled Edge behind NAT, then a hardware load
	# balancer, which the engine refuses with its reason.
	keys PgDn PgDn PgDn
	keys Right Right
	keys Down Right
	keys Up Right
	shot 03-edge-refusal
	keys F1
	shot 04-context-help
	T send-keys -t "$S" Escape
	settle
	keys F10
	keys d
	finish
	rm -f "$TMP/state/ucplan/"*

	# The example plan: names and addresses, the tables, export, help.
	cp "$ROOT/data/examples/two-sites.xml" "$TMP/work/two-sites.xml"
	start example "$lang" "$TMP/work/two-sites.xml"
	keys F5
	keys Down Down Down Enter
	shot 05-names
	T send-keys -t "$S" Escape
	settle
	keys F6
	# The external firewall: what the network team opens first (s cycles
	# the scopes: host, client, external).
	keys s s s
	shot 06-firewall
	keys s
	keys s
	keys /
	T send-keys -t "$S" -l "edge-ext-xmpp-in"
	keys Enter
	keys Enter
	shot 07-detail
	T send-keys -t "$S" Escape
	settle
	# the DNS table, four tabs on, then back to the firewall table
	keys Tab Tab Tab Tab
	shot 10-dns
	keys BTab BTab BTab BTab
	keys F7
	shot 08-export
	T send-keys -t "$S" Escape
	settle
	keys "?"
	shot 09-help
	T send-keys -t "$S" Escape
	settle
	keys :
	shot 10-menu
	T send-keys -t "$S" Escape
	settle
	# the Topology view of the site: its networks, then its flows with
	# one highlighted
	keys t
	shot 11-topology
	keys End
	keys Tab Tab
	shot 12-topology-flows
	finish
done
