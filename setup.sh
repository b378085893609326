#!/bin/sh
# setup.sh - first command of the README: install what is missing, build, and run the
# whole pipeline over the bundled demo corpus (no network needed).
set -eu
cd "$(dirname "$0")"
./scripts/deps.sh
make -j2
./demo/run.sh
