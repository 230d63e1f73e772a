#!/usr/bin/env bash
# Run the whole test suite in .venv, installing what it needs first; arguments go to pytest
# (`tools/test.sh -m unit`, `tools/test.sh -x tests/test_validation.py`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh test
export VIRTUAL_ENV="$PWD/.venv" PATH="$PWD/.venv/bin:$PATH"
exec python -m pytest "$@"
