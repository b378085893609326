#!/usr/bin/env bash
# pn-parse on single HTML files: article record fields, boilerplate removal,
# paragraphs, gzip input, command line.
. "$(dirname "$0")/lib.sh"
FIX=$PN_ROOT/tests/fixtures/parse
# field JSONL-FILE LINE-NO PYTHON-EXPR-ON-r
field() { python3 -c 'import json,sys; r=[json.loads(l) for l in open(sys.argv[1])][int(sys.argv[2])]; print(eval(sys.argv[3]))' "$@"; }

pn-parse "$FIX/article.html" > "$TMP/a.jsonl" 2> "$TMP/a.err"
is "$?" 0 "exit 0 on a good page"
is "$(wc -l < "$TMP/a.jsonl")" 1 "one record"
is "$(cat "$TMP/a.err")" "" "nothing on stderr"
is "$(field "$TMP/a.jsonl" 0 'r["url"]')" "file://$FIX/article.html" "url is the file:// URL"
is "$(field "$TMP/a.jsonl" 0 'r["source"]["file"]')" "$FIX/article.html" "source.file is the input path"
like "$(field "$TMP/a.jsonl" 0 'r["id"]')" '^[0-9a-f]{16}$' "id is 16 hex digits"
is "$(field "$TMP/a.jsonl" 0 'sorted(r)')" \
	"['authors', 'canonical_url', 'id', 'lang', 'modified', 'published', 'published_source', 'site_name', 'source', 'text', 'title', 'url']" \
	"every FORMATS.md field is there"

text=$(field "$TMP/a.jsonl" 0 'r["text"]')
like "$(printf '%s\n' "$text" | head -1)" '^The US Food and Drug Administration approved velunor' \
	"body starts with the first paragraph"
like "$(printf '%s\n' "$text" | tail -1)" 'about \$4 billion\.$' "body ends with the last paragraph"
like "$text" 'Launch planned for the second quarter' "subheading kept"
like "$text" 'Approved dose: 45 mg' "list items inside the article kept"
like "$text" 'targets the cough reflex itself' "blockquote kept"
is "$(field "$TMP/a.jsonl" 0 'r["text"].count("\n\n")')" 7 "8 paragraphs separated by blank lines"
is "$(field "$TMP/a.jsonl" 0 '"\n\n\n" in r["text"] or r["text"] != r["text"].strip()')" False \
	"no triple newlines, no outer whitespace"
for junk in 'cookie' 'Regulatory' 'Share on' 'Advertisement' 'Northfield raises guidance' \
	'Great news for patients' 'Sign up for our daily' 'Most read' 'Copyright 2025' \
	'not text' 'By Jane Doe'; do
	printf '%s' "$text" | grep -qi -- "$junk"
	is "$?" 1 "boilerplate removed: $junk"
done
printf '%s' "$text" | grep -q '^Velunor wins FDA approval'
is "$?" 1 "headline (the title) not repeated in the body"

gzip -c "$FIX/article.html" > "$TMP/article.html.gz"
pn-parse "$TMP/article.html.gz" > "$TMP/gz.jsonl"
is "$?" 0 ".html.gz input"
is "$(field "$TMP/gz.jsonl" 0 'r["text"]')" "$text" "same body from the gzip file"

pn-parse < "$FIX/article.html" > "$TMP/stdin.jsonl"
is "$?" 0 "HTML on stdin"
is "$(field "$TMP/stdin.jsonl" 0 'r["source"]["file"]')" "-" "stdin is source.file -"
is "$(field "$TMP/stdin.jsonl" 0 'r["text"]')" "$text" "same body from stdin"

pn-parse -o "$TMP/o.jsonl" "$FIX/article.html"
is "$?" 0 "-o FILE"
cmp -s "$TMP/o.jsonl" "$TMP/a.jsonl"
is "$?" 0 "-o writes the same record"

pn-parse -h > "$TMP/h.txt"
is "$?" 0 "-h exits 0"
like "$(cat "$TMP/h.txt")" 'usage: pn-parse .*--max-size' "-h prints usage"
pn-parse --bogus 2> /dev/null
is "$?" 2 "unknown option: exit 2"
pn-parse --max-size abc "$FIX/article.html" 2> /dev/null
is "$?" 2 "bad --max-size: exit 2"
pn-parse "$TMP/missing.html" > /dev/null 2> "$TMP/m.err"
is "$?" 4 "missing input: exit 4"
like "$(cat "$TMP/m.err")" 'missing.html: No such file' "missing input named"
pn-parse -o /nonexistent/dir/out.jsonl "$FIX/article.html" 2> /dev/null
is "$?" 4 "unwritable output: exit 4"
done_testing
