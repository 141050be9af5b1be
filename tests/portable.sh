#!/bin/sh
# The core builds outside glibc: each src/core file is compiled against
# musl's headers (musl-gcc, warnings as errors) and may not refer to
# glibc's internals (_nl_msg_cat_cntr), so that a glibc-only name cannot
# slip in unguarded.
# Files that include libxml2 are left out: the system's libxml2 headers are
# glibc's, not ours to check.
set -u
BUILD=${BUILD:-build}
command -v musl-gcc >/dev/null 2>&1 || { echo "portable.sh: musl-gcc is missing (scripts/deps.sh installs musl-tools)"; exit 1; }
[ -f "$BUILD/gen/paths.h" ] || { echo "portable.sh: $BUILD/gen/paths.h is missing (run make)"; exit 1; }
pass=0
fail=0
checked=""
for f in src/core/*.c; do
	# what it includes, through our headers too
	${CC:-cc} -MM -Iinclude -I"$BUILD/gen" -I/usr/include/libxml2 "$f" 2>/dev/null | grep -q libxml && continue
	if musl-gcc -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
		-Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral -Werror -Iinclude \
		-I"$BUILD/gen" -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 -c -o "$BUILD/portable.o" "$f" 2>"$BUILD/portable.err"; then
		pass=$((pass + 1))
		# glibc's internals (the gettext cache counter) are not in musl
		if nm -u "$BUILD/portable.o" | grep -q '_nl_'; then
			fail=$((fail + 1)); echo "FAIL: $f uses glibc's internals: $(nm -u "$BUILD/portable.o" | grep _nl_ | tr -s ' \n' ' ')"
		fi
	else
		fail=$((fail + 1)); echo "FAIL: $f with musl"; head -5 "$BUILD/portable.err" | sed 's/^/  | /'
	fi
	checked="$checked $f"
done
case $checked in *src/core/i18n.c*) ;; *) fail=$((fail + 1)); echo "FAIL: src/core/i18n.c was not checked" ;; esac
rm -f "$BUILD/portable.o" "$BUILD/portable.err"
echo "portable: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
