# tests/lib.sh - tiny TAP helpers for the shell tests (sourced by tests/*.t).
# PN_BIN names the directory holding pn-* (make test sets it).
set -u
PN_ROOT=$(cd "$(dirname "$0")/.." && pwd)
PN_BIN=${PN_BIN:-$PN_ROOT/build}
PN_SHARED=${PN_SHARED:-$PN_ROOT/../shared}
export PN_RULES_DIR=${PN_RULES_DIR:-$PN_ROOT/rules}
export PN_NO_PROGRESS=1
PATH=$PN_BIN:$PATH
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pn-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
_n=0
_fail=0

plan() { echo "1..$1"; }
ok() {       # ok COND-EXIT-STATUS DESCRIPTION  (use: cmd; ok $? "desc")
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $_n - $2"; else echo "not ok $_n - $2"; _fail=$((_fail + 1)); fi
}
is() {       # is GOT EXPECTED DESCRIPTION
	_n=$((_n + 1))
	if [ "$1" = "$2" ]; then echo "ok $_n - $3"
	else echo "not ok $_n - $3"; printf '#   got:      %s\n#   expected: %s\n' "$1" "$2"; _fail=$((_fail + 1)); fi
}
like() {     # like GOT EREGEX DESCRIPTION
	_n=$((_n + 1))
	if printf '%s' "$1" | grep -Eq -- "$2"; then echo "ok $_n - $3"
	else echo "not ok $_n - $3"; printf '#   got:      %s\n#   expected to match: %s\n' "$1" "$2" | head -20; _fail=$((_fail + 1)); fi
}
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
done_testing() { echo "1..$_n"; [ "$_fail" -eq 0 ]; }

# rules_copy NAME...: a copy of the rules directory in $TMP/NAME for each
# NAME, for tests that change the rules one way and compare.
rules_copy() {
	local d
	for d in "$@"; do
		mkdir -p "$TMP/$d" && cp -r "$PN_RULES_DIR"/. "$TMP/$d/"
	done
}

# extract_in: pn-extract over $TMP/in.jsonl into $TMP/out.jsonl (stderr in
# $TMP/err), one test that it exits 0.
extract_in() {
	pn-extract "$TMP/in.jsonl" >"$TMP/out.jsonl" 2>"$TMP/err"
	ok $? "pn-extract exits 0"
}

# events_of FILE ID FIELD...: the events of article ID in the enriched JSONL
# FILE, one "field:field:..." per event, space-separated (None for null).
events_of() {
	python3 -c 'import json, sys
path, id_, keys = sys.argv[1], sys.argv[2], sys.argv[3:]
for l in open(path):
    r = json.loads(l)
    if r["id"] == id_:
        print(" ".join(":".join("%s" % e[k] for k in keys) for e in r["events"]))' "$@"
}

# same_runs DESCRIPTION FILE A B WHAT [strip]: runs the commands (functions)
# "A FILE" and "B FILE", each printing enriched JSONL on stdout and
# --explain lines on stderr, and checks both streams are the same; with
# "strip", the explain lines' "rules-file:line: " prefix is cut first (when
# A and B read rule files whose lines are numbered differently). Shows the
# first lines that differ.
same_runs() {
	"$3" "$2" >"$TMP/a.out" 2>"$TMP/a.err"
	"$4" "$2" >"$TMP/b.out" 2>"$TMP/b.err"
	[ "${6:-}" = strip ] && sed -i -E 's/^[^ ]*:[0-9]+: //' "$TMP/a.err" "$TMP/b.err"
	cmp -s "$TMP/a.out" "$TMP/b.out" && cmp -s "$TMP/a.err" "$TMP/b.err"
	ok $? "$1: same output and --explain $5 ($(wc -l <"$TMP/a.out") articles)"
	local f
	for f in out err; do
		cmp -s "$TMP/a.$f" "$TMP/b.$f" || diff "$TMP/a.$f" "$TMP/b.$f" | head -6 | cut -c1-300 | sed 's/^/# /'
	done
}

# each_extract_input FN: runs "FN DESCRIPTION FILE" over article JSONL made of
# every rule example (published 2025-06-18), then over the first 400 Lilly
# and the first 400 GlobeNewswire releases of ../shared (a TAP skip when the
# corpus is missing). For tests that compare two ways of running pn-extract.
each_extract_input() {
	sed -n 's/^ *example[+-] *//p' "$PN_RULES_DIR"/*.rules | python3 -c '
import json, sys
for i, line in enumerate(sys.stdin):
    print(json.dumps({"id": i, "published": "2025-06-18", "text": line.rstrip("\n")}))' >"$TMP/examples.jsonl"
	"$1" "rule examples" "$TMP/examples.jsonl"
	local set
	for set in lilly gnw; do
		if [ -d "$PN_SHARED/corpus" ] &&
			PN_SHARED=$PN_SHARED python3 "$PN_ROOT/bench/eval-events.py" corpus-articles "$TMP/all.jsonl" $set >/dev/null 2>&1; then
			head -400 "$TMP/all.jsonl" >"$TMP/articles.jsonl"
			"$1" "400 press releases ($set)" "$TMP/articles.jsonl"
		else
			ok 0 "# SKIP no $set corpus in $PN_SHARED"
		fi
	done
}
