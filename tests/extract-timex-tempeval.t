#!/usr/bin/env bash
# extract-timex-tempeval.t - the temporal tagger on TempEval-3 platinum must
# stay at HeidelTime's level: relaxed extraction F1 >= 0.90 and value F1
# >= 0.78 (score_timex.py, offsets in code points). About a second.
. "$(dirname "$0")/lib.sh"
TE3=$PN_SHARED/bench/tempeval3
SCORER=$PN_SHARED/tools/score_timex.py
[ -d "$TE3/platinum" ] && [ -f "$SCORER" ] || skip_all "no $PN_SHARED/bench/tempeval3 (shared data)"
command -v python3 >/dev/null || skip_all "python3 is needed by score_timex.py"

mkdir -p "$TMP/rules/gazetteers"
cp "$PN_RULES_DIR"/timex*.rules "$PN_RULES_DIR/VERSION" "$TMP/rules/"
cp "$PN_RULES_DIR"/gazetteers/timex_*.tsv "$PN_RULES_DIR"/gazetteers/cues.tsv "$TMP/rules/gazetteers/" 2>/dev/null
export PN_RULES_DIR=$TMP/rules

python3 "$SCORER" export --gold "$TE3/platinum" --out "$TMP/plat" >/dev/null
ok $? "export platinum"
pn-extract --tag-timex --docs-jsonl --chars "$TMP/plat/docs.jsonl" >"$TMP/pred.jsonl"
ok $? "tag platinum"
python3 "$SCORER" score --gold "$TE3/platinum" --pred "$TMP/pred.jsonl" --json "$TMP/res.json" >"$TMP/table" 2>&1
ok $? "score platinum"
sed 's/^/# /' "$TMP/table"
f1() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"][sys.argv[2]]["F1"])' "$TMP/res.json" "$1"; }
relaxed=$(f1 relaxed) value=$(f1 value)
python3 -c "import sys; sys.exit(not $relaxed >= 0.90)"
ok $? "relaxed extraction F1 $relaxed >= 0.90"
python3 -c "import sys; sys.exit(not $value >= 0.78)"
ok $? "value F1 $value >= 0.78"
done_testing
