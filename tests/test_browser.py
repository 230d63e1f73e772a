"""A real Chromium (Debian's) opens built pages at phone width."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served_mini(mini_site):
    return mini_site[1]


def test_product_page_on_a_phone(served_mini, browser):
    page = browser.new_page(viewport={"width": 412, "height": 915})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(served_mini + "ukm/batik-contoh/script-alert-1-script-batik-tulis/")
    button = page.get_by_role("link", name="Pesan via WhatsApp")
    assert button.is_visible()
    link = urlsplit(button.get_attribute("href"))
    assert (link.scheme, link.netloc, link.path) == ("https", "wa.me", "/6281200000001")
    assert parse_qs(link.query)["text"] == [
        "Halo Batik Contoh <b>Jati</b>, saya tertarik dengan *<script>alert(1)</script> Batik Tulis* (Rp350.000). "
        "Apakah masih tersedia?\nhttps://rumahkreatif.blorakab.go.id/ukm/batik-contoh/script-alert-1-script-batik-tulis/"]
    assert page.locator("h1").inner_text() == "<script>alert(1)</script> Batik Tulis"
    assert page.evaluate("document.documentElement.scrollWidth") <= 412
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 412 and box["height"] >= 40  # a thumb-sized target
    assert dialogs == []


def test_browse_from_home_to_product(served_mini, browser):
    page = browser.new_page(viewport={"width": 412, "height": 915})
    page.goto(served_mini)
    page.get_by_role("link", name="Makanan & Jajanan").first.click()
    page.get_by_role("link", name="Keripik Tempe").click()
    assert page.url.endswith("/ukm/keripik-sumberejo/keripik-tempe/")
    assert page.get_by_role("link", name="Telepon (0296) 531234").get_attribute("href") == "tel:+62296531234"
    page.get_by_role("link", name="Desa Sumberejo").first.click()
    assert page.url.endswith("/wilayah/randublatung/sumberejo/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 412


def test_first_search_result_and_a_listing_page_cost_at_most_150_kb(sample_site, serve, browser):
    """What a 412 px phone at 2.625× transfers, text gzip-compressed as static hosts send it, images included."""
    from benchmarks.scale import WEIGHED, page_weight
    base = serve(sample_site)
    for name, path, ready, most in WEIGHED:
        _, sent, parts = page_weight(browser, base + path, ready)
        assert most is None or sent <= most, f"{name}: {sent / 1024:.1f} KB, largest {parts[:4]}"
