#!/usr/bin/env bash
# README command 2: install dependencies, build, run every test with ctest. Non-zero exit on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/install-test-deps.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j2
