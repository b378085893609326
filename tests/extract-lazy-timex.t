#!/usr/bin/env bash
# extract-lazy-timex.t - without --timexes pn-extract tags only the start of
# each article, as far as its events need (extract/timex_run.c); the entities
# and events must be those of tagging the whole text (--timexes), on every
# rule example as an article and on real press releases, Lilly's and
# GlobeNewswire's (datelines one day after the feed date), when ../shared has
# them.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

same() { # same DESCRIPTION FILE: events and entities with and without --timexes
	pn-extract "$2" >"$TMP/lazy.jsonl" 2>"$TMP/err"
	ok $? "$1: pn-extract runs"
	pn-extract --timexes "$2" | python3 -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    o.pop("timexes", None)
    print(json.dumps(o, ensure_ascii=False, separators=(",", ":")))' >"$TMP/full.jsonl"
	python3 -c '
import json, sys
for line in sys.stdin:
    print(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")))' <"$TMP/lazy.jsonl" >"$TMP/lazy2.jsonl"
	cmp -s "$TMP/lazy2.jsonl" "$TMP/full.jsonl"
	ok $? "$1: same entities and events as with every timex tagged ($(wc -l <"$TMP/full.jsonl") articles)"
	cmp -s "$TMP/lazy2.jsonl" "$TMP/full.jsonl" || diff "$TMP/lazy2.jsonl" "$TMP/full.jsonl" | head -4 | cut -c1-300 | sed 's/^/# /'
}

each_extract_input same
done_testing
