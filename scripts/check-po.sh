#!/bin/sh
# Translation checks for `make check`: POTFILES lists every source with
# translatable text, the template is current (the committed
# locale/ucplan.pot has the messages, contexts, plurals, flags and translator
# comments of $FRESH_POT, the template made from the sources now; source
# line numbers do not count), and every language's catalog is complete
# against it: no missing, untranslated or fuzzy entry, and msgfmt --check
# is clean (format strings match), and no translation uses a term the
# glossary (locale/glossary.txt) rules out.  Arguments: the languages
# (locale/LINGUAS).
set -u
status=0
pot=locale/ucplan.pot
fresh=${FRESH_POT:-}
strings=$(mktemp) || exit 1
trap 'rm -f "$strings"' EXIT
# The entries of a template, comparable: no locations, no header, sorted.
entries() {
	msgcat --no-location --no-wrap --sort-output "$1" | awk 'BEGIN { RS = ""; ORS = "\n\n" } !/(^|\n)msgid ""\nmsgstr ""/'
}
if [ -n "$fresh" ]; then
	if [ ! -f "$pot" ]; then
		echo "check-po: $pot is missing (run make pot)"; status=1
	elif ! entries "$pot" >"$fresh.old" || ! entries "$fresh" >"$fresh.new"; then
		echo "check-po: cannot read $pot or $fresh"; status=1
	elif ! cmp -s "$fresh.old" "$fresh.new"; then
		echo "check-po: $pot is stale: the sources have other messages (run make update-po); first differences:"
		diff "$fresh.old" "$fresh.new" | grep '^[<>]' | head -10 | sed 's/^/  /'
		status=1
	fi
	pot=$fresh
fi
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(N_|_|P_)\(' src | sort); do
	if ! grep -qx "$f" locale/POTFILES; then
		echo "check-po: $f has translatable text but is not in locale/POTFILES"
		status=1
	fi
done
if [ ! -f locale/glossary.txt ]; then
	echo "check-po: locale/glossary.txt is missing"; status=1
fi
for l in "$@"; do
	po=locale/$l.po
	if [ ! -f "$po" ]; then
		echo "check-po: $po is missing"; status=1; continue
	fi
	if ! msgfmt --check -o /dev/null "$po"; then
		echo "check-po: $po fails msgfmt --check"; status=1
	fi
	untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
	# msgattrib prints the header entry too when there is anything to print
	[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
	[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
	if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
		echo "check-po: $po has $untranslated untranslated and $fuzzy fuzzy entries"
		status=1
	fi
	# the agreed terms (locale/glossary.txt), in the translations only
	msgcat --no-wrap --no-location "$po" | sed -n 's/^msgstr\(\[[0-9]*\]\)\{0,1\} "\(.*\)"$/\2/p' >"$strings"
	while IFS='|' read -r lang term instead; do
		case $lang in "$l") ;; *) continue ;; esac
		hits=$(grep -Fwc -- "$term" "$strings" || true)
		if [ "$hits" -ne 0 ]; then
			echo "check-po: $po says \"$term\" in $hits messages; the glossary says: $instead"
			grep -Fw -- "$term" "$strings" | head -3 | cut -c1-100 | sed 's/^/  /'
			status=1
		fi
	done <locale/glossary.txt 2>/dev/null
	if [ -f "$pot" ]; then
		missing=$(msgcmp "$po" "$pot" 2>&1 | grep -c 'this message is used but not defined' || true)
		if [ "$missing" -ne 0 ]; then
			echo "check-po: $po lacks $missing messages of the sources' template (run make update-po)"
			status=1
		fi
	fi
done
[ "$status" -eq 0 ] && echo "check-po: ok (${*:-no languages yet})"
exit $status
