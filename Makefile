# ucplan: plain GNU make with pkg-config.  `make run` and `make check` set
# up the build dependencies themselves on Debian/Ubuntu (scripts/deps.sh).

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
DATADIR    ?= $(PREFIX)/share/ucplan
LOCALEDIR  ?= $(PREFIX)/share/locale
MANDIR     ?= $(PREFIX)/share/man
DESTDIR    ?=

PKG_CONFIG ?= pkg-config
BUILD      ?= build
CC         ?= cc

PKGS_CORE  := libxml-2.0 jansson xlsxwriter
PKGS_TUI   := ncursesw
CFLAGS     ?= -O2 -g
WARN       := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
              -Wformat=2 -Wno-format-nonliteral -Werror
CPPFLAGS   += -Iinclude -I$(BUILD)/gen -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=700 \
              -DUCPLAN_DATADIR='"$(DATADIR)"' -DUCPLAN_LOCALEDIR='"$(LOCALEDIR)"' \
              -DUCPLAN_VERSION='"$(VERSION)"'
VERSION    := 0.1.0
ALL_CFLAGS  = -std=c11 $(WARN) $(CFLAGS)
DEPFLAGS    = -MMD -MP

# Flags are read lazily so that `make deps` can install pkg-config first.
# Our own feature macros win; pkg-config's -D flags for ncursesw would clash.
PKG_CFLAGS  = $(filter-out -D%,$(shell $(PKG_CONFIG) --cflags $(PKGS_CORE) $(PKGS_TUI) 2>/dev/null))
LIBS_CORE   = $(shell $(PKG_CONFIG) --libs $(PKGS_CORE) 2>/dev/null) -lcsv
LIBS_TUI    = $(shell $(PKG_CONFIG) --libs $(PKGS_TUI) 2>/dev/null)
LIBS_TEST   = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

LIB_SRC    := $(wildcard src/core/*.c src/export/*.c)
TUI_SRC    := $(wildcard src/tui/*.c)
LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
TUI_OBJ    := $(TUI_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ   := $(BUILD)/obj/src/main.o
LIB        := $(BUILD)/libucplan.a
BIN        := $(BUILD)/ucplan

TEST_SRC   := $(wildcard tests/test_*.c)
TEST_BIN   := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

LINGUAS    := $(shell cat locale/LINGUAS 2>/dev/null)
MO_FILES   := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/ucplan.mo)

.PHONY: all run check deps install uninstall clean layering pot update-po check-po bench screenshots

all: $(BIN) $(MO_FILES)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(PKG_CFLAGS) $(ALL_CFLAGS) $(DEPFLAGS) -c -o $@ $<

# The shipped catalog is checked against its schema here, at build time, and
# compiled into the catalog loader (its bytes and its elements, by
# tools/embed-xml): at run time a catalog file equal to those bytes is
# loaded without parsing or schema check, any other file gets both
# (src/core/catalog.c).  embed-xml links the library without the loader,
# which needs its output.
SHIPPED_INC := $(BUILD)/gen/catalog_shipped.inc
BOOT_LIB    := $(BUILD)/libucplan-boot.a

$(BOOT_LIB): $(filter-out $(BUILD)/obj/src/core/catalog.o,$(LIB_OBJ))
	$(AR) rcs $@ $^

$(BUILD)/tools/embed-xml: $(BUILD)/obj/tools/embed-xml.o $(BOOT_LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS_CORE)

$(SHIPPED_INC): data/catalog.xml data/catalog.rng $(BUILD)/tools/embed-xml
	@mkdir -p $(@D)
	xmllint --noout --relaxng data/catalog.rng data/catalog.xml
	$(BUILD)/tools/embed-xml data/catalog.xml >$@.tmp
	mv $@.tmp $@

# Every build of catalog.c (this one, the fuzzers', the sanitizers') needs it
# before -MMD has recorded it.
$(BUILD)/obj/src/core/catalog.o: $(SHIPPED_INC)

$(LIB): $(LIB_OBJ)
	@mkdir -p $(@D)
	$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(TUI_OBJ) $(LIB)
	$(CC) $(LDFLAGS) -o $@ $(MAIN_OBJ) $(TUI_OBJ) $(LIB) $(LIBS_TUI) $(LIBS_CORE)

$(BUILD)/tests/%: $(BUILD)/obj/tests/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LIBS_CORE) $(LIBS_TEST)

$(BUILD)/locale/%/LC_MESSAGES/ucplan.mo: locale/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# The dependency check is cheap; it installs only what is missing.
deps:
	@sh scripts/deps.sh

# The planner on a copy of the example plan in a terminal (so that saving
# never changes the shipped example); the tables when there is no
# terminal (a pipe, CI).
run: deps all
	@if [ -t 0 ] && [ -t 1 ]; then \
	   [ -f $(BUILD)/example-plan.xml ] || cp data/examples/two-sites.xml $(BUILD)/example-plan.xml; \
	   $(BIN) $(BUILD)/example-plan.xml; \
	 else $(BIN) report data/examples/two-sites.xml; fi

# PNG screenshots of the planner (tmux, aha, headless Chromium; installed
# when missing).  LANGS="en es it zh_CN" makes them per language.
screenshots: all
	@sh scripts/screenshots.sh $(BUILD)

check: deps all $(TEST_BIN) layering check-po
	@sh tests/run.sh $(BUILD)

# curses only in src/tui, libcsv only in the CSV exporter and jansson only in
# the JSON exporter, each also in the diff renderer; libxlsxwriter only in the
# XLSX exporter (DESIGN.md §2).
layering:
	@bad=$$(grep -rlE '#include *[<"](n?curses|ncursesw/curses)\.h' src include | grep -v '^src/tui/'); \
	 if [ -n "$$bad" ]; then echo "curses.h outside src/tui: $$bad"; exit 1; fi
	@bad=$$(grep -rl '#include *<csv.h>' src include | grep -vE '^src/export/(csv|diff)\.c'); \
	 if [ -n "$$bad" ]; then echo "csv.h outside the CSV exporter: $$bad"; exit 1; fi
	@bad=$$(grep -rl '#include *<jansson.h>' src include | grep -vE '^src/export/(json|diff)\.c'); \
	 if [ -n "$$bad" ]; then echo "jansson.h outside the JSON exporter: $$bad"; exit 1; fi
	@bad=$$(grep -rl '#include *<xlsxwriter.h>' src include | grep -v '^src/export/xlsx\.c'); \
	 if [ -n "$$bad" ]; then echo "xlsxwriter.h outside the XLSX exporter: $$bad"; exit 1; fi
	@bad=$$(grep -rlE '#include *"ucplan/(export|view|fields|tableview)\.h"' src/core include/ucplan/report.h include/ucplan/model.h include/ucplan/catalog.h); \
	 if [ -n "$$bad" ]; then echo "the core includes the renderers: $$bad"; exit 1; fi

# The benchmark (tools/, scripts/bench.sh): the real command end to end and
# per phase on synthetic plans of 1 to 5,000 sites, and the planner per key.
TOOLS      := $(BUILD)/tools/genplan $(BUILD)/tools/bench

$(BUILD)/tools/%: $(BUILD)/obj/tools/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LIBS_CORE)

bench: deps all $(TOOLS)
	@sh scripts/bench.sh $(BUILD)

# Translations.  POTFILES lists every file with translatable text: C sources
# (xgettext) and data/catalog.xml (xgettext with the ITS rules in
# data/catalog.its).
POT_C      = $(filter %.c,$(shell sed -e 's/\#.*//' locale/POTFILES))
POT_XML    = $(filter %.xml,$(shell sed -e 's/\#.*//' locale/POTFILES))

pot: locale/ucplan.pot

locale/ucplan.pot: locale/POTFILES $(POT_C) $(POT_XML) data/catalog.its
	xgettext --from-code=UTF-8 --add-comments=TRANSLATORS: --keyword=_ --keyword=N_ \
	  --keyword=P_:1,2 --keyword=C_:1c,2 --flag=_:1:pass-c-format --package-name=ucplan \
	  --package-version=$(VERSION) --msgid-bugs-address=ucplan@example.invalid \
	  -o $(BUILD)/c.pot $(POT_C)
	xgettext --from-code=UTF-8 --its=data/catalog.its -o $(BUILD)/catalog.pot $(POT_XML)
	msgcat --use-first -o $@ $(BUILD)/c.pot $(BUILD)/catalog.pot

# Brings every language's catalog up to date with the template.
update-po: locale/ucplan.pot
	@for l in $(LINGUAS); do msgmerge --quiet --update --backup=none locale/$$l.po $<; done

# Fails on an untranslated, fuzzy or format-mismatched entry, or on a
# source file with translatable text missing from POTFILES.
check-po:
	@sh scripts/check-po.sh $(LINGUAS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/examples $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/ucplan
	install -m 644 data/*.xml data/*.rng $(DESTDIR)$(DATADIR)/
	install -m 644 data/examples/*.xml $(DESTDIR)$(DATADIR)/examples/
	install -m 644 man/ucplan.1 $(DESTDIR)$(MANDIR)/man1/ucplan.1
	@for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/ucplan.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ucplan.mo; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ucplan $(DESTDIR)$(MANDIR)/man1/ucplan.1
	rm -rf $(DESTDIR)$(DATADIR)
	@for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/ucplan.mo; done

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
include mk/quality.mk

# Worst-case plan files near the size limit: each must be refused or loaded
# in well under a second (README, Robustness).  Part of `make bench`.
.PHONY: bench-hostile
bench: bench-hostile
bench-hostile: deps $(BUILD)/tools/bench_hostile
	@mkdir -p bench
	@UCPLAN_DATADIR="$${UCPLAN_DATADIR:-$(CURDIR)/data}" $(BUILD)/tools/bench_hostile | tee bench/hostile.txt
