#!/usr/bin/env bash
# extract-trial-dates.t - trial results dated from the sentences around
# them (extract/events_trial.c, docs/evaluation.md section 2): a
# presentation ahead is dated by the presentation (a range of days: its
# month, also when it opens on the dateline; a day in the lead refines the congress month), never by the
# dateline; one that states results is completed and dated by the release;
# readouts restated in a financial report are undated; several readout
# dates give one event each; a partner drug is not the drug tested.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

python3 - >"$TMP/in.jsonl" <<'PY'
import json
dl = "BOSTON, May 20, 2025 (GLOBE NEWSWIRE) -- Kestrel Bio, Inc. "
arts = [
    ("range", "Kestrel Bio to Present Phase 2 Data for KST-101 at the Gout Congress\n\n" + dl +
     "today announced that it will present clinical data on KST-101 at the Gout Congress, "
     "taking place June 5-8, 2025, in Vienna."),
    ("refine", "Phase 2 Data Evaluating Lomatinib in Gout to be Highlighted in a Late-Breaking "
     "Presentation at The Liver Meeting 2025\n\nRIVER-2 to be featured in an oral presentation on Monday, November 10"),
    ("lead", "Kestrel Bio to Present Results from Phase 2b RIVER Study of Lomatinib in Gout\n\n"
     "Investor webcast on Tuesday, June 10 at 8:00 a.m. ET to present clinical data"),
    ("results", "Kestrel Bio to Present Additional Data from the Phase 1 Trial of KST-101 at the EHA 2025 Congress\n\n"
     "- Observed encouraging complete response rates as of the March 1, 2025 data cutoff -"),
    ("report", "Kestrel Bio Reports First Quarter 2025 Financial Results and Business Update\n\n"
     "- Company reported positive topline data from the Phase 2 trial of KST-101 in gout -"),
    ("readouts", "Kestrel Bio Reports First Quarter 2025 Financial Results\n\n"
     "- Enrollment on track, with topline data expected for RIVER-1 in Q4 2025 and RIVER-2 in 2H 2026 for KST-101 -"),
    ("opening", "Kestrel Bio to Present Phase 2 Data for KST-101 at the Gout Congress\n\n" + dl +
     "today announced that it will present clinical data on KST-101 at the Gout Congress, "
     "taking place May 20-23, 2025, in Vienna."),
    ("fallback-range", "Kestrel Bio to Share Data on KST-101 at Upcoming Meetings\n\n"
     "Company to share data for KST-101 at the Gout Society Annual Meeting, June 5-8, in Vienna"),
    ("recent", "Kestrel Bio to Host Webcast on June 3, 2025\n\n"
     "Management to Highlight Recent Data on KST-101 Presented at the Gout Congress"),
    ("partner", "Lomatinib Phase 3 RIVER Trial Met Primary Endpoint as Maintenance Treatment with Bevacizumab "
     "in Advanced Gout"),
]
for i, text in arts:
    print(json.dumps({"id": i, "url": "file://" + i, "published": "2025-05-20T08:00:00-04:00",
                      "title": "", "text": text}))
PY
extract_in
trials() { python3 -c 'import json,sys
for l in open(sys.argv[1]):
    r = json.loads(l)
    if r["id"] == sys.argv[2]:
        print(" ".join(sorted(set("%s:%s:%s" % (e["drug"], e["status"], e["date"])
                                  for e in r["events"] if e["type"] == "trial_result"))))' "$TMP/out.jsonl" "$1"; }
is "$(trials range)" "KST-101:planned:2025-06" "a congress on June 5-8: planned, its month, not the dateline"
is "$(trials refine)" "lomatinib:planned:2025-11-10" "congress month refined by the day of the oral presentation"
is "$(trials lead)" "lomatinib:planned:2025-06-10" "undated title dated by the webcast of the lead"
is "$(trials results)" "KST-101:completed:2025-05-20" "results stated under a presentation title: completed, the release's day"
is "$(trials report)" "KST-101:completed:None" "readout restated in a financial report: undated"
is "$(trials readouts)" "KST-101:planned:2025-Q4 KST-101:planned:2026-H2" "two readout dates: two events"
is "$(trials opening)" "KST-101:planned:2025-05" "a congress opening on the dateline: planned, its month"
is "$(trials fallback-range)" "KST-101:planned:2025-06" "any planned result at a meeting of June 5-8: its month"
is "$(trials recent)" "KST-101:completed:None" "recent data discussed at a later webcast: done, undated"
is "$(trials partner)" "lomatinib:completed:2025-05-20" "the partner drug after 'with' is not the drug tested"
done_testing
