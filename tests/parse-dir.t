#!/usr/bin/env bash
# pn-parse on directories (recursive, sorted, only page files) and on bad
# files: reported with their name, counted, exit 1 at the end.
. "$(dirname "$0")/lib.sh"
FIX=$PN_ROOT/tests/fixtures/parse
field() { python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2])]; print(eval(sys.argv[3]))' "$@"; }

pn-parse "$FIX/site" > "$TMP/site.jsonl" 2> "$TMP/site.err"
is "$?" 0 "directory: exit 0"
is "$(wc -l < "$TMP/site.jsonl")" 2 "two pages found (css and hidden files ignored)"
is "$(field "$TMP/site.jsonl" 0 'r["source"]["file"]')" "$FIX/site/news/first.html" "subdirectory first (sorted names)"
is "$(field "$TMP/site.jsonl" 1 'r["source"]["file"]')" "$FIX/site/second.htm" ".htm file second"
like "$(field "$TMP/site.jsonl" 0 'r["text"]')" '^The European Medicines Agency accepted' "first page body"

mkdir -p "$TMP/mixed/sub"
cp "$FIX/site/second.htm" "$TMP/mixed/a-good.html"
: > "$TMP/mixed/b-empty.html"
printf '%%PDF-1.4 not a page\n' > "$TMP/mixed/c-binary.html"
gzip -c "$FIX/article.html" | head -c 300 > "$TMP/mixed/sub/d-cut.html.gz"
printf '<html><body><nav><a href="/">Home</a></nav></body></html>\n' > "$TMP/mixed/e-notext.html"
python3 -c 'print("<html><body>" + "<div>" * 10001 + "<p>Deep.</p></body></html>")' > "$TMP/mixed/f-deep.html"
pn-parse "$TMP/mixed" > "$TMP/mixed.jsonl" 2> "$TMP/mixed.err"
is "$?" 1 "bad pages: exit 1"
is "$(wc -l < "$TMP/mixed.jsonl")" 1 "the good page still written"
like "$(cat "$TMP/mixed.err")" 'b-empty.html: empty page' "empty file reported"
like "$(cat "$TMP/mixed.err")" 'c-binary.html: not HTML' "non-HTML file reported"
like "$(cat "$TMP/mixed.err")" 'd-cut.html.gz: .*(truncated|unexpected end)' "truncated gzip reported"
like "$(cat "$TMP/mixed.err")" 'e-notext.html: no article text found' "page without text reported"
like "$(cat "$TMP/mixed.err")" 'f-deep.html: elements nested too deeply' "absurd nesting refused"
like "$(cat "$TMP/mixed.err")" '1 pages written, 5 skipped' "summary counts"

pn-parse --max-size 100 "$FIX/site/second.htm" > /dev/null 2> "$TMP/max.err"
is "$?" 1 "file over --max-size: exit 1"
like "$(cat "$TMP/max.err")" 'second.htm: page larger than --max-size \(100 bytes\)' "file over --max-size reported"

pn-parse "$FIX/site/second.htm" "$TMP/nope" "$FIX/site/news/first.html" > "$TMP/two.jsonl" 2> /dev/null
is "$?" 4 "an input that cannot be opened: exit 4"
is "$(wc -l < "$TMP/two.jsonl")" 2 "the other inputs are still read"
done_testing
