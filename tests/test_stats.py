"""The statistics page's figures and charts, and the open-data CSVs, checked against counts made here.

`Raw` reads the YAML files with yaml.safe_load and the register YAML itself, and counts in plain
Python, without the catalogue's loader, model or any function of catalog/web/stats.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import math
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from catalog.read.load import load_catalog
from catalog.resources import REGISTER_FILE
from catalog.web import charts, opendata, stats
from conftest import ROOT, draw_photo, make_mini

pytestmark = pytest.mark.unit

PERMITS = ("nib", "pirt", "halal", "bpom")
CATEGORY_KEYS = ("batik", "busana", "makanan", "kerajinan")


class Raw:
    """A catalogue folder as plain YAML: each UKM with its village and kecamatan from the register file."""

    def __init__(self, data_dir: Path):
        register = yaml.safe_load(REGISTER_FILE.read_text(encoding="utf-8"))
        self.kecamatan = {k["code"]: k["name"] for k in register["kecamatan"]}
        self.villages = [(k["code"], k["name"], v) for k in register["kecamatan"] for v in k["villages"]]
        self.ukms = {}
        for path in sorted((data_dir / "products").glob("*.yml")):
            entry = yaml.safe_load(path.read_text(encoding="utf-8"))
            entry["_kecamatan_code"], entry["_desa"] = self.place(entry)
            entry["produk"] = [dict(p, kategori=p["kategori"].strip().casefold()) for p in entry["produk"]]
            self.ukms[path.stem] = entry

    def place(self, entry: dict) -> tuple[str, dict]:
        wanted = entry.get("kecamatan")
        found = [(code, v) for code, name, v in self.villages if v["name"].casefold() == entry["desa"].casefold()
                 and (wanted is None or name.casefold() == wanted.casefold())]
        assert len(found) == 1, entry["desa"]
        return found[0]

    def products(self):
        return [(slug, p) for slug, u in self.ukms.items() for p in u["produk"]]

    @staticmethod
    def low(price) -> int:
        return int(price["dari"]) if isinstance(price, dict) else int(price)

    @staticmethod
    def high(price) -> int:
        return int(price["sampai"]) if isinstance(price, dict) else int(price)

    def added(self, slug: str, product: dict):
        return product.get("ditambahkan") or self.ukms[slug].get("terdaftar")

    def holds(self, slug: str, permit: str) -> bool:
        return bool((self.ukms[slug].get("legalitas") or {}).get(permit))

    def sells(self, slug: str, kategori: str) -> bool:
        return any(p["kategori"] == kategori for p in self.ukms[slug]["produk"])


@pytest.fixture(params=["sample", "mini"])
def data_dir(request, tmp_path) -> Path:
    return ROOT if request.param == "sample" else make_mini(tmp_path / "data")


def test_totals_and_kecamatan_counts_equal_the_yaml(data_dir):
    raw, figures = Raw(data_dir), stats.figures(load_catalog(data_dir))
    ukms = Counter(u["_kecamatan_code"] for u in raw.ukms.values())
    products = Counter(u["_kecamatan_code"] for u in raw.ukms.values() for _ in u["produk"])
    assert {p.kecamatan.code: (p.ukms, p.products) for p in figures.places} == {
        code: (ukms[code], products[code]) for code in raw.kecamatan}
    t = figures.totals
    assert (t.ukms, t.products, t.kecamatan, t.villages) == (
        len(raw.ukms), len(raw.products()), len(ukms), len({u["_desa"]["code"] for u in raw.ukms.values()}))
    assert (t.kecamatan_in_register, t.villages_in_register) == (len(raw.kecamatan), len(raw.villages))
    dates = [d for slug, p in raw.products() if (d := raw.added(slug, p))] + [
        u["terdaftar"] for u in raw.ukms.values() if u.get("terdaftar")]
    assert t.edition == max(dates)


def test_category_and_legality_figures_equal_the_yaml(data_dir):
    raw, figures = Raw(data_dir), stats.figures(load_catalog(data_dir))
    assert [(c.key, c.ukms, c.products) for c in figures.categories] == [
        (k, sum(raw.sells(s, k) for s in raw.ukms), sum(p["kategori"] == k for _, p in raw.products()))
        for k in CATEGORY_KEYS]
    groups = [("Semua UKM", list(raw.ukms))] + [
        (c.label, [s for s in raw.ukms if raw.sells(s, c.key)]) for c in figures.categories]
    expected = [(label, len(slugs), {permit: sum(raw.holds(s, permit) for s in slugs) for permit in PERMITS})
                for label, slugs in groups]
    assert [(g.label, g.ukms, g.holders) for g in figures.legality] == expected
    for group in figures.legality:
        for permit in PERMITS:
            share = group.holders[permit] / group.ukms if group.ukms else 0
            assert group.percent(permit) == round(100 * share)


def test_price_spreads_count_a_range_as_its_lowest_price(data_dir):
    raw, figures = Raw(data_dir), stats.figures(load_catalog(data_dir))
    expected = []
    for key in CATEGORY_KEYS:
        amounts = sorted(raw.low(p["harga"]) for _, p in raw.products() if p["kategori"] == key)
        if amounts:
            n = len(amounts)
            middle = amounts[n // 2] if n % 2 else (amounts[n // 2 - 1] + amounts[n // 2]) / 2
            expected.append((key, n, amounts[0], round(middle), amounts[-1]))
    assert [(p.key, p.products, p.lowest, p.median, p.highest) for p in figures.prices] == expected
    assert any(isinstance(p["harga"], dict) for _, p in raw.products())  # the rule above is exercised


def test_communities_and_additions_per_month_equal_the_yaml(data_dir):
    raw, figures = Raw(data_dir), stats.figures(load_catalog(data_dir))
    ukms = Counter(k for u in raw.ukms.values() for k in set(u.get("komunitas") or ()))
    products = Counter(k for u in raw.ukms.values() for k in set(u.get("komunitas") or ()) for _ in u["produk"])
    assert {c.slug: (c.ukms, c.products) for c in figures.communities} == {k: (ukms[k], products[k]) for k in ukms}
    assert figures.communities[0].slug == "ukm-juara"
    assert figures.without_community == sum(1 for u in raw.ukms.values() if not u.get("komunitas"))

    month = lambda day: (day.year, day.month)  # noqa: E731
    new_ukms = Counter(month(u["terdaftar"]) for u in raw.ukms.values() if u.get("terdaftar"))
    new_products = Counter(month(d) for s, p in raw.products() if (d := raw.added(s, p)))
    shown = figures.additions.months
    assert {month(m.month): (m.ukms, m.products) for m in shown if m.ukms or m.products} == {
        m: (new_ukms[m], new_products[m]) for m in {*new_ukms, *new_products}}
    assert [month(m.month) for m in shown] == sorted(month(m.month) for m in shown)  # consecutive, in order
    assert all((b.month - a.month).days <= 31 for a, b in itertools.pairwise(shown))
    assert (figures.additions.ukms, figures.additions.products) == (sum(new_ukms.values()), sum(new_products.values()))
    assert figures.additions.undated_ukms == sum(1 for u in raw.ukms.values() if not u.get("terdaftar"))


def test_months_before_the_last_24_are_summed_in_one_row(mini):
    path = mini / "products" / "batik-contoh.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("terdaftar: 2025-02-01", "terdaftar: 2022-03-15"),
                    encoding="utf-8")
    additions = stats.figures(load_catalog(mini)).additions
    assert len(additions.months) == stats.MONTHS_SHOWN
    assert (additions.months[0].month.isoformat(), additions.months[-1].month.isoformat()) == ("2023-07-01", "2025-06-01")
    # batik-contoh (2022) and its undated product count as earlier; its dated product (2025-06) is shown.
    assert (additions.earlier_ukms, additions.earlier_products) == (1, 1)
    assert (additions.ukms, additions.products) == (1, 2)


# --- Charts ---

def _rects(svg: str) -> list[dict]:
    return [dict(re.findall(r'(\w+)="([^"]*)"', tag)) for tag in re.findall(r"<rect [^>]*>", svg)]


def test_bar_lengths_are_proportional_to_the_values():
    groups = [charts.Group("A", [charts.Bar("x", 10, "10"), charts.Bar("y", 25, "25")]),
              charts.Group("B", [charts.Bar("z", 0, "0")])]
    svg = charts.bar_chart("Judul <uji>", "uji", groups, top=50, label_width=60)
    widths = [float(r["width"]) for r in _rects(svg)]
    span = charts.WIDTH - 60 - charts.VALUE_SPACE
    assert widths == [pytest.approx(span * 10 / 50, abs=0.05), pytest.approx(span * 25 / 50, abs=0.05), 0.5]
    assert "<title id=\"uji\">Judul &lt;uji&gt;</title>" in svg and 'role="img"' in svg


def test_every_count_has_exactly_one_shade_and_the_largest_is_darkest():
    for top in range(0, 40):
        classes = charts.shades(top)
        for count in range(0, top + 1):
            assert sum(s.low <= count <= s.high for s in classes) == 1, (top, count)
        assert classes[0].label == "0" and len(classes) <= charts.SHADES + 1
        if top:
            assert charts.shade_of(top, classes).css == f"rk-shade-{charts.SHADES}"
            assert [s.low for s in classes[1:]] == sorted({s.low for s in classes[1:]})  # increasing, no overlap


def test_price_chart_puts_the_median_between_lowest_and_highest_on_a_log_axis():
    svg = charts.range_chart("Harga", "harga", [charts.Spread("Batik", 85_000, 285_000, 1_250_000),
                                                 charts.Spread("Makanan", 10_000, 28_000, 150_000)])
    ticks = re.findall(r'class="rk-chart__tick"[^>]*>([^<]+)<', svg)
    assert ticks == ["10 rb", "100 rb", "1 jt", "10 jt"]
    dots = [float(x) for x in re.findall(r'class="rk-chart__median" cx="([\d.]+)"', svg)]
    lines = [tuple(map(float, m)) for m in re.findall(r'class="rk-chart__range" x1="([\d.]+)" y1="[\d.]+" '
                                                      r'x2="([\d.]+)" y2="[\d.]+"', svg)]
    horizontal = [line for line in lines if line[0] != line[1]]
    assert len(horizontal) == len(dots) == 2
    for (x1, x2), dot in zip(horizontal, dots, strict=True):
        assert x1 < dot < x2
    # equal ratios are equal distances: 10 rb → 100 rb is as long as 100 rb → 1 jt
    x = {t: float(v) for v, t in re.findall(r'x="([\d.]+)" y="[\d.]+" text-anchor="middle">([^<]+)<', svg)}
    assert x["100 rb"] - x["10 rb"] == pytest.approx(x["1 jt"] - x["100 rb"], abs=0.2)


def test_month_axis_names_fit_a_phone_and_each_year_starts_a_label():
    months = [stats.MonthCount(dt.date(2025 + (i + 4) // 12, (i + 4) % 12 + 1, 1), 1, 2) for i in range(22)]
    columns = charts.month_columns(months)
    assert len(columns) == 22 and all(c.values == (1, 2) for c in columns)
    assert sum(bool(c.label) for c in columns) <= 8
    assert [c.year for c in columns if c.year] == ["2025", "2026", "2027"]
    assert columns[0].year == "2025" and columns[months.index(next(m for m in months if m.month.month == 1))].year


def test_nice_steps_are_round_and_few():
    for top in [0, 1, 3, 7, 11, 15, 48, 101, 999, 12345]:
        step = charts.nice_step(top)
        assert str(step).strip("0") in ("1", "2", "5") and math.ceil(max(top, 1) / step) <= 4


# --- Open data ---

def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode("utf-8")), "no UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_round_trip_every_ukm_and_product_with_register_codes(data_dir):
    catalog = load_catalog(data_dir)
    made = opendata.files(catalog, "https://contoh.example/")
    check_csv_files(made[opendata.UKM_CSV], made[opendata.PRODUCT_CSV], Raw(data_dir), "https://contoh.example/")


def check_csv_files(ukm_csv: bytes, product_csv: bytes, raw: Raw, site_url: str) -> None:
    """Read both files back with the csv module and compare every row with the YAML and the register."""
    villages = {v["code"]: (code, v) for code, _, v in raw.villages}
    ukms = read_csv(ukm_csv)
    assert [row["slug"] for row in ukms] == sorted(raw.ukms)
    edition = {row["edisi"] for row in ukms}
    assert len(edition) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", edition.pop())
    for row in ukms:
        entry = raw.ukms[row["slug"]]
        kecamatan_code, village = villages[row["kode_desa"]]
        assert (row["kode_kecamatan"], row["kecamatan"], row["desa"], row["kode_pos"]) == (
            kecamatan_code, raw.kecamatan[kecamatan_code], village["name"], str(village["postal_code"]))
        assert row["kode_desa"] == entry["_desa"]["code"] and row["kode_desa"].startswith(row["kode_kecamatan"] + ".")
        assert (row["nama"], row["url"], int(row["jumlah_produk"])) == (
            entry["nama"], f"{site_url}ukm/{row['slug']}/", len(entry["produk"]))
        assert set(row["kategori"].split(";")) == {p["kategori"] for p in entry["produk"]}
        assert (row["komunitas"].split(";") if row["komunitas"] else []) == list(entry.get("komunitas") or [])
        assert bool(row["nib"]) == bool((entry.get("legalitas") or {}).get("nib"))
    products = read_csv(product_csv)
    assert len(products) == len(raw.products()) and len({p["nomor_katalog"] for p in products}) == len(products)
    expected = Counter((slug, p["nama"], raw.low(p["harga"]), raw.high(p["harga"]), p["kategori"])
                       for slug, p in raw.products())
    assert Counter((row["ukm_slug"], row["nama"], int(row["harga_min"]), int(row["harga_maks"]), row["kategori"])
                   for row in products) == expected
    for row in products:
        assert row["kode_desa"] == raw.ukms[row["ukm_slug"]]["_desa"]["code"]
        assert row["url"].startswith(f"{site_url}ukm/{row['ukm_slug']}/")


def test_csv_columns_are_indonesian_snake_case_and_described():
    for columns in (opendata.UKM_COLUMNS, opendata.PRODUCT_COLUMNS):
        names = [c.name for c in columns]
        assert len(set(names)) == len(names)
        assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", n) for n in names), names
        assert all(c.meaning.strip() for c in columns)
        table = opendata.column_table(columns)
        assert all(f"| `{n}` |" in table for n in names)


def test_owner_text_cannot_become_an_excel_formula(tmp_path):
    data = tmp_path / "data"
    (data / "products").mkdir(parents=True)
    draw_photo(data / "images" / "rumus" / "a.jpg", (400, 300))
    (data / "products" / "rumus.yml").write_text(
        'nama: "=HYPERLINK(\\"http://x\\",\\"klik\\")"\ndesa: Kedungjenar\nwhatsapp: "0812-0000-0001"\n'
        'produk:\n  - nama: "@SUM(1+1)"\n    kategori: batik\n    harga: 1000\n    satuan: "-lembar"\n'
        '    foto: a.jpg\n', encoding="utf-8")
    made = opendata.files(load_catalog(data), "https://contoh.example/")
    ukm, = read_csv(made[opendata.UKM_CSV])
    product, = read_csv(made[opendata.PRODUCT_CSV])
    assert ukm["nama"] == "'=HYPERLINK(\"http://x\",\"klik\")" and product["ukm_nama"] == ukm["nama"]
    assert (product["nama"], product["satuan"]) == ("'@SUM(1+1)", "'-lembar")
    assert (product["harga_min"], product["edisi"]) == ("1000", "")  # numbers stay numbers; no date, no edition


def test_csv_bytes_do_not_depend_on_the_order_ukms_were_read():
    catalog = load_catalog(ROOT)
    first = opendata.files(catalog, "https://contoh.example/")
    catalog.ukms.reverse()
    assert opendata.files(catalog, "https://contoh.example/") == first
    assert b"\r\n" in first[opendata.UKM_CSV] and b"\n\n" not in first[opendata.UKM_CSV]



def test_after_one_ukm_changes_only_its_part_of_the_open_data_is_made_again(mini, monkeypatch):
    """The build keeps each UKM's part of produk.json and the CSV files; the files are those made from scratch."""
    import shutil

    from catalog.pipeline import data_files
    from catalog.web import seo
    from catalog.web.pages import SiteInfo

    info = SiteInfo(site_url="https://contoh.example/", site_name="Etalase", demo=False, icon=lambda _: "")
    data_files(load_catalog(mini), info)
    yml = mini / "products" / "keripik-sumberejo.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("Keripik Tempe", "Keripik Tempe Pedas"), encoding="utf-8")
    made: list[str] = []

    def counting(make):
        def counted(ukm, *args):
            made.append(ukm.slug)
            return make(ukm, *args)
        return counted

    for module, name in ((seo, "open_data_entries"), (opendata, "ukm_lines")):
        monkeypatch.setattr(module, name, counting(getattr(module, name)))
    catalog = load_catalog(mini)
    changed = data_files(catalog, info)
    assert made == ["keripik-sumberejo", "keripik-sumberejo"] and len(catalog.ukms) > 1
    monkeypatch.undo()
    shutil.rmtree(mini / ".cache")
    assert changed == data_files(load_catalog(mini), info)  # from scratch: the same bytes
    assert "Keripik Tempe Pedas" in changed["produk.json"]
