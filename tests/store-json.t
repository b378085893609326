#!/usr/bin/env bash
# pn-store has its own JSON parser on the load path (store/json.c): check it
# against Python's json on random strings (escapes, \u0000, surrogate pairs,
# raw UTF-8) and on malformed lines, and the date ranges it derives.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip_all "sqlite3 shell not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"
DB=$TMP/j.db

python3 - "$TMP" <<'PY'
import json, random, sys
rng = random.Random(7)
pool = ['a', 'Z', ' ', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\x00', '\x1f', 'é',
        'ß', '€', '中', '😀', '\u2028', '\U0010ffff', 'ǅ']
with open(sys.argv[1] + '/good.jsonl', 'w', encoding='utf-8') as f, \
     open(sys.argv[1] + '/expect.txt', 'w', encoding='utf-8') as e:
    for i in range(300):
        s = ''.join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        art = {"id": "%016x" % i, "title": s, "text": s[::-1], "authors": [s],
               "events": [{"type": "approval", "date": "2025", "drug": s or "x",
                           "score": rng.choice([0, -1.5e-3, 12345678901234, True, None, {"k": [s]}])}]}
        f.write(json.dumps(art, ensure_ascii=bool(i % 2)) + '\n')
        e.write(json.dumps([art["id"], s.encode('utf-8').hex(), s[::-1].encode('utf-8').hex(),
                            json.dumps(art["events"][0]["score"])]) + '\n')
PY
pn-store load -q -d "$DB" "$TMP/good.jsonl"; is $? 0 "300 lines of tricky strings load"
got=$(sqlite3 "$DB" "SELECT json_array(id, hex(CAST(title AS BLOB)), hex(CAST(text AS BLOB)), json_extract(extra, '\$.score'))
                     FROM articles JOIN events ON events.article = articles.pk ORDER BY id" |
      python3 -c '
import json, sys
n = 0
exp = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
for g, e in zip(sys.stdin, exp):
    g = json.loads(g)
    score = json.loads(e[3])
    same = g[0] == e[0] and g[1].lower() == e[1] and g[2].lower() == e[2]
    # SQLite returns JSON true as 1 and objects as text
    gs = g[3]
    if isinstance(score, dict): gs = json.loads(gs)
    if score is True: score = 1
    same = same and gs == score
    if not same:
        n += 1
        if n < 4: print("#", g, e, file=sys.stderr)
print(n)' "$TMP/expect.txt")
is "$got" 0 "every string decodes exactly as Python decodes it"
is "$(sqlite3 "$DB" 'SELECT count(*) FROM articles')" 300 "all 300 stored"

printf '%s\n' \
	'{"id":"x1","title":"unterminated}' \
	'{"id":"x2","title":"bad \u12 escape"}' \
	'{"id":"x3","title":"lone \ud800 surrogate"}' \
	'{"id":"x4","title":"ctl	tab"}' \
	'{"id":"x5",}' \
	'{"id":"x6","n":01}' \
	'{"id":"x7","n":1.}' \
	'{"id":"x8"} trailing' \
	'{"id":"x9","n":tru}' \
	"$(python3 -c 'print("[" * 300 + "]" * 300)')" \
	'{"id":"ok","t":"fine","n":-0.5e+3,"e":[],"o":{}}' > "$TMP/bad.jsonl"
pn-store load -d "$DB" "$TMP/bad.jsonl" 2>"$TMP/err"; is $? 1 "malformed lines: exit 1"
is "$(grep -c 'bad JSON' "$TMP/err")" 10 "each malformed line rejected as bad JSON"
python3 -c '
import json, sys
bad = 0
for l in open(sys.argv[1]):
    try: json.loads(l)
    except Exception: bad += 1
print(bad)' "$TMP/bad.jsonl" > "$TMP/pybad"
# Python also accepts a lone surrogate (not Unicode; jansson rejects it too)
# and 300 levels of nesting (pn-store stops at 256).
is "$(cat "$TMP/pybad")" 8 "... Python rejects the same lines but those two"
like "$(cat "$TMP/err")" 'bad.jsonl:10: bad JSON: column [0-9]+: nested too deeply' "nesting is bounded"
is "$(sqlite3 "$DB" "SELECT count(*) FROM articles WHERE id = 'ok'")" 1 "the good line is loaded"

# date ranges
printf '%s\n' '{"id":"d1","events":[
	{"type":"a","date":"2024-02","drug":"x"},{"type":"a","date":"2025-W01","drug":"x"},
	{"type":"a","date":"2020-W53","drug":"x"},{"type":"a","date":"2025-H2","drug":"x"},
	{"type":"a","date":"2025-13","drug":"x"},{"type":"a","date":"2023-02-29","drug":"x"},
	{"type":"a","date":"2024-02-29T10:00:00Z","drug":"x"},{"type":"a","date":"2025-SU","drug":"x"}]}' |
	tr -d '\n\t' > "$TMP/dates.jsonl"; echo >> "$TMP/dates.jsonl"
pn-store load -q -d "$DB" "$TMP/dates.jsonl"; is $? 0 "dates load"
is "$(sqlite3 "$DB" "SELECT group_concat(date || '=' || coalesce(date_grain, '') || ':' || coalesce(date_start, '') || '..' || coalesce(date_end, ''), ' ')
                     FROM (SELECT * FROM events WHERE article = (SELECT pk FROM articles WHERE id = 'd1') ORDER BY seq)")" \
   "2024-02=month:2024-02-01..2024-02-29 2025-W01=week:2024-12-30..2025-01-05 2020-W53=week:2020-12-28..2021-01-03 2025-H2=half:2025-07-01..2025-12-31 2025-13=:.. 2023-02-29=:.. 2024-02-29T10:00:00Z=day:2024-02-29..2024-02-29 2025-SU=:.." \
   "grains, leap years, ISO weeks; unknown values keep no range"

done_testing
