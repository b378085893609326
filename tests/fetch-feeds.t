#!/usr/bin/env bash
# pn-fetch: RSS, Atom, sitemap index (plain, .xml.gz, news sitemap) found
# through robots.txt Sitemap: lines; site rules; robots.txt disallow and
# Crawl-delay; RFC 9309 group selection and longest match.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch-lib.sh"
start_server

cat >"$TMP/seeds" <<EOS
# feeds and sitemaps of the test site
feed $BASE/feed.xml every=1h
feed $BASE/atom.xml
robots $BASE/
EOS
cat >"$TMP/rules" <<'EOS'
# only /page/ and /private/ links are articles; tags never
127.0.0.1   article  ^http://127\.0\.0\.1:\d+/(page|private)/
*           skip     /tag/
EOS
pn-fetch -s "$TMP/seeds" -r "$TMP/rules" --delay 0 -o "$TMP/out.warc.gz" 2>"$TMP/err"
is $? 0 "crawl through feeds and sitemaps: exit 0"
err=$(cat "$TMP/err")
like "$err" "10 fetched" "10 article pages fetched"
like "$err" "1 robots-denied" "robots.txt Disallow: /private/ obeyed"
like "$err" "7 feeds/sitemaps" "rss, atom, robots, index, 2 sitemaps + news sitemap read"
for p in feed1 feed2 feed3 guid atom1 atom2 sm1 sm2 smgz news1; do
	is "$(hits /page/$p.html)" 1 "fetched /page/$p.html once"
done
is "$(hits /private/secret.html)" 0 "disallowed page never requested"
is "$(hits /tag/drugs)" 0 "site rule skip: /tag/ never requested"
is "$(hits /self)" 0 "Atom rel=self link not taken"
is "$(hits /robots.txt)" 2 "robots.txt: once for politeness, once as a seed"
# Crawl-delay: 0.1 in robots.txt spaces requests even with --delay 0
gaps=$(grep ' GET /page/' "$SERVER_LOG" | awk 'NR > 1 { d = ($1 - p) * 1000; if (d < min || min == "") min = d } { p = $1 } END { printf "%d", min }')
ok $([ "$gaps" -ge 70 ]; echo $?) "Crawl-delay honoured (min gap ${gaps} ms)"
zcat "$TMP/out.warc.gz" | tr -d '\r' | grep -ac '^WARC-Type: response' >"$TMP/n"
is "$(cat "$TMP/n")" 10 "only pages archived by default"

# a bad site rule names file and line
printf '# x\nexample.com article ^(unclosed\n' >"$TMP/badrules"
pn-fetch -r "$TMP/badrules" "$BASE/page/x.html" >/dev/null 2>"$TMP/err"
is $? 3 "bad regex in rules: exit 3"
like "$(cat "$TMP/err")" "badrules:2: bad regex" "message names file:line"
printf 'example.com maybe x\n' >"$TMP/badrules"
pn-fetch -r "$TMP/badrules" "$BASE/page/x.html" >/dev/null 2>"$TMP/err"
like "$(cat "$TMP/err")" "badrules:1: unknown action 'maybe'" "unknown action named"

# a file:// feed (explicit, --allow-file) whose links are http pages
python3 -c "import sys, urllib.request as u; sys.stdout.buffer.write(u.urlopen(sys.argv[1]).read())" "$BASE/feed.xml" >"$TMP/feed.xml"
pn-fetch --allow-file --delay 0 -s <(echo "feed file://$TMP/feed.xml") -r "$TMP/rules" \
	-o /dev/null 2>"$TMP/err"
like "$(cat "$TMP/err")" "4 fetched, .* 1 robots-denied" "file:// feed: its http links fetched"

# an HTML index page: only links an article rule matches
pn-fetch --delay 0 --no-robots -s <(echo "index $BASE/news/") -r "$TMP/rules" -o /dev/null 2>"$TMP/err"
like "$(cat "$TMP/err")" "^pn-fetch: 2 fetched" "index page: its 2 article links fetched"
is "$(hits /page/idx1.html)" 1 "relative link resolved against <base href>"
is "$(hits /about)" 0 "navigation link not taken"
pn-fetch --delay 0 --no-robots -s <(echo "index $BASE/news/") -o /dev/null 2>"$TMP/err"
like "$(cat "$TMP/err")" "0 fetched.* 0 new links" "index page without article rules: no links taken"

# not a feed: a per-URL failure
pn-fetch --delay 0 -s <(echo "feed $BASE/not-xml") >/dev/null 2>"$TMP/err"
is $? 1 "HTML given as a feed: exit 1"
like "$(cat "$TMP/err")" "not-xml: not an RSS/Atom feed or an XML sitemap" "says why"
stop_server

# RFC 9309: our own group wins over *, longest match, allow wins ties, $ anchors
cat >"$TMP/robots" <<'EOS'
User-agent: otherbot
Disallow:

User-agent: PharmaNews
User-agent: someone-else
Disallow: /page/
Allow: /page/ok
Disallow: /*.pdf$
Crawl-delay: 0

User-agent: *
Disallow: /
EOS
start_server --robots "$TMP/robots"
pn-fetch --delay 0 "$BASE/page/no.html" "$BASE/page/ok.html" "$BASE/x.pdf" "$BASE/x.pdf?y=1" \
	"$BASE/latin1" >/dev/null 2>"$TMP/err"
like "$(cat "$TMP/err")" "2 robots-denied" "two URLs denied by our group"
is "$(hits /page/ok.html)" 1 "longer Allow beats shorter Disallow"
is "$(hits /page/no.html)" 0 "Disallow: /page/ obeyed"
is "$(hits /x.pdf)" 0 "/*.pdf\$ matched"
is "$(hits '/x.pdf?y=1')" 1 "\$ anchors the end (query not matched)"
is "$(hits /latin1)" 1 "our group, not '*', applies"
pn-fetch --delay 0 --no-robots "$BASE/page/no.html" >/dev/null 2>&1
is "$(hits /page/no.html)" 1 "--no-robots ignores robots.txt"
stop_server

# robots.txt answering 500: the origin is left for a later run
start_server --robots-status 500
pn-fetch --delay 0 "$BASE/page/a.html" >/dev/null 2>"$TMP/err"
is $? 0 "robots.txt 5xx: not a failure"
like "$(cat "$TMP/err")" "robots.txt: server error; not crawling" "says why"
is "$(hits /page/a.html)" 0 "nothing fetched from that origin"
stop_server
start_server --robots-status 404
pn-fetch --delay 0 "$BASE/page/a.html" >/dev/null 2>&1
is "$(hits /page/a.html)" 1 "robots.txt 404: everything allowed"
done_testing
