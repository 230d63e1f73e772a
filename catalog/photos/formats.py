"""The photo engine's value types: output formats, presets (one use of a photo), requests and what they give."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
    fallback_width: int | None = None  # JPEG, for browsers showing neither AVIF nor WebP: this one width only

    def widths_for(self, fmt: Format) -> tuple[int, ...]:
        """The widths made in `fmt`: all of them, but one for the JPEG fallback when the preset names it."""
        return (self.fallback_width,) if self.fallback_width and fmt.ext == JPEG.ext else self.widths

    def budget_for(self, fmt: Format) -> int | None:
        # JPEG is the fallback for browsers older than 2020 only: it keeps its quality.
        return self.budget if fmt.ext != JPEG.ext else None


# Widths follow the layout measured in Chromium (docs/fotos.md): a card is 136-296 CSS px wide,
# the UKM thumbnail 72-80 px, the product photo 288-736 px; each at 1x, 2x and ~3x density.
# The card budget mostly touches 480 and 600 px files of detailed fabric, which only screens of 2x and
# more fetch (where the lower quality does not show): a listing page then stays under 150 KB on a phone.
# Every width is one some browser picks at some viewport at 1x-3x (tests/test_hosts.py); JPEG is only fetched by
# browsers from before 2020 (no AVIF, no WebP), which get one file per use: the <img> src (docs/kinerja.md).
CARD = Preset("kartu", 1.0, (200, 300, 400, 480, 600), budget=9 * 1024, fallback_width=400)
FULL = Preset("utuh", None, (480, 800, 1200), fallback_width=800)


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
