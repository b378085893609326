#!/usr/bin/env bash
# demo/run.sh - run fetch -> parse -> extract -> store over demo/pages (file:// URLs, no
# network) into demo.db, then print what was stored. Intermediate files go to demo/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${PN_BIN:-build}
DB=${PN_DEMO_DB:-demo.db}
OUT=${PN_DEMO_OUT:-demo/out}
mkdir -p "$OUT"
rm -f "$DB" "$DB-wal" "$DB-shm" "$OUT/crawl.db"

# Every page as an absolute file:// URL; fetch needs --allow-file to read them.
for f in demo/pages/*.html; do echo "file://$(pwd)/$f"; done > "$OUT/seeds.txt"

status=0
"$BIN/pn-fetch" --allow-file --state "$OUT/crawl.db" -s "$OUT/seeds.txt" \
	| tee "$OUT/demo.warc.gz" \
	| "$BIN/pn-parse" \
	| tee "$OUT/articles.jsonl" \
	| "$BIN/pn-extract" \
	| tee "$OUT/enriched.jsonl" \
	| "$BIN/pn-store" load -d "$DB" || status=$?

echo
echo "== stored in $DB"
"$BIN/pn-store" stats -d "$DB"
echo
echo "== regulatory timeline of equecabtagene autoleucel"
"$BIN/pn-store" timeline -d "$DB" --format table "eque-cel"
echo
echo "== approvals with their evidence (sqlite3 over the events_v view)"
sqlite3 -column -header "$DB" "SELECT date, status, agency, drug, substr(sentence, 1, 60) || '...' AS sentence
	FROM events_v WHERE type = 'approval' ORDER BY date_start, agency"
exit $status
