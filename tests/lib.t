#!/usr/bin/env bash
# libpn unit tests (tests/libtest.c, built by make as $PN_BIN/pn-libtest)
. "$(dirname "$0")/lib.sh"
exec "$PN_BIN/pn-libtest" "$TMP" 2>/dev/null
