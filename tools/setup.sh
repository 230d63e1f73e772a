#!/usr/bin/env bash
# Install everything the build and the test suite need on a fresh Debian machine with Python 3.11:
# the pip packages, and Debian's chromium for the browser tests (never a downloaded browser).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi dejavu; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core fontconfig >/dev/null
fi
# WeasyPrint (the brochure PDF) lays out text with Pango; Debian images usually have it already.
if ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0'; then
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
fi
# axe-core (pinned in tests/a11y/package-lock.json) for the accessibility tests.
npm ci --prefix tests/a11y --no-audit --no-fund --silent
