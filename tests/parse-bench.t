#!/usr/bin/env bash
# Body accuracy on the shared article-extraction benchmark (181 pages):
# F1 >= 0.965 with the benchmark's own scorer. Takes a few seconds.
. "$(dirname "$0")/lib.sh"
SET=$PN_SHARED/bench/article-extraction
SCORER=$PN_SHARED/tools/score_articles.py
[ -d "$SET/html" ] && [ -f "$SCORER" ] || skip_all "shared benchmark data not found in $PN_SHARED"

pn-parse -o "$TMP/out.jsonl" "$SET/html" 2> "$TMP/err"
[ $? -le 1 ]
ok $? "pn-parse ran over the benchmark"
python3 - "$TMP/out.jsonl" "$TMP/pred.json" <<'PY'
import json, os, sys
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(line)
    out[os.path.basename(r["source"]["file"]).split(".")[0]] = {"articleBody": r["text"]}
json.dump(out, open(sys.argv[2], "w"))
PY
python3 "$SCORER" --missing-as-empty --n-bootstrap 0 --json "$TMP/score.json" \
	"$SET/ground-truth.json" "$TMP/pred.json" > /dev/null 2>&1
f1=$(python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["pred"]["f1"])' "$TMP/score.json")
echo "# body F1 $f1"
python3 -c "import sys; sys.exit(0 if $f1 >= 0.965 else 1)"
ok $? "body F1 $f1 >= 0.965"
done_testing
