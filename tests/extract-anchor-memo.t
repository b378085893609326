#!/usr/bin/env bash
# extract-anchor-memo.t - the anchor candidates are found once and shared
# (by the patterns of a rule, and per article by rules with the same anchor
# lines, pnx_anchor_memo), and `anchor words` look only at the words listed
# for them (PNX_GAZ_ANCHOR_BIT); with PN_PLAIN_ANCHORS=1 every pattern walks
# the words for its own candidates. Both must give the same output and
# --explain, on every rule example as an article, on odd text (words cut at
# a sentence end, anchor words inside words with digits or non-ASCII bytes)
# and on real press releases (when ../shared has them).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

shared() { pn-extract --timexes --explain "$1"; }
plain() { PN_PLAIN_ANCHORS=1 pn-extract --timexes --explain "$1"; }
same() { same_runs "$1" "$2" shared plain "with shared and plain anchor candidates"; }

python3 -c '
import json
texts = [
    "Acme Therapeutics, Inc. said the FDA approved Zanfotinib and Belvimab. Zanfotinib2 met its endpoint.",
    "The U.S. FDA approved\u00e9 ofzelatinib in 2024. approved10mg launched-today; Q3launched. Inc",
    "Glorvimab, Glorvimab\u2019s and GLORVIMAB: the EMA approved it.\nAcme Bio Co., Ltd. announced",
    "Results showed that tirzepatide met the primary endpoint! Xyz Pharma AG. Lilly",
    "The EMA \u2022approved Zanfotinib in May 2024, and the FDA approved Belvimab in June 2024.",
]
for i, t in enumerate(texts):
    print(json.dumps({"id": i, "published": "2025-06-18", "text": t}))' >"$TMP/odd.jsonl"
same "odd text" "$TMP/odd.jsonl"
each_extract_input same
done_testing
