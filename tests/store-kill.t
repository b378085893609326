#!/usr/bin/env bash
# pn-store: SIGKILL the loader at random points, over and over, while it
# loads and while it replaces earlier loads; after every kill the database
# must pass integrity_check and every article must be all-or-nothing. A
# final run must then complete with exact counts and no duplicates.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip_all "sqlite3 shell not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"
GEN=$PN_ROOT/bench/gen-store.py
DB=$TMP/k.db
N=3000
KILLS=${PN_KILLS:-20}
# Two versions of the same articles: A has 5 events per article, B has 3
# (a rules change), so a half-replaced article would show up as a mix.
python3 "$GEN" -n $N -m 5 --text 400 --seed 1 --rules-version A > "$TMP/a.jsonl"
python3 "$GEN" -n $N -m 3 --text 400 --seed 2 --rules-version B > "$TMP/b.jsonl"

# Prints the number of inconsistencies found (0 when all is well).
check() {
	sqlite3 "$DB" "
	SELECT (SELECT count(*) FROM (
	    SELECT a.pk, count(e.id) AS n, min(e.rules_version) AS lo, max(e.rules_version) AS hi,
	           a.title AS title
	    FROM articles a LEFT JOIN events e ON e.article = a.pk GROUP BY a.pk)
	  WHERE NOT ((n = 5 AND lo = 'A' AND hi = 'A') OR (n = 3 AND lo = 'B' AND hi = 'B')))
	 + (SELECT count(*) FROM articles a WHERE (SELECT count(*) FROM mentions WHERE article = a.pk) != 6)
	 + (SELECT count(*) FROM events WHERE canonical IS NULL)
	 + (SELECT count(*) - count(DISTINCT id) FROM articles);"
}

# Spread the kills over the whole duration of one load.
t0=$(date +%s%N)
pn-store load -q -d "$TMP/timing.db" --batch 100 "$TMP/a.jsonl"
ms=$(( ($(date +%s%N) - t0) / 1000000 + 1 ))
echo "# one load takes $ms ms here"

bad_integrity=0 bad_rows=0 killed=0 partial=0 early=0
for i in $(seq 1 "$KILLS"); do
	if [ $((i % 2)) -eq 1 ]; then in=$TMP/a.jsonl; else in=$TMP/b.jsonl; fi
	pn-store load -q -d "$DB" --batch 100 "$in" 2>/dev/null &
	pid=$!
	d=$((RANDOM % ms))
	sleep "$((d / 1000)).$(printf '%03d' $((d % 1000)))"
	kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	r=$(sqlite3 "$DB" 'PRAGMA integrity_check' 2>&1)
	[ "$r" = ok ] || { bad_integrity=$((bad_integrity + 1)); echo "# after kill $i: $r"; }
	# killed before its first commit created the schema (a slow start,
	# e.g. under ASan): an empty database is a consistent one
	if [ "$(sqlite3 "$DB" "SELECT count(*) FROM sqlite_master WHERE name = 'articles'")" = 0 ]; then
		early=$((early + 1))
		continue
	fi
	sqlite3 "$DB" "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)" 2>/dev/null ||
		{ bad_integrity=$((bad_integrity + 1)); echo "# after kill $i: FTS index inconsistent"; }
	c=$(check)
	[ "$c" = 0 ] || { bad_rows=$((bad_rows + 1)); echo "# after kill $i: $c inconsistent rows"; }
	n=$(sqlite3 "$DB" 'SELECT count(*) FROM articles')
	[ "$n" -gt 0 ] && [ "$n" -lt $N ] && partial=$((partial + 1))
done
echo "# $killed of $KILLS loads killed mid-run, $partial left a partly loaded database, $early killed before the schema existed"
[ "$killed" -ge $((KILLS / 2)) ]; ok $? "most loads were killed before finishing"
is "$bad_integrity" 0 "integrity_check ok after every kill"
is "$bad_rows" 0 "every article all-or-nothing after every kill"

pn-store load -q -d "$DB" "$TMP/b.jsonl"; is $? 0 "a full re-run completes"
is "$(check)" 0 "consistent after the re-run"
is "$(sqlite3 "$DB" 'SELECT count(*), count(DISTINCT id) FROM articles')" "$N|$N" "exactly $N articles, no duplicates"
is "$(sqlite3 "$DB" 'SELECT count(*), min(rules_version), max(rules_version) FROM events')" "$((N * 3))|B|B" "exactly 3 events per article, all from the last run"
is "$(sqlite3 "$DB" 'SELECT count(*) FROM mentions')" "$((N * 6))" "exactly 6 mention rows per article"
is "$(sqlite3 "$DB" 'PRAGMA integrity_check')" ok "integrity_check ok"

done_testing
