#!/usr/bin/env bash
# README command 1: install dependencies, build, index corpus/ into data/index, serve on :8080.
# Environment: COOP_PORT (default 8080), COOP_BIND (default 127.0.0.1), COOP_DATA (default data).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
DATA="${COOP_DATA:-data}"
mkdir -p "$DATA"
./build/indexer/coop-index build corpus --index "$DATA/index"
exec ./build/searchd/coop-searchd --index "$DATA/index" --corpus corpus \
  --bind "${COOP_BIND:-127.0.0.1}" --port "${COOP_PORT:-8080}"
