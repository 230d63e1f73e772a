"""Lighthouse (pinned in tests/a11y/) gives accessibility, best practices and SEO 100 on every page type.

Both of Lighthouse's settings run, at the same time: mobile (a 412 px phone) and desktop at 1366 x 900. One
chromium serves every page of a setting (tests/a11y/lighthouse-pages.mjs). The performance score is measured by
benchmarks/lighthouse.py, not here: it follows the load of the shared 2-core machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from test_accessibility import page_types
from test_build import ROOT

pytestmark = pytest.mark.browser

A11Y = ROOT / "tests" / "a11y"
LIGHTHOUSE = A11Y / "node_modules" / "lighthouse" / "package.json"
CATEGORIES = ("accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")


def run_lighthouse(form_factor: str, urls: list[str], categories=CATEGORIES) -> list[dict]:
    """Audit `urls` with one chromium; return one result per URL (see tests/a11y/lighthouse-pages.mjs)."""
    result = subprocess.run(
        ["node", str(A11Y / "lighthouse-pages.mjs"), form_factor, ",".join(categories), *urls],
        capture_output=True,
        text=True,
        timeout=900,
        env=dict(os.environ, CHROME_PATH="/usr/bin/chromium"),
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_every_page_type_scores_100(sample_site, serve):
    """Both settings run at once, each with its own chromium: much of an audit is waiting for the page."""
    assert LIGHTHOUSE.is_file(), "Lighthouse missing: run tools/test.sh"
    assert shutil.which("node"), "node missing: run tools/test.sh"
    base = serve(sample_site)
    paths = page_types()
    with ThreadPoolExecutor(2) as pool:
        runs = {f: pool.submit(run_lighthouse, f, [base + path for path in paths]) for f in FORM_FACTORS}
        found = {f: run.result() for f, run in runs.items()}
    below = []
    for form_factor, results in found.items():
        assert [r["url"] for r in results] == [base + path for path in paths], form_factor
        below += [
            f"{form_factor} {r['url'].removeprefix(base) or '/'}: {r['scores']} {r['failing']} {r['problems']}"
            for r in results
            if any(r["scores"][c] != 100 for c in CATEGORIES) or r["problems"]
        ]
    assert below == [], "\n".join(below)
