#!/usr/bin/env bash
# pn-store on tricky JSON input, through the loader: every string (escapes,
# \u0000, surrogate pairs, raw UTF-8) and every value kept as JSON text
# (authors, attrs, event extra fields: reals, big numbers, deep nesting)
# must come out as Python decodes the input; malformed lines are rejected
# with "file:line: bad JSON: column N: why"; and the date ranges it derives.
. "$(dirname "$0")/lib.sh"
command -v sqlite3 >/dev/null || skip_all "sqlite3 shell not installed"
command -v python3 >/dev/null || skip_all "python3 not installed"
DB=$TMP/j.db

python3 - "$TMP" <<'PY'
import json, random, sys
rng = random.Random(7)
pool = ['a', 'Z', ' ', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\x00', '\x1f', 'é',
        'ß', '€', '中', '😀', '\u2028', '\U0010ffff', 'ǅ']
scores = [0, -1.5e-3, 0.8, 0.1 + 0.2, 1e300, 5e-324, -0.0, 12345678901234, -2**63, 2**63 - 1,
          True, False, None, "", {"k": ["s"]}, [[[[]]]], {}]
with open(sys.argv[1] + '/good.jsonl', 'w', encoding='utf-8') as f, \
     open(sys.argv[1] + '/expect.jsonl', 'w', encoding='utf-8') as e:
    for i in range(300):
        s = ''.join(rng.choice(pool) for _ in range(rng.randint(0, 40)))
        score = rng.choice(scores)
        if isinstance(score, dict) and score:
            score = {"k": [s]}
        art = {"id": "%016x" % i, "title": s, "text": s[::-1], "authors": [s, "x"],
               "entities": [{"type": "t", "name": "e%d" % i, "attrs": {"s": s, "score": score},
                             "mentions": [{"start": 0, "end": 1}]}],
               "events": [{"type": "approval", "date": "2025", "drug": s or "x", "score": score}]}
        f.write(json.dumps(art, ensure_ascii=bool(i % 2)) + '\n')
        e.write(json.dumps([art["id"], s.encode('utf-8').hex(), s[::-1].encode('utf-8').hex(),
                            art["authors"], art["entities"][0]["attrs"],
                            {"score": score}]) + '\n')
PY
pn-store load -q -d "$DB" "$TMP/good.jsonl"; is $? 0 "300 lines of tricky strings and numbers load"
got=$(sqlite3 "$DB" "SELECT json_array(a.id, hex(CAST(title AS BLOB)), hex(CAST(text AS BLOB)), authors, attrs, extra)
                     FROM articles a JOIN events ON events.article = a.pk
                     JOIN mentions m ON m.article = a.pk JOIN entities en ON en.id = m.entity ORDER BY a.id" |
      python3 -c '
import json, math, sys
bad = rows = 0
def same(a, b):   # == but -0.0 is not 0 and True is not 1
    if type(a) != type(b): return False
    if isinstance(a, float): return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, list): return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict): return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b
exp = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
for g, e in zip(sys.stdin, exp):
    rows += 1
    g = json.loads(g)
    g[3:6] = [json.loads(x) for x in g[3:6]]
    g[1], g[2] = g[1].lower(), g[2].lower()
    if not same(g, e):
        bad += 1
        if bad < 4: print("#", g, "\n# expected", e, file=sys.stderr)
print(rows, bad)' "$TMP/expect.jsonl")
is "$got" "300 0" "strings decode as Python decodes them; JSON text values keep their types, key order and every real exactly"
is "$(sqlite3 "$DB" "SELECT extra FROM events WHERE json_extract(extra, '\$.score') = 0.8 LIMIT 1")" '{"score":0.8}' \
   "reals are written with the fewest digits that give them back"
is "$(sqlite3 "$DB" 'SELECT count(*) FROM articles')" 300 "all 300 stored"
is "$(sqlite3 "$DB" "SELECT count(*) FROM articles WHERE instr(CAST(title AS BLOB), x'00') > 0")" \
   "$(python3 -c 'import json, sys; print(sum("\0" in json.loads(l)["title"] for l in open(sys.argv[1], encoding="utf-8")))' "$TMP/good.jsonl")" \
   "\\u0000 is kept inside strings"

# Integers beyond 64 bits, nesting, duplicate keys, compact JSON text.
deep=$(python3 -c 'print("[" * 2000 + "]" * 2000)')
printf '%s\n' \
	'{"id":"big","events":[{"type":"a","n":123456789012345678901234,"sentence_start":3,"sentence_end":7.0}],"entities":[{"type":"t","name":"big","mentions":[{"start":1,"end":2}]}]}' \
	'{"id":"bigoff","events":[{"type":"a","sentence_start":123456789012345678901234}]}' \
	"{\"id\":\"deep\",\"events\":[{\"type\":\"a\",\"x\":$deep}]}" \
	'{"id":"dup","title":"first","title":"second"}' \
	'{ "id" : "ws" , "authors" : [ "A \"q\"" , "\u00e9\/" ] , "source" : { "b" : 1 , "a" : [ ] } }' \
	'{"id":"rr","timexes":[{"a":[1,{"b":2}]}],"events":[{"type":"a","sentence_start":1e1,"x":1,"x":[2,{}]}]}' \
	> "$TMP/num.jsonl"
pn-store load -q -d "$DB" "$TMP/num.jsonl" 2>"$TMP/err"; is $? 1 "big numbers, deep nesting: one bad line"
is "$(sqlite3 "$DB" "SELECT sentence_start || ' ' || sentence_end || ' ' || extra FROM events WHERE article = (SELECT pk FROM articles WHERE id = 'big')")" \
   '3 7 {"n":123456789012345678901234}' "an integer beyond 64 bits is kept as written; 7.0 is an offset"
is "$(sqlite3 "$DB" "SELECT offsets FROM mentions WHERE article = (SELECT pk FROM articles WHERE id = 'big')")" \
   '[[1,2]]' "... and offsets on that line still work"
like "$(cat "$TMP/err")" 'num.jsonl:2: events\[0\]\.sentence_start: expected non-negative integer' "... but not as an offset"
is "$(sqlite3 "$DB" "SELECT length(extra) FROM events WHERE article = (SELECT pk FROM articles WHERE id = 'deep')")" \
   "$((4000 + 6))" "2000 levels of nesting load and are kept"
is "$(sqlite3 "$DB" "SELECT title FROM articles WHERE id = 'dup'")" second "a repeated key: the last value wins"
is "$(sqlite3 "$DB" "SELECT sentence_start || ' ' || extra FROM events WHERE article = (SELECT pk FROM articles WHERE id = 'rr')")" \
   '10 {"x":1,"x":[2,{}]}' "an offset written as an integral real; a repeated extra field is kept twice, as in the input"
is "$(sqlite3 "$DB" "SELECT authors || ' ' || source FROM articles WHERE id = 'ws'")" \
   '["A \"q\"","é/"] {"b":1,"a":[]}' "arrays and objects are stored as compact JSON text, keys in input order"

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
	"$(python3 -c 'print("[" * 3000 + "]" * 3000)')" \
	'{"id":"x11","n":1e400}' \
	'{"id":"x12","a\u0000b":1}' \
	"$(printf '{"id":"x13","t":"\xc0\xaf overlong"}')" \
	"$(printf '{"id":"x14","t":"\xed\xa0\x80 encoded surrogate"}')" \
	"$(printf '{"id":"x15","t":"cut \xe2\x82"}')" \
	'{"id":"x16","title":"lone \udc00 low surrogate"}' \
	'{"id":"x17","title":"high \ud800\u0041 then no low surrogate"}' \
	'{"id":"ok","t":"fine","n":-0.5e+3,"e":[],"o":{}}' > "$TMP/bad.jsonl"
pn-store load -d "$DB" "$TMP/bad.jsonl" 2>"$TMP/err"; is $? 1 "malformed lines: exit 1"
err=$(cat "$TMP/err")
is "$(grep -c 'bad JSON: column [0-9]*: ' "$TMP/err")" 17 "each malformed line rejected as bad JSON, with a column"
like "$err" 'bad.jsonl:1: bad JSON: column 34: unexpected end of input' "unterminated string"
like "$err" 'bad.jsonl:2: bad JSON: column [0-9]+: invalid escape' "bad \\u escape"
like "$err" 'bad.jsonl:3: bad JSON: column [0-9]+: invalid Unicode' "lone surrogate"
is "$(grep -c 'bad.jsonl:1[67]: bad JSON: column [0-9]*: invalid Unicode' "$TMP/err")" 2 "lone low surrogate, high surrogate without its pair"
like "$err" 'bad.jsonl:4: bad JSON: column [0-9]+: control character' "raw control character"
like "$err" 'bad.jsonl:8: bad JSON: column [0-9]+: end of file expected' "trailing text"
like "$err" 'bad.jsonl:10: bad JSON: column [0-9]+: nested too deeply' "nesting is bounded (2048 levels)"
like "$err" 'bad.jsonl:11: bad JSON: column [0-9]+: real number overflow' "a real beyond double range"
like "$err" 'bad.jsonl:12: bad JSON: column [0-9]+: NUL byte in object key' "\\u0000 in a key"
is "$(grep -c 'bad.jsonl:1[345]: bad JSON: column [0-9]*: invalid UTF-8' "$TMP/err")" 3 "overlong, encoded surrogate, cut sequence: invalid UTF-8"
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
