#!/usr/bin/env bash
# bench-fetch.sh - pn-fetch pages/s over N loopback URLs served by nginx,
# against curl --parallel and wget2 on the same URL list in the same run.
# Politeness is off for the benchmark host (--impolite-hosts); pn-fetch
# still asks robots.txt once, keeps its SQLite state and writes a gzip-per-
# record WARC (default level 1, and again stored with --gzip-level 0),
# while the peers only save one file per page (and, as a harder baseline,
# discard the pages: -o /dev/null).
#
#   PN_BIN=dir   directory holding pn-fetch (default $BUILD or build/)
#   N=10000      number of URLs      PAR=16   parallel connections
#   RUNS=3       rounds; each tool runs once per round, its best round is reported
#                (every round keeps its output until the end: ~600 MB in TMPDIR)
# Each tool's line gives its best pages/s and its least CPU seconds (user +
# sys of its processes; nginx's share is not counted for anyone).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD:-build} # make BUILD=dir bench-fetch passes BUILD
case $BUILD_DIR in /*) ;; *) BUILD_DIR=$ROOT/$BUILD_DIR ;; esac
PN_BIN=${PN_BIN:-$BUILD_DIR}
N=${N:-10000}
PAR=${PAR:-16}
RUNS=${RUNS:-3}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "bench-fetch: nginx not installed (apt-get install nginx-light)"; exit 1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/pn-bench-fetch.XXXXXX")
chmod 755 "$W" # nginx workers run unprivileged
cleanup() { [ -f "$W/nginx.pid" ] && kill "$(cat "$W/nginx.pid")" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT

# N article-like pages of 2-16 KB
mkdir -p "$W/www/p" "$W/logs"
python3 - "$W/www/p" "$N" <<'PY'
import random, sys
d, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(42)
words = ("the fda approved drug trial phase patients results company said agency "
         "regulatory submission efficacy safety data endpoint dose months").split()
for i in range(n):
    paras = "".join("<p>%s.</p>\n" % " ".join(rnd.choice(words) for _ in range(rnd.randint(20, 60)))
                    for _ in range(rnd.randint(5, 40)))
    with open("%s/%d.html" % (d, i), "w") as f:
        f.write("<!DOCTYPE html><html><head><meta charset=utf-8><title>Article %d</title></head>"
                "<body><article><h1>Article %d</h1>\n%s</article></body></html>\n" % (i, i, paras))
PY
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$W/nginx.conf" <<NGINX_CONF
worker_processes 1;
pid $W/nginx.pid;
error_log $W/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000;
  server {
    listen 127.0.0.1:$PORT;
    root $W/www;
  }
}
NGINX_CONF
"$NGINX" -c "$W/nginx.conf" -p "$W"
for _ in $(seq 50); do [ -s "$W/nginx.pid" ] && break; sleep 0.1; done
BASE=http://127.0.0.1:$PORT
seq 0 $((N - 1)) | sed "s|^|$BASE/p/|; s|$|.html|" >"$W/urls"
bytes=$(du -sb "$W/www/p" | cut -f1)
echo "bench-fetch: $N URLs, $((bytes / N)) bytes average, $PAR connections, nginx on $BASE, best of $RUNS"

now() { date +%s.%N; }
# seconds in "1m2.500s"
secs() { echo "$1" | awk -Fm '{sub(/s$/, "", $2); printf "%.3f", $1 * 60 + $2}'; }
# once NAME CMD... : runs CMD in a fresh output dir $OUT, keeps the best
# pages/s in rate_NAME (0 when it failed) and the least CPU seconds
# (user + sys of the tool's processes) in cpu_NAME: wall-clock rates
# swing with the machine's load, CPU much less
once() {
	local name=$1 t0 t1 rate best n cpu
	shift
	# A fresh directory per round, all deleted at the end: ext4 skips
	# inodes freed in the last minutes when it allocates new ones, so
	# deleting the last round's 10,000 files made the peers' next round
	# up to 6x slower (their sys time, in ext4's recently_deleted()).
	OUT=$W/out-$name-$round
	mkdir -p "$OUT"
	# the previous tool's files (up to 67 MB) are written back now, not
	# during this tool's timing
	sync
	t0=$(now)
	# times' second line: user and sys of the subshell's children
	if ! ("$@" >"$W/$name.log" 2>&1 && times >"$W/$name.times"); then
		echo "  $name failed:"
		tail -5 "$W/$name.log"
		return 0
	fi
	t1=$(now)
	set -- $(sed -n 2p "$W/$name.times")
	cpu=$(echo "$(secs "$1") $(secs "$2")" | awk '{printf "%.2f", $1 + $2}')
	eval "best=\${cpu_$name:-}"
	if [ -z "$best" ] || awk "BEGIN { exit !($cpu < $best) }"; then eval "cpu_$name=$cpu"; fi
	case $name in pn_* | *_null) ;; *)
		# a peer must have saved every page to count
		n=$(find "$OUT" -type f | wc -l)
		[ "$n" -eq "$N" ] || { echo "  $name saved $n of $N pages"; return 0; } ;;
	esac
	rate=$(echo "$N $t0 $t1" | awk '{printf "%.0f", $1 / ($3 - $2)}')
	eval "best=\${rate_$name:-0}"
	[ "$rate" -gt "$best" ] && eval "rate_$name=$rate"
	return 0
}

pnfetch() {
	"$PN_BIN/pn-fetch" -s "$W/urls" --impolite-hosts "127.0.0.1:$PORT" --parallel "$PAR" \
		--state "$OUT/state.db" -o "$OUT/out.warc.gz" "$@"
}
pnfetch0() { pnfetch --gzip-level 0; }
curlpar() {
	sed 's|.*/\(.*\)|url = "&"\noutput = "'"$OUT"'/\1"|' "$W/urls" >"$W/curl.cfg"
	curl --parallel --parallel-max "$PAR" -s -S -f -K "$W/curl.cfg"
}
wget2run() { wget2 -q --no-robots --max-threads="$PAR" -nd -P "$OUT" -i "$W/urls"; }
# the same peers throwing the pages away: less work than pn-fetch does
curlnull() {
	sed 's|.*|url = "&"\noutput = "/dev/null"|' "$W/urls" >"$W/curl-null.cfg"
	curl --parallel --parallel-max "$PAR" -s -S -f -K "$W/curl-null.cfg"
}
wget2null() { wget2 -q --no-robots --max-threads="$PAR" -O /dev/null -i "$W/urls"; }

# Rounds interleave the tools so that load from elsewhere on the machine
# hits them alike; each tool's best round is reported.
tools="pn_fetch:pnfetch pn_fetch_gzip0:pnfetch0 curl_parallel:curlpar curl_parallel_null:curlnull"
command -v wget2 >/dev/null && tools="$tools wget2:wget2run wget2_null:wget2null"
rate_pn_fetch=0 rate_pn_fetch_gzip0=0 rate_curl_parallel=0 rate_wget2=0
rate_curl_parallel_null=0 rate_wget2_null=0
for round in $(seq "$RUNS"); do
	for t in $tools; do
		once "${t%%:*}" "${t#*:}"
	done
done
got=$(sed -n 's/^pn-fetch: \([0-9]*\) fetched.*/\1/p' "$W/pn_fetch.log")
[ "$got" = "$N" ] || { echo "bench-fetch: pn-fetch fetched ${got:-0} of $N"; cat "$W/pn_fetch.log"; exit 1; }
for t in $tools; do
	name=${t%%:*}
	eval "r=\$rate_$name"
	eval "c=\${cpu_$name:-?}"
	printf '  %-28s %8d pages/s %8s CPU s\n' "$name" "$r" "$c"
done
command -v wget2 >/dev/null || echo "  wget2                        not installed (apt-get install wget2)"
peer=$rate_curl_parallel
[ "$rate_wget2" -gt "$peer" ] && peer=$rate_wget2
null=$rate_curl_parallel_null
[ "$rate_wget2_null" -gt "$null" ] && null=$rate_wget2_null
if [ "$peer" -gt 0 ] && [ "$null" -gt 0 ]; then
	echo "$rate_pn_fetch $rate_pn_fetch_gzip0 $peer $null" | awk '{
		printf "  pn-fetch / fastest peer saving pages      %6.2fx (target >= 1.5x)\n", $1 / $3
		printf "  pn-fetch / fastest peer discarding pages  %6.2fx\n", $1 / $4
		printf "  --gzip-level 0: same two ratios           %6.2fx %6.2fx\n", $2 / $3, $2 / $4 }'
fi
