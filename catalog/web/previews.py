"""Link-preview images (1200 × 630) for product and UKM pages, drawn with Pillow.

A shared link in a WhatsApp group shows this picture: the product photo on the left, and on the
right its name, price, the UKM and village, and the showroom's name, in the font shipped in
theme/fonts. The photo comes from the photo pipeline (upright, sRGB, no metadata, cached); the
drawn image is a `cache.Folder` entry in `<data>/.cache/bagikan/`, named by a digest of everything drawn
on it (a published URL: bagikan/<key>.jpg). Each build prunes the previews it no longer draws.
"""

from __future__ import annotations

import functools
import hashlib
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from catalog import cache
from catalog.core import Catalog, Photo
from catalog.fmt import harga_text
from catalog.photos.engine import focus_of
from catalog.photos.formats import JPEG, Preset, Request
from catalog.photos.store import folder_of
from catalog.photos.work import process
from catalog.resources import FONTS_DIR

WIDTH, HEIGHT = 1200, 630
VERSION = "1"  # bump when the drawing changes: every cached preview is redrawn (part of every key)
FONTS = FONTS_DIR
SQUARE = Preset("bagikan", 1.0, (HEIGHT,), (JPEG,))
FOLDER = "bagikan"  # its name in a cache root
SOGAN, GOLD, CREAM, INK = (107, 58, 31), (242, 196, 109), (250, 246, 242), (40, 28, 20)


@dataclass(frozen=True)
class Card:
    """What one preview shows."""

    photo: Photo
    title: str
    lines: tuple[str, ...]
    site_name: str


@functools.cache
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("OpenSans-Bold.ttf" if bold else "OpenSans-Regular.ttf")), size)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Break `text` into lines that fit `width` px; the last line ends with … when text is left over."""
    words, lines = text.split(), []
    while words and len(lines) < max_lines:
        line = words.pop(0)
        while words and font.getlength(f"{line} {words[0]}") <= width:
            line += " " + words.pop(0)
        while font.getlength(line) > width:  # one word longer than the line
            line = line[:-1]
        lines.append(line)
    if words:
        last = lines[-1]
        while font.getlength(last + "…") > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def draw(card: Card, square: Path) -> bytes:
    """Draw one preview as JPEG bytes."""
    canvas = Image.new("RGB", (WIDTH, HEIGHT), CREAM)
    with Image.open(square) as photo:
        canvas.paste(photo.convert("RGB").resize((HEIGHT, HEIGHT)), (0, 0))
    pen = ImageDraw.Draw(canvas)
    left, right = HEIGHT + 48, WIDTH - 44
    pen.rectangle((HEIGHT, 0, WIDTH, 14), fill=SOGAN)
    y = 64
    for line in _wrap(card.title, _font(True, 52), right - left, 3):
        pen.text((left, y), line, font=_font(True, 52), fill=INK)
        y += 66
    y += 14
    for i, text in enumerate(card.lines):
        font = _font(i == 0, 40 if i == 0 else 30)
        for line in _wrap(text, font, right - left, 2):
            pen.text((left, y), line, font=font, fill=SOGAN if i == 0 else INK)
            y += 52 if i == 0 else 42
        y += 6
    pen.rectangle((HEIGHT, HEIGHT - 84, WIDTH, HEIGHT), fill=SOGAN)
    pen.text((left, HEIGHT - 66), card.site_name, font=_font(True, 32), fill=GOLD)
    out = io.BytesIO()
    canvas.save(out, "JPEG", quality=84, optimize=True, progressive=True)
    return out.getvalue()


@functools.cache
def _fonts() -> tuple[str, ...]:
    return tuple(f"{p.name}:{p.stat().st_size}" for p in sorted(FONTS.glob("*.ttf")))


def _key(card: Card, square: str) -> str:
    # A published name (bagikan/<key>.jpg in every page's meta tags): its formula stays as it is.
    text = "\n".join([VERSION, square, card.title, *card.lines, card.site_name, *_fonts()])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def make(catalog: Catalog, site_name: str, cache_root: Path | None = None) -> dict[str, Path]:
    """Draw (or take from the cache) a preview per product and UKM page; return {page URL: image file}."""
    folder = cache.Folder(Path(cache_root or cache.root(catalog.data_dir)) / FOLDER)
    folder.path.mkdir(parents=True, exist_ok=True)
    cards: dict[str, Card] = {}
    for ukm in catalog.ukms:
        for p in ukm.products:
            cards[p.url] = Card(p.photos[0], p.data.nama, (harga_text(p.data.harga), ukm.data.nama,
                                                            f"{ukm.desa.name}, Kabupaten Blora"), site_name)
        first = ukm.products[0].photos[0]
        cards[ukm.url] = Card(first, ukm.data.nama, (f"{len(ukm.products)} produk",
                                                     f"{ukm.desa.type_label} {ukm.desa.name}",
                                                     f"Kecamatan {ukm.kecamatan.name}, Blora"), site_name)
    requests = {url: Request(c.photo.path, (SQUARE,), focus_of(c.photo.focus)) for url, c in cards.items()}
    photo_dir = folder_of(catalog.data_dir)
    squares = process(requests.values(), photo_dir)
    result: dict[str, Path] = {}
    missing: list[tuple[str, Card, Path]] = []
    drawn = folder.names()
    for url, card in cards.items():
        rendition = squares.renditions.get(requests[url], {}).get(SQUARE.name)
        if rendition is None:  # the photo was refused; the build reports it through photos.publish
            continue
        square = photo_dir / rendition.of(JPEG)[-1].name
        name = f"{_key(card, square.name)}.jpg"
        if name not in drawn:
            missing.append((name, card, square))
        result[url] = folder.file(name)
    with ThreadPoolExecutor() as pool:  # Pillow drops the GIL while it resizes and encodes
        for name, data in zip([m[0] for m in missing], pool.map(lambda m: draw(m[1], m[2]), missing), strict=True):
            folder.write(name, data)
    folder.prune(path.name for path in result.values())
    return result
