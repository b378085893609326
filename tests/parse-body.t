#!/usr/bin/env bash
# Body extraction on small pages: text in a div split by <br>, an article
# split into same-class sections around a picture, a wrapper whose class
# looks like boilerplate, a page that already holds the next story, a
# results table, a page whose text only its JSON-LD holds.
. "$(dirname "$0")/lib.sh"
FIX=$PN_ROOT/tests/fixtures/parse/body
body() { pn-parse "$FIX/$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["text"])'; }
paras() { printf '%s\n' "$1" | python3 -c 'import sys; print(len(sys.stdin.read().strip().split("\n\n")))'; }

t=$(body br-text.html)
like "$t" '^The regional health board confirmed' "br page: text written directly in a div"
like "$t" 'officials added\.$' "br page: text after the pictures kept"
is "$(paras "$t")" 3 "br page: <br><br> separates paragraphs"
printf '%s' "$t" | grep -q 'Posted by\|Home'
is "$?" 1 "br page: navigation and footer left out"

t=$(body sections.html)
like "$t" '^The plant on the edge of town' "sections: first part"
like "$t" 'before shipment\.$' "sections: second part, past the picture"
is "$(paras "$t")" 4 "sections: four paragraphs"
printf '%s' "$t" | grep -q 'bioreactor hall\|newsletter\|Science Weekly'
is "$?" 1 "sections: caption, newsletter box and navigation left out"

t=$(body misleading.html)
like "$t" '^The hospital trust.s board approved' "misleading wrapper class: text found anyway"
is "$(paras "$t")" 3 "misleading wrapper class: all three paragraphs"
t=$(body next-story.html)
like "$t" 'takes several months\.$' "endless page: the story itself"
printf '%s' "$t" | grep -q 'university hospital'
is "$?" 1 "endless page: the next story (same classes, another <article>) left out"
t=$(body table.html)
is "$(paras "$t")" 3 "table: one paragraph between the two around it"
is "$(printf '%s\n' "$t" | sed -n 3,6p)" \
	"$(printf '%s\n' 'Arm | Patients | EASI-75 at week 16' 'NT-204 150 mg | 84 | 52%' 'NT-204 300 mg | 86 | 61%' 'Placebo | 85 | 18%')" \
	"table: a line per row, cells joined by |"
t=$(body script-built.html)
like "$(printf '%s\n' "$t" | head -1)" '^The FDA lifted the clinical hold' "script-built page: JSON-LD articleBody used"
is "$(paras "$t")" 3 "script-built page: its paragraphs kept"
t=$(body script-built-markup.html)
like "$(printf '%s\n' "$t" | head -1)" "^The European Commission granted conditional marketing authorisation to Orvanta Bio's lupus antibody on Monday\.\$" \
	"script-built page: HTML inside articleBody becomes text (tags dropped, entities decoded)"
is "$(paras "$t")" 3 "script-built page: HTML articleBody keeps its paragraphs and list item, drops its script"
done_testing
