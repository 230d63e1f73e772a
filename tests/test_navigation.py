"""Navigation for shoppers: the tabs they use, staff pages under Panduan, and the width for the catalogue."""

from __future__ import annotations

import re

import pytest

from test_accessibility import page_types

pytestmark = pytest.mark.browser

# Statistik (issue 15) stays a tab: the public's numbers. Panduan holds the pages for owners, staff and maintainers.
PUBLIC_TABS = ["Beranda", "Kategori", "Wilayah", "UKM", "Peta", "Statistik", "Daftar", "Panduan"]
GUIDES = ["tentang/", "cara-bergabung/", "pameran/", "laporan/", "format-data/", "data-terbuka/", "fotos/", "kinerja/"]
LEFT_COLUMN_HIDDEN = (
    'class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation" hidden'
)


def html_of(site, path: str) -> str:
    return (site / (path if path.endswith(".html") else path.split("?")[0] + "index.html")).read_text(encoding="utf-8")


def tabs(html: str) -> list[tuple[str, bool]]:
    """The top tabs of a page: (label, active)."""
    found = re.findall(
        r'<li class="md-tabs__item( md-tabs__item--active)?">\s*<a [^>]*class="md-tabs__link">\s*'
        r"(.*?)\s*</a>",
        html,
        flags=re.S,
    )
    return [(label, bool(active)) for active, label in found]


def test_tabs_hold_what_shoppers_use_and_guides_sit_under_panduan(sample_site):
    assert [label for label, _ in tabs(html_of(sample_site, ""))] == PUBLIC_TABS
    for path in GUIDES:
        assert [label for label, active in tabs(html_of(sample_site, path)) if active] == ["Panduan"], path


def in_a_section(path: str) -> bool:
    """A page listed in a navigation section with others: a category, a kecamatan, a guide."""
    return bool(re.fullmatch(r"(kategori|wilayah)/([^/]+/)?", path)) or path in GUIDES


def test_left_column_only_where_it_lists_a_section(sample_site):
    for path in [*page_types(), "kategori/", "wilayah/", *GUIDES]:
        assert (LEFT_COLUMN_HIDDEN in html_of(sample_site, path)) != in_a_section(path), path


@pytest.mark.parametrize("width", [412, 1366])
def test_layout_holds_at_phone_and_desktop_width(sample_site, serve, browser, width):
    base = serve(sample_site)
    page = browser.new_page(viewport={"width": width, "height": 900})
    for path in page_types():
        page.goto(base + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path  # nothing sticks out
        content = page.eval_on_selector(".md-content", "e => e.getBoundingClientRect().width")
        column = page.eval_on_selector(".md-sidebar--primary", "e => e.getBoundingClientRect().width")
        if width == 1366 and LEFT_COLUMN_HIDDEN in html_of(sample_site, path):
            assert (content, column) == (1220, 0), path  # the whole grid for the catalogue
        elif width == 1366:
            assert column > 200 and content < 1000, path
    page.close()
