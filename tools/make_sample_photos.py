#!/usr/bin/env python3
"""Draw the demo product photos listed in products/*.yml.

Every picture is drawn from simple shapes with Pillow, so the sample catalogue
ships no third-party images: batik motifs (parang, kawung, daun jati, truntum…)
for kategori batik, garments for busana, snack packs and plates for makanan and
teak-wood objects for kerajinan.  The random generator is seeded with
"<ukm-slug>/<file>", so a rerun writes the same bytes.

    python tools/make_sample_photos.py            # draw missing photos
    python tools/make_sample_photos.py --force    # redraw every photo
"""

from __future__ import annotations

import argparse
import io
import math
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageChops, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
SS = 2  # shapes are drawn SS times larger and scaled down, for smooth edges
SQUARE = (900, 900)
LANDSCAPE = (1200, 900)
QUALITY = 82
MIN_QUALITY = 40
MAX_BYTES = 90 * 1024

RGB = tuple[int, int, int]


# ---------------------------------------------------------------- colour helpers

def mix(a: RGB, b: RGB, t: float) -> RGB:
    """Blend colour a towards b by t (0..1)."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a[:3], b[:3], strict=True))


def jitter(rng: random.Random, c: RGB, n: int = 10) -> RGB:
    """Shift each channel of c by up to ±n."""
    return tuple(max(0, min(255, v + rng.randint(-n, n))) for v in c[:3])


def darker(c: RGB, t: float = 0.25) -> RGB:
    return mix(c, (0, 0, 0), t)


def lighter(c: RGB, t: float = 0.25) -> RGB:
    return mix(c, (255, 255, 255), t)


def gradient(size: tuple[int, int], a: RGB, b: RGB, horizontal: bool = False) -> Image.Image:
    """Return an RGB image fading from a to b (top→bottom or left→right)."""
    strip = Image.new("RGB", (256, 1) if horizontal else (1, 256))
    for i in range(256):
        strip.putpixel((i, 0) if horizontal else (0, i), mix(a, b, i / 255))
    return strip.resize(size, Image.BILINEAR)


def profile(size: tuple[int, int], values: list[int], horizontal: bool = True) -> Image.Image:
    """Return an L image whose brightness follows values across (or down) the image."""
    strip = Image.new("L", (len(values), 1) if horizontal else (1, len(values)))
    strip.putdata(values)
    return strip.resize(size, Image.BICUBIC)


def radial(size: tuple[int, int], inner: int, outer: int) -> Image.Image:
    """Return an L image bright (inner) in the centre and outer at the corners."""
    n = 64
    small = Image.new("L", (n, n))
    for y in range(n):
        for x in range(n):
            d = math.hypot((x - n / 2 + 0.5) / (n / 2), (y - n / 2 + 0.5) / (n / 2)) / math.sqrt(2)
            small.putpixel((x, y), round(inner + (outer - inner) * d * d))
    return small.resize(size, Image.BICUBIC)


def multiply(img: Image.Image, shade: Image.Image) -> Image.Image:
    """Darken img by an L shade image (255 keeps the colour), keeping any alpha."""
    rgb = ImageChops.multiply(img.convert("RGB"), shade.convert("RGB"))
    if img.mode == "RGBA":
        rgb.putalpha(img.getchannel("A"))
    return rgb


# ---------------------------------------------------------------- geometry

@dataclass
class Frame:
    """A canvas size with unit coordinates: (0, 0) is the centre, 1 is the short side."""

    w: int
    h: int

    @property
    def s(self) -> int:
        return min(self.w, self.h)

    def p(self, x: float, y: float) -> tuple[float, float]:
        return (self.w / 2 + x * self.s, self.h / 2 + y * self.s)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> list[float]:
        return [*self.p(x0, y0), *self.p(x1, y1)]

    def pts(self, points) -> list[tuple[float, float]]:
        return [self.p(x, y) for x, y in points]

    def u(self, v: float) -> float:
        return v * self.s


def ellipse_pts(cx, cy, rx, ry, a0=0.0, a1=2 * math.pi, n=64):
    """Return points along an ellipse arc from angle a0 to a1."""
    return [(cx + rx * math.cos(a0 + (a1 - a0) * i / n), cy + ry * math.sin(a0 + (a1 - a0) * i / n))
            for i in range(n + 1)]


def rotate_pts(points, cx, cy, ang):
    ca, sa = math.cos(ang), math.sin(ang)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca) for x, y in points]


def blob_pts(rng, cx, cy, rx, ry, wobble=0.1, n=28):
    """Return an irregular closed outline around an ellipse."""
    phase = [rng.uniform(0, 6.3) for _ in range(3)]
    out = []
    for i in range(n):
        t = 2 * math.pi * i / n
        k = 1 + wobble * (math.sin(3 * t + phase[0]) * 0.5 + math.sin(5 * t + phase[1]) * 0.3
                          + math.sin(7 * t + phase[2]) * 0.2)
        out.append((cx + rx * k * math.cos(t), cy + ry * k * math.sin(t)))
    return out


def leaf_pts(cx, cy, length, width, ang, n=36):
    """Return the outline of a broad teak leaf with a short tip, pointing along ang."""
    pts = []
    for i in range(n):
        t = 2 * math.pi * i / n
        x = math.cos(t)
        y = math.sin(t) * (0.78 + 0.22 * math.cos(t))
        x *= 1 + 0.12 * max(0.0, math.cos(t)) ** 12
        pts.append((x * length / 2, y * width / 2))
    return rotate_pts([(cx + x, cy + y) for x, y in pts], cx, cy, ang)


def mask_of(size, draw_fn) -> Image.Image:
    """Return an L mask with whatever draw_fn paints in 255."""
    m = Image.new("L", size, 0)
    draw_fn(ImageDraw.Draw(m))
    return m


def paint(layer: Image.Image, texture, mask: Image.Image) -> None:
    """Fill mask on layer with texture (an image or a colour), fully opaque."""
    if isinstance(texture, Image.Image):
        tex = texture.convert("RGBA") if texture.mode != "RGBA" else texture
        layer.paste(tex, (0, 0), mask)
    else:
        layer.paste((*texture[:3], 255), (0, 0, *layer.size), mask)


def overlay(layer: Image.Image, draw_fn) -> None:
    """Blend translucent shapes painted by draw_fn onto layer."""
    top = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    draw_fn(ImageDraw.Draw(top))
    layer.alpha_composite(top)


def with_shadow(canvas: Image.Image, layer: Image.Image, dx: float, dy: float, blur: float,
                strength: int = 120, colour: RGB = (30, 20, 12)) -> None:
    """Composite layer onto canvas (RGB) with a soft drop shadow."""
    alpha = layer.getchannel("A")
    shadow = Image.new("L", canvas.size, 0)
    shadow.paste(alpha, (round(dx), round(dy)))
    shadow = shadow.filter(ImageFilter.GaussianBlur(blur)).point(lambda v: v * strength // 255)
    canvas.paste(colour, (0, 0, *canvas.size), shadow)
    canvas.paste(layer, (0, 0), layer)


# ---------------------------------------------------------------- backgrounds

WALLS = [(236, 228, 214), (228, 222, 210), (240, 234, 224), (222, 214, 200), (214, 222, 220),
         (236, 226, 206), (226, 230, 222)]
CLOTHS = [(204, 186, 160), (190, 170, 140), (226, 212, 190), (182, 196, 186), (214, 196, 170),
          (196, 208, 214), (222, 200, 188)]
TEAK = (178, 120, 70)
TEAK_DARK = (118, 70, 36)
TEAK_OLD = (150, 96, 55)
ROOT_WOOD = (130, 80, 45)
BAMBOO = (214, 184, 122)


def wood_texture(rng: random.Random, size, base: RGB, dark: RGB, vertical: bool = False,
                 lines: float = 1.0) -> Image.Image:
    """Return a teak-like grain texture (wavy lines and a knot or two)."""
    w, h = size if not vertical else (size[1], size[0])
    img = gradient((w, h), lighter(base, 0.06), darker(base, 0.06))
    d = ImageDraw.Draw(img)
    phase = rng.uniform(0, 6.3)
    amp = rng.uniform(6, 18) * SS
    freq = rng.uniform(1.5, 3.5) / w * 2 * math.pi
    y = -amp * 2
    while y < h + amp * 2:
        col = mix(base, dark, rng.uniform(0.18, 0.55))
        width = max(1, round(rng.uniform(1.0, 3.2) * SS))
        local_phase = phase + y * 0.004
        pts = [(x, y + amp * math.sin(x * freq + local_phase)) for x in range(-20, w + 40, 24)]
        d.line(pts, fill=col, width=width)
        y += rng.uniform(9, 26) * SS / lines
    for _ in range(rng.randint(0, 2)):
        kx, ky = rng.uniform(0.1, 0.9) * w, rng.uniform(0.1, 0.9) * h
        for r in range(3, 0, -1):
            rr = r * 7 * SS
            d.ellipse([kx - rr * 2, ky - rr, kx + rr * 2, ky + rr], outline=mix(base, dark, 0.3 + r * 0.12),
                      width=2 * SS)
    img = img.filter(ImageFilter.GaussianBlur(0.8 * SS))
    return img.rotate(90, expand=True) if vertical else img


def backdrop(rng: random.Random, size, kind: str | None = None) -> tuple[Image.Image, float]:
    """Return a background and the y (0..1) of the table edge, 0 when there is none."""
    w, h = size
    kind = kind or rng.choice(["wall-table", "flat", "wood", "wall-table"])
    if kind == "flat":
        c = jitter(rng, rng.choice(CLOTHS + WALLS), 8)
        img = gradient(size, lighter(c, 0.12), darker(c, 0.08))
        return multiply(img, radial(size, 255, 205)), 0.0
    if kind == "wood":
        base = jitter(rng, rng.choice([TEAK, TEAK_OLD, (190, 140, 95), (160, 110, 70)]), 8)
        img = wood_texture(rng, size, base, darker(base, 0.5), vertical=rng.random() < 0.5, lines=0.7)
        img = img.filter(ImageFilter.GaussianBlur(5 * SS))
        return multiply(img, radial(size, 255, 170)), 0.0
    wall = jitter(rng, rng.choice(WALLS), 6)
    top_y = rng.uniform(0.42, 0.58)
    img = gradient(size, lighter(wall, 0.08), darker(wall, 0.1))
    edge = round(h * top_y)
    if rng.random() < 0.5:
        table = jitter(rng, rng.choice(CLOTHS), 8)
        surface = gradient((w, h - edge), darker(table, 0.12), lighter(table, 0.05))
    else:
        base = jitter(rng, rng.choice([TEAK, TEAK_OLD, (190, 140, 95)]), 8)
        surface = wood_texture(rng, (w, h - edge), base, darker(base, 0.45), lines=0.6)
        surface = surface.filter(ImageFilter.GaussianBlur(2.5 * SS))
    img.paste(surface, (0, edge))
    return multiply(img, radial(size, 255, 190)), top_y


# ---------------------------------------------------------------- batik motifs

@dataclass
class Palette:
    ground: RGB
    c1: RGB  # outlines, the darkest colour
    c2: RGB  # main fill
    c3: RGB  # accents and isen-isen dots


PALETTES = {
    "sogan": Palette((226, 206, 168), (78, 46, 22), (146, 92, 44), (196, 150, 86)),
    "sogan-tua": Palette((150, 100, 56), (52, 30, 16), (96, 58, 28), (224, 196, 146)),
    "indigo": Palette((224, 220, 206), (26, 38, 76), (50, 76, 126), (150, 164, 192)),
    "merah": Palette((236, 218, 186), (96, 32, 22), (168, 66, 42), (110, 70, 36)),
    "hitam": Palette((44, 36, 32), (210, 168, 86), (142, 100, 52), (232, 210, 160)),
    "hijau": Palette((206, 204, 170), (56, 70, 40), (104, 120, 66), (150, 104, 60)),
    "kuning": Palette((236, 204, 96), (60, 40, 24), (150, 64, 32), (250, 236, 190)),
    "krem": Palette((240, 232, 216), (184, 160, 122), (218, 198, 166), (200, 180, 150)),
    "biru-muda": Palette((196, 222, 236), (40, 70, 120), (240, 180, 70), (236, 110, 80)),
}


def palette_for(rng: random.Random, text: str, default: list[str]) -> Palette:
    """Pick a palette from colour words in text, else one of default."""
    words = [("indigo", "indigo"), ("biru muda", "biru-muda"), ("biru", "indigo"), ("dongker", "indigo"),
             ("merah", "merah"), ("hitam", "hitam"), ("hijau", "hijau"), ("kuning", "kuning"),
             ("krem", "krem"), ("tua", "sogan-tua"), ("sogan", "sogan"), ("coklat", "sogan")]
    name = next((p for w, p in words if w in text), None) or rng.choice(default)
    base = PALETTES[name]
    return Palette(*(jitter(rng, c, 8) for c in (base.ground, base.c1, base.c2, base.c3)))


def motif_for(rng: random.Random, text: str) -> str:
    """Map motif words in text to a drawing function name."""
    for words, motif in [(("ecoprint",), "ecoprint"), (("kawung",), "kawung"), (("parang",), "parang"),
                         (("truntum",), "truntum"), (("lurik", "samin", "sikep"), "lurik"),
                         (("barong", "gembong"), "barong"), (("kilang", "minyak", "sumur", "lokomotif"), "kilang"),
                         (("ombak", "bengawan"), "ombak"), (("kembang",), "kembang"), (("jati", "daun"), "daunjati")]:
        if any(w in text for w in words):
            return motif
    return rng.choice(["parang", "kawung", "daunjati", "truntum"])


def _rotated_field(size, angle, pal, draw_fn):
    """Draw on an oversized field, rotate it by angle degrees and crop to size."""
    w, h = size
    d = int(math.hypot(w, h)) + 8
    img = Image.new("RGB", (d, d), pal.ground)
    draw_fn(ImageDraw.Draw(img), d, d)
    if angle:
        img = img.rotate(angle, resample=Image.BICUBIC)
    x0, y0 = (d - w) // 2, (d - h) // 2
    return img.crop((x0, y0, x0 + w, y0 + h))


def _cecek(d, w, h, step, r, colour, offset=0.0):
    y, row = offset, 0
    while y < h + step:
        x = (step / 2 if row % 2 else 0) + offset
        while x < w + step:
            d.ellipse([x - r, y - r, x + r, y + r], fill=colour)
            x += step
        y += step
        row += 1


def motif_parang(rng, size, s, pal):
    def draw(d, w, h):
        band = s
        for y0 in range(0, h, band):
            d.rectangle([0, y0, w, y0 + band * 0.1], fill=pal.c1)
            step = int(band * 0.95)
            for x0 in range(-step, w + step, step):
                cy = y0 + band * 0.55
                pts = [(x0, cy + band * 0.33), (x0 + step * 0.38, cy - band * 0.34),
                       (x0 + step * 0.8, cy - band * 0.33), (x0 + step * 0.42, cy + band * 0.34)]
                d.polygon(pts, fill=pal.c2, outline=pal.c1, width=2 * SS)
                r = band * 0.07
                d.ellipse([x0 + step * 0.4 - r, cy - r, x0 + step * 0.4 + r, cy + r], fill=pal.c3)
                mx, my, m = x0 + step * 0.1, y0 + band * 0.05, band * 0.09
                d.polygon([(mx, my - m), (mx + m, my), (mx, my + m), (mx - m, my)], fill=pal.c3)
    return _rotated_field(size, 45, pal, draw)


def motif_kawung(rng, size, s, pal):
    def draw(d, w, h):
        a, ln, wd = s * 0.25, s * 0.235, s * 0.15
        for gy in range(-1, h // s + 2):
            for gx in range(-1, w // s + 2):
                cx, cy = gx * s, gy * s
                for ex, ey, rx, ry in [(0, -a, wd, ln), (0, a, wd, ln), (-a, 0, ln, wd), (a, 0, ln, wd)]:
                    x, y = cx + ex, cy + ey
                    d.ellipse([x - rx, y - ry, x + rx, y + ry], fill=pal.c2, outline=pal.c1, width=2 * SS)
                    r = s * 0.035
                    d.ellipse([x - r, y - r, x + r, y + r], fill=pal.c3)
                r = s * 0.05
                d.ellipse([cx - r + s / 2, cy - r + s / 2, cx + r + s / 2, cy + r + s / 2], fill=pal.c1)
    return _rotated_field(size, 45, pal, draw)


def motif_daunjati(rng, size, s, pal):
    w, h = size
    img = Image.new("RGB", size, pal.ground)
    d = ImageDraw.Draw(img)
    _cecek(d, w, h, s * 0.34, 1.6 * SS, pal.c3)
    step = s * 1.35
    gy = -1
    while gy * step < h + step:
        gx = -1
        while gx * step < w + step:
            cx = gx * step + (step / 2 if gy % 2 else 0) + rng.uniform(-0.12, 0.12) * step
            cy = gy * step + rng.uniform(-0.12, 0.12) * step
            ang = rng.uniform(0, 2 * math.pi)
            ln, wd = s * rng.uniform(0.95, 1.15), s * rng.uniform(0.62, 0.75)
            d.polygon(leaf_pts(cx, cy, ln, wd, ang), fill=pal.c2, outline=pal.c1, width=2 * SS)
            ca, sa = math.cos(ang), math.sin(ang)
            tip = (cx + ca * ln * 0.5, cy + sa * ln * 0.5)
            base = (cx - ca * ln * 0.62, cy - sa * ln * 0.62)
            d.line([base, tip], fill=pal.c1, width=3 * SS)
            for k in (-0.28, -0.05, 0.18):
                mx, my = cx + ca * ln * k, cy + sa * ln * k
                for side in (-1, 1):
                    ex = mx + ca * ln * 0.16 - sa * wd * 0.36 * side
                    ey = my + sa * ln * 0.16 + ca * wd * 0.36 * side
                    d.line([(mx, my), (ex, ey)], fill=pal.c1, width=2 * SS)
            gx += 1
        gy += 1
    return img


def motif_truntum(rng, size, s, pal):
    w, h = size
    img = Image.new("RGB", size, pal.c1)
    d = ImageDraw.Draw(img)
    step = s * 0.62
    y, row = 0.0, 0
    while y < h + step:
        x = step / 2 if row % 2 else 0.0
        while x < w + step:
            rr, dot = s * 0.15, s * 0.038
            for i in range(8):
                t = i * math.pi / 4
                px, py = x + rr * math.cos(t), y + rr * math.sin(t)
                d.ellipse([px - dot, py - dot, px + dot, py + dot], fill=pal.ground)
            c = s * 0.05
            d.ellipse([x - c, y - c, x + c, y + c], fill=pal.c3)
            x += step
        y += step
        row += 1
    return img


def motif_kembang(rng, size, s, pal):
    w, h = size
    img = Image.new("RGB", size, pal.ground)
    d = ImageDraw.Draw(img)
    step = s * 0.5
    y, row = 0.0, 0
    while y < h + step:
        x = step / 2 if row % 2 else 0.0
        while x < w + step:
            for i in range(5):
                t = i * 2 * math.pi / 5 + row
                px, py, r = x + s * 0.07 * math.cos(t), y + s * 0.07 * math.sin(t), s * 0.055
                d.ellipse([px - r, py - r, px + r, py + r], fill=pal.c2)
            r = s * 0.03
            d.ellipse([x - r, y - r, x + r, y + r], fill=pal.c1)
            x += step
        y += step
        row += 1
    return img


def motif_lurik(rng, size, s, pal):
    w, h = size
    img = Image.new("RGB", size, pal.ground)
    d = ImageDraw.Draw(img)
    x = 0.0
    while x < w:
        for _ in range(rng.randint(1, 3)):
            lw = s * rng.choice([0.03, 0.06, 0.1])
            d.rectangle([x, 0, x + lw, h], fill=rng.choice([pal.c1, pal.c2, pal.c2]))
            x += lw + s * 0.04
        gap = s * rng.uniform(0.3, 0.5)
        for yy in range(0, h, int(s * 0.28)):
            r = s * 0.025
            cx = x + gap / 2
            d.ellipse([cx - r, yy - r, cx + r, yy + r], fill=pal.c3)
        x += gap
    return img


def motif_barong(rng, size, s, pal):
    w, h = size
    img = Image.new("RGB", size, pal.ground)
    d = ImageDraw.Draw(img)
    _cecek(d, w, h, s * 0.3, 1.5 * SS, pal.c3)
    step = s * 1.3
    for gy in range(-1, int(h / step) + 2):
        for gx in range(-1, int(w / step) + 2):
            cx, cy = gx * step + (step / 2 if gy % 2 else 0), gy * step
            rays = []
            for i in range(32):
                t = i * math.pi / 16
                r = s * (0.5 if i % 2 else 0.3)
                rays.append((cx + r * math.cos(t), cy + r * math.sin(t)))
            d.polygon(rays, fill=pal.c2, outline=pal.c1)
            r = s * 0.26
            d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=pal.c3, outline=pal.c1, width=2 * SS)
            for side in (-1, 1):
                ex, ey, e = cx + side * s * 0.1, cy - s * 0.06, s * 0.05
                d.polygon([(ex - e * 1.3, ey), (ex, ey - e * 0.8), (ex + e * 1.3, ey), (ex, ey + e * 0.8)], fill=pal.c1)
                d.line([(ex - side * e * 1.4, ey - e * 1.1), (ex + side * e * 1.4, ey - e * 1.9)], fill=pal.c1,
                       width=3 * SS)
                fx = cx + side * s * 0.07
                d.polygon([(fx - s * 0.02, cy + s * 0.1), (fx + s * 0.02, cy + s * 0.1), (fx, cy + s * 0.17)],
                          fill=pal.ground)
            d.rectangle([cx - s * 0.12, cy + s * 0.07, cx + s * 0.12, cy + s * 0.1], fill=pal.c1)
    return img


def motif_kilang(rng, size, s, pal):
    w, h = size
    img = Image.new("RGB", size, pal.ground)
    d = ImageDraw.Draw(img)
    step = s * 0.9
    for gy in range(0, int(h / step) + 2):
        base_y = gy * step + step * 0.85
        d.line([(0, base_y), (w, base_y)], fill=pal.c2, width=3 * SS)
        for gx in range(-1, int(w / step) + 2):
            cx = gx * step + (step / 2 if gy % 2 else 0)
            bw, tw, th = s * 0.34, s * 0.08, s * 0.7
            l0, r0 = (cx - bw / 2, base_y), (cx + bw / 2, base_y)
            l1, r1 = (cx - tw / 2, base_y - th), (cx + tw / 2, base_y - th)
            d.line([l0, l1], fill=pal.c1, width=3 * SS)
            d.line([r0, r1], fill=pal.c1, width=3 * SS)
            for k in range(4):
                ya, yb = base_y - th * k / 4, base_y - th * (k + 1) / 4
                xa, xb = bw / 2 + (tw / 2 - bw / 2) * k / 4, bw / 2 + (tw / 2 - bw / 2) * (k + 1) / 4
                d.line([(cx - xa, ya), (cx + xb, yb)], fill=pal.c1, width=2 * SS)
                d.line([(cx + xa, ya), (cx - xb, yb)], fill=pal.c1, width=2 * SS)
            f = s * 0.05
            d.polygon([(cx - f, base_y - th), (cx, base_y - th - f * 2.2), (cx + f, base_y - th)], fill=pal.c3)
    return img


def motif_ombak(rng, size, s, pal):
    w, h = size
    img = Image.new("RGB", size, pal.ground)
    d = ImageDraw.Draw(img)
    gap = s * 0.22
    k = 0
    y = 0.0
    while y < h + gap:
        pts = [(x, y + s * 0.1 * math.sin(x / s * 2 * math.pi + k * 0.8)) for x in range(0, w + 30, 12)]
        d.line(pts, fill=pal.c1 if k % 2 else pal.c2, width=(4 if k % 2 else 7) * SS)
        y += gap
        k += 1
    return img


def motif_ecoprint(rng, size, s, pal):
    w, h = size
    img = Image.new("RGBA", size, (*jitter(rng, (236, 226, 208), 6), 255))
    prints = [(128, 46, 72), (150, 78, 48), (96, 112, 62), (110, 60, 90)]
    leaves = int(w * h / (s * s) * 2.2)
    for _ in range(3):  # leaves within one layer cover each other; layers blend
        top = Image.new("RGBA", size, (0, 0, 0, 0))
        d = ImageDraw.Draw(top)
        for _ in range(leaves // 3):
            cx, cy = rng.uniform(-0.1, 1.1) * w, rng.uniform(-0.1, 1.1) * h
            ang = rng.uniform(0, 2 * math.pi)
            ln = s * rng.uniform(0.6, 1.3)
            col = rng.choice(prints)
            d.polygon(leaf_pts(cx, cy, ln, ln * 0.68, ang), fill=(*col, rng.randint(110, 190)))
            ca, sa = math.cos(ang), math.sin(ang)
            d.line([(cx - ca * ln * 0.5, cy - sa * ln * 0.5), (cx + ca * ln * 0.5, cy + sa * ln * 0.5)],
                   fill=(*darker(col, 0.3), 200), width=2 * SS)
        img.alpha_composite(top.filter(ImageFilter.GaussianBlur(1.5 * SS)))
    return img.convert("RGB")


MOTIFS = {"parang": motif_parang, "kawung": motif_kawung, "daunjati": motif_daunjati, "truntum": motif_truntum,
          "kembang": motif_kembang, "lurik": motif_lurik, "barong": motif_barong, "kilang": motif_kilang,
          "ombak": motif_ombak, "ecoprint": motif_ecoprint}


def fabric(rng, size, motif: str, pal: Palette, cell: float) -> Image.Image:
    """Return a cloth texture with the motif and a faint woven unevenness."""
    img = MOTIFS[motif](rng, size, max(16, int(cell)), pal)
    return img.filter(ImageFilter.GaussianBlur(0.6 * SS))


# ---------------------------------------------------------------- batik and cloth

def draw_cloth(rng, size, cloth: Image.Image, view: str) -> Image.Image:
    """Show a length of cloth: folded on a table, hanging from a rod, or in close-up."""
    w, h = size
    f = Frame(w, h)
    if view == "detail":
        img = cloth.copy()
        n = rng.randint(2, 4)
        vals = [round(215 + 40 * (0.5 + 0.5 * math.sin(i / 40 * n * 2 * math.pi + rng.uniform(0, 1))))
                for i in range(41)]
        shade = profile((w * 2, h * 2), vals).rotate(rng.uniform(20, 70), resample=Image.BICUBIC)
        shade = shade.crop((w // 2, h // 2, w // 2 + w, h // 2 + h))
        return multiply(img, shade)
    if view == "draped":
        canvas, _ = backdrop(rng, size, "flat")
        layer = Image.new("RGBA", size, (0, 0, 0, 0))
        x0, x1 = f.p(-0.36, 0)[0], f.p(0.36, 0)[0]
        y0, y1 = f.p(0, -0.36)[1], f.p(0, 0.45)[1]
        hem = [(x, y1 + f.u(0.015) * math.sin((x - x0) / (x1 - x0) * 7 * math.pi)) for x in
               [x0 + (x1 - x0) * i / 40 for i in range(41)]]
        m = mask_of(size, lambda d: d.polygon([(x0, y0), (x1, y0), *reversed(hem)], fill=255))
        paint(layer, cloth, m)
        n = rng.randint(4, 7)
        vals = [round(200 + 55 * (0.5 + 0.5 * math.sin(i / 60 * n * 2 * math.pi))) for i in range(61)]
        layer = multiply(layer, profile(size, vals))
        rod = f.box(-0.44, -0.385, 0.44, -0.345)
        wood = wood_texture(rng, size, TEAK_OLD, TEAK_DARK)
        paint(layer, wood, mask_of(size, lambda d: d.rounded_rectangle(rod, radius=f.u(0.02), fill=255)))
        with_shadow(canvas, layer, f.u(0.02), f.u(0.03), f.u(0.025), 110)
        return canvas
    # folded: a stack of two folded lengths, slightly turned
    canvas, _ = backdrop(rng, size, rng.choice(["flat", "wood"]))
    pw, ph = round(f.u(0.74)), round(f.u(0.6))
    panel = Image.new("RGBA", (pw, ph + round(f.u(0.06))), (0, 0, 0, 0))
    under = cloth.crop((0, 0, pw, ph)).convert("RGBA")
    under = multiply(under, Image.new("L", under.size, 170))
    panel.paste(under, (round(f.u(0.012)), round(f.u(0.05))))
    top = cloth.crop((w - pw, h - ph, w, h)) if cloth.size[0] >= pw else cloth.resize((pw, ph))
    vals = [255] * 30 + [236, 225, 215, 205, 200, 210, 232, 250, 255, 255]
    top = multiply(top, profile((pw, ph), vals, horizontal=False))
    panel.paste(top, (0, 0))
    d = ImageDraw.Draw(panel)
    fold_y = round(ph * 0.78)
    d.line([(0, fold_y), (pw, fold_y)], fill=(0, 0, 0, 60), width=SS)
    panel = panel.rotate(rng.uniform(-8, 8), resample=Image.BICUBIC, expand=True)
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    layer.paste(panel, ((w - panel.size[0]) // 2 + round(rng.uniform(-0.03, 0.03) * f.s),
                        (h - panel.size[1]) // 2 + round(rng.uniform(-0.02, 0.03) * f.s)), panel)
    with_shadow(canvas, layer, f.u(0.015), f.u(0.025), f.u(0.02), 120)
    return canvas


def draw_batik(rng, size, product, index):
    text = " ".join(str(product.get(k, "")) for k in ("motif", "nama")).lower()
    colours = " ".join(str(product.get(k, "")) for k in ("warna", "nama")).lower()
    motif = motif_for(rng, text)
    pal = palette_for(rng, colours, ["sogan", "sogan", "sogan", "indigo", "sogan-tua"])
    cell = min(size) * rng.uniform(0.16, 0.22) * (1.5 if index == 1 else 1)
    cloth = fabric(rng, size, motif, pal, cell)
    view = ["folded", "detail", "draped"][index % 3] if index else rng.choice(["folded", "folded", "draped"])
    return draw_cloth(rng, size, cloth, view)


# ---------------------------------------------------------------- busana

def shirt(layer, f, cloth, rng, pal):
    size = layer.size
    body = f.pts([(-0.27, -0.24), (-0.2, -0.31), (0.2, -0.31), (0.27, -0.24), (0.27, 0.36), (-0.27, 0.36)])
    paint(layer, cloth, mask_of(size, lambda d: d.polygon(body, fill=255)))
    edge = [150, 200, 235, 250] + [255] * 12 + [250, 235, 200, 150]
    x0, x1 = f.p(-0.27, 0)[0], f.p(0.27, 0)[0]
    shade = Image.new("L", size, 255)
    shade.paste(profile((round(x1 - x0), size[1]), edge), (round(x0), 0))
    layer.paste(multiply(layer, shade), (0, 0))
    d = ImageDraw.Draw(layer)
    d.ellipse(f.box(-0.1, -0.335, 0.1, -0.255), fill=darker(pal.c1, 0.3))
    d.ellipse(f.box(-0.085, -0.325, 0.085, -0.265), fill=darker(pal.ground, 0.45))
    collar_tex = multiply(cloth, Image.new("L", size, 232))
    for side in (-1, 1):
        flap = f.pts([(side * 0.1, -0.33), (side * 0.005, -0.19), (side * 0.17, -0.22), (side * 0.13, -0.31)])
        paint(layer, collar_tex, mask_of(size, lambda dd, flap=flap: dd.polygon(flap, fill=255)))
        d.line([*flap, flap[0]], fill=darker(pal.c1, 0.2), width=2 * SS)
    d.rectangle(f.box(-0.025, -0.19, 0.025, 0.36), outline=darker(pal.c1, 0.2), width=2 * SS)
    button = rng.choice([(236, 228, 210), (60, 40, 28), (120, 84, 50)])
    for k in range(5):
        y = -0.15 + k * 0.11
        d.ellipse(f.box(-0.011, y - 0.011, 0.011, y + 0.011), fill=button, outline=darker(button, 0.4))
    d.line([f.p(-0.27, 0.36), f.p(0.27, 0.36)], fill=darker(pal.c1, 0.1), width=3 * SS)


def tshirt(layer, f, colour, rng, product):
    size = layer.size
    outline = [(-0.09, -0.33), (-0.24, -0.3), (-0.43, -0.16), (-0.36, -0.04), (-0.25, -0.12), (-0.25, 0.38),
               (0.25, 0.38), (0.25, -0.12), (0.36, -0.04), (0.43, -0.16), (0.24, -0.3), (0.09, -0.33)]
    neck = [(0.09 * math.cos(t), -0.33 + 0.07 * math.sin(t)) for t in [i * math.pi / 12 for i in range(13)]]
    pts = f.pts(outline + neck)
    tex = gradient(size, lighter(colour, 0.06), darker(colour, 0.08))
    paint(layer, tex, mask_of(size, lambda d: d.polygon(pts, fill=255)))
    d = ImageDraw.Draw(layer)
    d.line(f.pts(neck), fill=darker(colour, 0.25), width=4 * SS)
    for side in (-1, 1):
        d.line([f.p(side * 0.25, -0.12), f.p(side * 0.25, 0.02)], fill=darker(colour, 0.12), width=2 * SS)
    ink = (236, 190, 70) if sum(colour) < 300 else (150, 40, 30)
    ink2 = (250, 246, 236) if sum(colour) < 300 else (40, 30, 26)
    name = product["nama"].lower()
    cx, cy = f.p(0, -0.04)
    s = f.u(0.17)
    if "sate" in name:
        for k in range(3):
            x = cx + (k - 1) * s * 0.5
            d.line([(x - s * 0.3, cy + s * 0.8), (x + s * 0.3, cy - s * 0.8)], fill=ink2, width=3 * SS)
            for j in range(4):
                px = x - s * 0.12 + j * s * 0.12
                py = cy + s * 0.3 - j * s * 0.33
                d.rounded_rectangle([px - s * 0.13, py - s * 0.1, px + s * 0.13, py + s * 0.1], radius=s * 0.04,
                                    fill=ink)
    else:
        rays = []
        for i in range(36):
            t = i * math.pi / 18
            r = s * (1.0 if i % 2 else 0.7)
            rays.append((cx + r * math.cos(t), cy + r * math.sin(t)))
        d.polygon(rays, fill=ink)
        r = s * 0.55
        d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=ink2)
        for ex in (-0.22, 0.22):
            e = s * 0.12
            d.ellipse([cx + ex * s - e, cy - s * 0.15 - e, cx + ex * s + e, cy - s * 0.15 + e], fill=colour)
        d.arc([cx - s * 0.3, cy - s * 0.05, cx + s * 0.3, cy + s * 0.35], 15, 165, fill=colour, width=4 * SS)


def dress(layer, f, cloth, rng, pal, short: bool, plain_top: RGB | None):
    size = layer.size
    hem = 0.24 if short else 0.44
    flare = 0.24 if short else 0.31
    outline = [(-0.07, -0.36), (-0.17, -0.33), (-0.31, 0.06), (-0.25, 0.08), (-0.16, -0.12), (-flare, hem),
               (flare, hem), (0.16, -0.12), (0.25, 0.08), (0.31, 0.06), (0.17, -0.33), (0.07, -0.36)]
    neck = [(0.07 * math.cos(t), -0.36 + 0.06 * math.sin(t)) for t in [i * math.pi / 12 for i in range(13)]]
    pts = f.pts(outline + neck)
    m = mask_of(size, lambda d: d.polygon(pts, fill=255))
    paint(layer, cloth, m)
    if plain_top:
        top = mask_of(size, lambda d: d.rectangle(f.box(-0.5, -0.5, 0.5, -0.04), fill=255))
        paint(layer, gradient(size, lighter(plain_top, 0.05), darker(plain_top, 0.1)), ImageChops.multiply(m, top))
    vals = [round(205 + 50 * (0.5 + 0.5 * math.sin(i / 30 * 5 * math.pi))) for i in range(31)]
    layer.paste(multiply(layer, profile(size, vals)), (0, 0))
    d = ImageDraw.Draw(layer)
    hook = (90, 80, 70)
    d.arc(f.box(-0.035, -0.49, 0.035, -0.42), 180, 360, fill=hook, width=3 * SS)
    d.line([f.p(0.035, -0.455), f.p(0, -0.4)], fill=hook, width=3 * SS)
    d.line([f.p(-0.2, -0.33), f.p(0, -0.4), f.p(0.2, -0.33)], fill=(120, 84, 50), width=5 * SS)
    d.line(f.pts(neck), fill=darker(pal.c1, 0.2), width=3 * SS)


def cap(layer, f, cloth, rng, pal, mondolan: bool, knot: bool):
    size = layer.size
    dome = ellipse_pts(0, 0.06, 0.3, 0.3, math.pi, 2 * math.pi, 48)
    pts = f.pts(dome + [(0.3, 0.14), (-0.3, 0.14)])
    paint(layer, cloth, mask_of(size, lambda d: d.polygon(pts, fill=255)))
    vals = [170, 215, 245, 255, 255, 250, 235, 200, 160]
    layer.paste(multiply(layer, profile(size, vals)), (0, 0))
    d = ImageDraw.Draw(layer)
    band = f.box(-0.31, 0.06, 0.31, 0.15)
    d.rounded_rectangle(band, radius=f.u(0.02), fill=darker(pal.c1, 0.2))
    for k in range(9):
        x = -0.26 + k * 0.065
        d.line([f.p(x, 0.065), f.p(x + 0.04, 0.145)], fill=pal.c3, width=2 * SS)
    if mondolan:
        d.ellipse(f.box(0.22, -0.04, 0.4, 0.12), fill=darker(pal.c2, 0.15), outline=pal.c1, width=2 * SS)
    if knot:
        d.polygon(f.pts([(-0.04, -0.3), (0.04, -0.3), (0.0, -0.42)]), fill=darker(pal.c2, 0.1),
                  outline=pal.c1)


def draw_busana(rng, size, product, index):
    name = product["nama"].lower()
    text = " ".join(str(product.get(k, "")) for k in ("motif", "nama", "bahan")).lower()
    colours = " ".join(str(product.get(k, "")) for k in ("warna", "nama")).lower()
    f = Frame(*size)
    pal = palette_for(rng, colours, ["sogan", "indigo", "sogan", "merah", "hijau"])
    if "mukena" in name:
        pal = palette_for(rng, "krem", ["krem"])
    motif = motif_for(rng, text)
    cell = f.s * rng.uniform(0.13, 0.18)
    cloth = fabric(rng, size, motif, pal, cell)
    if any(k in name for k in ("syal", "kerudung", "kain", "sarung", "selendang", "mukena")) or index == 2:
        return draw_cloth(rng, size, cloth, ["folded", "detail", "draped"][index % 3] if index else
                          rng.choice(["folded", "draped"]))
    canvas, _ = backdrop(rng, size, rng.choice(["flat", "flat", "wood", "wall-table"]))
    if index == 1 and "kaos" not in name:
        return draw_cloth(rng, size, cloth, "detail")
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    if "kaos" in name:
        colours = {"hitam": (34, 32, 34), "putih": (238, 232, 218)}
        colour = next((c for k, c in colours.items() if k in str(product.get("warna", "")).lower()), None)
        colour = colour or jitter(rng, rng.choice([(196, 58, 44), (44, 84, 70), (232, 190, 70), (58, 74, 120)]), 8)
        if index == 1:
            colour = rng.choice([(34, 32, 34), (120, 30, 30), (200, 200, 196)])
        tshirt(layer, f, colour, rng, product)
    elif "gamis" in name or "tunik" in name:
        plain = jitter(rng, (60, 46, 40), 10) if ("polos" in name or "kombinasi" in name) else None
        dress(layer, f, cloth, rng, pal, "tunik" in name, plain)
    elif "blangkon" in name or "udeng" in name:
        cap(layer, f, cloth, rng, pal, "mondolan" in name or "blangkon" in name, "udeng" in name)
    else:
        shirt(layer, f, cloth, rng, pal)
    with_shadow(canvas, layer, f.u(0.015), f.u(0.025), f.u(0.02), 110)
    return canvas


# ---------------------------------------------------------------- makanan

def plate(layer, f, cx, cy, r, rng, colour=None):
    d = ImageDraw.Draw(layer)
    colour = colour or rng.choice([(246, 244, 238), (238, 234, 224), (226, 236, 236), (244, 236, 220)])
    ry = r * 0.62
    d.ellipse(f.box(cx - r, cy - ry + 0.02, cx + r, cy + ry + 0.02), fill=darker(colour, 0.25))
    d.ellipse(f.box(cx - r, cy - ry, cx + r, cy + ry), fill=colour)
    d.ellipse(f.box(cx - r * 0.78, cy - ry * 0.76, cx + r * 0.78, cy + ry * 0.76), fill=darker(colour, 0.05),
              outline=darker(colour, 0.12), width=2 * SS)
    return r * 0.72, ry * 0.68


def banana_leaf(layer, f, cx, cy, r, rng):
    d = ImageDraw.Draw(layer)
    green = jitter(rng, (74, 120, 52), 10)
    pts = f.pts(leaf_pts(cx, cy, r * 2.3, r * 1.3, rng.uniform(-0.2, 0.2)))
    d.polygon(pts, fill=green)
    d.line([f.p(cx - r * 1.15, cy), f.p(cx + r * 1.15, cy)], fill=lighter(green, 0.2), width=2 * SS)
    for k in range(-8, 9):
        x = cx + k * r * 0.12
        d.line([f.p(x, cy), f.p(x + r * 0.08, cy - r * 0.5)], fill=darker(green, 0.12), width=SS)
        d.line([f.p(x, cy), f.p(x + r * 0.08, cy + r * 0.5)], fill=darker(green, 0.12), width=SS)
    return r * 0.9, r * 0.45


def pile(layer, f, rng, cx, cy, rx, ry, item: str, n: int):
    """Scatter n snack pieces of one kind over an ellipse, back to front."""
    d = ImageDraw.Draw(layer)
    spots = []
    for _ in range(n):
        a, k = rng.uniform(0, 2 * math.pi), math.sqrt(rng.random())
        spots.append((cx + rx * k * math.cos(a), cy + ry * k * math.sin(a) - rng.uniform(0, 0.04)))
    spots.sort(key=lambda p: p[1])
    for x, y in spots:
        if item in ("kerupuk", "rambak", "puli", "emping", "gadung"):
            base = {"kerupuk": (242, 228, 186), "rambak": (236, 206, 140), "puli": (226, 204, 160),
                    "emping": (222, 196, 120), "gadung": (238, 226, 196)}[item]
            size = {"kerupuk": 0.09, "rambak": 0.06, "puli": 0.06, "emping": 0.045, "gadung": 0.055}[item]
            c = jitter(rng, base, 10)
            r = size * rng.uniform(0.8, 1.2)
            pts = f.pts(blob_pts(rng, x, y, r, r * 0.7, 0.18 if item == "rambak" else 0.07))
            d.polygon(pts, fill=c, outline=darker(c, 0.2))
            for _ in range(3):
                px, py = x + rng.uniform(-r, r) * 0.5, y + rng.uniform(-r, r) * 0.3
                e = 0.004
                d.ellipse(f.box(px - e, py - e, px + e, py + e), fill=darker(c, 0.25))
        elif item.startswith("lanting"):
            colours = [(226, 186, 110)]
            if item == "lanting-warna":
                colours = [(236, 150, 170), (150, 196, 110), (244, 236, 214)]
            if item == "lanting-pedas":
                colours = [(214, 120, 60), (226, 150, 80)]
            c = jitter(rng, rng.choice(colours), 8)
            r = 0.026
            ang = rng.uniform(0, math.pi)
            for side in (-1, 1):
                ox, oy = math.cos(ang) * r * 0.9 * side, math.sin(ang) * r * 0.5 * side
                d.ellipse(f.box(x + ox - r, y + oy - r * 0.7, x + ox + r, y + oy + r * 0.7), outline=c,
                          width=round(f.u(0.012)))
        elif item == "tempe":
            c = jitter(rng, (206, 156, 70), 10)
            r = 0.06
            pts = f.pts(rotate_pts(blob_pts(rng, x, y, r, r * 0.5, 0.1, 12), x, y, rng.uniform(0, 3)))
            d.polygon(pts, fill=c, outline=darker(c, 0.2))
            for _ in range(4):
                px, py = x + rng.uniform(-r, r) * 0.6, y + rng.uniform(-r, r) * 0.25
                e = 0.008
                d.ellipse(f.box(px - e, py - e * 0.7, px + e, py + e * 0.7), fill=(236, 214, 160))
        elif item == "tahu":
            c = jitter(rng, (232, 180, 50), 8)
            e = 0.055
            d.rectangle(f.box(x - e, y - e * 0.5, x + e, y + e * 0.6), fill=c, outline=darker(c, 0.2))
            d.polygon(f.pts([(x - e, y - e * 0.5), (x - e * 0.6, y - e * 0.95), (x + e * 1.3, y - e * 0.95),
                             (x + e, y - e * 0.5)]), fill=lighter(c, 0.2), outline=darker(c, 0.2))
            d.polygon(f.pts([(x + e, y - e * 0.5), (x + e * 1.3, y - e * 0.95), (x + e * 1.3, y + e * 0.2),
                             (x + e, y + e * 0.6)]), fill=darker(c, 0.15))
        elif item in ("jadah", "wajik"):
            c = jitter(rng, (240, 236, 222) if item == "jadah" else (120, 66, 30), 6)
            e = 0.05
            if item == "wajik":
                d.polygon(f.pts([(x - e * 1.2, y), (x, y - e * 0.6), (x + e * 1.2, y), (x, y + e * 0.6)]), fill=c,
                          outline=darker(c, 0.3))
                d.line(f.pts([(x - e * 0.5, y - e * 0.2), (x + e * 0.2, y - e * 0.4)]), fill=lighter(c, 0.35),
                       width=2 * SS)
            else:
                d.rectangle(f.box(x - e * 1.2, y - e * 0.5, x + e * 1.2, y + e * 0.5), fill=c, outline=darker(c, 0.15))
                d.line(f.pts([(x - e * 1.1, y - e * 0.45), (x + e * 1.1, y - e * 0.45)]), fill=(190, 170, 130),
                       width=SS * 2)
        elif item in ("cookie", "nastar", "kacang"):
            base = {"cookie": (150, 96, 50), "nastar": (222, 164, 70), "kacang": (206, 170, 120)}[item]
            c = jitter(rng, base, 10)
            e = 0.03
            d.ellipse(f.box(x - e, y - e * 0.8, x + e, y + e * 0.8), fill=c, outline=darker(c, 0.25))
            if item == "cookie":
                for _ in range(3):
                    px, py = x + rng.uniform(-e, e) * 0.5, y + rng.uniform(-e, e) * 0.4
                    d.ellipse(f.box(px - 0.005, py - 0.004, px + 0.005, py + 0.004), fill=(60, 34, 20))
            else:
                d.ellipse(f.box(x - e * 0.5, y - e * 0.6, x + e * 0.3, y - e * 0.1), fill=lighter(c, 0.25))
        elif item == "bean":
            c = jitter(rng, (70, 42, 24), 10)
            e = 0.016
            ang = rng.uniform(0, math.pi)
            pts = f.pts(rotate_pts(ellipse_pts(x, y, e * 1.3, e, n=16), x, y, ang))
            d.polygon(pts, fill=c)
            d.line(f.pts(rotate_pts([(x - e, y), (x + e, y)], x, y, ang)), fill=darker(c, 0.45), width=SS * 2)
        elif item == "chili":
            c = jitter(rng, (190, 30, 24), 10)
            ang = rng.uniform(0, math.pi)
            pts = f.pts(rotate_pts(leaf_pts(x, y, 0.12, 0.03, 0), x, y, ang))
            d.polygon(pts, fill=c, outline=darker(c, 0.3))
            tip = rotate_pts([(x - 0.065, y)], x, y, ang)[0]
            d.line([f.p(*tip), f.p(tip[0] - 0.01, tip[1] - 0.02)], fill=(70, 110, 40), width=3 * SS)
        elif item == "garlic":
            c = jitter(rng, (240, 232, 214), 6)
            e = 0.022
            d.polygon(f.pts(leaf_pts(x, y, e * 2.4, e * 1.5, -math.pi / 2 + rng.uniform(-0.6, 0.6))), fill=c,
                      outline=(200, 180, 160))


def label_block(d, f, x0, y0, x1, y1, accent, rng):
    """Draw a blank product label: a panel with a coloured band and no text."""
    paper = rng.choice([(246, 240, 226), (250, 248, 240), (240, 230, 206)])
    d.rounded_rectangle(f.box(x0, y0, x1, y1), radius=f.u(0.01), fill=paper, outline=darker(accent, 0.1),
                        width=2 * SS)
    h = y1 - y0
    d.rectangle(f.box(x0 + 0.01, y0 + h * 0.12, x1 - 0.01, y0 + h * 0.32), fill=accent)
    cx, cy, r = (x0 + x1) / 2, y0 + h * 0.62, min(x1 - x0, h) * 0.16
    d.polygon(f.pts(leaf_pts(cx, cy, r * 2, r * 1.3, -0.5)), fill=mix(accent, paper, 0.35))


def jar(layer, f, rng, x, base_y, w, h, content, lid, accent, tall=False):
    d = ImageDraw.Draw(layer)
    neck = w * (0.42 if tall else 0.9)
    shoulder = base_y - h * (0.68 if tall else 0.86)
    body = [(x - w / 2, base_y - 0.01), (x - w / 2, shoulder), (x - neck / 2, shoulder - h * (0.16 if tall else 0.03)),
            (x - neck / 2, base_y - h), (x + neck / 2, base_y - h), (x + neck / 2,
                                                                     shoulder - h * (0.16 if tall else 0.03)),
            (x + w / 2, shoulder), (x + w / 2, base_y - 0.01)]
    d.polygon(f.pts(body), fill=content)
    d.ellipse(f.box(x - w / 2, base_y - 0.02, x + w / 2, base_y + 0.015), fill=content)
    lid_h = h * (0.12 if tall else 0.16)
    d.rounded_rectangle(f.box(x - neck / 2 - 0.006, base_y - h - lid_h, x + neck / 2 + 0.006, base_y - h + 0.005),
                        radius=f.u(0.008), fill=lid, outline=darker(lid, 0.3))
    label_block(d, f, x - w / 2 + 0.008, base_y - h * 0.62, x + w / 2 - 0.008, base_y - h * 0.16, accent, rng)

    def glint(dd):
        dd.rounded_rectangle(f.box(x - w * 0.38, shoulder + 0.01, x - w * 0.28, base_y - 0.03), radius=f.u(0.01),
                             fill=(255, 255, 255, 70))
        dd.rectangle(f.box(x + w * 0.32, shoulder + 0.01, x + w / 2, base_y - 0.01), fill=(0, 0, 0, 50))
    overlay(layer, glint)


def pouch(layer, f, rng, x, base_y, w, h, colour, accent, window: str | None):
    d = ImageDraw.Draw(layer)
    top = base_y - h
    pts = [(x - w * 0.46, top), (x + w * 0.46, top), (x + w * 0.5, base_y - h * 0.1), (x + w * 0.44, base_y),
           (x - w * 0.44, base_y), (x - w * 0.5, base_y - h * 0.1)]
    d.polygon(f.pts(pts), fill=colour, outline=darker(colour, 0.25))
    zig = [(x - w * 0.46 + i * w * 0.92 / 24, top + (0.006 if i % 2 else 0)) for i in range(25)]
    d.line(f.pts(zig), fill=darker(colour, 0.3), width=2 * SS)
    d.line(f.pts([(x - w * 0.45, top + h * 0.1), (x + w * 0.45, top + h * 0.1)]), fill=darker(colour, 0.18),
           width=3 * SS)
    label_block(d, f, x - w * 0.34, top + h * 0.18, x + w * 0.34, top + h * 0.52, accent, rng)
    if window:
        box = (x - w * 0.26, top + h * 0.6, x + w * 0.26, top + h * 0.88)
        fill = {"bean": (74, 44, 24), "powder": (88, 56, 34), "kerupuk": (240, 226, 186), "bumbu": (150, 90, 40),
                "tempe": (206, 156, 70), "gadung": (236, 224, 190), "rempah": (120, 74, 40)}.get(window, (200, 170,
                                                                                                          110))
        d.rounded_rectangle(f.box(*box), radius=f.u(0.02), fill=fill, outline=darker(colour, 0.2), width=2 * SS)
        for _ in range(14):
            px, py = rng.uniform(box[0] + 0.01, box[2] - 0.01), rng.uniform(box[1] + 0.01, box[3] - 0.01)
            e = 0.008
            d.ellipse(f.box(px - e, py - e * 0.7, px + e, py + e * 0.7), fill=lighter(fill, 0.18))

    def glint(dd):
        dd.polygon(f.pts([(x - w * 0.38, top + h * 0.14), (x - w * 0.3, top + h * 0.14), (x - w * 0.34, base_y - 0.02),
                          (x - w * 0.42, base_y - 0.02)]), fill=(255, 255, 255, 50))
    overlay(layer, glint)


def toples(layer, f, rng, x, base_y, w, h, item, lid):
    d = ImageDraw.Draw(layer)
    glass = (226, 232, 230)
    top = base_y - h
    d.rounded_rectangle(f.box(x - w / 2, top + 0.03, x + w / 2, base_y), radius=f.u(0.03), fill=glass,
                        outline=(180, 190, 190), width=2 * SS)
    pile(layer, f, rng, x, base_y - h * 0.3, w * 0.36, h * 0.3, item, 34)
    pile(layer, f, rng, x, base_y - h * 0.62, w * 0.34, h * 0.14, item, 14)
    d.ellipse(f.box(x - w / 2 - 0.01, top, x + w / 2 + 0.01, top + 0.07), fill=lighter(lid, 0.15))
    d.rectangle(f.box(x - w / 2 - 0.01, top + 0.035, x + w / 2 + 0.01, top + 0.08), fill=lid)
    d.ellipse(f.box(x - w / 2 - 0.01, top + 0.045, x + w / 2 + 0.01, top + 0.11), fill=darker(lid, 0.15))

    def glint(dd):
        dd.rounded_rectangle(f.box(x - w * 0.42, top + 0.12, x - w * 0.34, base_y - 0.04), radius=f.u(0.01),
                             fill=(255, 255, 255, 90))
        dd.rectangle(f.box(x - w / 2, top + 0.1, x + w / 2, base_y - 0.005), fill=(200, 220, 220, 40))
    overlay(layer, glint)


def box3d(layer, f, x, base_y, w, h, depth, front, top_tex=None, side=None):
    """Draw a box seen slightly from above; faces are colours or textures."""
    size = layer.size
    dx, dy = depth * 0.6, depth * 0.45
    fr = f.pts([(x - w / 2, base_y - h), (x + w / 2, base_y - h), (x + w / 2, base_y), (x - w / 2, base_y)])
    tp = f.pts([(x - w / 2, base_y - h), (x - w / 2 + dx, base_y - h - dy), (x + w / 2 + dx, base_y - h - dy),
                (x + w / 2, base_y - h)])
    sd = f.pts([(x + w / 2, base_y - h), (x + w / 2 + dx, base_y - h - dy), (x + w / 2 + dx, base_y - dy),
                (x + w / 2, base_y)])
    for poly, tex, k in ((fr, front, 255), (tp, top_tex or front, 255), (sd, side or front, 175)):
        m = mask_of(size, lambda d, poly=poly: d.polygon(poly, fill=255))
        if isinstance(tex, Image.Image):
            t = multiply(tex, Image.new("L", size, k)) if k != 255 else tex
            paint(layer, t, m)
        else:
            paint(layer, tex if k == 255 else darker(tex, 0.3), m)
    d = ImageDraw.Draw(layer)
    for poly in (fr, tp, sd):
        d.line([*poly, poly[0]], fill=(60, 40, 28, 255), width=SS)
    return fr, tp


def draw_makanan(rng, size, product, index):
    name = product["nama"].lower()
    f = Frame(*size)
    canvas, table_y = backdrop(rng, size, rng.choice(["wall-table", "wall-table", "flat", "wood"]))
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    accent = jitter(rng, rng.choice([(170, 40, 36), (46, 110, 70), (200, 140, 40), (60, 80, 140), (120, 60, 40)]), 10)
    ground = 0.16 + ((table_y - 0.5) * 0.5 if table_y else 0.0)
    shift = rng.uniform(-0.05, 0.05)
    extra = (f.w / f.s - 1) * 0.5  # room at the sides of a landscape frame

    def garnish(item, n, cx, cy, rx, ry):
        pile(layer, f, rng, cx, cy, rx, ry, item, n)

    if "sambal" in name and "paket" in name:
        box3d(layer, f, -0.05 + shift, ground + 0.06, 0.52, 0.26, 0.16, jitter(rng, (198, 160, 110), 8))
        label_block(ImageDraw.Draw(layer), f, -0.22 + shift, ground - 0.14, 0.1 + shift, ground + 0.02, accent, rng)
        for k, content in enumerate([(150, 40, 24), (120, 70, 40), (170, 60, 30)]):
            jar(layer, f, rng, -0.22 + k * 0.2 + shift, ground - 0.2, 0.15, 0.2, content, (200, 40, 30), accent)
    elif "sambal" in name:
        content = (120, 66, 40) if "teri" in name else (176, 52, 28) if "bajak" not in name else (150, 70, 30)
        n = 1 if index else rng.randint(1, 3)
        for k in range(n):
            x = (k - (n - 1) / 2) * 0.26 + shift
            jar(layer, f, rng, x, ground + 0.06 - 0.02 * (k % 2), 0.22, 0.28, jitter(rng, content, 8),
                jitter(rng, (196, 36, 30), 8), accent)
        garnish("chili", 6, 0, ground + 0.16, 0.35 + extra, 0.04)
        if "bawang" in name:
            garnish("garlic", 5, 0.05, ground + 0.15, 0.3 + extra, 0.03)
    elif "kecap" in name or "madu" in name or "propolis" in name:
        content = (40, 24, 16) if "kecap" in name else (70, 48, 26) if "propolis" in name else (196, 124, 30)
        tall = "propolis" not in name
        for k, hh in enumerate([0.5, 0.4] if "madu" in name else [0.52]):
            jar(layer, f, rng, (k - 0.5) * 0.24 + shift if "madu" in name else shift, ground + 0.08,
                0.2 if tall else 0.3, hh if tall else 0.28, content, jitter(rng, (180, 140, 60), 10), accent, tall)
        if "kecap" in name:
            rx, ry = plate(layer, f, 0.3 + extra * 0.3, ground + 0.16, 0.14, rng)
            garnish("chili", 2, 0.3 + extra * 0.3, ground + 0.16, rx * 0.5, ry * 0.4)
    elif "kopi" in name or "bumbu" in name:
        colour = jitter(rng, rng.choice([(196, 160, 110), (60, 44, 36), (150, 40, 36), (200, 180, 140)]), 8)
        window = "bean" if "biji" in name else "rempah" if "rempah" in name else "powder" if "kopi" in name else "bumbu"
        pouch(layer, f, rng, -0.12 + shift, ground + 0.08, 0.34, 0.52, colour, accent, window)
        cx, cy = 0.22 + shift + extra * 0.3, ground + 0.1
        if "kopi" in name:
            cup = (242, 238, 230)
            d = ImageDraw.Draw(layer)
            d.ellipse(f.box(cx - 0.14, cy + 0.02, cx + 0.14, cy + 0.1), fill=darker(cup, 0.1))
            d.polygon(f.pts([(cx - 0.09, cy - 0.12), (cx + 0.09, cy - 0.12), (cx + 0.07, cy + 0.05), (cx - 0.07,
                                                                                                      cy + 0.05)]),
                      fill=cup)
            d.ellipse(f.box(cx - 0.09, cy - 0.14, cx + 0.09, cy - 0.1), fill=(60, 34, 20))
            d.arc(f.box(cx + 0.06, cy - 0.09, cx + 0.13, cy - 0.01), 270, 90, fill=cup, width=4 * SS)
            garnish("bean", 26 if "biji" in name else 12, 0.05, ground + 0.2, 0.34 + extra, 0.05)
        else:
            rx, ry = plate(layer, f, cx, cy + 0.04, 0.16, rng)
            d = ImageDraw.Draw(layer)
            d.ellipse(f.box(cx - rx * 0.8, cy + 0.04 - ry * 0.7, cx + rx * 0.8, cy + 0.04 + ry * 0.7),
                      fill=(150, 92, 40) if "kacang" in name else (226, 196, 110))
    elif any(k in name for k in ("toples", "nastar", "kue kacang", "cookies")):
        item = "nastar" if "nastar" in name else "kacang" if "kacang" in name else "cookie"
        if "lanting" in name:
            item = "lanting-warna"
        lid = jitter(rng, rng.choice([(196, 40, 40), (220, 170, 40), (40, 120, 70), (200, 80, 120)]), 8)
        toples(layer, f, rng, -0.06 + shift, ground + 0.1, 0.34, 0.46, item, lid)
        rx, ry = plate(layer, f, 0.26 + extra * 0.4, ground + 0.14, 0.15, rng)
        pile(layer, f, rng, 0.26 + extra * 0.4, ground + 0.13, rx, ry, item, 7)
    elif "bolu" in name:
        rx, ry = plate(layer, f, shift, ground + 0.04, 0.36, rng)
        d = ImageDraw.Draw(layer)
        loaf = (150, 92, 44)
        d.rounded_rectangle(f.box(-0.24 + shift, ground - 0.12, 0.1 + shift, ground + 0.04), radius=f.u(0.04),
                            fill=loaf)
        d.rounded_rectangle(f.box(-0.24 + shift, ground - 0.14, 0.1 + shift, ground - 0.06), radius=f.u(0.04),
                            fill=darker(loaf, 0.2))
        for k in range(2):
            x = 0.13 + k * 0.06 + shift
            d.rectangle(f.box(x, ground - 0.1, x + 0.045, ground + 0.05), fill=(232, 196, 120), outline=loaf,
                        width=3 * SS)
    elif "paket" in name and ("jadah" in name or "hajatan" in name):
        d = ImageDraw.Draw(layer)
        cx, cy, r = shift, ground, 0.42
        d.ellipse(f.box(cx - r, cy - r * 0.6, cx + r, cy + r * 0.6), fill=BAMBOO, outline=darker(BAMBOO, 0.35),
                  width=6 * SS)
        rx, ry = banana_leaf(layer, f, cx, cy, r * 0.75, rng)
        pile(layer, f, rng, cx - 0.12, cy, rx * 0.4, ry * 0.6, "jadah", 6)
        pile(layer, f, rng, cx + 0.14, cy, rx * 0.4, ry * 0.6, "wajik", 6)
    else:
        item = ("tahu" if "tahu" in name else "jadah" if "jadah" in name else "wajik" if "wajik" in name else
                "rambak" if "rambak" in name else "puli" if "puli" in name else "emping" if "emping" in name else
                "gadung" if "gadung" in name or "singkong" in name else "tempe" if "tempe" in name else
                "lanting-pedas" if "lanting" in name and "pedas" in name else "lanting" if "lanting" in name else
                "kerupuk")
        with_pack = index == 0 and item not in ("tahu", "jadah") and rng.random() < 0.6
        px = 0.12 if with_pack else 0.0
        if item in ("jadah", "wajik", "tahu") and rng.random() < 0.5:
            rx, ry = banana_leaf(layer, f, px + shift, ground + 0.02, 0.32, rng)
        else:
            rx, ry = plate(layer, f, px + shift, ground + 0.04, 0.34 if with_pack else 0.4, rng)
        if with_pack:
            colour = jitter(rng, rng.choice([(240, 236, 226), (196, 160, 110), (230, 200, 80)]), 8)
            window = "kerupuk" if item in ("kerupuk", "puli", "rambak",
                                           "emping") else "tempe" if item == "tempe" else "gadung"
            pouch(layer, f, rng, -0.28 + shift - extra * 0.3, ground - 0.02, 0.26, 0.42, colour, accent, window)
        count = {"kerupuk": 14, "rambak": 22, "puli": 20, "emping": 40, "gadung": 28, "tempe": 26, "tahu": 9,
                 "jadah": 7, "wajik": 9}.get(item, 40)
        pile(layer, f, rng, px + shift, ground + 0.02, rx, ry, item, count)
        if item == "wajik" and index == 0:
            box3d(layer, f, -0.3 + shift, ground - 0.08, 0.22, 0.12, 0.1, jitter(rng, (200, 170, 120), 6))
    with_shadow(canvas, layer, f.u(0.012), f.u(0.02), f.u(0.015), 110)
    return canvas


# ---------------------------------------------------------------- kerajinan

def weave_texture(rng, size, base: RGB) -> Image.Image:
    """Return a bamboo twill weave."""
    w, h = size
    img = Image.new("RGB", size, base)
    d = ImageDraw.Draw(img)
    c = 14 * SS
    for j in range(0, h // c + 2):
        for i in range(0, w // c + 2):
            light = (i + j // 2) % 2 == 0 if j % 4 < 2 else (i + j // 2) % 2 == 1
            col = lighter(base, 0.12) if light else darker(base, 0.12)
            d.rectangle([i * c, j * c, i * c + c - SS, j * c + c - SS], fill=col)
    return img.rotate(45, resample=Image.BICUBIC, expand=False).filter(ImageFilter.GaussianBlur(0.6 * SS))


def root_blob(layer, f, rng, cx, top, bottom, width, tex):
    """Draw a gnarled teak-root base as a bundle of twisting strands."""
    size = layer.size

    def strands(d):
        for k in range(7):
            x0 = cx + rng.uniform(-width, width) * 0.5
            x1 = cx + rng.uniform(-width, width)
            pts = []
            for i in range(13):
                t = i / 12
                x = x0 + (x1 - x0) * t + 0.04 * math.sin(t * 6 + k)
                y = top + (bottom - top) * t
                pts.append(f.p(x, y))
            d.line(pts, fill=255, width=round(f.u(rng.uniform(0.05, 0.09))), joint="curve")
        d.polygon(f.pts(blob_pts(rng, cx, bottom, width * 1.1, 0.05, 0.2)), fill=255)
        d.polygon(f.pts(blob_pts(rng, cx, top, width * 0.7, 0.04, 0.2)), fill=255)

    m = mask_of(size, strands)
    paint(layer, tex, m)
    vals = [150, 190, 230, 255, 250, 220, 170]
    layer.paste(multiply(layer, profile(size, vals)), (0, 0), m)


def bowl(layer, f, rng, cx, base_y, rx, depth, tex, inner_tex, irregular=False):
    size = layer.size
    rim_y = base_y - depth
    ry = rx * 0.32
    body = ellipse_pts(cx, rim_y, rx, depth, 0, math.pi, 40)
    m = mask_of(size, lambda d: d.polygon(f.pts(body), fill=255))
    paint(layer, tex, m)
    layer.paste(multiply(layer, profile(size, [150, 200, 240, 255, 255, 235, 190, 140])), (0, 0), m)
    rim = blob_pts(rng, cx, rim_y, rx, ry, 0.08) if irregular else ellipse_pts(cx, rim_y, rx, ry)
    paint(layer, lighter(TEAK, 0.1), mask_of(size, lambda d: d.polygon(f.pts(rim), fill=255)))
    inner = ellipse_pts(cx, rim_y + ry * 0.08, rx * 0.9, ry * 0.82)
    paint(layer, inner_tex, mask_of(size, lambda d: d.polygon(f.pts(inner), fill=255)))


def chair(layer, f, tex, cx, base_y, w, seat_h, back_h, legs_tex=None):
    d_tex = legs_tex or tex
    size = layer.size
    seat_y = base_y - seat_h
    parts_back = [(cx - w / 2 + 0.02, seat_y - back_h, cx - w / 2 + 0.06, seat_y),
                  (cx + w / 2 - 0.06, seat_y - back_h, cx + w / 2 - 0.02, seat_y),
                  (cx - w / 2 + 0.02, seat_y - back_h, cx + w / 2 - 0.02, seat_y - back_h + 0.06)]
    slats = [(cx - w / 2 + 0.09 + k * (w - 0.18) / 4, seat_y - back_h + 0.06, cx - w / 2 + 0.12 + k * (w - 0.18) / 4,
              seat_y) for k in range(5)]
    legs = [(cx - w / 2 + 0.02, seat_y, cx - w / 2 + 0.06, base_y), (cx + w / 2 - 0.06, seat_y, cx + w / 2 - 0.02,
                                                                     base_y),
            (cx - w / 2 + 0.08, seat_y, cx - w / 2 + 0.11, base_y - 0.05),
            (cx + w / 2 - 0.11, seat_y, cx + w / 2 - 0.08, base_y - 0.05)]
    dark = multiply(d_tex, Image.new("L", size, 170))
    paint(layer, dark, mask_of(size, lambda d: [d.rectangle(f.box(*r), fill=255) for r in legs[2:]]))
    paint(layer, tex, mask_of(size, lambda d: [d.rectangle(f.box(*r), fill=255) for r in parts_back + slats]))
    seat = f.pts([(cx - w / 2, seat_y), (cx - w / 2 + 0.05, seat_y - 0.07), (cx + w / 2 - 0.05, seat_y - 0.07),
                  (cx + w / 2, seat_y), (cx + w / 2, seat_y + 0.035), (cx - w / 2, seat_y + 0.035)])
    paint(layer, multiply(tex, Image.new("L", size, 235)), mask_of(size, lambda d: d.polygon(seat, fill=255)))
    paint(layer, d_tex, mask_of(size, lambda d: [d.rectangle(f.box(*r), fill=255) for r in legs[:2]]))


def mask_face(layer, f, rng, cx, cy, r, face: RGB, kind: str):
    d = ImageDraw.Draw(layer)
    hair = (34, 28, 24)
    if kind in ("barong", "pujonggo"):
        for k in range(40):
            a = math.pi * (0.9 + 1.2 * k / 39)
            ln = r * rng.uniform(1.35, 1.7) if kind == "barong" else r * rng.uniform(1.15, 1.35)
            x1, y1 = cx + math.cos(a) * ln, cy + math.sin(a) * ln * 0.95
            d.line([f.p(cx, cy), f.p(x1, y1)], fill=jitter(rng, hair, 14), width=round(f.u(0.03)))
    d.ellipse(f.box(cx - r, cy - r * 1.1, cx + r, cy + r * 1.05), fill=face, outline=darker(face, 0.35), width=3 * SS)
    white, black, gold = (244, 240, 228), (20, 16, 14), (222, 176, 60)
    for side in (-1, 1):
        ex = cx + side * r * 0.42
        d.ellipse(f.box(ex - r * 0.22, cy - r * 0.42, ex + r * 0.22, cy - r * 0.1), fill=white, outline=black,
                  width=2 * SS)
        d.ellipse(f.box(ex - r * 0.09, cy - r * 0.33, ex + r * 0.09, cy - r * 0.17), fill=black)
        d.line([f.p(ex - r * 0.28, cy - r * 0.55), f.p(ex + r * 0.24, cy - r * 0.62 + side * 0.0)], fill=black,
               width=5 * SS)
    nose = r * (0.32 if kind == "pujonggo" else 0.18)
    d.ellipse(f.box(cx - nose, cy - r * 0.05, cx + nose, cy + r * 0.1 + nose), fill=darker(face, 0.12),
              outline=darker(face, 0.4), width=2 * SS)
    d.chord(f.box(cx - r * 0.5, cy + r * 0.2, cx + r * 0.5, cy + r * 0.8), 0, 180, fill=(120, 20, 20))
    for k in range(5):
        tx = cx - r * 0.32 + k * r * 0.16
        d.rectangle(f.box(tx, cy + r * 0.5, tx + r * 0.1, cy + r * 0.58), fill=white)
    if kind == "barong":
        for side in (-1, 1):
            fx = cx + side * r * 0.3
            d.polygon(f.pts([(fx - 0.02, cy + r * 0.5), (fx + 0.02, cy + r * 0.5), (fx, cy + r * 0.85)]), fill=white)
        d.arc(f.box(cx - r * 0.9, cy - r * 1.0, cx + r * 0.9, cy + r * 0.9), 200, 340, fill=gold, width=6 * SS)
    if kind == "untub":
        d.ellipse(f.box(cx - r * 0.75, cy + r * 0.05, cx - r * 0.45, cy + r * 0.3), fill=(230, 140, 130))
        d.ellipse(f.box(cx + r * 0.45, cy + r * 0.05, cx + r * 0.75, cy + r * 0.3), fill=(230, 140, 130))


def wheel(d, f, cx, cy, r, wood, metal):
    d.ellipse(f.box(cx - r, cy - r, cx + r, cy + r), fill=darker(wood, 0.3))
    d.ellipse(f.box(cx - r * 0.82, cy - r * 0.82, cx + r * 0.82, cy + r * 0.82), fill=wood)
    for k in range(8):
        a = k * math.pi / 4
        d.line([f.p(cx, cy), f.p(cx + math.cos(a) * r * 0.8, cy + math.sin(a) * r * 0.8)], fill=darker(wood, 0.35),
               width=2 * SS)
    d.ellipse(f.box(cx - r * 0.2, cy - r * 0.2, cx + r * 0.2, cy + r * 0.2), fill=metal)


def draw_kerajinan(rng, size, product, index):
    name = product["nama"].lower()
    f = Frame(*size)
    wall_piece = "hiasan dinding" in name or "rak" in name
    canvas, table_y = backdrop(rng, size, "wall-table" if wall_piece else rng.choice(["wall-table", "wall-table",
                                                                                      "flat"]))
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    base = jitter(rng, rng.choice([TEAK, TEAK_OLD, (188, 130, 76)]), 8)
    tex = wood_texture(rng, size, base, darker(base, 0.5), vertical=rng.random() < 0.3)
    tex_v = wood_texture(rng, size, base, darker(base, 0.5), vertical=True)
    root = wood_texture(rng, size, jitter(rng, ROOT_WOOD, 8), (60, 34, 18), vertical=True, lines=1.4)
    ground = 0.28 + ((table_y - 0.5) * 0.5 if table_y else 0.0)
    shift = rng.uniform(-0.04, 0.04) + (0.04 if index == 1 else 0)
    extra = (f.w / f.s - 1) * 0.5
    d = ImageDraw.Draw(layer)
    metal = (200, 168, 80)

    if "meja" in name and "set" in name:
        for side in (-1, 1):
            cx = side * (0.32 + extra * 0.5) + shift
            root_blob(layer, f, rng, cx, ground - 0.2, ground, 0.1, root)
            slab = blob_pts(rng, cx, ground - 0.22, 0.15, 0.05, 0.15)
            paint(layer, tex, mask_of(size, lambda dd, slab=slab: dd.polygon(f.pts(slab), fill=255)))
            back = blob_pts(rng, cx, ground - 0.38, 0.12, 0.14, 0.2)
            paint(layer, root, mask_of(size, lambda dd, back=back: dd.polygon(f.pts(back), fill=255)))
        root_blob(layer, f, rng, shift, ground - 0.1, ground + 0.04, 0.12, root)
        overlay(layer, lambda dd: dd.ellipse(f.box(-0.2 + shift, ground - 0.16, 0.2 + shift, ground - 0.06),
                                             fill=(200, 220, 220, 150), outline=(240, 250, 250, 220), width=2 * SS))
    elif "meja" in name or "lampu" in name:
        lamp = "lampu" in name
        top = ground - (0.42 if lamp else 0.3)
        root_blob(layer, f, rng, shift, top, ground, 0.14 if lamp else 0.24, root)
        if lamp:
            shade_col = jitter(rng, (236, 222, 192), 6)
            overlay(layer, lambda dd: dd.ellipse(f.box(-0.3 + shift, top - 0.4, 0.3 + shift, top + 0.1),
                                                 fill=(255, 236, 170, 60)))
            d.polygon(f.pts([(-0.11 + shift, top - 0.3), (0.11 + shift, top - 0.3), (0.19 + shift, top - 0.02),
                             (-0.19 + shift, top - 0.02)]), fill=shade_col, outline=darker(shade_col, 0.2))
        else:
            def glass(dd):
                dd.ellipse(f.box(-0.42 + shift, top - 0.1, 0.42 + shift, top + 0.06), fill=(196, 222, 222, 140),
                           outline=(236, 250, 250, 230), width=3 * SS)
                dd.arc(f.box(-0.36 + shift, top - 0.08, 0.2 + shift, top + 0.02), 200, 260, fill=(255, 255, 255, 200),
                       width=3 * SS)
            overlay(layer, glass)
    elif "kursi" in name or "bangku" in name:
        if "akar" in name:
            root_blob(layer, f, rng, shift, ground - 0.22, ground, 0.18, root)
            slab = blob_pts(rng, shift, ground - 0.24, 0.26, 0.08, 0.12)
            paint(layer, tex, mask_of(size, lambda dd: dd.polygon(f.pts(slab), fill=255)))
            back = blob_pts(rng, shift + 0.02, ground - 0.5, 0.22, 0.22, 0.22)
            paint(layer, root, mask_of(size, lambda dd: dd.polygon(f.pts(back), fill=255)))
        else:
            w = 0.7 + extra * 0.8 if "bangku" in name else 0.34
            chair(layer, f, tex_v, shift, ground + 0.04, w, 0.3, 0.36 if "bangku" not in name else 0.22)
    elif any(k in name for k in ("asbak", "mangkuk", "cobek")):
        rx = 0.22 if "asbak" in name else 0.32
        depth = 0.1 if "asbak" in name else 0.17 if "mangkuk" in name else 0.09
        inner = multiply(tex, Image.new("L", size, 150))
        bowl(layer, f, rng, shift, ground, rx, depth, tex, inner, irregular="asbak" in name)
        if "cobek" in name:
            d.polygon(f.pts(rotate_pts([(0.12, ground - 0.2), (0.16, ground - 0.2), (0.2, ground - 0.02),
                                        (0.1, ground - 0.02)], 0.15, ground - 0.1, -0.6)),
                      fill=darker(base, 0.15), outline=darker(base, 0.45))
            pile(layer, f, rng, shift - 0.06, ground - depth, 0.1, 0.03, "chili", 3)
        if "mangkuk" in name:
            pile(layer, f, rng, shift, ground - depth - 0.01, 0.18, 0.05, rng.choice(["kerupuk", "emping"]), 8)
    elif "hiasan dinding" in name:
        cx, cy = shift, -0.08
        slab = blob_pts(rng, cx, cy, 0.3, 0.26, 0.16)
        paint(layer, root, mask_of(size, lambda dd: dd.polygon(f.pts(slab), fill=255)))
        for k in range(8, 0, -1):
            r = k / 8
            d.polygon(f.pts(blob_pts(random.Random(k), cx + 0.02, cy, 0.24 * r, 0.2 * r, 0.1)),
                      outline=mix(base, TEAK_DARK, 0.2 + 0.07 * k))
        d.line([f.p(cx - 0.1, cy - 0.24), f.p(cx, -0.46), f.p(cx + 0.1, cy - 0.24)], fill=(90, 70, 50), width=2 * SS)
    elif "kotak" in name:
        w, h, dep = (0.42, 0.22, 0.28) if "tisu" in name else (0.46, 0.18, 0.32)
        front = multiply(tex, Image.new("L", size, 230))
        box3d(layer, f, shift - 0.04, ground + 0.04, w, h, dep, front, tex, tex_v)
        dx, dy = dep * 0.6, dep * 0.45
        tcx, tcy = shift - 0.04 + dx / 2, ground + 0.04 - h - dy / 2
        if "tisu" in name:
            d.rounded_rectangle(f.box(tcx - 0.1, tcy - 0.015, tcx + 0.1, tcy + 0.015), radius=f.u(0.01), fill=(50, 30,
                                                                                                               18))
            d.polygon(f.pts([(tcx - 0.07, tcy), (tcx - 0.03, tcy - 0.12), (tcx + 0.04, tcy - 0.09), (tcx + 0.07, tcy)]),
                      fill=(250, 250, 248), outline=(210, 210, 210))
        else:
            d.line([f.p(shift - 0.04 - w / 2, ground + 0.04 - h * 0.7), f.p(shift - 0.04 + w / 2,
                                                                            ground + 0.04 - h * 0.7)],
                   fill=darker(base, 0.5), width=2 * SS)
            d.rectangle(f.box(shift - 0.06, ground + 0.04 - h * 0.78, shift - 0.02, ground + 0.04 - h * 0.56),
                        fill=metal)
            for k in range(3):
                d.polygon(f.pts(leaf_pts(tcx - 0.08 + k * 0.08, tcy, 0.09, 0.05, 0.4)), outline=darker(base, 0.45))
    elif "rak" in name:
        for k in range(3):
            y = -0.28 + k * 0.2
            box3d(layer, f, shift - 0.04, y, 0.68, 0.035, 0.1, tex)
            for _ in range(rng.randint(1, 3)):
                px = shift - 0.3 + rng.uniform(0, 0.5)
                pot = jitter(rng, rng.choice([(200, 110, 70), (230, 226, 214), (80, 110, 120)]), 10)
                d.rectangle(f.box(px - 0.03, y - 0.1, px + 0.03, y - 0.035), fill=pot)
                d.ellipse(f.box(px - 0.05, y - 0.16, px + 0.05, y - 0.08), fill=jitter(rng, (70, 120, 60), 12))
        for side in (-1, 1):
            d.rectangle(f.box(shift - 0.04 + side * 0.3 - 0.01, -0.42, shift - 0.04 + side * 0.3 + 0.01, 0.14),
                        fill=darker(base, 0.4))
    elif any(k in name for k in ("talenan", "nampan", "papan saji")):
        ang = rng.uniform(-0.25, 0.25)
        cx, cy = shift, ground - 0.12
        if "papan" in name:
            outline = [(-0.34, -0.13), (0.2, -0.13), (0.24, -0.05), (0.42, -0.05), (0.42, 0.05), (0.24, 0.05),
                       (0.2, 0.13), (-0.34, 0.13)]
        else:
            w, h = (0.34, 0.22) if "talenan" in name else (0.4, 0.26)
            outline = [(-w, -h), (w, -h), (w, h), (-w, h)]
        pts = rotate_pts([(cx + x, cy + y * 0.75) for x, y in outline], cx, cy, ang)
        thick = [(x, y + 0.03) for x, y in pts]
        paint(layer, multiply(tex, Image.new("L", size, 150)), mask_of(size, lambda dd: dd.polygon(f.pts(thick),
                                                                                                   fill=255)))
        paint(layer, tex, mask_of(size, lambda dd: dd.polygon(f.pts(pts), fill=255)))
        if "talenan" in name or "nampan" in name:
            inner = rotate_pts([(cx + x * 0.86, cy + y * 0.75 * 0.82) for x, y in outline], cx, cy, ang)
            d.line(f.pts(inner + [inner[0]]), fill=darker(base, 0.35), width=3 * SS)
        if "papan" in name:
            hx, hy = rotate_pts([(cx + 0.36, cy)], cx, cy, ang)[0]
            d.ellipse(f.box(hx - 0.018, hy - 0.018, hx + 0.018, hy + 0.018), fill=darker(base, 0.6))
            pile(layer, f, rng, cx - 0.08, cy, 0.2, 0.05, rng.choice(["cookie", "kacang"]), 9)
    elif "tatakan" in name:
        for k in range(6):
            cx = shift + ((k - 1) * 0.27 if k < 3 else 0.04)
            cy = ground - 0.02 - (0 if k < 3 else 0.2 + (k - 3) * 0.045)
            r = 0.12
            d.ellipse(f.box(cx - r, cy - r * 0.5 + 0.02, cx + r, cy + r * 0.5 + 0.02), fill=darker(base, 0.35))
            d.ellipse(f.box(cx - r, cy - r * 0.5, cx + r, cy + r * 0.5), fill=lighter(base, 0.08))
            for j in range(1, 5):
                rr = r * j / 5
                d.ellipse(f.box(cx - rr, cy - rr * 0.5, cx + rr, cy + rr * 0.5), outline=darker(base, 0.25), width=SS)
    elif "sendok" in name:
        for k, kind in enumerate(["sendok", "sutil", "centong"]):
            x = shift - 0.2 + k * 0.2
            ang = rng.uniform(-0.15, 0.15)
            handle = rotate_pts([(x - 0.02, -0.05), (x + 0.02, -0.05), (x + 0.015, 0.38), (x - 0.015, 0.38)], x, 0.1,
                                ang)
            paint(layer, tex_v, mask_of(size, lambda dd, h=handle: dd.polygon(f.pts(h), fill=255)))
            if kind == "sutil":
                head = rotate_pts([(x - 0.06, -0.3), (x + 0.06, -0.3), (x + 0.04, -0.04), (x - 0.04, -0.04)], x, 0.1,
                                  ang)
            else:
                rx = 0.07 if kind == "sendok" else 0.085
                head = rotate_pts(ellipse_pts(x, -0.17, rx, 0.14, n=30), x, 0.1, ang)
            paint(layer, tex_v, mask_of(size, lambda dd, h=head: dd.polygon(f.pts(h), fill=255)))
            if kind == "sendok":
                inner = rotate_pts(ellipse_pts(x, -0.17, 0.05, 0.11, n=30), x, 0.1, ang)
                paint(layer, multiply(tex_v, Image.new("L", size, 190)),
                      mask_of(size, lambda dd, h=inner: dd.polygon(f.pts(h), fill=255)))
    elif "topeng" in name or "barongan" in name:
        kind = "untub" if "untub" in name else "pujonggo" if "pujonggo" in name else "barong"
        face = {"untub": (236, 214, 190), "pujonggo": (188, 44, 34), "barong": (196, 56, 36)}[kind]
        mini = "mini" in name
        r = 0.17 if mini else 0.26
        cy = ground - (0.26 if mini else 0.34)
        if mini:
            d.rectangle(f.box(-0.02 + shift, cy, 0.02 + shift, ground - 0.02), fill=darker(base, 0.3))
            box3d(layer, f, shift - 0.04, ground + 0.02, 0.26, 0.05, 0.1, tex)
        mask_face(layer, f, rng, shift, cy, r, jitter(rng, face, 8), kind)
    elif "lokomotif" in name or "gerbong" in name:
        for k in range(-8, 9):
            x = k * 0.07
            d.rectangle(f.box(x - 0.012, ground - 0.01, x + 0.012, ground + 0.05), fill=darker(base, 0.45))
        d.rectangle(f.box(-0.6 - extra, ground - 0.012, 0.6 + extra, ground + 0.008), fill=(120, 110, 100))
        if "lokomotif" in name:
            boiler = (-0.36 + shift, ground - 0.3, 0.18 + shift, ground - 0.12)
            paint(layer, tex, mask_of(size, lambda dd: dd.rounded_rectangle(f.box(*boiler), radius=f.u(0.09),
                                                                            fill=255)))
            paint(layer, tex_v, mask_of(size, lambda dd: dd.rectangle(f.box(0.12 + shift, ground - 0.44, 0.38 + shift,
                                                                            ground - 0.1),
                                                                      fill=255)))
            d.rectangle(f.box(0.09 + shift, ground - 0.47, 0.41 + shift, ground - 0.43), fill=darker(base, 0.45))
            d.rectangle(f.box(0.18 + shift, ground - 0.4, 0.32 + shift, ground - 0.3), fill=(60, 40, 28))
            d.polygon(f.pts([(-0.27 + shift, ground - 0.3), (-0.23 + shift, ground - 0.3), (-0.21 + shift,
                                                                                            ground - 0.45),
                             (-0.29 + shift, ground - 0.45)]), fill=darker(base, 0.3))
            d.ellipse(f.box(-0.09 + shift, ground - 0.37, -0.01 + shift, ground - 0.29), fill=metal)
            for x, r in [(-0.26, 0.06), (-0.1, 0.075), (0.08, 0.075), (0.27, 0.06)]:
                wheel(d, f, x + shift, ground - r, r, darker(base, 0.1), metal)
        else:
            box3d(layer, f, shift, ground - 0.1, 0.56, 0.14, 0.12, tex_v, tex)
            for k in range(6):
                x, y = shift - 0.2 + (k % 3) * 0.16, ground - 0.27 - (k // 3) * 0.06
                d.ellipse(f.box(x - 0.05, y - 0.04, x + 0.05, y + 0.04), fill=lighter(base, 0.1), outline=darker(base,
                                                                                                                 0.4),
                          width=2 * SS)
                d.ellipse(f.box(x - 0.02, y - 0.015, x + 0.02, y + 0.015), outline=darker(base, 0.3), width=SS)
            for x in (-0.18, 0.18):
                wheel(d, f, x + shift, ground - 0.06, 0.06, darker(base, 0.1), metal)
    elif "menara" in name or "kilang" in name:
        box3d(layer, f, shift - 0.03, ground + 0.02, 0.36, 0.05, 0.14, tex)
        legs = [(-0.14, ground - 0.03, -0.03, -0.42), (0.14, ground - 0.03, 0.03, -0.42)]
        for x0, y0, x1, y1 in legs:
            d.line([f.p(x0 + shift, y0), f.p(x1 + shift, y1)], fill=darker(base, 0.2), width=round(f.u(0.022)))
        for k in range(6):
            ya, yb = ground - 0.03 - k * (ground + 0.39) / 6, ground - 0.03 - (k + 1) * (ground + 0.39) / 6
            wa, wb = 0.14 - 0.11 * k / 6, 0.14 - 0.11 * (k + 1) / 6
            d.line([f.p(shift - wa, ya), f.p(shift + wb, yb)], fill=darker(base, 0.35), width=round(f.u(0.01)))
            d.line([f.p(shift + wa, ya), f.p(shift - wb, yb)], fill=darker(base, 0.35), width=round(f.u(0.01)))
            d.line([f.p(shift - wb, yb), f.p(shift + wb, yb)], fill=darker(base, 0.2), width=round(f.u(0.012)))
        d.ellipse(f.box(shift - 0.04, -0.47, shift + 0.04, -0.39), outline=metal, width=4 * SS)
    elif "tampah" in name or "besek" in name or "anyaman" in name:
        weave = weave_texture(rng, size, jitter(rng, BAMBOO, 10))
        if "besek" in name:
            for k in range(3):
                box3d(layer, f, shift - 0.12 + k * 0.05, ground + 0.02 - k * 0.14, 0.36, 0.14, 0.3, weave,
                      multiply(weave, Image.new("L", size, 240)))
        else:
            r = 0.4
            m = mask_of(size, lambda dd: dd.ellipse(f.box(-r + shift, ground - 0.2 - r * 0.55, r + shift,
                                                          ground - 0.2 + r * 0.55),
                                                    fill=255))
            paint(layer, weave, m)
            d.ellipse(f.box(-r + shift, ground - 0.2 - r * 0.55, r + shift, ground - 0.2 + r * 0.55),
                      outline=darker(BAMBOO, 0.3), width=round(f.u(0.02)))
    elif "tas" in name:
        canvas_col = jitter(rng, (232, 220, 196), 6)
        bag = fabric(rng, size, "ecoprint", PALETTES["krem"], f.s * 0.2)
        pts = f.pts([(-0.24, -0.16), (0.24, -0.16), (0.27, 0.36), (-0.27, 0.36)])
        paint(layer, bag, mask_of(size, lambda dd: dd.polygon(pts, fill=255)))
        for side in (-1, 1):
            d.arc(f.box(side * 0.12 - 0.08, -0.42, side * 0.12 + 0.08, -0.06), 180, 360, fill=darker(canvas_col, 0.2),
                  width=round(f.u(0.022)))
        d.line(f.pts([(-0.24, -0.16), (0.24, -0.16)]), fill=darker(canvas_col, 0.25), width=3 * SS)
    else:
        inner = multiply(tex, Image.new("L", size, 150))
        bowl(layer, f, rng, shift, ground, 0.26, 0.14, tex, inner)
    with_shadow(canvas, layer, f.u(0.015), f.u(0.025), f.u(0.02), 120)
    return canvas


DRAWERS = {"batik": draw_batik, "busana": draw_busana, "makanan": draw_makanan, "kerajinan": draw_kerajinan}
WIDE_WORDS = ("bangku", "set meja", "lokomotif", "gerbong", "paket", "kain batik cap seragam")


# ---------------------------------------------------------------- pipeline

@dataclass(frozen=True)
class PhotoJob:
    ukm_slug: str
    photo: str  # the file name as typed in YAML
    index: int  # position in the product's foto list
    product: dict


def collect_jobs(products_dir: Path) -> list[PhotoJob]:
    """Read every products/*.yml and list the photos it names."""
    jobs: list[PhotoJob] = []
    seen: dict[tuple[str, str], str] = {}
    for yml_path in sorted(products_dir.glob("*.yml")):
        data = yaml.safe_load(yml_path.read_text(encoding="utf-8")) or {}
        for product in data.get("produk") or []:
            for index, photo in enumerate(product.get("foto") or []):
                key = (yml_path.stem, photo)
                if key in seen:
                    raise SystemExit(f"{yml_path}: foto {photo} dipakai oleh dua produk "
                                     f"({seen[key]} dan {product.get('nama')})")
                seen[key] = product.get("nama", "")
                jobs.append(PhotoJob(yml_path.stem, photo, index, product))
    return jobs


def draw_photo(job: PhotoJob) -> Image.Image:
    """Draw one photo at full size, deterministic for its slug and file name."""
    rng = random.Random(f"{job.ukm_slug}/{job.photo}")
    name = str(job.product.get("nama", "")).lower()
    wide = any(w in name for w in WIDE_WORDS) or rng.random() < 0.14
    out_size = LANDSCAPE if wide else SQUARE
    size = (out_size[0] * SS, out_size[1] * SS)
    drawer = DRAWERS.get(job.product.get("kategori"), draw_kerajinan)
    img = drawer(rng, size, job.product, job.index).convert("RGB")
    img = img.resize(out_size, Image.LANCZOS)
    return multiply(img, radial(out_size, 255, 215))


def encode_jpeg(img: Image.Image) -> bytes:
    """Encode as JPEG without metadata, lowering quality until it fits MAX_BYTES."""
    quality = QUALITY
    while True:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True, progressive=False)
        data = buf.getvalue()
        if len(data) <= MAX_BYTES or quality <= MIN_QUALITY:
            return data
        quality -= 4


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw the sample product photos named in products/*.yml.")
    parser.add_argument("--force", action="store_true", help="redraw photos that already exist")
    parser.add_argument("--products", type=Path, default=ROOT / "products", help="folder with the UKM YAML files")
    parser.add_argument("--images", type=Path, default=ROOT / "images", help="output folder (images/<ukm>/<file>)")
    args = parser.parse_args(argv)

    jobs = collect_jobs(args.products)
    drawn = skipped = 0
    too_big = []
    for job in jobs:
        photo_path = args.images / job.ukm_slug / job.photo
        if photo_path.exists() and not args.force:
            skipped += 1
            continue
        data = encode_jpeg(draw_photo(job))
        if len(data) > MAX_BYTES:
            too_big.append(f"{photo_path}: {len(data) // 1024} KB")
        write_atomic(photo_path, data)
        drawn += 1
    total = sum(p.stat().st_size for p in args.images.rglob("*.jpg")) if args.images.exists() else 0
    print(f"{drawn} foto digambar, {skipped} sudah ada, total images/ {total / 1024 / 1024:.1f} MB")
    for line in too_big:
        print(f"peringatan: {line} lebih dari {MAX_BYTES // 1024} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
