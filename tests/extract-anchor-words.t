#!/usr/bin/env bash
# extract-anchor-words.t - `anchor words` (and `anchor capitals before`) only
# make rules faster: with the anchors and without them (every pattern searched) pn-extract finds the same
# entities and events, on every rule example as an article and on real press
# releases (when ../shared has them). A failure means a pattern of an
# anchored rule can start at a word its `anchor words` line does not list
# (rules/README.md, "Speed"): add the word (or a capital is followed by none
# of the `before` words within its N spaces).
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

mkdir -p "$TMP/with" "$TMP/without"
cp -r "$PN_RULES_DIR"/. "$TMP/with/"
cp -r "$PN_RULES_DIR"/. "$TMP/without/"
sed -i '/^[ \t]\+anchor[ \t]\+words[ \t]/d' "$TMP"/without/*.rules
# `anchor capitals before N W ...` -> `anchor capitals`: the same lines, every capital tried
sed -i 's/^\([ \t]\+anchor[ \t]\+capitals\)[ \t].*/\1/' "$TMP"/without/*.rules
n=$(grep -c '^[ \t]\+anchor[ \t]\+words[ \t]' "$TMP"/with/*.rules | awk -F: '{s += $2} END {print s + 0}')
ok $([ "$n" -gt 0 ]; echo $?) "some rules have anchor words ($n)"

same() { # same DESCRIPTION FILE
	PN_RULES_DIR=$TMP/with pn-extract --explain "$2" >"$TMP/a.out" 2>"$TMP/a.err"
	PN_RULES_DIR=$TMP/without pn-extract --explain "$2" >"$TMP/b.out" 2>"$TMP/b.err"
	# --explain lines name the rule's line, which the anchor lines shift
	sed -i -E 's/^[^ ]*:[0-9]+: //' "$TMP/a.err" "$TMP/b.err"
	cmp -s "$TMP/a.out" "$TMP/b.out" && cmp -s "$TMP/a.err" "$TMP/b.err"
	ok $? "$1: same output and --explain with and without anchor words ($(wc -l <"$TMP/a.out") articles)"
	cmp -s "$TMP/a.err" "$TMP/b.err" || diff "$TMP/a.err" "$TMP/b.err" | head -6 | cut -c1-300 | sed 's/^/# /'
}

each_extract_input same
done_testing
