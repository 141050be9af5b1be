#!/bin/sh
# Installs what ucplan needs to build and test, when something is missing.
# Debian/Ubuntu: apt-get (through sudo when not root).  Elsewhere: prints the
# Debian package names so that the user can find their equivalents.
set -eu

PACKAGES="make gcc clang libclang-rt-dev pkg-config libxml2-dev libxml2-utils libncurses-dev libcsv-dev
libcmocka-dev libjansson-dev libxlsxwriter-dev gettext python3 python3-openpyxl tmux valgrind zsh locales
musl-tools nftables shellcheck graphviz"

missing() {
	for tool in cc clang make pkg-config xmllint msgfmt python3 tmux valgrind zsh localedef musl-gcc \
		shellcheck dot; do
		command -v "$tool" >/dev/null 2>&1 || return 0
	done
	# nft lives in /usr/sbin, which a user's PATH may lack
	command -v nft >/dev/null 2>&1 || [ -x /usr/sbin/nft ] || return 0
	pkg-config --exists libxml-2.0 ncursesw cmocka jansson xlsxwriter 2>/dev/null || return 0
	# the workbook test reads the .xlsx back with Debian's openpyxl
	/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || return 0
	[ -f /usr/include/csv.h ] || [ -f /usr/local/include/csv.h ] || return 0
	# locale sources, for the non-UTF-8 locale tests (tests/codeset.sh)
	[ -f /usr/share/i18n/charmaps/GB18030.gz ] || return 0
	# libFuzzer's runtime comes with clang only as a recommendation
	ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 || return 0
	return 1
}

missing || exit 0

if command -v apt-get >/dev/null 2>&1; then
	if [ "$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi
	echo "ucplan: installing build dependencies: $(echo $PACKAGES)"
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $PACKAGES
else
	echo "ucplan: please install the equivalents of these Debian packages:" >&2
	echo "  $PACKAGES" >&2
	exit 1
fi
