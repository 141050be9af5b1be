#!/bin/sh
# tui.sh: the interactive planner driven end to end in a real terminal.
#
# tmux provides the terminal (CI has none): every journey starts the real
# binary in a private tmux server, sends keys and reads the screen back.
# Waits poll the screen with a timeout instead of sleeping.  HOME and
# XDG_STATE_HOME point into a temporary directory, so the autosave of a
# test never meets the user's.
set -u

BIN=${UCPLAN_BIN:-$PWD/build/ucplan}
DATADIR=${UCPLAN_DATADIR:-$PWD/data}
LOCALEDIR=${UCPLAN_LOCALEDIR:-$PWD/build/locale}
EXAMPLE=$DATADIR/examples/two-sites.xml

if ! command -v tmux >/dev/null 2>&1; then
	echo "tui: SKIPPED: tmux is not installed (apt-get install tmux); the planner was not tested"
	echo "tui: 0 passed, 0 failed"
	exit 0
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ucplan-tui.XXXXXX")
SOCK=ucplan-test-$$
mkdir -p "$TMP/home" "$TMP/state" "$TMP/work"
# The planner sees the terminal tmux emulates: its keys (Home is \E[1~)
# are those of tmux's own terminal type, not of the outer terminal's.
TERM_TYPE=screen
for t in tmux-256color screen-256color; do
	if infocmp "$t" >/dev/null 2>&1; then
		TERM_TYPE=$t
		break
	fi
done
cat >"$TMP/tmux.conf" <<EOF
set -g status off
set -g remain-on-exit on
set -g history-limit 0
set -g default-terminal "$TERM_TYPE"
EOF

T() {
	tmux -L "$SOCK" -f "$TMP/tmux.conf" "$@"
}

cleanup() {
	T kill-server 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap 'T kill-server 2>/dev/null; echo "kept $TMP"' EXIT
trap 'exit 1' INT TERM HUP

passed=0
failed=0
S= # the current session

# A session that outlives the journeys: with none left the server would
# exit, and the next journey could meet it half gone.
T new-session -d -s keeper -x 20 -y 5 "sleep 3600" || {
	echo "tui: cannot start tmux"
	echo "tui: 0 passed, 1 failed"
	exit 1
}

# start SESSION [ARGS...]: runs the planner in a 100x30 terminal, in
# $TMP/work, or in $DIR, with $STATE, $TERMV, $WIDTH, $HEIGHT, the language
# $LANGV and the wrapper $WRAP when set.
start() {
	S=$1
	shift
	T new-session -d -s "$S" -x "${WIDTH:-100}" -y "${HEIGHT:-30}" -c "${DIR:-$TMP/work}" \
		env HOME="$TMP/home" XDG_STATE_HOME="${STATE:-$TMP/state}" TERM="${TERMV:-$TERM_TYPE}" \
		LC_ALL="${LCV:-C.UTF-8}" UCPLAN_DATADIR="$DATADIR" UCPLAN_LOCALEDIR="$LOCALEDIR" \
		${WRAP:-} "$BIN" --lang "${LANGV:-en}" "$@"
}

screen() {
	T capture-pane -p -t "$S" 2>/dev/null
}

keys() {
	T send-keys -t "$S" "$@"
}

# type TEXT: sends TEXT literally.
type_text() {
	T send-keys -t "$S" -l "$1"
}

# Esc on its own: a key right behind it would read as Alt-key.
escape() {
	sleep 0.1
	T send-keys -t "$S" Escape
	sleep 0.1
}

# wait_for TEXT [TENTHS]: true once TEXT is on the screen (default 10 s,
# reached only when something is wrong or the machine is very busy).
wait_for() {
	n=${2:-100}
	while [ "$n" -gt 0 ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "# timed out waiting for: $1"
	return 1
}

# wait_change BEFORE: true once the screen differs from BEFORE (a key
# that always changes something has been handled).
wait_change() {
	n=100
	while [ "$n" -gt 0 ]; do
		[ "$(screen)" != "$1" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "# timed out waiting for the screen to change"
	return 1
}

# wait_gone TEXT: true once TEXT has left the screen.
wait_gone() {
	n=${2:-100}
	while [ "$n" -gt 0 ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "# timed out waiting for this to go: $1"
	return 1
}

dead() {
	[ "$(T display-message -p -t "$S" '#{pane_dead}' 2>/dev/null)" = 1 ]
}

wait_dead() {
	n=100
	while [ "$n" -gt 0 ]; do
		dead && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# The autosave files of every plan (each plan has its own).
autosaves() {
	ls "$TMP/state/ucplan"/autosave-*.xml 2>/dev/null
}

# autosave_has TEXT: an autosave holds TEXT.
autosave_has() {
	for f in $(autosaves); do grep -q -- "$1" "$f" && return 0; done
	return 1
}

# wait_autosave TEXT: until an autosave holds TEXT.
wait_autosave() {
	n=100
	while [ "$n" -gt 0 ]; do
		autosave_has "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

wait_file() {
	n=100
	while [ "$n" -gt 0 ]; do
		[ -e "$1" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# check NAME COMMAND...: one assertion; the screen is shown on failure.
check() {
	name=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
		echo "ok - $name"
	else
		failed=$((failed + 1))
		echo "not ok - $name"
		echo "--- screen of $S:"
		screen
		echo "---"
	fi
}

finish() {
	T kill-session -t "$S" 2>/dev/null
}

# ---- 1: a whole interview, then the firewall table as CSV --------------------
j1_interview() {
	wait_for "Design sites" || return 1
	keys Enter
	wait_for "Page 1 of 12" || return 1
	keys Enter C-u
	type_text "Journey"
	keys Enter PgDn
	wait_for "Page 2 of 12" || return 1
	keys a
	wait_for "Name of the new central site" || return 1
	keys Enter
	wait_for "Page 2 of 19" || return 1
	keys PgDn PgDn PgDn PgDn
	wait_for "Edge Server — Site 1" || return 1
	keys Right Right
	wait_for "Scaled Edge, DNS load balancing" || return 1
	keys PgDn PgDn
	wait_for "Exchange Unified Messaging — Site 1" || return 1
	keys Right Right
	wait_for "‹ TLS ›" || return 1
	keys PgDn PgDn PgDn PgDn PgDn
	wait_for "Edge Server — Site 2" || return 1
	keys Right Right
	wait_for "Scaled Edge, DNS load balancing" || return 1
	keys PgDn PgDn
	wait_for "Exchange Unified Messaging — Site 2" || return 1
	keys Right Right
	wait_for "‹ TLS ›" || return 1
	keys PgDn PgDn
	wait_for "XMPP federation" || return 1
	keys Down Down Space
	wait_for "[x] Yes" || return 1
	keys PgDn PgDn
	wait_for "Page 19 of 19" || return 1
}

j1_review() {
	screen | grep -q "0 errors, [0-9]* warning" &&
		screen | grep -qF "a Director is recommended"
}

j1_save() {
	keys F2
	wait_for "Save the plan to this file" || return 1
	keys C-u
	type_text "$TMP/work/journey.xml"
	keys Enter
	wait_for "Saved $TMP/work/journey.xml" && [ -s "$TMP/work/journey.xml" ]
}

j1_export() {
	keys F6
	wait_for "Firewall (" || return 1
	keys F7
	wait_for "./journey-firewall.csv" || return 1
	keys Enter
	wait_for "Export done" && [ -s "$TMP/work/journey-firewall.csv" ]
}

j1_same_as_cli() {
	(cd "$TMP/work" && LC_ALL=C.UTF-8 "$BIN" report journey.xml -t firewall -f csv \
		--lang en >cli-firewall.csv 2>/dev/null) &&
		cmp -s "$TMP/work/cli-firewall.csv" "$TMP/work/journey-firewall.csv" &&
		grep -q 'federation="xmpp"' "$TMP/work/journey.xml" &&
		[ "$(grep -c '<edge topology="scaled-dns"' "$TMP/work/journey.xml")" = 2 ] &&
		[ "$(grep -c '<exchange-um mode="tls"' "$TMP/work/journey.xml")" = 2 ]
}

# A script through the dialog: the format's sentence, a file of its own,
# the same script as the command line writes (but for its date line).
j1_export_probe() {
	keys Enter
	sleep 0.2
	keys F7
	wait_for "Destination" || return 1
	keys Tab Tab
	sleep 0.2
	keys Space Space Space Space Space Space Space
	wait_for "Linux jump host" || return 1
	wait_for "./journey-probe-sh.sh" || return 1
	keys BTab BTab
	sleep 0.2
	keys Enter
	wait_for "Export done" || return 1
	(cd "$TMP/work" && LC_ALL=C.UTF-8 "$BIN" report journey.xml -f probe-sh --lang en \
		>cli-probe.sh 2>/dev/null) &&
		[ "$(grep -v '^# Generated by' "$TMP/work/cli-probe.sh")" = \
			"$(grep -v '^# Generated by' "$TMP/work/journey-probe-sh.sh")" ] &&
		sh -n "$TMP/work/journey-probe-sh.sh"
}

j1_quit() {
	keys Enter F10
	wait_dead
}

start j1
check "interview: New plan, two sites, scaled Edge, Exchange UM, XMPP" j1_interview
check "interview: the review page shows the findings" j1_review
check "interview: F2 saves the plan" j1_save
check "export: the firewall table as CSV" j1_export
check "export: the CSV equals 'ucplan report -t firewall -f csv'" j1_same_as_cli
check "export: a connectivity probe, as the command line writes it" j1_export_probe
check "quit: F10 leaves at once without unsaved changes" j1_quit
finish

# ---- 1b: control characters in names are shown, not acted upon -------------
sed -e 's/name="Example: two sites"/name="Evil\&#13;\&#10;name\&#x9B;2J"/' \
    -e 's/<site name="Dublin"/<site name="Dub\&#10;lin\&#x202E;x"/' "$EXAMPLE" >"$TMP/work/evil.xml"

j1b_escaped() {
	wait_for 'Evil\u000D\u000Aname\u009B2J' || return 1
	# The title bar is still one line: the first row holds the whole name.
	screen | head -n 1 | grep -qF 'Evil\u000D\u000Aname\u009B2J' || return 1
	keys F5
	wait_for 'Dub\u000A' || return 1
	# A finding shows the name on one line too.
	keys F6
	wait_for "Warnings (" || return 1
	# Warnings is the last tab: Shift-Tab wraps around to it.
	keys BTab
	wait_for "2 errors, 4 warnings" || return 1
	wait_for ' Site “Dub\u000Alin\u202Ex”: 68 names' || return 1
	# Enter goes to the site's names, the name still escaped in its tab
	keys Down Down Down Enter
	wait_for "Name or address" && screen | sed -n 2p | grep -qF 'Dub\u000A' || return 1
	keys F10
	wait_dead
}

start j1b "$TMP/work/evil.xml"
check "names: CR, LF, C1 and bidi controls in names are shown as escapes" j1b_escaped
finish

# ---- 2: open the example, edit an address, save, reopen ----------------------
cp "$EXAMPLE" "$TMP/work/edit.xml"

j2_edit() {
	wait_for "Example: two sites" || return 1
	keys F5
	wait_for "Front End Server address 1" || return 1
	keys Down Down Down Enter C-u
	type_text "10.20.30.41"
	keys Enter
	wait_for "Number the rest?" || return 1
	keys n
	wait_gone "Number the rest?" && wait_for "10.20.30.41"
}

j2_refusal() {
	keys Down Down Enter C-u
	type_text "10.20.30"
	keys Enter
	wait_for "is not an IPv4 or IPv6 address" || return 1
	escape
	wait_gone "is not an IPv4" && wait_for "192.0.2.12"
}

j2_save() {
	keys F2
	wait_for "Saved $TMP/work/edit.xml" || return 1
	keys F10
	wait_dead && grep -q 'address="10.20.30.41"' "$TMP/work/edit.xml"
}

j2_reopen() {
	wait_for "Example: two sites" || return 1
	keys F5
	wait_for "10.20.30.41"
}

start j2 "$TMP/work/edit.xml"
check "names: edit an address in place" j2_edit
check "names: a malformed address is refused, the old one kept" j2_refusal
check "names: F2 saves the new address to the file" j2_save
finish
start j2b "$TMP/work/edit.xml"
check "names: the reopened plan shows the new address" j2_reopen

# ---- 3: resizing -------------------------------------------------------------
j3_small() {
	keys F6
	wait_for "row 1 of" || return 1
	T resize-window -t "$S" -x 20 -y 8
	wait_for "Terminal too small"
}

j3_back() {
	T resize-window -t "$S" -x 100 -y 30
	wait_gone "Terminal too small" || return 1
	# seven tables: at 100 columns the tabs take their short names
	wait_for "row 1 of" && screen | grep -qF "F10 Quit" && screen | grep -qF "LB (" &&
		screen | grep -qF "Warnings ("
}

j3_80x24() {
	T resize-window -t "$S" -x 80 -y 24
	wait_for "Firewall (" || return 1
	[ "$(screen | grep -c .)" -ge 20 ] && screen | tail -n 1 | grep -qF "F10 Quit"
}

check "resize: 20x8 shows the too-small notice" j3_small
check "resize: back to 100x30 the table is intact" j3_back
check "resize: 80x24 draws the whole frame" j3_80x24
T resize-window -t "$S" -x 100 -y 30
# Keys sent while the terminal changes size may be split; let it settle.
wait_for "LB ("
sleep 0.3

# ---- 4: quitting with unsaved changes asks ------------------------------------
j4_cancel() {
	keys F5
	wait_for "Front End pool" || return 1
	keys Home Enter C-u
	type_text "pool9.example.org"
	keys Enter
	wait_for "pool9.example.org" || return 1
	keys F10
	wait_for "Unsaved changes" || return 1
	keys c
	wait_gone "Unsaved changes" && ! dead && wait_for "pool9.example.org"
}

j4_discard() {
	keys F10
	wait_for "Unsaved changes" || return 1
	keys d
	wait_dead && ! grep -q "pool9" "$TMP/work/edit.xml" &&
		[ -z "$(autosaves)" ]
}

check "quit: unsaved changes ask, Cancel stays" j4_cancel
check "quit: Discard leaves without saving or autosave" j4_discard
finish

# ---- 5: autosave and recovery after kill -9 ----------------------------------
j5_change() {
	wait_for "Example: two sites" || return 1
	keys F5
	wait_for "Front End pool" || return 1
	keys Enter C-u
	type_text "crash1.example.org"
	keys Enter
	wait_for "crash1.example.org" || return 1
	wait_autosave "crash1.example.org" || return 1
	pid=$(T display-message -p -t "$S" '#{pane_pid}')
	kill -9 "$pid" && wait_dead
}

j5_restore() {
	wait_for "Restore autosaved plan" || return 1
	screen | grep -qF "edit.xml" || return 1
	keys r
	wait_for "Restored the autosaved plan" || return 1
	keys F5
	wait_for "crash1.example.org"
}

j5_save() {
	keys F2
	wait_for "Saved $TMP/work/edit.xml" || return 1
	grep -q "crash1.example.org" "$TMP/work/edit.xml" &&
		[ -z "$(autosaves)" ]
}

start j5 "$TMP/work/edit.xml"
check "autosave: a change is autosaved, then kill -9" j5_change
finish
start j5b
check "autosave: the next start offers the plan and restores it" j5_restore
check "autosave: F2 saves to the original file and removes the autosave" j5_save
keys F10
wait_dead
finish

# ---- 6: the firewall table ---------------------------------------------------
j6_rows() {
	wait_for "Example: two sites" || return 1
	keys F6
	wait_for "Firewall (" || return 1
	screen | grep -qF "fe-sip-5061" && screen | grep -qF "Destination"
}

j6_search() {
	keys /
	wait_for "Search:" || return 1
	type_text "8057"
	keys Enter
	wait_gone "Search:" && wait_gone "row 1 of" && screen | grep -qF "8057"
}

j6_detail() {
	keys Enter
	wait_for "Applies when" || return 1
	screen | grep -qF "Rule fe-psom-8057" && screen | grep -qF "Provenance" &&
		screen | grep -qF "Destination port  8057" || return 1
	# the public article and its table, then where the fact was read
	keys End
	wait_for "Read in: 002_18653db6862f62fb.txt" &&
		screen | grep -qF "Table: Required server ports (by server role)" &&
		screen | grep -qF "Port and protocol requirements for servers"
}

j6_programs() {
	escape
	wait_gone "Applies when" || return 1
	keys Tab Tab Tab
	wait_for "UMService (TCP-In)" && screen | grep -qE "Windows Firewall rule|Program rule" &&
		! screen | grep -qF "Destination port" ||
		return 1
	keys BTab BTab BTab
	wait_for "fe-psom-8057"
}

j6_help() {
	# j6_programs closed the detail: the table itself has the keys now
	wait_for "Enter Detail" || return 1
	keys "?"
	wait_for "Everywhere" || return 1
	# the Reports section is some pages down: a page at a time, each
	# waited for, until it shows
	pages=0
	until screen | grep -qF "Search the rows for text"; do
		pages=$((pages + 1))
		[ "$pages" -le 6 ] || { echo "# Search the rows for text: not in 6 pages"; return 1; }
		before=$(screen)
		keys PgDn
		wait_change "$before" || return 1
	done
}

# flat: the screen as one line, box sides and line ends as spaces, so
# that a sentence wrapped in a window is found whole.
flat() {
	screen | sed 's/[│|]/ /g' | tr '\n' ' ' | tr -s ' '
}

# F1 on the Reports screen tells of every tab, the column chooser,
# sideways scrolling with the pinned column, and every export format.
j6_context_help() {
	escape
	wait_gone "─ Keys " && wait_for "Enter Detail" || return 1
	keys F1
	wait_for "─ Help " && wait_for "full-width columns" || return 1
	for want in "Certificates: each certificate" "c chooses the columns to show" \
		"Left and Right scroll sideways" "(the rule, or the load balancer) stays in place" \
		"CSV, XML, JSON, an XLSX workbook, or a script"; do
		flat | grep -qF -- "$want" || { echo "# F1 help lacks: $want"; return 1; }
	done
	escape
	wait_gone "─ Help " || return 1
	keys "?"
	# the first section, "Everywhere", has F7
	wait_for "Everywhere" && wait_for "Export the tables (CSV, XML, JSON, XLSX) or a script" &&
		! flat | grep -qF "to CSV or XML"
}

start j6 "$TMP/work/edit.xml"
check "table: the firewall table shows rows" j6_rows
check "table: / finds a port" j6_search
check "table: Enter opens the row's detail" j6_detail
check "table: program rules have their own tab, without ports" j6_programs
check "help: ? lists the keys from the key table" j6_help
check "help: F1 on Reports tells of the tabs, columns, sideways scroll and exports" j6_context_help
escape
keys F10
wait_dead
finish

# ---- 6b: dialogs over Chinese text ---------------------------------------------
# A dialog's edge that lands on half of a double-width character must leave
# the screen intact, open and closed, without Ctrl-L.  The box corners are
# the only ones on the reports screen, so the waits need no translation.

# same_screen TEXT: true once the screen shows TEXT again (2 s).
same_screen() {
	n=20
	while [ "$n" -gt 0 ]; do
		[ "$(screen)" = "$1" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "# the screen differs from before:"
	echo "$1"
	return 1
}

# overlay KEY: opens an overlay with KEY over the table; true when Ctrl-L
# changes nothing on it and closing it brings back the table as it was.
overlay() {
	before=$(screen)
	keys "$1"
	wait_for "┌" || return 1
	sleep 0.2
	open=$(screen)
	keys C-l
	same_screen "$open" || return 1
	escape
	wait_gone "┌" && same_screen "$before"
}

j6b_wide() {
	wait_for "Example: two sites" || return 1
	keys F6
	wait_for "IPsec" || return 1
	sleep 0.2
	overlay F7 && overlay Enter && overlay F9 && overlay "?"
}

if [ -f "$LOCALEDIR/zh_CN/LC_MESSAGES/ucplan.mo" ]; then
	S=j6b
	T new-session -d -s "$S" -x 80 -y 24 -c "$TMP/work" \
		env HOME="$TMP/home" XDG_STATE_HOME="$TMP/state" TERM="$TERM_TYPE" \
		LC_ALL=C.UTF-8 UCPLAN_DATADIR="$DATADIR" UCPLAN_LOCALEDIR="$LOCALEDIR" \
		"$BIN" --lang zh_CN "$EXAMPLE"
	check "wide text: dialogs open and close over Chinese text intact" j6b_wide
	keys F10
	wait_dead
	finish
else
	echo "# skipped the Chinese screen check: no zh_CN catalog in $LOCALEDIR"
fi

# ---- 7: language, SIGTERM, Ctrl-Z --------------------------------------------
j7_language() {
	wait_for "Example: two sites" || return 1
	keys F6
	wait_for "│Host " || return 1
	keys L
	wait_for "Italiano" || return 1
	keys Down Enter
	# The title bar names the language; with the Spanish catalog built,
	# the report's cells are rebuilt in Spanish at once.
	n=50
	until screen | head -n 1 | grep -q ' es$'; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.1
	done
	if [ -f "$LOCALEDIR/es/LC_MESSAGES/ucplan.mo" ]; then
		wait_for "Informes" || return 1
	fi
	keys F2
	wait_for "$TMP/work/lang.xml" && grep -q 'lang="es"' "$TMP/work/lang.xml"
}

j7_sigterm() {
	keys F5
	sleep 0.2
	keys Enter C-u
	type_text "term1.example.org"
	keys Enter
	wait_for "term1.example.org" || return 1
	pid=$(T display-message -p -t "$S" '#{pane_pid}')
	kill -TERM "$pid" && wait_dead || return 1
	# The handler ran when the terminal was restored: the planner's screen
	# is gone (after kill -9 it stays).  tmux reports the exit status only
	# when it collected it before noticing the closed terminal.
	status=$(T display-message -p -t "$S" '#{pane_dead_status}')
	{ [ -z "$status" ] || [ "$status" = 143 ]; } &&
		! screen | grep -qF "Names and addresses" &&
		autosave_has "term1.example.org"
}

# A copy: the language is remembered in the plan, and the journeys after
# this one read English screens from edit.xml.
cp "$TMP/work/edit.xml" "$TMP/work/lang.xml"
start j7 "$TMP/work/lang.xml"
check "language: L switches the screens and the report, remembered in the plan" j7_language
check "signals: SIGTERM autosaves and exits" j7_sigterm
finish
rm -f "$TMP/state/ucplan"/autosave-*

# A full disk during an export: the dialog says so, names the file, and the
# planner goes on with nothing lost.
j7_full_disk() {
	wait_for "Example: two sites" || return 1
	keys F6
	wait_for "│Host " || return 1
	keys F7
	wait_for "Destination" || return 1
	keys BTab
	sleep 0.2
	keys Enter C-u
	type_text "/dev/full"
	keys Enter
	sleep 0.2
	keys Enter
	wait_for "Overwrite?" || return 1
	keys o
	wait_for "/dev/full: could not write" || return 1
	screen | grep -q "free space" || return 1
	escape
	wait_gone "[ Export ]" && screen | grep -q "│Host "
}

start j7f "$TMP/work/edit.xml"
check "export: a full disk gives a clear message in the planner" j7_full_disk
finish

# A closed terminal: killing the tmux window hangs up the planner's tty,
# which sends SIGHUP; the autosave must hold the last change.
j7_hangup() {
	wait_for "Example: two sites" || return 1
	keys F5
	sleep 0.2
	keys Enter C-u
	type_text "hup1.example.org"
	keys Enter
	wait_for "hup1.example.org" || return 1
	pid=$(T display-message -p -t "$S" '#{pane_pid}')
	T kill-session -t "$S" || return 1
	n=100
	while kill -0 "$pid" 2>/dev/null; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.1
	done
	autosave_has "hup1.example.org"
}

start j7h "$TMP/work/edit.xml"
check "signals: a closed terminal (SIGHUP) keeps the change in the autosave" j7_hangup
rm -f "$TMP/state/ucplan"/autosave-*

# ---- 9: two planners on one plan ---------------------------------------------
cp "$EXAMPLE" "$TMP/work/shared.xml"

# edit_pool FQDN: the first site's Front End pool gets a new name.
edit_pool() {
	keys F5
	wait_for "Front End pool" || return 1
	keys Enter C-u
	type_text "$1"
	keys Enter
	wait_for "$1"
}

j9_both_autosave() {
	S=j9a
	wait_for "Example: two sites" && edit_pool a1.example.org && wait_autosave a1.example.org || return 1
	start j9b "$TMP/work/shared.xml"
	wait_for "open in another ucplan too" || return 1
	edit_pool b1.example.org && wait_autosave b1.example.org || return 1
	# Each has its own recovery data, private to the user.
	[ "$(autosaves | wc -l)" -eq 2 ] && autosave_has a1.example.org || return 1
	for f in $(autosaves); do [ "$(stat -c %a "$f")" = 600 ] || return 1; done
	[ "$(stat -c %a "$TMP/state/ucplan")" = 700 ]
}

j9_first_saves() {
	S=j9a
	keys F2
	wait_for "Saved $TMP/work/shared.xml" || return 1
	grep -q a1.example.org "$TMP/work/shared.xml" &&
		! autosave_has a1.example.org && autosave_has b1.example.org
}

j9_second_asks() {
	S=j9b
	keys F2
	wait_for "was changed on disk" || return 1
	keys c
	wait_gone "was changed on disk" || return 1
	grep -q a1.example.org "$TMP/work/shared.xml" || return 1
	keys F2
	wait_for "was changed on disk" || return 1
	keys r
	wait_gone "was changed on disk" || return 1
	keys F5
	wait_for a1.example.org && ! autosave_has b1.example.org
}

start j9a "$TMP/work/shared.xml"
check "two planners: each autosaves on its own (0600 files, 0700 directory)" j9_both_autosave
check "two planners: the first one saves, the second one's autosave stays" j9_first_saves
check "two planners: the second one's F2 asks (cancel, reload) instead of erasing" j9_second_asks
for S in j9a j9b; do keys F10; wait_dead; finish; done
rm -f "$TMP/state/ucplan"/autosave-*

# ---- 10: the autosave restored from another directory --------------------------
cp "$EXAMPLE" "$TMP/work/rel.xml"
mkdir -p "$TMP/other"

j10_change() {
	wait_for "Example: two sites" && edit_pool rel1.example.org &&
		wait_autosave rel1.example.org || return 1
	pid=$(T display-message -p -t "$S" '#{pane_pid}')
	kill -9 "$pid" && wait_dead
}

j10_restore() {
	wait_for "Restore autosaved plan" || return 1
	wait_for "$TMP/work/rel.xml" || return 1
	keys r
	wait_for "Restored the autosaved plan" || return 1
	keys F2
	wait_for "Saved $TMP/work/rel.xml" || return 1
	grep -q rel1.example.org "$TMP/work/rel.xml" && [ ! -e "$TMP/other/rel.xml" ] &&
		[ -z "$(autosaves)" ]
}

# A relative name, as typed in a shell.
start j10 rel.xml
check "autosave: a plan opened by a relative name is autosaved, then kill -9" j10_change
finish
DIR=$TMP/other
start j10b
check "autosave: restored in another directory, F2 writes to the original file" j10_restore
DIR=
keys F10
wait_dead
finish

# ---- 11: autosave that cannot be written says so ---------------------------------
: >"$TMP/not-a-dir"

j11_off() {
	wait_for "Autosave is off" || return 1
	screen | grep -qF "$TMP/not-a-dir/ucplan" || return 1
	edit_pool off1.example.org || return 1
	wait_for "Autosave is off"
}

STATE=$TMP/not-a-dir
start j11 "$TMP/work/edit.xml"
check "autosave: a state directory that cannot be made is reported on the status line" j11_off
STATE=
keys F10
wait_for "Unsaved changes" && keys d
wait_dead
finish

# ---- 12: terminals that cannot be used ----------------------------------------------
# The message goes to standard error, kept in a file: a pane that dies at
# once may not show it.
printf 'exec "$@" 2>"%s"\n' "$TMP/j12.err" >"$TMP/errwrap"

j12_dumb() {
	wait_dead || return 1
	wait_file "$TMP/j12.err" &&
		grep -q "cannot use this terminal (TERM=dumb)" "$TMP/j12.err"
}

TERMV=dumb WRAP="sh $TMP/errwrap"
start j12 "$TMP/work/edit.xml"
check "terminal: TERM=dumb is refused with a message" j12_dumb
TERMV= WRAP=
finish

# ---- 13: SIGHUP blocked by whoever started the planner -----------------------------
cat >"$TMP/blockhup" <<'PY'
import os, signal, sys
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGHUP])
os.execv(sys.argv[1], sys.argv[1:])
PY

j13_hangup_blocked() {
	wait_for "Example: two sites" && edit_pool hupblk.example.org || return 1
	pid=$(T display-message -p -t "$S" '#{pane_pid}')
	T kill-session -t "$S" || return 1
	n=100
	while kill -0 "$pid" 2>/dev/null; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || { kill -9 "$pid"; return 1; }
		sleep 0.1
	done
	autosave_has hupblk.example.org
}

if command -v python3 >/dev/null 2>&1; then
	WRAP="python3 $TMP/blockhup"
	start j13 "$TMP/work/edit.xml"
	check "signals: with SIGHUP blocked at start, a closed terminal still ends the planner" j13_hangup_blocked
	WRAP=
	rm -f "$TMP/state/ucplan"/autosave-*
fi

# ---- 14: a corrupt autosave ---------------------------------------------------------
mkdir -p "$TMP/state3/ucplan/autosave-new.xml.bad"
: >"$TMP/state3/ucplan/autosave-new.xml.bad/keep"
printf 'not a plan' >"$TMP/state3/ucplan/autosave-new.xml"
: >"$TMP/state3/ucplan/autosave-new.path"

j14_not_set_aside() {
	wait_for "cannot be read" || return 1
	wait_for "remove" && ! screen | grep -q "It was kept as" &&
		[ -e "$TMP/state3/ucplan/autosave-new.xml" ]
}

j14_set_aside() {
	wait_for "cannot be read" || return 1
	wait_for "It was kept as" && [ -e "$TMP/state3/ucplan/autosave-new.xml.bad" ] &&
		[ ! -e "$TMP/state3/ucplan/autosave-new.xml" ]
}

STATE=$TMP/state3
start j14
check "autosave: a corrupt autosave that cannot be set aside is not said to be" j14_not_set_aside
keys F10
wait_dead
finish
rm -rf "$TMP/state3/ucplan/autosave-new.xml.bad"
start j14b
check "autosave: a corrupt autosave is set aside and named" j14_set_aside
keys F10
wait_dead
finish
STATE=

# ---- 15: defects found by a first-time user ----------------------------------
cp "$EXAMPLE" "$TMP/work/d15.xml"

# After renaming a site, a new server is numbered after the others.
j15_rename_numbering() {
	wait_for "two sites" || return 1
	keys PgDn
	wait_for "Central sites and their branch sites" || return 1
	keys r
	wait_for "New name of the site" || return 1
	keys C-u
	type_text "Galway"
	keys Enter
	wait_for "Galway" || return 1
	keys PgDn
	wait_for "Front End pool" || return 1
	keys Down Right
	wait_for "‹ 4 ›" || return 1
	keys F5
	wait_for "Front End Server 4" || return 1
	screen | grep -qF "fe04.galway.example.com" && ! screen | grep -qF "fe01.galway"
}

start d15 "$TMP/work/d15.xml"
check "names: after renaming a site, a new server is fe04, not fe01" j15_rename_numbering
keys F10
wait_for "Discard" && keys d
wait_dead
finish

# The Edge count stops at 12 with the reason, not silently.
j15_edge_limit() {
	keys PgDn PgDn PgDn PgDn PgDn
	wait_for "Edge Server — Head office" || return 1
	keys Right
	wait_for "Scaled Edge, DNS load balancing" || return 1
	keys Down Down
	for i in 1 2 3 4 5 6 7 8 9 10 11; do keys Right; done
	wait_for "‹ 12 ›" || return 1
	wait_for "at most 12 servers"
}

# The last Edge removed with federation on: the page says the plan is wrong.
j15_last_edge() {
	keys Up Up Left Left
	wait_for "‹ No Edge ›" || return 1
	wait_for "The plan: Federation and public IM need an Edge Server"
}

# Enter on a finding goes to where it is fixed.
j15_finding_jump() {
	keys F6
	wait_for "Warnings (" || return 1
	# Warnings is the last tab: Shift-Tab wraps around to it
	keys BTab
	wait_for "Enter goes to where" || return 1
	# the SIP domain's placeholder: the plan page; the federation error:
	# the federation page
	keys Enter
	wait_for "Page 1 of" && wait_for "SIP domain" || return 1
	keys F6
	wait_for "Enter goes to where" || return 1
	keys Down Enter
	wait_for "SIP federation" && wait_for "Page 10 of"
}

cp "$DATADIR/examples/one-site.xml" "$TMP/work/d15b.xml"
start d15b "$TMP/work/d15b.xml"
check "interview: Right past 12 Edge Servers says why" j15_edge_limit
check "interview: the last Edge gone with federation on is an error on the page" j15_last_edge
check "warnings: Enter on a finding opens its page" j15_finding_jump
keys F10
wait_for "Discard" && keys d
wait_dead
finish

# Names and addresses: the verdict as typed; wrong whatever follows, reserved
# addresses, duplicates named, a very long name explained.
j15_live() {
	wait_for "two sites" || return 1
	keys F5
	wait_for "Front End pool VIP" || return 1
	keys Down Enter C-u
	type_text "256.1.1.1"
	wait_for "invalid" && wait_for "number from 0 to 255" || return 1
	keys C-u
	type_text "192.0.2.12"
	wait_for "Already used by Front End Server address 2 in site Dublin" || return 1
	keys C-u
	type_text "127.0.0.1"
	keys Enter
	wait_for "loopback address" || return 1
	keys C-u
	type_text "0.0.0.0"
	keys Enter
	wait_for "means “no address”" || return 1
	escape
	keys Down Enter C-u
	type_text "$(printf 'a%.0s' $(seq 1 300)).example.com"
	keys Enter
	wait_for "This name is 312 characters long" || return 1
	escape
}

# The IPsec tab of a plan without IPsec says why and leads to the option.
j15_ipsec_off() {
	keys F6
	wait_for "IPsec (" || return 1
	keys Tab Tab
	wait_for "IPsec is off in this plan" || return 1
	keys Enter
	wait_for "Network options" && wait_for "IPsec in use"
}

cp "$EXAMPLE" "$TMP/work/d15c.xml"
start d15c "$TMP/work/d15c.xml"
check "names: live verdict, reserved addresses, duplicates and long names explained" j15_live
finish
cp "$DATADIR/examples/one-site.xml" "$TMP/work/d15d.xml"
start d15d "$TMP/work/d15d.xml"
check "reports: an empty IPsec tab says IPsec is off and where to turn it on" j15_ipsec_off
finish

# The export dialog: Enter is OK even on a checkbox; an error goes when the
# path changes; nested new directories are made; a plan with errors asks.
j15_export() {
	wait_for "one site" || return 1
	keys F7
	wait_for "Destination" || return 1
	keys Up
	keys Enter C-u
	type_text "/proc/ucplan-no/x/"
	keys Enter Enter
	wait_for "cannot create the directory" || return 1
	keys Up Enter
	type_text "y"
	wait_gone "cannot create the directory" || return 1
	keys C-u
	type_text "./n1/n2/"
	keys Enter
	# focus on the Firewall checkbox, then Enter: an export, not a switch
	keys Up Up Up Up Up
	keys Enter
	wait_for "Export done" || return 1
	[ -f "$TMP/work/n1/n2/firewall.csv" ] && [ -f "$TMP/work/n1/n2/ipsec.csv" ]
}

j15_export_invalid() {
	wait_for "one site" || return 1
	keys F7
	wait_for "Destination" || return 1
	keys Enter
	wait_for "Export a plan with errors?" || return 1
	# Cancel has the focus: nothing written
	keys Enter
	wait_gone "Export a plan with errors?" && wait_for "Destination" || return 1
	[ ! -e "$TMP/inv/example-one-site-tables" ] || return 1
	keys Enter
	wait_for "Export a plan with errors?" || return 1
	keys e
	wait_for "Export done" && [ -f "$TMP/inv/example-one-site-tables/firewall.csv" ]
}

cp "$DATADIR/examples/one-site.xml" "$TMP/work/d15e.xml"
start d15e "$TMP/work/d15e.xml"
check "export: Enter exports, errors clear on a new path, nested directories made" j15_export
finish
sed '/<edge /,/<\/edge>/d' "$DATADIR/examples/one-site.xml" >"$TMP/work/d15f.xml"
mkdir -p "$TMP/inv"
DIR=$TMP/inv start d15f "$TMP/work/d15f.xml"
check "export: a plan with errors is not exported without a question" j15_export_invalid
finish

# ---- 16: without function keys, and with the mouse ----------------------------
# click X Y [BUTTON]: a mouse press at column X, row Y (0-based) as an xterm
# reports it (X10 encoding); BUTTON 0 is the left one, 64/65 the wheel.
click() {
	T send-keys -t "$S" -H 1b 5b 4d "$(printf '%x' $((32 + ${3:-0})))" \
		"$(printf '%x' $((33 + $1)))" "$(printf '%x' $((33 + $2)))"
	# a button is released before it is pressed again (not the wheel)
	[ "${3:-0}" -ge 64 ] || T send-keys -t "$S" -H 1b 5b 4d 23 \
		"$(printf '%x' $((33 + $1)))" "$(printf '%x' $((33 + $2)))"
	sleep 0.1
}

# column_of ROW TEXT: the display column where TEXT starts on screen row ROW.
column_of() {
	screen | python3 -c 'import sys; print(sys.stdin.read().split("\n")[int(sys.argv[1])].index(sys.argv[2]))' "$1" "$2"
}

j16_alt() {
	wait_for "two sites" || return 1
	keys M-r
	wait_for "Firewall (" || return 1
	keys M-n
	wait_for "Name or address" || return 1
	keys M-e
	wait_for "Destination" || return 1
	escape
	wait_gone "Destination"
}

j16_menu() {
	keys M-r
	wait_for "Firewall (" || return 1
	keys :
	wait_for "Actions" || return 1
	screen | grep -qF "Save the plan  (F2, Alt-S)" &&
		screen | grep -qF "Choose the columns to show  (c)" || return 1
	# the last action: open another plan
	keys End Enter
	wait_for "Open plan" || wait_for "Plan file" || return 1
	escape
	wait_gone "Actions"
}

j16_mouse() {
	keys F6
	wait_for "Firewall (" || return 1
	# the Load balancers tab (second line, past "Firewall (238)")
	click 20 1
	wait_for "Virtual IP" || return 1
	# a header: sorts by that column
	click 3 3
	wait_for "Sorted by Load balancer" || return 1
	# a row, then the same row again: its detail
	click 3 6
	wait_for "row 3 of" || return 1
	click 3 6
	wait_for "Applies when" || return 1
	escape
	wait_gone "Applies when" || return 1
	# the wheel moves down three rows at a time
	click 3 6 65
	wait_for "row 6 of" || return 1
	# a key on the status line: / opens the search
	click "$(column_of 29 "/ Search")" 29
	wait_for "Search:" || return 1
	escape
	# the title bar's tabs
	click "$(column_of 0 "Names and addresses")" 0
	wait_for "Name or address"
}

cp "$EXAMPLE" "$TMP/work/d16.xml"
start d16 "$TMP/work/d16.xml"
check "keys: Alt-letters reach the screens and the export without F-keys" j16_alt
check "keys: : opens a menu of every action with its keys" j16_menu
check "mouse: tabs, headers, rows, the wheel, status keys and the title bar" j16_mouse
finish

# ---- 17: Spanish and Italian at 80 columns (issue 14) ---------------------------
# Every page of the interview and every field's help: choices cut with "…"
# inside their arrows (short forms where a language has them), help text
# wrapped whole; the unsaved-changes marker stays in the title bar.
interview_80() {
	wait_for "two sites" || return 1
	marker=$1
	# a change, so that the marker shows
	for key in PgDn PgDn; do
		before=$(screen)
		keys "$key"
		wait_change "$before" || return 1
	done
	keys Down Right
	# the marker comes with the change's redraw; wait for it, not a while
	n=100
	until screen | head -n 1 | grep -qF "$marker"; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || {
			echo "# no $marker in the title bar"
			return 1
		}
		sleep 0.1
	done
	keys Home
	page=1
	while [ "$page" -le 19 ]; do
		for field in 1 2 3 4 5; do
			sleep 0.15
			screen >"$TMP/page.txt"
			python3 "$SRCDIR/tests/tui-interview.py" <"$TMP/page.txt" >"$TMP/page.out" || {
				cat "$TMP/page.out"
				cat "$TMP/page.txt"
				return 1
			}
			keys Down
		done
		keys PgDn
		page=$((page + 1))
	done
}

SRCDIR=$(pwd)
if command -v python3 >/dev/null 2>&1; then
	for pair in "es [modificado]" "it [modificato]"; do
		LANGV=${pair%% *}
		cp "$EXAMPLE" "$TMP/work/l80-$LANGV.xml"
		WIDTH=80 HEIGHT=24 start "l80-$LANGV" "$TMP/work/l80-$LANGV.xml"
		check "interview: $LANGV at 80x24, choices, labels and help whole or cut with …" \
			interview_80 "${pair#* }"
		finish
	done
	LANGV=
fi

# ---- 18: a terminal whose locale is not UTF-8 -----------------------------------
# The planner follows the user's locale: C (ASCII) draws with ASCII lines.
j18_ascii() {
	wait_for "two sites" || return 1
	keys F6
	wait_for "Firewall (" || return 1
	screen | grep -qF "|Scope" && ! screen | grep -qF "│"
}

cp "$EXAMPLE" "$TMP/work/d18.xml"
LCV=C start d18 "$TMP/work/d18.xml"
check "terminal: a C locale draws ASCII lines, not UTF-8 boxes" j18_ascii
finish

# ---- 3b: tables that fit, in every language ----------------------------------
# At 80x24 and 100x30, in each language, every Reports tab (the seven
# tables and Warnings) and every column reached by scrolling sideways: the
# tab bar shows the tab and marks hidden ones, no header is cut, no cell of
# a column that is never cut (ports, transport, VIP, DNS names, addresses)
# is cut, and every finding is whole or ends with "…" (tests/tui-layout.py
# reads the screen).
# header_line: the table header, the fourth line of the screen.
header_line() {
	screen | sed -n 4p
}

# wait_header_not OLD: until the fourth line is no longer OLD (a new tab,
# a sideways scroll), without guessing how long the redraw takes.
wait_header_not() {
	n=100
	while [ "$n" -gt 0 ]; do
		[ "$(header_line)" != "$1" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	echo "# timed out waiting for the fourth line to change from: $1"
	return 1
}

# layout_check TAB: the screen's Reports tab TAB read by tui-layout.py.
layout_check() {
	screen >"$TMP/layout.txt"
	python3 "$SRCDIR/tests/tui-layout.py" "$LANGV" "$LOCALEDIR" "$1" "$TMP/findings.txt" \
		<"$TMP/layout.txt" >"$TMP/layout.out" || {
		cat "$TMP/layout.out"
		return 1
	}
}

# Every Reports tab, each table scrolled sideways to its last column.
layout_all() {
	# the Warnings tab shows the messages that check prints
	env LC_ALL=C.UTF-8 UCPLAN_DATADIR="$DATADIR" UCPLAN_LOCALEDIR="$LOCALEDIR" \
		"$BIN" check --lang "$LANGV" "$EXAMPLE" >"$TMP/findings.txt" 2>&1
	wait_for "two sites" || return 1
	old=$(header_line)
	keys F6
	wait_header_not "$old" || return 1
	for tab in 0 1 2 3 4 5 6; do
		layout_check "$tab" || return 1
		steps=0
		# "›" at the end of the header: columns off screen to the right
		while header_line | grep -q '›$'; do
			steps=$((steps + 1))
			[ "$steps" -le 12 ] || { echo "# tab $tab: Right never reaches the last column"; return 1; }
			old=$(header_line)
			keys Right
			wait_header_not "$old" && layout_check "$tab" || return 1
		done
		old=$(header_line)
		keys Tab
		wait_header_not "$old" || return 1
	done
	layout_check 7
}

SRCDIR=$(pwd)
if command -v python3 >/dev/null 2>&1; then
	for size in 80x24 100x30; do
		for LANGV in en es it zh_CN; do
			WIDTH=${size%x*} HEIGHT=${size#*x}
			start "layout-$LANGV-$size" "$EXAMPLE"
			check "reports: $size in $LANGV, every tab: headers, ports, names and findings whole or cut with …" layout_all
			keys F10
			wait_dead
			finish
		done
	done
	WIDTH= HEIGHT= LANGV=
fi

# ---- 19: SIP domains and their Meet simple URLs on the names screen ----------
# The last tab lists the plan-wide names; a adds a SIP domain, Enter edits
# one (refused when malformed or given twice), Delete removes one after a
# question; F2 writes them to the plan file.
domains_edit() {
	wait_for "two sites" || return 1
	keys F5
	wait_for "Name or address" || return 1
	keys Tab Tab
	wait_for "Other SIP domain" || return 1
	screen | grep -qF "Meet simple URL (example.net)" || return 1
	keys a
	wait_for "Add a SIP domain" || return 1
	type_text "contoso.org"
	keys Enter
	wait_for "Added the SIP domain contoso.org" || return 1
	wait_for "Meet simple URL (contoso.org)" || return 1
	# the new domain's row is highlighted: a name given twice is refused
	keys Enter C-u
	type_text "EXAMPLE.net"
	keys Enter
	wait_for "is listed twice" || return 1
	keys C-u
	type_text "bad_name"
	keys Enter
	wait_for "letters, digits and hyphens" || return 1
	keys C-u
	type_text "fabrikam.org"
	keys Enter
	wait_for "Meet simple URL (fabrikam.org)" || return 1
	# its Meet simple URL, its own
	keys Down Enter C-u
	type_text "meet.fabrikam.org"
	keys Enter
	wait_gone "Meet simple URL (contoso.org)" || return 1
	# example.net goes: Delete on its row, then Remove
	keys Home Down Down
	keys DC
	wait_for "Remove the SIP domain example.net" || return 1
	keys r
	wait_for "Removed the SIP domain example.net" || return 1
	keys F2
	wait_for "Saved $TMP/work/domains.xml" || return 1
	grep -q '<sip-domain name="fabrikam.org" meet="meet.fabrikam.org"/>' "$TMP/work/domains.xml" &&
		! grep -q 'example.net\|contoso.org' "$TMP/work/domains.xml" &&
		LC_ALL=C.UTF-8 UCPLAN_DATADIR="$DATADIR" "$BIN" check "$TMP/work/domains.xml" >/dev/null
}

cp "$EXAMPLE" "$TMP/work/domains.xml"
start d19 "$TMP/work/domains.xml"
check "names: SIP domains added, edited (with the file's checks), removed, saved" domains_edit
keys F10
wait_dead
finish

# The export dialog's table names, in every language at 100 and 80
# columns: whole, or cut with "…" (tests/tui-cuts.py reads the screen).
export_cuts() {
	wait_for "two sites" || return 1
	keys F7
	wait_for "[x] " || return 1
	screen >"$TMP/cuts.txt"
	python3 "$SRCDIR/tests/tui-cuts.py" "$LANGV" "$LOCALEDIR" <"$TMP/cuts.txt" >"$TMP/cuts.out" || {
		cat "$TMP/cuts.out"
		return 1
	}
}

if command -v python3 >/dev/null 2>&1; then
	for size in 100x30 80x24; do
		for LANGV in en es it zh_CN; do
			WIDTH=${size%x*} HEIGHT=${size#*x}
			start "cuts-$LANGV-$size" "$EXAMPLE"
			check "export dialog: $size in $LANGV, table names whole or cut with …" export_cuts
			escape
			keys F10
			wait_dead
			finish
		done
	done
	WIDTH= HEIGHT= LANGV=
fi

# ---- 19: the Topology view (issue 15) -------------------------------------------
# The site drawn as boxes and flows, at 80x24 and 120x40: every server and
# address of the site on some page, no box broken, scrolling, Enter on a
# flow to its rows in the firewall table and back, a language switch, an
# edit of a name, resizes; ASCII in a C locale.  tests/tui-topology.py reads
# the screens.

# topo_info: the line above the picture.
topo_info() {
	screen | sed -n 2p
}

# wait_change BEFORE: until the screen differs from BEFORE (false after 2 s:
# nothing moved).
wait_change() {
	n=20
	while [ "$n" -gt 0 ]; do
		[ "$(screen)" != "$1" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# topo_pages MODE OUT [COLUMNS]: from the top to the bottom a page at a
# time, every page checked (tui-topology.py picture MODE) and its picture
# added to OUT; the terminal is $WIDTH or COLUMNS wide.
topo_pages() {
	: >"$2"
	keys Home
	sleep 0.2
	pages=0
	while :; do
		cur=$(screen)
		printf '%s\n' "$cur" | python3 "$SRCDIR/tests/tui-topology.py" picture "$1" \
			"${3:-$WIDTH}" >>"$2" || {
			tail -n 1 "$2"
			return 1
		}
		pages=$((pages + 1))
		[ "$pages" -lt 40 ] || return 1
		keys PgDn
		wait_change "$cur" || break
	done
	keys Home
}

# topo_all_of SITE FILE: every FQDN and address of SITE's servers (the
# summary table) is in FILE.
topo_all_of() {
	UCPLAN_DATADIR="$DATADIR" "$BIN" report "$TMP/work/topo.xml" -t summary -f csv \
		--header keys --lang en 2>/dev/null |
		python3 -c '
import csv, sys
site, seen = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
missing = sorted({v for r in csv.DictReader(sys.stdin) if r["site"] == site
                  for v in (r["fqdn"], r["address"]) if v and v not in seen})
if missing:
    print("# not in the picture: " + ", ".join(missing))
    sys.exit(1)
' "$1" "$2"
}

# topo_flow: Tab to the first flow of several rules that the line under
# the picture names whole; prints those rules.
topo_flow() {
	n=0
	while [ "$n" -lt 40 ]; do
		line=$(screen | tail -n 3 | head -n 1)
		case $line in
		*" rules: "*"…") ;;
		*" rules: "*)
			printf '%s\n' "$line" | sed 's/.* rules: //' | tr -d ','
			return 0 ;;
		esac
		before=$(screen)
		keys Tab
		wait_change "$before" || return 1
		n=$((n + 1))
	done
	return 1
}

UCPLAN_DATADIR="$DATADIR" "$BIN" report "$EXAMPLE" -t firewall -f csv --header keys --lang en \
	>"$TMP/work/fw.csv" 2>/dev/null

topo_open() {
	wait_for "Example: two sites" || return 1
	keys F6
	wait_for "Firewall (" || return 1
	keys t
	wait_for "Site: Dublin" || return 1
	screen | tail -n 1 | grep -qF "Enter Rules" && screen | tail -n 1 | grep -qF "Tab Next flow"
}

topo_fits() {
	# no sideways scrolling: the picture is as wide as the window at most
	! topo_info | grep -qF "columns" &&
		topo_pages utf8 "$TMP/topo-pages.txt" &&
		topo_all_of Dublin "$TMP/topo-pages.txt"
}

topo_scroll() {
	keys Home
	sleep 0.2
	topo_info | grep -qF "lines 1-" || return 1
	keys PgDn
	wait_for "lines " && ! topo_info | grep -qF "lines 1-" || return 1
	keys End
	sleep 0.2
	total=$(topo_info | sed -n 's/.*lines [0-9]*-\([0-9]*\) of \([0-9]*\).*/\1 \2/p')
	[ -n "$total" ] && [ "${total% *}" = "${total#* }" ] || return 1
	keys Home
	sleep 0.2
	# the wheel: three lines at a time
	click 10 8 65
	wait_for "lines 4-" || return 1
	keys Up Up Up
	wait_for "lines 1-"
}

topo_enter() {
	rules=$(topo_flow) || return 1
	[ -n "$rules" ] || return 1
	keys Enter
	wait_for "Flow (x: all rows):" || return 1
	sleep 0.2
	# shellcheck disable=SC2086
	screen | python3 "$SRCDIR/tests/tui-topology.py" rows "$TMP/work/fw.csv" Dublin $rules
}

topo_back() {
	escape
	wait_for "Site: Dublin" || return 1
	# the same flow is highlighted; x on the table shows every row again
	wait_for "$(printf '%s' "$rules" | cut -d' ' -f1)" || return 1
	keys F6
	wait_for "Flow (x: all rows):" || return 1
	keys x
	wait_gone "Flow (x: all rows):" && wait_for "Every row again" && keys t &&
		wait_for "Site: Dublin"
}

topo_language() {
	keys Home
	sleep 0.2
	en=$(screen | python3 "$SRCDIR/tests/tui-topology.py" picture utf8 "$WIDTH") || return 1
	keys L
	wait_for "Italiano" || return 1
	keys Down Enter
	wait_for "Sitio: Dublin" || return 1
	sleep 0.2
	# the picture itself is in Spanish, not only the frame around it
	es=$(screen | python3 "$SRCDIR/tests/tui-topology.py" picture utf8 "$WIDTH") || return 1
	[ "$es" != "$en" ] && screen | tail -n 1 | grep -qF "Intro" || return 1
	keys L
	wait_for "Italiano" || return 1
	keys Up Enter
	wait_for "Site: Dublin"
}

topo_edit() {
	keys F5
	wait_for "Front End pool" || return 1
	keys Home Enter C-u
	type_text "pool9.dub.example.com"
	keys Enter
	wait_for "pool9.dub.example.com" || return 1
	keys F8
	wait_for "Site: Dublin" || return 1
	topo_pages utf8 "$TMP/topo-edit.txt" && grep -qF "pool9.dub.example.com" "$TMP/topo-edit.txt"
}

topo_site() {
	keys f
	wait_for "Site: Madrid" || return 1
	topo_pages utf8 "$TMP/topo-madrid.txt" && topo_all_of Madrid "$TMP/topo-madrid.txt" || return 1
	keys f
	wait_for "Site: every site" || return 1
	keys f
	wait_for "Site: Dublin"
}

topo_resize() {
	T resize-window -t "$S" -x 20 -y 8
	wait_for "Terminal too small" || return 1
	T resize-window -t "$S" -x "$1" -y "$2"
	wait_for "Site: Dublin" || return 1
	sleep 0.3
	! topo_info | grep -qF "columns" && topo_pages utf8 "$TMP/topo-resized.txt" "$1"
}

# F7 on the view: its picture, of its site, through Graphviz.
topo_export() {
	keys F7
	wait_for "SVG: the topology as a picture" || return 1
	wait_for "./example-two-sites-dublin-topology.svg" || return 1
	keys Enter
	wait_for "Export done" || return 1
	keys Enter
	wait_gone "Export done" || return 1
	f=$TMP/work/example-two-sites-dublin-topology.svg
	python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$f" &&
		grep -qF "pool9.dub.example.com" "$f" && grep -qF "192.0.2.31" "$f" &&
		! grep -qF "mad.example.com" "$f"
}

topo_quit() {
	keys F10
	wait_for "Unsaved changes" || return 1
	keys d
	wait_dead
}

SRCDIR=$(pwd)
if command -v python3 >/dev/null 2>&1; then
	for size in 80x24 120x40; do
		WIDTH=${size%x*} HEIGHT=${size#*x}
		other=120x40
		[ "$size" = 120x40 ] && other=80x24
		cp "$EXAMPLE" "$TMP/work/topo.xml"
		start "topo-$size" "$TMP/work/topo.xml"
		check "topology $size: t on the reports opens the view of the site they show" topo_open
		check "topology $size: every server and address, no box broken, nothing wider" topo_fits
		check "topology $size: PgDn, End, Home, the wheel" topo_scroll
		check "topology $size: Enter on a flow shows its rows in the firewall table" topo_enter
		check "topology $size: Esc comes back to the flow; x shows every row" topo_back
		check "topology $size: a language switch draws the picture again" topo_language
		check "topology $size: f draws the other site, then every site" topo_site
		check "topology $size: an edit on the names screen is in the picture" topo_edit
		if [ "$size" = 80x24 ] && command -v dot >/dev/null 2>&1; then
			check "topology $size: F7 exports the picture of the site as SVG" topo_export
		fi
		check "topology $size: resized to 20x8 and to $other" topo_resize "${other%x*}" "${other#*x}"
		check "topology $size: quit" topo_quit
		finish
	done
	WIDTH= HEIGHT=

	# A terminal that is not UTF-8: the picture in ASCII.
	topo_ascii() {
		wait_for "two sites" || return 1
		keys F8
		wait_for "Site: Dublin" || return 1
		topo_pages ascii "$TMP/topo-ascii.txt" && grep -qF -- "+--" "$TMP/topo-ascii.txt" &&
			topo_all_of Dublin "$TMP/topo-ascii.txt"
	}
	cp "$EXAMPLE" "$TMP/work/topo.xml"
	WIDTH=80 HEIGHT=24
	LCV=C start topo-ascii "$TMP/work/topo.xml"
	check "topology: a C locale draws the picture in ASCII" topo_ascii
	keys F10
	wait_dead
	finish

	# Without Graphviz: the dialog says so before Export, the export says
	# why it failed, and DOT is offered from the view and written.
	topo_no_dot() {
		wait_for "two sites" || return 1
		keys F8
		wait_for "Site: Dublin" || return 1
		keys F7
		wait_for "DOT: the topology as a Graphviz graph" || return 1
		keys Up Up Up Space
		wait_for "SVG: the topology as a picture" || return 1
		wait_for "was not found" || return 1
		keys Enter
		wait_for "cannot run Graphviz" || return 1
		[ ! -e "$TMP/work/example-two-sites-dublin-topology.svg" ] || return 1
		escape
		keys F7
		wait_for "DOT: the topology as a Graphviz graph" || return 1
		keys Enter
		wait_for "Export done" || return 1
		grep -q "graph" "$TMP/work/example-two-sites-dublin-topology.dot" &&
			grep -qF "pool.dub.example.com" "$TMP/work/example-two-sites-dublin-topology.dot"
	}
	rm -f "$TMP/work"/example-two-sites-dublin-topology.*
	WRAP="env UCPLAN_DOT=$TMP/no-such-dot"
	start topo-nodot "$TMP/work/topo.xml"
	check "topology: without Graphviz the export says so and DOT is written" topo_no_dot
	WRAP=
	keys Enter F10
	wait_dead
	finish
	WIDTH= HEIGHT=
fi

# Job control needs a shell that runs the planner in the foreground.
j8_suspend() {
	keys "env HOME=$TMP/home XDG_STATE_HOME=$TMP/state2 UCPLAN_DATADIR=$DATADIR $BIN $TMP/work/edit.xml" Enter
	wait_for "Names and addresses" || return 1
	keys C-z
	wait_for "Stopped" || return 1
	keys "fg" Enter
	wait_for "Interview" || return 1
	keys F10
	wait_for "PROMPT_AGAIN"
}

if command -v bash >/dev/null 2>&1; then
	S=j8
	T new-session -d -s "$S" -x 100 -y 30 -c "$TMP/work" \
		env PS1='PROMPT_AGAIN$ ' TERM="$TERM_TYPE" LC_ALL=C.UTF-8 bash --norc --noprofile -i
	check "terminal: Ctrl-Z suspends, fg restores the screen" j8_suspend
	finish
fi

echo "tui: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
