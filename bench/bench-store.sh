#!/usr/bin/env bash
# bench-store.sh - load speed of pn-store against the sqlite3 shell
# importing the same rows.
#
#   PN_BIN=dir       directory holding pn-store (default $BUILD, which
#                    "make BUILD=dir bench-store" passes, else build/)
#   N=20000 M=5      articles, events per article
#   TEXT="300 2000"  body sizes in bytes to run (one line of results each)
#   BENCH_DIR=dir    where the generated input and databases go (default a
#                    temporary directory, removed at the end)
#
# For each body size it generates N enriched articles (bench/gen-store.py:
# M events, 6 entities and 8 mentions each), then times
#   pn-store   pn-store load into a new database (FTS5, entities, aliases,
#              mentions, events, canonical events, all indexes)
#   shell      sqlite3 .import of the same articles and events as CSV into
#              two plain tables (no FTS, no index): the floor
#   shell+fts  the same plus an FTS5 index over title and text
# and prints wall-clock rates and rates per CPU second (user + sys), which
# are what "one core" means when the machine is shared.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PN_BIN=${PN_BIN:-$ROOT/${BUILD:-build}}
N=${N:-20000}
M=${M:-5}
TEXT=${TEXT:-"300 2000"}
command -v sqlite3 >/dev/null || { echo "bench-store: needs the sqlite3 shell" >&2; exit 2; }
[ -x "$PN_BIN/pn-store" ] || { echo "bench-store: no $PN_BIN/pn-store (make first)" >&2; exit 2; }
if [ -n "${BENCH_DIR:-}" ]; then
	D=$BENCH_DIR; mkdir -p "$D"
else
	D=$(mktemp -d "${TMPDIR:-/tmp}/bench-store.XXXXXX"); trap 'rm -rf "$D"' EXIT
fi

# run LABEL ARTICLES EVENTS CMD...: prints one result line.
run() {
	local label=$1 n=$2 e=$3 t
	shift 3
	t=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>"$D/err"; } 2>&1 ) ||
		{ echo "bench-store: $label failed:"; cat "$D/err"; exit 1; } >&2
	awk -v l="$label" -v n="$n" -v e="$e" -v t="$t" 'BEGIN {
		split(t, x, " "); cpu = x[2] + x[3]
		printf "  %-10s %6.2f s wall %6.2f s cpu   %8.0f articles/s %9.0f events/s wall   %8.0f articles/s %9.0f events/s cpu\n",
		       l, x[1], cpu, n / x[1], e / x[1], n / cpu, e / cpu }'
}

shell_import() {
	sqlite3 "$1" <<EOF
PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
CREATE TABLE articles (id TEXT, url TEXT, title TEXT, published TEXT, text TEXT);
CREATE TABLE events (article TEXT, seq INTEGER, type TEXT, status TEXT, date TEXT,
  date_grain TEXT, drug TEXT, company TEXT, agency TEXT, jurisdiction TEXT, sentence TEXT,
  sentence_start INTEGER, sentence_end INTEGER, rule TEXT, rules_version TEXT);
$2
.mode csv
.import $D/csv/articles.csv articles
.import $D/csv/events.csv events
$3
EOF
}

echo "bench-store: $N articles x $M events, $(sqlite3 --version | cut -d' ' -f1) shell, pn-store from $PN_BIN"
for text in $TEXT; do
	python3 "$ROOT/bench/gen-store.py" -n "$N" -m "$M" --text "$text" --csv "$D/csv" > "$D/in.jsonl"
	echo "body ~$text bytes, input $(( $(stat -c %s "$D/in.jsonl") / 1048576 )) MiB JSONL:"
	rm -f "$D"/*.db*
	run pn-store "$N" $((N * M)) "$PN_BIN/pn-store" load -q -d "$D/pn.db" "$D/in.jsonl"
	run shell "$N" $((N * M)) shell_import "$D/shell.db" "" ""
	run shell+fts "$N" $((N * M)) shell_import "$D/fts.db" \
		"CREATE VIRTUAL TABLE fts USING fts5 (title, text, content='articles');" \
		"INSERT INTO fts (fts) VALUES ('rebuild');"
done
