#!/usr/bin/env bash
# pn-parse metadata: title, canonical URL, dates (trust order and source),
# authors, site name, language. Fixtures in tests/fixtures/parse/meta/,
# plus small pages generated here for the many byline/URL/title forms.
. "$(dirname "$0")/lib.sh"

command -v jq >/dev/null || skip_all "jq not installed"
[ -x "$PN_BIN/pn-parse" ] || skip_all "pn-parse not built in $PN_BIN"
FIX=$PN_ROOT/tests/fixtures/parse/meta

# parse FILE: the one JSONL record pn-parse writes for FILE
parse() { pn-parse "$1" 2>"$TMP/err" | tail -n 1; }
# field JSON JQ-EXPR
field() { printf '%s' "$1" | jq -r "$2"; }

# page HEAD BODY-START: a page with that head and that text before the
# article paragraphs; prints its record.
page() {
	cat >"$TMP/p.html" <<EOP
<!DOCTYPE html><html><head><meta charset="utf-8">$1</head><body>$2
<article>
<p>Acme Biotherapeutics said that the regulator had accepted its application for examplinib, an oral kinase inhibitor, in adults with relapsed disease.</p>
<p>The company expects a decision in the second half of the year and plans to launch the medicine shortly after approval, its chief executive said.</p>
</article></body></html>
EOP
	parse "$TMP/p.html"
}

# --- fixtures -------------------------------------------------------------
j=$(parse "$FIX/jsonld-graph.html")
is "$(field "$j" .published)" "2025-03-04T10:12:00-05:00" "graph: NewsArticle date beats meta, time and byline"
is "$(field "$j" .published_source)" "json-ld" "graph: source json-ld"
is "$(field "$j" .modified)" "2025-03-04T15:30:00Z" "graph: dateModified"
is "$(field "$j" '.authors|join(";")')" "Jane Doe;Raj Patel" "graph: JSON-LD authors beat meta author and byline"
is "$(field "$j" .title)" "Regulator accepts Acme's examplinib filing" "graph: og:title, entity decoded, site suffix cut"
is "$(field "$j" .site_name)" "Pharma Daily" "graph: og:site_name beats JSON-LD publisher"
is "$(field "$j" .lang)" "en-GB" "graph: <html lang>"
is "$(field "$j" .canonical_url)" "https://news.pharmadaily.example/2025/03/examplinib-filing-accepted?ref=rss" \
	"graph: relative canonical resolved against <base>, fragment dropped"

j=$(parse "$FIX/jsonld-invalid.html")
is "$(field "$j" .published)" "2025-03-05T08:30:00+01:00" "invalid JSON-LD skipped; impossible Feb 30 skipped; parsely-pub-date used"
is "$(field "$j" .published_source)" "meta" "invalid JSON-LD: source meta"
is "$(field "$j" .modified)" "2025-03-06T08:33:20Z" "og:updated_time as Unix time"
is "$(field "$j" '.authors|join(";")')" "Jane Doe;Raj Patel" "meta author 'A and B' split"
is "$(field "$j" .title)" "Zorbavimab wins orphan designation" "<title> 'Headline - Site' cut"
is "$(field "$j" .canonical_url)" "https://pharmadaily.example/news/zorbavimab-orphan" "og:url as canonical"
is "$(field "$j" .lang)" "en-US" "content-language meta"

j=$(parse "$FIX/jsonld-list.html")
is "$(field "$j" .published)" "2024-12-02T14:05:00Z" "list: BlogPosting beats WebPage, RFC 2822 date"
is "$(field "$j" .modified)" "2024-12-03" "CDATA-wrapped block, mainEntity followed"
is "$(field "$j" '.authors|join(";")')" "Mary Major" "author given as a string"
is "$(field "$j" .title)" "Acme opens a new plant for biologics" "JSON-LD headline beats <title>"
is "$(field "$j" .site_name)" "Acme Biotherapeutics" "publisher given as a string"
is "$(field "$j" .lang)" "en-US" "og:locale en_US -> en-US"

j=$(parse "$FIX/time.html")
is "$(field "$j" .published)" "2025-02-11T09:15:00+01:00" "<time itemprop=datePublished> beats header and nav times"
is "$(field "$j" .published_source)" "time" "source time"
is "$(field "$j" .modified)" "2025-02-12" "<time class=updated> is the modification date"
is "$(field "$j" '.authors|join(";")')" "Jane Doe" "rel=author"
is "$(field "$j" .title)" "Acme reports phase 3 results for examplinib" "h1 beats <title>"

# --- meta tag and microdata variants ----------------------------------------
metadate() { # metadate HEAD BODY EXPECTED-PUBLISHED-AND-SOURCE DESCRIPTION
	j=$(page "<title>T</title>$1" "$2")
	is "$(field "$j" '(.published // "null") + " " + .published_source')" "$3" "meta: $4"
}
metadate '<meta name="sailthru.date" content="2025-03-04 10:00:00">' '' "2025-03-04 meta" "time without zone dropped"
metadate '<meta name="DC.date.issued" content="2025-03-04">' '' "2025-03-04 meta" "DC.date.issued"
metadate '<meta name="pubdate" content="20250304">' '' "2025-03-04 meta" "compact date in meta"
metadate '<meta name="date" content="03/04/2025">' '' "null none" "ambiguous numeric date ignored"
metadate '' '<span itemprop="datePublished" content="2025-03-04T10:00:00+05:30">March 4</span>' \
	"2025-03-04T10:00:00+05:30 meta" "microdata on a visible element"
metadate '<meta property="article:published_time" content="2025-03-05"><meta name="date" content="2025-03-06">' '' \
	"2025-03-05 meta" "article:published_time beats name=date"

# --- visible bylines --------------------------------------------------------
byline() { # byline HTML EXPECTED-PUBLISHED DESCRIPTION
	j=$(page "<title>T</title>" "$1")
	is "$(field "$j" '(.published // "null") + " " + .published_source')" "$2 byline" "byline: $3"
}
byline '<p class="dateline">Published March 4, 2025</p>' 2025-03-04 "Published Month D, YYYY"
byline '<span class="date">4 Mar 2025 10:12 GMT</span>' 2025-03-04T10:12:00Z "D Mon YYYY hh:mm GMT"
byline '<div class="post-meta">2025-03-04</div>' 2025-03-04 "ISO date"
byline '<div>Posted on Tuesday, Sept. 30, 2025 at 9:05 a.m. ET</div>' 2025-09-30T09:05:00-04:00 "weekday, abbreviation, a.m., ET in summer"
byline '<div>Published: <b>Dec 1st, 2024 11:00pm EST</b></div>' 2024-12-01T23:00:00-05:00 "label and date in separate elements"
byline '<div class="bw-release-timestamp">March 04, 2025 07:00 AM Eastern Standard Time</div>' 2025-03-04T07:00:00-05:00 "zone written out"
byline '<div class="info">Updated: Mar 6, 2025 <span>Published: Mar 5, 2025</span></div>' 2025-03-05 "Updated and Published: published wins"
j=$(page "<title>T</title>" '<header><span class="date">Wednesday, 19 March 2025</span></header>
<h1>Acme files for approval in Europe</h1><div class="date">March 4, 2025</div>')
is "$(field "$j" .published)" "2025-03-04" "byline: the date after the headline beats the site header's"
j=$(page "<title>T</title>" '<div class="date">Updated: 6 March 2025 14:00 CET</div>')
is "$(field "$j" .modified)" "2025-03-06T14:00:00+01:00" "byline: Updated is the modification date"
j=$(page "<title>T</title>" '<div class="date">February 29, 2025</div>')
is "$(field "$j" .published_source)" "none" "byline: impossible date rejected"

# --- URL patterns (of the canonical URL here; file:// pages have none) -----
urldate() { # urldate CANONICAL EXPECTED
	j=$(page "<title>T</title><link rel=canonical href=\"$1\">" "")
	is "$(field "$j" '(.published // "null") + " " + .published_source')" "$2" "url: $1"
}
urldate https://x.example/news/2025/03/04/acme-filing 2025-03-04\ url
urldate https://x.example/2025-03-04/acme 2025-03-04\ url
urldate https://x.example/a/20250304/acme.html 2025-03-04\ url
urldate https://x.example/news/acme-files-2025-03-04-x 2025-03-04\ url
urldate https://x.example/world/2024/nov/18/acme 2024-11-18\ url
urldate https://x.example/2025/13/04/acme "null none"
urldate https://x.example/2025/03/acme "null none"

# --- titles -----------------------------------------------------------------
title() { # title HEAD BODY EXPECTED DESCRIPTION
	j=$(page "$1" "$2")
	is "$(field "$j" .title)" "$3" "title: $4"
}
title '<title>  Acme   files&nbsp;for approval | Reuters </title>' '' "Acme files for approval" "whitespace collapsed, pipe suffix"
title '<title>Acme files for approval - Fierce Biotech</title><meta property="og:site_name" content="Fierce Biotech">' '' \
	"Acme files for approval" "dash suffix naming og:site_name"
title '<title>Acme files for approval - Pharmadaily</title><link rel=canonical href="https://www.pharmadaily.example/x">' '' \
	"Acme files for approval" "dash suffix naming the host"
title '<title>Acme - the filing explained in detail</title>' '' "Acme - the filing explained in detail" "dash inside a headline kept"
title '<title>Pharma Daily: Acme files for approval</title><meta property="og:site_name" content="Pharma Daily">' '' \
	"Acme files for approval" "site prefix cut"
title '<title>Acme files for approval | Oncology | News | Pharma Daily</title>' '' "Acme files for approval" "several parts cut"
title '<title>Acme files for approval for its kinase inhibitor</title>' '<h1><a href="/">Pharma</a></h1>' \
	"Acme files for approval for its kinase inhibitor" "logo h1 ignored"
title '<title>Opinion | Why the approval of examplinib matters for patients</title>' '' \
	"Why the approval of examplinib matters for patients" "section label prefix cut"
title '<meta property="og:title" content="Acme files for approval in Europe ~ Pharma Daily">' \
	'<h1>Acme files for approval in Europe</h1>' "Acme files for approval in Europe" "h1 inside og:title: the rest is the site's"
title '<title>Acme files for approval :: Pharma Daily</title>' '' "Acme files for approval" "double-colon suffix"
title '<meta property="og:title" content="Pharma Daily"><meta property="og:site_name" content="Pharma Daily">' \
	'<h1>Acme files for approval in Europe</h1>' "Acme files for approval in Europe" "og:title that is only the site name skipped"

# --- authors ----------------------------------------------------------------
authors() { # authors BODY EXPECTED DESCRIPTION
	j=$(page "<title>T</title>" "$1")
	is "$(field "$j" '.authors|join(";")')" "$2" "authors: $3"
}
authors '<div class="byline">By Jane Doe and Raj Patel, Reuters</div>' "Jane Doe;Raj Patel;Reuters" "By X and Y, Z"
authors '<p>By <a href="/a/jd">Jane Doe</a> on March 4, 2025</p>' "Jane Doe" "By X on date"
authors '<span class="author-name">Mary Major</span>' "Mary Major" "author class"
authors '<p>By clicking accept you agree to cookies</p>' "" "not a byline"
authors '<div class="story-byline">Ji-woo Park &bull; Published 22 April 2025</div>' "Ji-woo Park" "name, bullet, date"
authors '<div class="related-stories"><div class="byline">By Other Writer</div></div><div class="byline">By Jane Doe</div>' \
	"Jane Doe" "related stories' bylines ignored"
authors '<div class="byline">By Jane Doe</div><div class="byline">By Other Writer</div>' "Jane Doe" "only the first byline"
authors '<div id="comments"><span class="comment-author">Reader Name</span></div>' "" "comment authors ignored"
authors '<div class="byline">By Jane Doe, MS, RD</div>' "Jane Doe" "degrees are not names"
j=$(page '<meta name="author" content="Jane Doe"><script type="application/ld+json">{"@graph": [
  {"@type": "Article", "author": {"@id": "https://x.example/#/person/1"}},
  {"@type": "Person", "@id": "https://x.example/#/person/1", "name": "Raj Patel"}]}</script>' '')
is "$(field "$j" '.authors|join(";")')" "Raj Patel" "authors: JSON-LD @id reference resolved"
j=$(page '<meta name="author" content="Jane Doe"><script type="application/ld+json">{"@type": "Article", "author": "admin"}</script>' '')
is "$(field "$j" '.authors|join(";")')" "Jane Doe" "authors: CMS user name skipped"
j=$(page "<title>T</title>" '<div class="trending"><time datetime="2024-01-01">1 Jan</time></div>')
is "$(field "$j" .published_source)" "none" "dates of trending stories ignored"

done_testing
