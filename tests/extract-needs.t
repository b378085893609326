#!/usr/bin/env bash
# extract-needs.t - `needs` lines only make rules faster: a rule whose needs
# lines all fail to match in an article is skipped there (rules/README.md,
# "Speed"), and with the needs lines removed pn-extract must find the same
# timexes, entities and events (--timexes, --explain) on every rule example
# as an article and on real press releases (when ../shared has them). A
# failure means a match of the rule holds no match of any of its needs lines.
. "$(dirname "$0")/lib.sh"
command -v python3 >/dev/null || skip_all "python3 not installed"

rules_copy with without
sed -i '/^[ \t]\+needs[ \t]/d' "$TMP"/without/*.rules
n=$(grep -c '^[ \t]\+needs[ \t]' "$TMP"/with/*.rules | awk -F: '{s += $2} END {print s + 0}')
ok $([ "$n" -gt 0 ]; echo $?) "some rules have needs lines ($n)"

with() { PN_RULES_DIR=$TMP/with pn-extract --timexes --explain "$1"; }
without() { PN_RULES_DIR=$TMP/without pn-extract --timexes --explain "$1"; }
# --explain lines name the rule's line, which the needs lines shift
same() { same_runs "$1" "$2" with without "with and without needs lines" strip; }

# --check-rules fails an example whose match holds no match of a needs line
rules_copy bad
python3 - "$TMP/bad/timex.rules" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r"(rule timex\.date\.us-numeric\n(?:  .*\n)*?)  needs .*\n", r"\1  needs     [0-9]//[0-9]\n", s, count=1)
open(p, "w").write(s)
PY
PN_RULES_DIR=$TMP/bad pn-extract --check-rules >"$TMP/check.out" 2>&1
rc=$?
ok $([ "$rc" -eq 3 ] && grep -q 'needs: the pattern of line' "$TMP/check.out"; echo $?) "--check-rules refuses a needs line the examples' matches do not hold (exit $rc)"

each_extract_input same
done_testing
