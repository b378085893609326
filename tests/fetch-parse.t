#!/usr/bin/env bash
# pn-fetch | pn-parse: the WARC pn-fetch writes is what pn-parse reads
# (file:// resource records and http response records, gzip and chunked).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch-lib.sh"
[ -x "$PN_BIN/pn-parse" ] || skip_all "pn-parse not built"
start_server

pn-fetch --allow-file "file://$FX/page.html" 2>/dev/null | pn-parse >"$TMP/a.jsonl" 2>"$TMP/err"
is $? 0 "file:// page through pn-parse"
like "$(cat "$TMP/a.jsonl")" '"title":"FDA approves Semaglutide for MASH"' "title parsed from the resource record"

pn-fetch --delay 0 "$BASE/gzip-page" "$BASE/chunked" "$BASE/redirect-chain?n=1" 2>/dev/null |
	pn-parse >"$TMP/b.jsonl" 2>"$TMP/err"
is $? 0 "http pages through pn-parse (no redirect records by default)"
is "$(wc -l <"$TMP/b.jsonl")" 3 "three articles"
like "$(cat "$TMP/b.jsonl")" '"title":"News gzip"' "gzip-encoded body decoded"
like "$(cat "$TMP/b.jsonl")" '"title":"News chunked"' "de-chunked body read"
like "$(cat "$TMP/b.jsonl")" 'redirect-chain\?n=0' "redirect target archived under its own URL"
done_testing
