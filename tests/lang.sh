#!/bin/sh
# Who chooses the language: the user (--lang, then LANGUAGE, LC_ALL,
# LC_MESSAGES, LANG) always wins over the language a plan was saved in, in
# `ucplan report` and in the planner alike; the plan's language applies
# only when the user names none (LANG=C).  Switching language in the
# planner does not mark the plan modified.  --lang is parsed by getopt like
# every option (--la es works; a usage error is worded in the language the
# line asks for), and -o - is standard output.
# Run by tests/run.sh (UCPLAN_BIN, UCPLAN_DATADIR, UCPLAN_LOCALEDIR set).
set -u
BIN=${UCPLAN_BIN:-build/ucplan}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
DATA=${UCPLAN_DATADIR:-$PWD/data}
LOCALEDIR=${UCPLAN_LOCALEDIR:-$PWD/build/locale}
export UCPLAN_DATADIR="$DATA" UCPLAN_LOCALEDIR="$LOCALEDIR"
T=$(mktemp -d /tmp/ucplan-lang.XXXXXX)
sock="ucplan-lang-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# A plan last used in Chinese.
sed 's/<plan /<plan lang="zh_CN" /' "$DATA/examples/two-sites.xml" >"$T/zh-plan.xml"
grep -q 'lang="zh_CN"' "$T/zh-plan.xml" || bad "making a plan saved in Chinese"

# header ENV... -- ARGS: the first cell of the CSV header of a report.
header() {
	env -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$@" -t firewall -f csv 2>/dev/null |
		sed '1s/^\xef\xbb\xbf//' | head -n 1 | cut -d, -f1 | cut -d';' -f1
}
expect_header() { # WANT WHAT ENV... BIN ARGS
	want=$1 what=$2; shift 2
	got=$(header "$@")
	[ "$got" = "$want" ] && ok || bad "$what: header starts with '$got', wanted '$want'"
}
# --- report: the user's choice wins -------------------------------------------
expect_header '"Sito"' "LANG=es, --lang it, plan in zh_CN" LANG=es_ES.UTF-8 "$BIN" report "$T/zh-plan.xml" --lang it
expect_header '"Sitio"' "LANG=es, plan in zh_CN" LANG=es_ES.UTF-8 "$BIN" report "$T/zh-plan.xml"
expect_header '"Site"' "LANG=en_US, plan in zh_CN" LANG=en_US.UTF-8 "$BIN" report "$T/zh-plan.xml"
expect_header '"Sito"' "LANGUAGE=it with LANG=C.UTF-8, plan in zh_CN" LANG=C.UTF-8 LANGUAGE=it "$BIN" report "$T/zh-plan.xml"
expect_header '"Site"' "--lang en, plan in zh_CN" LANG=C "$BIN" report "$T/zh-plan.xml" --lang en
# ... and the plan's language applies when the user names none
expect_header '"站点"' "LANG=C, plan in zh_CN" LANG=C "$BIN" report "$T/zh-plan.xml"
expect_header '"站点"' "LC_ALL=C.UTF-8, plan in zh_CN" LC_ALL=C.UTF-8 "$BIN" report "$T/zh-plan.xml"
expect_header '"Site"' "LANG=C, a plan with no language" LANG=C "$BIN" report "$DATA/examples/two-sites.xml"
# check speaks the same language as report
env -u LANGUAGE -u LC_ALL LANG=es_ES.UTF-8 "$BIN" check "$T/zh-plan.xml" >"$T/check.out" 2>&1
grep -q 'advertencia' "$T/check.out" && ok || { bad "check: LANG=es, plan in zh_CN: not in Spanish"; head -3 "$T/check.out" | sed 's/^/  | /'; }

# --- --lang through getopt ------------------------------------------------------
expect_header '"Sitio"' "--la es (an abbreviation)" LANG=C "$BIN" report --la es
expect_header '"Sito"' "--lan=it" LANG=C "$BIN" report --lan=it
expect_header '"站点"' "--lang=zh_CN before the command" LANG=C "$BIN" --lang=zh_CN report
env -u LANGUAGE LC_ALL=C.UTF-8 "$BIN" report --bogus --lang es >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "opción desconocida '--bogus'" "$T/err" && ok ||
	{ bad "a usage error before --lang es is not in Spanish"; sed 's/^/  | /' "$T/err"; }
env -u LANGUAGE LC_ALL=C.UTF-8 "$BIN" report -f pdf --la it >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "pdf" "$T/err" && ! grep -q "unknown format" "$T/err" && ok ||
	{ bad "a usage error with --la it is not in Italian"; sed 's/^/  | /' "$T/err"; }
env -u LANGUAGE LC_ALL=C.UTF-8 "$BIN" report --lang fr >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "'fr'" "$T/err" && ok || bad "--lang fr is not refused"
env -u LANGUAGE LC_ALL=C.UTF-8 "$BIN" report -- --lang=es >/dev/null 2>"$T/err"
[ $? -eq 3 ] && grep -q -- "--lang=es" "$T/err" && ok || bad "after --, --lang=es is not a file name"

# --- help in the language asked for, wherever --lang is on the line ------------------
# expect_help WANT WHAT ARGS: what ARGS print (exit 0) contains WANT
expect_help() {
	want=$1 what=$2; shift 2
	env -u LANGUAGE LC_ALL=C.UTF-8 "$BIN" "$@" >"$T/help" 2>&1
	[ $? -eq 0 ] && grep -q -- "$want" "$T/help" && ok ||
		{ bad "$what: help not in the language asked for"; head -3 "$T/help" | sed 's/^/  | /'; }
}
for order in "--lang es --help" "--help --lang es" "--help --la=es"; do
	# shellcheck disable=SC2086 # the words of $order are the arguments
	expect_help "OPCIONES" "ucplan $order" $order
done
expect_help "OPZIONI" "ucplan report --help --lang it" report --help --lang it
expect_help "OPZIONI" "ucplan report --lang it --help" report --lang it --help
expect_help "用法" "ucplan diff --help --lang zh_CN" diff --help --lang zh_CN
expect_help "Licencia MIT" "ucplan --version --lang es" --version --lang es
env -u LANGUAGE LC_ALL=C.UTF-8 "$BIN" --bogus --help --lang it >/dev/null 2>"$T/err"
[ $? -eq 2 ] && grep -q "'--bogus'" "$T/err" && ! grep -q "unknown option" "$T/err" && ok ||
	{ bad "a usage error before --help --lang it is not in Italian"; sed 's/^/  | /' "$T/err"; }

# --- -o - is standard output ------------------------------------------------------
mkdir "$T/cwd"
(cd "$T/cwd" && "$BIN" report -f csv -o - >"$T/dash.csv" 2>/dev/null) && ok || bad "report -o - failed"
[ -e "$T/cwd/-" ] && bad "-o - wrote a file named '-'" || ok
"$BIN" report -f csv >"$T/stdout.csv" 2>/dev/null
cmp -s "$T/dash.csv" "$T/stdout.csv" && ok || bad "-o - differs from standard output"
"$BIN" report -f xml -o "$T/a.xml" 2>/dev/null; "$BIN" report --ipsec -f xml -o "$T/b.xml" 2>/dev/null
(cd "$T/cwd" && "$BIN" diff "$T/a.xml" "$T/b.xml" -f csv -o - >"$T/diff.csv" 2>/dev/null)
[ $? -eq 1 ] && [ -s "$T/diff.csv" ] && [ ! -e "$T/cwd/-" ] && ok || bad "diff -o - is not standard output"
(cd "$T/cwd" && "$BIN" report -f csv -o ./- 2>/dev/null) && [ -s "$T/cwd/-" ] && ok || bad "-o ./- does not write a file named '-'"

# --- the planner -------------------------------------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
	bad "tmux is missing (scripts/deps.sh installs it)"
else
	mkdir -p "$T/state" "$T/home"
	# planner ENV... -- ARGS: the planner in a fresh tmux session.
	# A server per planner: a new one on a socket just killed can fail.
	n_planner=0
	planner() {
		tmux -L "$sock" kill-server 2>/dev/null
		n_planner=$((n_planner + 1))
		sock="ucplan-lang-$$-$n_planner"
		tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 30 \
			env -u LANGUAGE -u LC_ALL HOME="$T/home" XDG_STATE_HOME="$T/state" \
			UCPLAN_DATADIR="$DATA" UCPLAN_LOCALEDIR="$LOCALEDIR" "$@"
	}
	title() { tmux -L "$sock" capture-pane -p 2>/dev/null | head -n 1; }
	# title_ends WANT: waits for the title bar to end with " WANT".
	title_ends() {
		n=60
		until title | grep -q " $1 *\$"; do
			n=$((n - 1)); [ "$n" -gt 0 ] || return 1; sleep 0.1
		done
	}
	expect_title() { # WANT WHAT
		if title_ends "$1"; then ok; else bad "planner: $2: title bar '$(title)'"; fi
	}
	planner LANG=es_ES.UTF-8 "$BIN" --lang it "$T/zh-plan.xml"
	expect_title it "LANG=es, --lang it, plan in zh_CN"
	planner LANG=es_ES.UTF-8 "$BIN" "$T/zh-plan.xml"
	expect_title es "LANG=es, plan in zh_CN"
	planner LANG=C "$BIN" "$T/zh-plan.xml"
	expect_title zh_CN "LANG=C, plan in zh_CN"
	# Switching language: at once, and the plan is not "modified" for it.
	# each key once the screen shows the one before it was handled
	screen_has() { tmux -L "$sock" capture-pane -p 2>/dev/null | grep -qF -- "$1"; }
	wait_screen() {
		n=100
		until screen_has "$1"; do
			n=$((n - 1)); [ "$n" -gt 0 ] || return 1; sleep 0.1
		done
	}
	tmux -L "$sock" send-keys F6
	wait_screen "fe-sip-5061" || bad "planner: F6 did not show the reports"
	tmux -L "$sock" send-keys L
	wait_screen "Italiano" || bad "planner: L did not list the languages"
	tmux -L "$sock" send-keys Up Enter
	# the title bar is drawn at once, language and marker together
	if title_ends it; then
		if title | grep -q 'modificato\|modified'; then bad "planner: switching language marks the plan modified: '$(title)'"; else ok; fi
	else
		bad "planner: L did not switch to Italian: '$(title)'"
	fi
	tmux -L "$sock" kill-server 2>/dev/null
fi

echo "lang: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
