#!/bin/sh
# Locales whose character set is not UTF-8: zh_CN.GB18030 and
# es_ES.ISO-8859-1, generated with localedef into a private directory
# (LOCPATH).  Help, messages and text tables reach the terminal in the
# locale's own set (the same text as in UTF-8, once converted back); CSV,
# XML and JSON stay UTF-8; a language the set cannot show (Chinese in
# ISO-8859-1) falls back to English with a notice; the planner on such a
# terminal keeps to ASCII and says why.
# Run by tests/run.sh (UCPLAN_BIN, UCPLAN_DATADIR, UCPLAN_LOCALEDIR set).
set -u
BIN=${UCPLAN_BIN:-build/ucplan}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
export UCPLAN_DATADIR=${UCPLAN_DATADIR:-$PWD/data}
export UCPLAN_LOCALEDIR=${UCPLAN_LOCALEDIR:-$PWD/build/locale}
T=$(mktemp -d /tmp/ucplan-codeset.XXXXXX)
sock="ucplan-codeset-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

mkdir "$T/loc"
for spec in zh_CN:GB18030 es_ES:ISO-8859-1; do
	if ! localedef -i "${spec%%:*}" -f "${spec#*:}" "$T/loc/${spec%%:*}.${spec#*:}" >/dev/null 2>&1; then
		[ -d "$T/loc/${spec%%:*}.${spec#*:}" ] || { bad "localedef ${spec%%:*}.${spec#*:} (scripts/deps.sh installs locales)"; }
	fi
done
export LOCPATH="$T/loc"
# run_in LOCALE ARGS...: ucplan in that locale, the user's language from it
run_in() { l=$1; shift; env -u LANGUAGE -u LANG -u LC_MESSAGES LC_ALL="$l" "$BIN" "$@"; }
# same: the output in LOCALE (set CS) is the output in the UTF-8 locale of
# the same language, converted to CS (transliterated where CS lacks a
# character, as iconv does: an em dash becomes "--" in ISO-8859-1)
same() { # WHAT CS LOCALE UTF8-LOCALE ARGS...
	what=$1 cs=$2 l=$3 u=$4; shift 4
	run_in "$l" "$@" >"$T/out.raw" 2>/dev/null
	run_in "$u" "$@" >"$T/out.utf8" 2>/dev/null
	iconv -f UTF-8 -t "$cs//TRANSLIT" "$T/out.utf8" >"$T/out.want" 2>/dev/null
	if cmp -s "$T/out.raw" "$T/out.want"; then ok; else bad "$what: not the UTF-8 output in $cs"; fi
	if cmp -s "$T/out.raw" "$T/out.utf8"; then bad "$what: written in UTF-8, not $cs"; else ok; fi
}
same "help in zh_CN.GB18030" GB18030 zh_CN.GB18030 zh_CN.UTF-8 --help
same "text table in zh_CN.GB18030" GB18030 zh_CN.GB18030 zh_CN.UTF-8 report -t firewall
same "help in es_ES.ISO-8859-1" ISO-8859-1 es_ES.ISO-8859-1 es_ES.UTF-8 --help
same "text table in es_ES.ISO-8859-1" ISO-8859-1 es_ES.ISO-8859-1 es_ES.UTF-8 report -t lb --wide
run_in zh_CN.GB18030 --help | iconv -f GB18030 -t UTF-8 | grep -q '^用法' && ok || bad "zh_CN.GB18030: the help is not Chinese"

# Messages on standard error too.
run_in es_ES.ISO-8859-1 report --bogus 2>"$T/err" >/dev/null
iconv -f ISO-8859-1 -t UTF-8 "$T/err" | grep -q "opción desconocida" && ok || bad "es_ES.ISO-8859-1: the usage error is not Spanish in ISO-8859-1"
grep -q "$(printf 'opci\363n')" "$T/err" && ok || bad "es_ES.ISO-8859-1: the usage error is not in ISO-8859-1"

# Files stay UTF-8, whatever the locale.
for f in csv xml json; do
	run_in zh_CN.GB18030 report -f $f >"$T/a.$f" 2>/dev/null
	run_in zh_CN.UTF-8 report -f $f >"$T/b.$f" 2>/dev/null
	cmp -s "$T/a.$f" "$T/b.$f" && ok || bad "-f $f in zh_CN.GB18030 is not the UTF-8 output"
done
run_in zh_CN.GB18030 report -o "$T/file.txt" 2>/dev/null
run_in zh_CN.UTF-8 report -o "$T/file-utf8.txt" 2>/dev/null
cmp -s "$T/file.txt" "$T/file-utf8.txt" && ok || bad "a text file (-o) in zh_CN.GB18030 is not UTF-8"

# Chinese cannot be shown in ISO-8859-1: English, and a notice that says so.
run_in es_ES.ISO-8859-1 --lang zh_CN report -t lb >"$T/out" 2>"$T/err"
head -n 1 "$T/out" | grep -q 'load balancer' && ok || bad "--lang zh_CN in ISO-8859-1: not English"
grep -q 'ISO-8859-1.*Chinese.*English' "$T/err" && ok || { bad "--lang zh_CN in ISO-8859-1: no notice"; cat "$T/err"; }
grep -q 'ISO-8859-1' "$T/out" && bad "the notice went to standard output" || ok
# ...and a plan saved in Chinese, opened where the user names no language
sed 's/<plan /<plan lang="zh_CN" /' "$UCPLAN_DATADIR/examples/two-sites.xml" >"$T/zh.xml"
env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=C LC_CTYPE=es_ES.ISO-8859-1 "$BIN" report "$T/zh.xml" -t lb >"$T/out" 2>"$T/err"
grep -q 'Chinese' "$T/err" && ok || bad "a plan saved in Chinese, in ISO-8859-1: no notice"

# The planner on a GB18030 terminal: ASCII, English, and a notice.
if command -v tmux >/dev/null 2>&1; then
	mkdir -p "$T/home" "$T/state"
	tmux -L "$sock" -f /dev/null new-session -d -x 100 -y 30 \
		env -u LANGUAGE HOME="$T/home" XDG_STATE_HOME="$T/state" LOCPATH="$T/loc" \
		LC_ALL=zh_CN.GB18030 "$BIN" "$UCPLAN_DATADIR/examples/two-sites.xml"
	# Until the screen has the notice and the title bar its language, in one
	# capture (checked below): a busy machine may take a while to start the
	# planner, so the bound (30 s) is only reached when something is wrong.
	n=300
	until tmux -L "$sock" capture-pane -p >"$T/screen" 2>/dev/null &&
		grep -q 'not UTF-8' "$T/screen" && head -n 1 "$T/screen" | grep -q ' [a-zA-Z_]* *$'; do
		n=$((n - 1)); [ "$n" -gt 0 ] || break; sleep 0.1
	done
	grep -q 'GB18030.*not UTF-8' "$T/screen" && ok || { bad "planner in GB18030: no notice"; head -3 "$T/screen"; }
	head -n 1 "$T/screen" | grep -q ' en *$' && ok || bad "planner in GB18030: not English: $(head -n 1 "$T/screen")"
	LC_ALL=C grep -q '[^ -~]' "$T/screen" && bad "planner in GB18030: not ASCII" || ok
	tmux -L "$sock" kill-server 2>/dev/null
else
	bad "tmux is missing"
fi

echo "codeset: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
