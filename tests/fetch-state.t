#!/usr/bin/env bash
# pn-fetch --state: a second run fetches only what is new or changed
# (conditional GET), feed schedules, lock against a concurrent run,
# resume after kill -9, Retry-After backoff remembered across runs.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch-lib.sh"
command -v sqlite3 >/dev/null || skip_all "sqlite3 CLI not installed"
start_server
DB=$TMP/state.db
q() { sqlite3 "$DB" "$1"; }

printf 'feed %s/feed.xml\n' "$BASE" >"$TMP/seeds"
printf '* skip /tag/\n' >"$TMP/rules"
pn-fetch --state "$DB" -s "$TMP/seeds" -r "$TMP/rules" --no-robots --delay 0 -O "$TMP" 2>"$TMP/err"
is $? 0 "first run"
like "$(cat "$TMP/err")" "5 fetched" "5 pages from the feed"
is "$(q 'select count(*) from url where state = 1')" 6 "feed + 5 pages done in the state DB"
is "$(q "select etag from url where url like '%/feed.xml'")" '"feed1"' "feed ETag stored"

pn-fetch --state "$DB" -s "$TMP/seeds" -r "$TMP/rules" --no-robots --delay 0 -O "$TMP" 2>"$TMP/err"
is $? 0 "second run"
like "$(cat "$TMP/err")" "0 fetched, 0 unchanged" "feed not due yet: nothing fetched"
is "$(hits /feed.xml)" 1 "feed not requested before its interval"

pn-fetch --state "$DB" -s "$TMP/seeds" --no-robots --delay 0 --force-feeds -O "$TMP" 2>"$TMP/err"
like "$(cat "$TMP/err")" "0 fetched, 1 unchanged" "--force-feeds: conditional GET answered 304"
like "$(grep ' GET /feed.xml' "$SERVER_LOG" | tail -1)" '"feed1"' "If-None-Match sent"
is "$(hits /page/feed1.html)" 1 "seen pages never fetched twice"

pn-fetch --state "$DB" --no-robots --delay 0 --refresh "$BASE/page/feed1.html" -O "$TMP" 2>"$TMP/err"
like "$(cat "$TMP/err")" "0 fetched, 1 unchanged" "--refresh re-checks a page: 304"
is "$(ls "$TMP"/pharmanews-*.warc.gz | wc -l)" 4 "-O: a new archive per run"

# lock: a second run on the same state DB is refused with exit 5
flock "$DB.lock" sleep 2 &
lockpid=$!
sleep 0.3
pn-fetch --state "$DB" --no-robots "$BASE/page/x.html" >/dev/null 2>"$TMP/err"
is $? 5 "concurrent run refused: exit 5"
like "$(cat "$TMP/err")" "another pn-fetch is using this state database" "says why"
wait $lockpid

# resume: kill -9 mid-run, then a second run fetches only what is left
: >"$TMP/seeds2"
for i in $(seq 12); do echo "$BASE/slow?s=0.5&i=$i" >>"$TMP/seeds2"; done
pn-fetch --state "$DB" -s "$TMP/seeds2" --no-robots --delay 0 --max-conns-per-host 2 -O "$TMP" 2>/dev/null &
pid=$!
sleep 2.2
kill -9 $pid
wait $pid 2>/dev/null
before=$(grep -c ' GET /slow' "$SERVER_LOG")
pn-fetch --state "$DB" -s "$TMP/seeds2" --no-robots --delay 0 --max-conns-per-host 4 -O "$TMP" 2>"$TMP/err"
is $? 0 "resumed run"
after=$(grep -c ' GET /slow' "$SERVER_LOG")
is "$(q "select count(*) from url where url like '%/slow%' and state = 1")" 12 "all 12 URLs done after resume"
ok $([ $((after - before)) -lt 12 ] && [ $((after - before)) -gt 0 ]; echo $?) \
	"resume fetched only what was left ($before before the kill, $((after - before)) after)"
gzip -t "$TMP"/pharmanews-*.warc.gz 2>/dev/null
ok $? "killed run left a readable archive"

# SIGTERM: a clean stop, complete archive, the rest stays queued
DB3=$TMP/sig.db
for i in $(seq 10); do echo "$BASE/slow?s=1&i=t$i"; done >"$TMP/seeds3"
pn-fetch --state "$DB3" -s "$TMP/seeds3" --no-robots --delay 0 -o "$TMP/sig.warc.gz" 2>"$TMP/err" &
pid=$!
sleep 2.3
kill -TERM $pid
wait $pid
is $? 1 "SIGTERM: exit 1"
like "$(cat "$TMP/err")" "interrupted by signal 15; the URLs left are still queued" "says so"
gzip -t "$TMP/sig.warc.gz"
ok $? "archive complete (every gzip member whole)"
done3=$(sqlite3 "$DB3" "select count(*) from url where state = 1")
ok $([ "$done3" -ge 2 ] && [ "$done3" -lt 10 ]; echo $?) "$done3 done, the rest queued"
pn-fetch --state "$DB3" -s "$TMP/seeds3" --no-robots --delay 0 --max-conns-per-host 8 -o /dev/null 2>/dev/null
is "$(sqlite3 "$DB3" "select count(*) from url where state = 1")" 10 "next run finishes the rest"

# Retry-After: 3600 is remembered: the next run does not even ask
pn-fetch --state "$DB" --no-robots --delay 0 "$BASE/503-long" -O "$TMP" 2>/dev/null
pn-fetch --state "$DB" --no-robots --delay 0 "$BASE/503-long" -O "$TMP" 2>"$TMP/err"
is "$(hits /503-long)" 1 "host backoff persisted across runs"
is "$(q "select state from url where url like '%/503-long'")" 0 "URL still queued for later"

# a sitemap lastmod newer than our copy re-queues a page
DB2=$TMP/s2.db
pn-fetch --state "$DB2" --no-robots --delay 0 -O "$TMP" "$BASE/page/sm1.html" 2>/dev/null
sqlite3 "$DB2" "update url set fetched_at = unixepoch('2025-08-01')"
pn-fetch --state "$DB2" --no-robots --delay 0 -O "$TMP" -s <(echo "sitemap $BASE/sitemap1.xml") 2>"$TMP/err"
is "$(hits /page/sm1.html)" 2 "page changed per sitemap lastmod: fetched again"
done_testing
