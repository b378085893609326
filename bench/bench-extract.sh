#!/usr/bin/env bash
# bench-extract.sh - pn-extract speed and event accuracy on real press releases.
#
#   PN_BIN=build-x ./bench/bench-extract.sh [SETS]    (PN_BIN defaults to build/)
#
# Speed: every Lilly and Merck newsroom body of /work/shared/corpus (SETS, default
# "lilly,merck"; also pfizer, gnw) is turned into article JSONL in a temp dir, and
# pn-extract runs over it on one core (taskset -c 0, best of 3, JSON reading and
# writing included). Prints MB/s of article text (bytes of the "text" fields, 1 MB =
# 10^6 bytes) against the >= 20 MB/s per core target, by wall clock and by CPU time.
# Where the time goes: PN_PROFILE=1 pn-extract ... (docs/extract.md).
# Accuracy: runs bench/eval-events.py (gold set tests/fixtures/extract/gold/, see
# docs/evaluation.md) and prints its table.
# Needs the shared data (PN_SHARED, default ../shared); exits 0 with a message when
# it is missing.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PN_BIN=${PN_BIN:-$ROOT/build}
PN_SHARED=${PN_SHARED:-$ROOT/../shared}
SETS=${1:-lilly,merck}
EXTRACT=$PN_BIN/pn-extract
TARGET=20

if [ ! -d "$PN_SHARED/corpus" ]; then
	echo "bench-extract: $PN_SHARED/corpus not found: shared data missing, nothing measured"
	exit 0
fi
[ -x "$EXTRACT" ] || { echo "bench-extract: $EXTRACT not built" >&2; exit 4; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/bench-extract.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
ONE_CORE=()
command -v taskset > /dev/null && ONE_CORE=(taskset -c 0)
export PN_NO_PROGRESS=1 PN_SHARED

read -r nrec nbytes < <(python3 "$ROOT/bench/eval-events.py" corpus-articles "$TMP/articles.jsonl" "$SETS") ||
	{ echo "bench-extract: cannot build the article JSONL" >&2; exit 1; }
# CPU time (user+sys) as well as wall clock: on a shared machine the wall clock
# also counts the time other processes hold core 0.
TIMER=()
[ -x /usr/bin/time ] && TIMER=(/usr/bin/time -f '%U %S' -o "$TMP/cpu.txt")
best= bestcpu=
for run in 1 2 3; do
	start=$(date +%s%N)
	"${TIMER[@]}" "${ONE_CORE[@]}" "$EXTRACT" -o "$TMP/out.jsonl" "$TMP/articles.jsonl" 2> "$TMP/err.txt"
	rc=$?
	ns=$(($(date +%s%N) - start))
	if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then best=$ns; fi
	if [ -s "$TMP/cpu.txt" ]; then
		cpu=$(awk '{printf "%d", ($1 + $2) * 1e9}' "$TMP/cpu.txt")
		if [ -z "$bestcpu" ] || [ "$cpu" -lt "$bestcpu" ]; then bestcpu=$cpu; fi
	fi
done
if [ "$rc" -gt 1 ]; then
	echo "bench-extract: pn-extract failed (exit $rc):" >&2
	tail -5 "$TMP/err.txt" >&2
	exit "$rc"
fi
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
nev=$(python3 -c 'import json,sys; print(sum(len(json.loads(l).get("events") or []) for l in open(sys.argv[1]) if l.strip()))' "$TMP/out.jsonl")
awk -v b="$nbytes" -v ns="$best" -v cpu="${bestcpu:-0}" -v n="$nrec" -v ev="$nev" -v t="$TARGET" -v sets="$SETS" -v load="$load" 'BEGIN {
	s = ns / 1e9; mbs = b / 1e6 / s
	printf "pn-extract speed (%s): %d articles, %.1f MB of text, %d events, best of 3 on one core: %.2f s = %.1f MB/s (target >= %d MB/s: %s)\n",
		sets, n, b / 1e6, ev, s, mbs, t, (mbs >= t ? "met" : "NOT met")
	if (cpu > 0)
		printf "CPU time (user+sys), best of 3: %.2f s = %.1f MB/s per core\n", cpu / 1e9, b / 1e6 / (cpu / 1e9)
	printf "(machine load average %s while measuring: wall-clock numbers from a busy machine are pessimistic)\n", load
}'
echo
echo "event accuracy (bench/eval-events.py):"
python3 "$ROOT/bench/eval-events.py"
