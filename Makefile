# pharmanews - see README.md. GNU make.
#
#   make              build build/pn-{fetch,parse,extract,store}
#   make test         build and run every test (prove, TAP)
#   make asan         build with AddressSanitizer+UBSan into build-asan/
#   make test-asan    run the tests against the sanitizer build
#   make bench        every benchmark (bench-parse, bench-extract, bench-timex, bench-store, bench-fetch)
#   make demo         run the pipeline over demo/ into demo.db and summarise it
#   make install      PREFIX=/usr/local DESTDIR=

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/pharmanews
BUILD   ?= build

PKGS := libcurl gumbo libpcre2-8 sqlite3 jansson libxml-2.0 zlib uchardet libcrypto libdeflate yajl libisal
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

CFLAGS  ?= -O2 -g
# Link-time optimisation: inlines lib/ helpers (pn_buf_*, JSON) and the
# extractor's small cross-file calls; pn-extract runs 1.7% fewer
# instructions (callgrind, docs/extract.md "Measured"). LTO= turns it off.
LTO     ?= -flto=auto
# Warnings stay on whatever CFLAGS the user passes.
WARN    := -std=c17 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
ALL_CPPFLAGS := -D_GNU_SOURCE -DPN_DATADIR='"$(DATADIR)"' -Ilib $(PKG_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   := $(WARN) $(CFLAGS)
ALL_LDFLAGS  := $(LDFLAGS)
LDLIBS  += $(PKG_LIBS) -lm

ifneq ($(SAN),1)
ALL_CFLAGS  += $(LTO)
endif
# pn-extract's scanning loops (words, anchors, sentences) gain from -O3:
# 0.9% fewer instructions (docs/extract.md "Measured"). EXTRACT_OPT= turns it off.
EXTRACT_OPT ?= -O3
ifneq ($(SAN),1)
$(BUILD)/extract/%.o: ALL_CFLAGS += $(EXTRACT_OPT)
endif
ifeq ($(SAN),1)
ALL_CFLAGS  += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ALL_LDFLAGS += -fsanitize=address,undefined
endif

STAGES  := fetch parse extract store
PROGS   := $(STAGES:%=$(BUILD)/pn-%)
LIB_SRC := $(wildcard lib/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB_A   := $(BUILD)/libpn.a

all: $(PROGS)

TEST_PROGS := $(BUILD)/pn-libtest $(BUILD)/pn-urltest

$(BUILD)/pn-libtest: $(BUILD)/tests/libtest.o $(LIB_A)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

# urltest.c includes fetch/url.c to reach its static fast path
$(BUILD)/tests/urltest.o: fetch/url.c
$(BUILD)/pn-urltest: $(BUILD)/tests/urltest.o $(LIB_A)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c lib/pn.h $(wildcard */*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(LIB_A): $(LIB_OBJ)
	$(AR) rcs $@ $^

define stage_rule
$(1)_OBJ := $$(patsubst %.c,$(BUILD)/%.o,$$(wildcard $(1)/*.c))
$(BUILD)/pn-$(1): $$($(1)_OBJ) $(LIB_A)
	$$(CC) $$(ALL_CFLAGS) $$(ALL_LDFLAGS) -o $$@ $$($(1)_OBJ) $(LIB_A) $$(LDLIBS)
endef
$(foreach s,$(STAGES),$(eval $(call stage_rule,$(s))))

test: all $(TEST_PROGS)
	PN_BIN=$(abspath $(BUILD)) prove -j2 tests/

asan:
	$(MAKE) BUILD=build-asan SAN=1 all

test-asan: asan
	$(MAKE) BUILD=build-asan SAN=1 build-asan/pn-libtest build-asan/pn-urltest
	PN_BIN=$(abspath build-asan) ASAN_OPTIONS=detect_leaks=1 prove -j2 tests/

demo: all
	PN_BIN=$(BUILD) ./demo/run.sh

bench: bench-parse bench-extract bench-timex bench-store bench-fetch
bench-parse bench-extract bench-timex bench-store bench-fetch: all
	PN_BIN=$(abspath $(BUILD)) ./bench/$@.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/rules
	install -m 755 $(PROGS) $(DESTDIR)$(BINDIR)/
	cp -R rules/. $(DESTDIR)$(DATADIR)/rules/

uninstall:
	rm -f $(STAGES:%=$(DESTDIR)$(BINDIR)/pn-%)
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan

.PHONY: all test asan test-asan demo bench bench-parse bench-extract bench-timex bench-store bench-fetch install uninstall clean
