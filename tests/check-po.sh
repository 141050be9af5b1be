#!/bin/sh
# `make check-po` notices what a translator would miss: on a copy of the
# tree, an English message changed in the C sources (or in the catalog)
# without `make update-po` makes it fail naming the stale template; after
# `make update-po` it fails on the untranslated message; a changed source
# line number alone does not count.
set -u
TOP=$PWD
T=$(mktemp -d /tmp/ucplan-checkpo.XXXXXX)
trap 'rm -rf "$T"' EXIT
fails=0
count=0
ok() { count=$((count + 1)); }
bad() { count=$((count + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$T/tree" BUILD="$T/build" "$@"; }

mkdir "$T/tree"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$T/tree"
mk check-po >"$T/out" 2>&1 && ok || { bad "check-po fails on the tree as committed"; cat "$T/out"; }

# A translation that goes back to a term the glossary rules out (as a merge
# taking an old catalog would).
cp "$T/tree/locale/zh_CN.po" "$T/zh_CN.po.orig"
sed -i 's/^msgstr "向导"$/msgstr "访谈"/' "$T/tree/locale/zh_CN.po"
grep -q '^msgstr "访谈"$' "$T/tree/locale/zh_CN.po" || bad "planting an old term in zh_CN.po"
mk check-po >"$T/out" 2>&1 && bad "check-po accepts a term the glossary rules out" || ok
grep -q 'zh_CN.po says "访谈".*向导' "$T/out" && ok || { bad "check-po does not name the glossary term"; cat "$T/out"; }
cp "$T/zh_CN.po.orig" "$T/tree/locale/zh_CN.po"

# A blank line moves every message below it: not a change for translators.
sed -i '1i\\' "$T/tree/src/main.c"
mk check-po >"$T/out" 2>&1 && ok || { bad "check-po fails when only line numbers moved"; cat "$T/out"; }

# An English message changed in the C sources.
sed -i 's/show the version/print the version/' "$T/tree/src/main.c"
grep -q 'print the version' "$T/tree/src/main.c" || bad "changing a message in src/main.c"
mk check-po >"$T/out" 2>&1 && bad "check-po accepts a stale template after a C message changed" || ok
grep -q 'ucplan.pot is stale' "$T/out" && ok || { bad "check-po does not name the stale template"; cat "$T/out"; }
mk update-po >"$T/out" 2>&1 || bad "make update-po"
mk check-po >"$T/out" 2>&1 && bad "check-po accepts an untranslated message" || ok
grep -q 'ucplan.pot is stale' "$T/out" && bad "the template is still stale after make update-po" || ok
grep -q 'untranslated\|fuzzy' "$T/out" && ok || { bad "check-po does not report the untranslated message"; cat "$T/out"; }

# An English note changed in the catalog (xgettext through ITS rules).
mkdir "$T/tree2"
rm -rf "$T/tree"; mv "$T/tree2" "$T/tree"
(cd "$TOP" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$T/tree"
note=$(sed -n 's|.*<note>\([A-Za-z][^<]\{20,\}\)</note>.*|\1|p' "$T/tree/data/catalog.xml" | head -n 1)
[ -n "$note" ] && ok || bad "finding a note in the catalog"
sed -i "s|<note>$note</note>|<note>$note Reworded.</note>|" "$T/tree/data/catalog.xml"
mk check-po >"$T/out" 2>&1 && bad "check-po accepts a stale template after a catalog note changed" || ok
grep -q 'ucplan.pot is stale' "$T/out" && ok || { bad "check-po does not name the stale template (catalog)"; cat "$T/out"; }

echo "check-po.sh: $((count - fails)) of $count passed"
[ "$fails" -eq 0 ]
