#!/bin/sh
# Translation checks for `make check`: POTFILES lists every source with
# translatable text, the template is current, and every language's catalog
# is complete: no untranslated or fuzzy entry, and msgfmt --check is clean
# (format strings match).  Arguments: the languages (locale/LINGUAS).
set -u
status=0
for f in $(grep -rlE '(^|[^A-Za-z0-9_])(N_|_|P_)\(' src | sort); do
	if ! grep -qx "$f" locale/POTFILES; then
		echo "check-po: $f has translatable text but is not in locale/POTFILES"
		status=1
	fi
done
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
	if [ -f locale/ucplan.pot ]; then
		missing=$(msgcmp "$po" locale/ucplan.pot 2>&1 | grep -c 'this message is used but not defined' || true)
		if [ "$missing" -ne 0 ]; then
			echo "check-po: $po lacks $missing messages of locale/ucplan.pot (run make update-po)"
			status=1
		fi
	fi
done
[ "$status" -eq 0 ] && echo "check-po: ok (${*:-no languages yet})"
exit $status
