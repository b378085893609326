#!/usr/bin/env bash
# extract-timex.t - pn-extract --tag-timex: resolution against the DCT, every
# grain, intervals, durations/sets/times (tests/fixtures/extract/timex/
# cases.tsv), the rule examples, and the CLI (usage, errors, offsets).
. "$(dirname "$0")/lib.sh"
FIX=$PN_ROOT/tests/fixtures/extract/timex

# Only the timex rules, so that this test is about them.
mkdir -p "$TMP/rules/gazetteers"
cp "$PN_RULES_DIR"/timex*.rules "$PN_RULES_DIR/VERSION" "$TMP/rules/"
cp "$PN_RULES_DIR"/gazetteers/timex_*.tsv "$PN_RULES_DIR"/gazetteers/cues.tsv "$TMP/rules/gazetteers/" 2>/dev/null
export PN_RULES_DIR=$TMP/rules

out=$(pn-extract --check-rules 2>&1)
ok $? "the examples of rules/timex*.rules pass"
[ $? -eq 0 ] || printf '%s\n' "$out" | grep -v '^ok' | sed 's/^/# /' | head -20

# One line per span: TYPE VALUE TEXT, joined by " | " ("-" for none).
spans() {
	pn-extract --tag-timex --dct "$1" | sed -E 's/.*"type":"([A-Z]+)","value":"([^"]*)","text":"([^"]*)".*/\1 \2 \3/' |
		paste -sd'|' | sed 's/|/ | /g'
}
while IFS=$'\t' read -r dct sentence want; do
	case $dct in '#'* | '') continue ;; esac
	got=$(printf '%s\n' "$sentence" | spans "$dct")
	is "${got:--}" "$want" "[$dct] $sentence"
done <"$FIX/cases.tsv"

# Intervals carry "pair", the offset of the other end.
got=$(echo "Doses were given in January and February 2025." | pn-extract --tag-timex --dct 2025-06-18 | grep -o '"pair":-\?[0-9]*' | paste -sd' ')
is "$got" '"pair":1 "pair":-1' "interval ends point at each other"

# Without a DCT relative expressions stay underspecified.
got=$(echo "Sales rose last month, on Tuesday and in March." | spans "" 2>/dev/null)
[ -z "$got" ] && got=$(echo "Sales rose last month, on Tuesday and in March." | pn-extract --tag-timex |
	sed -E 's/.*"value":"([^"]*)".*/\1/' | paste -sd' ')
is "$got" "PAST_REF XXXX-WXX-2 XXXX-03" "no --dct: PAST_REF, XXXX-WXX-2, XXXX-03"

# Byte offsets by default, code points with --chars; folding keeps offsets.
printf 'Caf\xc3\xa9 sales\xe2\x80\x94in March 2024\n' >"$TMP/u.txt"
got=$(pn-extract --tag-timex "$TMP/u.txt" | grep -o '"start":[0-9]*,"end":[0-9]*')
is "$got" '"start":17,"end":27' "byte offsets into the original text"
got=$(pn-extract --tag-timex --chars "$TMP/u.txt" | grep -o '"start":[0-9]*,"end":[0-9]*')
is "$got" '"start":14,"end":24' "--chars: code point offsets"
got=$(printf 'Sales were flat 2019\xe2\x80\x932021.\n' | pn-extract --tag-timex | grep -o '"text":"[^"]*"' | paste -sd' ')
is "$got" '"text":"2019" "text":"2021"' "an en dash is folded to '-' before matching"

# score_timex.py's docs.jsonl; a bad line is reported and counted.
cat >"$TMP/docs.jsonl" <<'JSONL'
{"doc":"d1","dct":"2013-03-22","text":"The vote is on Friday."}
{"doc":"d2","text":"no dct here in 1999"}
not json
{"doc":"d3","dct":"2013-02-30","text":"bad dct"}
JSONL
out=$(pn-extract --tag-timex --docs-jsonl "$TMP/docs.jsonl" 2>"$TMP/err")
is $? 1 "--docs-jsonl with bad lines exits 1"
like "$out" '"doc":"d1".*"value":"2013-03-22"' "--docs-jsonl: doc and dct of each line"
like "$out" '"doc":"d2".*"value":"1999"' "--docs-jsonl: dct is optional"
like "$(cat "$TMP/err")" 'docs.jsonl:3: ' "bad JSON named by file:line"
like "$(cat "$TMP/err")" 'docs.jsonl:4: .*dct' "bad dct named by file:line"

# CLI errors.
pn-extract --tag-timex -h >"$TMP/h" 2>&1
is $? 0 "-h exits 0"
like "$(cat "$TMP/h")" 'usage: pn-extract --tag-timex' "-h prints the usage"
pn-extract --tag-timex --dct 2025-13-01 </dev/null 2>"$TMP/err"
is $? 2 "a bad --dct is a usage error"
like "$(cat "$TMP/err")" '--dct' "and says which option"
pn-extract --tag-timex --bogus </dev/null >/dev/null 2>&1
is $? 2 "an unknown option is a usage error"
pn-extract --tag-timex "$TMP/missing.txt" 2>"$TMP/err"
is $? 4 "a missing input exits 4"
like "$(cat "$TMP/err")" 'missing.txt' "and names the file"
pn-extract --tag-timex "$TMP" 2>"$TMP/err"
is $? 4 "a directory as input exits 4"
like "$(cat "$TMP/err")" 'Is a directory' "with the system's reason"
printf 'in March 2024 \xff\xfe end\n' | pn-extract --tag-timex >"$TMP/o" 2>"$TMP/err"
is $? 0 "invalid UTF-8 is repaired, not fatal"
like "$(cat "$TMP/err")" 'invalid UTF-8' "with a warning"
like "$(cat "$TMP/o")" '"value":"2024-03"' "and tagging goes on"

# A bad timex rule stops the program with exit 3 and file:line.
cp -R "$TMP/rules" "$TMP/bad"
printf 'rule timex.bad\n  kind      timex\n  type      DATE\n  pattern   (?<year>\\d{4})\n  set       colour=blue\n' >"$TMP/bad/timex-bad.rules"
PN_RULES_DIR=$TMP/bad pn-extract --tag-timex </dev/null 2>"$TMP/err"
is $? 3 "an unknown set attribute is a rules error"
like "$(cat "$TMP/err")" 'timex-bad.rules:5: rule timex.bad: unknown timex attribute "colour"' "named by file:line"
printf 'rule timex.bad\n  kind      timex\n  type      DAY\n  pattern   (?<yr>\\d{4})\n' >"$TMP/bad/timex-bad.rules"
PN_RULES_DIR=$TMP/bad pn-extract --tag-timex </dev/null 2>"$TMP/err"
is $? 3 "an unknown capture or type is a rules error"
like "$(cat "$TMP/err")" 'timex-bad.rules:4: .*unknown capture \(\?<yr>\)' "unknown capture named by file:line"

# The tense words are data: a bad tense value is a rules error too, and
# without the file only the -ed rule is left.
rm -f "$TMP/bad/timex-bad.rules"
printf 'name\ttense\nwill\tlater\n' >"$TMP/bad/gazetteers/timex_tense.tsv"
PN_RULES_DIR=$TMP/bad pn-extract --tag-timex </dev/null 2>"$TMP/err"
is $? 3 "a bad tense in timex_tense.tsv is a rules error"
like "$(cat "$TMP/err")" 'timex_tense.tsv:2: tense must be past, future or none' "named by file:line"
rm "$TMP/bad/gazetteers/timex_tense.tsv"
got=$(echo "The committee will vote on Friday." | PN_RULES_DIR=$TMP/bad pn-extract --tag-timex --dct 2025-06-18 | grep -o '"value":"[^"]*"')
is "$got" '"value":"2025-06-20"' "without timex_tense.tsv: the nearest Friday"

done_testing
