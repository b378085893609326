#!/usr/bin/env bash
# pn-store: bad input lines are reported with file:line, skipped and counted;
# the good ones are loaded and the exit status is 1.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip_all "sqlite3 shell not installed"
F=$PN_ROOT/tests/fixtures/store
DB=$TMP/t.db

cd "$F" || exit 1
pn-store load -d "$DB" bad.jsonl 2>"$TMP/err"; is $? 1 "exit 1 when lines were skipped"
err=$(cat "$TMP/err")
like "$err" 'bad.jsonl:2: bad JSON: column 27: unexpected end of input' "truncated JSON"
like "$err" 'bad.jsonl:3: missing "id"' "missing id"
like "$err" 'bad.jsonl:4: "id": expected non-empty string' "id of the wrong type"
like "$err" 'bad.jsonl:5: "events": expected array or null' "events of the wrong type"
like "$err" 'bad.jsonl:6: events\[1\]\.date: expected string or null' "nested field of the wrong type, with its path"
like "$err" 'bad.jsonl:8: not a JSON object' "not an object"
like "$err" 'bad.jsonl:10: entities\[0\]\.mentions\[0\]: expected' "mention with end < start"
like "$err" 'bad.jsonl:11: bad JSON: column [0-9]+: invalid UTF-8' "invalid UTF-8"
unlike=$(printf '%s' "$err" | grep -c 'bad.jsonl:7:')
is "$unlike" 0 "a blank line is not an error"
like "$err" '2 articles \(0 replaced\), 1 events, 1 mentions, 1 new entities; 8 bad lines skipped' "summary counts"
is "$(sqlite3 "$DB" 'SELECT group_concat(id) FROM (SELECT id FROM articles ORDER BY id)')" \
   "bad0000000000001,bad0000000000009" "only the good articles are stored"
is "$(sqlite3 "$DB" "SELECT count(*) FROM events WHERE article IN (SELECT pk FROM articles WHERE id = 'bad0000000000006')")" \
   0 "nothing of a rejected article is stored"

# A bad line in the middle of a batch does not lose the batch.
{ head -1 bad.jsonl; echo '{oops'; sed -n 9p bad.jsonl; } | pn-store load -q -d "$TMP/b.db" --batch 10 2>"$TMP/err"
is $? 1 "stdin with a bad line: exit 1"
like "$(cat "$TMP/err")" '<stdin>:2: bad JSON' "stdin lines are named <stdin>"
is "$(sqlite3 "$TMP/b.db" 'SELECT count(*) FROM articles')" 2 "the rest of the batch is loaded"

pn-store load -d "$DB" --batch 0 bad.jsonl 2>"$TMP/err"; is $? 2 "--batch 0: usage error"
like "$(cat "$TMP/err")" 'batch: expected 1..1000000' "... explained"

done_testing
