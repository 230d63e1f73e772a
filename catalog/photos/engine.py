"""One photo, in Pillow only: checks with the owner's message, decoding, sRGB, crops, resizing, encoding, names.

`check_file` reads the size and header only; `open_checked` opens a photo after the same checks and
raises `PhotoRefused` (an Indonesian message for the owner); `decode` opens it upright in 8-bit sRGB, at a
reduced JPEG DCT scale when that is enough. `plan` names every output of a photo under a preset:
`<hash>-<width>.<ext>`, the hash taken over the source bytes and every setting that shapes that file.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import re
import struct
import warnings
import zlib
from functools import lru_cache
from pathlib import Path

import pillow_heif
from PIL import Image, ImageCms, ImageFile, ImageFilter, ImageOps, UnidentifiedImageError

from catalog import cache
from catalog.photos.formats import Format, Output, Preset

pillow_heif.register_heif_opener()

# Limits (documented in docs/fotos.md). A 48 MP phone photo passes; a 108 MP "high resolution" mode
# photo or a scan does not: the owner is asked to send a smaller copy. The pixel limit is also
# Pillow's own bomb guard, so no decoder allocates a huge canvas before we refuse.
MAX_FILE_BYTES = 20 * 1024 * 1024  # also the limit for a submitted package's photos (catalog/submit/importer.py)
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False  # a cut-off upload must fail, not publish a grey half

# Bump when decoding, colour handling or resizing changes the pixels of every output. It is part of every
# output's name (a URL in the pages), so it is a hand-bumped constant, not a digest of this code.
PIPELINE_VERSION = "1"
# Bump when the placeholder (colour and blurred preview) changes. "2": taken from a fixed reduction of the
# photo, no longer from the largest output of whichever preset wrote the record last.
PLACEHOLDER_VERSION = "2"
ENGINE = cache.Depends(constants=(f"piksel {PIPELINE_VERSION}", f"placeholder {PLACEHOLDER_VERSION}"))

MIN_QUALITY = 30  # below this AVIF and WebP smear fabric patterns: a budget gives way first
PREVIEW_WIDTH = 16  # the inline blurred preview: a 16 px WebP, about 150-250 bytes as a data URI
PREVIEW_QUALITY = 40
# A placeholder is taken from the photo decoded to about this short side (the JPEG DCT scale that reaches
# it), whatever outputs are made with it: the same file and crop always give the same placeholder.
PLACEHOLDER_SIDE = 256

FOCUS_RE = re.compile(r"(\d{1,3})% (\d{1,3})%")


class PhotoRefused(Exception):
    """The photo cannot be published; the message is for the owner, in Indonesian."""


# --------------------------------------------------------------------------- checks and messages

def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def check_file(path: Path, name: str) -> str | None:
    """Read only the file size and image header; return the owner's message when it is refused."""
    try:
        open_checked(Path(path), name).close()
    except PhotoRefused as exc:
        return str(exc)
    return None


def open_checked(path: Path, name: str) -> Image.Image:
    """Open a photo (header only) within the size and pixel limits; else raise PhotoRefused with the owner's message."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise PhotoRefused(f'foto "{name}" terlalu besar ({_mb(size)} MB, batas {MAX_FILE_BYTES // 2**20} MB); '
                           "kirim ulang dengan ukuran lebih kecil, misalnya lewat WhatsApp")
    try:
        with warnings.catch_warnings():
            # Between the limit and twice it Pillow only warns; we refuse below, without the noise.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError:
        width, height = _header_size(path)
        raise PhotoRefused(_too_many_pixels(name, width, height)) from None
    except UnidentifiedImageError:
        raise PhotoRefused(f'"{name}" bukan foto yang bisa dibaca (isinya bukan JPG, PNG, WebP, HEIC, AVIF '
                           "atau GIF); simpan ulang sebagai JPG") from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error):
        raise PhotoRefused(broken_message(name)) from None
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise PhotoRefused(_too_many_pixels(name, width, height))
    return image


def _header_size(path: Path) -> tuple[int, int]:
    """Read the size of an image Pillow refused to open as a bomb (only the header is parsed)."""
    limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with Image.open(path) as image:
            return image.size
    finally:
        Image.MAX_IMAGE_PIXELS = limit


def _too_many_pixels(name: str, width: int, height: int) -> str:
    mp = f"{width * height / 1e6:.0f}"
    return (f'foto "{name}" terlalu besar: {width} × {height} piksel ({mp} MP, batas {MAX_PIXELS // 1_000_000} MP); '
            "perkecil fotonya atau pakai mode kamera biasa")


def broken_message(name: str) -> str:
    """The owner's message for a photo that cannot be decoded to the end."""
    return f'foto "{name}" rusak atau terpotong; salin ulang dari ponsel atau kirim foto aslinya'


# --------------------------------------------------------------------------- geometry and names

def focus_of(text: str | None) -> tuple[float, float]:
    """Turn the model's `fokus` ("50% 0%") into fractions; no focus means the centre."""
    match = FOCUS_RE.fullmatch(text or "")
    return (int(match[1]) / 100, int(match[2]) / 100) if match else (0.5, 0.5)


def upright_size(image: Image.Image) -> tuple[int, int]:
    """The size of an opened photo once its EXIF orientation is applied (read from the header only)."""
    orientation = image.getexif().get(0x0112, 1)
    return (image.height, image.width) if orientation in (5, 6, 7, 8) else image.size


@lru_cache(maxsize=256)
def _key_tail(geometry: tuple, fmt: Format, budget: object) -> str:
    return "|" + "|".join(map(str, (geometry, fmt.ext, fmt.options, budget)))


def _output_key(digest: str, tail: str) -> str:
    """The name of a preset's outputs in one format: a digest of the pipeline version, the source and the settings.

    A published URL (foto/<key>-<width>.<ext>), so its formula never changes; formatted once per preset and
    format, not once for each of 5,000 photos.
    """
    return hashlib.sha256(f"{PIPELINE_VERSION}|{digest}{tail}".encode()).hexdigest()[:12]


def geometry(preset: Preset, focus: tuple[float, float]) -> tuple:
    """What shapes a preset's crop: the focus only matters when the photo is cropped."""
    return (preset.ratio, focus) if preset.ratio else (None,)


def crop_box(
    size: tuple[int, int], ratio: float | None, focus: tuple[float, float]
) -> tuple[float, float, float, float]:
    """Return the crop of `size` at `ratio`, placed like CSS object-position (fractions of the spare room)."""
    width, height = size
    if ratio is None or abs(width / height - ratio) < 1e-6:
        return (0.0, 0.0, float(width), float(height))
    if width / height > ratio:
        crop_w = height * ratio
        left = (width - crop_w) * focus[0]
        return (left, 0.0, left + crop_w, float(height))
    crop_h = width / ratio
    top = (height - crop_h) * focus[1]
    return (0.0, top, float(width), top + crop_h)


def plan(digest: str, size: tuple[int, int], preset: Preset, focus: tuple[float, float]) -> tuple[Output, ...]:
    """List the output files of one photo (by content digest and upright size) under one preset."""
    left, top, right, bottom = crop_box(size, preset.ratio, focus)
    crop_w, crop_h = right - left, bottom - top
    shape = geometry(preset, focus)
    outputs = []
    for fmt in preset.formats:
        name = _output_key(digest, _key_tail(shape, fmt, preset.budget_for(fmt)))
        # Never enlarge: widths above the crop collapse to the crop's own width.
        for w in sorted({min(w, int(crop_w)) for w in preset.widths_for(fmt)}):
            h = max(1, round(w * crop_h / crop_w))
            outputs.append(Output(f"{name}-{w}.{fmt.ext}", w, h, fmt))
    return tuple(outputs)


def entry_name(digest: str, preset: Preset, focus: tuple[float, float]) -> str:
    """The name of the record of one photo's crop (upright size and placeholder): shared by presets of one shape."""
    return cache.key(cache.version(ENGINE), "entri", digest, geometry(preset, focus))[:12] + ".json"


# --------------------------------------------------------------------------- decoding and encoding

_SRGB = None


def _srgb_profile():
    global _SRGB
    if _SRGB is None:
        _SRGB = ImageCms.createProfile("sRGB")
    return _SRGB


def decode(path: Path, name: str, need: float = 1.0) -> Image.Image:
    """Open a photo upright in 8-bit sRGB, decoding only `need` of its linear size where the format allows."""
    image = open_checked(path, name)
    try:
        if need < 1.0 and image.format == "JPEG":
            # DCT scaling: a 1/2, 1/4 or 1/8 decode is several times faster and never smaller than asked.
            image.draft(None, (math.ceil(image.width * need), math.ceil(image.height * need)))
        image.seek(0)  # animated GIF/WebP/APNG: the first frame
        image.load()
        upright = ImageOps.exif_transpose(image)
        return to_srgb(upright)
    except PhotoRefused:
        raise
    except Image.DecompressionBombError:
        raise PhotoRefused(_too_many_pixels(name, *image.size)) from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error, MemoryError):
        raise PhotoRefused(broken_message(name)) from None
    finally:
        image.close()  # exif_transpose made a copy; the file handle can go


def to_srgb(image: Image.Image) -> Image.Image:
    """Convert any mode (CMYK, 16-bit, palette, alpha, grayscale) and any ICC profile to plain 8-bit sRGB."""
    icc = image.info.get("icc_profile")
    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        # Pillow's direct conversion clips 16-bit values at 255; scale them instead.
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if image.mode in ("P", "PA", "1"):
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    if image.mode in ("RGBA", "LA", "RGBa", "La"):
        # Cards sit on white; a transparent background becomes white, not black.
        background = Image.new("RGBA", image.size, (255, 255, 255, 255))
        background.alpha_composite(image.convert("RGBA"))
        image = background.convert("RGB") if image.mode[0] != "L" else background.convert("L")
    if icc and image.mode in ("RGB", "L", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if "srgb" not in (ImageCms.getProfileDescription(source) or "").lower() or image.mode != "RGB":
                image = ImageCms.profileToProfile(
                    image, source, _srgb_profile(), outputMode="RGB", renderingIntent=ImageCms.Intent.PERCEPTUAL
                )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to reading the numbers as sRGB, as browsers do
    if image.mode != "RGB":
        image = image.convert("RGB")
    image.info = {}  # nothing of the source (EXIF, XMP, ICC, comments) may reach an encoder
    return image


def resize(image: Image.Image, size: tuple[int, int], box: tuple[float, float, float, float]) -> Image.Image:
    """Resize the `box` of `image` to `size` (Lanczos after a fast integer reduction), with no metadata."""
    out = image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=2.5)
    out.info = {}
    return out


def encode(image: Image.Image, fmt: Format, budget: int | None = None) -> bytes:
    """Encode `image` with no metadata in `fmt`, lowering the quality in steps until it fits `budget` bytes."""
    options = dict(fmt.options)
    image.info = {}
    while True:
        buffer = io.BytesIO()
        image.save(buffer, fmt.pil, **options)
        if budget is None or buffer.tell() <= budget or options["quality"] <= MIN_QUALITY:
            return buffer.getvalue()
        options["quality"] -= 5


# --------------------------------------------------------------------------- the placeholder


def placeholder_need(upright: tuple[int, int]) -> float:
    """The share of a photo's linear size its placeholder is taken from (see PLACEHOLDER_SIDE)."""
    return min(1.0, PLACEHOLDER_SIDE / min(upright))


def placeholder(image: Image.Image, box: tuple[float, float, float, float] | None = None) -> tuple[str, str]:
    """Return the dominant colour and a tiny blurred WebP preview (data URI) of `box` of an upright RGB image."""
    box = box or (0.0, 0.0, float(image.width), float(image.height))
    small = image.resize((32, 32), Image.Resampling.BOX, box=box)
    quantized = small.quantize(4, method=Image.Quantize.MEDIANCUT)
    counts = sorted(quantized.getcolors() or [(1, 0)], key=lambda c: (-c[0], c[1]))
    palette = quantized.getpalette() or [0, 0, 0]
    index = counts[0][1]
    colour = "#{:02x}{:02x}{:02x}".format(*palette[index * 3 : index * 3 + 3])
    height = max(1, round(PREVIEW_WIDTH * (box[3] - box[1]) / (box[2] - box[0])))
    tiny = image.resize((PREVIEW_WIDTH, height), Image.Resampling.BOX, box=box).filter(ImageFilter.GaussianBlur(0.6))
    tiny.info = {}
    buffer = io.BytesIO()
    tiny.save(buffer, "WEBP", quality=PREVIEW_QUALITY, method=6)
    return colour, "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
