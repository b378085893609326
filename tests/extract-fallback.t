#!/usr/bin/env bash
# extract-fallback.t - the lead fallback (extract/events_fallback.c,
# rules/events-fallback.rules): general trigger words read only in the title
# and the lead's first sentence, kept only where no other rule found an
# event in the lead, with a product, and without a veto word.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

python3 - >"$TMP/in.jsonl" <<'PY'
import json
DL = "BOSTON, June 18, 2025 (GLOBE NEWSWIRE) -- Kestrel Bio, Inc. (Nasdaq: KSTL) "
arts = {
    # the title states a readout in words no specific rule knows
    "title": "Kestrel Bio Plans Restructuring Following Positive Preliminary Clinical Data from its KMT-0742 "
             "Phase 1/2 Study\n\n" + DL + "today outlined cost measures across its programs.",
    # the same words past the lead's first sentence: out of scope
    "body": "Kestrel Bio Outlines Cost Measures\n\n" + DL + "today outlined cost measures across its programs. "
            "The company also discussed the board. Following preliminary clinical data from its KMT-0742 "
            "study, the board met.",
    # a plan: "to be presented" after the trigger, dated by the presentation
    "planned": "Kestrel Readies KMT-0742 Data for Its EULAR Debut, to be Presented June 12, 2026\n\n" + DL +
               "today outlined its congress plans.",
    # a veto word: preclinical data are not a trial result
    "veto": "Kestrel Bio Plans Restructuring Following Positive Preclinical Data from its KMT-0742 Program\n\n" +
            DL + "today outlined cost measures across its programs.",
    # no product named: no event
    "noproduct": "Kestrel Bio Plans Restructuring Following Positive Preliminary Clinical Data\n\n" + DL +
                 "today outlined cost measures across its programs.",
    # a specific rule found the lead's event: the supporting data are not a second event
    "covered": "FDA Approves Kestrel's Lomatinib for Adults with Gout\n\n" + DL + "today announced that the "
               "U.S. Food and Drug Administration has approved lomatinib, following positive data from two "
               "Phase 3 trials.",
    # a quarterly report's lead lists restated milestones
    "report": "Kestrel Bio Reports First Quarter 2025 Financial Results\n\n" + DL + "today reported its "
              "results, following preliminary clinical data from its KMT-0742 Phase 1/2 study.",
}
for i, text in arts.items():
    print(json.dumps({"id": i, "url": "file://" + i, "published": "2025-06-18", "title": "", "text": text}))
PY
extract_in
lead_events() { python3 -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["id"] == sys.argv[2]:
        print(" ".join("%s:%s:%s:%s:%s" % (e["type"], e["status"], e["drug"], e["date"], e["rule"].startswith("event.fallback."))
                       for e in r["events"]))' "$1" "$2"; }
is "$(lead_events "$TMP/out.jsonl" title)" "trial_result:completed:KMT-0742:2025-06-18:True" \
	"a readout in the title: a fallback trial result, dated by the dateline"
is "$(lead_events "$TMP/out.jsonl" body | grep -c True)" "0" "trigger words past the lead's first sentence: no fallback event"
is "$(lead_events "$TMP/out.jsonl" planned)" "trial_result:planned:KMT-0742:2026-06-12:True" \
	"'to be presented June 12, 2026': a planned result dated by the presentation"
is "$(lead_events "$TMP/out.jsonl" veto)" "" "preclinical data (a veto word): no event"
is "$(lead_events "$TMP/out.jsonl" noproduct)" "" "no drug or lab code: no event"
is "$(lead_events "$TMP/out.jsonl" covered | grep -c True)" "0" \
	"an approval found by a specific rule: no fallback trial result from its supporting data"
is "$(lead_events "$TMP/out.jsonl" report | grep -c True)" "0" "a financial report: no fallback event"

# The fallback is data: without rules/events-fallback.rules there is none.
rules_copy rules
rm "$TMP/rules/events-fallback.rules"
PN_RULES_DIR="$TMP/rules" pn-extract "$TMP/in.jsonl" >"$TMP/out2.jsonl" 2>"$TMP/err2"
ok $? "pn-extract exits 0 without events-fallback.rules"
is "$(lead_events "$TMP/out2.jsonl" title)" "" "without events-fallback.rules: no event in the title case"
done_testing
