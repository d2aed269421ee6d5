# Makefile: build, test and install tzforge (GNU make).
#
# libtzforge.a is built from every lib/*.c; each front end from its own
# directory (zic/*.c -> zic/zic, data/*.c -> data/tzdb, diff/*.c ->
# diff/tzdiff) once that directory has sources.  Every tests/unit/test_*.c
# becomes a cmocka program build/tests/test_*, every tests/tools/*.c a
# helper build/tools/*.  Local overrides go in config.mak.
#
#   make deps       install missing Debian packages (apt-get, as root)
#   make            build the library and the programs
#   make demo       compile the system's tzdata.zi, read a few zones back,
#                   and audit 2026c against the global-tz fork
#   make check      build everything and run every test; ends "N passed, N failed"
#   make check-full the slow oracle matrices of tests/full (after check)
#   make check SANITIZE=address,undefined      the same under ASan and UBSan
#   make DEVELOPER=1                           strict warnings, -Werror
#   make install [PREFIX=/usr] [DESTDIR=...]   install programs and man pages
#   make bench      time zic/zic against /usr/sbin/zic, tzdb, tzdiff, and
#                   zic --source against each release's Makefile (not a test)
#   make lint       mandoc -Tlint, layering and banned-function checks
#   make fuzz       libFuzzer builds of tests/fuzz/fuzz_*.c (clang);
#                   with FUZZ_SECONDS=N, run each for N seconds

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
SBINDIR    ?= $(PREFIX)/sbin
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share
PKG_CONFIG ?= pkg-config
INSTALL    ?= install
AR         ?= ar
CFLAGS     ?= -O2 -g
SHARED     ?= ../shared
# Where zic --help and zic.8 tell users to report bugs.
BUGEMAIL   ?= tzforge-bugs@example.org
DEMO_DIR   ?= /tmp/tzforge-zoneinfo
-include config.mak

# Libraries the core may use; the flags are asked of pkg-config once, on
# first use, so that "make deps all" works on a machine that lacked them.
PKGS        = libgit2 libarchive sqlite3
PKG_CFLAGS  = $(eval PKG_CFLAGS := $$(call pkgconf,--cflags,$$(PKGS)))$(PKG_CFLAGS)
PKG_LIBS    = $(eval PKG_LIBS := $$(call pkgconf,--libs,$$(PKGS)))$(PKG_LIBS) -ldl
# The programs link SQLite only: libgit2 and libarchive, with the dozens
# of libraries they pull in, are loaded on first use (lib/dynload.c), so
# that a plain zic or tzdb run does not pay for them at start-up.
PROG_LIBS   = $(eval PROG_LIBS := $$(call pkgconf,--libs,sqlite3))$(PROG_LIBS) -ldl
soname      = $(shell objdump -p "$$($(PKG_CONFIG) --variable=libdir $(1))/$(1).so" 2>/dev/null | awk '/SONAME/ { print $$2 }')
LIBGIT2_SONAME    = $(eval LIBGIT2_SONAME := $$(call soname,libgit2))$(LIBGIT2_SONAME)
LIBARCHIVE_SONAME = $(eval LIBARCHIVE_SONAME := $$(call soname,libarchive))$(LIBARCHIVE_SONAME)
CMOCKA_CFLAGS = $(eval CMOCKA_CFLAGS := $$(call pkgconf,--cflags,cmocka))$(CMOCKA_CFLAGS)
CMOCKA_LIBS   = $(eval CMOCKA_LIBS := $$(call pkgconf,--libs,cmocka))$(CMOCKA_LIBS)
pkgconf = $(if $(shell $(PKG_CONFIG) --exists $(2) 2>/dev/null && echo ok),$(shell $(PKG_CONFIG) $(1) $(2)),$(error pkg-config cannot find '$(2)': run 'make deps'))

ifdef DEVELOPER
DEV_CFLAGS = -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	     -Wvla -Wwrite-strings -Wformat=2 -Wpointer-arith -fno-common
endif
ifdef SANITIZE
SAN_FLAGS  = -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	     -fno-omit-frame-pointer
endif

ALL_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib \
	      -MMD -MP -Wall -Wextra $(DEV_CFLAGS) $(SAN_FLAGS) \
	      $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = -Wl,--as-needed $(SAN_FLAGS) $(LDFLAGS)
TEST_CFLAGS = $(ALL_CFLAGS) -Itests/unit $(CMOCKA_CFLAGS)

# Debian packages needed to build and test (make deps installs the
# missing), one a line so that additions do not collide.
DEB_PKGS  = pkg-config
DEB_PKGS += libgit2-dev
DEB_PKGS += libarchive-dev
DEB_PKGS += libsqlite3-dev
DEB_PKGS += libcmocka-dev
DEB_PKGS += git
DEB_PKGS += python3
DEB_PKGS += tzdata
DEB_PKGS += sqlite3
# tests only: tracing, the releases' own awk scripts, man page renderers,
# timing, a real MariaDB server, a browser that renders HTML reports
DEB_PKGS += strace
DEB_PKGS += gawk
DEB_PKGS += mandoc
DEB_PKGS += groff-base
DEB_PKGS += time
DEB_PKGS += valgrind
DEB_PKGS += mariadb-server
DEB_PKGS += chromium

.DELETE_ON_ERROR:
.SUFFIXES:
.SECONDARY:

LIB      = lib/libtzforge.a
LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(LIB_SRC:.c=.o)

zic_SRC    = $(wildcard zic/*.c)
tzdb_SRC   = $(wildcard data/*.c)
tzdiff_SRC = $(wildcard diff/*.c)
PROGS      = $(if $(zic_SRC),zic/zic) $(if $(tzdb_SRC),data/tzdb) \
	     $(if $(tzdiff_SRC),diff/tzdiff)
PROG_OBJ   = $(zic_SRC:.c=.o) $(tzdb_SRC:.c=.o) $(tzdiff_SRC:.c=.o)

# cmocka programs: one per tests/unit/test_*.c; any other .c file there is
# shared test support linked into each of them.
UNIT_SRC   = $(wildcard tests/unit/test_*.c)
UNIT_BINS  = $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))
UNIT_SUP   = $(patsubst tests/unit/%.c,build/tests/%.o,\
	     $(filter-out $(UNIT_SRC),$(wildcard tests/unit/*.c)))
TOOL_SRC   = $(wildcard tests/tools/*.c)
TOOLS      = $(patsubst tests/tools/%.c,build/tools/%,$(TOOL_SRC))

# Fuzz targets tests/fuzz/fuzz_*.c: replayed over their corpus by make
# check through the standalone driver; make fuzz builds libFuzzer ones.
FUZZ_SRC   = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_DRV   = $(wildcard tests/fuzz/standalone.c)
FUZZ_BINS  = $(if $(FUZZ_DRV),$(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC)))

REPOS = $(patsubst $(SHARED)/tzdb/%.bundle,tests/repos/%.git,\
	$(wildcard $(SHARED)/tzdb/*.bundle))

MANPAGES = $(wildcard zic/*.8 data/*.1 diff/*.1)

all: $(PROGS)

# Objects are rebuilt when the flags change (SANITIZE, DEVELOPER, CFLAGS).
build/flags: FORCE
	@mkdir -p build
	@printf '%s\n' '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(BUGEMAIL)' >$@.new
	@if cmp -s $@.new $@; then rm -f $@.new; else mv -f $@.new $@; fi

%.o: %.c build/flags
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

# The store's schema lives in data/schema.sql; lib/store.c includes it as
# a string literal.
ifneq ($(wildcard data/schema.sql),)
lib/schema.h: data/schema.sql
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< >$@
lib/store.o: lib/schema.h
endif

# A program has a rule only once its directory has sources.
$(if $(zic_SRC),zic/zic): $(zic_SRC:.c=.o) $(LIB)
$(if $(tzdb_SRC),data/tzdb): $(tzdb_SRC:.c=.o) $(LIB)
$(if $(tzdiff_SRC),diff/tzdiff): $(tzdiff_SRC:.c=.o) $(LIB)
$(PROGS): build/flags
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(PROG_LIBS)

zic/zic.o build/zic-hooks/zic.o: ALL_CFLAGS += -DTZF_BUGEMAIL='"$(BUGEMAIL)"'
lib/gitsrc.o: ALL_CFLAGS += $(if $(LIBGIT2_SONAME),-DTZF_LIBGIT2_SONAME='"$(LIBGIT2_SONAME)"')
lib/source.o: ALL_CFLAGS += $(if $(LIBARCHIVE_SONAME),-DTZF_LIBARCHIVE_SONAME='"$(LIBARCHIVE_SONAME)"')
lib/forks.o: ALL_CFLAGS += -DTZF_FORKS_DIR='"$(DATADIR)/tzforge/tzdb-forks"'

build/tests/%.o: tests/unit/%.c build/flags
	@mkdir -p $(@D)
	$(CC) $(TEST_CFLAGS) -c -o $@ $<
build/tests/test_%: build/tests/test_%.o $(UNIT_SUP) $(LIB) build/flags
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(PKG_LIBS) $(CMOCKA_LIBS)

build/tools/%.o: tests/tools/%.c build/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
build/tools/%: build/tools/%.o $(LIB) build/flags
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(PKG_LIBS)

build/fuzz/%.o: tests/fuzz/%.c build/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
build/fuzz/fuzz_%: build/fuzz/fuzz_%.o build/fuzz/standalone.o $(LIB) build/flags
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(PKG_LIBS)

# zic with its test hooks (zic/zic.h: environment variables that stop it
# at a chosen point or fail a chosen call), for tests/cli only.
HOOKED_ZIC = $(if $(zic_SRC),build/zic-hooks/zic)
build/zic-hooks/%.o: zic/%.c build/flags
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DZIC_TEST_HOOKS -c -o $@ $<
build/zic-hooks/zic: $(patsubst zic/%.c,build/zic-hooks/%.o,$(zic_SRC)) $(LIB) build/flags
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o %.a,$^) $(PROG_LIBS)

unit: $(UNIT_BINS)
tools: $(TOOLS) $(HOOKED_ZIC)

# libFuzzer builds (clang): build/libfuzzer/fuzz_*, each with the library
# compiled in; run one as build/libfuzzer/fuzz_parse tests/fuzz/corpus/parse.
# make fuzz FUZZ_SECONDS=N also runs each target for N seconds, one after
# the other, on its seed corpus (read only: new inputs go to
# build/fuzz-corpus/NAME) with tests/fuzz/tzdb.dict; a crash stops the
# run and leaves the input in build/fuzz-artifacts/NAME/.
FUZZ_CC ?= clang
FUZZ_TIMEOUT ?= 60
FUZZ_TARGETS = $(patsubst tests/fuzz/%.c,build/libfuzzer/%,$(FUZZ_SRC))
fuzz: $(FUZZ_TARGETS)
ifdef FUZZ_SECONDS
	@set -e; for f in $(FUZZ_TARGETS); do \
	    t=$${f#build/libfuzzer/fuzz_}; \
	    mkdir -p build/fuzz-corpus/$$t build/fuzz-artifacts/$$t; \
	    echo "fuzz: $$t for $(FUZZ_SECONDS) s"; \
	    $$f -max_total_time=$(FUZZ_SECONDS) -timeout=$(FUZZ_TIMEOUT) \
		-rss_limit_mb=4096 -dict=tests/fuzz/tzdb.dict \
		-artifact_prefix=build/fuzz-artifacts/$$t/ \
		-print_final_stats=1 build/fuzz-corpus/$$t \
		tests/fuzz/corpus/$$t 2>build/fuzz-artifacts/$$t.log || \
		{ tail -n 40 build/fuzz-artifacts/$$t.log; exit 1; }; \
	    grep -E '^(Done|stat::number_of_executed_units)' \
		build/fuzz-artifacts/$$t.log; \
	done
endif
build/libfuzzer/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h \
		$(LIB_SRC) $(wildcard lib/*.h) $(if $(wildcard data/schema.sql),lib/schema.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ilib \
	    -g -O1 -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined $(PKG_CFLAGS) \
	    -o $@ $< $(LIB_SRC) $(PKG_LIBS)

# libgit2 cannot open a .bundle, so tests read bare clones of the shared
# bundles.
repos: $(REPOS)
tests/repos/%.git: $(SHARED)/tzdb/%.bundle
	@mkdir -p $(@D)
	rm -rf $@ $@.tmp
	git clone --quiet --mirror $< $@.tmp
	mv $@.tmp $@

# tests/run-all.sh runs the cmocka programs (support code:
# tests/unit/support.c), the fuzz replays and the shell suites
# (tests/cli/{zic,tzdb,tzdiff,common}, tests/oracle), then prints the ten
# slowest with their wall and CPU time and "N passed, N failed"; its exit
# status is make's.
check: all unit tools $(FUZZ_BINS) repos
	+@SANITIZE='$(SANITIZE)' bash tests/run-all.sh

# The slow oracle matrices of tests/full (every release and fork tag
# against its own Makefile, every switch); CI runs them after make check.
check-full: all tools repos
	+@SANITIZE='$(SANITIZE)' bash tests/run-all.sh tests/full

check-oracle: all tools
	+@SANITIZE='$(SANITIZE)' bash tests/run-all.sh tests/oracle

# The main job on this machine's own data: compile Debian's tzdata.zi and
# read a few zones back with the project's TZif reader (now, and mid-2040);
# then the headline: the short audit of upstream 2026c against the
# global-tz fork 2026cgtz (link merges, names that differ before 1970,
# Oslo in 1940 on both sides) and the HTML report, whose path it prints.
DEMO_ZONES = America/New_York Europe/Dublin Australia/Lord_Howe Asia/Kolkata \
	     America/Nuuk
DEMO_OLD   = $(SHARED)/tzdb/2026c
DEMO_NEW   = $(SHARED)/tzdb/2026cgtz
DEMO_HTML  = build/demo/tzdiff-2026c-2026cgtz.html
DEMO_AT    = Europe/Oslo 1940-08-10T12:00:00Z
demo: zic/zic diff/tzdiff data/tzdb build/tools/tzifdump
	zic/zic -d $(DEMO_DIR) /usr/share/zoneinfo/tzdata.zi
	@echo "demo: $$(head -n 1 /usr/share/zoneinfo/tzdata.zi | sed 's/^# //')" \
	    "compiled into $(DEMO_DIR): $$(find $(DEMO_DIR) -type f | wc -l) names"
	@echo "demo: UT offset (s), isdst, abbreviation now and at 2040-07-01:"
	build/tools/tzifdump -l $$(date +%s) -l 2224756800 \
	    $(addprefix $(DEMO_DIR)/,$(DEMO_ZONES))
	@[ -d $(DEMO_OLD) ] && [ -d $(DEMO_NEW) ] || \
	    { echo "demo: no $(DEMO_OLD) and $(DEMO_NEW) for the audit"; exit 1; }
	@echo
	@echo "demo: upstream 2026c against the global-tz fork 2026cgtz," \
	    "compiled and compared:"
	@diff/tzdiff --format brief $(DEMO_OLD) $(DEMO_NEW); [ $$? -le 1 ]
	@echo "demo: $(DEMO_AT) on both sides:"
	@for side in $(DEMO_OLD) $(DEMO_NEW); do \
	    data/tzdb at --source $$side $(DEMO_AT) | awk -v s=$${side##*/} ' \
		/^link:/ { how = "as " $$NF } /^zone:/ { how = "its own zone" } \
		/^(offset|abbr):/ { v = v " " $$2 } \
		/^line:/ { sub(/^line: /, ""); gsub(/[ \t]+/, " "); l = $$0 } \
		END { printf "  %-9s%s, %s; %s\n", s ":", v, how, l }' || exit 1; \
	done
	@mkdir -p $(dir $(DEMO_HTML))
	@diff/tzdiff --format html $(DEMO_OLD) $(DEMO_NEW) >$(DEMO_HTML); \
	    [ $$? -le 1 ]
	@echo "demo: the HTML report, a chart per differing zone:" \
	    "$(abspath $(DEMO_HTML))"

bench: all repos build/tools/tzdb_lookups build/tools/spawntime
	bash tests/bench/zic.sh
	bash tests/bench/tzdb.sh
	bash tests/bench/tzdiff.sh
	bash tests/bench/release.sh

lint:
	bash tests/lint.sh $(MANPAGES)

install: all
	$(INSTALL) -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8
	$(INSTALL) -m 755 zic/zic $(DESTDIR)$(SBINDIR)/zic
	sed 's|tzforge-bugs@example\.org|$(BUGEMAIL)|g' zic/zic.8 \
	    >$(DESTDIR)$(MANDIR)/man8/zic.8
	chmod 644 $(DESTDIR)$(MANDIR)/man8/zic.8
	$(if $(filter data/tzdb diff/tzdiff,$(PROGS)),\
	    $(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1)
	$(if $(filter data/tzdb,$(PROGS)),\
	    $(INSTALL) -m 755 data/tzdb $(DESTDIR)$(BINDIR)/tzdb)
	$(if $(filter diff/tzdiff,$(PROGS)),\
	    $(INSTALL) -m 755 diff/tzdiff $(DESTDIR)$(BINDIR)/tzdiff)
	$(if $(wildcard data/tzdb.1),\
	    $(INSTALL) -m 644 data/tzdb.1 $(DESTDIR)$(MANDIR)/man1/tzdb.1)
	$(if $(wildcard diff/tzdiff.1),\
	    $(INSTALL) -m 644 diff/tzdiff.1 $(DESTDIR)$(MANDIR)/man1/tzdiff.1)
	$(INSTALL) -d $(DESTDIR)$(DATADIR)/tzforge/tzdb-forks
	$(INSTALL) -m 644 tzdb-forks/upstream tzdb-forks/global-tz \
	    $(DESTDIR)$(DATADIR)/tzforge/tzdb-forks/

uninstall:
	rm -f $(DESTDIR)$(SBINDIR)/zic $(DESTDIR)$(MANDIR)/man8/zic.8 \
	    $(DESTDIR)$(BINDIR)/tzdb $(DESTDIR)$(BINDIR)/tzdiff \
	    $(DESTDIR)$(MANDIR)/man1/tzdb.1 $(DESTDIR)$(MANDIR)/man1/tzdiff.1
	rm -rf $(DESTDIR)$(DATADIR)/tzforge

# Install the Debian packages that are missing; apt-get update runs only
# when something has to be installed.
deps:
	@missing=; \
	for p in $(DEB_PKGS); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
		grep -qx 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all present"; exit 0; fi; \
	echo "deps: installing$$missing"; \
	if [ "$$(id -u)" = 0 ]; then sudo=; \
	elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	else echo "deps: not root; install$$missing" >&2; exit 1; fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	$$sudo apt-get update -qq && \
	$$sudo apt-get install -y -qq --no-install-recommends $$missing

clean:
	rm -f $(LIB) lib/*.o lib/*.d lib/schema.h zic/*.o zic/*.d \
	    data/*.o data/*.d diff/*.o diff/*.d zic/zic data/tzdb diff/tzdiff
	rm -rf build tests/out

distclean: clean
	rm -rf tests/repos

FORCE:

-include $(LIB_OBJ:.o=.d) $(PROG_OBJ:.o=.d) $(wildcard build/*/*.d)

.PHONY: all check check-full check-oracle unit tools fuzz repos demo bench lint install \
	uninstall deps clean distclean FORCE
