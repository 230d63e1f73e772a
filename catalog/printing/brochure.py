"""Print the showroom: a brochure and sheets of booth labels as PDF, from the same catalogue as the site.

Pure up to the renderer: `select` picks products, `brochure_html`/`labels_html` build HTML from the
Jinja templates in theme/brochure/ (autoescape on: owner text never becomes markup) together with
the images they refer to, and `print_pdf` lays them out with WeasyPrint (imported only in `_layout`);
a long brochure in pieces, on all cores, joined with pikepdf (imported only in `join_pdfs`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import html
import io
import itertools
import multiprocessing
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

import jinja2
import segno
from markupsafe import Markup

from catalog import cache, fmt
from catalog.background import Background, Done, release_freed_memory, usual_collections
from catalog.core import Catalog, Product, Ukm
from catalog.errors import CatalogError, Problem, path_text
from catalog.photos.engine import focus_of
from catalog.photos.formats import JPEG, Preset, Request
from catalog.photos.store import folder_of
from catalog.photos.work import process
from catalog.read.model import CATEGORIES, STOCK
from catalog.read.register import Desa, Kecamatan, UnknownPlace
from catalog.resources import FONTS_DIR, PACKAGE_DIR, PRINT_TEMPLATES_DIR, THEME_DIR
from catalog.text import did_you_mean

try:  # iPhone photos (.heic): the same opener the site's photo pipeline uses
    from pillow_heif import register_heif_opener
except ImportError:  # pragma: no cover - pillow-heif is in requirements.txt
    pass
else:
    register_heif_opener()

THEME = THEME_DIR
TEMPLATES = PRINT_TEMPLATES_DIR
PAPERS = {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}
GROUPS = ("wilayah", "kategori")
BLEED_MM = 3.0
PHOTO_DPI = 300
QR_MM = 20.5           # printed width of the symbol itself, quiet zone not counted: at least 20 mm
QR_QUIET = 4           # modules of white around the symbol, as the QR standard asks
SITE_PDF = "brosur/brosur-ukm-blora.pdf"  # where `build` publishes the full brochure in the site
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")
# Booth labels: A4 sheets of 3 × 7 labels of 70 × 42.4 mm, the common borderless label paper.
LABEL_COLUMNS, LABEL_ROWS = 3, 7
# WeasyPrint holds a whole document's layout in memory, about 0.4 MB per product card: a longer brochure
# is laid out in pieces of whole chapters of about this many products, on all cores, and joined. After an edit
# only the piece that shows it is laid out again, in a time that grows with its products: small pieces keep it
# short. A chapter, or a part of a long one, is the smallest piece (only they start a page); pieces of 100
# rather than 400 products cost the first layout no measurable time (200 UKMs: 12 pieces instead of 6, 95 s of
# CPU time either way).
PIECE_PRODUCTS = 100
# Inside a long chapter, a desa (by kategori: a UKM) also starts a page once this many products were printed since
# the chapter's or the last such start: the chapter is then laid out in parts, and a price change lays out one
# part again instead of the whole chapter (a kecamatan holds 435 products at 1,000 UKMs). The price is the
# rest of the page before such a start, about half a page per 100 products.
PART_PRODUCTS = 100
# A lone part to lay out is laid out in this process, without waiting for a worker to start, unless it holds more
# product cards than this (a big chapter): its layout (0.4 MB a card) would then add to this process's memory.
HERE_PRODUCTS = 200
# A brochure of more products than this, written to a file, is joined in a process of its own: pikepdf holds every
# part while it joins them (about 40 KB a product, 420 MB at 10,000), and that memory then leaves with the
# process instead of staying in the build's for the pages that come next. Starting it costs about a second.
JOIN_HERE_PRODUCTS = 1000
PDF_IDENTIFIER = b"rumah-kreatif-ukm-blora"
# What turns the same HTML into other PDF bytes: the code, the print templates, the fonts, WeasyPrint and pikepdf.
PRINT = cache.Depends((PACKAGE_DIR, PRINT_TEMPLATES_DIR, FONTS_DIR), ("weasyprint", "pikepdf"))
# The QR codes depend only on the code that draws them and on segno.
QR = cache.Depends((Path(__file__).resolve(),), ("segno",))


@dataclass(frozen=True)
class SiteConfig:
    """What the printout shows of the site: its address (for QR codes), name and demo notice."""

    site_url: str
    site_name: str
    demo: bool = False


@dataclass(frozen=True)
class Filters:
    """Which products to print; within one kind any value matches, across kinds all must."""

    kategori: tuple[str, ...] = ()
    kecamatan: tuple[str, ...] = ()
    ukm: tuple[str, ...] = ()
    desa: tuple[str, ...] = ()  # names (with one --kecamatan, looked up in it) or register codes


@dataclass(frozen=True)
class Layout:
    """Page and card geometry in millimetres: the print CSS and the photo sizes both come from here."""

    paper: str = "A4"
    bleed: bool = False  # for a print shop: 3 mm bleed and crop marks around every page
    gap: float = 4.0

    @property
    def size(self) -> tuple[float, float]:
        return PAPERS[self.paper]

    @property
    def margin(self) -> tuple[float, float, float]:
        """Top, sides, bottom; the top and bottom margins hold the running header and the page number."""
        return (17.0, 14.0, 16.0) if self.paper == "A4" else (15.0, 11.0, 14.0)

    @property
    def columns(self) -> int:
        """Cards per row: each card is photo | name, price, number | QR, about 90 mm wide or more."""
        return 2 if self.paper == "A4" else 1

    @property
    def card_width(self) -> float:
        content = self.size[0] - 2 * self.margin[1]
        return (content - self.gap * (self.columns - 1)) / self.columns

    @property
    def photo_box(self) -> tuple[float, float]:
        """The card photo's printed size: a square at the card's left edge."""
        side = 30.0 if self.paper == "A4" else 34.0
        return (side, side)


@dataclass(frozen=True)
class Heading:
    level: int  # 1: kecamatan or kategori, 2: desa
    title: str
    anchor: str


@dataclass(frozen=True)
class Block:
    """One UKM in the flow, with the section headings that open right before it (kept on its page)."""

    headings: tuple[Heading, ...]
    ukm: Ukm
    anchor: str
    rows: tuple[tuple[Product, ...], ...]
    continues: str = ""  # the chapter's title, when this block starts a page inside its chapter (see PART_PRODUCTS)

    @property
    def chapter(self) -> str:
        """The title of the chapter this block opens, or "" when it opens none."""
        return next((h.title for h in self.headings if h.level == 1), "")

    @property
    def starts_page(self) -> bool:
        return bool(self.continues or self.chapter)


Asset = tuple[bytes | Path, str]  # an image's bytes, or its file in the photo cache (named by its content); its type


@dataclass
class Assets:
    """Images the HTML names as `rk:…`, handed to WeasyPrint from memory or, the photos, read when it asks.

    At 5,000 products the photos' crops are 200 MB: held in memory, they were read for every build and hashed
    into every piece's key, though a price change lays out one piece.
    """

    items: dict[str, Asset] = field(default_factory=dict)

    def add(self, name: str, data: bytes | Path, mime: str) -> str:
        url = f"rk:{name}"
        self.items[url] = (data, mime)
        return url


@dataclass(frozen=True)
class Printout:
    """A document ready to render: its HTML and the images it uses.

    A long brochure comes instead (`html` empty) in `pieces`, the body a few chapters each, with `part` to
    write its other parts once the pieces are laid out: "front" (cover and contents) and "folios" (page numbers).
    `continued` says, for each piece, how many bookmarks it opens with before its first chapter starts: a piece
    that is a part of a long chapter opens with that chapter's desa (or UKMs), whose bookmarks belong under it.
    """

    html: str
    assets: Assets
    products: tuple[Product, ...]
    pieces: tuple[str, ...] = ()
    part: Callable[..., str] | None = None
    continued: tuple[int, ...] = ()


# --- selection ---

def select(catalog: Catalog, filters: Filters) -> list[Product]:
    """Return the products that match `filters`, or raise CatalogError saying in Indonesian what is wrong."""
    problems: list[Problem] = []
    for value in filters.kategori:
        if value.casefold() not in CATEGORIES:
            problems.append(Problem("--category", None, "", f'kategori "{value}" tidak dikenal; pilih salah satu: '
                                                            f'{", ".join(CATEGORIES)}'
                                                            f'{did_you_mean(value, CATEGORIES)}'))
    kecamatan_codes = set()
    for value in filters.kecamatan:
        try:
            kecamatan_codes.add(catalog.register.find_kecamatan(value).code)
        except UnknownPlace as exc:
            problems.append(Problem("--kecamatan", None, "", str(exc)))
    desa_codes = set()
    for value in filters.desa:
        try:
            desa_codes.add(_find_desa(catalog, value, filters).code)
        except UnknownPlace as exc:
            problems.append(Problem("--desa", None, "", str(exc)))
    slugs = {u.slug for u in catalog.ukms}
    for value in filters.ukm:
        if _ukm_slug(value) not in slugs:
            problems.append(
                Problem(
                    "--ukm",
                    None,
                    "",
                    f'UKM "{value}" tidak ada (nama berkas products/'
                    f"{_ukm_slug(value)}.yml){did_you_mean(value, sorted(slugs))}",
                )
            )
    if problems:
        raise CatalogError(problems)
    kategori = {k.casefold() for k in filters.kategori}
    ukms = {_ukm_slug(value) for value in filters.ukm}
    chosen = [
        p
        for p in catalog.products
        if (not kategori or p.data.kategori in kategori)
        and (not kecamatan_codes or p.ukm.kecamatan.code in kecamatan_codes)
        and (not desa_codes or p.ukm.desa.code in desa_codes)
        and (not ukms or p.ukm.slug in ukms)
    ]
    if not chosen:
        raise CatalogError(
            [
                Problem(
                    "pilihan",
                    None,
                    "",
                    f"tidak ada produk yang cocok dengan "
                    f"{describe(filters, catalog)}; "
                    "longgarkan --category, --kecamatan, --desa atau --ukm",
                )
            ]
        )
    return chosen


def _find_desa(catalog: Catalog, value: str, filters: Filters) -> Desa:
    """The desa/kelurahan with the register code `value`, or named `value`: in the kecamatan of `filters` when they
    name exactly one that exists (a kecamatan that does not is a problem of its own, not reported again here)."""
    within = filters.kecamatan[0] if len(filters.kecamatan) == 1 else None
    try:
        within = within and catalog.register.find_kecamatan(within).name
    except UnknownPlace:
        within = None
    return catalog.register.desa(value.strip()) or catalog.register.find_desa(value, within)


def _ukm_slug(value: str) -> str:
    """Accept `batik-sekar-jati`, `batik-sekar-jati.yml` or `products/batik-sekar-jati.yml` for a UKM."""
    return value.strip().removeprefix("products/").removesuffix(".yml")


def describe(filters: Filters, catalog: Catalog | None = None) -> str:
    """Say in Indonesian which part of the catalogue a printout covers."""

    def place(name: str) -> str:
        try:
            return catalog.register.find_kecamatan(name).name if catalog else name
        except UnknownPlace:
            return name

    def village(value: str) -> str:
        try:
            desa = _find_desa(catalog, value, filters) if catalog else None
        except UnknownPlace:
            desa = None
        return f"{desa.type_label} {desa.name}" if desa else f"desa {value}"

    parts = []
    if filters.kategori:
        parts.append("kategori " + " atau ".join(CATEGORIES.get(k.casefold(), k) for k in filters.kategori))
    if filters.kecamatan:
        parts.append("Kecamatan " + " atau ".join(place(k) for k in filters.kecamatan))
    if filters.desa:
        parts.append(" atau ".join(village(d) for d in filters.desa))
    if filters.ukm:
        parts.append("UKM " + " atau ".join(_ukm_slug(u) for u in filters.ukm))
    return " dan ".join(parts) or "semua produk"


# --- URLs and QR codes ---


def short_path(product: Product) -> str:
    """The product's short link on the site, `p/<catalogue number>/`: a smaller QR code than its full URL."""
    return f"p/{product.number}/"


def absolute(site: SiteConfig, path: str) -> str:
    return site.site_url + path


def redirect_pages(catalog: Catalog, site: SiteConfig) -> dict[str, str]:
    """Return {dest_uri: html} for the short links `p/<number>/` that forward to each product page."""
    pages = {}
    for product in catalog.products:
        target = "../../" + product.url
        name = html.escape(product.data.nama)
        pages[f"{short_path(product)}index.html"] = (
            '<!doctype html>\n<html lang="id"><head><meta charset="utf-8">'
            f"<title>{name}</title>"
            f'<meta http-equiv="refresh" content="0; url={target}">'
            f'<link rel="canonical" href="{html.escape(absolute(site, product.url))}">'
            '<meta name="robots" content="noindex"></head>'
            f'<body><p><a href="{target}">{name}</a></p></body></html>\n'
        )
    for ukm in catalog.ukms:
        for former in ukm.former:
            # The old short link and the old product address both lead to the UKM's page, which then shows
            # its "no longer available" note (the anchor below).
            note = f"{ukm.url}#{FORMER_ANCHOR}"
            pages[f"p/{former.number}/index.html"] = _former_page(site, ukm, former.name, "../../" + note)
            pages[f"{ukm.url}{former.slug}/index.html"] = _former_page(site, ukm, former.name, "../#" + FORMER_ANCHOR)
    return pages


FORMER_ANCHOR = "produk-tidak-tersedia"


def _former_page(site: SiteConfig, ukm: Ukm, product_name: str, target: str) -> str:
    name = html.escape(product_name)
    ukm_name = html.escape(ukm.data.nama)
    return (
        '<!doctype html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>{name}: produk ini sudah tidak tersedia</title>"
        f'<meta http-equiv="refresh" content="0; url={target}">'
        f'<link rel="canonical" href="{html.escape(absolute(site, ukm.url))}">'
        '<meta name="robots" content="noindex"></head>'
        f"<body><p>{name}: produk ini sudah tidak tersedia. "
        f'<a href="{target}">Lihat produk lain dari {ukm_name}</a></p></body></html>\n'
    )


def qr_png(url: str) -> tuple[bytes, float]:
    """Draw `url` as a QR code (error correction M) with its quiet zone; return a PNG and its printed width in mm.

    One pixel per module, printed at its full width with `image-rendering: pixelated` (no smoothing): the edges
    are as sharp as a vector drawing at any resolution, and WeasyPrint writes the PDF three times faster than
    with the same code as SVG (140 product cards: 3.3 → 1.0 s), because it places one small image instead of
    drawing hundreds of rectangles per code.
    """
    # boost_error off: the level stays M as specified instead of silently changing with the URL's length.
    code = segno.make_qr(url, error="m", boost_error=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=1, border=QR_QUIET, dark="#000", light="#fff")
    modules = code.symbol_size(border=0)[0]
    return buffer.getvalue(), round(QR_MM * (modules + 2 * QR_QUIET) / modules, 2)


# --- photos ---


def _print_preset(box_mm: tuple[float, float], dpi: int) -> Preset:
    want_w, want_h = (max(1, round(side / 25.4 * dpi)) for side in box_mm)
    return Preset(f"cetak-{want_w}x{want_h}", want_w / want_h, (want_w,), (JPEG,))


def print_photo(
    path: Path,
    box_mm: tuple[float, float],
    focus: str | None = None,
    dpi: int = PHOTO_DPI,
    cache_dir: Path | None = None,
) -> bytes:
    """Crop a photo to the printed box around its focus point at `dpi` through the photo pipeline; return a JPEG.

    The pipeline turns it upright, into sRGB, without metadata, and never enlarges it; with `cache_dir`
    the result is cached beside the site's photos.
    """
    preset = _print_preset(box_mm, dpi)
    request = Request(Path(path), (preset,), focus_of(focus))
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(cache_dir or scratch)
        result = process([request], folder, workers=1)
        if request in result.problems:
            raise ValueError(result.problems[request])
        return (folder / result.renditions[request][preset.name].of(JPEG)[0].name).read_bytes()


def prepare_photos(catalog: Catalog) -> int:
    """Make (or find in the cache) the crops the site brochure prints, without laying it out (a shard of a matrix
    build does this for its UKMs); return how many photos needed image work."""
    preset = _print_preset(Layout().photo_box, PHOTO_DPI)
    requests = [Request(p.photos[0].path, (preset,), focus_of(p.photos[0].focus)) for p in catalog.products if p.photos]
    return process(requests, folder_of(catalog.data_dir)).processed


def _card_photos(catalog: Catalog, products: list[Product], box_mm: tuple[float, float]) -> dict[str, Path]:
    """Prepare the first photo of every product that has one, through the photo pipeline and its cache; return
    each crop's file there (named by the digest of its source and settings, so the name stands for the bytes)."""
    preset = _print_preset(box_mm, PHOTO_DPI)
    cache_dir = folder_of(catalog.data_dir)
    requests = {
        p.key: (p, Request(p.photos[0].path, (preset,), focus_of(p.photos[0].focus))) for p in products if p.photos
    }
    result = process([r for _, r in requests.values()], cache_dir)
    problems, out = [], {}
    for key, (product, request) in requests.items():
        photo = product.photos[0]
        if request in result.problems:
            where = path_text(("produk", product.ukm.products.index(product), "foto", 0))
            problems.append(
                Problem(
                    product.ukm.file,
                    getattr(photo, "line", None),
                    where,
                    f'foto "{photo.name}" rusak atau terpotong, tidak bisa dicetak; '
                    "simpan ulang sebagai JPEG lalu salin lagi ke images/" + product.ukm.slug + "/",
                )
            )
            continue
        out[key] = cache_dir / result.renditions[request][preset.name].of(JPEG)[0].name
    if problems:
        raise CatalogError(problems)
    return out


# --- text helpers ---


def tanggal(day: dt.date | None) -> str:
    """Write a date the Indonesian way: `2 Mei 2026`."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}" if day else ""


def short_text(text: str | None, limit: int = 220) -> str:
    """The first paragraph, cut at a word boundary to about `limit` characters."""
    if not text:
        return ""
    first = text.split("\n\n")[0]
    return first if len(first) <= limit else first[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _ukm_order(ukm: Ukm) -> tuple:
    return (ukm.data.nama.casefold(), ukm.slug)


def _rows(products: list[Product], columns: int) -> tuple[tuple[Product, ...], ...]:
    return tuple(tuple(products[i : i + columns]) for i in range(0, len(products), columns))


def plan(catalog: Catalog, products: list[Product], group_by: str, columns: int) -> list[Block]:
    """Order the chosen products into sections: kecamatan → desa → UKM, or kategori → UKM; see `_parts`."""
    return _parts(_sections(catalog, products, group_by, columns), group_by)


def _parts(blocks: list[Block], group_by: str) -> list[Block]:
    """Mark where a long chapter starts a new page: at a desa (by kategori, a UKM), once PART_PRODUCTS products
    were printed since the last page start. Such a block carries the chapter's title for the running head."""
    out: list[Block] = []
    chapter, count = "", 0
    for block in blocks:
        if block.chapter:
            chapter, count = block.chapter, 0
        elif count >= PART_PRODUCTS and (group_by == "kategori" or any(h.level == 2 for h in block.headings)):
            block, count = replace(block, continues=chapter), 0
        out.append(block)
        count += sum(len(row) for row in block.rows)
    return out


def _sections(catalog: Catalog, products: list[Product], group_by: str, columns: int) -> list[Block]:
    chosen = set(map(id, products))
    blocks: list[Block] = []
    if group_by == "kategori":
        for kategori, label in CATEGORIES.items():
            pending = [Heading(1, label, f"g-{kategori}")]
            for ukm in sorted(catalog.ukms, key=_ukm_order):
                items = [p for p in ukm.products if id(p) in chosen and p.data.kategori == kategori]
                if items:
                    blocks.append(Block(tuple(pending), ukm, f"u-{kategori}-{ukm.slug}", _rows(items, columns)))
                    pending = []
        return blocks
    by_desa: dict[str, list[Ukm]] = defaultdict(list)
    for ukm in catalog.ukms:
        if any(id(p) in chosen for p in ukm.products):
            by_desa[ukm.desa.code].append(ukm)
    for kecamatan in catalog.register.kecamatan:
        pending = [Heading(1, f"Kecamatan {kecamatan.name}", f"k-{kecamatan.slug}")]
        for desa in kecamatan.villages:
            if desa.code not in by_desa:
                continue
            pending.append(Heading(2, f"{desa.type_label} {desa.name}", f"d-{kecamatan.slug}-{desa.slug}"))
            for ukm in sorted(by_desa[desa.code], key=_ukm_order):
                items = [p for p in ukm.products if id(p) in chosen]
                blocks.append(Block(tuple(pending), ukm, f"u-{ukm.slug}", _rows(items, columns)))
                pending = []
    return blocks


# --- HTML ---


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["harga"] = fmt.harga_text
    env.filters["phone"] = fmt.phone_display
    env.filters["mm"] = lambda value: f"{value:.2f}mm"
    env.filters["css_string"] = css_string
    env.globals.update(KATEGORI=CATEGORIES, STOK=STOCK, LEGAL_LABELS=fmt.LEGAL_LABELS, fmt=fmt)
    return env


def css_string(text: str) -> Markup:
    """Quote text for a CSS `content:` inside <style>: escape quotes, backslashes and `<`."""
    escaped = "".join(f"\\{ord(c):x} " if c in '\\"<>\n\r' else c for c in text)
    return Markup(f'"{escaped}"')


def qr_codes(urls: list[str], kept: cache.Store | None = None) -> dict[str, tuple[bytes, float]]:
    """Draw every QR code, on all cores when there are many: choosing the best mask is pure Python (~5 ms each).

    With `kept` (see `qr_store`), a code drawn by an earlier build is reused: 6,000 of them take 25 s of CPU time.
    """
    urls = sorted(set(urls))
    keys = {url: cache.key("qr-png", url, QR_MM, QR_QUIET) for url in urls}
    codes = {url: code for url in urls if kept and (code := kept.get(keys[url])) is not None}
    todo = [url for url in urls if url not in codes]
    if len(todo) < 200:
        codes.update((url, qr_png(url)) for url in todo)
    else:
        context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context,
                                 initializer=usual_collections) as pool:
            codes.update(zip(todo, pool.map(qr_png, todo, chunksize=50), strict=True))
    if kept:
        for url in todo:
            kept.put(keys[url], codes[url])
    return {url: codes[url] for url in urls}


def qr_store(data_dir: Path, name: str = "brosur-qr") -> cache.Store:
    """The QR codes drawn by earlier builds, `<data>/.cache/<name>.pickle`; save it after use. Each brochure the
    site publishes per kecamatan keeps its own (`brosur-qr-<slug>`): the codes another one did not use stay."""
    return cache.Store(data_dir, name, QR)


class _Qr:
    """Register each QR code as an asset once; the template asks for them by URL."""

    def __init__(self, assets: Assets, codes: dict[str, tuple[bytes, float]]) -> None:
        self.assets = assets
        self.codes = codes
        self.srcs: dict[str, str] = {}

    def __call__(self, url: str) -> dict:
        png, width = self.codes[url]
        if url not in self.srcs:  # named by its URL, not by its order: a new product renames no other piece's codes
            name = hashlib.sha256(url.encode()).hexdigest()[:16]
            self.srcs[url] = self.assets.add(f"qr/{name}.png", png, "image/png")
        return {"src": self.srcs[url], "width": width, "url": url}


def chapters(blocks: list[Block]) -> list[list[Block]]:
    """Cut the blocks where a chapter (kecamatan or kategori), or a part of a long one, starts a page."""
    out: list[list[Block]] = []
    for block in blocks:
        if not out or block.starts_page:
            out.append([])
        out[-1].append(block)
    return out


def pieces(blocks: list[Block], size: int) -> list[list[Block]]:
    """Group whole chapters, in order, into pieces of at most `size` products (a bigger chapter is a piece alone).

    A piece also ends after every chapter whose anchor's digest says so (about one in three), whatever the
    counts: a chapter that grows or shrinks moves piece boundaries only up to the next such chapter, so the
    cached layouts of the pieces after it stay usable.
    """
    out: list[list[Block]] = []
    count = 0
    closed = True
    for chapter in chapters(blocks):
        products = sum(len(row) for block in chapter for row in block.rows)
        if not closed and count + products <= size:
            out[-1] += chapter
            count += products
        else:
            out.append(list(chapter))
            count = products
        heading = chapter[0].headings[0].anchor if chapter[0].headings else chapter[0].anchor
        closed = hashlib.sha256(heading.encode()).digest()[0] % 3 == 0
    return out


def brochure_html(
    catalog: Catalog,
    products: list[Product],
    site: SiteConfig,
    layout: Layout = Layout(),
    group_by: str = "wilayah",
    filters: Filters = Filters(),
    piece_products: int = PIECE_PRODUCTS,
    qr_cache: cache.Store | None = None,
    scope: str | None = None,
    home: str = "",
) -> Printout:
    """Build the brochure: cover, contents, then every chosen UKM with its product cards.

    With more than `piece_products` products the body also comes in pieces of whole chapters, see `print_pdf`;
    `qr_cache` keeps the QR codes between builds, see `qr_codes`. The cover says what the brochure holds (`scope`;
    by default `describe(filters)`) and its QR code leads to the site's page `home` (by default the home page).
    """
    assets = Assets()
    blocks = plan(catalog, products, group_by, layout.columns)
    qr = _Qr(
        assets,
        qr_codes(
            [absolute(site, home)]
            + [absolute(site, b.ukm.url) for b in blocks]
            + [absolute(site, short_path(p)) for p in products],
            qr_cache,
        ),
    )
    photos = {
        key: assets.add(f"foto/{key}.jpg", data, "image/jpeg")
        for key, data in _card_photos(catalog, products, layout.photo_box).items()
    }
    # Contents: kecamatan and desa; by kategori, each kategori and the UKMs in it.
    headings = [
        h
        for b in blocks
        for h in b.headings + ((Heading(2, b.ukm.data.nama, b.anchor),) if group_by == "kategori" else ())
    ]
    counts = {
        "ukm": len({p.ukm.slug for p in products}),
        "produk": len(products),
        "desa": len({p.ukm.desa.code for p in products}),
        "kecamatan": len({p.ukm.kecamatan.code for p in products}),
    }
    part = partial(
        _environment().get_template("brochure.html").render,
        site=site,
        layout=layout,
        headings=headings,
        counts=counts,
        photos=photos,
        qr=qr,
        edition=tanggal(catalog.edition),
        scope=("" if filters == Filters() else describe(filters, catalog)) if scope is None else scope,
        home=absolute(site, home),
        group_by=group_by,
        url=lambda path: absolute(site, path),
        short=lambda p: absolute(site, short_path(p)),
        story=short_text,
        bleed=BLEED_MM,
        footer=f"{site.site_name} · Edisi {tanggal(catalog.edition)}" if catalog.edition else site.site_name,
    )
    ordered = tuple(p for b in blocks for row in b.rows for p in row)
    if len(products) <= piece_products:
        return Printout(part(part="whole", blocks=blocks), assets, ordered)
    cut = pieces(blocks, piece_products)
    return Printout("", assets, ordered, tuple(part(part="body", blocks=piece) for piece in cut), part,
                    tuple(_opening_bookmarks(piece) for piece in cut))


def _opening_bookmarks(blocks: list[Block]) -> int:
    """How many bookmarks (h1 chapter, h2 desa, h3 UKM name) of these blocks WeasyPrint puts at the top of their
    outline before the first chapter: laid out alone, a part of a chapter has nothing to nest them under."""
    count, lowest = 0, 4
    for level in (level for b in blocks for level in (*(h.level for h in b.headings), 3)):
        if level == 1:
            break
        if level <= lowest:  # WeasyPrint nests a bookmark under the last one of a lower level, if any
            count, lowest = count + 1, level
    return count


def labels_html(catalog: Catalog, products: list[Product], site: SiteConfig) -> Printout:
    """Build A4 sheets of 3 × 7 booth labels, in brochure order."""
    assets = Assets()
    qr = _Qr(assets, qr_codes([absolute(site, short_path(p)) for p in products]))
    ordered = [p for b in plan(catalog, products, "wilayah", 1) for row in b.rows for p in row]
    per_sheet = LABEL_COLUMNS * LABEL_ROWS
    sheets = [ordered[i : i + per_sheet] for i in range(0, len(ordered), per_sheet)]
    text = (
        _environment()
        .get_template("labels.html")
        .render(
            site=site,
            sheets=sheets,
            qr=qr,
            columns=LABEL_COLUMNS,
            rows=LABEL_ROWS,
            short=lambda p: absolute(site, short_path(p)),
            edition=tanggal(catalog.edition),
        )
    )
    return Printout(text, assets, tuple(ordered))


# --- rendering ---


def render(printout: Printout):
    """Lay the printout out with WeasyPrint; return its weasyprint.Document (pages and boxes, for tests too)."""
    if printout.pieces:
        raise ValueError("a brochure in pieces is laid out by print_pdf")
    return _layout(printout.html, printout.assets.items)


def _layout(text: str, assets: dict[str, Asset]):
    """Lay out one HTML document whose `rk:` images are in `assets`."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    theme_url = THEME.as_uri() + "/"

    class Fetcher(URLFetcher):
        """Serve our images from memory and our own CSS and fonts from theme/; refuse everything else."""

        def fetch(self, url, headers=None):
            if url in assets:
                data, mime = assets[url]
                data = data.read_bytes() if isinstance(data, Path) else data
                return URLFetcherResponse(url, data, {"Content-Type": mime})
            if url.startswith(theme_url):
                return super().fetch(url, headers)
            raise ValueError(f"the brochure fetches nothing outside theme/: {url}")

    fonts = FontConfiguration()
    document = HTML(string=text, base_url=TEMPLATES.as_uri() + "/", url_fetcher=Fetcher(fail_on_errors=True))
    return document.render(font_config=fonts)


def pdf_bytes(document) -> bytes:
    """Write a rendered document as PDF bytes; the same input gives the same bytes."""
    return document.write_pdf(pdf_identifier=PDF_IDENTIFIER)


# A laid-out document: its PDF (bytes, or its file when read back from the piece cache), its number of pages and
# each anchor's page.
Laid = tuple[bytes | Path, int, dict[str, int]]


@dataclass
class PieceCache:
    """Laid-out parts of a brochure, a `cache.Folder` entry each: `<key>.pdf` and its `<key>.json` record.

    The parts are the pieces of the body, the front matter (and its stand-in, counted only) and the page numbers.
    The key covers the part's HTML, its images and the print code (`PRINT`). A piece's HTML holds everything
    it shows (products, UKMs, headings, paper and site settings) and nothing that depends on its page numbers,
    which are printed over the joined pages afterwards; the front matter's HTML holds the page numbers of the
    contents, the page numbers' HTML the number of pages. `print_pdf` records which pieces it laid out and
    which it reused, which other parts it laid out, and prunes the parts the brochure no longer has.
    """

    folder: Path
    laid_out: list[int] = field(default_factory=list)
    reused: list[int] = field(default_factory=list)
    parts_laid_out: list[str] = field(default_factory=list)  # "stand-in", "front", "folios"

    def key(self, text: str, assets: dict[str, Asset], write: bool = True) -> str:
        parts: list[object] = [cache.version(PRINT), text]
        for url, (data, mime) in sorted(assets.items()):
            parts += [url, mime, data.name if isinstance(data, Path) else data]  # a photo cache file: its name
        if not write:
            parts.append("pages only")
        return cache.key(*parts)[:32]

    def get(self, key: str) -> Laid | None:
        """The part under `key` as its file (never read here: the join reads it), or None if it is not kept."""
        meta, pdf = cache.Folder(self.folder).read_json(f"{key}.json"), self.file(key)
        try:
            return (pdf, int(meta["pages"]), dict(meta["anchors"])) if pdf.is_file() else None
        except (TypeError, KeyError, ValueError):
            return None

    def file(self, key: str) -> Path:
        """Where the PDF of the part under `key` is kept."""
        return self.folder / f"{key}.pdf"

    def put(self, key: str, piece: Laid) -> None:
        pdf, pages, anchors = piece
        assert isinstance(pdf, bytes), "only a part laid out in this build is put; one read back is kept already"
        store = cache.Folder(self.folder)
        store.write(f"{key}.pdf", pdf)  # the page count last: without it the PDF is never read
        store.write_json(f"{key}.json", {"pages": pages, "anchors": anchors})

    def keep_only(self, keys: list[str]) -> None:
        """Prune every part but these: the cache holds one brochure's parts, it does not grow."""
        cache.prune(self.folder, {f"{key}.{ext}" for key in keys for ext in ("pdf", "json")})


Document = tuple[str, dict[str, Asset], bool]  # HTML, its images, whether to write its PDF


class _Layouts:
    """Lay out the parts of a brochure, each once: read back from the piece cache, or laid out in this process
    when it is the only one to lay out (and not too big, see HERE_PRODUCTS), or else in worker processes on all
    cores (started when first needed: spawning them and importing WeasyPrint there takes seconds)."""

    def __init__(self, piece_cache: PieceCache | None) -> None:
        self.cache = piece_cache
        self.pool: ProcessPoolExecutor | None = None
        self.used: dict[str, object] = {}  # key → name of every part used, in order
        self.new: dict[str, Future[Laid]] = {}  # key → its layout, read back or started
        self.laid_out: dict[str, Document] = {}  # the parts not in the cache

    def __enter__(self) -> _Layouts:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool:
            self.pool.shutdown(cancel_futures=True)

    def start(self, documents: dict[object, Document]) -> dict[object, Future[Laid]]:
        """Start laying out `documents` (by name); the ones in the cache, or started before, are done already."""
        keys = {}
        for name, (text, assets, write) in documents.items():
            keys[name] = self.cache.key(text, assets, write) if self.cache else f"{len(self.used)}"
            self.used.setdefault(keys[name], name)
        todo = {}
        for name, key in keys.items():
            if key not in self.new and key not in todo:
                found = self.cache.get(key) if self.cache else None
                if found is None:
                    todo[key] = documents[name]
                else:
                    self.new[key] = _done(found)
        for key, document in todo.items():
            if len(todo) == 1 and self.pool is None and document[0].count('class="card"') <= HERE_PRODUCTS:
                self.new[key] = _done(_document(*document))
                continue
            if self.pool is None:
                # Spawned, not forked: the parent may hold Pango and fontconfig state a forked child must not share.
                self.pool = ProcessPoolExecutor(os.cpu_count() or 1, mp_context=multiprocessing.get_context("spawn"))
            self.new[key] = self.pool.submit(_document, *document)
        self.laid_out.update(todo)
        return {name: self.new[key] for name, key in keys.items()}

    def sources(self, names: list[object]) -> list[bytes | Path]:
        """The PDF of each part named: its file in the piece cache (after `finish`), else its bytes."""
        keys = {name: key for key, name in self.used.items()}
        return [self.cache.file(keys[name]) if self.cache else self.new[keys[name]].result()[0] for name in names]

    def finish(self) -> None:
        """Keep the new layouts in the cache, record what was laid out and prune the parts not used."""
        if not self.cache:
            return
        for key in self.laid_out:
            self.cache.put(key, self.new[key].result())
        names = [self.used[key] for key in self.laid_out]
        self.cache.laid_out = [name for name in names if isinstance(name, int)]
        self.cache.reused = [name for name in self.used.values() if isinstance(name, int) and name not in names]
        self.cache.parts_laid_out = [name for name in names if isinstance(name, str)]
        self.cache.keep_only(list(self.used))


def _done(result: Laid) -> Future[Laid]:
    """Wrap a layout read back or made here as a finished future, like one from a worker."""
    future: Future[Laid] = Future()
    future.set_result(result)
    return future


def print_pdf(printout: Printout, piece_cache: PieceCache | None = None, out: Path | None = None,
              join_after: Callable[[], object] | None = None) -> bytes:
    """Render a printout as PDF: in one go, or a brochure in pieces laid out on all cores and joined.

    With `piece_cache`, a part laid out before with the same HTML, images and code is read back instead: after
    a price change, usually one piece of the body is laid out again, and the front matter and page numbers not.
    The parts are then joined from their files in the cache. With `out`, the PDF is written there (whole or
    not at all) and b"" returned: at 10,000 products neither the parts nor the brochure are held in memory.
    Above JOIN_HERE_PRODUCTS products the join runs in a process of its own; with `join_after` (this process
    is not the build's) it runs here, once `join_after()` returns, with the printout's HTML let go first.
    """
    if not printout.pieces:
        if piece_cache:
            piece_cache.keep_only([])
        pdf = pdf_bytes(render(printout))
        if out is None:
            return pdf
        cache.write_atomic(out, pdf)
        return b""
    join = _lay_out(printout, piece_cache, out)
    if join_after is not None:
        del printout  # the HTML of every piece: the caller hands it over, so it goes here
        release_freed_memory()
        join_after()
        return join_pdfs(*join)
    if out is None or len(printout.products) <= JOIN_HERE_PRODUCTS:
        return join_pdfs(*join)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as joiner:
        return joiner.submit(join_pdfs, *join).result()


def _lay_out(printout: Printout, piece_cache: PieceCache | None, out: Path | None) -> tuple:
    """Lay out every part of a brochure in pieces (or read it back); return the arguments of its join."""
    items = printout.assets.items

    def document(text: str, write: bool = True) -> Document:
        return text, _assets_of(text, items), write

    with _Layouts(piece_cache) as layouts:
        # How many pages the contents take, with a stand-in number of three digits for every page number.
        stand_in = printout.part(part="front", toc_pages=defaultdict(lambda: 999))
        started = layouts.start({"stand-in": document(stand_in, write=False)}
                                | {index: document(piece) for index, piece in enumerate(printout.pieces)})
        body = [started[index].result() for index in range(len(printout.pieces))]
        front_pages = started["stand-in"].result()[1]
        body_pages = sum(pages for _, pages, _ in body)
        for _ in range(3):
            first_pages = itertools.accumulate((pages for _, pages, _ in body[:-1]), initial=front_pages + 1)
            toc_pages: dict[str, int] = {}
            for (_, _, anchors), first in zip(body, first_pages, strict=True):
                for name, index in anchors.items():
                    toc_pages.setdefault(name, first + index)
            # The page numbers need only the total: they are laid out beside the contents.
            parts = layouts.start({"front": document(printout.part(part="front", toc_pages=toc_pages)),
                                   "folios": document(printout.part(part="folios", folios=front_pages + body_pages))})
            front = parts["front"].result()  # the page numbers are joined from their file, see `sources`
            if front[1] == front_pages:
                break
            front_pages = front[1]
        else:
            raise RuntimeError("the brochure's contents do not settle on a number of pages")
        layouts.finish()
        sources = layouts.sources(["front", *range(len(printout.pieces)), "folios"])
    return sources[0], sources[1:-1], sources[-1], printout.continued, out


def _assets_of(text: str, items: dict[str, Asset]) -> dict[str, Asset]:
    """The images one piece of HTML uses: a worker gets only those."""
    return {url: items[url] for url in sorted(set(re.findall(r'"(rk:[^"]+)"', text)))}


def _document(text: str, assets: dict[str, Asset], write: bool) -> Laid:
    """Lay out one part of a brochure (in a worker or not): its PDF (if `write`), its pages and each anchor's page."""
    document = _layout(text, assets)
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    return pdf_bytes(document) if write else b"", len(document.pages), anchors


def join_pdfs(front: bytes | Path, body: list[bytes | Path], folios: bytes | Path, continued: tuple[int, ...] = (),
              out: Path | None = None) -> bytes:
    """Join a brochure's front and body into one PDF, and print the page numbers from `folios` over its pages.

    Each part is a PDF's bytes or its file (read as needed, not loaded whole). The first `continued[i]` bookmarks
    of body part i go under the last chapter's bookmark (see Printout). With `out`, the PDF is written there
    (whole or not at all) and b"" returned.
    """
    import warnings

    import pikepdf

    joined = pikepdf.Pdf.new()
    def opened(source: bytes | Path) -> pikepdf.Pdf:
        return pikepdf.Pdf.open(source if isinstance(source, Path) else io.BytesIO(source))

    parts = [opened(source) for source in (front, *body)]
    page_at: dict[tuple[int, int, int], pikepdf.Object] = {}  # (part, page object number) → the page in the join
    with warnings.catch_warnings():
        # pikepdf warns that extend() leaves named destinations behind: they are carried over below.
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        for index, part in enumerate(parts):
            first = len(joined.pages)
            joined.pages.extend(part.pages)
            page_at.update(((index, *page.objgen), joined.pages[first + i].obj) for i, page in enumerate(part.pages))

    def moved(index: int, destination: pikepdf.Array) -> pikepdf.Array:
        return pikepdf.Array([page_at[index, *destination[0].objgen], *destination[1:]])

    # Every anchor, as WeasyPrint names them; the body's first, so the front's stand-ins never win.
    names = pikepdf.NameTree.new(joined)
    for index in [*range(1, len(parts)), 0]:
        if "/Names" in parts[index].Root and "/Dests" in parts[index].Root.Names:
            for name, destination in pikepdf.NameTree(parts[index].Root.Names.Dests).items():
                if name not in names:
                    names[name] = moved(index, destination)
    joined.Root.Names = pikepdf.Dictionary(Dests=names.obj)

    def bookmark(index: int, item: pikepdf.OutlineItem) -> pikepdf.OutlineItem:
        copy = pikepdf.OutlineItem(item.title, moved(index, item.destination))
        copy.children.extend(bookmark(index, child) for child in item.children)
        return copy

    opening = (0, *continued)
    with joined.open_outline() as outline:
        for index, part in enumerate(parts):
            with part.open_outline() as theirs:
                items = [bookmark(index, item) for item in theirs.root]
                under = opening[index] if index < len(opening) and outline.root else 0
                if under:
                    outline.root[-1].children.extend(items[:under])
                outline.root.extend(items[under:])
    # The page numbers as one form per page, drawn last like WeasyPrint's own margin boxes. Not add_overlay():
    # it gives the forms random names, and the same brochure must give the same bytes.
    save = pikepdf.Stream(joined, b"q\n")
    folio_pages = opened(folios).pages
    for number, (page, folio) in enumerate(zip(joined.pages, folio_pages, strict=True), start=1):
        name = page.add_resource(joined.copy_foreign(folio.as_form_xobject()), pikepdf.Name.XObject, f"/Folio{number}")
        page.contents_add(save, prepend=True)
        page.contents_add(pikepdf.Stream(joined, f"Q q {name} Do Q\n".encode()))
    joined.docinfo = joined.copy_foreign(parts[0].docinfo)
    joined.Root.Lang = parts[0].Root.Lang
    def write(target: BinaryIO) -> None:
        joined.save(target, min_version="1.7", object_stream_mode=pikepdf.ObjectStreamMode.generate,
                    deterministic_id=True)

    if out is not None:
        with cache.atomic_file(out) as handle:
            write(handle)
        return b""
    buffer = io.BytesIO()
    write(buffer)
    return buffer.getvalue()


LATER_UKMS = 10
# Above this, the brochure is made with the build waiting: laid out beside the build, its process (250 MB at
# 10,000 products while it waits, 680 MB while it joins) added to the build's own took the process tree to
# 1,070-1,183 MB after one price change at 10,000 products, over the 1 GB the issue allows (docs/kinerja.md).
LATER_PRODUCTS = 6000
# Above this many products the site publishes a brochure per kecamatan instead of one for all: one for all is
# 45 MB at 5,000 products and 248 MB at 25,000 (too much to download on a phone, or to print at a booth), and
# joining it took 1.1 GB at 25,000 products (docs/kinerja.md). A kecamatan's brochure is laid out again only
# when one of its own UKMs changes.
SPLIT_PRODUCTS = 2000


# Above this many products a kecamatan's brochure comes in volumes (jilid), each a run of its desa in the register's
# order: at 50,000 products a kecamatan has about 2,900, a 29 MB PDF (too much for a phone), made again whole after
# one price change; a volume is at most about 9 MB, and one change makes 8.5 MB again, with 30 % less CPU
# (benchmarks/volumes.py, docs/kinerja.md). A desa is never split.
VOLUME_PRODUCTS = 1000


@dataclass(frozen=True)
class Volume:
    """One brochure `build` publishes: of every product (no kecamatan), of one kecamatan, or volume `number` of
    `of` of a kecamatan's brochure, holding the products of its desa `desa`."""

    kecamatan: Kecamatan | None = None
    desa: tuple[Desa, ...] = ()
    number: int = 0
    of: int = 0

    @property
    def slug(self) -> str | None:
        """The name of its cache folder and file (None: the full brochure)."""
        if self.kecamatan is None:
            return None
        return f"{self.kecamatan.slug}-{self.number}" if self.number else self.kecamatan.slug

    @property
    def uri(self) -> str:
        """Where `build` publishes it in the site."""
        return SITE_PDF if self.slug is None else f"brosur/brosur-ukm-blora-{self.slug}.pdf"

    @property
    def filters(self) -> Filters:
        """Its products, as the `brochure` command's filters."""
        if self.kecamatan is None:
            return Filters()
        return Filters(kecamatan=(self.kecamatan.name,), desa=tuple(d.code for d in self.desa))

    @property
    def label(self) -> str:
        """What sets it apart from the other volumes of its kecamatan, for links and the cover ("": no volumes)."""
        if not self.number:
            return ""
        first, last = self.desa[0], self.desa[-1]
        run = f"{first.type_label} {first.name}" + (f" sampai {last.type_label} {last.name}" if last != first else "")
        return f"jilid {self.number} dari {self.of}: {run}"

    @property
    def scope(self) -> str:
        """What its cover says it holds."""
        if self.kecamatan is None:
            return ""
        return f"Kecamatan {self.kecamatan.name}" + (f", {self.label}" if self.label else "")

    @property
    def home(self) -> str:
        """The site page its cover's QR code leads to: the kecamatan's page, or the home page."""
        return self.kecamatan.url if self.kecamatan else ""

    def holds(self, ukm: Ukm) -> bool:
        if self.kecamatan is None:
            return True
        return ukm.kecamatan.code == self.kecamatan.code and (not self.desa or ukm.desa in self.desa)


def volumes(catalog: Catalog, kecamatan: Kecamatan) -> list[Volume]:
    """The brochure of `kecamatan`, in volumes of at most VOLUME_PRODUCTS products when it has more (a desa with
    more stays whole, in a volume of its own); none when it has no products."""
    counts: dict[str, int] = defaultdict(int)
    for ukm in catalog.ukms:
        if ukm.kecamatan.code == kecamatan.code:
            counts[ukm.desa.code] += len(ukm.products)
    runs: list[list[Desa]] = []
    size = 0
    for desa in kecamatan.villages:
        count = counts.get(desa.code, 0)
        if not count:
            continue
        if not runs or size + count > VOLUME_PRODUCTS:
            runs.append([])
            size = 0
        runs[-1].append(desa)
        size += count
    if len(runs) <= 1:
        return [Volume(kecamatan)] if runs else []
    return [Volume(kecamatan, tuple(run), number, len(runs)) for number, run in enumerate(runs, 1)]


def site_pdfs(catalog: Catalog) -> dict[str, Volume]:
    """The brochures `build` publishes, by their path in the site: the full brochure, or above SPLIT_PRODUCTS
    products one per kecamatan that has products (in the register's order), in volumes (see `volumes`)."""
    if len(catalog.products) <= SPLIT_PRODUCTS:
        return {SITE_PDF: Volume()}
    return {v.uri: v for k in catalog.register.kecamatan for v in volumes(catalog, k)}


def site_brochures(catalog: Catalog, site: SiteConfig,
                   pdfs: dict[str, Volume]) -> dict[str, tuple[Path, Background[Path] | Done[Path]]]:
    """Every brochure `build` publishes (`pdfs`, from `site_pdfs`), by its path in the site: its file and its making
    (see `site_brochure`). At most one is made beside the build; the cache keeps only the brochures published now."""
    root = cache.root(catalog.data_dir) / "brosur"
    if SITE_PDF not in pdfs:  # the full brochure, and the pieces it was joined from, are not used any more
        cache.prune(root, ())
        shutil.rmtree(root / "potongan", ignore_errors=True)
    kept = {v.slug for v in pdfs.values()}
    with contextlib.suppress(OSError):
        for entry in os.scandir(root / "kecamatan"):
            if entry.name not in kept:  # no products there any more, other volumes, or one brochure for all again
                shutil.rmtree(entry.path, ignore_errors=True)
                (root.parent / f"{_qr_name(entry.name)}.pickle").unlink(missing_ok=True)
        (root / "kecamatan").rmdir()  # when it is empty
    made: dict[str, tuple[Path, Background[Path] | Done[Path]]] = {}
    for uri, volume in pdfs.items():
        made[uri] = site_brochure(catalog, site, volume, beside=all(isinstance(m, Done) for _, m in made.values()))
    return made


def site_brochure(catalog: Catalog, site: SiteConfig, volume: Volume = Volume(),
                  beside: bool = True) -> tuple[Path, Background[Path] | Done[Path]]:
    """The file of the A4 brochure `volume` (by default of every product) that `build` publishes at `volume.uri`
    (a cache entry: the site links it), and its making: reused when nothing it shows changed; made in a process
    of its own, beside the build, when `beside`, at most LATER_UKMS of its UKMs changed since the last one and it
    has at most LATER_PRODUCTS products, else made here before this returns.
    The file's name is a digest of what the brochure shows, known before it is made.

    Laying out a brochure takes minutes at 5,000 products, and most builds change no product. The brochure is
    the one entry of the `cache.Folder` `<data>/.cache/brosur/` (a kecamatan's, or a volume's:
    `brosur/kecamatan/<slug>/`), keyed by what it shows of each UKM (`_shown`), the site settings, the volume and
    `PRINT`; its record (`<key>.json`) keeps the first, to count what changed next time.
    When something changed, only the pieces of the body that show it are laid out again (`PieceCache`): after
    one owner's change, one piece and the join, about 9 s at 5,000 products, which the pages, the renderer and
    the offline copy need as long for. A change to many UKMs, or to the code, lays out most pieces on every
    core with the build waiting, as before: laid out beside the pages, it would add their memory to its own.
    """
    ukms = [u for u in catalog.ukms if volume.holds(u)]
    shown = {"code": cache.key(cache.version(PRINT), site, volume.filters, volume.scope, volume.home),
             "ukms": {u.file: _shown(catalog, u) for u in ukms}}
    folder = cache.Folder(_brochure_folder(catalog.data_dir, volume))
    name = cache.key(shown["code"], sorted(shown["ukms"].items()))[:20]
    target = folder.file(f"{name}.pdf")
    if target.is_file():
        folder.prune({f"{name}.pdf", f"{name}.json"})  # one whole brochure is kept, and the pieces it was joined from
        return target, Done(target)
    if not beside or sum(len(u.products) for u in ukms) > LATER_PRODUCTS or not _few_changed(folder, shown):
        return target, Done(_make_site_brochure(catalog, site, volume, name, shown))
    work = (catalog.part(ukms), site, volume, name, shown)
    return target, Background(_make_beside, cache.root(catalog.data_dir), *work, gated=True)


def _make_beside(root: Path, *work: Any) -> Path:
    """`_make_site_brochure` in a process of its own, told first where this build keeps its caches (`--cache`)."""
    cache.place(work[0].data_dir, root)
    return _make_site_brochure(*work)


def _brochure_folder(data_dir: Path, volume: Volume) -> Path:
    root = cache.root(data_dir) / "brosur"
    return root if volume.slug is None else root / "kecamatan" / volume.slug


def _qr_name(slug: str | None) -> str:
    """The QR codes' store of the full brochure (None) or of a kecamatan's, by its slug (see `qr_store`)."""
    return "brosur-qr" if slug is None else f"brosur-qr-{slug}"


def _shown(catalog: Catalog, ukm: Ukm) -> str:
    """What the brochure shows of a UKM: its file's bytes (their digest, taken when the catalogue was read) and
    the size and modification time of its products' first photos (the photo cache's own test for "changed")."""
    digest = ukm.digest or cache.key((Path(catalog.data_dir) / ukm.file).read_bytes())
    photos = []
    for product in ukm.products:
        if product.photos:
            stat = product.photos[0].path.stat()
            photos.append((str(product.photos[0].path), stat.st_size, stat.st_mtime_ns))
    return cache.key(digest, photos)


def _few_changed(folder: cache.Folder, shown: dict) -> bool:
    """Whether at most LATER_UKMS UKMs differ from what the last brochure showed (its record in `folder`)."""
    records = [n for n in folder.names() if n.endswith(".json")]
    last = folder.read_json(records[0]) if len(records) == 1 else None
    if not isinstance(last, dict) or last.get("code") != shown["code"] or not isinstance(last.get("ukms"), dict):
        return False
    before, now = last["ukms"], shown["ukms"]
    changed = sum(before.get(file) != digest for file, digest in now.items()) + len(before.keys() - now.keys())
    return changed <= LATER_UKMS


def _make_site_brochure(catalog: Catalog, site: SiteConfig, volume: Volume, name: str, shown: dict,
                        gate: Callable[[], object] | None = None) -> Path:
    """Lay out and join the brochure `volume` into its cache folder; with `gate` (in a process of its own beside the
    build), join it here once `gate()` returns: when the build has let go of its pages."""
    folder = cache.Folder(_brochure_folder(catalog.data_dir, volume))
    target = folder.file(f"{name}.pdf")
    qr_cache = qr_store(catalog.data_dir, _qr_name(volume.slug))
    scope = volume.filters
    printout = brochure_html(catalog, select(catalog, scope), site, filters=scope, qr_cache=qr_cache,
                             scope=volume.scope, home=volume.home)
    print_pdf(printout, PieceCache(folder.path / "potongan"), out=target, join_after=gate)
    qr_cache.save()
    folder.write_json(f"{name}.json", shown)  # what it shows, by UKM: the next build's measure of "few changed"
    folder.prune({f"{name}.pdf", f"{name}.json"})
    return target
