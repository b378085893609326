#!/bin/sh
# deps.sh - install the Debian 12 packages pharmanews needs to build, test and run its demo.
# Installs only what is missing unless --always-update is given (CI). Uses sudo when not root.
set -eu
PKGS="build-essential pkg-config ca-certificates
libcurl4-openssl-dev libgumbo-dev libpcre2-dev libsqlite3-dev sqlite3 libjansson-dev libyajl-dev
libxml2-dev zlib1g-dev libuchardet-dev libssl-dev libdeflate-dev libisal-dev
perl python3 jq"
# perl gives prove(1) for the tests; python3 runs the test HTTP server and the scorers;

always=0
[ "${1:-}" = "--always-update" ] && always=1

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ] && [ $always -eq 0 ]; then
	echo "deps: all Debian packages present"
	exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
echo "deps: installing:${missing:- (none missing, refreshing lists)}"
$SUDO apt-get update -qq
[ -z "$missing" ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
