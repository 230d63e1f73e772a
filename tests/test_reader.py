"""No UKM file can crash the reader: damaged YAML gives only our own problems, one line each, in time.

The property tests damage a real sample file (batik-sekar-jati.yml) the ways an owner, an editor or
a copy-paste can, and feed it through `load_catalog`, the path `check` and `build` take.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFile

from catalog.errors import CatalogError, Problem
from catalog.read import photo_check, yaml_source
from catalog.read.load import load_catalog
from conftest import ROOT, draw_photo

pytestmark = pytest.mark.unit

SLUG = "batik-sekar-jati"
FILE = f"products/{SLUG}.yml"
SAMPLE = (ROOT / FILE).read_text(encoding="utf-8")
LINES = SAMPLE.splitlines()
PHOTOS = sorted(p.name for p in (ROOT / "images" / SLUG).iterdir())
# A bug shows as a crash or a hang: each example must finish well inside this (it took 40 s and
# gigabytes for an alias bomb before the reader refused aliases). Derandomized: CI sees the same examples.
def bounded(examples: int) -> settings:
    return settings(max_examples=examples, deadline=dt.timedelta(seconds=2), derandomize=True, database=None,
                    print_blob=False, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


KEY_LINE = re.compile(r"^(\s*(?:- )?)([a-z_]+):(?: (.*))?$")
# `file:line: where: message`, `file:line: message`, or `file: message` for a problem of the whole file.
SHAPE = re.compile(r"(?P<file>[^:\n]+?)(?::(?P<line>[1-9][0-9]*))?: (?P<rest>[^\n]+)")


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    """A data folder with the sample UKM's photos (small stand-ins), reused by every example."""
    folder = tmp_path_factory.mktemp("reader")
    (folder / "products").mkdir()
    for name in PHOTOS:
        draw_photo(folder / "images" / SLUG / name, (24, 16))
    return folder


def problems_of(data: Path, raw: bytes) -> list[Problem]:
    """Load the catalogue with `raw` as the UKM file, as `check` does; return the problems it reports."""
    (data / "products" / f"{SLUG}.yml").write_bytes(raw)
    try:
        load_catalog(data)
    except CatalogError as exc:
        return exc.problems
    return []


def assert_own_problems(problems: list[Problem], raw: bytes) -> None:
    """Every problem is ours: one line, at a line of this file (or about the whole file), in Indonesian."""
    last_line = len(re.split(rb"\r\n|\r|\n", raw))
    for problem in problems:
        text = str(problem)
        match = SHAPE.fullmatch(text)
        assert match, text
        assert match["file"] == problem.file == FILE
        assert problem.message and problem.message == problem.message.strip(), text
        if problem.line is None:
            assert problem.where == "", f"only a problem of the whole file may lack a line: {text}"
        else:
            assert 1 <= problem.line <= last_line, text
            assert match["rest"] == (f"{problem.where}: {problem.message}" if problem.where else problem.message)
        assert not re.search(r"Input should|Traceback|object has no attribute|Error\b", problem.message), text


def test_the_sample_file_itself_loads(data):
    assert problems_of(data, SAMPLE.encode()) == []


# --------------------------------------------------------------------------- damaged lines

def _damage(lines: list[str], operation: tuple) -> list[str]:
    kind, at, amount = operation
    lines = list(lines) or [""]
    i = at % len(lines)
    if kind == "drop":
        del lines[i]
    elif kind == "repeat":
        lines[i:i] = lines[i: i + 1 + amount % 3]
    elif kind == "cut":
        lines[i] = lines[i][: amount % (len(lines[i]) + 1)]
    elif kind == "indent":
        lines[i] = " " * (amount % 9) + lines[i].lstrip()
    elif kind == "swap":
        j = (at + 1 + amount) % len(lines)
        lines[i], lines[j] = lines[j], lines[i]
    else:  # the file ends early, as a half-finished upload
        lines = lines[: i + 1]
    return lines


operations = st.tuples(st.sampled_from(["drop", "repeat", "cut", "indent", "swap", "end"]),
                       st.integers(0, 10_000), st.integers(0, 10_000))


@bounded(700)
@given(st.lists(operations, min_size=1, max_size=5))
def test_damaged_lines_give_only_our_problems(data, damage):
    lines = LINES
    for operation in damage:
        lines = _damage(lines, operation)
    raw = ("\n".join(lines) + "\n").encode()
    assert_own_problems(problems_of(data, raw), raw)


# --------------------------------------------------------------------------- values of every YAML type

plain = st.one_of(
    st.sampled_from(["", "~", "null", "NULL", "true", "no", "yes", "off", "0", "-1", "012", "0x1F", "0o17", "1e3",
                     ".inf", "-.nan", "2026-13-45", "2026-05-02", "350.000", "150rb", "Rp 1", "a: b", "- x", "#x",
                     "@x", "`x", "%x", "|", ">", "? x", "{", "[", "'", '"', "\\", "---", "...", "<<"]),
    st.integers(-10**30, 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20),
)
quoted = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30).map(json.dumps)
huge = st.integers(4_990, 300_000).map(lambda n: "x" * n)
tagged = st.tuples(st.sampled_from(["!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!!set", "!!map",
                                    "!!python/object/apply:os.system", "!lokal", "!", "!<tag:x,2026:y>"]),
                   plain).map(" ".join)
anchored = st.one_of(
    plain.map(lambda v: f"&a {v}"), st.just("*a"), st.just("&a [*a]"), st.just("{<<: *a}"),
    st.integers(2, 30).map(lambda n: "&a [" + ", ".join(["x"] * n) + "]"),
)
nested = st.integers(1, 5_000).map(lambda n: "[" * n + "]" * n)
flow = st.recursive(
    st.one_of(plain.filter(lambda v: not re.search(r"[\[\]{},:#&*!|>'\"%@`?-]", v)), quoted),
    lambda inner: st.one_of(st.lists(inner, max_size=6).map(lambda xs: "[" + ", ".join(xs) + "]"),
                            st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), inner, max_size=4)
                            .map(lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}")),
    max_leaves=12)
values = st.one_of(plain, quoted, huge, tagged, anchored, nested, flow,
                   st.integers(0, 400).map(lambda n: "[" + ", ".join(["a.jpg"] * n) + "]"))


def _block(value: str, indent: int, kind: int) -> str:
    """The value written as a block under its key: a list, a `kunci: nilai` block, or a literal."""
    pad = " " * (indent + 2)
    return ["\n" + pad + "- " + value, "\n" + pad + "kunci: " + value, " |\n" + pad + value][kind]


@bounded(800)
@given(st.lists(st.tuples(st.integers(0, 10_000), values, st.integers(0, 3)), min_size=1, max_size=3))
def test_values_of_every_yaml_type_give_only_our_problems(data, replacements):
    lines = list(LINES)
    keyed = [i for i, line in enumerate(lines) if KEY_LINE.match(line)]
    for at, value, style in replacements:
        i = keyed[at % len(keyed)]
        head, key, _ = KEY_LINE.match(LINES[i]).groups()
        written = f" {value}" if style == 3 else _block(value, len(head), style)
        lines[i] = f"{head}{key}:{written}"
    raw = ("\n".join(lines) + "\n").encode()
    assert_own_problems(problems_of(data, raw), raw)


# --------------------------------------------------------------------------- damaged bytes

damages = st.tuples(st.integers(0, 10**6), st.sampled_from([
    b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x00", b"\x07", b"\x1b[31m", b"\x7f", b"\xc2\x85",
    b"\xc2\x9b", b"\xef\xbb\xbf", b"\xef\xbf\xbe", b"\r", b"\r\n", b"\t", b"\xe2\x80\xa8", b"\\", b"\"", b"'", b":",
]), st.booleans())


@bounded(500)
@given(st.lists(damages, min_size=1, max_size=4), st.one_of(st.none(), st.integers(0, 10**6)))
def test_damaged_bytes_give_only_our_problems(data, inserts, cut):
    raw = SAMPLE.encode()
    for at, inserted, replace in inserts:
        i = at % (len(raw) + 1)
        raw = raw[:i] + inserted + raw[i + len(inserted) if replace else i:]
    if cut is not None:
        raw = raw[: cut % (len(raw) + 1)]
    assert_own_problems(problems_of(data, raw), raw)


# --------------------------------------------------------------------------- the crashes of issue 11, one by one

GOOD = """\
nama: Batik Uji
desa: Kedungjenar
whatsapp: "0812-3456-7890"
produk:
  - nama: Batik Tulis
    kategori: batik
    harga: 350000
    foto: [a.jpg]
"""


def lines_of(tmp_path: Path, text: str | bytes) -> list[str]:
    """Load a one-UKM catalogue (photo a.jpg present) and return its problems as owners read them."""
    (tmp_path / "products").mkdir(exist_ok=True)
    raw = text.encode() if isinstance(text, str) else text
    (tmp_path / "products" / "batik-uji.yml").write_bytes(raw)
    draw_photo(tmp_path / "images" / "batik-uji" / "a.jpg", (40, 40))
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path)
    return [str(p) for p in caught.value.problems]


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path):
    """Nine levels of nine aliases: a billion items once expanded (it ended in MemoryError after 40 s)."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [{', '.join(['*' + before] * 9)}]\n" for before, name in zip("abcdefgh", "bcdefghi", strict=True))
    started = time.monotonic()
    found = lines_of(tmp_path, bomb)
    assert time.monotonic() - started < 2
    assert found[:3] == [
        "products/batik-uji.yml:1: a: `&a` (jangkar YAML) tidak dipakai di format ini; hapus `&a` dan tulis nilainya saja",
        "products/batik-uji.yml:2: b: `&b` (jangkar YAML) tidak dipakai di format ini; hapus `&b` dan tulis nilainya saja",
        "products/batik-uji.yml:2: b: `*a` (alias YAML) tidak dipakai di format ini; tulis nilainya langsung di sini",
    ]
    assert len(found) == 9 + 8  # every anchor, and the aliases of each line (nine alike are said once)


def test_a_list_nested_thousands_deep_is_refused(tmp_path):
    """It ended in RecursionError."""
    # libyaml stops at 1,000 levels, so 5,000 are read again by the pure-Python parser; 500 are not:
    # the message is the same whichever parser refused the brackets.
    for depth in (5000, 500):
        text = GOOD.replace("nama: Batik Uji", "nama: " + "[" * depth + "]" * depth)
        assert lines_of(tmp_path, text) == [
            "products/batik-uji.yml:1: susunan terlalu dalam (lebih dari 10 tingkat); periksa indentasi"]


def test_a_product_written_as_plain_text_is_explained(tmp_path):
    """It ended in AttributeError: 'str' object has no attribute 'get' (while photos were checked)."""
    text = GOOD.replace("  - nama: Batik Tulis", "  - Batik Tulis\n  - nama: Batik Tulis").replace("kategori: batik", "kategori: batk")
    assert lines_of(tmp_path, text) == [
        "products/batik-uji.yml:5: produk[1]: harus berupa kumpulan `kunci: nilai`",
        'products/batik-uji.yml:7: produk[2].kategori: kategori "batk" tidak dikenal; pilih salah satu: '
        'batik, busana, makanan, kerajinan; maksud Anda "batik"?',
    ]


@pytest.mark.parametrize("written, expected", [
    ("harga: !!int 350000", "7: produk[1].harga: `!!int` (tag YAML) tidak dipakai di format ini; hapus `!!int` dan tulis nilainya saja"),
    ("harga: !!python/object/apply:os.system [ls]", "7: produk[1].harga: `!!python/object/apply:os.system` (tag YAML) "
                                                    "tidak dipakai di format ini; hapus `!!python/object/apply:os.system` dan tulis nilainya saja"),
    ("harga: &harga 350000", "7: produk[1].harga: `&harga` (jangkar YAML) tidak dipakai di format ini; hapus `&harga` dan tulis nilainya saja"),
])
def test_tags_and_anchors_are_refused(tmp_path, written, expected):
    assert lines_of(tmp_path, GOOD.replace("harga: 350000", written)) == [f"products/batik-uji.yml:{expected}"]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    text = GOOD + "cerita: |\n" + ("  " + "kata " * 14 + "\n") * 4000
    assert len(text.encode()) > yaml_source.MAX_YAML_BYTES == 256 * 1024
    assert lines_of(tmp_path, text) == ["products/batik-uji.yml: berkas lebih dari 256 KB; persingkat teksnya"]


def test_lists_keys_and_texts_have_limits(tmp_path):
    many_photos = "foto: [" + ", ".join(f"f{i}.jpg" for i in range(201)) + "]"
    text = GOOD.replace("foto: [a.jpg]", many_photos) + "cerita: " + "x" * 10_001 + "\n"
    assert lines_of(tmp_path, text) == [
        "products/batik-uji.yml:8: produk[1].foto: daftar terlalu panjang (lebih dari 200 butir)",
        "products/batik-uji.yml:9: cerita: teks terlalu panjang (10001 huruf, batas 10000)",
    ]
    keys = GOOD + "".join(f"kunci{i}: x\n" for i in range(200))
    assert lines_of(tmp_path, keys) == ["products/batik-uji.yml:1: terlalu banyak kunci (lebih dari 200)"]


def test_the_model_speaks_first_for_a_text_just_over_its_own_limit(tmp_path):
    assert lines_of(tmp_path, GOOD + "cerita: " + "x" * 5001 + "\n") == [
        "products/batik-uji.yml:9: cerita: terlalu panjang: maksimal 5000 huruf"]


@pytest.mark.parametrize("raw, expected", [
    (GOOD.encode().replace(b"Batik Uji", b"Batik \xffUji"), "1: berkas harus disimpan sebagai teks UTF-8"),
    (GOOD.encode().replace(b"Kedungjenar", b"Kedung\x00jenar"),
     "2: ada karakter tak terlihat (U+0000) di kolom 13; hapus karakter itu (biasanya terbawa saat menyalin teks)"),
    (GOOD.encode().replace(b"Batik Tulis", b"Batik\xc2\x9bTulis"),
     "5: ada karakter tak terlihat (U+009B) di kolom 16; hapus karakter itu (biasanya terbawa saat menyalin teks)"),
])
def test_bytes_that_are_no_text(tmp_path, raw, expected):
    assert lines_of(tmp_path, raw) == [f"products/batik-uji.yml:{expected}"]


def test_invisible_characters_written_as_escapes_are_shown_as_escapes(tmp_path):
    """A double-quoted "\\x07" reads back as typed (the web form writes any text so); a message shows it."""
    text = GOOD.replace("kategori: batik", 'kategori: "batik\\x07\\n"')
    assert lines_of(tmp_path, text) == [
        'products/batik-uji.yml:6: produk[1].kategori: kategori "batik\\x07\\n" tidak dikenal; pilih salah satu: '
        'batik, busana, makanan, kerajinan; maksud Anda "batik"?']


def test_half_an_emoji_written_as_an_escape_is_refused(tmp_path):
    """JSON writes 😀 as "\\ud83d\\ude00"; YAML reads two halves that no page can hold."""
    text = GOOD.replace("nama: Batik Uji", 'nama: "Batik \\ud83d\\ude00"')
    assert lines_of(tmp_path, text) == [
        "products/batik-uji.yml:1: nama: kode `\\ud83d` bukan huruf yang bisa disimpan; tulis hurufnya langsung"]


def test_a_second_document_is_refused(tmp_path):
    assert lines_of(tmp_path, GOOD + "---\nnama: Lain\n") == [
        "products/batik-uji.yml:9: YAML tidak valid, kolom 1: berkas hanya boleh berisi satu dokumen "
        "(hapus baris `---` tambahan)"]


def test_a_photo_name_too_long_for_a_file_system(tmp_path):
    """A 300-letter name made Path.is_file() raise 'File name too long'."""
    text = GOOD.replace("foto: [a.jpg]", "foto: [" + "a" * 300 + ".jpg]")
    assert lines_of(tmp_path, text) == [
        "products/batik-uji.yml:8: produk[1].foto[1]: nama berkas foto terlalu panjang (304 huruf, maksimal 100); "
        "ganti nama fotonya menjadi lebih pendek"]


# --------------------------------------------------------------------------- photos, decoded once

def jpeg_bytes(size=(900, 600)) -> bytes:
    image = Image.new("RGB", size, (150, 90, 40)).effect_spread(3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def test_a_truncated_jpeg_is_found_by_the_reduced_decode(tmp_path, monkeypatch):
    """Only a 1/8 scale is decoded, yet every byte is read: a JPEG cut short by 10 bytes fails."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint leaves it, once imported
    whole = jpeg_bytes()
    (tmp_path / "utuh.jpg").write_bytes(whole)
    (tmp_path / "potong.jpg").write_bytes(whole[:-10])
    checked = photo_check.check_photos(tmp_path, [(tmp_path / "utuh.jpg", "utuh.jpg"),
                                                  (tmp_path / "potong.jpg", "potong.jpg")], remember=False)
    assert [message for _digest, message in checked] == [
        None, 'foto "potong.jpg" rusak atau terpotong; salin ulang dari ponsel atau kirim foto aslinya']
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # given back as it was found


def test_broken_photos_are_found_with_every_other_problem(tmp_path):
    whole = jpeg_bytes()
    text = GOOD.replace("foto: [a.jpg]", "foto: [a.jpg, potong.jpg, teks.jpg, acak.png]").replace("harga: 350000", "harga: 150rb")
    (tmp_path / "images" / "batik-uji").mkdir(parents=True)
    (tmp_path / "images" / "batik-uji" / "potong.jpg").write_bytes(whole[: len(whole) // 2])  # a valid header
    (tmp_path / "images" / "batik-uji" / "teks.jpg").write_bytes(b"nama,harga\nbatik,350000\n")
    png = io.BytesIO()
    Image.new("RGB", (64, 64), (1, 2, 3)).save(png, "PNG")
    (tmp_path / "images" / "batik-uji" / "acak.png").write_bytes(png.getvalue()[:60] + bytes(range(256)) * 4)
    assert lines_of(tmp_path, text) == [
        'products/batik-uji.yml:7: produk[1].harga: tulis angka lengkap tanpa singkatan "rb", contoh 150000',
        'products/batik-uji.yml:8: produk[1].foto[2]: foto "potong.jpg" rusak atau terpotong; '
        "salin ulang dari ponsel atau kirim foto aslinya",
        'products/batik-uji.yml:8: produk[1].foto[3]: "teks.jpg" bukan foto yang bisa dibaca (isinya bukan JPG, PNG, '
        "WebP, HEIC, AVIF atau GIF); simpan ulang sebagai JPG",
        'products/batik-uji.yml:8: produk[1].foto[4]: foto "acak.png" rusak atau terpotong; '
        "salin ulang dari ponsel atau kirim foto aslinya",
    ]


def test_a_photo_is_decoded_once_per_content(tmp_path, monkeypatch):
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "batik-uji.yml").write_text(GOOD, encoding="utf-8")
    photo = tmp_path / "images" / "batik-uji" / "a.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(jpeg_bytes())
    decoded = []
    real = photo_check.decode
    monkeypatch.setattr(photo_check, "decode", lambda path, *args: decoded.append(path.name) or real(path, *args))
    load_catalog(tmp_path)
    (tmp_path / "products" / "batik-uji.yml").write_text(GOOD.replace("350000", "360000"), encoding="utf-8")
    load_catalog(tmp_path)  # the file is read again, the photo's bytes are known: not decoded again
    photo.write_bytes(jpeg_bytes((900, 599)))
    load_catalog(tmp_path)  # new bytes under the same name: decoded
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2])
    for _ in range(2):  # a broken photo is not remembered: decoded (and refused) each time
        with pytest.raises(CatalogError):
            load_catalog(tmp_path)
    assert decoded == ["a.jpg"] * 4
