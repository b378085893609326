#!/usr/bin/env bash
# pn-fetch politeness: per-host connection cap, delay between requests,
# --impolite-hosts lifting both, --parallel as the global cap.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/fetch-lib.sh"
start_server

# start times of the requests for PATH-PREFIX, as ms since the first
starts() { grep -F " GET $1" "$SERVER_LOG" | awk 'NR == 1 { t0 = $1 } { printf "%d ", ($1 - t0) * 1000 }'; }
# smallest gap between consecutive starts, ms
mingap() { grep -F " GET $1" "$SERVER_LOG" | awk 'NR > 1 { d = ($1 - p) * 1000; if (min == "" || d < min) min = d } { p = $1 } END { printf "%d", min }'; }

urls() { for i in 1 2 3 4; do echo "$BASE/slow?s=0.4&i=$1$i"; done; }

pn-fetch --no-robots --delay 0 --max-conns-per-host 1 -s <(urls a) -o /dev/null 2>/dev/null
gap=$(mingap "/slow?s=0.4&i=a")
ok $([ "$gap" -ge 350 ]; echo $?) "--max-conns-per-host 1: one request at a time (min gap $gap ms)"

pn-fetch --no-robots --delay 300 --max-conns-per-host 4 -s <(urls b) -o /dev/null 2>/dev/null
gap=$(mingap "/slow?s=0.4&i=b")
ok $([ "$gap" -ge 250 ] && [ "$gap" -lt 380 ]; echo $?) "--delay 300: starts ~300 ms apart, overlapping (min gap $gap ms)"

pn-fetch --no-robots --delay 5000 --max-conns-per-host 1 --impolite-hosts "127.0.0.1:$PORT" \
	-s <(urls c) -o /dev/null 2>/dev/null
t=$(starts "/slow?s=0.4&i=c")
ok $(echo "$t" | awk '{ exit !($4 < 300) }'; echo $?) "--impolite-hosts: no delay, no cap: all at once ($t)"

pn-fetch --no-robots --delay 0 --max-conns-per-host 4 --parallel 2 -s <(urls d) -o /dev/null 2>/dev/null
t=$(starts "/slow?s=0.4&i=d")
ok $(echo "$t" | awk '{ exit !($2 < 300 && $3 >= 350 && $4 >= 350) }'; echo $?) "--parallel 2: two at a time ($t)"
done_testing
