#!/bin/sh
# Packaging, as a distribution does it: `make dist` makes a tarball; it
# builds (with the packager's CPPFLAGS, CFLAGS and LDFLAGS added to the
# project's, and no -Werror forced) and installs with PREFIX set to a
# scratch directory laid out like /usr; the installed binary, run with no
# UCPLAN_* override and with decoys planted where the old relocation
# looked (a `locale` program beside it, data/ next to bin/ and above),
# reads its data and translations from the installed paths; the man page
# names them; `make uninstall` removes what install wrote and nothing else,
# even with DATADIR set to a shared directory.
set -u
TOP=$PWD
BIN=${UCPLAN_BIN:-build/ucplan}
case $BIN in /*) ;; *) BIN=$TOP/$BIN ;; esac
T=$(mktemp -d /tmp/ucplan-install.XXXXXX)
trap 'chmod -R u+w "$T" 2>/dev/null; rm -rf "$T"' EXIT
fails=0
count=0
ok() { count=$((count + 1)); }
bad() { count=$((count + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }
# A make of its own: not the jobs, flags or WERROR of the `make check`
# running us (make exports command-line variables such as CI's WERROR).
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u CFLAGS -u CPPFLAGS -u LDFLAGS -u WERROR make "$@"; }

# --- make dist ---------------------------------------------------------------
version=$(sed -n 's/^VERSION *:= *//p' Makefile)
if mk -s dist BUILD="$T/dist" >"$T/dist.log" 2>&1 && [ -f "$T/dist/ucplan-$version.tar.gz" ]; then ok; else
	bad "make dist"; sed 's/^/  | /' "$T/dist.log" | tail -5
	echo "install.sh: $((count - fails)) of $count passed"; exit 1
fi
mkdir "$T/src"
tar -xzf "$T/dist/ucplan-$version.tar.gz" -C "$T/src"
SRC=$T/src/ucplan-$version
for f in LICENSE NOTICE README.md Makefile data/catalog.xml locale/es.po completion/_ucplan man/ucplan.1; do
	[ -f "$SRC/$f" ] && ok || bad "the tarball lacks $f"
done
[ -d "$SRC/.git" ] || [ -f "$SRC/.git" ] && bad "the tarball holds .git" || ok

# --- build from the tarball with a packager's flags --------------------------
P=$T/usr
if (cd "$SRC" && mk -j2 PREFIX="$P" CPPFLAGS=-DUCPLAN_PACKAGER_CPPFLAGS \
	CFLAGS="-O1 -g0 -DUCPLAN_PACKAGER_CFLAGS" LDFLAGS=-Wl,--as-needed) >"$T/build.log" 2>&1; then ok; else
	bad "building from the tarball"; sed 's/^/  | /' "$T/build.log" | tail -15
	echo "install.sh: $((count - fails)) of $count passed"; exit 1
fi
cc_line=$(grep -m1 -- '-c -o build/obj/src/core/i18n.o' "$T/build.log")
for flag in -Iinclude -std=c11 -Wall -DUCPLAN_PACKAGER_CPPFLAGS -DUCPLAN_PACKAGER_CFLAGS -O1; do
	case " $cc_line " in *" $flag "*) ok ;; *) bad "compiling: $flag missing from: $cc_line" ;; esac
done
case " $cc_line " in *" -Werror "*) bad "a tarball build forces -Werror" ;; *) ok ;; esac
grep -q -- '-Wl,--as-needed -o build/ucplan ' "$T/build.log" && ok || bad "linking without the packager's LDFLAGS"

# --- install into a scratch /usr ---------------------------------------------
# Someone else's files, which uninstall must leave alone.
mkdir -p "$P/share/other" "$P/share/locale/fr/LC_MESSAGES" "$P/share/man/man1" "$P/bin"
echo keep >"$P/share/other/keep"
echo keep >"$P/share/locale/fr/LC_MESSAGES/other.mo"
echo keep >"$P/share/man/man1/other.1"
echo keep >"$P/bin/other"
if (cd "$SRC" && mk PREFIX="$P" install) >"$T/install.log" 2>&1; then ok; else
	bad "make install"; sed 's/^/  | /' "$T/install.log" | tail -5
fi
for f in bin/ucplan share/ucplan/catalog.xml share/ucplan/plan.rng share/ucplan/report.rng \
	share/ucplan/examples/two-sites.xml share/locale/es/LC_MESSAGES/ucplan.mo \
	share/locale/zh_CN/LC_MESSAGES/ucplan.mo share/man/man1/ucplan.1 \
	share/bash-completion/completions/ucplan share/zsh/site-functions/_ucplan \
	share/doc/ucplan/LICENSE share/doc/ucplan/NOTICE; do
	[ -f "$P/$f" ] && ok || bad "make install did not write $f"
done

# Decoys where a binary in $P/bin used to look: glibc's `locale` program,
# data/ beside bin/ and above it, each with a catalog whose notes say DECOY.
printf '#!/bin/sh\necho decoy\n' >"$P/bin/locale"
chmod 755 "$P/bin/locale"
mkdir -p "$P/data" "$T/data" "$P/bin/locale.d"
for d in "$P/data" "$T/data"; do
	sed 's|<note>[^<]*</note>|<note>DECOY</note>|' "$P/share/ucplan/catalog.xml" >"$d/catalog.xml"
	cp "$P/share/ucplan/plan.rng" "$d/plan.rng"
done

# The installed binary, as a user runs it: no UCPLAN_* variable.
run() { # LANG COMMAND...
	l=$1; shift
	(cd "$T" && env -i PATH=/usr/bin:/bin HOME="$T" LANG="$l" "$P/bin/ucplan" "$@")
}
run es_ES.UTF-8 --help >"$T/help.es" 2>&1
grep -q '^Uso: ' "$T/help.es" && ok || { bad "LANG=es_ES.UTF-8: the help is not in Spanish"; head -3 "$T/help.es" | sed 's/^/  | /'; }
run C.UTF-8 --lang zh_CN --help >"$T/help.zh" 2>&1
grep -q '用法' "$T/help.zh" && ok || bad "--lang zh_CN: the help is not in Chinese"
if run C.UTF-8 --lang it report -t firewall -f csv >"$T/it.csv" 2>"$T/it.err"; then ok; else bad "report from the installed binary"; sed 's/^/  | /' "$T/it.err" | head -5; fi
grep -q 'Porta di destinazione' "$T/it.csv" && ok || bad "--lang it: the CSV header is not in Italian"
grep -q DECOY "$T/it.csv" && bad "a decoy catalog was read" || ok
UCPLAN_DATADIR=$TOP/data UCPLAN_LOCALEDIR=${UCPLAN_LOCALEDIR:-$TOP/build/locale} env -u LANGUAGE LC_ALL=C.UTF-8 "$BIN" --lang it report -t firewall -f csv >"$T/ref.csv" 2>/dev/null
cmp -s "$T/ref.csv" "$T/it.csv" && ok || bad "the installed binary's report differs from the source tree's"
if run C.UTF-8 check "$P/share/ucplan/examples/two-sites.xml" >"$T/check.out" 2>&1; then ok; else
	bad "check of an installed example (plan.rng from DATADIR)"; sed 's/^/  | /' "$T/check.out" | head -5
fi
run C.UTF-8 report -f xml -o "$T/a.xml" 2>/dev/null && run C.UTF-8 report --ipsec -f xml -o "$T/b.xml" 2>/dev/null
run C.UTF-8 diff "$T/a.xml" "$T/b.xml" >"$T/diff.out" 2>&1
[ $? -eq 1 ] && ok || { bad "diff of two reports (report.rng from DATADIR)"; sed 's/^/  | /' "$T/diff.out" | head -5; }

run C.UTF-8 --version | grep -q "MIT" && ok || bad "--version does not state the licence"

# The man page names the installed files.
grep -q "^\.I $P/share/ucplan/catalog.xml" "$P/share/man/man1/ucplan.1" && ok ||
	bad "the man page's FILES do not follow PREFIX"
grep -q '@[A-Z]*@\|/usr/local' "$P/share/man/man1/ucplan.1" && bad "the man page keeps a placeholder or /usr/local" || ok

# --- uninstall ----------------------------------------------------------------
(cd "$SRC" && mk PREFIX="$P" uninstall) >"$T/uninstall.log" 2>&1 || bad "make uninstall"
rm -rf "$P/data" "$T/data" "$P/bin/locale" "$P/bin/locale.d"
(cd "$P" && find . -type f | sort) >"$T/left"
printf '%s\n' ./bin/other ./share/locale/fr/LC_MESSAGES/other.mo ./share/man/man1/other.1 \
	./share/other/keep >"$T/want"
if cmp -s "$T/want" "$T/left"; then ok; else bad "after uninstall (< what should be left, > what is)"; diff "$T/want" "$T/left" | sed 's/^/  | /'; fi
[ -d "$P/share/ucplan" ] && bad "uninstall left share/ucplan/" || ok
[ -d "$P/share/doc/ucplan" ] && bad "uninstall left share/doc/ucplan/" || ok

# DATADIR given as a shared directory: uninstall takes ucplan's files only.
if (cd "$SRC" && mk -s PREFIX="$P" DATADIR="$P/share" install && mk -s PREFIX="$P" DATADIR="$P/share" uninstall) \
	>"$T/shared.log" 2>&1; then ok; else bad "install and uninstall with DATADIR=PREFIX/share"; tail -5 "$T/shared.log"; fi
[ -f "$P/share/other/keep" ] && [ -d "$P/share/locale/fr" ] && ok || bad "uninstall with DATADIR=PREFIX/share removed other files"
[ -f "$P/share/catalog.xml" ] && bad "uninstall with DATADIR=PREFIX/share left catalog.xml" || ok

echo "install.sh: $((count - fails)) of $count passed"
[ "$fails" -eq 0 ]
