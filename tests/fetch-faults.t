#!/usr/bin/env bash
# pn-fetch against the fault-injection server: every failure is per URL,
# counted, and never stops the run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch-lib.sh"
start_server

urls=(/page/a.html /gzip-page /chunked /latin1 "/redirect-chain?n=2" /redirect-loop
      /redirect-file /gzip-bomb /big /big-chunked /truncated /reset /500 /404
      "/flaky?n=1&id=f" "/429?n=1&id=t" "/slow?s=4")
args=()
for u in "${urls[@]}"; do args+=("$BASE$u"); done
t0=$(date +%s)
pn-fetch --delay 0 --no-robots --retries 1 --timeout 2 --max-size 1000000 --max-redirects 3 \
	"${args[@]}" >"$TMP/out.warc.gz" 2>"$TMP/err"
rc=$?
t1=$(date +%s)
err=$(cat "$TMP/err")
is "$rc" 1 "some URLs failed: exit 1"
like "$err" "7 fetched" "good pages fetched (a, gzip, chunked, latin1, chain end, flaky, 429 after retry)"
like "$err" "/gzip-bomb: decoded body over --max-size" "gzip bomb refused"
like "$err" "/big: body over --max-size" "oversized body (Content-Length) refused"
like "$err" "/big-chunked: body over --max-size" "oversized chunked body refused"
like "$err" "/truncated: Transferred a partial file \(gave up after 2 tries\)" "truncated body retried then failed"
like "$err" "/reset: .*\(gave up after 2 tries\)" "connection reset retried then failed"
like "$err" "/500: HTTP 500 \(gave up after 2 tries\)" "500 retried then failed"
like "$err" "/404: HTTP 404" "404 failed, not retried"
is "$(hits /404)" 1 "404 requested once"
like "$err" "/slow\?s=4: Timeout was reached" "slow response times out"
like "$err" "/redirect-loop2: redirect loop back to $BASE/redirect-loop" "redirect loop detected"
like "$err" "/redirect-file: HTTP 302 redirect to a missing or non-http\(s\) location" "redirect to file:// refused"
is "$(hits '/redirect-chain?n=0')" 1 "redirect chain followed to the end"
like "$err" " 3 redirects" "redirects counted"
is "$(hits '/flaky?n=1&id=f')" 2 "500 then 200: retried once"
like "$err" "1 retries|[2-9] retries" "retries counted"
# 429 with Retry-After: 1 -> second try at least ~1 s later
t=$(grep ' GET /429' "$SERVER_LOG" | awk '{print $1}' | tr '\n' ' ')
gap=$(echo "$t" | awk '{printf "%d", ($2 - $1) * 1000}')
ok $([ "${gap:-0}" -ge 900 ]; echo $?) "Retry-After honoured (${gap} ms between tries)"
ok $([ $((t1 - t0)) -lt 20 ]; echo $?) "run finished in $((t1 - t0)) s (faults run concurrently)"

zcat "$TMP/out.warc.gz" | tr -d '\r' >"$TMP/out.warc" 2>/dev/null
is "$(grep -ac '^WARC-Type: response' "$TMP/out.warc")" 7 "responses: the 7 pages (redirect hops only with --archive-all)"
grep -aq $'Caf\xe9 na\xefve' "$TMP/out.warc"; ok $? "wrong-charset body stored byte for byte"
like "$(grep -a -A16 'Target-URI: .*/gzip-page$' "$TMP/out.warc" | grep -a '^Content-Encoding')" "gzip" "gzip page archived as sent (compressed)"
grep -aq '^Transfer-Encoding' "$TMP/out.warc"; is $? 1 "Transfer-Encoding dropped (body stored de-chunked)"
like "$(grep -a '^WARC-IP-Address' "$TMP/out.warc" | head -1)" "127.0.0.1" "WARC-IP-Address written"
like "$(grep -a '^User-Agent' "$TMP/out.warc" | head -1)" "pharmanews/" "request record holds the request as sent"

# 429 with an HTTP-date Retry-After pauses the whole host
pn-fetch --delay 0 --max-conns-per-host 1 --no-robots "$BASE/429-date?id=d" "$BASE/page/later.html" \
	>/dev/null 2>"$TMP/err"
is $? 0 "429 then 200: exit 0"
t429=$(grep -F ' GET /429-date?id=d ' "$SERVER_LOG" | head -1 | awk '{print $1}')
tpage=$(grep -F ' GET /page/later.html ' "$SERVER_LOG" | awk '{print $1}')
gap=$(echo "$t429 $tpage" | awk '{printf "%d", ($2 - $1) * 1000}')
ok $([ "${gap:-0}" -ge 900 ]; echo $?) "HTTP-date Retry-After paused the host (${gap} ms)"

# 503 with a long Retry-After: deferred to a later run, not a failure
pn-fetch --delay 0 --max-conns-per-host 1 --no-robots "$BASE/503-long" "$BASE/page/after.html" >/dev/null 2>"$TMP/err"
is $? 0 "deferred URLs are not failures: exit 0"
like "$(cat "$TMP/err")" "503-long: HTTP 503; deferred to a later run" "503 Retry-After: 3600 deferred"
like "$(cat "$TMP/err")" "2 deferred" "the host's other URL waits too"
done_testing
