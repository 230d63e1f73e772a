"""Search data: the facets every product page carries for Pagefind, and a small local index.

Pagefind (run on the built site) serves search online, loading only the index chunks a query
needs. The local index (`cari/indeks.js`, a script so it loads from file://) serves the offline
copy and `mkdocs serve` before Pagefind has run. Both use the same facets and spelling rules.
"""

from __future__ import annotations

import json

from . import ejaan
from .fmt import harga_min, harga_text
from .load import Catalog, Product
from .model import KATEGORI, STOK

PRICE_BANDS = [(50_000, "di bawah Rp50.000"), (200_000, "Rp50.000–Rp199.999"), (1_000_000, "Rp200.000–Rp999.999"),
               (None, "Rp1.000.000 ke atas")]
FACETS = {"kategori": "Kategori", "kecamatan": "Kecamatan", "desa": "Desa/kelurahan", "harga": "Harga",
          "halal": "Halal", "stok": "Stok"}


def price_band(amount: int) -> str:
    return next(label for limit, label in PRICE_BANDS if limit is None or amount < limit)


def facets(product: Product) -> dict[str, str]:
    """The filter values of one product (the same words on the page and in the local index)."""
    ukm = product.ukm
    halal = bool(ukm.data.legalitas and ukm.data.legalitas.halal)
    return {"kategori": KATEGORI[product.data.kategori], "kecamatan": ukm.kecamatan.name,
            "desa": f"{ukm.desa.name} ({ukm.kecamatan.name})", "harga": price_band(harga_min(product.data.harga)),
            "halal": "Bersertifikat halal" if halal else "Belum/tanpa sertifikat", "stok": STOK[product.data.stok]}


def sort_keys(product: Product) -> dict[str, str]:
    added = product.added.strftime("%Y%m%d") if product.added else "0"
    return {"harga": str(harga_min(product.data.harga)), "baru": added, "nama": product.data.nama.casefold()}


def search_text(product: Product) -> str:
    """Words a shopper may type that the page does not show: normal spellings and the catalogue number."""
    d = product.data
    text = " ".join(x for x in (d.nama, d.deskripsi, d.bahan, d.motif, d.teknik, d.warna, product.ukm.data.nama) if x)
    return " ".join(x for x in (ejaan.normal_text(text), product.number) if x)


def local_index(catalog: Catalog, card_url) -> str:
    """Return `cari/indeks.js`: every product's card data, facets and searchable words."""
    rows = []
    for p in sorted(catalog.products, key=lambda p: (p.data.nama.casefold(), p.key)):
        d, ukm = p.data, p.ukm
        words = " ".join(x for x in (d.nama, ukm.data.nama, ukm.desa.name, ukm.kecamatan.name, KATEGORI[d.kategori],
                                      d.deskripsi, d.bahan, d.motif, d.teknik, d.warna, search_text(p)) if x)
        rows.append({"url": p.url, "nama": d.nama, "harga": harga_text(d.harga), "ukm": ukm.data.nama,
                     "desa": ukm.desa.name, "gambar": card_url(p.photos[0]) if p.photos else None,
                     "stok": d.stok, "filter": facets(p), "urut": sort_keys(p), "teks": words.casefold()})
    data = {"produk": rows, "ejaan": ejaan.table(), "faset": FACETS}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f"window.RK_INDEKS={text};\n"
