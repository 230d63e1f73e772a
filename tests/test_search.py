"""Real Chromium on the built sample: search, facets, sorting, paging, the map, and the offline copy."""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
import zipfile

import pytest

from catalog.fmt import harga_min
from catalog.read.load import load_catalog
from catalog.web import search
from catalog.web.search import facets
from test_build import ROOT


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT)


def results(page) -> list[str]:
    """Wait for the search to settle and return the result URLs as site paths."""
    page.wait_for_selector(".rk-cari[data-state=siap]", state="attached")
    hrefs = page.eval_on_selector_all(".rk-cari__hasil a", "els => els.map(e => e.getAttribute('href'))")
    return [re.sub(r"^https?://[^/]+/", "", h) for h in hrefs]


def all_results(page) -> list[str]:
    """Press "Tampilkan lebih banyak" until every result is shown; return them all."""
    results(page)
    for _ in range(20):
        if not page.is_visible(".rk-cari__lagi"):
            break
        page.click(".rk-cari__lagi")
        results(page)
    return results(page)


def open_search(browser, base: str, query: str = ""):
    page = browser.new_page(viewport={"width": 412, "height": 900})
    page.goto(base + "cari/" + (f"?q={query}" if query else ""))
    return page


@pytest.mark.browser
def test_search_finds_words_in_a_longer_name(sample_site, serve, browser, catalog):
    page = open_search(browser, serve(sample_site), "batik+tulis")
    found = all_results(page)
    assert page.get_attribute("#rk-cari", "data-engine") == "daring"
    expected = {p.url for p in catalog.products if "batik tulis" in p.data.nama.casefold()}
    assert expected and expected <= set(found)
    assert "Batik Tulis Daun Jati Sogan" in page.locator(".rk-cari__hasil").inner_text()


@pytest.mark.browser
def test_search_finds_other_forms_of_a_word(sample_site, serve, browser, catalog):
    tulis = {p.url for p in catalog.products if "tulis" in p.data.nama.casefold().split()}
    assert tulis
    page = open_search(browser, serve(sample_site), "tulisan")  # -an comes off: "tulis", and words starting so
    assert tulis <= set(all_results(page))


@pytest.mark.browser
def test_search_tolerates_spelling_variants(sample_site, serve, browser, catalog):
    keripik = {p.url for p in catalog.products if "keripik" in p.data.nama.casefold()}
    assert keripik
    for query in ("keripik", "kripik"):
        page = open_search(browser, serve(sample_site), query)
        assert keripik <= set(all_results(page)), query


@pytest.mark.browser
@pytest.mark.parametrize("facet", ["kategori", "kecamatan", "harga", "halal", "stok"])
def test_each_facet_narrows_to_exactly_its_products(sample_site, serve, browser, catalog, facet):
    page = open_search(browser, serve(sample_site))
    assert len(results(page)) == min(12, len(catalog.products))  # the script shows 12 at a time
    page.click("summary")  # the filters' data is fetched only now
    page.wait_for_function(f"document.querySelector('select[data-facet={facet}]').options.length > 1")
    value = page.eval_on_selector(f"select[data-facet={facet}]", "s => s.options[1].value")
    page.select_option(f"select[data-facet={facet}]", value)
    results(page)
    expected = {p.url for p in catalog.products if facets(p)[facet] == value}
    assert set(all_results(page)) == expected
    assert f"{facet}=" in page.url


@pytest.mark.browser
def test_sort_by_price_and_paging_reaches_every_product(sample_site, serve, browser, catalog):
    page = open_search(browser, serve(sample_site))
    results(page)
    page.click("summary")
    page.select_option("select[name=urut]", "harga:asc")
    results(page)
    clicks = 0
    while page.is_visible(".rk-cari__lagi") and clicks < 20:
        page.click(".rk-cari__lagi")
        results(page)
        clicks += 1
    found = results(page)
    assert clicks == (len(catalog.products) - 1) // 12
    assert sorted(found) == sorted(p.url for p in catalog.products)
    by_url = {p.url: harga_min(p.data.harga) for p in catalog.products}
    prices = [by_url[u] for u in found]
    assert prices == sorted(prices)


@pytest.mark.browser
def test_map_links_resolve(sample_site, serve, browser, catalog):
    base = serve(sample_site)
    page = browser.new_page(viewport={"width": 412, "height": 900})
    page.goto(base + "peta/")
    links = page.eval_on_selector_all("svg.rk-map a", "els => els.map(e => e.href.baseVal || e.getAttribute('href'))")
    absolute = {urllib.parse.urljoin(base + "peta/", link) for link in links}
    assert {base + u.desa_url for u in catalog.ukms} | {base + k.url for k in catalog.register.kecamatan} == absolute
    for url in absolute:
        with urllib.request.urlopen(url) as response:
            assert response.status == 200


@pytest.mark.browser
def test_offline_copy_works_from_file(sample_site, browser, catalog, tmp_path):
    with zipfile.ZipFile(sample_site / "unduh" / "etalase-offline.zip") as archive:
        archive.extractall(tmp_path)
    root = (tmp_path / "rumah-kreatif-ukm-blora").as_uri() + "/"
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(root + "index.html")
    page.get_by_role("link", name="Makanan & Jajanan").first.click()
    card = page.locator(".rk-card__img").first  # the copy holds WebP and JPEG photos, no AVIF
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=card.element_handle())
    assert card.evaluate("img => img.currentSrc").endswith(".webp")
    page.locator(".rk-card__link").first.click()
    assert page.url.startswith(root + "ukm/") and page.url.endswith("/index.html")
    image = page.locator(".rk-gallery__img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    product = catalog.products[0]
    page.goto(root + "cari/index.html?q=" + product.number)
    assert results(page) == [root + product.url + "index.html"]
    assert page.get_attribute("#rk-cari", "data-engine") == "lokal"
    assert all(u.startswith("file://") or u.startswith("data:") for u in requests)




@pytest.mark.build
def test_listing_pages_show_every_product_through_plain_links(sample_site, catalog):
    """Without JavaScript: page 1, 2, … of a category hold its products, 24 at most each."""
    makanan = {p.url for p in catalog.products if p.data.kategori == "makanan"}
    assert len(makanan) > 24
    seen: list[str] = []
    for folder in ("kategori/makanan/", "kategori/makanan/2/"):
        html = (sample_site / folder / "index.html").read_text(encoding="utf-8")
        grid = html.split('class="rk-grid rk-cari__hasil"', 1)[1].split("</ul>", 1)[0]
        cards = re.findall(r'class="rk-card__link" href="([^"]+)"', grid)
        assert len(cards) <= 24
        seen += [urllib.parse.urljoin("/" + folder, c).lstrip("/") for c in cards]
        assert re.search(r'<nav class="rk-pages".*href="[./]*kategori/makanan/2/"', html, re.S) or folder.endswith("2/")
    assert sorted(seen) == sorted(makanan)


@pytest.mark.browser
def test_listing_sorts_and_filters_on_the_client(sample_site, serve, browser, catalog):
    page = browser.new_page(viewport={"width": 412, "height": 900})
    page.goto(serve(sample_site) + "kategori/makanan/")
    page.select_option("select[name=urut]", "harga:desc")
    page.wait_for_function("document.querySelector('.rk-cari__status').textContent.startsWith('Menampilkan')")
    found = all_results(page)
    makanan = {p.url: harga_min(p.data.harga) for p in catalog.products if p.data.kategori == "makanan"}
    assert sorted(found) == sorted(makanan) and not page.is_visible(".rk-pages")
    assert [makanan[u] for u in found] == sorted(makanan.values(), reverse=True)
    page.click("summary")
    assert not page.is_visible("select[data-facet=kategori]")  # the page is already one category
    page.select_option("select[data-facet=stok]", "Stok Habis")
    found = results(page)
    assert set(found) == {p.url for p in catalog.products if p.data.kategori == "makanan" and p.data.stok == "habis"}


def decode(gaps: list[int]) -> dict[int, bool]:
    """Product ids of a word list, each with whether the word is in the product's name (as cari.js reads it)."""
    out, i = {}, -1
    for gap in gaps:
        i += abs(gap)
        out[i] = gap < 0
    return out


@pytest.mark.unit
def test_index_holds_words_as_written_in_normal_spelling_and_without_prefix():
    assert search.tokens("Kripik Dibatik, oleh2 Kué") == {"kripik", "keripik", "dibatik", "batik", "oleh2", "oleh",
                                                          "kue"}
    assert search.tokens("menulis pemotong") == {"menulis", "ulis", "tulis", "pemotong", "otong", "potong"}
    assert search.tokens("Kemeja") == {"kemeja"}  # ke- is left alone: no "meja"


@pytest.mark.unit
def test_index_files_split_by_word(catalog):
    files = search.files(catalog, lambda photo: "foto/kartu.webp")
    assert files == search.files(catalog, lambda photo: "foto/kartu.webp")
    entry = json.loads(files["cari/data/entri.json"])
    folder = f"cari/data/{entry['versi']}/"
    ordered = sorted(catalog.products, key=lambda p: (p.data.nama.casefold(), p.key))
    assert entry["jumlah"] == len(ordered)
    assert [json.loads(files[f"{folder}produk/{i}.json"])["url"] for i in range(len(ordered))] == [p.url for p in ordered]
    batik = decode(json.loads(files[f"{folder}kata/bat.json"])["batik"])
    named = {i for i, p in enumerate(ordered) if "batik" in search.tokens(p.data.nama)}
    assert named and {i for i, in_name in batik.items() if in_name} == named
    assert named | {i for i, p in enumerate(ordered) if p.data.kategori == "batik"} <= set(batik)  # "Batik" category
    assert all(k.startswith(f"{folder}kata/") and len(k.rsplit("/", 1)[1]) <= len("bat.json")
               for k in files if "/kata/" in k)
    offline = json.loads(files["cari/indeks.js"].removeprefix("window.RK_INDEKS=").removesuffix(";\n"))
    assert offline["kata"]["batik"] == json.loads(files[f"{folder}kata/bat.json"])["batik"]
