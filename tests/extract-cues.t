#!/usr/bin/env bash
# extract-cues.t - rules/gazetteers/cues.tsv, the event pass's word lists: entries
# starting or ending with a space are quoted and keep their spaces; a list missing
# from the file, an unknown or badly written one stops pn-extract with exit 3 and
# file(:line).
. "$(dirname "$0")/lib.sh"
CUES="$PN_RULES_DIR/gazetteers/cues.tsv"
[ -f "$CUES" ] || skip_all "no $CUES"

# the spaces that matter: every entry with a space at an end is quoted
like "$(grep -P '^combination_joins\t' "$CUES")" '	" in combination with "\|' "combination_joins: leading and trailing spaces quoted"
like "$(grep -P '^clause_breaks\t' "$CUES")" '"-  "' "clause_breaks: a dash and two spaces kept"
bad=$(grep -v '^#' "$CUES" | cut -f2 | tr '|' '\n' | grep -E '^[^"].* $|^ [^"]*$|^[^"]*[^"] $' | head -3)
is "$bad" "" "no unquoted entry starts or ends with a space"

printf '{"text":"Acme announced that the FDA approved Vexatinib and Zorbamab duo for adults with melanoma.","published":"2024-03-01"}\n' >"$TMP/in.jsonl"

# a rules dir with cues.tsv changed one way at a time
mk() { rm -rf "$TMP/r"; cp -r "$PN_RULES_DIR" "$TMP/r"; }
run() { pn-extract --rules "$TMP/r" "$@" <"$TMP/in.jsonl" >"$TMP/out" 2>"$TMP/err"; echo $?; }
mk
is "$(run)" 0 "the rules as shipped load"
cp "$TMP/out" "$TMP/out0"

mk; sed -i '/^results_verbs\t/d' "$TMP/r/gazetteers/cues.tsv"
is "$(run)" 3 "a list missing: exit 3"
like "$(cat "$TMP/err")" "cues\.tsv: no list results_verbs" "a list missing: the file and the list named"

mk; sed -i 's/^results_verbs\t/result_verbs\t/' "$TMP/r/gazetteers/cues.tsv"
is "$(run)" 3 "an unknown list: exit 3"
like "$(cat "$TMP/err")" "cues\.tsv:[0-9]+: no list of the event code is called result_verbs" "an unknown list: file:line"

mk; sed -i 's/^\(partner_marks\t\)"with "/\1with /' "$TMP/r/gazetteers/cues.tsv"
is "$(run)" 3 "an unquoted trailing space: exit 3"
like "$(cat "$TMP/err")" "cues\.tsv:[0-9]+: an entry starting or ending with a blank must be quoted" "unquoted space: file:line"

mk; sed -i 's/^\(dose_units\t\)mg\/kg|/\1mg\/kg||/' "$TMP/r/gazetteers/cues.tsv"
is "$(run)" 3 "an empty entry: exit 3"

mk; sed -i 's/^\(clause_breaks\t\)"; "/\1and/' "$TMP/r/gazetteers/cues.tsv"
is "$(run)" 3 "a clause break not starting with one of ' ,;-': exit 3"
like "$(cat "$TMP/err")" "cues\.tsv:[0-9]+: clause break \"and\"" "bad clause break: file:line"

mk; rm "$TMP/r/gazetteers/cues.tsv"
is "$(run)" 3 "no cues.tsv: exit 3"
like "$(cat "$TMP/err")" "gazetteers/cues\.tsv: missing" "no cues.tsv: the file named"

# the lists are read from the file: with " duo" among the words after a list
# of drugs that make it one regimen, the two drugs are one combination event
mk
n0=$(grep -o '"type":"approval"' "$TMP/out0" | wc -l)
sed -i 's/^\(combination_after\t\)/\1" duo"|/' "$TMP/r/gazetteers/cues.tsv"
is "$(run)" 0 "with \" duo\" added: loads"
n1=$(grep -o '"type":"approval"' "$TMP/out" | wc -l)
is "$n0 -> $n1" "2 -> 1" "with \" duo\" added: one approval for the combination instead of one per drug"

# the trade mark lists too: a name followed by (R) is a product unless
# marked_stop lists it (a platform, a congress ...)
printf '{"text":"Norvale Reports Positive Phase 2 Results of Zelqa\xc2\xae in Asthma. The trial met its primary endpoint.","published":"2024-05-02"}\n' >"$TMP/in.jsonl"
mk
is "$(run)" 0 "a (R)-marked name: loads"
like "$(cat "$TMP/out")" '"name":"Zelqa"' "a (R)-marked name is a drug entity"
sed -i 's/^\(marked_stop\t\)/\1Zelqa|/' "$TMP/r/gazetteers/cues.tsv"
is "$(run)" 0 "with Zelqa in marked_stop: loads"
grep -q '"name":"Zelqa"' "$TMP/out"; ok $((!$?)) "with Zelqa in marked_stop: no drug entity"

done_testing
