"""Render the showroom's pages as Markdown documents (front matter + escaped HTML).

Pure: takes a Catalog, returns {src_uri: markdown} and {dest_uri: photo path}. Every value
from YAML goes through Jinja's autoescape, so owner text never becomes markup.
"""

from __future__ import annotations

import html
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup
import yaml
from PIL import Image

from . import fmt, seo
from .load import Catalog, Photo, Product, Ukm
from .model import KATEGORI, STOK
from .wilayah import Kecamatan

TEMPLATES = Path(__file__).resolve().parent.parent / "theme" / "catalog"
LEGAL_LABELS = {"nib": "NIB", "pirt": "P-IRT", "halal": "Halal", "bpom": "BPOM"}
KATEGORI_ICONS = {"batik": "material/palette-swatch", "busana": "material/tshirt-crew",
                  "makanan": "material/food-variant", "kerajinan": "material/hammer-screwdriver"}


@dataclass(frozen=True)
class SiteInfo:
    """What the pages need from the site config."""

    site_url: str
    site_name: str
    demo: bool = False
    icon: Callable[[str], str] = lambda name: ""


@dataclass(frozen=True)
class Rendered:
    pages: dict[str, str]   # src_uri -> Markdown
    photos: dict[str, Path]  # dest_uri -> photo path


def photo_uri(photo: Photo, ukm: Ukm) -> str:
    return f"foto/{ukm.slug}/{photo.name}"


def _page_uri(url: str) -> str:
    return f"{url}index.md" if url.endswith("/") or not url else f"{url}.md"


def _environment(info: SiteInfo) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["harga"] = fmt.harga_text
    env.filters["rupiah"] = fmt.rupiah
    env.filters["phone"] = fmt.phone_display
    env.filters["paragraphs"] = lambda text: text.split("\n\n") if text else []
    env.globals.update(KATEGORI=KATEGORI, STOK=STOK, LEGAL_LABELS=LEGAL_LABELS, KATEGORI_ICONS=KATEGORI_ICONS,
                       fmt=fmt, info=info, icon=lambda name: Markup(info.icon(name)))
    return env


class _Sizes:
    """Read each photo's pixel size once (header only) for width/height attributes."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[int, int]] = {}

    def __call__(self, photo: Photo) -> tuple[int, int]:
        if photo.path not in self._cache:
            with Image.open(photo.path) as image:
                self._cache[photo.path] = image.size
        return self._cache[photo.path]


def render(catalog: Catalog, info: SiteInfo) -> Rendered:
    """Render every generated page of the showroom."""
    env = _environment(info)
    sizes = _Sizes()
    pages: dict[str, str] = {}
    products = catalog.products
    by_kategori: dict[str, list[Product]] = defaultdict(list)
    for product in sorted(products, key=_product_order):
        by_kategori[product.data.kategori].append(product)
    by_kecamatan: dict[str, list[Ukm]] = defaultdict(list)
    for ukm in catalog.ukms:
        by_kecamatan[ukm.kecamatan.code].append(ukm)

    def page(url: str, template: str, title: str, description: str, trail: tuple = (), jsonld: tuple = (),
             **context) -> None:
        uri = _page_uri(url)
        if uri in pages:  # slugs are checked when loading; this guards the writer itself
            raise RuntimeError(f"two pages for {uri}")
        here = posixpath.dirname(uri)

        def rel(target: str) -> str:
            path = posixpath.relpath(target or ".", here or ".")
            return path + "/" if (not target or target.endswith("/")) and not path.endswith("/") else path

        def photo_tag(photo: Photo, ukm: Ukm, css: str, lazy: bool = True, priority: bool = False) -> Markup:
            width, height = sizes(photo)
            attrs = {"class": css, "src": rel(photo_uri(photo, ukm)), "alt": photo.alt,
                     "width": width, "height": height, "decoding": "async"}
            if lazy:
                attrs["loading"] = "lazy"
            if priority:
                attrs["fetchpriority"] = "high"
            if photo.focus:
                attrs["style"] = f"object-position: {photo.focus}"
            return Markup("<img " + " ".join(f'{k}="{html.escape(str(v))}"' for k, v in attrs.items()) + ">")

        trail_links = [(label, target) for label, target in trail] + [(title, None)]
        body = env.get_template(template).render(rel=rel, photo_tag=photo_tag, url=url, catalog=catalog,
                                                 absolute=lambda target: seo.absolute(info.site_url, target),
                                                 trail=trail_links, **context)
        meta = {"title": html.escape(title), "description": html.escape(description.strip()), "hide": ["toc"]}
        if trail:
            crumbs = [("Beranda", "")] + [(label, target) for label, target in trail] + [(title, url)]
            jsonld = (*jsonld, seo.breadcrumbs(crumbs, info.site_url))
        if jsonld:
            meta["jsonld"] = "".join(seo.script_json(item) for item in jsonld)
        pages[uri] = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n\n" + body.strip() + "\n"

    featured = [p for p in products if p.data.unggulan]
    page("", "home.html", info.site_name, "Etalase produk UKM Kabupaten Blora: batik, busana, makanan dan kerajinan.",
         by_kategori=by_kategori, by_kecamatan=by_kecamatan, featured=sorted(featured, key=_product_order),
         newest=sorted(products, key=lambda p: (-(p.added.toordinal() if p.added else 0), _product_order(p)))[:8])
    page("kategori/", "kategori_index.html", "Kategori", "Produk UKM Blora per kategori.", by_kategori=by_kategori)
    absolute_photos = lambda photos, ukm: [seo.absolute(info.site_url, photo_uri(p, ukm)) for p in photos]  # noqa: E731
    for kategori, label in KATEGORI.items():
        items = by_kategori.get(kategori, [])
        page(f"kategori/{kategori}/", "kategori.html", label,
             f"{len(items)} produk {label} dari UKM Kabupaten Blora.", kategori=kategori, products=items,
             trail=[("Kategori", "kategori/")])
    page("wilayah/", "wilayah_index.html", "Wilayah", "UKM Blora per kecamatan dan desa.", by_kecamatan=by_kecamatan,
         trail=[])
    for kecamatan in catalog.register.kecamatan:
        ukms = by_kecamatan.get(kecamatan.code, [])
        villages = _villages(kecamatan, ukms)
        page(kecamatan.url, "kecamatan.html", f"Kecamatan {kecamatan.name}",
             f"{len(ukms)} UKM di Kecamatan {kecamatan.name}, Kabupaten Blora.", kecamatan=kecamatan,
             trail=[("Wilayah", "wilayah/")],
             ukms=ukms, villages=villages, products=sorted([p for u in ukms for p in u.products], key=_product_order))
        for desa, desa_ukms in villages:
            page(desa_ukms[0].desa_url, "desa.html", f"{desa.type_label} {desa.name}",
                 f"{len(desa_ukms)} UKM di {desa.type_label} {desa.name}, Kecamatan {kecamatan.name}.",
                 kecamatan=kecamatan, desa=desa, ukms=desa_ukms,
                 trail=[("Wilayah", "wilayah/"), (f"Kecamatan {kecamatan.name}", kecamatan.url)],
                 products=sorted([p for u in desa_ukms for p in u.products], key=_product_order))
    page("ukm/", "ukm_index.html", "Semua UKM", "Daftar UKM binaan Kabupaten Blora.", ukms=catalog.ukms, trail=[])
    for ukm in catalog.ukms:
        page(ukm.url, "ukm.html", ukm.data.nama, _summary(ukm.data.cerita) or
             f"{ukm.data.nama}, UKM di {ukm.desa.type_label} {ukm.desa.name}, Kecamatan {ukm.kecamatan.name}.", ukm=ukm,
             trail=place_trail(ukm),
             jsonld=[seo.local_business(ukm, info.site_url, absolute_photos(ukm.products[0].photos, ukm))])
        for product in ukm.products:
            price = fmt.harga_text(product.data.harga)
            page(product.url, "produk.html", product.data.nama,
                 f"{product.data.nama} — {price}, dari {ukm.data.nama}, {ukm.desa.name}, Blora. "
                 + _summary(product.data.deskripsi), product=product, ukm=ukm,
                 trail=place_trail(ukm) + [(ukm.data.nama, ukm.url)],
                 jsonld=[seo.product(product, info.site_url, absolute_photos(product.photos, ukm))],
                 order=fmt.order_message(ukm.data.nama, product.data.nama, price,
                                         info.site_url.rstrip("/") + "/" + product.url))
    photos = {photo_uri(photo, p.ukm): photo.path for p in products for photo in p.photos}
    return Rendered(pages, photos)


def place_trail(ukm: Ukm) -> list[tuple[str, str]]:
    return [(f"Kecamatan {ukm.kecamatan.name}", ukm.kecamatan.url), (f"{ukm.desa.type_label} {ukm.desa.name}", ukm.desa_url)]


def _product_order(product: Product) -> tuple:
    return (product.data.nama.casefold(), product.ukm.slug, product.slug)


def _villages(kecamatan: Kecamatan, ukms: list[Ukm]) -> list[tuple]:
    grouped: dict[str, list[Ukm]] = defaultdict(list)
    for ukm in ukms:
        grouped[ukm.desa.code].append(ukm)
    return [(v, grouped[v.code]) for v in kecamatan.villages if v.code in grouped]


def _summary(text: str | None, limit: int = 160) -> str:
    if not text:
        return ""
    first = text.split("\n\n")[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"
