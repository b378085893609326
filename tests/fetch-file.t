#!/usr/bin/env bash
# pn-fetch: file:// seeds become WARC resource records; CLI errors.
. "$(dirname "$0")/lib.sh"
FX=$PN_ROOT/tests/fixtures/fetch

pn-fetch -h >"$TMP/h" 2>&1; ok $? "-h exits 0"
like "$(cat "$TMP/h")" "usage: pn-fetch" "-h prints usage"

pn-fetch >/dev/null 2>"$TMP/e"; is $? 2 "no seeds: exit 2"
pn-fetch "file://$FX/page.html" >/dev/null 2>"$TMP/e"; is $? 2 "file:// without --allow-file: exit 2"
like "$(cat "$TMP/e")" "needs --allow-file" "says why"
pn-fetch --parallel x http://127.0.0.1:1/ >/dev/null 2>"$TMP/e"; is $? 2 "bad number: exit 2"

pn-fetch --allow-file "file://$FX/page.html" >"$TMP/a.warc.gz" 2>"$TMP/e"; ok $? "file:// page fetched"
zcat "$TMP/a.warc.gz" | tr -d '\r' >"$TMP/a.warc"
is "$(grep -c '^WARC-Type: resource' "$TMP/a.warc")" 1 "one resource record"
like "$(grep '^WARC-Target-URI' "$TMP/a.warc")" "file://$FX/page.html" "target URI is the file URL"
like "$(grep -A6 "WARC-Type: resource" "$TMP/a.warc" | grep '^Content-Type')" "text/html" "media type from extension"
grep -q 'Semaglutide' "$TMP/a.warc"; ok $? "body stored"
is "$(gzip -t "$TMP/a.warc.gz" && echo ok)" ok "valid gzip"
members=$(python3 -c 'import sys,zlib
d=open(sys.argv[1],"rb").read(); n=0
while d:
    o=zlib.decompressobj(31); o.decompress(d); d=o.unused_data; n+=1
print(n)' "$TMP/a.warc.gz")
is "$members" 2 "one gzip member per record (warcinfo + resource)"

printf 'https://ok.example/\n\nfeed file:///nope every=5x\n' >"$TMP/seeds"
pn-fetch --allow-file -s "$TMP/seeds" >/dev/null 2>"$TMP/e"; is $? 3 "bad seeds line: exit 3"
like "$(cat "$TMP/e")" "seeds:3: bad option" "error names file and line"
printf 'bogus http://x/\n' >"$TMP/seeds"
pn-fetch -s "$TMP/seeds" >/dev/null 2>"$TMP/e"; is $? 3 "unknown kind: exit 3"
like "$(cat "$TMP/e")" "seeds:1: unknown kind" "names the line"

pn-fetch --allow-file "file://$FX/page.html" "file://$TMP/missing.html" -O "$TMP" 2>"$TMP/e"
is $? 1 "a missing file is a per-URL failure: exit 1"
like "$(cat "$TMP/e")" "1 fetched, .*1 failed" "summary counts it"
ls "$TMP"/pharmanews-*-0.warc.gz >/dev/null 2>&1; ok $? "-O writes pharmanews-YYYYmmddHHMMSS-N.warc.gz"


pn-fetch --allow-file "file://$FX/page.html" -o /dev/full 2>"$TMP/e"; is $? 4 "archive write error: exit 4"
like "$(cat "$TMP/e")" "/dev/full: No space left on device" "names the file"
pn-fetch -s "$TMP/no-such-seeds" 2>"$TMP/e" >/dev/null; is $? 4 "unreadable seeds: exit 4"
pn-fetch --state /nonexistent/dir/state.db --allow-file "file://$FX/page.html" 2>"$TMP/e" >/dev/null
is $? 4 "state database cannot be created: exit 4"
script -qc "$PN_BIN/pn-fetch --allow-file file://$FX/page.html" /dev/null </dev/null >"$TMP/tty" 2>&1
like "$(cat "$TMP/tty")" "refusing to write a binary WARC to a terminal" "refuses a terminal"
done_testing
