#!/usr/bin/env bash
# libpn unit tests (tests/libtest.c, built by `make test` as $PN_BIN/pn-libtest)
. "$(dirname "$0")/lib.sh"
[ -x "$PN_BIN/pn-libtest" ] || skip_all "$PN_BIN/pn-libtest not built (make test builds it)"
exec "$PN_BIN/pn-libtest" "$TMP" 2>/dev/null
