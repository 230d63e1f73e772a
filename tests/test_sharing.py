"""Link previews, schema.org JSON-LD, sitemap, robots.txt and feeds, checked against the YAML."""

from __future__ import annotations

import html.parser
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from catalog.read.load import load_catalog
from test_build import ROOT, run

SITE_URL = "https://rumahkreatif.blorakab.go.id/"

# Properties of the schema.org types we emit (from schema.org's definitions, including inherited ones).
SCHEMA = {
    "Product": {"name", "sku", "url", "category", "image", "brand", "offers", "description", "material", "color"},
    "Offer": {"price", "priceCurrency", "availability", "url", "seller"},
    "AggregateOffer": {"lowPrice", "highPrice", "priceCurrency", "availability", "url", "seller"},
    "LocalBusiness": {"@id", "name", "url", "address", "geo", "telephone", "email", "description", "foundingDate",
                      "image", "sameAs"},
    "PostalAddress": {"addressLocality", "addressRegion", "postalCode", "addressCountry", "streetAddress"},
    "GeoCoordinates": {"latitude", "longitude"},
    "Brand": {"name"},
    "BreadcrumbList": {"itemListElement"},
    "ListItem": {"position", "name", "item"},
}


class Head(html.parser.HTMLParser):
    """Collect <meta> tags, the <title> and JSON-LD blocks of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.jsonld: list[dict] = []
        self.title = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in = "jsonld"
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "jsonld":
            self.jsonld.append(json.loads(data))
        elif self._in == "title":
            self.title += data


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check_vocabulary(node: object) -> None:
    if isinstance(node, list):
        for item in node:
            check_vocabulary(item)
    elif isinstance(node, dict):
        kind = node.get("@type")
        if kind:
            assert kind in SCHEMA, kind
            unknown = set(node) - SCHEMA[kind] - {"@context", "@type", "@id"}
            assert not unknown, (kind, unknown)
        for value in node.values():
            check_vocabulary(value)


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    from conftest import make_mini
    data = make_mini(tmp_path_factory.mktemp("mini") / "data")
    out = data.parent / "site"
    result = run("build", "--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return data, out


@pytest.mark.build
def test_product_pages_describe_the_yaml(sample_site):
    catalog = load_catalog(ROOT)
    for product in catalog.products:
        page = head(sample_site / product.url / "index.html")
        assert page.meta["og:title"] == product.data.nama
        assert page.meta["og:url"] == SITE_URL + product.url
        assert page.meta["og:description"].startswith(product.data.nama)
        [data] = [d for d in page.jsonld if d["@type"] == "Product"]
        check_vocabulary(page.jsonld)
        assert (data["name"], data["sku"], data["url"]) == (product.data.nama, product.number, SITE_URL + product.url)
        offer = data["offers"]
        assert offer["priceCurrency"] == "IDR"
        assert offer["availability"].endswith({"tersedia": "InStock", "habis": "OutOfStock", "pesan": "MadeToOrder"}[
            product.data.stok])
        harga = product.data.harga
        if isinstance(harga, int):
            assert (offer["@type"], offer["price"]) == ("Offer", harga)
        else:
            assert (offer["@type"], offer["lowPrice"], offer["highPrice"]) == ("AggregateOffer", harga.dari, harga.sampai)
        [crumbs] = [d for d in page.jsonld if d["@type"] == "BreadcrumbList"]
        assert [i["item"] for i in crumbs["itemListElement"]] == [
            SITE_URL, SITE_URL + product.ukm.kecamatan.url, SITE_URL + product.ukm.desa_url,
            SITE_URL + product.ukm.url, SITE_URL + product.url]


@pytest.mark.build
def test_ukm_pages_are_local_businesses(sample_site):
    for ukm in load_catalog(ROOT).ukms:
        page = head(sample_site / ukm.url / "index.html")
        [business] = [d for d in page.jsonld if d["@type"] == "LocalBusiness"]
        check_vocabulary(business)
        address = business["address"]
        assert address["postalCode"] == ukm.desa.postal_code and address["addressRegion"] == "Jawa Tengah"
        assert f"Kecamatan {ukm.kecamatan.name}" in address["streetAddress"]
        assert "Kabupaten Blora" in address["streetAddress"]
        assert (business["geo"]["latitude"], business["geo"]["longitude"]) == (ukm.desa.lat, ukm.desa.lon)
        assert page.meta["og:title"] == ukm.data.nama


@pytest.mark.build
def test_owner_text_in_head_and_jsonld_stays_text(mini_site):
    _, out = mini_site
    path = out / "ukm/batik-contoh/script-alert-1-script-batik-tulis/index.html"
    raw = path.read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "</b>" not in raw.split("</head>")[0]
    page = head(path)
    assert page.title == "<script>alert(1)</script> Batik Tulis - Rumah Kreatif UKM Blora"
    [product] = [d for d in page.jsonld if d["@type"] == "Product"]
    assert product["brand"]["name"] == "Batik Contoh <b>Jati</b>"


@pytest.mark.build
def test_every_page_has_title_description_and_canonical(sample_site):
    for path in sample_site.rglob("index.html"):
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue  # short QR links (/p/<nomor>/) only redirect
        page = head(path)
        assert page.title.strip(), path
        assert page.meta.get("description"), path
        assert page.meta.get("og:title") and page.meta.get("twitter:card"), path


@pytest.mark.build
def test_sitemap_robots_and_feeds(mini_site):
    data, out = mini_site
    catalog = load_catalog(data)
    assert (out / "robots.txt").read_text() == f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n"
    locs = {e.text.strip() for e in ET.parse(out / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {SITE_URL + p.url for p in catalog.products} <= locs
    feed = json.loads((out / "produk.json").read_text())
    assert feed["jumlah"] == len(catalog.products) == len(feed["produk"])
    by_number = {item["nomor_katalog"]: item for item in feed["produk"]}
    for product in catalog.products:
        item = by_number[product.number]
        assert (item["url"], item["kategori"], item["desa"]["kode"], item["ukm"]["slug"]) == (
            SITE_URL + product.url, product.data.kategori, product.ukm.desa.code, product.ukm.slug)
    atom = ET.parse(out / "produk-baru.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = atom.findall("a:entry", ns)
    dated = sorted((p for p in catalog.products if p.added), key=lambda p: (p.added, p.key), reverse=True)
    assert [e.find("a:title", ns).text for e in entries] == [p.data.nama for p in dated]
    assert entries[0].find("a:updated", ns).text == "2025-06-01T00:00:00Z"


@pytest.mark.build
def test_the_same_data_gives_the_same_bytes(mini_site, tmp_path):
    data, out = mini_site
    again = tmp_path / "again"
    assert run("build", "--data", str(data), "--out", str(again)).returncode == 0
    differing = [p.relative_to(out) for p in out.rglob("*") if p.is_file()
                 and p.read_bytes() != (again / p.relative_to(out)).read_bytes()]
    assert differing == []


@pytest.mark.build
def test_product_and_ukm_pages_have_a_share_image(mini_site):
    from PIL import Image, ImageStat
    data, out = mini_site
    catalog = load_catalog(data)
    seen = set()
    for url in [p.url for p in catalog.products] + [u.url for u in catalog.ukms]:
        page = head(out / url / "index.html")
        image_url = page.meta["og:image"]
        assert image_url.startswith(SITE_URL + "bagikan/") and page.meta["twitter:card"] == "summary_large_image"
        path = out / image_url.removeprefix(SITE_URL)
        with Image.open(path) as image:
            assert (image.format, image.size) == ("JPEG", (1200, 630))
            assert not image.getexif() and "icc_profile" not in image.info
            photo_half = ImageStat.Stat(image.crop((0, 0, 630, 630)).convert("L"))
            text_half = ImageStat.Stat(image.crop((640, 20, 1200, 540)).convert("L"))
            assert photo_half.stddev[0] > 5 and text_half.stddev[0] > 5  # a photo, and text was drawn
        seen.add(image_url)
    assert len(seen) == len(catalog.products) + len(catalog.ukms)  # each page its own picture


@pytest.mark.unit
def test_share_image_wraps_a_long_name():
    from catalog.web.previews import _font, _wrap
    lines = _wrap("Batik Tulis Daun Jati Sogan Motif Kawung Barongan Klasik Warisan Leluhur Blora Asli Edisi Pameran",
                  _font(True, 52), 470, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(_font(True, 52).getlength(line) <= 470 for line in lines)
