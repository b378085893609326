#!/usr/bin/env bash
# extract-entities.t - entity recognition on sentences written for this test:
# INN stems, FDA suffixes, brands and lab codes linked to INNs, regulators with
# historical names, companies and short forms, targets, modalities, trials,
# people with roles, "the drug" resolved to the main drug.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

python3 - >"$TMP/in.jsonl" <<'PY'
import json
text = "\n\n".join([
    "BOSTON, May 2, 2024 \u2013 Quarrow Therapeutics (\u201cQuarrow\u201d) today said the CFDA had accepted its filing for "
    "vetracabtagene autoleucel injection (vetra-cel, commercially known as Vetrana), a BCMA-directed CAR-T therapy.",
    "Quarrow also develops lorvatamab-xbzq, an antibody against B-cell maturation antigen (BCMA), and the small "
    "molecules pelvotinib (QRW-2281) and tamociclib.",
    "The KFDA reviewed the siRNA drug zenosiran, and an antibody-drug conjugate, dravotug, entered the clinic.",
    "Brellin (orsatinib) and onaparnogene rilvaparvovec are partnered with Halvik Biosciences Inc.",
    "In the Phase 3 TOWER-2 study, adults with relapsed or refractory multiple myeloma responded.",
    "\u201cThe data are strong,\u201d said Dr. Maren Holt, Chief Medical Officer of Quarrow. The drug will be sold under the brand name Vetrana.",
])
print(json.dumps({"id": "t1", "url": "file://t1", "published": "2024-05-02", "text": text}))
PY
extract_in
# type|name|aliases|attrs|number of mentions
python3 - "$TMP/out.jsonl" >"$TMP/ents" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    for e in json.loads(line)["entities"]:
        print("%s|%s|%s|%s|%d" % (e["type"], e["name"], ",".join(e["aliases"]),
                                  json.dumps(e["attrs"], sort_keys=True), len(e["mentions"])))
PY
sed 's/^/# /' "$TMP/ents"
ent() { grep -E -- "$1" "$TMP/ents" | head -1; }
has() { [ -n "$(ent "$1")" ]; ok $? "$2"; }

has '^drug\|vetracabtagene autoleucel\|.*vetra-cel' "-leucel INN with its short form"
has '^drug\|vetracabtagene autoleucel\|.*"brand": "Vetrana"' "brand linked by 'commercially known as'"
has '^drug\|lorvatamab\|lorvatamab-xbzq' "-mab with FDA four-letter suffix: INN is the name, suffixed form an alias"
has '^drug\|pelvotinib\|QRW-2281' "-tinib with its lab code in parentheses"
has '^drug\|tamociclib\|.*"inn": "tamociclib", "stem": "-ciclib"' "-ciclib, with inn and stem attrs"
has '^drug\|zenosiran\|' "-siran"
has '^drug\|dravotug\|' "-tug"
has '^drug\|orsatinib\|Brellin' "brand before the INN in parentheses"
has '^drug\|onaparnogene rilvaparvovec\|' "two-word gene therapy INN (-gene ... -vec)"
has '^regulator\|NMPA\|CFDA\|.*"jurisdiction": "CN"' "CFDA is the historical name of NMPA"
has '^regulator\|MFDS\|KFDA' "KFDA is the historical name of MFDS"
has '^company\|Quarrow Therapeutics\|Quarrow' "company with its short form"
has '^company\|Halvik Biosciences\|' "company by suffix"
has '^target\|BCMA\|' "target BCMA"
has '^modality\|CAR-T\|' "modality CAR-T"
has '^modality\|siRNA\|' "modality siRNA"
has '^modality\|ADC\|' "modality ADC"
has '^trial\|TOWER-2\|.*"phase": "3"' "trial with its phase"
has '^indication\|multiple myeloma\|' "indication"
has '^person\|Maren Holt\|.*"org": "Quarrow Therapeutics".*"role": "Chief Medical Officer"' "person with role and organisation"
m=$(ent '^drug\|vetracabtagene autoleucel\|' | awk -F'|' '{print $NF}')
ok $([ "${m:-0}" -ge 4 ]; echo $?) "main drug gathers its name, short form, brand and 'the drug' ($m mentions)"
ok $([ -z "$(ent '^lab_code\|QRW-2281')" ]; echo $?) "a lab code linked to a drug is not a lab_code entity of its own"
ok $([ -z "$(ent '^drug\|vetrana\|')" ]; echo $?) "a brand is not a drug of its own"
done_testing
