#!/usr/bin/env bash
# pn-parse on WARC input: wget-style gzip-per-record WARC with a chunked,
# gzip-encoded response, resource records, records that are not pages,
# failures reported with file and record number, stdin.
. "$(dirname "$0")/lib.sh"
FIX=$PN_ROOT/tests/fixtures/parse
field() { python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2])]; print(eval(sys.argv[3]))' "$@"; }

# record TYPE URI CONTENT-TYPE BLOCK-FILE ID [EXTRA-HEADER]: one gzip member
record() {
	{
		printf 'WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n' "$1" "$2"
		printf 'WARC-Date: 2025-03-04T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:%s>\r\n' "$5"
		[ -n "${6:-}" ] && printf '%s\r\n' "$6"
		printf 'Content-Type: %s\r\nContent-Length: %d\r\n\r\n' "$3" "$(wc -c < "$4")"
		cat "$4"
		printf '\r\n\r\n'
	} | gzip -c
}
HTTP='application/http;msgtype=response'

# A wget capture: gzip content coding, chunked transfer coding, two chunks.
gzip -c "$FIX/article.html" > "$TMP/body.gz"
size=$(wc -c < "$TMP/body.gz")
half=$((size / 2))
{
	printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n'
	printf 'Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n'
	printf '%x\r\n' "$half"; head -c "$half" "$TMP/body.gz"; printf '\r\n'
	printf '%x\r\n' $((size - half)); tail -c +$((half + 1)) "$TMP/body.gz"; printf '\r\n'
	printf '0\r\n\r\n'
} > "$TMP/resp1"
printf 'GET /velunor HTTP/1.1\r\nHost: news.example.com\r\n\r\n' > "$TMP/req"
printf 'software: test\r\nformat: WARC File Format 1.0\r\n' > "$TMP/info"
printf 'HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<html><body><p>Not found</p></body></html>' > "$TMP/resp404"
printf 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n' > "$TMP/resppng"
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n' > "$TMP/respempty"
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 99999\r\n\r\n'; cat "$FIX/site/second.htm"; } > "$TMP/respshort"
{ printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nWarning: session_start() failed\n'; cat "$FIX/site/second.htm"; } > "$TMP/respwarned"
{
	record warcinfo '' 'application/warc-fields' "$TMP/info" 00000000-0000-4000-8000-000000000001
	record request https://news.example.com/velunor 'application/http;msgtype=request' "$TMP/req" 00000000-0000-4000-8000-000000000002
	record response https://news.example.com/velunor "$HTTP" "$TMP/resp1" 00000000-0000-4000-8000-000000000003
	record response https://news.example.com/gone "$HTTP" "$TMP/resp404" 00000000-0000-4000-8000-000000000004
	record response https://news.example.com/logo.png "$HTTP" "$TMP/resppng" 00000000-0000-4000-8000-000000000005
	record metadata https://news.example.com/velunor 'application/warc-fields' "$TMP/info" 00000000-0000-4000-8000-000000000006
	record resource file:///srv/pages/orvexa.html 'text/html' "$FIX/site/news/first.html" 00000000-0000-4000-8000-000000000007
	record response https://news.example.com/empty "$HTTP" "$TMP/respempty" 00000000-0000-4000-8000-000000000008
	record response https://news.example.com/short "$HTTP" "$TMP/respshort" 00000000-0000-4000-8000-000000000009
	record response https://news.example.com/cut "$HTTP" "$TMP/resp1" 00000000-0000-4000-8000-00000000000a 'WARC-Truncated: length'
	record resource metadata://gnu.org/software/wget/warc/wget.log 'text/plain' "$TMP/info" 00000000-0000-4000-8000-00000000000b
	record response https://news.example.com/warned "$HTTP" "$TMP/respwarned" 00000000-0000-4000-8000-00000000000c
} > "$TMP/crawl.warc.gz"

pn-parse "$TMP/crawl.warc.gz" > "$TMP/out.jsonl" 2> "$TMP/err"
is "$?" 1 "exit 1 when some pages were skipped"
is "$(wc -l < "$TMP/out.jsonl")" 3 "three article records"
is "$(field "$TMP/out.jsonl" 0 'r["url"]')" https://news.example.com/velunor "url from WARC-Target-URI"
like "$(field "$TMP/out.jsonl" 0 'r["text"]')" '^The US Food and Drug Administration approved velunor' \
	"chunked + gzip body decoded and extracted"
is "$(field "$TMP/out.jsonl" 0 'r["source"]["warc_record_id"]')" '<urn:uuid:00000000-0000-4000-8000-000000000003>' "source.warc_record_id"
is "$(field "$TMP/out.jsonl" 0 'r["source"]["http_status"]')" 200 "source.http_status"
is "$(field "$TMP/out.jsonl" 0 'r["source"]["warc_date"]')" 2025-03-04T10:00:00Z "source.warc_date"
is "$(field "$TMP/out.jsonl" 0 'r["source"]["file"]')" "$TMP/crawl.warc.gz" "source.file is the WARC path"
is "$(field "$TMP/out.jsonl" 1 'r["url"]')" file:///srv/pages/orvexa.html "resource record used"
is "$(field "$TMP/out.jsonl" 1 'r["source"]["http_status"]')" None "resource record has no HTTP status"
grep -Eq 'record (4|5):' "$TMP/err"
is "$?" 1 "a 404 and an image response are not warned about one by one"
like "$(cat "$TMP/err")" "record 8: https://news.example.com/empty: empty page" "empty page reported"
like "$(cat "$TMP/err")" "record 9: https://news.example.com/short: truncated HTTP body" "short body reported"
like "$(cat "$TMP/err")" "record 10: https://news.example.com/cut: truncated capture" "WARC-Truncated reported"
is "$(field "$TMP/out.jsonl" 2 'r["url"]')" https://news.example.com/warned "served as HTML: text before <html> tolerated"
like "$(cat "$TMP/err")" "3 pages written, 3 skipped, 2 not articles \(1 HTTP status other than 200, 1 not HTML\)" "summary line counts"
grep -Eq 'record (1|2|6|11):' "$TMP/err"
is "$?" 1 "warcinfo, request, metadata and wget's log records skipped silently"

printf 'HTTP/1.1 301 Moved Permanently\r\nLocation: https://news.example.com/velunor\r\n\r\n' > "$TMP/resp301"
{
	record response https://news.example.com/old "$HTTP" "$TMP/resp301" 00000000-0000-4000-8000-000000000021
	record response https://news.example.com/velunor "$HTTP" "$TMP/resp1" 00000000-0000-4000-8000-000000000022
	record response https://news.example.com/logo.png "$HTTP" "$TMP/resppng" 00000000-0000-4000-8000-000000000023
} > "$TMP/clean.warc.gz"
pn-parse "$TMP/clean.warc.gz" > "$TMP/clean.jsonl" 2> "$TMP/clean.err"
is "$?" 0 "a crawl with a redirect and an image besides its article: exit 0"
is "$(wc -l < "$TMP/clean.jsonl")" 1 "its article is written"
like "$(cat "$TMP/clean.err")" "1 pages written, 0 skipped, 2 not articles \(1 HTTP status other than 200, 1 not HTML\)" "not-article responses counted in the summary"

# A truncated gzip member at the end: the earlier records still come out.
{
	record response https://news.example.com/velunor "$HTTP" "$TMP/resp1" 00000000-0000-4000-8000-000000000003
	record resource file:///srv/pages/orvexa.html 'text/html' "$FIX/site/news/first.html" 00000000-0000-4000-8000-000000000007
	record response https://news.example.com/cut "$HTTP" "$TMP/resp1" 00000000-0000-4000-8000-00000000000a | head -c 300
} > "$TMP/cut.warc.gz"
pn-parse "$TMP/cut.warc.gz" > "$TMP/cut.jsonl" 2> "$TMP/cut.err"
is "$?" 1 "truncated WARC file: exit 1"
is "$(wc -l < "$TMP/cut.jsonl")" 2 "records before the damage kept"
like "$(cat "$TMP/cut.err")" 'cut.warc.gz: record 3' "damaged record named"

pn-parse - < "$TMP/crawl.warc.gz" > "$TMP/stdin.jsonl" 2> /dev/null
is "$?" 1 "gzip WARC on stdin detected"
is "$(wc -l < "$TMP/stdin.jsonl")" 3 "same records from stdin"
gzip -dc "$TMP/crawl.warc.gz" | pn-parse > "$TMP/plain.jsonl" 2> /dev/null
is "$?" 1 "plain WARC piped on stdin"
is "$(field "$TMP/plain.jsonl" 0 'r["text"]')" "$(field "$TMP/out.jsonl" 0 'r["text"]')" "same body from a pipe"

record response https://news.example.com/velunor "$HTTP" "$TMP/resp1" 00000000-0000-4000-8000-000000000003 > "$TMP/one.warc.gz"
pn-parse --max-size 1k "$TMP/one.warc.gz" > /dev/null 2> "$TMP/max.err"
is "$?" 1 "--max-size skips a larger page"
like "$(cat "$TMP/max.err")" 'record 1: .*(larger than --max-size \(1024 bytes\)|exceeds the size limit)' "size limit reported"
done_testing
