#!/usr/bin/env bash
# extract-restated.t - a past event told again ("was recently approved",
# "As previously announced, the trial met ...") has no date of its own:
# it is not dated by the release's dateline, which dates the news only
# (docs/evaluation.md section 2); a date written in its clause still dates
# it, and a mark that belongs to the trial ("the recently completed trial")
# does not count. So is a deal, a launch or a missed endpoint in the
# bullets of a quarterly report.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

python3 - >"$TMP/in.jsonl" <<'PY'
import json
arts = [
    ("recent", "Zelvora was recently approved by the European Commission for adults with gout."),
    ("prev", "As previously announced, the Phase 3 KESTREL trial of zelatinib met its primary endpoint."),
    ("news", "Velora Bio today announced that the European Commission has approved Zelvora for adults with gout."),
    ("dated", "Zelvora was recently approved by the European Commission in March 2024."),
    ("trial", "Velora Bio today announced that the recently completed Phase 3 KESTREL trial of zelatinib met its primary endpoint."),
    ("copy", "Velora Bio to Present Data at the Gout Congress\n\nVelora Bio granted Fast Track Designation by the FDA for zelatinib\n\nSeparately, zelatinib was recently granted Fast Track Designation by the FDA."),
    ("since", "The FDA approved Zelvora, the first new treatment approved in this class since 2015."),
    ("newly", "Velora Bio announced today a long-term agreement with a strategic partner to enhance access to Zelvora in the U.S. market, the newly U.S. Food and Drug Administration (FDA) approved high-concentration biosimilar."),
    ("report", "Velora Bio Reports Second-Quarter 2024 Financial Results\n\nBusiness development * The company entered into an exclusive license agreement with Kemet Pharma for zelatinib."),
    ("report-dateline", "Velora Bio Reports Second-Quarter 2024 Financial Results * Zelatinib Met Primary Endpoint in Phase 3 KESTREL Trial BOSTON -- Velora Bio today announced financial results for the second quarter of 2024."),
    ("report-quarter", "Velora Bio Reports Second-Quarter 2024 Financial Results\n\nVelora Bio submitted a request for Emergency Use Authorization of zelatinib to the FDA during the quarter."),
    ("report-dated", "Velora Bio Reports Second-Quarter 2024 Financial Results\n\nZelatinib was approved by the FDA during the first quarter of 2024."),
    ("report-year", "Velora Bio Reports Second-Quarter 2024 Financial Results\n\n- Sales guidance for 2024 was raised - The Phase 3 KESTREL trial of zelatinib met its primary endpoint."),
    ("report-meeting", "Velora Bio Reports Second-Quarter 2024 Financial Results\n\nThe Phase 3 KESTREL trial of zelatinib met its primary endpoint, as presented at the 2024 Gout Society Annual Meeting."),
    ("report-today", "Velora Bio Reports Second-Quarter 2024 Financial Results\n\nBusiness development * Today the company entered into an exclusive license agreement with Kemet Pharma for zelatinib."),
]
for i, text in arts:
    print(json.dumps({"id": i, "url": "file://" + i, "published": "2024-06-24", "title": "", "text": text}))
PY
extract_in
date_of() { events_of "$TMP/out.jsonl" "$1" type date; }
is "$(date_of recent)" "approval:None" "recently approved: undated"
is "$(date_of prev)" "trial_result:None" "as previously announced, met: undated"
is "$(date_of news)" "approval:2024-06-24" "news of today: dated by publication"
is "$(date_of dated)" "approval:2024-03" "recently approved in March 2024: the written date"
is "$(date_of trial)" "trial_result:2024-06-24" "the recently completed trial: the result is today's news"
is "$(events_of "$TMP/out.jsonl" copy type date | tr ' ' '\n' | sort -u | tr '\n' ' ')" "designation:None " "a sub-title's event told again as recent: the copy loses the publication date"
is "$(date_of since)" "approval:2024-06-24" "'since 2015' starts a period: not the approval's date"
is "$(events_of "$TMP/out.jsonl" newly type date | tr ' ' '\n' | sort | tr '\n' ' ')" "agreement:2024-06-24 approval:None " "'announced today an agreement for X, the newly FDA approved ...': today is the agreement's, not the approval's"
is "$(date_of report)" "agreement:None" "a deal in a quarterly report's bullet: undated"
is "$(date_of report-dateline)" "trial_result:None" "a report's title bullet run into its dateline: the report's today is not its date"
is "$(date_of report-quarter)" "submission:None" "'during the quarter' of a report is its period: undated"
is "$(date_of report-dated)" "approval:2024-Q1" "... but a quarter written with its year is a date"
is "$(date_of report-year)" "trial_result:None" "the report's year run into its bullets: undated"
is "$(date_of report-meeting)" "trial_result:2024" "... but a meeting's year still dates"
is "$(date_of report-today)" "agreement:2024-06-24" "... unless its bullet says today"
done_testing
