#!/usr/bin/env bash
# extract-rules.t - the rules engine: every rule example holds (--check-rules),
# broken rules stop pn-extract with exit 3 and file:line, bad input lines are
# skipped and counted, --explain names the rule behind each span.
. "$(dirname "$0")/lib.sh"
has() { grep -Eq -- "$2" "$1"; ok $? "$3"; }   # has FILE EREGEX DESCRIPTION

pn-extract --check-rules >"$TMP/check" 2>"$TMP/err"
ok $? "--check-rules: every example of rules/ holds"
n=$(grep -c '^ok ' "$TMP/check")
is "$(grep -c '^not ok ' "$TMP/check")" 0 "no failing example ($n passing)"
grep -A4 '^not ok' "$TMP/check" | head -20 | sed 's/^/# /'
has "$TMP/check" '^1\.\.[0-9]+$' "TAP plan"

# A rules dir with one broken thing at a time (plus the timex rules, for dates).
mk() { rm -rf "$TMP/r"; mkdir -p "$TMP/r/gazetteers"; echo test-1 >"$TMP/r/VERSION"
       printf 'name\taliases\tjurisdiction\nFDA\tFood and Drug Administration\tUS\n' >"$TMP/r/gazetteers/regulators.tsv"
       cp "$PN_RULES_DIR"/timex*.rules "$TMP/r/" 2>/dev/null
       cp "$PN_RULES_DIR"/gazetteers/timex_*.tsv "$PN_RULES_DIR"/gazetteers/cues.tsv "$TMP/r/gazetteers/" 2>/dev/null
       printf 'rule t.reg\n  kind entity\n  type regulator\n  lookup regulators\n' >"$TMP/r/0.rules"
       cat >"$TMP/r/a.rules"; }
run() { pn-extract --rules "$TMP/r" "$@" </dev/null >"$TMP/out" 2>"$TMP/err"; echo $?; }

mk <<'R'
# ok
rule t.ok
  kind event
  type approval
  pattern \bapproved (?<drug>[a-z]+
R
is "$(run)" 3 "bad regex: exit 3"
like "$(cat "$TMP/err")" "a\.rules:5: rule t\.ok: PCRE2 error at offset [0-9]+: missing closing parenthesis" "bad regex: file:line and the PCRE2 message"

mk <<'R'
rule t.macro
  kind entity
  type drug
  pattern {NOPE}x
R
is "$(run)" 3 "unknown macro: exit 3"
like "$(cat "$TMP/err")" "a\.rules:4: \{NOPE\}: no such define" "unknown macro: file:line"

mk <<'R'
define A
  pattern x{B}

define B
  pattern y{A}

rule t.cycle
  kind entity
  type drug
  pattern {A}
R
is "$(run)" 3 "macro cycle: exit 3"
like "$(cat "$TMP/err")" "cycle" "macro cycle reported"

mk <<'R'
rule t.cap
  kind event
  type approval
  pattern (?<dgru>approved)
R
is "$(run)" 3 "unknown capture name: exit 3"
like "$(cat "$TMP/err")" "a\.rules:4: rule t\.cap: unknown capture \(\?<dgru>\)" "unknown capture: file:line"

mk <<'R'
rule t.attr
  kind event
  typo approval
  pattern approved
R
is "$(run)" 3 "unknown attribute: exit 3"
like "$(cat "$TMP/err")" "a\.rules:3: rule t\.attr: unknown attribute 'typo'" "unknown attribute: file:line"

mk <<'R'
rule t.gaz
  kind entity
  type regulator
  pattern \b(?<name>{@regulatorz})\b
R
is "$(run)" 3 "missing gazetteer: exit 3"
like "$(cat "$TMP/err")" "a\.rules:4: \{@regulatorz\}: no gazetteer" "missing gazetteer: file:line"

mk <<'R'
rule t.ex
  kind event
  type approval
  set need=agency
  pattern \b(?<trigger>approved)\b
  example+ The FDA approved zelatinib in May 2024.
  expect agency=FDA
  expect date=2024-05
  example+ The FDA approved zelatinib in May 2024.
  expect agency=EMA
  example- Zelatinib was approved in Japan.
R
is "$(run --check-rules)" 3 "failing example: --check-rules exits 3"
has "$TMP/out" "^ok [0-9]+ - .*a\.rules:6: t\.ex example\+" "passing example+ reported ok with file:line"
has "$TMP/out" "^not ok [0-9]+ - .*a\.rules:9: t\.ex example\+" "failing expect reported not ok with file:line"
has "$TMP/out" "agency: got \"FDA\", expected EMA" "the failing expect says what it got"
has "$TMP/out" "^ok [0-9]+ - .*a\.rules:11: t\.ex example-" "example- without agency does not fire"

# `words`: the rule only runs on sentences holding one of its words.
mk <<'R'
rule t.words
  kind event
  type approval
  set need=agency
  words approved
  pattern \b(?<trigger>approved|cleared)\b
  example+ The FDA approved zelatinib in May 2024.
  example- The FDA cleared zelatinib in May 2024.

rule t.badword
  kind event
  type approval
  words approv*
  pattern approved
R
is "$(run)" 3 "a word with a wildcard is an error"
like "$(cat "$TMP/err")" "a\.rules:13: rule t\.badword: words: 'approv\*' is not one word" "bad word reported at file:line"
sed -i '/^rule t.badword/,$d' "$TMP/r/a.rules"
is "$(run --check-rules)" 0 "words: runs where the word is, not elsewhere"

# The same rules over JSONL: a bad line is warned, skipped, counted (exit 1).
mk <<'R'
rule t.ok
  kind event
  type approval
  set need=agency
  pattern \b(?<trigger>approved)\b
R
printf '%s\n' '{"text":"The FDA approved zelatinib in May 2024.","published":"2024-06-01"}' 'not json' \
	'{"title":"no text"}' '{"text":"Nothing here."}' >"$TMP/in.jsonl"
pn-extract --rules "$TMP/r" --explain "$TMP/in.jsonl" >"$TMP/out" 2>"$TMP/err"
is $? 1 "bad lines: exit 1"
is "$(grep -c . "$TMP/out")" 2 "good lines still written"
like "$(cat "$TMP/err")" "in\.jsonl:2: bad JSON" "bad JSON named by file:line"
like "$(cat "$TMP/err")" "in\.jsonl:3: no \"text\" string" "record without text named by file:line"
like "$(cat "$TMP/err")" "a\.rules:1: t\.ok event/approval \[[0-9]+,[0-9]+\) \"approved\"" "--explain: rule, file:line, span and text"
like "$(head -1 "$TMP/out")" '"rule":"t\.ok"' "event carries its rule id"
like "$(head -1 "$TMP/out")" '"rules_version":"test-1"' "event carries rules/VERSION"

pn-extract -h >"$TMP/out"; ok $? "-h exits 0"
like "$(cat "$TMP/out")" "usage: pn-extract" "-h prints usage"
pn-extract --bogus </dev/null >/dev/null 2>&1; is $? 2 "unknown option: exit 2"
pn-extract "$TMP/missing.jsonl" >/dev/null 2>"$TMP/err"; is $? 4 "unreadable input: exit 4"
# `anchor`: tried only at the words it names; --check-rules catches an anchor that loses a match.
mk <<'R'
rule t.inn
  kind entity
  type drug
  anchor endings mab
  pattern \b[a-z]+(?:mab|tinib)\b
  example+ Patients took zelatinib daily.
R
pn-extract --rules "$TMP/r" --check-rules >"$TMP/check" 2>&1
is $? 3 "anchor endings that miss a match: --check-rules exit 3"
has "$TMP/check" 'anchor: the pattern of line 5 matches at "zelatinib' "the lost match is named"
sed -i 's/anchor endings mab/anchor endings mab ib/' "$TMP/r/a.rules"
pn-extract --rules "$TMP/r" --check-rules >"$TMP/check" 2>&1
ok $? "anchor endings covering every match: --check-rules passes"
echo '{"text":"Patients took zelatinib and then rovumab."}' >"$TMP/in.jsonl"
run "$TMP/in.jsonl" >/dev/null
like "$(cat "$TMP/out")" '"name":"zelatinib".*"name":"rovumab"' "anchored rule finds both drugs"
sed -i 's/anchor endings mab ib/anchor endings m4b/' "$TMP/r/a.rules"
is "$(run)" 3 "bad anchor ending: exit 3"
like "$(cat "$TMP/err")" "a\.rules:4: rule t\.inn: anchor: 'm4b'" "bad anchor ending: file:line"

# `anchor words`: tried only where a run of letters is one of the words (not a longer run ending so).
mk <<'R'
rule t.met
  kind event
  type trial_result
  anchor words met
  pattern \b(?<trigger>met|achieved) (?:its|the) primary endpoint\b
  example+ The trial met its primary endpoint.
  example+ The trial achieved the primary endpoint.
R
pn-extract --rules "$TMP/r" --check-rules >"$TMP/check" 2>&1
is $? 3 "anchor words that miss a match: --check-rules exit 3"
has "$TMP/check" 'anchor: the pattern of line 5 matches at "achieved' "the lost match is named"
sed -i 's/anchor words met/anchor words met achieved/' "$TMP/r/a.rules"
pn-extract --rules "$TMP/r" --check-rules >"$TMP/check" 2>&1
ok $? "anchor words covering every match: --check-rules passes"
echo '{"text":"Vexatinib met its primary endpoint. Unmet its primary endpoint."}' >"$TMP/in.jsonl"
run "$TMP/in.jsonl" >/dev/null
is "$(grep -o '"rule":"t.met"' "$TMP/out" | wc -l)" 1 "anchored rule: one event, not at the 'met' inside 'Unmet'"
sed -i 's/anchor words met achieved/anchor words met achieved\n  anchor endings ib/' "$TMP/r/a.rules"
is "$(run)" 3 "anchor words and endings together: exit 3"
like "$(cat "$TMP/err")" "a\.rules:5: rule t\.met: anchor: endings or words, not both" "words and endings: file:line"

done_testing
