# lscb-stats — one non-recursive Makefile.
#
#   make            build the stage binaries and the synthetic data generator
#   make check      install missing Debian packages, build, run every test
#   make demo       install missing packages, build, run the pipeline on synthetic data
#   make asan       the whole test suite under AddressSanitizer + UBSan
#   make install PREFIX=/usr/local
#
# `check` and `demo` first run scripts/deps.sh, then re-enter make so that
# pkg-config sees the freshly installed packages.

PREFIX  ?= /usr/local
BUILD   ?= build
CC      ?= cc
PKGS    := libxml-2.0 gsl xlsxwriter sqlite3 inih nettle libpq
# -Wformat-truncation=2: an unchecked snprintf (scripts/check-snprintf.py
# lets through only those with bounded formats) is proven never cut; GCC's
# alone (clang, for fuzz, does not know it)
WTRUNC  := $(shell $(CC) -Werror -Wformat-truncation=2 -E -x c /dev/null >/dev/null 2>&1 && \
             echo -Wformat-truncation=2)
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wno-format-nonliteral $(WTRUNC) -Werror
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -pthread $(WARN) $(CFLAGS) -I. $(shell pkg-config --cflags $(PKGS)) $(EXTRA_CFLAGS)
LDLIBS_ALL = $(shell pkg-config --libs $(PKGS)) -lcsv -lm -pthread $(EXTRA_LDFLAGS)

LIB_SRCS := $(wildcard common/*.c) \
            $(filter-out %/main.c,$(wildcard extract/*.c transform/*.c load/*.c stats/*.c \
                                             output/*.c synth/*.c run/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
LIB      := $(BUILD)/liblscb.a

BINS := $(BUILD)/lscb-extract $(BUILD)/lscb-transform $(BUILD)/lscb-load \
        $(BUILD)/lscb-stats $(BUILD)/lscb-report $(BUILD)/lscb-run $(BUILD)/lscb-synth

TEST_SRCS := $(wildcard tests/unit/test_*.c)
TESTS     := $(TEST_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check check-build demo asan valgrind fuzz fuzzers bench install deps clean test

all: $(BINS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/lscb-extract: $(BUILD)/extract/main.o $(LIB)
$(BUILD)/lscb-transform: $(BUILD)/transform/main.o $(LIB)
$(BUILD)/lscb-load: $(BUILD)/load/main.o $(LIB)
$(BUILD)/lscb-stats: $(BUILD)/stats/main.o $(LIB)
$(BUILD)/lscb-report: $(BUILD)/output/main.o $(LIB)
$(BUILD)/lscb-run: $(BUILD)/run/main.o $(LIB)
$(BUILD)/lscb-synth: $(BUILD)/synth/main.o $(LIB)
$(BINS):
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/tests/%: $(BUILD)/tests/unit/%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(shell pkg-config --libs cmocka) $(LDLIBS_ALL)

deps:
	@./scripts/deps.sh

# The tests: cmocka unit tests, then the end-to-end cases.
test: $(BINS) $(TESTS)
	@./scripts/check-includes.sh
	@./tests/e2e/includes.sh
	@./scripts/check-links.sh $(BUILD)
	@./scripts/check-snprintf.py
	@set -e; for t in $(TESTS); do echo "== $$t"; LSCB_DATA_DIR=$(CURDIR)/data LSCB_TEMPLATE_DIR=$(CURDIR)/templates $$t; done
	@BUILD=$(BUILD) ./tests/e2e/run.sh
	@BUILD=$(BUILD) ./tests/e2e/safety.sh
	@BUILD=$(BUILD) ./tests/e2e/onepass.sh
	@BUILD=$(BUILD) ./tests/e2e/publish.sh
	@BUILD=$(BUILD) ./tests/e2e/calendar.sh
	@BUILD=$(BUILD) ./tests/e2e/period.sh
	@BUILD=$(BUILD) ./tests/e2e/workbook.sh
	@BUILD=$(BUILD) ./tests/e2e/overlong.sh
	@BUILD=$(BUILD) ./tests/corpus/run.sh

check: deps
	@$(MAKE) --no-print-directory test

demo: deps
	@$(MAKE) --no-print-directory all
	@./scripts/demo.sh $(BUILD)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan CFLAGS="-O1 -g -fno-omit-frame-pointer \
	  -fsanitize=address,undefined -fno-sanitize-recover=all" test

# libFuzzer targets (clang), each run for FUZZ_SECONDS from its seed corpus
# in tests/fuzz/seeds; new inputs that find crashes are left in build-fuzz/.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS := cin_xml csv template published
FUZZ_BINS := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
$(BUILD)/fuzz/fuzz_%: $(BUILD)/tests/fuzz/fuzz_%.o $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LDLIBS_ALL)
fuzzers: $(FUZZ_BINS)
fuzz:
	@LSCB_EXTRA_PKGS="clang-14 libclang-rt-14-dev" ./scripts/deps.sh
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang-14 \
	  CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" fuzzers
	@set -e; for t in $(FUZZ_TARGETS); do echo "== fuzz $$t ($(FUZZ_SECONDS) s)"; \
	  mkdir -p build-fuzz/corpus/$$t; \
	  LSCB_DATA_DIR=$(CURDIR)/data build-fuzz/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=65536 -timeout=10 -rss_limit_mb=1024 -artifact_prefix=build-fuzz/ \
	    build-fuzz/corpus/$$t tests/fuzz/seeds/$$t >build-fuzz/fuzz-$$t.log 2>&1 || \
	    { tail -30 build-fuzz/fuzz-$$t.log; exit 1; }; tail -1 build-fuzz/fuzz-$$t.log; done

# make bench: an England-size census through every stage beside a bare SAX
# pass (scripts/bench.sh; BENCH_CHILDREN to scale).
$(BUILD)/bench/sax: tests/bench/sax.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LDLIBS_ALL)
bench: deps
	@LSCB_EXTRA_PKGS=time ./scripts/deps.sh
	@$(MAKE) --no-print-directory all $(BUILD)/bench/sax
	@./scripts/bench.sh $(BUILD)

# Every unit test and a whole run under valgrind (memcheck): any error or
# leak fails.
VALGRIND = valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite
valgrind: deps
	@$(MAKE) --no-print-directory all $(TESTS)
	@set -e; for t in $(TESTS); do echo "== valgrind $$t"; \
	  LSCB_DATA_DIR=$(CURDIR)/data LSCB_TEMPLATE_DIR=$(CURDIR)/templates LSCB_TEST_ROUNDS=3 \
	  $(VALGRIND) $$t >/dev/null; done
	@rm -rf $(BUILD)/vg && LSCB_JOBS=1 $(VALGRIND) $(BUILD)/lscb-run --year 2024 --la 205 \
	  --template lscb-2011 --published data/published --workdir $(BUILD)/vg tests/cases/hand/inputs/*
	@echo "valgrind: clean"

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/lscb-stats/templates \
	  $(DESTDIR)$(PREFIX)/share/lscb-stats/data
	install -m 755 $(BINS) $(DESTDIR)$(PREFIX)/bin
	install -m 644 templates/*.ini $(DESTDIR)$(PREFIX)/share/lscb-stats/templates
	install -m 644 data/*.csv data/SOURCES.md $(DESTDIR)$(PREFIX)/share/lscb-stats/data
	install -d $(DESTDIR)$(PREFIX)/share/lscb-stats/examples
	install -m 644 examples/* $(DESTDIR)$(PREFIX)/share/lscb-stats/examples

clean:
	rm -rf build build-asan build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
.SECONDARY:
