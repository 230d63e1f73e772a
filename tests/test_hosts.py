"""Fitting the hosts: every photo width the pages offer is one some browser picks, and no other is made."""

from __future__ import annotations

import math
import re

import pytest

from catalog import cli
from catalog.build import published_size
from catalog.photos.engine import plan
from catalog.photos.formats import AVIF, CARD, FULL, JPEG, WEBP
from catalog.web.pages import PHOTO_SLOTS, _gallery_sizes
from test_accessibility import fetched_elsewhere

pytestmark = pytest.mark.unit

VIEWPORTS = range(320, 2561, 8)  # CSS px: the smallest phones to a 1440p desktop
DENSITIES = [1 + i / 20 for i in range(41)]  # device pixel ratios 1 to 3 in steps of 0.05


def slot_width(sizes: str, viewport: int) -> float:
    """The width `sizes` gives the image at `viewport` CSS px (the forms PHOTO_SLOTS uses)."""
    for part in sizes.split(", "):
        media = re.match(r"\(min-width: (\d+)px\) (.*)", part)
        if media and viewport < int(media[1]):
            continue
        value = media[2] if media else part
        expression = re.sub(r"([\d.]+)vw", rf"(\1 * {viewport} / 100)", value.replace("calc", "").replace("px", ""))
        return float(eval(expression, {"__builtins__": {}}))  # digits, + - * / and brackets only
    raise AssertionError(f"no width for {viewport}px in {sizes!r}")


def chromium_pick(widths: list[int], slot: float, dpr: float) -> int:
    """Blink's srcset choice (HTMLSrcsetParser SelectionLogic): the first candidate dense enough, or the one
    below it when the screen's density is under the geometric mean of the two."""
    densities = [w / slot for w in widths]
    for i in range(len(widths) - 1):
        if densities[i + 1] < dpr:
            continue
        if (dpr <= 1 and dpr > densities[i]) or dpr >= math.sqrt(densities[i] * densities[i + 1]):
            return widths[i + 1]
        return widths[i]
    return widths[-1]


def smallest_pick(widths: list[int], slot: float, dpr: float) -> int:
    """Firefox's and WebKit's choice: the smallest candidate at least as dense as the screen, else the largest."""
    return next((w for w in widths if w / slot >= dpr), widths[-1])


def picked(widths: list[int], sizes: str) -> set[int]:
    slots = {slot_width(sizes, viewport) for viewport in VIEWPORTS}
    return {pick(widths, slot, dpr) for slot in slots for dpr in DENSITIES for pick in (chromium_pick, smallest_pick)}


def test_slot_width_reads_the_forms_the_pages_use():
    card = PHOTO_SLOTS["rk-card__img"][1]
    assert [slot_width(card, v) for v in (320, 412, 639, 640, 1220, 1600)] == [136, 182, 295.5, 296, 221, 243]
    assert slot_width(_gallery_sizes(0.75), 1000) == pytest.approx((500 - 26) * 0.75)


def test_browser_picks_follow_chromium_and_the_others():
    # 412 px phone, card 182 CSS px (docs/fotos.md): Chromium takes 400 at 2x, 480 at 2.625x, 600 at 3x.
    widths = list(CARD.widths)
    assert [chromium_pick(widths, 182, dpr) for dpr in (1, 2, 2.625, 3)] == [200, 400, 480, 600]
    assert [smallest_pick(widths, 182, dpr) for dpr in (1, 2, 2.625, 3)] == [200, 400, 480, 600]
    assert chromium_pick([200, 300], 100, 2.4) == 200 and smallest_pick([200, 300], 100, 2.4) == 300


@pytest.mark.parametrize("css", sorted(PHOTO_SLOTS))
def test_every_width_offered_is_picked_at_some_viewport_and_density(css):
    """A width no viewport at 1x-3x would choose is dead weight in every site: it must not be made."""
    preset, sizes = PHOTO_SLOTS[css]
    shapes = [sizes] if sizes else [_gallery_sizes(aspect) for aspect in (1.0, 0.75)]  # square and portrait
    used = set().union(*(picked(list(preset.widths), s) for s in shapes))
    if css == "rk-ukm__img":  # the UKM thumbnail reuses the card's files: its smallest two suffice
        assert used == set(preset.widths[:2])
    else:
        assert used == set(preset.widths)


def test_jpeg_is_one_fallback_file_per_use():
    """Browsers that show neither AVIF nor WebP (before 2020) get one JPEG; the others never fetch JPEG."""
    card = plan("0" * 64, (1600, 1200), CARD, (0.5, 0.5))
    full = plan("0" * 64, (1600, 1200), FULL, (0.5, 0.5))
    assert [o.width for o in card if o.format == JPEG] == [CARD.fallback_width]
    assert [o.width for o in full if o.format == JPEG] == [FULL.fallback_width]
    assert sorted(o.width for o in card if o.format in (AVIF, WEBP)) == sorted(CARD.widths * 2)
    small = plan("0" * 64, (320, 320), CARD, (0.5, 0.5))  # never enlarged: the photo's own width
    assert [o.width for o in small if o.format == JPEG] == [320]


def test_published_size_counts_the_tar_github_pages_receives(tmp_path):
    (tmp_path / "a.html").write_bytes(b"x")
    (tmp_path / "foto").mkdir()
    (tmp_path / "foto" / "b.avif").write_bytes(b"y" * 513)
    # end of archive 1024, two folders 2 × 512, a.html 512 + 512, b.avif 512 + 1024
    assert published_size(tmp_path) == (2, 1024 + 1024 + 1024 + 1536)


def test_a_build_says_its_size_and_warns_above_the_github_pages_limit(tmp_path, capsys, monkeypatch):
    (tmp_path / "index.html").write_bytes(b"x" * 3000)
    cli._report_size(published_size(tmp_path))
    assert capsys.readouterr() == ("Ukuran situs: 1 berkas, 0,0 MB (batas GitHub Pages 1.000 MB)\n", "")
    monkeypatch.setattr("catalog.build.GITHUB_PAGES_BYTES", 4000)
    cli._report_size(published_size(tmp_path))
    _out, err = capsys.readouterr()
    assert err == (
        "Peringatan: situs 0,0 MB lebih besar dari batas GitHub Pages (1.000 MB); GitHub bisa menolak "
        "menerbitkannya. Foto bisa dipindah ke host lain dengan extra.media_url di mkdocs.yml; lihat bagian "
        "'Muat di hosting statis' di docs/kinerja.md.\n"
    )


def test_the_fetch_reader_finds_what_a_page_would_fetch_from_elsewhere():
    html = ('<link rel="canonical" href="https://x.test/a/"><link rel="stylesheet" href="https://cdn.test/a.css">'
            '<img src="foto.webp" srcset="a.webp 1x, //img.test/b.webp 2x"><a href="https://wa.me/62">WA</a>'
            '<div style="background:url(https://bg.test/x.png)"></div><style>@import "https://f.test/f.css";</style>')
    assert fetched_elsewhere(html, "127.0.0.1:8000") == [
        "https://cdn.test/a.css", "//img.test/b.webp", "https://bg.test/x.png", "https://f.test/f.css"]
