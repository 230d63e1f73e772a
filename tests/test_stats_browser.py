"""Real Chromium: /statistik/ fits a 412 px phone and a 1366 px screen, and prints on at most two A4 pages."""

from __future__ import annotations

import pypdfium2
import pytest

pytestmark = pytest.mark.browser

TABLES = 6  # kecamatan, kategori, legalitas, harga, komunitas, bulan: one per chart (the map's is the first)


@pytest.fixture(scope="module")
def statistik(sample_site, serve) -> str:
    return serve(sample_site) + "statistik/"


@pytest.mark.parametrize("width", [412, 1366])
def test_statistics_fit_the_screen_with_every_table(statistik, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(statistik)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    content = page.locator(".rk-stats").bounding_box()
    right = content["x"] + content["width"] + 0.5  # nothing wider than the text column, not just the screen
    tables = page.locator("table.rk-stat-table")
    assert tables.count() == TABLES
    for i in range(TABLES):
        table = tables.nth(i)
        assert table.locator("caption").inner_text().strip()
        assert table.locator("thead th[scope=col]").count() >= 3 and table.locator("tbody th[scope=row]").count() >= 1
        box = table.bounding_box()
        assert box["x"] >= content["x"] and box["x"] + box["width"] <= right, table.locator("caption").inner_text()
    charts = page.locator("svg.rk-chart")
    assert charts.count() == TABLES - 1 and page.locator("svg.rk-map--shaded").count() == 1
    for i in range(charts.count()):
        box = charts.nth(i).bounding_box()
        assert box["x"] >= content["x"] and box["x"] + box["width"] <= right and box["height"] > 50
    # Chart text stays readable: at least 10 px on the phone, at most 20 px on the desktop.
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg.rk-chart text')].map(t => {
        const r = t.getBoundingClientRect(); return r.height; })""")
    assert min(sizes) >= 10 and max(sizes) <= 26
    if width > 1000:  # charts beside their tables
        pair = page.locator(".rk-stat__pair").nth(1)
        chart, table = pair.locator("figure").bounding_box(), pair.locator("table").bounding_box()
        assert chart["x"] + chart["width"] <= table["x"]
    page.close()


def test_statistics_print_on_at_most_two_a4_pages(statistik, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(statistik)
    page.emulate_media(media="print")
    pdf = tmp_path / "statistik.pdf"
    page.pdf(path=str(pdf), format="A4")
    document = pypdfium2.PdfDocument(str(pdf))
    assert 1 <= len(document) <= 2
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    for heading in ("UKM dan produk per kecamatan", "Legalitas usaha", "UKM dan produk baru per bulan"):
        assert heading in text  # nothing cut off: the last section is on paper too
    width, height = document[0].get_size()
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)
    page.close()
