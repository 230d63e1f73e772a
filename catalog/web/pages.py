"""Render the showroom's pages as Markdown documents (front matter + escaped HTML).

Pure: takes a Catalog and its published photos (`catalog.photos`), returns {src_uri: markdown}
and {dest_uri: published photo file}. Every value
from YAML goes through Jinja's autoescape, so owner text never becomes markup.

Read top-down: `render` writes the UKMs' and products' pages, then `other_pages` the rest; one function
per page kind follows, each writing through the one `PageWriter` (catalog/web/writer.py). After them:
the listings' order and page size, what the page kinds share (`Context`), photo markup and the memo.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import jinja2
from markupsafe import Markup

from catalog import cache as memo
from catalog import fmt
from catalog.core import Catalog, Photo, Product, Ukm
from catalog.fmt import LEGAL_LABELS
from catalog.photos.formats import AVIF, CARD, FULL, JPEG, WEBP, Format, Rendition
from catalog.photos.publish import PublishedPhotos
from catalog.read.model import CATEGORIES, STOCK
from catalog.read.register import Desa, Kecamatan
from catalog.resources import PAGE_TEMPLATES_DIR
from catalog.web import charts, opendata, search, seo, stats
from catalog.web.svg_map import render_map, shaded_map
from catalog.web.writer import Page, PageWriter, paginate, rel

TEMPLATES = PAGE_TEMPLATES_DIR


@dataclass(frozen=True)
class SiteInfo:
    """What the pages need from the site config."""

    site_url: str
    site_name: str
    demo: bool = False
    icon: Callable[[str], str] = lambda name: ""
    # The brochures the build publishes, (kecamatan code, path, label): ("", path, "") for the full brochure, else one
    # per kecamatan with products, or its volumes, each labelled with its desa (brochure.site_pdfs)
    brochures: tuple[tuple[str, str, str], ...] = ()
    media_url: str = ""  # where photos and link previews are published, when not in the site (Settings.media_base)

    @property
    def brochure_url(self) -> str | None:
        """The full brochure PDF, when the build publishes one."""
        return self.brochure_of("")

    def brochure_of(self, code: str) -> str | None:
        """The brochure of the kecamatan with this code (or "": the full brochure), if the build publishes one;
        of a kecamatan whose brochure comes in volumes, its first volume."""
        return next((uri for k, uri, _ in self.brochures if k == code), None)

    def volumes_of(self, code: str) -> list[tuple[str, str]]:
        """The volumes of the kecamatan's brochure, (path, label), when it comes in more than one."""
        return [(uri, label) for k, uri, label in self.brochures if k == code and label]

    def media(self, path: str) -> str:
        """The address a page uses for a published photo or preview (`foto/…`, `bagikan/…`): a full address on
        the media host, or the path itself, relative to the site root."""
        return self.media_url + path if self.media_url else path


@dataclass(frozen=True)
class Rendered:
    pages: dict[str, Page]   # src_uri -> page
    photos: dict[str, str]  # dest_uri -> published file in the photo cache


def render(catalog: Catalog, info: SiteInfo, published: PublishedPhotos,
           share_images: dict[str, str] | None = None, remember: bool = False) -> Rendered:
    """Render every generated page of the showroom, linking the photos the pipeline published.

    `remember`: take a UKM's page, its products' pages and cards from `.cache/halaman.pickle` when
    nothing they are made from changed (see `PageMemo.ukm_key`), and every other page when no UKM changed.
    """
    share_images = share_images or {}
    # Remembering builds keep the compiled templates too: compiling them took longer than a UKM's pages.
    compiled = memo.root(catalog.data_dir) / "jinja-halaman" if remember else None
    ctx = Context.make(catalog, info, published, compiled)
    writer = PageWriter(ctx.env, info.site_url, share_images, info.media_url)
    kept = PageMemo(catalog, info, published, share_images, remember)
    ukm_pages: dict[str, Page] = {}
    for ukm in catalog.ukms:  # first: the listings show their products' cards, which these may bring back
        ukm_pages.update(ukm_and_product_pages(ctx, writer, kept, ukm))
    rest = kept.other_pages()
    if rest is None:
        mark = writer.mark()
        other_pages(ctx, writer, kept)
        rest = writer.since(mark)
        kept.keep_other_pages(rest)
    else:
        for uri, page in rest.items():
            writer.add(uri, page)
    kept.save()
    return Rendered({**rest, **ukm_pages}, published.files())


def ukm_and_product_pages(ctx: Context, writer: PageWriter, kept: PageMemo, ukm: Ukm) -> dict[str, Page]:
    """Write a UKM's page and its products' pages, or take them from the last build when nothing they show changed."""
    remembered = kept.ukm_pages(ukm)
    if remembered:
        pages, product_cards, ukm_card = remembered
        ctx.cards.restore(ukm, product_cards, ukm_card)
        for uri, page in pages.items():
            writer.add(uri, page)
        return pages
    mark = writer.mark()
    ukm_page(ctx, writer, ukm)
    for product in ukm.products:
        product_page(ctx, writer, product)
    pages = writer.since(mark)
    kept.keep_ukm_pages(ukm, pages, ctx.cards)
    return pages


def other_pages(ctx: Context, writer: PageWriter, kept: PageMemo | None = None) -> None:
    """Write every page but the UKM and product pages: home, categories, places, map, statistics, search, UKM index.

    With `kept`, a category's listing and a kecamatan's listings (its desa's too) are taken from the last build
    when the UKMs they show are unchanged: after one owner's change, one kecamatan and its categories are made.
    """
    catalog = ctx.catalog
    by_kategori = products_by_kategori(catalog)
    by_kecamatan = ukms_by_kecamatan(catalog)
    home_page(ctx, writer, by_kategori, by_kecamatan)
    category_index(writer, by_kategori)
    for kategori in CATEGORIES:
        products = by_kategori.get(kategori, [])
        _listings(kept, writer, ("kategori", kategori), list(dict.fromkeys(p.ukm for p in products)),
                  partial(category_page, writer, kategori, products))
    region_index(writer, by_kecamatan)
    for kecamatan in catalog.register.kecamatan:
        ukms = by_kecamatan.get(kecamatan.code, [])
        _listings(kept, writer, ("kecamatan", kecamatan.code), ukms, partial(place_pages, writer, kecamatan, ukms))
    map_page(ctx, writer)
    stats_page(ctx, writer)
    search_page(writer)
    ukm_index(ctx, writer)


def _listings(kept: PageMemo | None, writer: PageWriter, group: tuple, ukms: list[Ukm],
              write: Callable[[], None]) -> None:
    """Write a group of listing pages made from `ukms` alone, or take them as the last build made them."""
    pages = kept.listings(group, ukms) if kept is not None else None
    if pages is None:
        mark = writer.mark()
        write()
        pages = writer.since(mark)
        if kept is not None:
            kept.keep_listings(group, ukms, pages)
        return
    for uri, page in pages.items():
        writer.add(uri, page)


def place_pages(writer: PageWriter, kecamatan: Kecamatan, ukms: list[Ukm]) -> None:
    """A kecamatan's listing and the listing of each of its desa with UKMs."""
    villages = villages_with_ukms(kecamatan, ukms)
    kecamatan_page(writer, kecamatan, ukms, villages)
    for desa, desa_ukms in villages:
        desa_page(writer, kecamatan, desa, desa_ukms)


def ukm_page(ctx: Context, writer: PageWriter, ukm: Ukm) -> None:
    writer.write(
        ukm.url,
        "ukm.html",
        ukm.data.nama,
        _summary(ukm.data.cerita)
        or f"{ukm.data.nama}, UKM di {ukm.desa.type_label} {ukm.desa.name}, Kecamatan {ukm.kecamatan.name}.",
        ukm=ukm,
        trail=place_trail(ukm),
        jsonld=[seo.local_business(ukm, ctx.info.site_url, ctx.photo_urls(ukm.products[0].photos))],
    )


def product_page(ctx: Context, writer: PageWriter, product: Product) -> None:
    ukm = product.ukm
    price = fmt.harga_text(product.data.harga)
    writer.write(
        product.url,
        "produk.html",
        product.data.nama,
        f"{product.data.nama} — {price}, dari {ukm.data.nama}, {ukm.desa.name}, Blora. "
        + _summary(product.data.deskripsi),
        product=product,
        ukm=ukm,
        trail=place_trail(ukm) + [(ukm.data.nama, ukm.url)],
        jsonld=[seo.product(product, ctx.info.site_url, ctx.photo_urls(product.photos))],
        order=fmt.order_message(ukm.data.nama, product.data.nama, price, ctx.absolute(product.url)),
    )


def home_page(
    ctx: Context, writer: PageWriter, by_kategori: dict[str, list[Product]], by_kecamatan: dict[str, list[Ukm]]
) -> None:
    products = ctx.catalog.products
    featured = [p for p in products if p.data.unggulan]
    writer.write(
        "",
        "home.html",
        ctx.info.site_name,
        "Etalase produk UKM Kabupaten Blora: batik, busana, makanan dan kerajinan.",
        by_kategori=by_kategori,
        by_kecamatan=by_kecamatan,
        featured=sorted(featured, key=product_order),
        newest=sorted(products, key=newest_first)[:8],
    )


def category_index(writer: PageWriter, by_kategori: dict[str, list[Product]]) -> None:
    writer.write(
        "kategori/", "kategori_index.html", "Kategori", "Produk UKM Blora per kategori.", by_kategori=by_kategori
    )


def category_page(writer: PageWriter, kategori: str, products: list[Product]) -> None:
    label = CATEGORIES[kategori]
    product_listing(
        writer,
        f"kategori/{kategori}/",
        "kategori.html",
        label,
        f"{len(products)} produk {label} dari UKM Kabupaten Blora.",
        products,
        {"kategori": label},
        kategori=kategori,
        ukm_count=len({p.ukm.slug for p in products}),
        trail=[("Kategori", "kategori/")],
    )


def region_index(writer: PageWriter, by_kecamatan: dict[str, list[Ukm]]) -> None:
    writer.write(
        "wilayah/",
        "wilayah_index.html",
        "Wilayah",
        "UKM Blora per kecamatan dan desa.",
        by_kecamatan=by_kecamatan,
        trail=[],
    )


def kecamatan_page(
    writer: PageWriter, kecamatan: Kecamatan, ukms: list[Ukm], villages: list[tuple[Desa, list[Ukm]]]
) -> None:
    product_listing(
        writer,
        kecamatan.url,
        "kecamatan.html",
        f"Kecamatan {kecamatan.name}",
        f"{len(ukms)} UKM di Kecamatan {kecamatan.name}, Kabupaten Blora.",
        products_of(ukms),
        {"kecamatan": kecamatan.name},
        kecamatan=kecamatan,
        trail=[("Wilayah", "wilayah/")],
        ukms=ukms,
        villages=villages,
    )


def desa_page(writer: PageWriter, kecamatan: Kecamatan, desa: Desa, ukms: list[Ukm]) -> None:
    product_listing(
        writer,
        ukms[0].desa_url,
        "desa.html",
        f"{desa.type_label} {desa.name}",
        f"{len(ukms)} UKM di {desa.type_label} {desa.name}, Kecamatan {kecamatan.name}.",
        products_of(ukms),
        {"desa": f"{desa.name} ({kecamatan.name})"},
        kecamatan=kecamatan,
        desa=desa,
        ukms=ukms,
        trail=[("Wilayah", "wilayah/"), (f"Kecamatan {kecamatan.name}", kecamatan.url)],
    )


def map_page(ctx: Context, writer: PageWriter) -> None:
    by_desa: dict[str, list[Ukm]] = defaultdict(list)
    for ukm in ctx.catalog.ukms:
        by_desa[ukm.desa.code].append(ukm)
    village_rows = [(ukms[0].desa, ukms[0].kecamatan, len(ukms), ukms[0].desa_url) for ukms in by_desa.values()]
    writer.write(
        "peta/",
        "peta.html",
        "Peta UKM",
        "Peta UKM Kabupaten Blora per kecamatan dan desa/kelurahan.",
        trail=[],
        peta=Markup(render_map(ctx.catalog, rel)),
        villages=sorted(village_rows, key=lambda row: (row[1].name, row[0].name)),
    )


def stats_page(ctx: Context, writer: PageWriter) -> None:
    figures = stats.figures(ctx.catalog)
    classes = charts.shades(max((p.ukms for p in figures.places), default=0))
    by_code = {p.kecamatan.code: p for p in figures.places}

    def area(kecamatan: Kecamatan) -> tuple[str, str]:
        count = by_code[kecamatan.code]
        return (
            f"rk-map__area {charts.shade_of(count.ukms, classes).css}",
            f"Kecamatan {kecamatan.name}: {count.ukms} UKM, {count.products} produk",
        )

    shaded = shaded_map(ctx.catalog, rel, "Peta jumlah UKM per kecamatan", "statistik-peta-judul", area)
    writer.write(
        "statistik/",
        "statistik.html",
        "Statistik UKM",
        "UKM dan produk Kabupaten Blora dalam angka: per kecamatan, kategori, legalitas, harga, komunitas dan bulan.",
        trail=[],
        stats=figures,
        peta=Markup(shaded),
        shades=classes,
        swatch=lambda css: Markup(charts.swatch(css)),
        charts={name: Markup(svg) for name, svg in charts.statistics_charts(figures).items()},
        downloads=opendata.DOWNLOADS,
        dictionary=opendata.DICTIONARY_URL,
        months_shown=stats.MONTHS_SHOWN,
    )


def search_page(writer: PageWriter) -> None:
    writer.write(
        "cari/", "cari.html", "Cari produk", "Cari produk UKM Blora menurut nama, kategori, desa dan harga.", trail=[]
    )


def ukm_index(ctx: Context, writer: PageWriter) -> None:
    by_name = sorted(ctx.catalog.ukms, key=lambda u: (u.data.nama.casefold(), u.slug))
    for sheet in paginate(by_name, "ukm/", UKM_PER_PAGE):  # ukm/2/: never a UKM (load.py)
        title = "Semua UKM" if sheet.number == 1 else f"Semua UKM (halaman {sheet.number})"
        writer.write(
            sheet.url,
            "ukm_index.html",
            title,
            "Daftar UKM binaan Kabupaten Blora.",
            ukms=sheet.items,
            total=len(by_name),
            current=sheet.number,
            trail=[],
            pagination=sheet.links,
        )


# --- Listings: the order of their cards and how many make a page ---

PER_PAGE = 24  # cards per listing page: a phone never loads hundreds at once
UKM_PER_PAGE = 48  # rows of the UKM index (a small thumbnail each)


def product_listing(
    writer: PageWriter,
    url: str,
    template: str,
    title: str,
    description: str,
    products: list[Product],
    preset: dict,
    **context,
) -> None:
    """Write a product listing as pages of PER_PAGE cards: url, url/2/, url/3/ … (plain links, no JS needed)."""
    for sheet in paginate(products, url, PER_PAGE):
        writer.write(
            sheet.url,
            template,
            title if sheet.number == 1 else f"{title} (halaman {sheet.number})",
            description,
            products=sheet.items,
            total=len(products),
            pagination=sheet.links,
            current=sheet.number,
            preset=json.dumps(preset, ensure_ascii=False, sort_keys=True),
            **context,
        )


def product_order(product: Product) -> tuple:
    return (product.data.nama.casefold(), product.ukm.slug, product.slug)


def newest_first(product: Product) -> tuple:
    return (-(product.added.toordinal() if product.added else 0), product_order(product))


def products_of(ukms: list[Ukm]) -> list[Product]:
    return sorted([p for u in ukms for p in u.products], key=product_order)


def products_by_kategori(catalog: Catalog) -> dict[str, list[Product]]:
    by_kategori: dict[str, list[Product]] = defaultdict(list)
    for product in sorted(catalog.products, key=product_order):
        by_kategori[product.data.kategori].append(product)
    return by_kategori


def ukms_by_kecamatan(catalog: Catalog) -> dict[str, list[Ukm]]:
    by_kecamatan: dict[str, list[Ukm]] = defaultdict(list)
    for ukm in catalog.ukms:
        by_kecamatan[ukm.kecamatan.code].append(ukm)
    return by_kecamatan


def villages_with_ukms(kecamatan: Kecamatan, ukms: list[Ukm]) -> list[tuple[Desa, list[Ukm]]]:
    grouped: dict[str, list[Ukm]] = defaultdict(list)
    for ukm in ukms:
        grouped[ukm.desa.code].append(ukm)
    return [(v, grouped[v.code]) for v in kecamatan.villages if v.code in grouped]


def place_trail(ukm: Ukm) -> list[tuple[str, str]]:
    return [
        (f"Kecamatan {ukm.kecamatan.name}", ukm.kecamatan.url),
        (f"{ukm.desa.type_label} {ukm.desa.name}", ukm.desa_url),
    ]


def _summary(text: str | None, limit: int = 160) -> str:
    if not text:
        return ""
    first = text.split("\n\n")[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- What the page kinds share ---


@dataclass(frozen=True)
class Context:
    """The catalogue, the site settings, the published photos and the templates, with links made from them."""

    catalog: Catalog
    info: SiteInfo
    published: PublishedPhotos
    env: jinja2.Environment
    cards: Cards

    @classmethod
    def make(cls, catalog: Catalog, info: SiteInfo, published: PublishedPhotos, compiled: Path | None = None
             ) -> Context:
        """`compiled`: a folder keeping the templates' compiled code between builds (Jinja checks their source)."""
        env = _environment(info)
        if compiled is not None:
            compiled.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(compiled))
        env.globals.update(rel=rel, photo_tag=PhotoTags(published), catalog=catalog)
        cards = Cards(env.get_template("_macros.html").module)
        env.globals.update(card_html=cards.product, ukm_card_html=cards.ukm)
        return cls(catalog, info, published, env, cards)

    def absolute(self, target: str) -> str:
        """Return the full address of a site path (for JSON-LD, link previews and messages)."""
        return seo.absolute(self.info.site_url, target)

    def photo_urls(self, photos: tuple[Photo, ...]) -> list[str]:
        """Return the full addresses of the photos' largest JPEGs."""
        return [self.info.media(photo_url(p, self.published)) if self.info.media_url
                else self.absolute(photo_url(p, self.published)) for p in photos]


def _environment(info: SiteInfo) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["harga"] = fmt.harga_text
    env.filters["rupiah"] = fmt.rupiah
    env.filters["phone"] = fmt.phone_display
    env.filters["paragraphs"] = lambda text: text.split("\n\n") if text else []
    env.globals.update(
        FACETS=search.FACETS,
        KATEGORI=CATEGORIES,
        STOK=STOCK,
        LEGAL_LABELS=LEGAL_LABELS,
        fmt=fmt,
        info=info,
        icon=lambda name: Markup(info.icon(name)),
    )
    return env


@dataclass
class Cards:
    """Product and UKM cards, each rendered once however many listings show it."""

    macros: object  # the module of _macros.html
    products: dict[tuple[str, bool], Markup] = field(default_factory=dict)  # (product key, shows its UKM) -> card
    ukms: dict[str, Markup] = field(default_factory=dict)  # UKM slug -> card

    def product(self, product: Product, show_ukm: bool = True) -> Markup:
        found = self.products.get((product.key, show_ukm))
        if found is None:
            found = self.products[product.key, show_ukm] = Markup(self.macros.product_card(product, show_ukm))
        return found

    def ukm(self, ukm: Ukm) -> Markup:
        found = self.ukms.get(ukm.slug)
        if found is None:
            found = self.ukms[ukm.slug] = Markup(self.macros.ukm_card(ukm))
        return found

    def of_ukm(self, ukm: Ukm) -> tuple[dict[str, str], Markup]:
        """Return a UKM's cards as the memo keeps them: its products' cards (with the UKM named) and its own."""
        return {p.key: str(self.product(p)) for p in ukm.products}, self.ukm(ukm)

    def restore(self, ukm: Ukm, product_cards: dict[str, str], ukm_card: Markup) -> None:
        """Take back a UKM's cards from the memo (see `of_ukm`)."""
        self.products.update({(key, True): Markup(card) for key, card in product_cards.items()})
        self.ukms[ukm.slug] = ukm_card


# --- Photos: which cut of a photo each place in the layout shows ---

# Each photo class is one place in the layout: which cut of the photo it shows and how wide it is drawn,
# in CSS px as measured in Chromium (docs/fotos.md). Media queries in `sizes` use px: `em` there means
# the browser's 16 px, not the theme's 20 px root.
PHOTO_SLOTS = {
    "rk-card__img": (
        CARD,
        ("(min-width: 1600px) 243px, (min-width: 1220px) 221px, (min-width: 640px) 296px, calc(50vw - 24px)"),
    ),
    "rk-ukm__img": (CARD, "(min-width: 1600px) 80px, 72px"),
    "rk-gallery__img": (FULL, None),  # a square box showing the whole photo: see _gallery_sizes
}
# Product pages have no left column (catalog/mkdocs_adapter.py): on desktops the gallery is half the page's grid.
GALLERY_BOX = (
    ("(min-width: 1600px) ", 642),
    ("(min-width: 1220px) ", 584),
    ("(min-width: 800px) ", "50vw - 26px"),
    ("", "100vw - 32px"),
)


class PhotoTags:
    """Make the `<picture>` of a photo in one of PHOTO_SLOTS, once per photo and slot."""

    def __init__(self, published: PublishedPhotos):
        self.published = published
        self.made: dict[tuple, Markup] = {}

    def __call__(self, photo: Photo, ukm: Ukm, css: str, lazy: bool = True, priority: bool = False) -> Markup:
        key = (photo, ukm, css, lazy, priority)
        found = self.made.get(key)
        if found is None:
            found = self.made[key] = self._picture(photo, css, lazy, priority)
        return found

    def _picture(self, photo: Photo, css: str, lazy: bool, priority: bool) -> Markup:
        preset, sizes = PHOTO_SLOTS[css]
        rendition = self.published.of(photo, preset)
        sizes = sizes or _gallery_sizes(rendition.width / rendition.height)
        attrs = {
            "class": css,
            # JPEG only for browsers with neither AVIF nor WebP (before 2020): one file, no srcset.
            "src": rel("foto/" + rendition.of(JPEG)[0].name),
            "width": rendition.width,
            "height": rendition.height,
            "alt": photo.alt,
            "decoding": "async",
        }
        if lazy:
            attrs["loading"] = "lazy"
        if priority:
            attrs["fetchpriority"] = "high"
        # Shown until the photo arrives: a blurred preview in the gallery (whose box is larger than a
        # wide photo, so no solid colour there), the dominant colour on cards.
        attrs["style"] = (
            f"background: url({rendition.preview}) center / contain no-repeat"
            if preset == FULL
            else f"background-color: {rendition.colour}"
        )
        sources = "".join(
            _tag("source", {"type": kind.mime, "srcset": _srcset(rendition, kind), "sizes": sizes})
            for kind in (AVIF, WEBP)
        )
        return Markup(f"<picture>{sources}{_tag('img', attrs)}</picture>")


def _srcset(rendition: Rendition, kind: Format) -> str:
    return ", ".join(f"{rel('foto/' + o.name)} {o.width}w" for o in rendition.of(kind))


def _tag(name: str, attrs: dict) -> str:
    return f"<{name} " + " ".join(f'{k}="{html.escape(str(v))}"' for k, v in attrs.items()) + ">"


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


def form_photo_url(photo: Photo, published: PublishedPhotos) -> str:
    """Return the site path of a photo's smallest full-view image, its shape kept (for the update form)."""
    rendition = published.of(photo, FULL)
    return f"foto/{(rendition.of(WEBP) or rendition.of(JPEG))[0].name}"


def photo_url(photo: Photo, published: PublishedPhotos) -> str:
    """Return the site path of a photo's full-view JPEG (for JSON-LD): the one fallback file, 800 px wide."""
    return f"foto/{published.of(photo, FULL).of(JPEG)[-1].name}"


# --- The memo: pages of the last build, the one place this module touches the cache ---


class PageMemo:
    """The pages of the last build in `.cache/halaman.pickle`, by everything they are made from."""

    def __init__(
        self, catalog: Catalog, info: SiteInfo, published: PublishedPhotos, share_images: dict[str, str], remember: bool
    ):
        self.memo = (
            memo.Store(catalog.data_dir, "halaman") if remember and all(u.digest for u in catalog.ukms) else None
        )
        # The pages' bodies, one file each named by its digest: the memo holds their front matter and digest.
        self.bodies = memo.Folder(memo.root(catalog.data_dir) / "halaman")
        self.present = self.bodies.names() if self.memo is not None else set()
        self.used: set[str] = set()  # the bodies this build's entries name
        self.published = published
        self.share_images = share_images
        # The site settings the pages show; the icon stands for the icon set (an icon function has no stable key).
        self.settings = (
            info.site_url,
            info.site_name,
            info.demo,
            info.media_url,
            info.icon("fontawesome/brands/whatsapp"),
        )
        # Only the home page and the region's listings link the brochures: a UKM's pages are not made again when a
        # volume's desa change (brochure.volumes).
        self.brochures = info.brochures
        self.ukm_keys: dict[str, str] = {}  # UKM slug -> key, in the catalogue's order
        self.listed: dict[str, list[str]] = {}  # key of a group of listings -> its pages' src_uri, in this build

    def ukm_key(self, ukm: Ukm) -> str:
        """Everything a UKM's own pages and its products' cards are made from (the code: see memo.CODE)."""
        products = [
            (
                p.slug,
                p.number,
                self.published.of(p.photos[0], CARD).entry,
                [self.published.of(photo, FULL).entry for photo in p.photos],
                self.share_images.get(p.url),
            )
            for p in ukm.products
        ]
        return memo.key(ukm.slug, ukm.digest, self.share_images.get(ukm.url), products, self.settings)

    def ukm_pages(self, ukm: Ukm) -> tuple | None:
        """Return a UKM's pages and cards as the last build made them, or None; ask for every UKM, in order."""
        if self.memo is None:
            return None
        key = self.ukm_keys[ukm.slug] = self.ukm_key(ukm)
        found = self.memo.get(key)
        if found is None:
            return None
        pages = self._taken(found[0])
        return None if pages is None else (pages, *found[1:])

    def keep_ukm_pages(self, ukm: Ukm, pages: dict[str, Page], cards: Cards) -> None:
        if self.memo is not None:
            self.memo.put(self.ukm_keys[ukm.slug], (self._kept(pages), *cards.of_ukm(ukm)))

    def _kept(self, pages: dict[str, Page]) -> dict[str, tuple[dict, str]]:
        """Pages as the memo holds them, their bodies written to their files (if not there yet)."""
        for page in pages.values():
            name = f"{page.digest[:40]}.html"
            if name not in self.present:
                self.bodies.write(name, page.body.encode("utf-8"))
                self.present.add(name)
            self.used.add(name)
        return {uri: (page.meta, page.digest) for uri, page in pages.items()}

    def _pages(self, key: str) -> dict[str, Page] | None:
        """The pages of a memo entry that holds only pages (a group of listings), or None."""
        assert self.memo is not None
        found = self.memo.get(key)
        return None if found is None else self._taken(found)

    def _taken(self, kept: dict[str, tuple[dict, str]]) -> dict[str, Page] | None:
        """Pages from the memo, each reading its body from its file when asked; None if a file is missing."""
        names = {uri: f"{digest[:40]}.html" for uri, (_, digest) in kept.items()}
        if not self.present.issuperset(names.values()):
            return None
        self.used.update(names.values())
        return {uri: Page(meta, digest=digest, file=self.bodies.file(names[uri]))
                for uri, (meta, digest) in kept.items()}

    def other_pages(self) -> dict[str, Page] | None:
        """Every other page (home, listings, indexes, map) is made from the UKMs' pages' inputs and their order:
        return them as the last build made them when all of those are unchanged."""
        found = self.memo.get(self._other_key()) if self.memo is not None else None
        if found is None:
            return None
        order, own, groups = found  # the listings are kept once, in their groups' entries (see keep_other_pages)
        pages = self._taken(own)
        if pages is None:
            return None
        for key in groups:
            group = self._pages(key)
            if group is None:
                return None
            pages.update(group)
        return {uri: pages[uri] for uri in order}

    def keep_other_pages(self, pages: dict[str, Page]) -> None:
        if self.memo is not None:
            listed = {uri for uris in self.listed.values() for uri in uris}
            own = {uri: page for uri, page in pages.items() if uri not in listed}
            self.memo.put(self._other_key(), (list(pages), self._kept(own), list(self.listed)))

    def _other_key(self) -> str:
        return memo.key("lainnya", self.brochures, list(self.ukm_keys.values()))

    def listings(self, group: tuple, ukms: list[Ukm]) -> dict[str, Page] | None:
        """A group of listing pages (a category's, a kecamatan's) as the last build made them from these UKMs."""
        if self.memo is None:
            return None
        key = self._listings_key(group, ukms)
        pages = self._pages(key)
        if pages is not None:
            self.listed[key] = list(pages)
        return pages

    def keep_listings(self, group: tuple, ukms: list[Ukm], pages: dict[str, Page]) -> None:
        if self.memo is not None:
            key = self._listings_key(group, ukms)
            self.memo.put(key, self._kept(pages))
            self.listed[key] = list(pages)

    def _listings_key(self, group: tuple, ukms: list[Ukm]) -> str:
        # A kecamatan's listing links its own brochure, or its volumes; a category's links none.
        brochures = [b for b in self.brochures if group[0] == "kecamatan" and b[0] == group[1]]
        return memo.key("daftar", group, self.settings, brochures, [self.ukm_keys[u.slug] for u in ukms])

    def save(self) -> None:
        if self.memo is not None:
            self.memo.save()
            self.bodies.prune(self.used)
