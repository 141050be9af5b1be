#!/bin/sh
# Shell completion (completion/ucplan.bash and completion/_ucplan): each
# offers every option of `ucplan --help`, every command of its usage, and
# for each option with values exactly the values the binary itself lists
# when it refuses one, so that neither can drift from the program.  zsh is
# driven through a pseudo-terminal (zpty) with compadd recorded.
# Run by tests/run.sh (UCPLAN_BIN set).
set -u
BIN=${UCPLAN_BIN:-build/ucplan}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
TOP=$PWD
T=$(mktemp -d /tmp/ucplan-completion.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
count=0
ok() { count=$((count + 1)); }
bad() { count=$((count + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }

for sh in bash zsh; do
	command -v $sh >/dev/null 2>&1 || { echo "completion.sh: $sh is missing (scripts/deps.sh installs it)"; exit 1; }
done
mkdir -p "$T/bin" "$T/files"
ln -s "$BIN" "$T/bin/ucplan"
: >"$T/files/plan-a.xml"
: >"$T/files/notes.txt"
en() { env -u LANGUAGE LC_ALL=C.UTF-8 "$BIN" "$@"; }

# bash_complete LINE: the candidates bash offers for LINE (which may end
# in a space), one per line, sorted.
bash_complete() {
	(cd "$T/files" && bash -c '
		. "$1/completion/ucplan.bash"
		line=$2
		read -ra COMP_WORDS <<<"$line"
		case $line in *" ") COMP_WORDS+=("") ;; esac
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line COMP_POINT=${#line}
		_ucplan
		printf "%s\n" "${COMPREPLY[@]}"' _ "$TOP" "$1") | sed '/^$/d' | sort -u
}

# zsh_complete LINE: the same for zsh.
zsh_complete() {
	rm -f "$T/zsh.out"
	(cd "$T/files" && timeout 20 zsh -f -c '
		zmodload zsh/zpty
		zpty -b z zsh -f -i
		zpty -w z "PS1=\"%% \"; fpath=($1/completion \$fpath); autoload -U compinit; compinit -u -D; path=($2 \$path)"
		zpty -w z "compadd () { local -a h; builtin compadd -O h \"\$@\"; print -rl -- \$h >>$3; builtin compadd \"\$@\"; }"
		zpty -w z "echo READY"
		zpty -r -m z line "*READY*"
		zpty -r -m z line "*READY*"
		zpty -n -w z "$4"$'"'"'\t'"'"'
		# the candidates are recorded when zsh has computed them
		for i in {1..40}; do [[ -s $3 ]] && break; sleep 0.1; done
		sleep 0.3
		zpty -d z' _ "$TOP" "$T/bin" "$T/zsh.out" "$1") >/dev/null 2>&1
	[ -f "$T/zsh.out" ] && sed '/^$/d' "$T/zsh.out" | sort -u
}

# same WHAT EXPECTED-FILE LINE: both shells offer exactly the expected words.
same() {
	what=$1 want=$2 line=$3
	for sh in bash zsh; do
		${sh}_complete "$line" >"$T/got"
		if cmp -s "$want" "$T/got"; then ok; else
			bad "$sh: $what ('$line<TAB>')"
			diff "$want" "$T/got" | sed 's/^/  | /' | head -10
		fi
	done
}
# has WHAT WORD LINE: both shells offer WORD among their candidates.
has() {
	for sh in bash zsh; do
		if ${sh}_complete "$3" | grep -qx -- "$2"; then ok; else bad "$sh: $1: '$2' not offered for '$3<TAB>'"; fi
	done
}

# --- every option of --help --------------------------------------------------
en --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$T/options"
[ "$(wc -l <"$T/options")" -gt 20 ] && ok || bad "reading the options of --help"
for sh in bash zsh; do
	${sh}_complete "ucplan --" >"$T/offered"
	missing=$(comm -23 "$T/options" "$T/offered" | tr '\n' ' ')
	extra=$(comm -13 "$T/options" "$T/offered" | tr '\n' ' ')
	if [ -z "$missing" ] && [ -z "$extra" ]; then ok; else
		bad "$sh: options differ from --help: missing [$missing] unknown [$extra]"
	fi
done
has "an abbreviation" --lang "ucplan --la"

# --- the commands of the usage ------------------------------------------------
en --help | sed -n 's/^ *\(Usage: \)\{0,1\}ucplan \([a-z][a-z]*\) .*/\2/p' | sort -u >"$T/commands"
[ -s "$T/commands" ] && ok || bad "reading the commands of the usage"
for c in $(cat "$T/commands"); do
	has "command" "$c" "ucplan "
	has "command after an option" "$c" "ucplan --lang es "
done
has "plan files" plan-a.xml "ucplan report "
for sh in bash zsh; do
	if ${sh}_complete "ucplan report " | grep -qx 'notes.txt'; then bad "$sh: a .txt file offered as a plan"; else ok; fi
done
has "-o takes any file" notes.txt "ucplan report -o "

# --- the values of each option: as the binary lists them when refusing one -----
values_of() { # OPTION: the words after "use" in the error for a bad value
	en report "$1" zzz 2>&1 >/dev/null | sed -n "s/.*zzz'[^:]*: use //p" |
		sed -e 's/a comma list of//' -e 's/[,]/ /g' -e 's/\<or\>//g' -e 's/\<and\>//g' |
		tr ' ' '\n' | sed '/^$/d' | sort -u
}
for opt in --table --format --lang --csv-separator --header --product --edge --pool-lb \
	--mediation --um --federation; do
	values_of "$opt" >"$T/values"
	if [ ! -s "$T/values" ]; then bad "$opt: no list of values in the binary's error message"; continue; fi
	same "values of $opt" "$T/values" "ucplan report $opt "
done
values_of --format >"$T/values"
same "values of -f" "$T/values" "ucplan report -f "
# diagram has formats of its own
en diagram -f zzz 2>&1 >/dev/null | sed -n "s/.*zzz'[^:]*: use //p" | sed -e 's/[,]/ /g' -e 's/\<or\>//g' |
	tr ' ' '\n' | sed '/^$/d' | sort -u >"$T/values"
if [ -s "$T/values" ]; then ok; else bad "diagram -f: no list of values in the binary's error message"; fi
same "values of diagram -f" "$T/values" "ucplan diagram -f "
same "values of diagram -f after the plan" "$T/values" "ucplan diagram plan-a.xml -f "
has "plan files after diagram" plan-a.xml "ucplan diagram "
# bash offers the whole word, zsh the item after the comma (its prefix kept)
if bash_complete "ucplan report --federation sip,x" | grep -qx 'sip,xmpp'; then ok; else bad "bash: a federation list after a comma"; fi
if zsh_complete "ucplan report --federation sip,x" | grep -qx 'xmpp'; then ok; else bad "zsh: a federation list after a comma"; fi

echo "completion.sh: $((count - fails)) of $count passed"
[ "$fails" -eq 0 ]
