#!/usr/bin/env bash
# extract-dateline.t - news of "today" is dated by the release's dateline
# when the feed timestamp is the day before (a European or Asian release
# published in US Eastern time), whatever mark ends the dateline.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

python3 - >"$TMP/in.jsonl" <<'PY'
import json
lead = " Velora Bio today announced that the European Commission has approved Quintavax, its chikungunya vaccine."
arts = [
    ("dash", "SAINT-HERBLAIN, France, June 24, 2024 \u2013" + lead),
    ("wire", "TOKYO, June 24, 2024 (GLOBE NEWSWIRE) --" + lead),
    ("range", "Plans for June 24, 2024-2025 were set." + lead),
    ("same", "MAINZ, Germany, June 23, 2024 \u2013" + lead),
]
for i, text in arts:
    print(json.dumps({"id": i, "url": "file://" + i, "published": "2024-06-23T19:30:00-04:00",
                      "title": "", "text": text}))
PY
extract_in
date_of() { events_of "$TMP/out.jsonl" "$1" type date; }
is "$(date_of dash)" "approval:2024-06-24" "dateline ended by one dash: dated by the dateline"
is "$(date_of wire)" "approval:2024-06-24" "dateline ended by (GLOBE NEWSWIRE) --: dated by the dateline"
is "$(date_of range)" "approval:2024-06-23" "a year range is not a dateline: dated by publication"
is "$(date_of same)" "approval:2024-06-23" "dateline on the publication day: unchanged"
done_testing
