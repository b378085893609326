#!/usr/bin/env bash
# extract-demo.t - the acceptance article (demo/pages/iaso-eque-cel-macau.html):
# the six events with their agencies, dates and grains, and the main entities.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

page="$PN_ROOT/demo/pages/iaso-eque-cel-macau.html"
# The article record comes from pn-parse; if that stage is broken, from the
# page's <p> elements, so this test only judges pn-extract.
if ! pn-parse "$page" >"$TMP/a.jsonl" 2>/dev/null || ! grep -q '"text"' "$TMP/a.jsonl"; then
	python3 - "$page" >"$TMP/a.jsonl" <<'PY'
import html, json, re, sys
src = open(sys.argv[1], encoding="utf-8").read()
paras = [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in re.findall(r"<p[^>]*>(.*?)</p>", src, re.S)]
print(json.dumps({"id": "demo", "url": "file://demo", "published": "2025-03-18T08:30:00+08:00",
                  "text": "\n\n".join(p for p in paras if p)}))
PY
fi
pn-extract "$TMP/a.jsonl" >"$TMP/e.jsonl" 2>"$TMP/err"
ok $? "pn-extract exits 0"

# one line per event: type|agency|date|grain|status|drug|date_source
python3 - "$TMP/e.jsonl" >"$TMP/ev" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    for e in json.loads(line)["events"]:
        print("|".join(str(e.get(k)) for k in ("type", "agency", "date", "date_grain", "status", "drug", "date_source")))
PY
ev=$(cat "$TMP/ev")
has() { grep -qxF -- "$1" "$TMP/ev"; ok $? "$2"; }
D="equecabtagene autoleucel"
has "approval|ISAF|2025-03-18|day|completed|$D|published" "Macau approval by ISAF, dated by the publication date"
has "approval|NMPA|2023-06|month|completed|$D|text" "NMPA approval in June 2023 (month grain)"
has "acceptance|HSA|2025-01|month|completed|$D|text" "HSA Singapore acceptance in January 2025 (respectively)"
has "acceptance|Hong Kong DoH|2025-02|month|completed|$D|text" "Hong Kong DoH acceptance in February 2025 (respectively)"
has "delivery|None|2024-12|month|completed|$D|text" "delivery to patients in December 2024 (drug via the brand Fucaso)"
has "agreement|None|2022-11|month|completed|$D|text" "research collaboration agreement in November 2022"
is "$(grep -c . "$TMP/ev")" 6 "exactly six events (no undated 'approved in China', no 'Since its launch')"
[ "$(grep -c . "$TMP/ev")" = 6 ] || printf '# %s\n' "$ev"

# entities
python3 - "$TMP/e.jsonl" >"$TMP/ents" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    for e in json.loads(line)["entities"]:
        print("%s|%s|%s|%s" % (e["type"], e["name"], ",".join(sorted(e["aliases"])), json.dumps(e["attrs"], sort_keys=True)))
PY
like "$(grep '^drug|equecabtagene autoleucel|' "$TMP/ents")" "eque-cel.*Fucaso|Fucaso.*eque-cel" "drug has aliases eque-cel and Fucaso"
like "$(grep '^company|' "$TMP/ents")" "IASO Biotherapeutics\|.*IASO Bio" "company IASO Biotherapeutics a.k.a. IASO Bio"
like "$(grep '^person|' "$TMP/ents")" "Wen Jinhua.*Founder, Chairman and CEO" "person Wen Jinhua, Founder, Chairman and CEO"
like "$(grep '^target|' "$TMP/ents")" "^target\|BCMA\|" "target BCMA"
like "$(grep '^modality|' "$TMP/ents")" "^modality\|CAR-T\|" "modality CAR-T"
like "$(grep '^regulator|' "$TMP/ents" | cut -d'|' -f2 | sort | tr '\n' ' ')" "HSA Hong Kong DoH ISAF NMPA" "regulators HSA, Hong Kong DoH, ISAF, NMPA"

# offsets are byte offsets into the original text (curly quotes included)
python3 - "$TMP/e.jsonl" <<'PY'
import json, sys
bad = 0
for line in open(sys.argv[1]):
    a = json.loads(line); b = a["text"].encode("utf-8")
    for e in a["entities"]:
        for m in e["mentions"]:
            bad += b[m["start"]:m["end"]].decode("utf-8") != m["text"]
    for e in a["events"]:
        bad += b[e["sentence_start"]:e["sentence_end"]].decode("utf-8") != e["sentence"]
sys.exit(1 if bad else 0)
PY
ok $? "mention and sentence offsets are byte offsets into text"

# PN_NO_JIT=1 runs the same rules interpreted (for valgrind, which cannot follow JIT code)
PN_NO_JIT=1 pn-extract --timexes "$TMP/a.jsonl" >"$TMP/nojit.jsonl" 2>/dev/null
cmp -s "$TMP/nojit.jsonl" <(pn-extract --timexes "$TMP/a.jsonl" 2>/dev/null)
ok $? "same output with and without JIT"
# valgrind cannot run a sanitizer build
if command -v valgrind >/dev/null && ! ldd "$PN_BIN/pn-extract" 2>/dev/null | grep -q libasan; then
	PN_NO_JIT=1 valgrind -q --error-exitcode=9 --leak-check=full pn-extract --timexes "$TMP/a.jsonl" \
		>/dev/null 2>"$TMP/vg.err"
	ok $? "valgrind: no errors, no leaks"
fi
done_testing
