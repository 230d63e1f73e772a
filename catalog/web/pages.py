"""Render the showroom's pages as Markdown documents (front matter + escaped HTML).

Pure: takes a Catalog and its published photos (`catalog.photos`), returns {src_uri: markdown}
and {dest_uri: published photo file}. Every value
from YAML goes through Jinja's autoescape, so owner text never becomes markup.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup

from catalog import fmt
from catalog import cache as memo
from catalog.web import search
from catalog.web import seo
from catalog.read.load import Catalog, Photo, Product, Ukm
from catalog.photos.pipeline import AVIF, CARD, FULL, JPEG, WEBP, PublishedPhotos
from catalog.read.model import KATEGORI, STOK
from catalog.web.svg_map import render_map
from catalog.read.register import Kecamatan
from catalog.resources import PAGE_TEMPLATES_DIR

TEMPLATES = PAGE_TEMPLATES_DIR
ROOT = "\x00"  # stands for "the site root, seen from this page" until a page is written
PER_PAGE = 24  # cards per listing page: a phone never loads hundreds at once
UKM_PER_PAGE = 48  # rows of the UKM index (a small thumbnail each)
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
    brochure_url: str | None = None  # the full brochure PDF, when the build publishes one


@dataclass(frozen=True)
class Page:
    """A generated page: its front matter and its body, HTML that is already escaped and final."""

    meta: dict
    body: str

    @property
    def markdown(self) -> str:
        """The page as a Markdown document (JSON front matter, then the HTML), as mkdocs alone would read it."""
        # JSON is YAML too, and json.dumps is ~50× faster than yaml.safe_dump here.
        return "---\n" + json.dumps(self.meta, ensure_ascii=False, sort_keys=True) + "\n---\n\n" + self.body + "\n"


@dataclass(frozen=True)
class Rendered:
    pages: dict[str, Page]   # src_uri -> page
    photos: dict[str, str]  # dest_uri -> published file in the photo cache


# Each photo class is one place in the layout: which cut of the photo it shows and how wide it is drawn,
# in CSS px as measured in Chromium (docs/fotos.md). Media queries in `sizes` use px: `em` there means
# the browser's 16 px, not the theme's 20 px root.
PHOTO_SLOTS = {
    "rk-card__img": (CARD, "(min-width: 1600px) 243px, (min-width: 1220px) 221px, (min-width: 640px) 296px, "
                           "calc(50vw - 24px)"),
    "rk-ukm__img": (CARD, "(min-width: 1600px) 80px, 72px"),
    "rk-gallery__img": (FULL, None),  # a square box showing the whole photo: see _gallery_sizes
}
GALLERY_BOX = (("(min-width: 1600px) ", 505), ("(min-width: 1220px) ", 459), ("(min-width: 800px) ", "50vw - 26px"),
               ("", "100vw - 32px"))


def _gallery_sizes(aspect: float) -> str:
    """Return `sizes` for a photo shown whole in the square gallery box: a tall photo is drawn narrower."""
    factor = min(1.0, aspect)
    parts = []
    for media, width in GALLERY_BOX:
        if isinstance(width, int):
            parts.append(f"{media}{round(width * factor)}px")
        else:
            parts.append(f"{media}calc({width})" if factor == 1 else f"{media}calc(({width}) * {factor:.3f})")
    return ", ".join(parts)


def card_photo_url(photo: Photo, published: PublishedPhotos) -> str:
    """Return the site path of a photo's smallest card image (for search results): WebP, which every
    browser that runs the search script shows, at a third of the JPEG's bytes."""
    rendition = published.of(photo, CARD)
    return f"foto/{(rendition.of(WEBP) or rendition.of(JPEG))[0].name}"


def photo_url(photo: Photo, published: PublishedPhotos) -> str:
    """Return the site path of a photo's largest full-view JPEG (for JSON-LD and link previews)."""
    return f"foto/{published.of(photo, FULL).of(JPEG)[-1].name}"


def _page_uri(url: str) -> str:
    return f"{url}index.md" if url.endswith("/") or not url else f"{url}.md"


def _environment(info: SiteInfo) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["harga"] = fmt.harga_text
    env.filters["rupiah"] = fmt.rupiah
    env.filters["phone"] = fmt.phone_display
    env.filters["paragraphs"] = lambda text: text.split("\n\n") if text else []
    env.globals.update(FACETS=search.FACETS, KATEGORI=KATEGORI, STOK=STOK, LEGAL_LABELS=LEGAL_LABELS, KATEGORI_ICONS=KATEGORI_ICONS,
                       fmt=fmt, info=info, icon=lambda name: Markup(info.icon(name)))
    return env


def _ukm_key(ukm: Ukm, settings: tuple, published: PublishedPhotos, share_images: dict[str, str]) -> str:
    """Everything a UKM's own pages and its products' cards are made from (the code: see memo.code_version)."""
    products = [(p.slug, p.number, published.of(p.photos[0], CARD).entry,
                 [published.of(photo, FULL).entry for photo in p.photos], share_images.get(p.url)) for p in ukm.products]
    return memo.key(ukm.slug, ukm.digest, share_images.get(ukm.url), products, settings)


def render(catalog: Catalog, info: SiteInfo, published: PublishedPhotos,
           share_images: dict[str, str] | None = None, remember: bool = False) -> Rendered:
    """Render every generated page of the showroom, linking the photos the pipeline published.

    `remember`: take a UKM's page, its products' pages and cards from `.cache/halaman.pickle` when
    nothing they are made from changed (see `_ukm_key`), and every other page when no UKM changed.
    """
    env = _environment(info)
    share_images = share_images or {}
    kept = memo.Memo(catalog.data_dir, "halaman") if remember and all(u.digest for u in catalog.ukms) else None
    pages: dict[str, Page] = {}
    products = catalog.products
    by_kategori: dict[str, list[Product]] = defaultdict(list)
    for product in sorted(products, key=_product_order):
        by_kategori[product.data.kategori].append(product)
    by_kecamatan: dict[str, list[Ukm]] = defaultdict(list)
    for ukm in catalog.ukms:
        by_kecamatan[ukm.kecamatan.code].append(ukm)

    # Links and photos are written once, relative to the site root behind ROOT, and each page then swaps
    # ROOT for its own way up ("../../"): a product's card is rendered once, not once per listing it is on.
    def rel(target: str) -> str:
        return ROOT + target

    @cache
    def photo_tag(photo: Photo, ukm: Ukm, css: str, lazy: bool = True, priority: bool = False) -> Markup:
        preset, sizes = PHOTO_SLOTS[css]
        rendition = published.of(photo, preset)
        sizes = sizes or _gallery_sizes(rendition.width / rendition.height)

        def srcset(fmt) -> str:
            return ", ".join(f"{rel('foto/' + o.name)} {o.width}w" for o in rendition.of(fmt))

        def tag(name: str, attrs: dict) -> str:
            return f"<{name} " + " ".join(f'{k}="{html.escape(str(v))}"' for k, v in attrs.items()) + ">"

        jpegs = rendition.of(JPEG)
        attrs = {"class": css, "src": rel("foto/" + jpegs[len(jpegs) // 2].name), "srcset": srcset(JPEG),
                 "sizes": sizes, "width": rendition.width, "height": rendition.height, "alt": photo.alt,
                 "decoding": "async"}
        if lazy:
            attrs["loading"] = "lazy"
        if priority:
            attrs["fetchpriority"] = "high"
        # Shown until the photo arrives: a blurred preview in the gallery (whose box is larger than a
        # wide photo, so no solid colour there), the dominant colour on cards.
        attrs["style"] = (f"background: url({rendition.preview}) center / contain no-repeat" if preset == FULL
                          else f"background-color: {rendition.colour}")
        sources = "".join(tag("source", {"type": fmt.mime, "srcset": srcset(fmt), "sizes": sizes})
                          for fmt in (AVIF, WEBP))
        return Markup(f"<picture>{sources}{tag('img', attrs)}</picture>")

    env.globals.update(rel=rel, photo_tag=photo_tag, catalog=catalog,
                       absolute=lambda target: seo.absolute(info.site_url, target))
    macros = env.get_template("_macros.html").module

    cards: dict[tuple[str, bool], Markup] = {}

    def card_html(product: Product, show_ukm: bool = True) -> Markup:
        found = cards.get((product.key, show_ukm))
        if found is None:
            found = cards[product.key, show_ukm] = Markup(macros.product_card(product, show_ukm))
        return found

    ukm_cards: dict[str, Markup] = {}

    def ukm_card_html(ukm: Ukm) -> Markup:
        found = ukm_cards.get(ukm.slug)
        if found is None:
            found = ukm_cards[ukm.slug] = Markup(macros.ukm_card(ukm))
        return found

    env.globals.update(card_html=card_html, ukm_card_html=ukm_card_html)

    ukm_pages: dict[str, Page] = {}  # UKM and product pages: rendered first (listings show their cards), kept last

    def page(url: str, template: str, title: str, description: str, trail: tuple = (), jsonld: tuple = (),
             out: dict[str, Page] = pages, **context) -> None:
        uri = _page_uri(url)
        if uri in out:  # slugs are checked when loading; this guards the writer itself
            raise RuntimeError(f"two pages for {uri}")
        here = posixpath.dirname(uri)
        up = "../" * here.count("/") + ("../" if here else "")  # the page's folder back to the site root
        trail_links = [(label, target) for label, target in trail] + [(title, None)]
        if context.pop("peta_svg", False):
            context["peta"] = Markup(render_map(catalog, rel))
        body = env.get_template(template).render(url=url, trail=trail_links, **context).replace(ROOT, up)
        meta = {"title": html.escape(title), "description": html.escape(description.strip()), "hide": ["toc"]}
        if trail:
            crumbs = [("Beranda", "")] + [(label, target) for label, target in trail] + [(title, url)]
            jsonld = (*jsonld, seo.breadcrumbs(crumbs, info.site_url))
        if jsonld:
            body += "\n\n" + "".join(seo.script_json(item) for item in jsonld)  # in the body: front matter stays small
        if share_images and url in share_images:  # the picture a shared link shows (1200 × 630)
            meta["og_image"] = seo.absolute(info.site_url, share_images[url])
        out[uri] = Page(meta, body.strip())

    def listing(url: str, template: str, title: str, description: str, items: list[Product], preset: dict,
                **context) -> None:
        """Emit a product listing as pages of PER_PAGE cards: url, url/2/, url/3/ … (plain links, no JS needed)."""
        for n, chunk, here, pagination in _paged(items, url, PER_PAGE):
            page(here, template, title if n == 1 else f"{title} (halaman {n})", description, products=chunk,
                 total=len(items), pagination=pagination, current=n,
                 preset=json.dumps(preset, ensure_ascii=False, sort_keys=True), **context)

    absolute_photos = lambda photos, ukm: [seo.absolute(info.site_url, photo_url(p, published)) for p in photos]  # noqa: E731
    ukm_keys = []
    # The site settings the pages show; the icon stands for the icon set (an icon function has no stable key).
    settings = (info.site_url, info.site_name, info.demo, info.brochure_url, info.icon("fontawesome/brands/whatsapp"))
    for ukm in catalog.ukms:
        key = _ukm_key(ukm, settings, published, share_images) if kept else ""
        ukm_keys.append(key)
        remembered = kept.get(key) if kept else None
        if remembered:
            made, made_cards, ukm_cards[ukm.slug] = remembered
            ukm_pages.update(made)
            cards.update({(k, True): Markup(html) for k, html in made_cards.items()})
            continue
        made = {}
        page(ukm.url, "ukm.html", ukm.data.nama, _summary(ukm.data.cerita) or
             f"{ukm.data.nama}, UKM di {ukm.desa.type_label} {ukm.desa.name}, Kecamatan {ukm.kecamatan.name}.", ukm=ukm,
             trail=place_trail(ukm), out=made,
             jsonld=[seo.local_business(ukm, info.site_url, absolute_photos(ukm.products[0].photos, ukm))])
        for product in ukm.products:
            price = fmt.harga_text(product.data.harga)
            page(product.url, "produk.html", product.data.nama,
                 f"{product.data.nama} — {price}, dari {ukm.data.nama}, {ukm.desa.name}, Blora. "
                 + _summary(product.data.deskripsi), product=product, ukm=ukm,
                 trail=place_trail(ukm) + [(ukm.data.nama, ukm.url)], out=made,
                 jsonld=[seo.product(product, info.site_url, absolute_photos(product.photos, ukm))],
                 order=fmt.order_message(ukm.data.nama, product.data.nama, price,
                                         info.site_url.rstrip("/") + "/" + product.url))
        ukm_pages.update(made)
        if kept:
            kept.put(key, (made, {p.key: str(card_html(p)) for p in ukm.products}, ukm_card_html(ukm)))
    # Every other page (home, listings, indexes, map) is made from the UKMs' pages' inputs and their order:
    # when all of them are unchanged, so are these.
    rest_key = memo.key("lainnya", ukm_keys) if kept else ""
    remembered = kept.get(rest_key) if kept else None
    if remembered:
        kept.save()
        return Rendered({**remembered, **ukm_pages}, published.files())
    featured = [p for p in products if p.data.unggulan]
    page("", "home.html", info.site_name, "Etalase produk UKM Kabupaten Blora: batik, busana, makanan dan kerajinan.",
         by_kategori=by_kategori, by_kecamatan=by_kecamatan, featured=sorted(featured, key=_product_order),
         newest=sorted(products, key=lambda p: (-(p.added.toordinal() if p.added else 0), _product_order(p)))[:8])
    page("kategori/", "kategori_index.html", "Kategori", "Produk UKM Blora per kategori.", by_kategori=by_kategori)
    for kategori, label in KATEGORI.items():
        items = by_kategori.get(kategori, [])
        listing(f"kategori/{kategori}/", "kategori.html", label,
                f"{len(items)} produk {label} dari UKM Kabupaten Blora.", items, {"kategori": label}, kategori=kategori,
                ukm_count=len({p.ukm.slug for p in items}), trail=[("Kategori", "kategori/")])
    page("wilayah/", "wilayah_index.html", "Wilayah", "UKM Blora per kecamatan dan desa.", by_kecamatan=by_kecamatan,
         trail=[])
    for kecamatan in catalog.register.kecamatan:
        ukms = by_kecamatan.get(kecamatan.code, [])
        villages = _villages(kecamatan, ukms)
        listing(kecamatan.url, "kecamatan.html", f"Kecamatan {kecamatan.name}",
                f"{len(ukms)} UKM di Kecamatan {kecamatan.name}, Kabupaten Blora.",
                sorted([p for u in ukms for p in u.products], key=_product_order), {"kecamatan": kecamatan.name},
                kecamatan=kecamatan, trail=[("Wilayah", "wilayah/")], ukms=ukms, villages=villages)
        for desa, desa_ukms in villages:
            listing(desa_ukms[0].desa_url, "desa.html", f"{desa.type_label} {desa.name}",
                    f"{len(desa_ukms)} UKM di {desa.type_label} {desa.name}, Kecamatan {kecamatan.name}.",
                    sorted([p for u in desa_ukms for p in u.products], key=_product_order),
                    {"desa": f"{desa.name} ({kecamatan.name})"}, kecamatan=kecamatan, desa=desa, ukms=desa_ukms,
                    trail=[("Wilayah", "wilayah/"), (f"Kecamatan {kecamatan.name}", kecamatan.url)])
    by_desa: dict[str, list[Ukm]] = defaultdict(list)
    for ukm in catalog.ukms:
        by_desa[ukm.desa.code].append(ukm)
    village_rows = [(ukms[0].desa, ukms[0].kecamatan, len(ukms), ukms[0].desa_url) for ukms in by_desa.values()]
    page("peta/", "peta.html", "Peta UKM", "Peta UKM Kabupaten Blora per kecamatan dan desa/kelurahan.", trail=[],
         peta_svg=True, villages=sorted(village_rows, key=lambda row: (row[1].name, row[0].name)))
    page("cari/", "cari.html", "Cari produk", "Cari produk UKM Blora menurut nama, kategori, desa dan harga.", trail=[])
    by_name = sorted(catalog.ukms, key=lambda u: (u.data.nama.casefold(), u.slug))
    for n, chunk, here, pagination in _paged(by_name, "ukm/", UKM_PER_PAGE):  # ukm/2/: never a UKM (load.py)
        page(here, "ukm_index.html", "Semua UKM" if n == 1 else f"Semua UKM (halaman {n})",
             "Daftar UKM binaan Kabupaten Blora.", ukms=chunk, total=len(by_name), current=n, trail=[],
             pagination=pagination)
    if kept:
        kept.put(rest_key, dict(pages))
        kept.save()
    pages.update(ukm_pages)
    return Rendered(pages, published.files())


def _paged(items: list, url: str, per_page: int) -> list[tuple[int, list, str, list[tuple[int, str]]]]:
    """Split a long list into pages at url, url/2/, url/3/ …: (number, items, page URL, links to every page,
    empty when there is only one page)."""
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
    urls = [url] + [f"{url}{n}/" for n in range(2, len(chunks) + 1)]
    pagination = list(enumerate(urls, start=1)) if len(urls) > 1 else []
    return [(n, chunk, here, pagination) for n, (chunk, here) in enumerate(zip(chunks, urls), start=1)]


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
