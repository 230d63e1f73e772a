"""The Nu Html Checker (vnu, pinned in tests/a11y/) finds no error on any page type, as built and as drawn."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from test_accessibility import page_types
from test_build import ROOT

pytestmark = pytest.mark.browser

VNU = ROOT / "tests" / "a11y" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Pages whose content a script draws: checked again as the browser holds them once drawn.
DRAWN = {"cari/?q=batik": ".rk-cari[data-state=siap]", "daftar/": "#ukm-nama",
         "daftar/?perbarui=batik-sekar-jati": "fieldset.rk-f__produk"}


def built_file(path: str):
    return path if path.endswith(".html") else path.split("?")[0] + "index.html"


def test_every_page_type_is_valid_html(sample_site, serve, browser, tmp_path):
    assert VNU.is_file(), "vnu-jar missing: run tools/test.sh"
    assert shutil.which("java"), "java missing: run tools/test.sh (it installs Debian's default-jre-headless)"
    files = [sample_site / built_file(path) for path in page_types()]
    assert all(f.is_file() for f in files), [str(f) for f in files if not f.is_file()]
    page = browser.new_page(viewport={"width": 412, "height": 900})
    for number, (path, ready) in enumerate(DRAWN.items()):
        page.goto(serve(sample_site) + path)
        page.wait_for_selector(ready, state="attached")
        files.append(tmp_path / f"drawn-{number}.html")
        files[-1].write_text(page.content(), encoding="utf-8")
    page.close()
    # One JVM for every page: starting Java costs more than checking a page.
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (result.returncode, result.stdout + result.stderr) == (0, "")
