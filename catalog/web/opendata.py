"""The catalogue as open data: `unduh/ukm.csv` and `unduh/produk.csv`, one row per UKM / product.

UTF-8 with a byte-order mark (so Excel reads the letters right), comma-separated, CRLF line ends
(RFC 4180), Kemendagri codes for kecamatan and desa from the register, prices as plain numbers, and
the edition date in every row. The columns are declared once here; the data dictionary in
docs/data-terbuka.md is generated from them. Contact details and owners' names stay on the UKM pages:
a bulk file of personal phone numbers is a different thing from a page a buyer opens.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from catalog.core import Catalog, Product, Ukm
from catalog.read.model import PriceRange

UKM_CSV = "unduh/ukm.csv"
PRODUCT_CSV = "unduh/produk.csv"
DICTIONARY_URL = "data-terbuka/"  # docs/data-terbuka.md: every column, the licence
LICENCE = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.id")
DOWNLOADS = ((UKM_CSV, "Data UKM (CSV)"), (PRODUCT_CSV, "Data produk (CSV)"))
BOM = "\ufeff"
# Excel runs a cell starting with one of these as a formula (CSV injection): such owner text gets a
# leading apostrophe, which Excel hides and which the dictionary explains.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    value: Callable  # (row's object, Context) -> str | int | None


@dataclass(frozen=True)
class Context:
    edition: str
    site_url: str

    def absolute(self, url: str) -> str:
        return self.site_url.rstrip("/") + "/" + url


def _yes_no(flag: bool) -> str:
    return "ya" if flag else "tidak"


def _legal(key: str) -> Callable:
    return lambda u, _: getattr(u.data.legalitas, key) if u.data.legalitas else None


def _low(harga: int | PriceRange) -> int:
    return harga.dari if isinstance(harga, PriceRange) else harga


def _high(harga: int | PriceRange) -> int:
    return harga.sampai if isinstance(harga, PriceRange) else harga


EDITION = Column("edisi", "Tanggal edisi data (TTTT-BB-HH): tanggal terbaru di data katalog, sama untuk semua baris",
                 lambda _, c: c.edition)
PLACE = [
    Column("kode_kecamatan", "Kode wilayah Kemendagri kecamatan, contoh 33.16.01",
           lambda u, _: u.kecamatan.code),
    Column("kecamatan", "Nama kecamatan", lambda u, _: u.kecamatan.name),
    Column("kode_desa", "Kode wilayah Kemendagri desa/kelurahan, contoh 33.16.01.2001",
           lambda u, _: u.desa.code),
    Column("desa", "Nama desa/kelurahan", lambda u, _: u.desa.name),
]
UKM_COLUMNS: list[Column] = [
    EDITION,
    Column("slug", "Pengenal UKM: nama berkas datanya, juga bagian alamat halamannya", lambda u, _: u.slug),
    Column("nama", "Nama usaha", lambda u, _: u.data.nama),
    Column("url", "Alamat halaman UKM di etalase (kontak pemilik ada di sana)", lambda u, c: c.absolute(u.url)),
    *PLACE,
    Column("jenis_desa", "desa atau kelurahan", lambda u, _: u.desa.type),
    Column("kode_pos", "Kode pos desa/kelurahan", lambda u, _: u.desa.postal_code),
    Column("kategori", "Kategori produknya, dipisah titik koma: batik, busana, makanan, kerajinan",
           lambda u, _: ";".join(u.categories)),
    Column("jumlah_produk", "Jumlah produk di etalase", lambda u, _: len(u.products)),
    Column("berdiri", "Tahun berdiri (kosong bila tidak diisi)", lambda u, _: u.data.berdiri),
    Column("karyawan", "Jumlah karyawan (kosong bila tidak diisi)", lambda u, _: u.data.karyawan),
    Column("terdaftar", "Tanggal bergabung di etalase, TTTT-BB-HH (kosong bila tidak diisi)",
           lambda u, _: u.data.terdaftar),
    Column("nib", "Nomor Induk Berusaha (13 angka; kosong bila tidak diisi)", _legal("nib")),
    Column("pirt", "Nomor P-IRT (kosong bila tidak diisi)", _legal("pirt")),
    Column("halal", "Nomor sertifikat halal BPJPH (kosong bila tidak diisi)", _legal("halal")),
    Column("bpom", "Nomor izin edar BPOM (kosong bila tidak diisi)", _legal("bpom")),
    Column("komunitas", "Komunitas atau program pembinaan, dipisah titik koma, contoh ukm-juara",
           lambda u, _: ";".join(u.data.komunitas or ())),
]
PRODUCT_COLUMNS: list[Column] = [
    EDITION,
    Column("nomor_katalog", "Nomor katalog produk (5 huruf/angka), sama dengan di brosur dan label",
           lambda p, _: p.number),
    Column("nama", "Nama produk", lambda p, _: p.data.nama),
    Column("url", "Alamat halaman produk di etalase", lambda p, c: c.absolute(p.url)),
    Column("kategori", "batik, busana, makanan atau kerajinan", lambda p, _: p.data.kategori),
    Column("harga_min", "Harga dalam Rupiah, angka bulat; untuk rentang harga: harga terendah",
           lambda p, _: _low(p.data.harga)),
    Column("harga_maks", "Harga dalam Rupiah, angka bulat; untuk rentang harga: harga tertinggi, "
           "untuk harga tunggal sama dengan harga_min", lambda p, _: _high(p.data.harga)),
    Column("satuan", "Satuan harga: lembar, pcs, bungkus … (kosong bila tidak diisi)", lambda p, _: p.data.satuan),
    Column("stok", "tersedia, habis, atau pesan (dibuat sesuai pesanan)", lambda p, _: p.data.stok),
    Column("unggulan", "Produk unggulan: ya atau tidak", lambda p, _: _yes_no(p.data.unggulan)),
    Column("ditambahkan", "Tanggal produk ditambahkan, TTTT-BB-HH; bila tidak diisi: tanggal UKM terdaftar",
           lambda p, _: p.added),
    Column("ukm_slug", "Pengenal UKM pembuatnya: kolom slug di ukm.csv", lambda p, _: p.ukm.slug),
    Column("ukm_nama", "Nama UKM pembuatnya", lambda p, _: p.ukm.data.nama),
    *(Column(c.name, c.meaning, lambda p, ctx, c=c: c.value(p.ukm, ctx)) for c in PLACE),
]


def _cell(value: object) -> str | int:
    """A value as the CSV writes it: numbers as they are, dates as TTTT-BB-HH, None as empty, text guarded."""
    if value is None:
        return ""
    if isinstance(value, int):
        return value
    text = str(value)  # a date's str() is its ISO form
    return "'" + text if text.startswith(FORMULA_START) else text


def lines(columns: list[Column], rows: list, context: Context) -> str:
    """Write `rows` as CSV lines, one per row (a row's line never depends on another row)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_cell(c.value(row, context)) for c in columns])
    return out.getvalue()


def table(columns: list[Column], body: list[str]) -> bytes:
    """A CSV file's bytes: the BOM, a header of column names, then the `lines` of its rows."""
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerow([c.name for c in columns])
    return (BOM + out.getvalue() + "".join(body)).encode("utf-8")


def ordered_ukms(catalog: Catalog) -> list[Ukm]:
    return sorted(catalog.ukms, key=lambda u: u.slug)


def ordered_products(catalog: Catalog) -> list[Product]:
    """Products by UKM slug, then in the order their UKM's file lists them."""
    return [p for u in ordered_ukms(catalog) for p in u.products]


UkmLines = tuple[str, str]  # a UKM's line of ukm.csv and its products' lines of produk.csv


def ukm_lines(ukm: Ukm, context: Context) -> UkmLines:
    """A UKM's lines of both CSV files."""
    return lines(UKM_COLUMNS, [ukm], context), lines(PRODUCT_COLUMNS, ukm.products, context)


def files(catalog: Catalog, site_url: str,
          lines_of: Callable[[Ukm, Context], UkmLines] = ukm_lines) -> dict[str, bytes]:
    """Both CSV files by their place in the site; `lines_of` gives each UKM's lines (a build keeps them)."""
    context = Context(catalog.edition.isoformat() if catalog.edition else "", site_url)
    made = [lines_of(ukm, context) for ukm in ordered_ukms(catalog)]
    return {UKM_CSV: table(UKM_COLUMNS, [ukm for ukm, _ in made]),
            PRODUCT_CSV: table(PRODUCT_COLUMNS, [products for _, products in made])}


def column_table(columns: list[Column]) -> str:
    """A Markdown table of the columns, for the data dictionary."""
    rows = ["| Kolom | Isi |", "|---|---|"]
    rows += [f"| `{c.name}` | {c.meaning} |" for c in columns]
    return "\n".join(rows)
