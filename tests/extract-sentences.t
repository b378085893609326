#!/usr/bin/env bash
# extract-sentences.t - evidence sentences: where pn-extract splits, seen
# through the `sentence` of the events it finds.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

sent() { # sent TEXT -> the evidence sentence of each event, one a line
	python3 -c 'import json,sys; print(json.dumps({"text": sys.argv[1], "published": "2024-06-01"}))' "$1" |
		pn-extract 2>/dev/null |
		python3 -c 'import json,sys; [print(e["sentence"]) for l in sys.stdin for e in json.loads(l)["events"]]'
}

is "$(sent 'Markets rose. The U.S. FDA approved zelatinib in May 2024. Dr. Ruiz said it works.')" \
	"The U.S. FDA approved zelatinib in May 2024." "abbreviations (U.S.) do not end a sentence, '. The' does"
is "$(sent 'Quorant raised funds * * * * The FDA approved zelatinib in May 2024 for gout')" \
	"The FDA approved zelatinib in May 2024 for gout" "a run of '* * *' ends a sentence"
is "$(sent $'Headline without a stop\nThe FDA approved zelatinib in May 2024')" \
	"The FDA approved zelatinib in May 2024" "a line break ends a sentence"
is "$(sent '“The FDA approved zelatinib in May 2024.” Sales rose.')" \
	"“The FDA approved zelatinib in May 2024.”" "a closing quote stays with its sentence (curly quotes kept in output)"
done_testing
