#!/usr/bin/env bash
# The bundled demo end to end: fetch -> parse -> extract -> store over demo/pages, then the
# acceptance events of the Macau CAR-T article must be in the database.
. "$(dirname "$0")/lib.sh"

export PN_BIN PN_DEMO_DB=$TMP/demo.db PN_DEMO_OUT=$TMP/out
"$PN_ROOT/demo/run.sh" >"$TMP/run.out" 2>"$TMP/run.err"
ok $? "demo/run.sh exits 0"
[ -s "$TMP/run.err" ] && sed 's/^/# stderr: /' "$TMP/run.err" | head -20

n=$(grep -c '"id"' "$TMP/out/articles.jsonl")
is "$n" "$(ls "$PN_ROOT"/demo/pages/*.html | wc -l)" "every demo page became an article"
like "$(cat "$TMP/run.out")" "approval" "the summary lists approvals"

q() { sqlite3 -batch -noheader "$PN_DEMO_DB" "$1"; }
ev() { # ev TYPE AGENCY DATE DESCRIPTION
	local got
	got=$(q "SELECT count(*) FROM events_v WHERE type = '$1' AND agency = '$2' AND date = '$3'
	         AND drug = 'equecabtagene autoleucel'")
	ok $([ "${got:-0}" -ge 1 ]; echo $?) "$4"
}
ev approval ISAF 2025-03-18 "Macau approval dated by the publication date"
ev approval NMPA 2023-06 "NMPA approval in June 2023"
ev acceptance HSA 2025-01 "HSA Singapore acceptance, January 2025 (respectively)"
ev acceptance "Hong Kong DoH" 2025-02 "Hong Kong Department of Health acceptance, February 2025 (respectively)"

got=$(q "SELECT date_grain FROM events_v WHERE type = 'approval' AND agency = 'NMPA' AND date = '2023-06'")
is "$got" "month" "NMPA approval has month grain"
got=$(q "SELECT count(*) FROM events_v WHERE type = 'delivery' AND date = '2024-12'")
ok $([ "${got:-0}" -ge 1 ]; echo $?) "delivery to patients in December 2024"
got=$(q "SELECT count(*) FROM events_v WHERE type = 'agreement' AND date = '2022-11'")
ok $([ "${got:-0}" -ge 1 ]; echo $?) "research agreement in November 2022"
got=$(q "SELECT count(*) FROM events_v e JOIN articles a ON a.id = e.article_id
         WHERE e.agency = 'ISAF' AND instr(a.text, e.sentence) > 0")
ok $([ "${got:-0}" -ge 1 ]; echo $?) "evidence sentence comes from the article text"

# loading the same articles again replaces their rows instead of duplicating them
before=$(q "SELECT count(*) FROM events"):$(q "SELECT count(*) FROM articles")
pn-store load -d "$PN_DEMO_DB" "$TMP/out/enriched.jsonl" 2>/dev/null
ok $? "reloading the demo output succeeds"
is "$(q "SELECT count(*) FROM events"):$(q "SELECT count(*) FROM articles")" "$before" "reload adds no duplicates"
done_testing
