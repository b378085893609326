#!/usr/bin/env bash
# extract-multi.t - one event per product when a sentence names several for
# the same action ("launched A, B and C", "approved X and Y"), one event
# with the lead product for a combination ("X plus Y", "X in combination
# with Y", "X and Y together"), and one per deal whatever it covers
# (extract/events_multi.c, pnx_ev_drug_list).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

python3 - >"$TMP/in.jsonl" <<'PY'
import json
arts = {
    "list3": "Kestrel today launched zelvatinib, corvatinib and lomavir in Germany.",
    "list2": "The FDA approved zelvatinib and corvamab for adults with gout on May 2, 2025.",
    "paren": "Kestrel today announced that the FDA has approved Zelvex (zelvatinib) and Corvio (corvamab) for adults with gout.",
    "results": "Results for zelvatinib and corvamab were presented at the ASCO Annual Meeting on June 1, 2025.",
    "combo": "The FDA approved zelvatinib in combination with corvamab for adults with gout on May 2, 2025.",
    "plus": "The FDA approved corvamab plus zelvatinib for adults with gout on May 2, 2025.",
    "together": "Zelvatinib 700 mg and corvamab 1400 mg together met the primary endpoint of the RIVER trial.",
    "combination-of": "The FDA has accepted the application for the fixed-dose combination tablet of zelvatinib and corvamab.",
    "comparators": "Zelvatinib met its primary endpoint in a trial compared with corvamab and lomavir.",
    "versus": "Based on the survival benefit of zelvatinib in adults with advanced gout versus lomavir, Kestrel plans to submit a marketing application in 2026.",
    "versus-list": "Based on the survival benefit of zelvatinib in adults with advanced gout compared to once-daily corvamab, lomavir and tesdarin, Kestrel plans to submit a marketing application in 2026.",
    "deal": "Kestrel signed a license agreement with Borvane Therapeutics for zelvatinib and corvamab.",
}
for i, text in arts.items():
    print(json.dumps({"id": i, "url": "file://" + i, "published": "2025-06-18", "title": "", "text": text}))
PY
extract_in
drugs_of() { events_of "$TMP/out.jsonl" "$1" type drug date; }
is "$(drugs_of list3)" "launch:zelvatinib:2025-06-18 launch:corvatinib:2025-06-18 launch:lomavir:2025-06-18" \
	"launched A, B and C: three launches, same date"
is "$(drugs_of list2)" "approval:zelvatinib:2025-05-02 approval:corvamab:2025-05-02" "approved X and Y: two approvals"
is "$(drugs_of paren)" "approval:zelvatinib:2025-06-18 approval:corvamab:2025-06-18" \
	"Brand (INN) and Brand (INN): two approvals"
is "$(drugs_of results)" "trial_result:zelvatinib:2025-06-01 trial_result:corvamab:2025-06-01" \
	"results for X and Y were presented: two results"
is "$(drugs_of combo)" "approval:zelvatinib:2025-05-02" "X in combination with Y: one approval, drug X"
is "$(drugs_of plus)" "approval:corvamab:2025-05-02" "X plus Y: one approval, drug X"
is "$(drugs_of together)" "trial_result:zelvatinib:2025-06-18" "X 700 mg and Y 1400 mg together: one result, drug X"
is "$(drugs_of combination-of)" "acceptance:zelvatinib:2025-06-18" "combination tablet of X and Y: one acceptance, drug X"
is "$(drugs_of comparators)" "trial_result:zelvatinib:2025-06-18" "compared with Y and Z: comparators, one result"
is "$(drugs_of versus)" "submission:zelvatinib:2026" "X versus Y, then the trigger: Y (nearer) is the comparator, X the product"
is "$(drugs_of versus-list)" "submission:zelvatinib:2026" "compared to once-daily Y, Z and W: all comparators"
is "$(drugs_of deal)" "agreement:zelvatinib:2025-06-18" "a deal for X and Y: one agreement"
done_testing
