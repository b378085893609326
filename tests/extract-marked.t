#!/usr/bin/env bash
# extract-marked.t - a product named only with a trade mark sign
# ("Vexagraft(TM)", "WoundEx(R)") is a drug entity and the product of an
# event whose sentence names no other drug or lab code; not a platform, a
# trial, a company or a congress, not the product of a deal, never the
# main drug (extract/entities_marked.c, events_slots.c).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

python3 - >"$TMP/in.jsonl" <<'PY'
import json
R, TM = "\u00ae", "\u2122"
arts = {
    "title": "Corvane's Vexagraft" + TM + " Shows Positive Results in Knee Cartilage Repair",
    "tail": "Norvale Announces the Launch of Kestra Plus" + R + " for Home Use",
    "known": "Kestrel Presents Positive Results of zelvatinib with its SAFEshield" + TM + " Sensor in Gout",
    "platform": "Corvane Presents Positive Data from Its ProtoMap" + TM + " platform in Lupus",
    "trial": "Positive results from the RIVERA" + R + " outcome trial were presented today.",
    "company": "Marvex" + R + " Biosciences Presents Positive Results of MVX-12 in Gout",
    "deal": "Corvane to acquire Norvale, maker of GlideCore" + TM + " wound dressings",
    "glued": "The FDA approved Zelvex" + R + "for adults with gout.",
    "congress": "Positive results were presented at The Gout Meeting" + R + " in May 2025.",
    "study": "Corvane Announces Collaboration with Norvale on WoundEx" + R + " Phase III Study",
    "short": "Norvale to acquire Kestrel Regenerative Sciences (\"KestRS" + TM + "\") for $2 billion",
}
for i, text in arts.items():
    print(json.dumps({"id": i, "url": "file://" + i, "published": "2025-06-18", "title": text, "text": text}))
PY
extract_in
drugs_of() { events_of "$TMP/out.jsonl" "$1" type drug; }
is "$(drugs_of title)" "trial_result:Vexagraft" "Name(TM) in a results title: the product"
is "$(drugs_of tail)" "launch:Kestra Plus" "Name Plus(R): the name takes the word before its tail"
is "$(drugs_of known)" "trial_result:zelvatinib" "a known drug in the sentence wins over a marked name"
is "$(drugs_of platform)" "trial_result:None" "Name(TM) platform: no product"
is "$(drugs_of trial)" "trial_result:None" "Name(R) outcome trial: a trial, no product"
is "$(drugs_of company)" "trial_result:MVX-12" "Name(R) Biosciences: a company"
is "$(drugs_of deal)" "acquisition:GlideCore" "a deal in the lead takes a marked name as its product"
is "$(drugs_of study)" "agreement:WoundEx" "Name(R) Phase III Study: a study of the product"
is "$(drugs_of short)" "acquisition:None" "a company's short name with a sign is no product"
is "$(drugs_of congress)" "trial_result:None" "The Name Meeting(R): a congress"
python3 - "$TMP/out.jsonl" >"$TMP/kinds" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    for e in r["entities"]:
        if e["type"] == "drug" and e["attrs"].get("kind") == "marked":
            print(r["id"], e["name"])
PY
is "$(grep -c . "$TMP/kinds")" "4" "four marked drug entities (Vexagraft, Kestra Plus, GlideCore, WoundEx)"
is "$(grep -c '^glued' "$TMP/kinds")" "0" "Name(R)glued to the next word: not taken"
done_testing
