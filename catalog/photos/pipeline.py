"""Turn owners' photos into small, private, responsive images, cached by content.

Pure Pillow, no renderer: `process(requests, cache_dir)` decodes each photo once (JPEG at a reduced
DCT scale when that is enough), applies the EXIF orientation, converts to 8-bit sRGB, crops to each
preset's ratio around the focal point, and writes AVIF, WebP and JPEG files at the preset's widths with
no metadata at all. Outputs are named `<hash>-<width>.<ext>`, the hash taken over the source bytes and
every setting that shapes that output, so an unchanged photo costs a directory lookup on the next
build and a changed setting redoes exactly the files it affects. The pages (`catalog.site`), the
brochure and the share images call the same `process` with their own presets.
"""

from __future__ import annotations

import base64
import concurrent.futures
import hashlib
import io
import json
import math
import multiprocessing
import os
import pickle
import re
import struct
import sys
import time
import warnings
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, TextIO

import pillow_heif
from PIL import Image, ImageCms, ImageFile, ImageFilter, ImageOps, UnidentifiedImageError

if TYPE_CHECKING:
    from catalog.core import Catalog, Photo

pillow_heif.register_heif_opener()

# Limits (documented in docs/fotos.md). A 48 MP phone photo passes; a 108 MP "high resolution" mode
# photo or a scan does not: the owner is asked to send a smaller copy. The pixel limit is also
# Pillow's own bomb guard, so no decoder allocates a huge canvas before we refuse.
MAX_FILE_BYTES = 20 * 1024 * 1024  # also the limit for a submitted package's photos (catalog/submit/importer.py)
MAX_PIXELS = 50_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
ImageFile.LOAD_TRUNCATED_IMAGES = False  # a cut-off upload must fail, not publish a grey half

# Bump when decoding, colour handling or resizing changes the pixels of every output.
PIPELINE_VERSION = "1"


@dataclass(frozen=True)
class Format:
    """An output format and the encoder settings that shape its bytes."""

    ext: str
    mime: str
    pil: str
    options: tuple[tuple[str, object], ...]


# Chosen by measurement (benchmarks/photos.py, docs/fotos.md): AVIF speed 8 is 3-4x faster to
# encode than Pillow's default 6 for 1-8 % more bytes; one encoder thread per worker process
# because the pool already fills every core (and the bytes stay reproducible).
AVIF = Format("avif", "image/avif", "AVIF", (("quality", 55), ("speed", 8), ("max_threads", 1)))
WEBP = Format("webp", "image/webp", "WEBP", (("quality", 78), ("method", 4)))
JPEG = Format("jpg", "image/jpeg", "JPEG", (("quality", 78), ("optimize", True), ("progressive", True),
                                           ("subsampling", "4:2:0")))
FORMATS = (AVIF, WEBP, JPEG)  # <picture> order: the smallest first, JPEG is the <img> fallback


@dataclass(frozen=True)
class Preset:
    """One use of a photo: the crop ratio (width/height, None keeps the photo's shape) and the widths."""

    name: str
    ratio: float | None
    widths: tuple[int, ...]
    formats: tuple[Format, ...] = FORMATS
    budget: int | None = None  # most bytes an AVIF/WebP file may take; quality steps down to fit

    def budget_for(self, fmt: Format) -> int | None:
        # JPEG is the fallback for browsers older than 2020 only: it keeps its quality.
        return self.budget if fmt.ext != JPEG.ext else None


# Widths follow the layout measured in Chromium (docs/fotos.md): a card is 136-296 CSS px wide,
# the UKM thumbnail 72-80 px, the product photo 288-736 px; each at 1x, 2x and ~3x density.
# The card budget mostly touches 480 and 600 px files of detailed fabric, which only screens of 2x and
# more fetch (where the lower quality does not show): a listing page then stays under 150 KB on a phone.
CARD = Preset("kartu", 1.0, (200, 300, 400, 480, 600), budget=9 * 1024)
FULL = Preset("utuh", None, (480, 800, 1200))

MIN_QUALITY = 30  # below this AVIF and WebP smear fabric patterns: a budget gives way first
PREVIEW_WIDTH = 16  # the inline blurred preview: a 16 px WebP, about 150-250 bytes as a data URI
PREVIEW_QUALITY = 40
PLACEHOLDER_VERSION = "1"

FOCUS_RE = re.compile(r"(\d{1,3})% (\d{1,3})%")
OUTPUT_RE = re.compile(r"[0-9a-f]{12}(-\d+\.(avif|webp|jpg)|\.json)")
SOURCES_MEMO = "sumber.json"
PUBLISHED_MEMO = "terbit.pickle"  # what each unchanged photo file got, see _Published


@dataclass(frozen=True)
class Request:
    """A photo to publish under some presets; `focus` is the crop centre as fractions (0-1)."""

    path: Path
    presets: tuple[Preset, ...]
    focus: tuple[float, float] = (0.5, 0.5)


@dataclass(frozen=True)
class Output:
    """One published file: `name` is both its cache file name and its name under foto/."""

    name: str
    width: int
    height: int
    format: Format


@dataclass(frozen=True)
class Rendition:
    """A photo cut and sized for one preset: every output file and the inline placeholder."""

    preset: Preset
    outputs: tuple[Output, ...]
    colour: str   # dominant colour, "#rrggbb"
    preview: str  # blurred preview, a data: URI
    entry: str    # the cache's record of this rendition (upright size and placeholder), written last

    @property
    def width(self) -> int:
        return max(o.width for o in self.outputs)

    @property
    def height(self) -> int:
        return max(o.height for o in self.outputs)

    def of(self, fmt: Format) -> list[Output]:
        return sorted((o for o in self.outputs if o.format == fmt), key=lambda o: o.width)


@dataclass
class Result:
    """What `process` made: renditions per request and preset, and the problems per request."""

    renditions: dict[Request, dict[str, Rendition]] = field(default_factory=dict)
    problems: dict[Request, str] = field(default_factory=dict)
    processed: int = 0  # photos that needed image work this time
    cpu_seconds: list[float] = field(default_factory=list)  # CPU time of each of them, in its worker


class PhotoRefused(Exception):
    """The photo cannot be published; the message is for the owner, in Indonesian."""


# --------------------------------------------------------------------------- checks and messages

def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def check_file(path: Path, name: str) -> str | None:
    """Read only the file size and image header; return the owner's message when it is refused."""
    try:
        _open_checked(Path(path), name).close()
    except PhotoRefused as exc:
        return str(exc)
    return None


def _open_checked(path: Path, name: str) -> Image.Image:
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
        raise PhotoRefused(_broken(name)) from None
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


def _broken(name: str) -> str:
    return f'foto "{name}" rusak atau terpotong; salin ulang dari ponsel atau kirim foto aslinya'


# --------------------------------------------------------------------------- naming

def focus_of(text: str | None) -> tuple[float, float]:
    """Turn the model's `fokus` ("50% 0%") into fractions; no focus means the centre."""
    match = FOCUS_RE.fullmatch(text or "")
    return (int(match[1]) / 100, int(match[2]) / 100) if match else (0.5, 0.5)


def _hash(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:12]


@lru_cache(maxsize=256)
def _key_tail(geometry: tuple, fmt: Format, budget: object) -> str:
    return "|" + "|".join(map(str, (geometry, fmt.ext, fmt.options, budget)))


def _output_key(digest: str, tail: str) -> str:
    """The same as _hash(PIPELINE_VERSION, digest, geometry, ext, options, budget), without re-formatting
    the constant part for each of the 5,000 photos' formats."""
    return hashlib.sha256(f"{PIPELINE_VERSION}|{digest}{tail}".encode()).hexdigest()[:12]


def _geometry(preset: Preset, focus: tuple[float, float]) -> tuple:
    # Focus only matters when the photo is cropped; keep it out of the key otherwise.
    return (preset.ratio, focus) if preset.ratio else (None,)


def crop_box(size: tuple[int, int], ratio: float | None, focus: tuple[float, float]) -> tuple[float, float, float, float]:
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
    # Never enlarge: widths above the crop collapse to the crop's own width.
    widths = sorted({min(w, int(crop_w)) for w in preset.widths})
    geometry = _geometry(preset, focus)
    outputs = []
    for fmt in preset.formats:
        key = _output_key(digest, _key_tail(geometry, fmt, preset.budget_for(fmt)))
        for w in widths:
            h = max(1, round(w * crop_h / crop_w))
            outputs.append(Output(f"{key}-{w}.{fmt.ext}", w, h, fmt))
    return tuple(outputs)


def _meta_name(digest: str, preset: Preset, focus: tuple[float, float]) -> str:
    return _hash("meta", PIPELINE_VERSION, PLACEHOLDER_VERSION, digest, _geometry(preset, focus)) + ".json"


# --------------------------------------------------------------------------- decoding and encoding

_SRGB = None


def _srgb_profile():
    global _SRGB
    if _SRGB is None:
        _SRGB = ImageCms.createProfile("sRGB")
    return _SRGB


def decode(path: Path, name: str, need: float = 1.0) -> Image.Image:
    """Open a photo upright in 8-bit sRGB, decoding only `need` of its linear size where the format allows."""
    image = _open_checked(path, name)
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
        raise PhotoRefused(_broken(name)) from None
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
                image = ImageCms.profileToProfile(image, source, _srgb_profile(), outputMode="RGB",
                                                  renderingIntent=ImageCms.Intent.PERCEPTUAL)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to reading the numbers as sRGB, as browsers do
    if image.mode != "RGB":
        image = image.convert("RGB")
    image.info = {}  # nothing of the source (EXIF, XMP, ICC, comments) may reach an encoder
    return image


def _resize(image: Image.Image, size: tuple[int, int], box: tuple[float, float, float, float]) -> Image.Image:
    # reducing_gap: a fast integer box reduction first, then Lanczos over the last factor of 2-3.
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


def placeholder(image: Image.Image) -> tuple[str, str]:
    """Return the dominant colour and a tiny blurred WebP preview (data URI) of an upright RGB image."""
    small = image.resize((32, 32), Image.Resampling.BOX)
    quantized = small.quantize(4, method=Image.Quantize.MEDIANCUT)
    counts = sorted(quantized.getcolors() or [(1, 0)], key=lambda c: (-c[0], c[1]))
    palette = quantized.getpalette() or [0, 0, 0]
    index = counts[0][1]
    colour = "#{:02x}{:02x}{:02x}".format(*palette[index * 3: index * 3 + 3])
    height = max(1, round(PREVIEW_WIDTH * image.height / image.width))
    tiny = image.resize((PREVIEW_WIDTH, height), Image.Resampling.BOX).filter(ImageFilter.GaussianBlur(0.6))
    tiny.info = {}
    buffer = io.BytesIO()
    tiny.save(buffer, "WEBP", quality=PREVIEW_QUALITY, method=6)
    return colour, "data:image/webp;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary name in the same folder, then rename: readers see all or nothing."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


# --------------------------------------------------------------------------- one photo (worker side)

@dataclass(frozen=True)
class _Job:
    path: Path
    name: str
    digest: str
    uses: tuple[tuple[Preset, tuple[float, float]], ...]
    cache_dir: Path


def _work(job: _Job) -> tuple[str, object, float]:
    """Make the missing outputs of one photo; return ("ok", metas, cpu seconds) or ("refused", message, cpu)."""
    started = time.process_time()
    try:
        metas = _make(job)
    except PhotoRefused as exc:
        return "refused", str(exc), time.process_time() - started
    return "ok", metas, time.process_time() - started


def _make(job: _Job) -> list[dict]:
    with _open_checked(job.path, job.name) as probe:
        upright = _upright_size(probe)
    # The smallest decode that still covers the largest output of every use.
    need = 0.0
    for preset, focus in job.uses:
        left, top, right, bottom = crop_box(upright, preset.ratio, focus)
        need = max(need, min(1.0, max(preset.widths) / (right - left)))
    image = decode(job.path, job.name, need)
    scale = image.width / upright[0]
    metas = []
    for preset, focus in job.uses:
        box = tuple(v * scale for v in crop_box(upright, preset.ratio, focus))
        outputs = plan(job.digest, upright, preset, focus)
        heights = {o.width: o.height for o in outputs}
        by_width: dict[int, Image.Image] = {}
        source, source_box = image, box
        # Largest first, each from the one before: a chain of small downscales is cheaper than
        # resampling every width from the decode, and Lanczos at ratios under 2 keeps it sharp.
        for width in sorted(heights, reverse=True):
            by_width[width] = _resize(source, (width, heights[width]), source_box)
            source, source_box = by_width[width], (0, 0, width, heights[width])
        for output in outputs:
            target = job.cache_dir / output.name
            if not target.exists():
                write_atomic(target, encode(by_width[output.width], output.format, preset.budget_for(output.format)))
        meta_path = job.cache_dir / _meta_name(job.digest, preset, focus)
        largest = by_width[max(by_width)]
        colour, preview = placeholder(largest)
        meta = {"size": list(upright), "colour": colour, "preview": preview}
        # Written last: its presence says every output of this entry is complete.
        write_atomic(meta_path, json.dumps(meta, sort_keys=True).encode())
        metas.append(meta)
    return metas


def _upright_size(image: Image.Image) -> tuple[int, int]:
    orientation = image.getexif().get(0x0112, 1)
    return (image.height, image.width) if orientation in (5, 6, 7, 8) else image.size


# --------------------------------------------------------------------------- many photos (main side)

class _Digests:
    """Content digests of source files, remembered by (size, mtime) so an unchanged file is not re-read."""

    def __init__(self, cache_dir: Path):
        self.path = cache_dir / SOURCES_MEMO
        try:
            self.memo = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.memo = {}
        self.used: dict[str, list] = {}

    def all(self, paths: list[Path]) -> list[str]:
        """Return the digest of every path, hashing the new or changed files on all cores."""
        stats = [path.stat() for path in paths]
        fresh = {}
        for path, stat in zip(paths, stats):
            seen = self.memo.get(str(path))
            if not (seen and seen[0] == stat.st_size and seen[1] == stat.st_mtime_ns):
                fresh[path] = None
        if fresh:
            # hashlib releases the GIL on large buffers: threads hash in parallel (a fresh clone rehashes all).
            with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
                fresh = dict(zip(fresh, pool.map(_file_digest, fresh)))
        digests = []
        for path, stat in zip(paths, stats):
            digest = fresh[path] if path in fresh else self.memo[str(path)][2]
            self.used[str(path)] = [stat.st_size, stat.st_mtime_ns, digest]
            digests.append(digest)
        return digests

    def save(self) -> None:
        if self.used != self.memo:
            merged = {**self.memo, **self.used}
            write_atomic(self.path, json.dumps(merged, sort_keys=True).encode())


def _file_digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class Progress:
    """A one-line `Foto 12/103 … sisa ±0:42` on a terminal; silent when the stream is not one."""

    def __init__(self, total: int, stream: TextIO | None = None, label: str = "Foto"):
        self.stream = stream if stream is not None else sys.stderr
        self.total, self.done, self.label = total, 0, label
        self.enabled = total > 0 and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self.shown = 0.0
        self._draw()

    def step(self) -> None:
        self.done += 1
        if self.done == self.total or time.monotonic() - self.shown > 0.1:
            self._draw()

    def _draw(self) -> None:
        if not self.enabled:
            return
        self.shown = time.monotonic()
        elapsed = self.shown - self.started
        filled = round(20 * self.done / self.total)
        bar = "█" * filled + "░" * (20 - filled)
        if self.done:
            left = elapsed / self.done * (self.total - self.done)
            eta = f"sisa ±{int(left // 60)}:{int(left % 60):02d}"
        else:
            eta = "menghitung sisa waktu"
        self.stream.write(f"\r{self.label} {self.done}/{self.total} {bar} {eta}   ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            elapsed = time.monotonic() - self.started
            self.stream.write(f"\r{self.label} {self.done}/{self.total} selesai dalam {elapsed:.1f} s" + " " * 20 + "\n")
            self.stream.flush()


def process(requests: Iterable[Request], cache_dir: Path, progress: TextIO | None = None,
            workers: int | None = None) -> Result:
    """Publish every request through the cache; image work only for what is missing, spread over all cores."""
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    requests = list(dict.fromkeys(requests))
    present = {entry.name for entry in os.scandir(cache_dir)}
    result = Result()
    published = _Published(cache_dir)
    unsure = []
    for request in requests:  # unchanged files seen before: no digest, no plan, no record to read
        found = published.get(request, present)
        if found is None:
            unsure.append(request)
        else:
            result.renditions[request] = found
    digests = _Digests(cache_dir)
    jobs: dict[tuple[Path, str], list] = {}  # one job per source file, however many uses it has
    pending: list[tuple[Request, str]] = []
    for request, digest in zip(unsure, digests.all([r.path for r in unsure])):
        found = _from_cache(request, digest, cache_dir, present)
        if found is not None:
            result.renditions[request] = found
            continue
        job = jobs.setdefault((request.path, digest), [])
        for preset in request.presets:
            use = (preset, request.focus)
            if use not in job:
                job.append(use)
        pending.append((request, digest))
    if unsure:
        digests.save()
    outcome: dict[tuple[Path, str], tuple[str, object]] = {}
    if jobs:
        work = [_Job(path, path.name, digest, tuple(uses), cache_dir) for (path, digest), uses in jobs.items()]
        bar = Progress(len(work), progress) if progress is not None else None
        for job, (status, value, cpu) in _run(work, workers, bar):
            outcome[(job.path, job.digest)] = (status, value)
            result.cpu_seconds.append(cpu)
        if bar:
            bar.close()
        result.processed = len(work)
        present = {entry.name for entry in os.scandir(cache_dir)}
    for request, digest in pending:
        status, value = outcome[(request.path, digest)]
        if status == "refused":
            result.problems[request] = value
            continue
        found = _from_cache(request, digest, cache_dir, present)
        if found is None:  # a bug, not an owner's mistake: the worker said it wrote these files
            raise RuntimeError(f"photo cache incomplete after processing {request.path}")
        result.renditions[request] = found
    if unsure:
        published.save(result.renditions)
    return result


class _Published:
    """What each request got last time, by its file's path, size and modification time (the test
    `_Digests` uses for "unchanged"): 5,000 unchanged photos are then a dictionary lookup each, checked
    against the files present in the cache. A pickle of {presets: {(path, size, mtime, focus): renditions}}
    (only this module's own dataclasses); each call of `process` replaces the part of its presets."""

    _read: dict[Path, tuple[int, dict]] = {}  # per process: publish and the link previews read it once

    def __init__(self, cache_dir: Path):
        self.path = cache_dir / PUBLISHED_MEMO
        self.stats: dict[Request, tuple] = {}
        try:
            stamp = self.path.stat().st_mtime_ns
            seen = self._read.get(self.path)
            if seen and seen[0] == stamp:
                self.memo = seen[1]
                return
            version, self.memo = pickle.loads(self.path.read_bytes())
            if version != (PIPELINE_VERSION, PLACEHOLDER_VERSION):
                self.memo = {}
            self._read[self.path] = (stamp, self.memo)
        except Exception:  # missing, unreadable or from another version: look everything up again
            self.memo = {}

    def _key(self, request: Request) -> tuple | None:
        try:
            stat = request.path.stat()
        except OSError:
            return None
        key = (_presets_key(request.presets), (str(request.path), stat.st_size, stat.st_mtime_ns, request.focus))
        self.stats[request] = key
        return key

    def get(self, request: Request, present: set[str]) -> dict[str, Rendition] | None:
        key = self._key(request)
        found = self.memo.get(key[0], {}).get(key[1]) if key else None
        if found is None or any(r.entry not in present or any(o.name not in present for o in r.outputs)
                                for r in found.values()):
            return None
        return found

    def save(self, renditions: dict) -> None:
        """Keep what this call's requests got, in place of what earlier calls with the same presets kept."""
        fresh: dict[str, dict] = {}
        for request, found in renditions.items():
            key = self.stats.get(request) or self._key(request)
            if key:
                fresh.setdefault(key[0], {})[key[1]] = found
        self.memo = {**self.memo, **fresh}
        write_atomic(self.path, pickle.dumps(((PIPELINE_VERSION, PLACEHOLDER_VERSION), self.memo),
                                             protocol=pickle.HIGHEST_PROTOCOL))
        self._read[self.path] = (self.path.stat().st_mtime_ns, self.memo)


@lru_cache(maxsize=64)
def _presets_key(presets: tuple[Preset, ...]) -> str:
    return hashlib.sha256(repr(presets).encode()).hexdigest()[:16]


def _from_cache(request: Request, digest: str, cache_dir: Path, present: set[str]) -> dict[str, Rendition] | None:
    found = {}
    for preset in request.presets:
        meta_name = _meta_name(digest, preset, request.focus)
        if meta_name not in present:
            return None
        try:
            meta = json.loads((cache_dir / meta_name).read_bytes())
        except (OSError, ValueError):
            return None
        outputs = plan(digest, tuple(meta["size"]), preset, request.focus)
        if any(o.name not in present for o in outputs):
            return None
        found[preset.name] = Rendition(preset, outputs, meta["colour"], meta["preview"], meta_name)
    return found


def _run(work: list[_Job], workers: int | None, bar: Progress | None):
    workers = max(1, min(workers or os.cpu_count() or 1, len(work)))
    if workers == 1:
        for job in work:
            yield job, _work(job)
            if bar:
                bar.step()
        return
    # fork on Linux: workers start in milliseconds and need no `if __name__ == "__main__"` guard in
    # whatever script called us (mkdocs, pytest, a hook). Plugins are loaded before forking.
    Image.init()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        futures = {pool.submit(_work, job): job for job in work}
        for future in concurrent.futures.as_completed(futures):
            yield futures[future], future.result()
            if bar:
                bar.step()


def prune(cache_dir: Path, keep: Iterable[str]) -> int:
    """Delete cache files not in `keep` (only names this module writes); return how many went."""
    cache_dir = Path(cache_dir)
    keep = set(keep) | {SOURCES_MEMO, PUBLISHED_MEMO}
    removed = 0
    if not cache_dir.is_dir():
        return 0
    for entry in os.scandir(cache_dir):
        stale_tmp = entry.name.startswith(".") and entry.name.endswith(".tmp") and \
            time.time() - entry.stat().st_mtime > 3600  # a younger one may belong to a running build
        if (OUTPUT_RE.fullmatch(entry.name) and entry.name not in keep) or stale_tmp:
            os.unlink(entry.path)
            removed += 1
    return removed


# --------------------------------------------------------------------------- the catalogue's photos

CACHE_DIR = Path(".cache") / "foto"  # under the data folder; CI keeps it between runs
URL_DIR = "foto"


@dataclass(frozen=True)
class PublishedPhotos:
    """The catalogue's photos after the pipeline: renditions per photo and preset, files per site path."""

    renditions: dict  # Photo -> {preset name: Rendition}
    cache_dir: Path
    processed: int = 0

    def of(self, photo: "Photo", preset: Preset) -> Rendition:
        return self.renditions[photo][preset.name]

    def files(self) -> dict[str, str]:
        """Return {site path: cache path} of every file the pages may link (paths as text: 5,000 products
        have 60,000 files, and making a Path of each took longer than the rest of a warm render)."""
        names = {o.name for by_preset in self.renditions.values() for rendition in by_preset.values()
                 for o in rendition.outputs}
        folder = os.fspath(self.cache_dir)
        return {f"{URL_DIR}/{name}": os.path.join(folder, name) for name in sorted(names)}

    def cache_names(self) -> set[str]:
        """Return the name of every cache file these photos use: what `prune` must keep."""
        return {name for by_preset in self.renditions.values() for rendition in by_preset.values()
                for name in (rendition.entry, *(o.name for o in rendition.outputs))}


def publish(catalog: "Catalog", progress: TextIO | None = None, cache_dir: Path | None = None,
            workers: int | None = None) -> PublishedPhotos:
    """Publish every product photo (a card crop of the first, the full view of all); raise CatalogError if any is refused."""
    from catalog.errors import CatalogError, Problem, path_text

    cache_dir = Path(cache_dir) if cache_dir else Path(catalog.data_dir) / CACHE_DIR
    places = []
    for ukm in catalog.ukms:
        for index, product in enumerate(ukm.products):
            for i, photo in enumerate(product.photos):
                request = Request(photo.path, (CARD, FULL) if i == 0 else (FULL,), focus_of(photo.focus))
                places.append((ukm.file, ("produk", index, "foto", i), photo, request))
    result = process([request for *_, request in places], cache_dir, progress, workers)
    problems = [Problem(file, photo.line, path_text(where), result.problems[request])
                for file, where, photo, request in places if request in result.problems]
    if problems:
        raise CatalogError(problems)
    renditions: dict = {}
    for _file, _where, photo, request in places:
        renditions.setdefault(photo, {}).update(result.renditions[request])
    return PublishedPhotos(renditions, cache_dir, result.processed)
