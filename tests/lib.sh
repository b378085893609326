# tests/lib.sh - tiny TAP helpers for the shell tests (sourced by tests/*.t).
# PN_BIN names the directory holding pn-* (make test sets it).
set -u
PN_ROOT=$(cd "$(dirname "$0")/.." && pwd)
PN_BIN=${PN_BIN:-$PN_ROOT/build}
PN_SHARED=${PN_SHARED:-$PN_ROOT/../shared}
export PN_RULES_DIR=${PN_RULES_DIR:-$PN_ROOT/rules}
export PN_NO_PROGRESS=1
PATH=$PN_BIN:$PATH
TMP=$(mktemp -d "${TMPDIR:-/tmp}/pn-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
_n=0
_fail=0

plan() { echo "1..$1"; }
ok() {       # ok COND-EXIT-STATUS DESCRIPTION  (use: cmd; ok $? "desc")
	_n=$((_n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $_n - $2"; else echo "not ok $_n - $2"; _fail=$((_fail + 1)); fi
}
is() {       # is GOT EXPECTED DESCRIPTION
	_n=$((_n + 1))
	if [ "$1" = "$2" ]; then echo "ok $_n - $3"
	else echo "not ok $_n - $3"; printf '#   got:      %s\n#   expected: %s\n' "$1" "$2"; _fail=$((_fail + 1)); fi
}
like() {     # like GOT EREGEX DESCRIPTION
	_n=$((_n + 1))
	if printf '%s' "$1" | grep -Eq -- "$2"; then echo "ok $_n - $3"
	else echo "not ok $_n - $3"; printf '#   got:      %s\n#   expected to match: %s\n' "$1" "$2" | head -20; _fail=$((_fail + 1)); fi
}
skip_all() { echo "1..0 # SKIP $1"; exit 0; }
done_testing() { echo "1..$_n"; [ "$_fail" -eq 0 ]; }
