"""Golden files of the generated Markdown for the mini catalogue.

Refresh after an intended change: `python tests/test_golden.py` (then review the diff).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from catalog.mkdocs_adapter import page_markdown
from catalog.photos.publish import publish
from catalog.read.load import load_catalog
from catalog.web.pages import SiteInfo, render

pytestmark = pytest.mark.unit

GOLDEN = Path(__file__).resolve().parent / "golden"
INFO = SiteInfo(site_url="https://contoh.example/", site_name="Etalase Uji", icon=lambda name: f"<svg data-icon=\"{name}\"></svg>")


def rendered_pages(data_dir: Path) -> dict:
    catalog = load_catalog(data_dir)
    return render(catalog, INFO, publish(catalog)).pages


def golden_name(uri: str) -> str:
    return uri.replace("/", "__")


def test_generated_markdown_matches_golden(mini):
    pages = rendered_pages(mini)
    expected = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.glob("*.md")}
    actual = {golden_name(uri): page_markdown(page) for uri, page in pages.items()}
    assert sorted(actual) == sorted(expected), "pages added or removed: run python tests/test_golden.py"
    for name, text in actual.items():
        assert text == expected[name], f"{name} differs from its golden file: run python tests/test_golden.py"


def test_owner_text_is_escaped_in_markdown(mini):
    product = page_markdown(rendered_pages(mini)["ukm/batik-contoh/script-alert-1-script-batik-tulis/index.md"])
    assert "<script>" not in product and "&lt;script&gt;alert(1)&lt;/script&gt; Batik Tulis" in product
    assert "<b>Jati</b>" not in product and "Batik Contoh &lt;b&gt;Jati&lt;/b&gt;" in product


if __name__ == "__main__":
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from conftest import make_mini

    with tempfile.TemporaryDirectory() as tmp:
        pages = rendered_pages(make_mini(Path(tmp) / "data"))
    GOLDEN.mkdir(exist_ok=True)
    for old in GOLDEN.glob("*.md"):
        old.unlink()
    for uri, page in pages.items():
        (GOLDEN / golden_name(uri)).write_text(page_markdown(page), encoding="utf-8")
    print(f"wrote {len(pages)} golden files to {GOLDEN}")
