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

rules_copy with without
sed -i '/^[ \t]\+anchor[ \t]\+words[ \t]/d' "$TMP"/without/*.rules
# `anchor capitals before N W ...` -> `anchor capitals`: the same lines, every capital tried
sed -i 's/^\([ \t]\+anchor[ \t]\+capitals\)[ \t].*/\1/' "$TMP"/without/*.rules
n=$(grep -c '^[ \t]\+anchor[ \t]\+words[ \t]' "$TMP"/with/*.rules | awk -F: '{s += $2} END {print s + 0}')
ok $([ "$n" -gt 0 ]; echo $?) "some rules have anchor words ($n)"

with() { PN_RULES_DIR=$TMP/with pn-extract --explain "$1"; }
without() { PN_RULES_DIR=$TMP/without pn-extract --explain "$1"; }
# --explain lines name the rule's line, which the anchor lines shift
same() { same_runs "$1" "$2" with without "with and without anchor words" strip; }

each_extract_input same
done_testing
