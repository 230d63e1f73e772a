#!/usr/bin/env bash
# Install into .venv what `tools/demo.sh` (`install.sh demo`) or `tools/test.sh` (`install.sh test`) needs on
# a Debian machine with Python 3.11 or newer: the pip packages, and what pip cannot bring (Debian's Pango for
# the brochure; for the tests also Debian's chromium and fonts, and axe-core from npm). Only what is missing is
# installed, so a second run takes a second.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin:/sbin"  # ldconfig, for a user whose PATH lacks the sbin folders

case "${1:-}" in
  demo) requirements=(requirements.txt) ;;
  test) requirements=(requirements-dev.txt requirements.txt) ;;
  *) echo "pemakaian: tools/install.sh demo|test" >&2; exit 2 ;;
esac

missing=()  # Debian packages to install, gathered first so apt-get runs once
apt_install() {
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Memasang paket Debian: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  missing=()
}

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Perlu Python 3.11 atau lebih baru sebagai $python (atau tunjuk lewat PYTHON=...)." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv >/dev/null 2>&1; then
    rm -rf .venv  # Debian's python3 makes a venv only with python3-venv (it brings ensurepip)
    missing+=(python3-venv)
    apt_install
    "$python" -m venv .venv
  fi
fi

# The stamp holds the requirements' hash: pip runs again only when they change.
stamp=".venv/.installed-$1"
wanted="$(cat "${requirements[@]}" | sha256sum)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "Memasang paket Python ke .venv dari ${requirements[0]}"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "${requirements[0]}"
  echo "$wanted" >"$stamp"
fi

# WeasyPrint (the brochure PDF) lays out text with Pango; Debian images usually have it already.
ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)

if [ "$1" = test ]; then
  # Browser tests drive Debian's chromium (never a downloaded browser), with fonts for its text.
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core fontconfig)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  # The Nu Html Checker (vnu-jar, tests/test_markup.py) runs on Debian's Java.
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
fi
apt_install

if [ "$1" = test ]; then
  # axe-core, the Nu Html Checker (vnu-jar) and Lighthouse, pinned in tests/a11y/package-lock.json, for the
  # page audits. `npm ci` empties node_modules first, so it runs only when an installed one is not the pinned
  # one; --ignore-scripts: vnu-jar's install script would otherwise download a Java of its own, and
  # Lighthouse's puppeteer a browser (the audits use Debian's chromium).
  for package in axe-core vnu-jar lighthouse; do
    pinned="$(node -p "require('./tests/a11y/package-lock.json').packages['node_modules/$package'].version")"
    installed="$(node -p "require('./tests/a11y/node_modules/$package/package.json').version" 2>/dev/null || true)"
    if [ "$installed" != "$pinned" ]; then
      echo "Memasang axe-core, vnu-jar dan Lighthouse ke tests/a11y/node_modules"
      npm ci --prefix tests/a11y --ignore-scripts --no-audit --no-fund --silent
      break
    fi
  done
fi
