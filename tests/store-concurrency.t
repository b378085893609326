#!/usr/bin/env bash
# pn-store: a cron load and an ad hoc load of overlapping articles at the
# same time both succeed (one waits on the busy timeout), readers keep
# working, and nothing is duplicated. A writer held past --timeout gives
# exit 5.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip_all "sqlite3 shell not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"
GEN=$PN_ROOT/bench/gen-store.py
DB=$TMP/c.db
# Articles 0..1999 and 1000..2999: the middle thousand is loaded by both.
python3 "$GEN" -n 2000 -m 5 --text 400 --seed 1 --rules-version A > "$TMP/a.jsonl"
python3 "$GEN" -n 2000 -m 3 --text 400 --seed 2 --first 1000 --rules-version B > "$TMP/b.jsonl"

pn-store load -q -d "$DB" --batch 50 "$TMP/a.jsonl" & pa=$!
pn-store load -q -d "$DB" --batch 50 "$TMP/b.jsonl" & pb=$!
readers=0
while kill -0 $pa 2>/dev/null || kill -0 $pb 2>/dev/null; do
	# (stats refuses a database that does not exist yet, rightly)
	[ ! -e "$DB" ] || pn-store stats -d "$DB" >/dev/null 2>&1 || readers=$((readers + 1))
	sleep 0.05
done
wait $pa; is $? 0 "first loader succeeded"
wait $pb; is $? 0 "second loader succeeded"
is "$readers" 0 "stats never failed while both loaders ran"
is "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok "integrity_check ok"
is "$(sqlite3 "$DB" 'SELECT count(*), count(DISTINCT id) FROM articles')" "3000|3000" "3000 articles, no duplicates"
is "$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT article, count(*) AS n, min(rules_version) AS lo,
        max(rules_version) AS hi FROM events GROUP BY article)
        WHERE NOT ((n = 5 AND lo = 'A' AND hi = 'A') OR (n = 3 AND lo = 'B' AND hi = 'B'))")" \
   0 "each article holds the events of exactly one load"
is "$(sqlite3 "$DB" "SELECT count(*) FROM articles WHERE pk NOT IN (SELECT article FROM events)")" 0 "no article without its events"
is "$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT canonical FROM events GROUP BY canonical
        HAVING count(DISTINCT type || '|' || drug || '|' || agency || '|' || date) > 1)")" \
   0 "each canonical event has one merge key"

# Hold the write lock for 3 s; a loader with --timeout 1 gives up with 5.
python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE"); print("locked", flush=True); time.sleep(3)' "$DB" > "$TMP/lock" &
plock=$!
while [ ! -s "$TMP/lock" ]; do sleep 0.05; done
pn-store load -q -d "$DB" --timeout 1 "$PN_ROOT/tests/fixtures/store/basic.jsonl" 2>"$TMP/err"
is $? 5 "busy past --timeout: exit 5"
like "$(cat "$TMP/err")" "database busy past the timeout" "... explained"
pn-store load -q -d "$DB" --timeout 10 "$PN_ROOT/tests/fixtures/store/basic.jsonl"
is $? 0 "a loader with a longer timeout waits and succeeds"
wait $plock

# A trickling pipe is committed as it goes: the first batch ends with the
# first line read a second after it began, while the loader still runs.
F=$PN_ROOT/tests/fixtures/store/basic.jsonl
{ sed -n 1p "$F"; sleep 1.3; sed -n 2p "$F"; sleep 4; sed -n 3p "$F"; } |
	pn-store load -q -d "$TMP/pipe.db" & ppipe=$!
sleep 3
is "$(sqlite3 "$TMP/pipe.db" 'SELECT count(*) FROM articles' 2>&1)" 2 "lines from a slow pipe are visible before it ends"
wait $ppipe; is $? 0 "the pipe load ends well"
is "$(sqlite3 "$TMP/pipe.db" 'SELECT count(*) FROM articles')" 3 "... with every line"

done_testing
