"""The photo pipeline on generated photos: orientation, privacy, colour, limits, cache, markup, browser."""

from __future__ import annotations

import io
import os
import re
import signal
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFile

from catalog.photos import engine, store
from catalog.photos.formats import CARD, FULL, JPEG, WEBP, Format, Preset, Request
from catalog.photos.publish import publish
from catalog.photos.work import Progress, Result, process
from conftest import make_mini
from test_build import run

ROOT = Path(__file__).resolve().parent.parent
RED, BLUE, GREEN = (220, 30, 30), (30, 40, 210), (20, 170, 60)


# --------------------------------------------------------------------------- fixtures made on the spot

def marked(size: tuple[int, int]) -> Image.Image:
    """An upright test picture: grey, a red block top-left, a blue block bottom-right."""
    image = Image.new("RGB", size, (128, 128, 128))
    w, h = size
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, w // 5, h // 4), fill=RED)
    draw.rectangle((w - w // 5, h - h // 4, w, h), fill=BLUE)
    return image


def near(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def png_bytes(width: int, height: int, bit_depth: int, colour_type: int, rows) -> bytes:
    """Write a PNG by hand (for 16-bit colour and huge canvases Pillow will not make for us)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    packer = zlib.compressobj(9)
    body = b"".join(packer.compress(b"\0" + row) for row in rows) + packer.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


def bomb_png(path: Path, side: int = 30_000) -> Path:
    """A complete, valid 1-bit PNG of side × side pixels that is about 100 KB on disk."""
    row = bytes(side // 8)
    path.write_bytes(png_bytes(side, side, 1, 0, (row for _ in range(side))))
    return path


def swapped_primaries_icc() -> bytes:
    """A tiny ICC v2 RGB profile whose red primary is sRGB's green and green is sRGB's red."""
    def s15(v: float) -> bytes:
        return struct.pack(">i", round(v * 65536))

    def xyz(x, y, z) -> bytes:
        return b"XYZ " + bytes(4) + s15(x) + s15(y) + s15(z)
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, 0x0233) + bytes(2)  # gamma 2.2
    text = b"Swapped primaries\0"
    desc = b"desc" + bytes(4) + struct.pack(">I", len(text)) + text + bytes(4 + 4 + 2 + 1 + 67)
    desc += bytes(-len(desc) % 4)
    tags = [(b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(0.3851, 0.7169, 0.0971)),
            (b"gXYZ", xyz(0.4361, 0.2225, 0.0139)), (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for sig, body in tags:
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"lcms" + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ " + bytes(12)
              + b"acsp" + bytes(4 * 4 + 8) + struct.pack(">I", 0) + s15(0.9642) + s15(1.0) + s15(0.8249) + bytes(4 + 16 + 28))
    return header + struct.pack(">I", len(tags)) + table + data


def gps_exif(orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "RahasiaPhone"  # Make
    exif[0x0110] = "Model X-1"
    if orientation:
        exif[0x0112] = orientation
    exif.get_ifd(0x8769)[0xA431] = "SERIAL-0042"  # BodySerialNumber
    gps = exif.get_ifd(0x8825)
    gps.update({1: "S", 2: (6.0, 58.0, 12.34), 3: "E", 4: (111.0, 25.0, 6.78)})
    return exif


def all_outputs(result: Result, cache: Path) -> list[Path]:
    return sorted({cache / o.name for r in result.renditions.values() for rd in r.values() for o in rd.outputs})


def publish_one(tmp_path: Path, path: Path, presets=(FULL,), focus=(0.5, 0.5)) -> tuple[Result, Path]:
    cache = tmp_path / "cache"
    result = process([Request(path, presets, focus)], cache, workers=1)
    assert result.problems == {}
    return result, cache


# --------------------------------------------------------------------------- orientation and crops

@pytest.mark.unit
def test_exif_orientation_6_comes_out_upright(tmp_path):
    upright = marked((300, 400))
    # Orientation 6 means "rotate 90° clockwise to show": store the picture turned the other way.
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    path = tmp_path / "miring.jpg"
    stored.save(path, quality=95, exif=gps_exif(orientation=6))
    assert Image.open(path).size == (400, 300)
    result, cache = publish_one(tmp_path, path)
    for output in all_outputs(result, cache):
        with Image.open(output) as image:
            image = image.convert("RGB")
            w, h = image.size
            assert h > w, output.name
            assert near(image.getpixel((2, 2)), RED) and near(image.getpixel((w - 3, h - 3)), BLUE), output.name
            assert near(image.getpixel((w - 3, 2)), (128, 128, 128)), output.name


@pytest.mark.unit
def test_cards_are_square_and_crop_around_the_focus(tmp_path):
    path = tmp_path / "lebar.png"
    marked((800, 400)).save(path)  # red block at the left edge, blue at the right
    left, cache = publish_one(tmp_path, path, (CARD,), focus=(0.0, 0.5))
    right = process([Request(path, (CARD,), (1.0, 0.5))], cache, workers=1)
    centre = process([Request(path, (CARD,))], cache, workers=1)
    for result, (x_red, x_blue) in ((left, (True, False)), (right, (False, True)), (centre, (False, False))):
        rendition = next(iter(result.renditions.values()))["kartu"]
        assert {(o.width, o.height) for o in rendition.outputs} == {(200, 200), (300, 300), (400, 400)}  # never enlarged
        with Image.open(cache / rendition.of(JPEG)[-1].name) as image:
            image = image.convert("RGB")
            assert image.size == (400, 400)
            assert near(image.getpixel((3, 3)), RED) is x_red
            assert near(image.getpixel((396, 396)), BLUE) is x_blue


# --------------------------------------------------------------------------- privacy

@pytest.mark.unit
def test_gps_exif_xmp_icc_and_comments_never_reach_an_output(tmp_path):
    path = tmp_path / "rumah.jpg"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><rdf:Description exif:GPSLatitude="6,58S"/></rdf:RDF></x:xmpmeta>'
    marked((640, 480)).save(path, quality=90, exif=gps_exif(), icc_profile=icc, comment=b"alamat rumah", xmp=xmp)
    with Image.open(path) as source:
        assert source.getexif().get_ifd(0x8825) and "xmp" in source.info and "comment" in source.info
    result, cache = publish_one(tmp_path, path, (CARD, FULL))
    outputs = all_outputs(result, cache)
    # card: 480 px crop → 200, 300, 400, 480; full: 640 px → 480, 640 (never enlarged); JPEG: one of each
    assert {p.suffix for p in outputs} == {".avif", ".webp", ".jpg"} and len(outputs) == 2 * (4 + 2) + 2
    for output in outputs:
        data = output.read_bytes()
        for secret in (b"Exif", b"RahasiaPhone", b"SERIAL-0042", b"xmpmeta", b"alamat rumah", b"ICC_PROFILE", b"GPS"):
            assert secret not in data, (output.name, secret)
        with Image.open(output) as image:
            assert len(image.getexif()) == 0, output.name
            assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(image.info), output.name


# --------------------------------------------------------------------------- colour and odd inputs

def _only_output(tmp_path: Path, path: Path) -> Image.Image:
    result, cache = publish_one(tmp_path, path)
    with Image.open(cache / next(iter(result.renditions.values()))["utuh"].of(JPEG)[-1].name) as image:
        assert image.mode == "RGB" and "icc_profile" not in image.info
        return image.copy()


@pytest.mark.unit
def test_cmyk_jpeg_becomes_srgb(tmp_path):
    path = tmp_path / "cmyk.jpg"
    image = Image.new("CMYK", (200, 100), (0, 0, 0, 0))  # white
    image.paste((0, 255, 255, 0), (0, 0, 100, 100))       # red ink
    image.save(path, quality=95)
    out = _only_output(tmp_path, path)
    assert near(out.getpixel((20, 50)), (255, 0, 0), 50) and near(out.getpixel((180, 50)), (255, 255, 255), 20)


@pytest.mark.unit
def test_embedded_icc_profile_is_converted_to_srgb(tmp_path):
    path = tmp_path / "profil.png"
    Image.new("RGB", (100, 100), (255, 0, 0)).save(path, icc_profile=swapped_primaries_icc())
    out = _only_output(tmp_path, path)
    # The file's "red" is sRGB green under its profile; ignoring the profile would give red.
    assert near(out.getpixel((50, 50)), (0, 255, 0), 60), out.getpixel((50, 50))


@pytest.mark.unit
def test_16_bit_pngs_keep_their_tones(tmp_path):
    gray = tmp_path / "abu16.png"
    ramp = [struct.pack(">" + "H" * 256, *(x * 257 for x in range(256)))] * 64
    gray.write_bytes(png_bytes(256, 64, 16, 0, ramp))
    assert Image.open(gray).mode == "I;16"
    out = _only_output(tmp_path, gray)
    assert near(out.getpixel((4, 32)), (4, 4, 4), 12) and near(out.getpixel((128, 32)), (128, 128, 128), 12)
    rgb = tmp_path / "warna16.png"
    rows = [struct.pack(">" + "H" * 3 * 64, *([65535, 0, 0] * 32 + [0, 0, 32896] * 32))] * 32
    rgb.write_bytes(png_bytes(64, 32, 16, 2, rows))
    out = _only_output(tmp_path / "b", rgb)
    assert near(out.getpixel((8, 16)), (255, 0, 0), 30) and near(out.getpixel((56, 16)), (0, 0, 128), 30)


@pytest.mark.unit
def test_palette_png_with_transparency_lands_on_white(tmp_path):
    path = tmp_path / "stiker.png"
    image = Image.new("P", (120, 60), 0)
    image.putpalette([0, 0, 0, *GREEN] + [0] * (256 * 3 - 6))
    ImageDraw.Draw(image).rectangle((60, 0, 120, 60), fill=1)
    image.save(path, transparency=0)
    out = _only_output(tmp_path, path)
    assert near(out.getpixel((20, 30)), (255, 255, 255), 10) and near(out.getpixel((100, 30)), GREEN, 20)


@pytest.mark.unit
def test_grayscale_jpeg_becomes_rgb(tmp_path):
    path = tmp_path / "abu.jpg"
    Image.new("L", (100, 100), 90).save(path)
    pixel = _only_output(tmp_path, path).getpixel((50, 50))
    assert near(pixel, (90, 90, 90), 4) and pixel[0] == pixel[1] == pixel[2]


@pytest.mark.unit
def test_heic_is_read(tmp_path):
    path = tmp_path / "iphone.heic"
    marked((320, 240)).save(path, format="HEIF", quality=90)
    with open(path, "rb") as handle:
        assert handle.read(12)[4:12] in (b"ftypheic", b"ftypmif1", b"ftypheix")
    out = _only_output(tmp_path, path)
    assert near(out.getpixel((3, 3)), RED) and near(out.getpixel((316, 236)), BLUE)


@pytest.mark.unit
def test_animated_gif_takes_its_first_frame(tmp_path):
    path = tmp_path / "gerak.gif"
    frames = [Image.new("RGB", (80, 80), colour) for colour in (RED, BLUE, GREEN)]
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    assert Image.open(path).n_frames == 3
    assert near(_only_output(tmp_path, path).getpixel((40, 40)), RED)


# --------------------------------------------------------------------------- refusals, as the owner sees them

PHOTO_YAML = """nama: Foto Uji
desa: Kedungjenar
whatsapp: "081200000009"
produk:
  - nama: Batik Uji
    kategori: batik
    harga: 100000
    foto:
{fotos}"""


def photo_catalogue(tmp_path: Path, files: dict[str, bytes | Path]) -> Path:
    data = tmp_path / "data"
    (data / "products").mkdir(parents=True)
    folder = data / "images" / "foto-uji"
    folder.mkdir(parents=True)
    for name, content in files.items():
        if isinstance(content, Path):
            content.rename(folder / name)
        else:
            (folder / name).write_bytes(content)
    fotos = "".join(f"      - {name}\n" for name in files)
    (data / "products" / "foto-uji.yml").write_text(PHOTO_YAML.format(fotos=fotos), encoding="utf-8")
    return data


@pytest.mark.build
def test_bad_photos_are_refused_in_one_indonesian_line_each(tmp_path):
    good = io.BytesIO()
    marked((64, 48)).save(good, "JPEG")
    big = tmp_path / "besar.jpg"
    with open(big, "wb") as handle:
        handle.write(good.getvalue())
        handle.truncate(21 * 1024 * 1024)  # sparse: 21 MB on paper, nothing on disk
    data = photo_catalogue(tmp_path, {"baik.jpg": good.getvalue(), "bom.png": bomb_png(tmp_path / "bom.png"),
                                      "bukan.jpg": b"<html>ini halaman web, bukan foto</html>", "besar.jpg": big})
    out = tmp_path / "site"
    result = run("build", "--data", str(data), "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        'products/foto-uji.yml:10: produk[1].foto[2]: foto "bom.png" terlalu besar: 30000 × 30000 piksel (900 MP, '
        'batas 50 MP); perkecil fotonya atau pakai mode kamera biasa',
        'products/foto-uji.yml:11: produk[1].foto[3]: "bukan.jpg" bukan foto yang bisa dibaca (isinya bukan JPG, PNG, '
        'WebP, HEIC, AVIF atau GIF); simpan ulang sebagai JPG',
        'products/foto-uji.yml:12: produk[1].foto[4]: foto "besar.jpg" terlalu besar (21,0 MB, batas 20 MB); '
        'kirim ulang dengan ukuran lebih kecil, misalnya lewat WhatsApp',
        "3 masalah ditemukan. Perbaiki semuanya lalu jalankan lagi.",
    ]
    assert not out.exists()
    check = run("check", "--data", str(data))
    assert check.returncode == 1 and check.stderr == result.stderr


@pytest.mark.build
def test_a_truncated_jpeg_fails_the_build_without_a_traceback(tmp_path, monkeypatch):
    whole = io.BytesIO()
    marked((900, 600)).effect_spread(3).save(whole, "JPEG", quality=90)
    data = photo_catalogue(tmp_path, {"utuh.jpg": whole.getvalue(), "potong.jpg": whole.getvalue()[: len(whole.getvalue()) // 2]})
    out = tmp_path / "site"
    result = run("build", "--data", str(data), "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        'products/foto-uji.yml:10: produk[1].foto[2]: foto "potong.jpg" rusak atau terpotong; '
        "salin ulang dari ponsel atau kirim foto aslinya",
        "1 masalah ditemukan. Perbaiki semuanya lalu jalankan lagi.",
    ]
    assert not out.exists()
    # Found while reading, so nothing was published. The engine refuses it too (a photo spoilt after
    # the check): the good photo is published into the cache, nothing of the broken one is.
    folder, cache = data / "images" / "foto-uji", tmp_path / "cache"
    # The engine's own setting: WeasyPrint, imported by a brochure test, sets it to True for the whole process.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", False)
    refused = process([Request(folder / name, (CARD, FULL)) for name in ("utuh.jpg", "potong.jpg")], cache)
    assert [(r.path.name, message) for r, message in refused.problems.items()] == [
        ("potong.jpg", 'foto "potong.jpg" rusak atau terpotong; salin ulang dari ponsel atau kirim foto aslinya')]
    records = {store.RECORD, store.USES}
    entries = [p for p in cache.iterdir() if p.name not in records]
    assert entries and not [p for p in entries if p.name.endswith(".tmp")]
    for entry in entries:
        if entry.suffix != ".json":
            Image.open(entry).load()


@pytest.mark.unit
def test_pixel_limit_is_refused_before_decoding(tmp_path):
    path = bomb_png(tmp_path / "bom.png", side=8000)  # 64 MP: over the limit, under Pillow's hard stop
    started = time.process_time()
    message = engine.check_file(path, "bom.png")
    assert message.startswith('foto "bom.png" terlalu besar: 8000 × 8000 piksel (64 MP, batas 50 MP)')
    assert time.process_time() - started < 0.5


# --------------------------------------------------------------------------- cache

@pytest.mark.unit
def test_cache_is_reused_and_invalidated_by_exactly_what_changed(tmp_path):
    path = tmp_path / "foto.jpg"
    marked((900, 600)).save(path, quality=90)
    cache = tmp_path / "cache"
    first = process([Request(path, (CARD, FULL))], cache, workers=1)
    assert first.processed == 1
    # Only the note of when each use last ran is written again (see test_prune_keeps_what_the_last_build_used).
    stamps = {p.name: p.stat().st_mtime_ns for p in cache.iterdir() if p.name != store.USES}
    again = process([Request(path, (CARD, FULL))], cache, workers=1)
    assert again.processed == 0 and again.renditions == first.renditions
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir() if p.name != store.USES} == stamps  # not rewritten

    # A new AVIF setting redoes the AVIF files only.
    avif = Format("avif", "image/avif", "AVIF", (("quality", 40), ("speed", 8), ("max_threads", 1)))
    card = Preset("kartu", 1.0, CARD.widths, (avif, WEBP, JPEG), CARD.budget, CARD.fallback_width)
    changed = process([Request(path, (card, FULL))], cache, workers=1)
    old = {o.name for o in first.renditions[Request(path, (CARD, FULL))]["kartu"].outputs}
    new = {o.name for o in changed.renditions[Request(path, (card, FULL))]["kartu"].outputs}
    assert {n for n in new - old} == {n for n in new if n.endswith(".avif")} and len(new - old) == 5
    assert all(cache.joinpath(n).stat().st_mtime_ns == stamps[n] for n in new & old)

    # A new focus recuts the card, not the full view; new bytes redo everything.
    focused = process([Request(path, (CARD, FULL), (0.0, 0.5))], cache, workers=1)
    by_preset = focused.renditions[Request(path, (CARD, FULL), (0.0, 0.5))]
    assert {o.name for o in by_preset["kartu"].outputs}.isdisjoint(old)
    assert by_preset["utuh"] == first.renditions[Request(path, (CARD, FULL))]["utuh"]
    marked((900, 600)).rotate(180).save(path, quality=90)
    edited = process([Request(path, (CARD, FULL))], cache, workers=1)
    assert edited.processed == 1
    assert {o.name for o in edited.renditions[Request(path, (CARD, FULL))]["utuh"].outputs}.isdisjoint(stamps)


@pytest.mark.unit
def test_same_photo_gives_the_same_bytes(tmp_path):
    path = tmp_path / "foto.jpg"
    marked((700, 500)).effect_spread(5).save(path, quality=90)
    a = process([Request(path, (CARD, FULL))], tmp_path / "a", workers=1)
    b = process([Request(path, (CARD, FULL))], tmp_path / "b", workers=1)
    assert a.renditions == b.renditions
    for output in all_outputs(a, tmp_path / "a"):
        assert output.read_bytes() == (tmp_path / "b" / output.name).read_bytes()


@pytest.mark.build
def test_a_build_killed_halfway_leaves_no_broken_entry(tmp_path):
    sources = []
    for i in range(4):
        sources.append(tmp_path / f"foto-{i}.jpg")
        marked((1600, 1200)).rotate(i * 30).effect_spread(4).save(sources[-1], quality=92)
    requests = [Request(s, (CARD, FULL)) for s in sources]
    cache = tmp_path / "cache"
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); from pathlib import Path; "
              "from catalog.photos.formats import CARD, FULL, Request; from catalog.photos.work import process; "
              f"process([Request(Path(p), (CARD, FULL)) for p in {[str(s) for s in sources]!r}], "
              f"Path({str(cache)!r}), workers=2)")
    worker = subprocess.Popen([sys.executable, "-c", script], start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(cache.glob("*.avif")):
        time.sleep(0.01)
    os.killpg(worker.pid, signal.SIGKILL)
    assert worker.wait() == -signal.SIGKILL, "the kill should land mid-build"
    left = {p.name for p in cache.iterdir() if not p.name.endswith(".tmp")}
    assert left and len([n for n in left if n.endswith(".json")]) < 1 + 2 * len(sources)
    for name in left:
        if not name.endswith(".json"):
            Image.open(cache / name).load()  # every published name is a whole image; partial writes keep a .tmp name
    resumed = process(requests, cache, workers=1)
    assert resumed.problems == {} and resumed.processed >= 1
    clean = process(requests, tmp_path / "clean", workers=1)
    assert resumed.renditions == clean.renditions
    for output in all_outputs(clean, tmp_path / "clean"):
        assert (cache / output.name).read_bytes() == output.read_bytes(), output.name


def names_of(result: Result, *requests: Request) -> set[str]:
    """Every cache file the renditions of these requests use: outputs and entry records."""
    return {n for request in requests for r in result.renditions[request].values()
            for n in (r.entry, *(o.name for o in r.outputs))}


@pytest.mark.unit
def test_prune_keeps_what_the_last_build_used(tmp_path):
    one, two = tmp_path / "satu.png", tmp_path / "dua.png"
    marked((500, 400)).save(one)
    marked((400, 500)).save(two)
    cache = tmp_path / "cache"
    square = Preset("persegi", 1.0, (300,), (JPEG,))  # another use of the same cache, e.g. the link previews
    both = process([Request(one, (FULL,)), Request(two, (FULL,))], cache, workers=1)
    squares = process([Request(one, (square,))], cache, workers=1)  # in an earlier build only
    (cache / "catatan.txt").write_text("bukan milik cache")
    started = time.time()
    time.sleep(0.01)
    last = process([Request(one, (FULL,))], cache, workers=1)  # the last build: photo one, full view
    used = names_of(last, Request(one, (FULL,)))
    other = names_of(both, Request(two, (FULL,)))
    square_files = names_of(squares, Request(one, (square,)))
    assert len(other) == 3 + 1 and len(square_files) == 1 + 1  # 400 px: one width in 3 formats; and the records
    # Without a time: what the latest run of each use needed stays (the square's files too).
    assert store.prune(cache) == len(other)
    assert {p.name for p in cache.iterdir()} == used | square_files | {"catatan.txt", store.RECORD, store.USES}
    # Since the last build started: only what it used.
    assert store.prune(cache, since=started) == len(square_files)
    assert {p.name for p in cache.iterdir()} == used | {"catatan.txt", store.RECORD, store.USES}
    assert process([Request(one, (FULL,))], cache, workers=1).processed == 0
    assert process([Request(one, (square,))], cache, workers=1).processed == 1


@pytest.mark.unit
def test_prune_without_a_readable_record_removes_only_stale_temporary_files(tmp_path):
    path = tmp_path / "satu.png"
    marked((500, 400)).save(path)
    cache = tmp_path / "cache"
    process([Request(path, (FULL,))], cache, workers=1)
    (cache / store.RECORD).write_bytes(b"rusak")
    stale, fresh = cache / ".abc.jpg.1-2.tmp", cache / ".abc.jpg.3-4.tmp"
    for temp in (stale, fresh):
        temp.write_bytes(b"setengah")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    before = {p.name for p in cache.iterdir()}
    assert store.prune(cache, since=time.time()) == 1
    assert {p.name for p in cache.iterdir()} == before - {stale.name}


@pytest.mark.unit
def test_progress_shows_count_and_eta_only_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True
    quiet, loud = io.StringIO(), Terminal()
    for stream in (quiet, loud):
        bar = Progress(2, stream)
        bar.step()
        bar.step()
        bar.close()
    assert quiet.getvalue() == ""
    text = loud.getvalue()
    assert "Foto 0/2" in text and "Foto 2/2" in text and "sisa ±0:00" in text and text.endswith("\n")


# --------------------------------------------------------------------------- markup and the browser

@pytest.mark.unit
def test_pages_carry_matching_srcset_sizes_width_and_height(mini):
    from catalog.read.load import load_catalog
    from catalog.web.pages import SiteInfo, render
    catalog = load_catalog(mini)
    published = publish(catalog)
    pages = render(catalog, SiteInfo("https://contoh.example/", "Uji"), published).pages
    page = pages["ukm/batik-contoh/kemeja-batik-cap/index.md"].body
    pictures = re.findall(r"<picture>(.*?)</picture>", page)
    assert len(pictures) == 2 + 1  # two gallery photos, one card for the other product
    seen = 0
    for picture in pictures:
        img = re.search(r"<img ([^>]*)>", picture)[1]
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', img))
        sources = re.findall(r'<source type="([^"]+)" srcset="([^"]+)" sizes="([^"]+)">', picture)
        assert [s[0] for s in sources] == ["image/avif", "image/webp"]
        assert sources[0][2] == sources[1][2] and "srcset" not in attrs and "sizes" not in attrs
        attrs["sizes"] = sources[0][2]
        for srcset in [s[1] for s in sources] + [f"{attrs['src']} {attrs['src'].rsplit('-', 1)[1].split('.')[0]}w"]:
            for candidate in srcset.split(", "):
                url, descriptor = candidate.split(" ")
                assert re.fullmatch(r"(\.\./)+foto/[0-9a-f]{12}-\d+\.(avif|webp|jpg)", url)
                with Image.open(published.cache_dir / url.rsplit("/", 1)[1]) as image:
                    assert descriptor == f"{image.width}w"
                    # width/height give the same shape as every file: no layout shift, no squashing
                    assert abs(image.width / image.height - int(attrs["width"]) / int(attrs["height"])) < 0.01
                seen += 1
        assert attrs["src"].endswith(".jpg")  # the one JPEG: for browsers with neither AVIF nor WebP
        assert attrs["alt"] and attrs["decoding"] == "async"
    gallery = [p for p in pictures if "rk-gallery__img" in p]
    first = dict(re.findall(r'(\w+)="([^"]*)"', re.search(r"<img ([^>]*)>", gallery[0])[1]))
    first["sizes"] = re.search(r'sizes="([^"]+)"', gallery[0])[1]
    assert first["fetchpriority"] == "high" and "loading" not in first
    assert first["style"].startswith("background: url(data:image/webp;base64,")
    assert (first["width"], first["height"]) == ("480", "640")  # kemeja.jpg is 480 × 640, never enlarged
    # A tall photo in the square gallery box is drawn at 3/4 of the box width.
    assert first["sizes"] == ("(min-width: 1600px) 482px, (min-width: 1220px) 438px, "
                              "(min-width: 800px) calc((50vw - 26px) * 0.750), calc((100vw - 32px) * 0.750)")
    second = dict(re.findall(r'(\w+)="([^"]*)"', re.search(r"<img ([^>]*)>", gallery[1])[1]))
    assert second["loading"] == "lazy" and "fetchpriority" not in second
    card = dict(re.findall(r'(\w+)="([^"]*)"', re.search(r"<img ([^>]*)>", pictures[2])[1]))
    card["sizes"] = re.search(r'sizes="([^"]+)"', pictures[2])[1]
    assert card["class"] == "rk-card__img" and card["width"] == card["height"] and card["loading"] == "lazy"
    assert card["sizes"] == "(min-width: 1600px) 243px, (min-width: 1220px) 221px, (min-width: 640px) 296px, calc(50vw - 24px)"
    assert re.fullmatch(r"background-color: #[0-9a-f]{6}", card["style"])
    assert seen >= 17  # AVIF and WebP at every width, one JPEG per picture


def textured_photo(path: Path, size=(2400, 1800)) -> Path:
    """A hard case for the byte budget: fine pattern, shapes and sensor noise all over."""
    image = Image.radial_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for i in range(0, size[0], 24):
        draw.line((i, 0, i + size[1] // 2, size[1]), fill=(150 + i % 90, 90, 40), width=6)
    for i in range(12):
        draw.ellipse((i * 190, 300 + (i % 3) * 400, i * 190 + 260, 560 + (i % 3) * 400), fill=(240, 220, 160))
    noise = Image.effect_noise((size[0] // 2, size[1] // 2), 30).resize(size).convert("RGB")
    Image.blend(image, noise, 0.18).save(path, quality=92)
    return path


@pytest.mark.browser
def test_a_card_on_a_phone_costs_at_most_30_kb(tmp_path, browser, serve):
    data = make_mini(tmp_path / "data")
    for name in ("tulis.jpg", "kemeja.jpg"):
        textured_photo(data / "images" / "batik-contoh" / name)
    out = tmp_path / "site"
    assert run("build", "--data", str(data), "--out", str(out)).returncode == 0
    base = serve(out)
    for scale in (2.0, 2.625, 3.0):  # common Android phones 412 CSS px wide
        page = browser.new_page(viewport={"width": 412, "height": 915}, device_scale_factor=scale)
        sizes: dict[str, int] = {}
        page.on("response", lambda r, sizes=sizes: sizes.__setitem__(r.url, len(r.body())) if "/foto/" in r.url else None)
        page.goto(base + "kategori/batik/")
        page.wait_for_load_state("networkidle")
        cards = page.eval_on_selector_all("img.rk-card__img", "els => els.map(e => [e.currentSrc, e.complete, "
                                          "e.naturalWidth, e.getBoundingClientRect().width, e.getBoundingClientRect().height])")
        assert cards, "no product card on the page"
        for src, complete, natural, width, height in cards:
            assert complete and src.endswith(".avif"), src
            # sharp enough for the screen: the chosen file covers most of the device pixels
            file_width = int(re.search(r"-(\d+)\.avif$", src)[1])
            assert width == height and natural == width and file_width >= 0.8 * scale * width, (src, width)
            assert sizes[src] <= 30 * 1024, (scale, src, sizes[src])
        page.close()
