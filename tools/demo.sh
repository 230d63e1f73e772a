#!/usr/bin/env bash
# Build the demo showroom from the sample data into site/, installing what the build needs into .venv first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh demo
.venv/bin/python build_catalog.py build --out site
cat <<MESSAGE

Etalase contoh sudah jadi di $(pwd)/site/
Buka lewat server web:  .venv/bin/python -m http.server -d site 8000
lalu buka http://127.0.0.1:8000/ di peramban.
MESSAGE
