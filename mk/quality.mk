# Robustness checks (DESIGN.md §5): fuzzing, sanitizers and valgrind.
# Included at the end of the Makefile; uses its variables.
#
#   make fuzz-check       each fuzzer for a few thousand runs (part of `make check`)
#   make sanitize-check   unit tests, cli.sh, golden.sh and xlsx.sh under ASan + UBSan
#   make valgrind-check   cli.sh with every ucplan run under valgrind
#   make fuzz [FUZZ_SECONDS=600]   each fuzzer for that long; new inputs in
#                         $(BUILD)/fuzz/corpus/, crashes in $(BUILD)/fuzz-crashes/
#
# `make check QUALITY_CHECKS=` leaves the three checks out.

.PHONY: fuzz fuzz-check fuzz-toolchain sanitize-check valgrind-check

QUALITY_CHECKS ?= fuzz-check sanitize-check valgrind-check
check: $(QUALITY_CHECKS)

# ---- fuzzing (clang + libFuzzer) ---------------------------------------------

FUZZ_CC       ?= clang
FUZZ_SECONDS  ?= 60
# Runs per harness in fuzz-check: about 10 s each on one core.
FUZZ_RUNS_plan    ?= 20000
FUZZ_RUNS_catalog ?= 8000
FUZZ_RUNS_cli     ?= 50000
FUZZ_RUNS_fields  ?= 6000
FUZZ_NAMES    := plan catalog cli fields
FUZZ_DIR      := $(BUILD)/fuzz
FUZZ_CRASHES  := $(BUILD)/fuzz-crashes
FUZZ_BIN      := $(FUZZ_NAMES:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all -g -O1
# The library gets coverage instrumentation but not libFuzzer's main().
# Its warnings are gcc's business (the normal build); here they are shown
# but not fatal, so that a clang-only warning cannot block the fuzzers.
FUZZ_LIB_OBJ  := $(LIB_SRC:%.c=$(FUZZ_DIR)/obj/%.o)
# Longest input per harness: the catalog seed is the shipped catalog; plans
# reach 1 MiB, so that work that grows faster than the input shows up as a
# timeout (16 KiB hid a quadratic case in libxml2).
fuzz_max_len   = $(if $(filter catalog,$(1)),131072,$(if $(filter plan,$(1)),1048576,1024))
FUZZ_ENV       = UCPLAN_DATADIR=$(CURDIR)/data LC_ALL=C.UTF-8 LANGUAGE= \
                 ASAN_OPTIONS=detect_leaks=1 \
                 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Options for harness $(1).  libFuzzer writes new inputs only into the first
# corpus directory it is given: always one under $(BUILD), so that the
# committed seeds in tests/fuzz/corpus/ are only read.
FUZZ_FLAGS     = -max_len=$(call fuzz_max_len,$(1)) -timeout=20 -rss_limit_mb=2048 \
                 -artifact_prefix=$(FUZZ_CRASHES)/$(1)- -dict=tests/fuzz/$(1).dict \
                 -print_final_stats=1

$(FUZZ_DIR)/obj/%.o: %.c | $(PATHS_H)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(ALL_CPPFLAGS) $(PKG_CFLAGS) -std=c11 $(WARN) $(FUZZ_SAN) \
	  -fsanitize=fuzzer-no-link $(DEPFLAGS) -c -o $@ $<

$(FUZZ_DIR)/obj/src/core/catalog.o: $(SHIPPED_INC)

$(FUZZ_DIR)/libucplan.a: $(FUZZ_LIB_OBJ)
	$(AR) rcs $@ $^

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DIR)/libucplan.a
	$(FUZZ_CC) $(ALL_CPPFLAGS) $(PKG_CFLAGS) -std=c11 $(WARN) $(WERROR) $(FUZZ_SAN) -fsanitize=fuzzer \
	  $(DEPFLAGS) -o $@ $< $(FUZZ_DIR)/libucplan.a $(LIBS_CORE)

# clang links -fsanitize=fuzzer only with its runtime (Debian: libclang-rt-dev);
# say so plainly rather than fail in the linker.
fuzz-toolchain: deps
	@mkdir -p $(BUILD); \
	 printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
	   >$(BUILD)/fuzz-probe.c; \
	 if ! $(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $(BUILD)/fuzz-probe $(BUILD)/fuzz-probe.c 2>/dev/null; then \
	   echo "fuzz: $(FUZZ_CC) cannot build a libFuzzer program; install clang and its runtime (Debian: clang libclang-rt-dev)"; \
	   rm -f $(BUILD)/fuzz-probe.c; exit 1; \
	 fi; \
	 rm -f $(BUILD)/fuzz-probe $(BUILD)/fuzz-probe.c

# A short, seeded run of each harness from its committed corpus: quick
# enough for every `make check`, long enough to replay every regression seed.
fuzz-check: deps fuzz-toolchain
	@$(MAKE) -s $(FUZZ_BIN)
	@rm -rf $(FUZZ_DIR)/check; mkdir -p $(FUZZ_CRASHES); \
	 pass=0; fail=0; \
	 $(foreach n,$(FUZZ_NAMES), \
	   mkdir -p $(FUZZ_DIR)/check/$(n); \
	   if $(FUZZ_ENV) $(FUZZ_DIR)/fuzz_$(n) $(call FUZZ_FLAGS,$(n)) -runs=$(FUZZ_RUNS_$(n)) -seed=1 \
	        $(FUZZ_DIR)/check/$(n) tests/fuzz/corpus/$(n) >$(FUZZ_DIR)/check/$(n).log 2>&1; then \
	     pass=$$((pass + 1)); echo "fuzz_$(n): $$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' $(FUZZ_DIR)/check/$(n).log)"; \
	   else \
	     fail=$$((fail + 1)); echo "FAIL: fuzz_$(n) (log: $(FUZZ_DIR)/check/$(n).log)"; \
	     grep -A30 -m1 -E '^==[0-9]+==ERROR|runtime error|^fuzz_|deadly signal' $(FUZZ_DIR)/check/$(n).log | head -40 | sed 's/^/  | /'; \
	   fi;) \
	 echo "fuzz-check: $$pass passed, $$fail failed"; \
	 [ $$fail -eq 0 ]

# Each harness for FUZZ_SECONDS; the work corpus under $(BUILD) persists
# between runs.  Worth keeping: minimize new finds into tests/fuzz/corpus/
# with -merge=1 by hand.
fuzz: deps fuzz-toolchain
	@$(MAKE) -s $(FUZZ_BIN)
	@mkdir -p $(FUZZ_CRASHES); pass=0; fail=0; \
	 $(foreach n,$(FUZZ_NAMES), \
	   mkdir -p $(FUZZ_DIR)/corpus/$(n); \
	   echo "fuzz_$(n): $(FUZZ_SECONDS) s"; \
	   if $(FUZZ_ENV) $(FUZZ_DIR)/fuzz_$(n) $(call FUZZ_FLAGS,$(n)) -max_total_time=$(FUZZ_SECONDS) \
	        $(FUZZ_DIR)/corpus/$(n) tests/fuzz/corpus/$(n) >$(FUZZ_DIR)/$(n).log 2>&1; then \
	     pass=$$((pass + 1)); tail -n 12 $(FUZZ_DIR)/$(n).log | grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' | sed 's/^/  /'; \
	   else \
	     fail=$$((fail + 1)); echo "FAIL: fuzz_$(n) (log: $(FUZZ_DIR)/$(n).log; input in $(FUZZ_CRASHES)/)"; \
	     grep -A30 -m1 -E '^==[0-9]+==ERROR|runtime error|^fuzz_|deadly signal' $(FUZZ_DIR)/$(n).log | head -40 | sed 's/^/  | /'; \
	   fi;) \
	 echo "fuzz: $$pass passed, $$fail failed"; \
	 [ $$fail -eq 0 ]

# ---- AddressSanitizer + UndefinedBehaviorSanitizer (gcc) ---------------------

ASAN_DIR     := $(BUILD)/asan
ASAN_FLAGS   := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g
# Same warnings as the normal build.  (gcc 12 with -fsanitize=undefined can
# report a false "null format string" through -Wformat-truncation; should
# it appear, add -Wno-format-truncation here, to this build only.)
ASAN_CFLAGS  = -std=c11 $(WARN) $(WERROR) $(ASAN_FLAGS)
ASAN_LIB_OBJ := $(LIB_SRC:%.c=$(ASAN_DIR)/obj/%.o)
ASAN_TESTS   := $(TEST_SRC:tests/%.c=$(ASAN_DIR)/tests/%)
# A sanitizer report anywhere (even in a run whose exit status a test
# expected to be non-zero) lands in a log file, and any log fails the check.
ASAN_ENV      = UCPLAN_DATADIR=$(CURDIR)/data UCPLAN_LOCALEDIR=$(CURDIR)/$(BUILD)/locale \
                UCPLAN_BIN=$(CURDIR)/$(ASAN_DIR)/ucplan LC_ALL=C.UTF-8 \
                ASAN_OPTIONS=detect_leaks=1:exitcode=86:log_path=$(CURDIR)/$(ASAN_DIR)/logs/asan \
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86:log_path=$(CURDIR)/$(ASAN_DIR)/logs/ubsan

$(ASAN_DIR)/obj/%.o: %.c | $(PATHS_H)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(PKG_CFLAGS) $(ASAN_CFLAGS) $(DEPFLAGS) -c -o $@ $<

$(ASAN_DIR)/obj/src/core/catalog.o: $(SHIPPED_INC)

$(ASAN_DIR)/libucplan.a: $(ASAN_LIB_OBJ)
	$(AR) rcs $@ $^

$(ASAN_DIR)/ucplan: $(ASAN_DIR)/obj/src/main.o $(TUI_SRC:%.c=$(ASAN_DIR)/obj/%.o) $(ASAN_DIR)/libucplan.a
	$(CC) $(ASAN_FLAGS) $(LDFLAGS) -o $@ $^ $(LIBS_TUI) $(LIBS_CORE)

$(ASAN_DIR)/tests/%: $(ASAN_DIR)/obj/tests/%.o $(ASAN_DIR)/libucplan.a
	@mkdir -p $(@D)
	$(CC) $(ASAN_FLAGS) $(LDFLAGS) -o $@ $^ $(LIBS_CORE) $(LIBS_TEST)

sanitize-check: deps $(MO_FILES)
	@$(MAKE) -s $(ASAN_DIR)/ucplan $(ASAN_TESTS)
	@rm -rf $(ASAN_DIR)/logs; mkdir -p $(ASAN_DIR)/logs; \
	 pass=0; fail=0; \
	 for t in $(ASAN_TESTS) tests/cli.sh tests/golden.sh tests/xlsx.sh; do \
	   case $$t in *.sh) run="sh $$t" ;; *) run=$$t ;; esac; \
	   if $(ASAN_ENV) $$run >$(ASAN_DIR)/logs/out 2>&1; then \
	     pass=$$((pass + 1)); \
	   else \
	     fail=$$((fail + 1)); echo "FAIL: $$t"; grep -E 'FAIL|ERROR' $(ASAN_DIR)/logs/out | head -20 | sed 's/^/  | /'; \
	   fi; \
	 done; \
	 for log in $(ASAN_DIR)/logs/asan.* $(ASAN_DIR)/logs/ubsan.*; do \
	   [ -e "$$log" ] || continue; \
	   fail=$$((fail + 1)); echo "FAIL: sanitizer report $$log"; head -30 "$$log" | sed 's/^/  | /'; \
	 done; \
	 echo "sanitize-check: $$pass passed, $$fail failed"; \
	 [ $$fail -eq 0 ]

# ---- valgrind ---------------------------------------------------------------

VG_DIR := $(BUILD)/valgrind

# Every ucplan process of tests/cli.sh runs under memcheck through a
# wrapper; each writes its own log, and -q keeps a clean run's log empty.
valgrind-check: deps $(BIN) $(MO_FILES)
	@rm -rf $(VG_DIR); mkdir -p $(VG_DIR)/logs; \
	 printf '#!/bin/sh\nexec valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 --log-file=%s/logs/vg.%%p "%s" "$$@"\n' \
	   "$(CURDIR)/$(VG_DIR)" "$(CURDIR)/$(BIN)" >$(VG_DIR)/ucplan; \
	 chmod +x $(VG_DIR)/ucplan; \
	 pass=0; fail=0; \
	 if UCPLAN_DATADIR=$(CURDIR)/data UCPLAN_LOCALEDIR=$(CURDIR)/$(BUILD)/locale LC_ALL=C.UTF-8 \
	    UCPLAN_BIN=$(CURDIR)/$(VG_DIR)/ucplan sh tests/cli.sh >$(VG_DIR)/cli.out 2>&1; then :; else \
	   fail=$$((fail + 1)); echo "FAIL: tests/cli.sh under valgrind (exit status 99 = a valgrind error)"; \
	   grep FAIL $(VG_DIR)/cli.out | head -20 | sed 's/^/  | /'; \
	 fi; \
	 for log in $(VG_DIR)/logs/vg.*; do \
	   [ -e "$$log" ] || continue; \
	   if [ -s "$$log" ]; then \
	     fail=$$((fail + 1)); echo "FAIL: valgrind report $$log"; head -30 "$$log" | sed 's/^/  | /'; \
	   else pass=$$((pass + 1)); fi; \
	 done; \
	 [ $$pass -gt 0 ] || { fail=$$((fail + 1)); echo "FAIL: no ucplan run went through valgrind"; }; \
	 echo "valgrind-check: $$pass passed, $$fail failed"; \
	 [ $$fail -eq 0 ]

-include $(wildcard $(FUZZ_DIR)/*.d) $(shell find $(FUZZ_DIR)/obj $(ASAN_DIR)/obj -name '*.d' 2>/dev/null)
