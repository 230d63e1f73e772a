"""The built sample site: /statistik/ shows the counts made from the YAML, the CSVs round-trip, the feeds,
the data dictionary and the navigation lead to them."""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser

import pytest

from catalog.read.load import load_catalog
from catalog.web import opendata
from conftest import ROOT
from test_stats import CATEGORY_KEYS, PERMITS, Raw, check_csv_files, read_csv

pytestmark = pytest.mark.build

SITE_URL = "https://rumahkreatif.blorakab.go.id/"


class Tables(HTMLParser):
    """Every <table> of a page as {caption: [[cell text, …] per row]}, with each cell's `scope`."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.scopes: list[tuple[str, str | None]] = []  # (tag, scope) of every th
        self._caption: list[str] | None = None
        self._rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows = []
        elif tag == "caption":
            self._caption = []
        elif tag == "tr":
            self._rows.append([])
        elif tag in ("th", "td"):
            self._cell = []
            if tag == "th":
                self.scopes.append((tag, dict(attrs).get("scope")))

    def handle_endtag(self, tag):
        if tag == "caption":
            self._caption_text = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("th", "td"):
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self.tables[self._caption_text] = self._rows

    def handle_data(self, data):
        if self._caption is not None:
            self._caption.append(data)
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def page(sample_site) -> Tables:
    return Tables((sample_site / "statistik" / "index.html").read_text(encoding="utf-8"))


def rupiah_digits(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def test_statistics_tables_show_the_counts_made_from_the_yaml(page):
    raw = Raw(ROOT)
    tables = page.tables
    assert all(scope in ("col", "row") for _, scope in page.scopes)
    ukms = Counter(u["_kecamatan_code"] for u in raw.ukms.values())
    products = Counter(u["_kecamatan_code"] for u in raw.ukms.values() for _ in u["produk"])
    by_name = sorted((name, code) for code, name in raw.kecamatan.items())
    assert tables["UKM dan produk per kecamatan"] == [["Kecamatan", "UKM", "Produk"]] + [
        [name, str(ukms[code]), str(products[code])] for name, code in by_name] + [
        ["Jumlah", str(len(raw.ukms)), str(len(raw.products()))]]
    categories = tables["UKM dan produk per kategori"]
    assert [row[1:] for row in categories[1:]] == [
        [str(sum(raw.sells(s, k) for s in raw.ukms)), str(sum(p["kategori"] == k for _, p in raw.products()))]
        for k in CATEGORY_KEYS]
    legality = tables["Persentase UKM yang memiliki nomor izin, semua UKM dan per kategori"]
    groups = [list(raw.ukms)] + [[s for s in raw.ukms if raw.sells(s, k)] for k in CATEGORY_KEYS]
    assert [row[1:] for row in legality[1:]] == [
        [f"{round(100 * n / len(slugs))}% {n}" for n in (sum(raw.holds(s, p) for s in slugs) for p in PERMITS)]
        for slugs in groups]
    prices = tables["Harga terendah, median dan tertinggi per kategori (Rupiah)"]
    for row, key in zip(prices[1:], CATEGORY_KEYS, strict=True):
        amounts = sorted(raw.low(p["harga"]) for _, p in raw.products() if p["kategori"] == key)
        n = len(amounts)
        middle = round(amounts[n // 2] if n % 2 else (amounts[n // 2 - 1] + amounts[n // 2]) / 2)
        assert row[0].endswith(f"{n} produk")
        assert row[1:] == [rupiah_digits(amounts[0]), rupiah_digits(middle), rupiah_digits(amounts[-1])]


def test_community_and_month_tables_show_the_counts_made_from_the_yaml(page):
    raw = Raw(ROOT)
    communities = Counter(k for u in raw.ukms.values() for k in u.get("komunitas") or ())
    rows = page.tables["UKM dan produk per komunitas"][1:]
    assert rows[0][0] == "UKM Juara"
    assert {row[0]: int(row[1]) for row in rows} == {
        " ".join("UKM" if w == "ukm" else w.capitalize() for w in slug.split("-")): n for slug, n in communities.items()}
    months = page.tables["UKM baru (tanggal terdaftar) dan produk baru (tanggal ditambahkan) per bulan"]
    names = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
             "November", "Desember"]
    new_ukms = Counter(f"{names[d.month - 1]} {d.year}" for u in raw.ukms.values() if (d := u.get("terdaftar")))
    new_products = Counter(f"{names[d.month - 1]} {d.year}" for s, p in raw.products() if (d := raw.added(s, p)))
    shown = {row[0]: (int(row[1]), int(row[2])) for row in months[1:-1]}
    assert {m: v for m, v in shown.items() if v != (0, 0)} == {
        m: (new_ukms[m], new_products[m]) for m in {*new_ukms, *new_products}}
    assert months[-1] == ["Jumlah", str(sum(new_ukms.values())), str(sum(new_products.values()))]


def test_the_published_csvs_round_trip(sample_site):
    ukm_csv = (sample_site / opendata.UKM_CSV).read_bytes()
    product_csv = (sample_site / opendata.PRODUCT_CSV).read_bytes()
    check_csv_files(ukm_csv, product_csv, Raw(ROOT), SITE_URL)
    catalog = load_catalog(ROOT)
    assert {row["edisi"] for row in read_csv(product_csv)} == {catalog.edition.isoformat()}
    # Made in another process at another time: the same bytes (nothing from the clock).
    assert opendata.files(catalog, SITE_URL) == {opendata.UKM_CSV: ukm_csv, opendata.PRODUCT_CSV: product_csv}


def test_feeds_link_the_csvs_and_the_licence(sample_site):
    feed = json.loads((sample_site / "produk.json").read_text(encoding="utf-8"))
    assert feed["lisensi"] == {"nama": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.id"}
    for url in [*feed["csv"].values(), feed["kamus_data"]]:
        target = sample_site / url.removeprefix(SITE_URL)
        assert url.startswith(SITE_URL) and (target.is_file() or (target / "index.html").is_file()), url
    atom = ET.parse(sample_site / "produk-baru.xml").getroot()
    links = {link.get("rel"): link for link in atom.findall("{http://www.w3.org/2005/Atom}link")}
    assert links["related"].get("href") == SITE_URL + opendata.PRODUCT_CSV and links["related"].get("type") == "text/csv"
    assert links["license"].get("href") == feed["lisensi"]["url"]


def _links(html: str, here: str) -> set[str]:
    return {posixpath.normpath(posixpath.join(here, href)) for href in re.findall(r'href="([^"#:]+)"', html)}


def test_dictionary_describes_every_column_and_is_linked(sample_site):
    dictionary = (sample_site / "data-terbuka" / "index.html").read_text(encoding="utf-8")
    for name in (opendata.UKM_CSV, opendata.PRODUCT_CSV):
        header = (sample_site / name).read_bytes().decode("utf-8-sig").splitlines()[0].split(",")
        assert all(f"<code>{column}</code>" in dictionary for column in header), name
    assert {opendata.UKM_CSV, opendata.PRODUCT_CSV} <= _links(dictionary, "data-terbuka")
    assert "CC BY 4.0" in dictionary and "Cahya DSN" in dictionary
    statistik = (sample_site / "statistik" / "index.html").read_text(encoding="utf-8")
    assert {opendata.UKM_CSV, opendata.PRODUCT_CSV, "data-terbuka"} <= _links(statistik, "statistik")
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="statistik/"[^>]*>\s*Statistik', home)
    guide = (sample_site / "tentang" / "index.html").read_text(encoding="utf-8")  # open data sits under Panduan
    assert re.search(r'href="\.\./data-terbuka/"', guide)
