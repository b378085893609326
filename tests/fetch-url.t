#!/usr/bin/env bash
# pn-fetch's URL fast path gives what libcurl gives (tests/urltest.c, built by
# `make test` as $PN_BIN/pn-urltest)
. "$(dirname "$0")/lib.sh"
[ -x "$PN_BIN/pn-urltest" ] || skip_all "$PN_BIN/pn-urltest not built (make test builds it)"
exec "$PN_BIN/pn-urltest"
