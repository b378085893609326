#!/usr/bin/env bash
# pn-store: load, schema, canonical merging, reload, query/timeline/stats.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip_all "sqlite3 shell not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"
F=$PN_ROOT/tests/fixtures/store
DB=$TMP/t.db
q() { sqlite3 "$DB" "$1"; }

pn-store -h | grep -q '^usage: pn-store'; ok $? "-h prints usage"
pn-store query --frobnicate 2>/dev/null; is $? 2 "unknown option: exit 2"
pn-store query -d "$TMP/none.db" 2>"$TMP/err"; is $? 4 "query on a missing database: exit 4"
like "$(cat "$TMP/err")" "none.db: No such file" "error names the database"
pn-store query -d "$DB" --since 2025-13 2>/dev/null; is $? 2 "bad --since date: exit 2"

pn-store load -q -d "$DB" "$F/basic.jsonl"; is $? 0 "load basic.jsonl"
is "$(q 'PRAGMA user_version')" 1 "schema version 1"
is "$(q 'PRAGMA journal_mode')" wal "WAL mode"
is "$(q 'SELECT count(*) FROM articles')" 3 "3 articles"
is "$(q 'SELECT count(*) FROM events')" 6 "6 events"
is "$(q "SELECT group_concat(type || '=' || name, ' ') FROM (SELECT type, name FROM entities ORDER BY id)")" \
   "drug=copper histidinate regulator=FDA company=Sentynl Therapeutics regulator=EMA company=Acme Pharma" \
   "entities merged across articles by (type, name)"
is "$(q "SELECT group_concat(alias, '|') FROM (SELECT alias FROM entity_aliases ORDER BY alias)")" \
   "CUTX-101|European Medicines Agency|U.S. Food and Drug Administration|Zycubo" "aliases, no duplicates"
is "$(q "SELECT group_concat(text, '|') FROM (SELECT text FROM mentions_v WHERE article_id = 'a1b2c3d4e5f60001' ORDER BY start)")" \
   "U.S. Food and Drug Administration|Zycubo|copper histidinate|Sentynl Therapeutics" \
   "mentions_v recovers the mention text from byte offsets"
is "$(q "SELECT n_sources || ' ' || article_ids FROM canonical_events_v WHERE type = 'approval'")" \
   "2 a1b2c3d4e5f60001,a1b2c3d4e5f60002" "the approval reported twice is one canonical event with 2 sources"
is "$(q 'SELECT count(*) FROM canonical_events_v')" 4 "4 canonical events (undated trial_result not merged)"
is "$(q "SELECT count(*) FROM events WHERE canonical = (SELECT id FROM canonical_events_v WHERE type = 'approval')")" 2 \
   "both sources link to the canonical event"
is "$(q "SELECT date_start || '..' || date_end FROM events WHERE date = '2026-Q2'")" "2026-04-01..2026-06-30" "quarter grain range"
is "$(q "SELECT extra FROM events WHERE type = 'launch'")" '{"confidence":0.8}' "unknown event fields kept in extra"
is "$(q "SELECT authors FROM articles WHERE id = 'a1b2c3d4e5f60001'")" '["Jane Roe"]' "authors stored as JSON"
is "$(q "SELECT id FROM articles WHERE pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'menkes')")" \
   a1b2c3d4e5f60001 "FTS5 finds an article by body text"
is "$(q "SELECT agency || ' ' || month || ' ' || approvals || ' ' || reports FROM approvals_by_agency_month_v")" \
   "FDA 2026-01 1 2" "approvals_by_agency_month_v"
q "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"; ok $? "FTS index matches the articles"

# query: filters, aliases, case, grains, formats
csv=$(pn-store query -d "$DB" -f csv --drug zycubo --type approval)
is "$(printf '%s' "$csv" | tr -d '\r' | cut -d, -f1 | tr '\n' ' ')" "event_id 65536 131072 " "--drug matches an alias, any case"
like "$csv" $'^event_id,date,date_grain,type,status,drug,company,agency,jurisdiction,indication,designation,article_id,published,title,url,sentence,rule,rules_version,canonical_id\r' "CSV header, CRLF"
like "$(pn-store query -d "$DB" -f csv --company 'acme pharma')" '"Acme Pharma agreed to acquire Beta Bio, ""a leader"", in 2025-H1."' "RFC 4180 quoting"
is "$(pn-store query -d "$DB" -f jsonl --agency 'european medicines agency' | python3 -c 'import json,sys; print(*[json.loads(l)["type"] for l in sys.stdin])')" \
   acceptance "--agency matches a regulator alias (jsonl)"
is "$(pn-store query -d "$DB" -f jsonl --agency us | wc -l)" 2 "--agency matches a jurisdiction"
is "$(pn-store query -d "$DB" -f json --since 2026-05 --until 2026 | python3 -c 'import json,sys; print(*[(e["type"], e["date"]) for e in json.load(sys.stdin)])')" \
   "('launch', '2026-Q2')" "date filter by overlap: 2026-Q2 is within --since 2026-05"
is "$(pn-store query -d "$DB" -f json --since 2025-02-15 --until 2025-03-01 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" \
   2 "2025-03 and 2025-H1 overlap [2025-02-15, 2025-03-01]"
is "$(pn-store query -d "$DB" -f json --drug nosuchdrug)" "[]" "no match: empty JSON array"
is "$(pn-store query -d "$DB" -f csv --canonical --type approval | tail -n1 | tr -d '\r' | cut -d, -f2-)" \
   '2026-01-12,day,approval,completed,copper histidinate,,FDA,2,2026-01-12,"a1b2c3d4e5f60001,a1b2c3d4e5f60002"' "--canonical"
is "$(pn-store query -d "$DB" -f csv --limit 2 | wc -l)" 3 "--limit"
pn-store query -d "$DB" -f table >/dev/null; ok $? "table format"

tl=$(pn-store timeline -d "$DB" -f csv CUTX-101 | tr -d '\r' | cut -d, -f2,4,7 | tail -n +2 | tr '\n' ' ')
is "$tl" "2025-03,acceptance,1 2026-01-12,approval,2 2026-Q2,launch,1 " "timeline by lab code alias, in date order"
pn-store timeline -d "$DB" nosuchdrug 2>"$TMP/err" >/dev/null; is $? 0 "timeline of an unknown drug: exit 0"
like "$(cat "$TMP/err")" 'no dated events for drug "nosuchdrug"' "... with a warning"
pn-store timeline -d "$DB" 2>/dev/null; is $? 2 "timeline without DRUG: exit 2"

st=$(pn-store stats -d "$DB")
like "$st" $'events\t6' "stats: events"
like "$st" $'events.approval\t2' "stats: events per type"
like "$st" $'entities.regulator\t2' "stats: entities per type"

# reload: same file again changes nothing; a reprocessed article replaces its rows
before=$(q 'SELECT count(*) FROM events; SELECT count(*) FROM mentions; SELECT count(*) FROM canonical_events_v; SELECT max(pk) FROM articles')
pn-store load -d "$DB" "$F/basic.jsonl" 2>"$TMP/err"; is $? 0 "reload the same file"
like "$(cat "$TMP/err")" '3 articles \(3 replaced\)' "summary counts replacements"
is "$(q 'SELECT count(*) FROM events; SELECT count(*) FROM mentions; SELECT count(*) FROM canonical_events_v; SELECT max(pk) FROM articles')" \
   "$before" "reload: no duplicates"
pn-store load -q -d "$DB" "$F/basic-v2.jsonl"; is $? 0 "load a reprocessed article"
is "$(q "SELECT count(*) || ' ' || group_concat(type) FROM events WHERE article = (SELECT pk FROM articles WHERE id = 'a1b2c3d4e5f60002')")" \
   "1 acceptance" "its old events are gone, the new one is there"
is "$(q "SELECT n_sources FROM canonical_events_v WHERE type = 'approval'")" 1 "the merged approval lost one source"
is "$(q "SELECT group_concat(date) FROM canonical_events_v WHERE type = 'acceptance'")" 2025-04 "the canonical event left without sources is gone"
is "$(q "SELECT id FROM articles WHERE pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'updated')")" \
   a1b2c3d4e5f60002 "FTS sees the new title"
is "$(q "SELECT count(*) FROM articles WHERE pk IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'march')")" \
   0 "... and forgot the old text"
q "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"; ok $? "FTS index still consistent"

# default command and $PN_DB
PN_DB=$TMP/env.db pn-store -q "$F/basic.jsonl"; is $? 0 "load is the default command"
is "$(sqlite3 "$TMP/env.db" 'SELECT count(*) FROM articles')" 3 "\$PN_DB names the database"
pn-store load -q -d "$DB" < "$F/basic.jsonl"; is $? 0 "reads stdin"
pn-store load -q -d "$DB" "$TMP/missing.jsonl" 2>/dev/null; is $? 4 "missing input file: exit 4"
echo 'not a database' > "$TMP/junk.db"
pn-store load -q -d "$TMP/junk.db" "$F/basic.jsonl" 2>/dev/null; is $? 4 "not a database: exit 4"
sqlite3 "$TMP/other.db" 'CREATE TABLE t(x)'
pn-store load -q -d "$TMP/other.db" "$F/basic.jsonl" 2>"$TMP/err"; is $? 4 "someone else's database: exit 4"
like "$(cat "$TMP/err")" "not a pn-store database" "... and says so"
sqlite3 "$TMP/newer.db" 'PRAGMA user_version = 99'
pn-store stats -d "$TMP/newer.db" 2>"$TMP/err" >/dev/null; is $? 4 "newer schema: exit 4"
like "$(cat "$TMP/err")" "schema version 99 is newer" "... and says so"

done_testing
