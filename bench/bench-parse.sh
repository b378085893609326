#!/usr/bin/env bash
# bench-parse.sh - pn-parse body accuracy and speed on the article-extraction
# benchmark (181 real news pages with ground-truth bodies).
#
#   PN_BIN=build-x ./bench/bench-parse.sh     (PN_BIN defaults to build/)
#
# Prints precision, recall and F1 of the body text (score_articles.py:
# 4-gram shingles, macro averages) and pages/s of pn-parse on one core
# (taskset -c 0, best of 3 runs, gunzip and JSON writing included) by CPU
# time and by wall time. When Debian's python3-readability is installed,
# readability-lxml's pages/s is measured in the same run for comparison.
# Needs the shared data (PN_SHARED, default ../shared); exits 0 with a
# message when it is missing.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PN_BIN=${PN_BIN:-$ROOT/build}
PN_SHARED=${PN_SHARED:-$ROOT/../shared}
SET=$PN_SHARED/bench/article-extraction
SCORER=$PN_SHARED/tools/score_articles.py
PARSE=$PN_BIN/pn-parse

if [ ! -d "$SET/html" ] || [ ! -f "$SCORER" ]; then
	echo "bench-parse: $SET not found: shared benchmark data missing, nothing measured"
	exit 0
fi
[ -x "$PARSE" ] || { echo "bench-parse: $PARSE not built" >&2; exit 4; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/bench-parse.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
ONE_CORE=()
command -v taskset > /dev/null && ONE_CORE=(taskset -c 0)
export PN_NO_PROGRESS=1

npages=$(find "$SET/html" -name '*.html.gz' | wc -l)
# CPU time (user + sys) is what one core spends; wall time is printed too
# but grows with whatever else the machine is running.
best_cpu= best_wall=
TIMEFORMAT='%3R %3U %3S'
for run in 1 2 3; do
	t=$( { time { "${ONE_CORE[@]}" "$PARSE" -o "$TMP/out.jsonl" "$SET/html" 2> "$TMP/err.txt"
		echo $? > "$TMP/rc"; }; } 2>&1 )
	rc=$(cat "$TMP/rc")
	read -r wall user sys <<< "$t"
	cpu_ms=$(python3 -c "print(round(($user + $sys) * 1000))")
	wall_ms=$(python3 -c "print(round($wall * 1000))")
	if [ -z "$best_cpu" ] || [ "$cpu_ms" -lt "$best_cpu" ]; then best_cpu=$cpu_ms; fi
	if [ -z "$best_wall" ] || [ "$wall_ms" -lt "$best_wall" ]; then best_wall=$wall_ms; fi
done
if [ "$rc" -gt 1 ]; then
	echo "bench-parse: pn-parse failed (exit $rc):" >&2
	cat "$TMP/err.txt" >&2
	exit "$rc"
fi

# Records name their input in source.file: html/<item id>.html.gz.
python3 - "$TMP/out.jsonl" "$TMP/pred.json" <<'EOF'
import json, os, sys
out = {}
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        r = json.loads(line)
        out[os.path.basename(r["source"]["file"]).split(".")[0]] = {"articleBody": r["text"]}
json.dump({"version": "pn-parse", "output": out}, open(sys.argv[2], "w"))
EOF
python3 "$SCORER" --missing-as-empty --json "$TMP/score.json" "$SET/ground-truth.json" \
	"$TMP/pred.json" > /dev/null 2> "$TMP/score-err.txt" || { cat "$TMP/score-err.txt" >&2; exit 1; }
python3 - "$TMP/score.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["pred"]
print(f"pn-parse body:  precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
      f"F1 {r['f1']:.3f} (± {r['f1_std']:.3f})  exact {r['accuracy']:.3f}  over {r['n_items']} pages")
EOF
skipped=$(grep -c 'no article text\|skipped\|HTTP\|not HTML' "$TMP/err.txt" || true)
echo "pn-parse speed: $npages pages in $best_cpu ms of CPU on one core = $((npages * 1000 / best_cpu)) pages/s" \
	"(wall $best_wall ms = $((npages * 1000 / best_wall)) pages/s; best of 3; $skipped pages warned about)"

PEER=$PN_SHARED/tools/peers/run_readability_lxml.py
if [ -f "$PEER" ] && /usr/bin/python3 -c 'import readability, html_text' 2> /dev/null; then
	t=$( { time "${ONE_CORE[@]}" /usr/bin/python3 "$PEER" "$SET" "$TMP/rl.json" > "$TMP/peer.txt" 2> /dev/null; } 2>&1 )
	read -r wall user sys <<< "$t"
	echo "peer (same machine, one core): $(tail -1 "$TMP/peer.txt")"
	echo "peer CPU time: $(python3 -c "print(f'{$npages / ($user + $sys):.0f}')") pages/s (interpreter start included)"
else
	echo "peer: readability-lxml not installed (apt-get install python3-readability python3-html-text)"
fi
