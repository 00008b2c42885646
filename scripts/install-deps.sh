#!/usr/bin/env bash
# Installs the Debian packages coopsearch needs to build, run and test.
# Idempotent: packages already installed are skipped, and apt-get runs only if something is missing.
# Used by scripts/run.sh, scripts/test.sh and (through test.sh) by CI.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config ccache
  libxapian-dev xapian-tools libicu-dev libpoco-dev libpoppler-cpp-dev libxml2-dev
  enscript ghostscript
  libgtest-dev libgmock-dev libbenchmark-dev rapidjson-dev
  wfrench curl python3
  libgoogle-perftools-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
