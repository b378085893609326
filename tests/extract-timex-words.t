#!/usr/bin/env bash
# extract-timex-words.t - the `words` of the timex rules only make the tagger
# faster: with them and without them (every pattern over the whole text) it
# finds the same timexes, on the timex cases, on every rule example sentence,
# on TempEval-3 platinum and on real press releases (when ../shared has them).
# A failure means a rule has a match that contains none of its words, or that
# starts more than 80 bytes before one (docs/timex.md, "Writing timex rules").
. "$(dirname "$0")/lib.sh"

rules_copy with without
# the same rules without the `words` lines of the timex rules (a block runs
# from a column-0 line to the next one)
for f in "$TMP"/without/*.rules; do
	awk 'function flush() { for (i = 1; i <= nb; i++) if (!(timex && b[i] ~ /^[ \t]+words[ \t]/)) print b[i]; nb = 0; timex = 0 }
		/^[^ \t]/ { flush() } { b[++nb] = $0 } /^[ \t]+kind[ \t]+timex[ \t]*$/ { timex = 1 } END { flush() }' "$f" >"$f.tmp" &&
		mv "$f.tmp" "$f"
done
counts=$(awk '/^rule /{if (t) {n++; if (w) nw++} t=0; w=0} /^  kind *timex/{t=1} /^  words /{w=1}
	END{if (t) {n++; if (w) nw++} print nw+0, n+0}' "$PN_RULES_DIR"/*.rules)
nw=${counts% *}
n=${counts#* }
ok $([ "$nw" -gt 0 ]; echo $?) "some timex rules have words ($nw of $n)"

same() { # same DESCRIPTION CMD...: the command's output with and without words
	local desc=$1
	shift
	PN_RULES_DIR=$TMP/with "$@" >"$TMP/a.out" 2>&1
	PN_RULES_DIR=$TMP/without "$@" >"$TMP/b.out" 2>&1
	cmp -s "$TMP/a.out" "$TMP/b.out"
	ok $? "$desc: same output with and without timex words ($(wc -l <"$TMP/a.out") lines)"
	cmp -s "$TMP/a.out" "$TMP/b.out" || diff "$TMP/a.out" "$TMP/b.out" | head -6 | cut -c1-300 | sed 's/^/# /'
}

cut -f2 "$PN_ROOT/tests/fixtures/extract/timex/cases.tsv" | grep -v '^#' >"$TMP/cases.txt"
same "timex cases" pn-extract --tag-timex --dct 2025-06-18 "$TMP/cases.txt"

sed -n 's/^ *example[+-] *//p' "$PN_RULES_DIR"/*.rules >"$TMP/examples.txt"
same "rule examples" pn-extract --tag-timex --dct 2025-06-18 "$TMP/examples.txt"
SHARED=${PN_SHARED:-$PN_ROOT/../shared}
if [ -d "$SHARED/bench/tempeval3/platinum" ] && [ -f "$SHARED/tools/score_timex.py" ] && command -v python3 >/dev/null; then
	python3 "$SHARED/tools/score_timex.py" export --gold "$SHARED/bench/tempeval3/platinum" --out "$TMP/te" >/dev/null 2>&1
	same "TempEval-3 platinum" pn-extract --tag-timex --docs-jsonl "$TMP/te/docs.jsonl"
else
	ok 0 "# SKIP TempEval-3 platinum not in $SHARED"
fi
if [ -d "$SHARED/corpus" ] && command -v python3 >/dev/null &&
	PN_SHARED=$SHARED python3 "$PN_ROOT/bench/eval-events.py" corpus-articles "$TMP/all.jsonl" lilly >/dev/null 2>&1; then
	head -400 "$TMP/all.jsonl" >"$TMP/articles.jsonl"
	export PN_NO_PROGRESS=1
	same "400 press releases (--timexes)" pn-extract --timexes "$TMP/articles.jsonl"
else
	ok 0 "# SKIP no press release corpus in $SHARED"
fi
done_testing
