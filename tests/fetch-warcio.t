#!/usr/bin/env bash
# pn-fetch output validated by warcio.js (npm warcio, installed by
# `npm ci` in tests/node): records parse, mandatory fields present, block
# and payload digests match, responses linked to their requests.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch-lib.sh"
NODE_DIR=$PN_ROOT/tests/node
command -v node >/dev/null || skip_all "node not installed"
[ -d "$NODE_DIR/node_modules/warcio" ] || skip_all "warcio not installed (run: cd tests/node && npm ci)"
start_server

pn-fetch --delay 0 --allow-file --archive-all "$BASE/page/a.html" "$BASE/gzip-page" "$BASE/chunked" \
	"$BASE/latin1" "$BASE/redirect-chain?n=1" "file://$FX/page.html" \
	-s <(echo "feed $BASE/feed.xml") -r <(echo '* skip /tag/') \
	-o "$TMP/out.warc.gz" 2>"$TMP/err"
is $? 0 "crawl for validation"
node "$NODE_DIR/warc-check.mjs" "$TMP/out.warc.gz" >"$TMP/records" 2>"$TMP/check.err"
ok $? "warcio.js: every record parses and its digests match"
[ -s "$TMP/check.err" ] && sed 's/^/# /' "$TMP/check.err"
is "$(grep -c '^warcinfo' "$TMP/records")" 1 "one warcinfo record"
is "$(grep -c '^resource file://' "$TMP/records")" 1 "file:// page as a resource record"
req=$(grep -c '^request ' "$TMP/records")
resp=$(grep -c '^response ' "$TMP/records")
is "$req" "$resp" "a request for every response"
ok $([ "$resp" -ge 12 ]; echo $?) "$resp responses (pages, redirect, feed, robots.txt with --archive-all)"
(cd "$NODE_DIR" && node node_modules/warcio/dist/cli.js index "$TMP/out.warc.gz") >"$TMP/index" 2>&1
ok $? "warcio index reads the file"
is "$(grep -c '"warc-type":"response"' "$TMP/index")" "$resp" "warcio index sees every response"
done_testing
