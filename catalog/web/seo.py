"""What search engines, feed readers and link previews read: JSON-LD, feeds, robots.txt.

Pure functions of the catalogue. JSON is embedded in <script> with `<`, `>` and `&` escaped,
so owner text can never close the script element.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from xml.sax.saxutils import escape as xml_escape

from catalog.core import Catalog, Product, Ukm
from catalog.fmt import harga_text
from catalog.read.model import CATEGORIES, PriceRange
from catalog.web.opendata import DICTIONARY_URL, LICENCE, PRODUCT_CSV, UKM_CSV

AVAILABILITY = {"tersedia": "https://schema.org/InStock", "habis": "https://schema.org/OutOfStock",
                "pesan": "https://schema.org/MadeToOrder"}


def absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url


def script_json(data: object) -> str:
    """Return a `<script type="application/ld+json">` element that is safe in HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


def _address(ukm: Ukm, register_name: str = "Kabupaten Blora") -> dict:
    address = {"@type": "PostalAddress", "addressLocality": f"{ukm.desa.type_label} {ukm.desa.name}",
               "addressRegion": "Jawa Tengah", "postalCode": ukm.desa.postal_code, "addressCountry": "ID",
               "streetAddress": ", ".join(x for x in (ukm.data.alamat, f"Kecamatan {ukm.kecamatan.name}",
                                                      register_name) if x)}
    return address


def local_business(ukm: Ukm, site_url: str, photo_urls: list[str]) -> dict:
    """Describe a UKM as a schema.org LocalBusiness with address and geo."""
    data = {"@context": "https://schema.org", "@type": "LocalBusiness", "@id": absolute(site_url, ukm.url) + "#usaha",
            "name": ukm.data.nama, "url": absolute(site_url, ukm.url), "address": _address(ukm),
            "geo": {"@type": "GeoCoordinates", "latitude": ukm.desa.lat, "longitude": ukm.desa.lon}}
    if ukm.data.whatsapp:
        data["telephone"] = "+" + ukm.data.whatsapp
    elif ukm.data.telepon:
        data["telephone"] = ukm.data.telepon
    if ukm.data.email:
        data["email"] = ukm.data.email
    if ukm.data.cerita:
        data["description"] = ukm.data.cerita.split("\n\n")[0]
    if ukm.data.berdiri:
        data["foundingDate"] = str(ukm.data.berdiri)
    if photo_urls:
        data["image"] = photo_urls[:1]
    links = [getattr(ukm.data, k) for k in ukm.links]
    if links:
        data["sameAs"] = links
    return data


def product(product: Product, site_url: str, photo_urls: list[str]) -> dict:
    """Describe a product as a schema.org Product with an Offer (or AggregateOffer for a range) in IDR."""
    d = product.data
    seller = {
        "@type": "LocalBusiness",
        "@id": absolute(site_url, product.ukm.url) + "#usaha",
        "name": product.ukm.data.nama,
    }
    availability = AVAILABILITY[d.stok]
    if isinstance(d.harga, PriceRange):
        offer = {"@type": "AggregateOffer", "lowPrice": d.harga.dari, "highPrice": d.harga.sampai}
    else:
        offer = {"@type": "Offer", "price": d.harga}
    offer.update(
        {"priceCurrency": "IDR", "availability": availability, "url": absolute(site_url, product.url), "seller": seller}
    )
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": d.nama,
        "sku": product.number,
        "url": absolute(site_url, product.url),
        "category": CATEGORIES[d.kategori],
        "image": photo_urls,
        "brand": {"@type": "Brand", "name": product.ukm.data.nama},
        "offers": offer,
    }
    if d.deskripsi:
        data["description"] = d.deskripsi
    if d.bahan:
        data["material"] = d.bahan
    if d.warna:
        data["color"] = d.warna
    return data


def breadcrumbs(items: list[tuple[str, str]], site_url: str) -> dict:
    """Describe the page's trail (name, site-relative URL) as a schema.org BreadcrumbList."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": absolute(site_url, url)}
            for i, (name, url) in enumerate(items, start=1)
        ],
    }


def robots(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {absolute(site_url, 'sitemap.xml')}\n"


def open_data_entries(ukm: Ukm, site_url: str) -> str:
    """A UKM's products as entries of produk.json's list, written as the whole document indents them."""
    entries = []
    for p in ukm.products:
        harga = p.data.harga
        item = {
            "nomor_katalog": p.number,
            "nama": p.data.nama,
            "url": absolute(site_url, p.url),
            "kategori": p.data.kategori,
            "harga": {"dari": harga.dari, "sampai": harga.sampai} if isinstance(harga, PriceRange) else harga,
            "harga_teks": harga_text(harga),
            "stok": p.data.stok,
            "satuan": p.data.satuan,
            "ukm": {"slug": p.ukm.slug, "nama": p.ukm.data.nama, "url": absolute(site_url, p.ukm.url)},
            "desa": {"kode": p.ukm.desa.code, "nama": p.ukm.desa.name},
            "kecamatan": {"kode": p.ukm.kecamatan.code, "nama": p.ukm.kecamatan.name},
            "ditambahkan": p.added.isoformat() if p.added else None,
        }
        # Two levels deep in the document: a newline inside a string is written as \n, so every real one is
        # a line break of the layout and takes the two extra spaces.
        entries.append(json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  "))
    return ",\n  ".join(entries)


def open_data(catalog: Catalog, site_url: str, entries_of: Callable[[Ukm, str], str] = open_data_entries) -> str:
    """Every product as open data: URL, price, category, village code and UKM, with the licence and the CSV files.

    `entries_of` gives each UKM's entries (a build keeps them): the document is `json.dumps(..., indent=1)` of
    all of it, put together from them.
    """
    edition = catalog.edition.isoformat() if catalog.edition else None
    about = {
        "lisensi": {"nama": LICENCE[0], "url": LICENCE[1]},
        "kamus_data": absolute(site_url, DICTIONARY_URL),
        "csv": {"ukm": absolute(site_url, UKM_CSV), "produk": absolute(site_url, PRODUCT_CSV)},
    }
    listed = [text for ukm in catalog.ukms if (text := entries_of(ukm, site_url))]
    head = json.dumps({"edisi": edition, "jumlah": len(catalog.products), **about, "produk": []},
                      ensure_ascii=False, indent=1)
    if not listed:
        return head + "\n"
    assert head.endswith('"produk": []\n}')  # the list is the document's last key
    return head.removesuffix("[]\n}") + "[\n  " + ",\n  ".join(listed) + "\n ]\n}\n"


def atom_feed(catalog: Catalog, site_url: str, site_name: str, limit: int = 50) -> str:
    """An Atom feed of the newest products, dated from the data (never the clock)."""
    dated = sorted((p for p in catalog.products if p.added), key=lambda p: (p.added, p.key), reverse=True)[:limit]
    updated = _stamp(dated[0].added if dated else catalog.edition or dt.date(2025, 1, 1))
    entries = []
    for p in dated:
        url = absolute(site_url, p.url)
        summary = f"{harga_text(p.data.harga)} · {p.ukm.data.nama}, {p.ukm.desa.name}"
        entries.append(
            f'<entry><title>{xml_escape(p.data.nama)}</title><link href="{xml_escape(url)}"/><id>{xml_escape(url)}</id>'
            f"<updated>{_stamp(p.added)}</updated><summary>{xml_escape(summary)}</summary>"
            f'<category term="{p.data.kategori}"/></entry>'
        )
    feed_url = absolute(site_url, "produk-baru.xml")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">'
        f'<title>{xml_escape(site_name)}: produk baru</title><link href="{xml_escape(absolute(site_url, ""))}"/>'
        f'<link rel="self" href="{xml_escape(feed_url)}"/>'
        f'<link rel="related" type="text/csv" title="Data terbuka semua produk (CSV)" '
        f'href="{xml_escape(absolute(site_url, PRODUCT_CSV))}"/>'
        f'<link rel="license" href="{LICENCE[1]}"/><id>{xml_escape(feed_url)}</id>'
        f"<updated>{updated}</updated><author><name>{xml_escape(site_name)}</name></author>"
        + "".join(entries)
        + "</feed>\n"
    )


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
