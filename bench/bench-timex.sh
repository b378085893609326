#!/usr/bin/env bash
# bench-timex.sh - scores pn-extract --tag-timex on TempEval-3 platinum (the
# test set) with shared/tools/score_timex.py and prints it next to
# HeidelTime's published TempEval-3 result and the peer runs in
# shared/bench/tempeval3/peer-output.
#
#   bench/bench-timex.sh [--train]     --train also scores TimeBank and AQUAINT
#
# Environment: PN_BIN (directory of pn-extract, default build/), PN_SHARED
# (default ../shared), PN_RULES_DIR (default rules/). Needs python3.
# Exit: 0 done, 2 usage, 4 missing shared data or tools.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${PN_BIN:-$ROOT/build}
SHARED=${PN_SHARED:-$ROOT/../shared}
export PN_RULES_DIR=${PN_RULES_DIR:-$ROOT/rules}
TE3=$SHARED/bench/tempeval3
SCORER=$SHARED/tools/score_timex.py

train=0
case ${1:-} in
'') ;;
--train) train=1 ;;
-h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
*) echo "usage: bench/bench-timex.sh [--train]" >&2; exit 2 ;;
esac
for f in "$TE3/platinum" "$SCORER" "$BIN/pn-extract"; do
	[ -e "$f" ] || { echo "bench-timex: $f is missing" >&2; exit 4; }
done
command -v python3 >/dev/null || { echo "bench-timex: python3 is needed for the scorer" >&2; exit 4; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bench-timex.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# score NAME GOLD_DIR PRED_JSONL: one JSON result per system in $tmp/res/
mkdir -p "$tmp/res"
score() {
	python3 "$SCORER" score --gold "$2" --pred "$3" --quiet --json "$tmp/res/$1.json" >/dev/null
}

# run SET GOLD_DIR: export, tag (timed), score.
run() {
	python3 "$SCORER" export --gold "$2" --out "$tmp/$1" >/dev/null
	local t0 t1
	t0=$(date +%s.%N)
	"$BIN/pn-extract" --tag-timex --docs-jsonl --chars "$tmp/$1/docs.jsonl" >"$tmp/$1.jsonl"
	t1=$(date +%s.%N)
	score "pn-extract $1" "$2" "$tmp/$1.jsonl"
	printf '%s: %d documents, %s bytes tagged in %.3f s\n' "$1" "$(wc -l <"$tmp/$1/docs.jsonl")" \
		"$(wc -c <"$tmp/$1/docs.jsonl")" "$(echo "$t1 - $t0" | bc -l)"
}

run platinum "$TE3/platinum"
for p in "$TE3"/peer-output/*.jsonl; do
	score "$(basename "$p" .jsonl) platinum" "$TE3/platinum" "$p"
done
if [ $train = 1 ]; then
	run TimeBank "$TE3/train/TimeBank"
	run AQUAINT "$TE3/train/AQUAINT"
fi

python3 - "$tmp/res" <<'PY'
import json, os, sys
res = sys.argv[1]
# HeidelTime-t on TE3-platinum, Task A (UzZaman et al., SemEval-2013 Task 1,
# Table 3): the best value F1 of the task.
rows = [("HeidelTime-t platinum (published)", 81.34, 90.30, None, None, 77.61)]
names = sorted(os.listdir(res), key=lambda n: (not n.startswith("pn-extract"), n))
for n in names:
    t = json.load(open(os.path.join(res, n)))["total"]
    rows.append((n[:-5], 100 * t["strict"]["F1"], 100 * t["relaxed"]["F1"], 100 * t["type"]["accuracy"],
                 100 * t["type"]["F1"], 100 * t["value"]["F1"]))
print(f"{'system':42s} {'strict F1':>9s} {'relax F1':>9s} {'type acc':>9s} {'type F1':>9s} {'value F1':>9s}")
f = lambda v: f"{v:9.2f}" if v is not None else f"{'-':>9s}"
for r in rows:
    print(f"{r[0]:42s} " + " ".join(f(v) for v in r[1:]))
PY
