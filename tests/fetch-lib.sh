# tests/fetch-lib.sh - shared by tests/fetch-*.t: starts the loopback
# fault-injection server (tests/fetch-server.py) and stops it on exit.
command -v python3 >/dev/null || skip_all "python3 not installed"
FX=$PN_ROOT/tests/fixtures/fetch

# start_server [server args...]: sets PORT, BASE, SERVER_LOG
start_server() {
	SERVER_LOG=$TMP/server-$#-$RANDOM.log
	python3 "$PN_ROOT/tests/fetch-server.py" --log "$SERVER_LOG" --lifetime 60 "$@" \
		>"$TMP/port" 2>"$TMP/server.err" &
	SERVER_PID=$!
	trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$TMP"' EXIT
	for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.05; done
	PORT=$(head -1 "$TMP/port")
	BASE=http://127.0.0.1:$PORT
	[ -n "$PORT" ] || { echo "Bail out! test server did not start: $(cat "$TMP/server.err")"; exit 1; }
}

stop_server() {
	kill "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID" 2>/dev/null
	: >"$TMP/port"
}

# hits PATH: how many requests the server saw for it
hits() { grep -cF " GET $1 " "$SERVER_LOG"; }
