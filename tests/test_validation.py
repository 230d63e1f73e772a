"""Every owner mistake gives one exact Indonesian line at file:line, all at once."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from catalog.errors import CatalogError
from catalog.read.load import load_catalog
from conftest import draw_photo
from test_build import run

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


def problems(tmp_path: Path, files: dict[str, str], photos=("batik-uji/a.jpg",)) -> list[str]:
    (tmp_path / "products").mkdir(exist_ok=True)
    for name, text in files.items():
        (tmp_path / "products" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    for photo in photos:
        draw_photo(tmp_path / "images" / photo, (40, 40))
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path)
    return [str(p) for p in caught.value.problems]


@pytest.mark.unit
def test_good_file_loads(tmp_path):
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "batik-uji.yml").write_text(GOOD)
    draw_photo(tmp_path / "images/batik-uji/a.jpg", (40, 40))
    catalog = load_catalog(tmp_path)
    [product] = catalog.products
    assert (product.url, product.ukm.desa.code, product.ukm.data.whatsapp) == (
        "ukm/batik-uji/batik-tulis/", "33.16.09.1009", "6281234567890")


@pytest.mark.unit
def test_yaml_syntax_error_has_line_and_column(tmp_path):
    text = GOOD.replace("harga: 350000", "harga: 350000: murah")
    assert problems(tmp_path, {"batik-uji.yml": text}) == [
        'products/batik-uji.yml:7: YAML tidak valid, kolom 18: ada titik dua (:) yang tidak pada tempatnya; '
        'jika teks memuat titik dua, apit teks dengan tanda kutip "..."']


@pytest.mark.unit
def test_tab_indentation(tmp_path):
    text = GOOD.replace("    kategori", "\tkategori")
    [line] = problems(tmp_path, {"batik-uji.yml": text})
    assert line.startswith("products/batik-uji.yml:6: YAML tidak valid")
    assert "tab tidak boleh dipakai" in line


@pytest.mark.unit
def test_duplicate_key(tmp_path):
    text = GOOD.replace("    harga: 350000\n", "    harga: 350000\n    harga: 300000\n")
    assert problems(tmp_path, {"batik-uji.yml": text}) == [
        "products/batik-uji.yml:8: produk[1].harga: kunci `harga` ditulis dua kali (pertama di baris 7); hapus salah satunya"]


@pytest.mark.parametrize("price, message", [
    ('"150rb"', 'tulis angka lengkap tanpa singkatan "rb", contoh 150000'),
    ("350.000", "tulis tanpa titik/koma pemisah ribuan: 350000"),
    ("-5000", '"-5000" tidak boleh negatif'),
    ("Rp 350000", 'tulis angkanya saja tanpa "Rp", contoh 350000'),
    ("0", "harus lebih dari 0"),
    ("murah", '"murah" bukan angka bulat; tulis angka saja, contoh 150000'),
    ("{dari: 250000, sampai: 150000}", "`dari` (250000) harus lebih kecil dari `sampai` (150000)"),
    ("{dari: 150000}", "rentang harga perlu `dari` dan `sampai`, contoh {dari: 150000, sampai: 250000}"),
])
@pytest.mark.unit
def test_bad_prices(tmp_path, price, message):
    text = GOOD.replace("harga: 350000", f"harga: {price}")
    assert problems(tmp_path, {"batik-uji.yml": text}) == [f"products/batik-uji.yml:7: produk[1].harga: {message}"]


@pytest.mark.unit
def test_wrong_types(tmp_path):
    text = GOOD.replace("desa: Kedungjenar", "desa: [Kedungjenar]").replace("foto: [a.jpg]", "foto: {a: b}")
    assert problems(tmp_path, {"batik-uji.yml": text}) == [
        "products/batik-uji.yml:2: desa: harus berupa teks",
        "products/batik-uji.yml:8: produk[1].foto[1]: `berkas` wajib diisi",
        "products/batik-uji.yml:8: produk[1].foto[1].a: kunci tidak dikenal `a`; kunci yang boleh: berkas, keterangan, fokus",
    ]


@pytest.mark.unit
def test_unknown_keys_suggest(tmp_path):
    text = GOOD.replace("    harga:", "    hargaa:").replace("whatsapp:", "whatsap:")
    assert problems(tmp_path, {"batik-uji.yml": text}) == [
        "products/batik-uji.yml:1: isi `whatsapp` atau `telepon` agar pembeli bisa menghubungi",
        "products/batik-uji.yml:3: whatsap: kunci tidak dikenal `whatsap`; maksud Anda \"whatsapp\"?",
        "products/batik-uji.yml:5: produk[1]: `harga` wajib diisi",
        "products/batik-uji.yml:7: produk[1].hargaa: kunci tidak dikenal `hargaa`; maksud Anda \"harga\"?",
    ]


@pytest.mark.unit
def test_missing_photo_suggests_close_name(tmp_path):
    text = GOOD.replace("foto: [a.jpg]", "foto: [b.jpg, A.jpg]")
    assert problems(tmp_path, {"batik-uji.yml": text}) == [
        'products/batik-uji.yml:8: produk[1].foto[1]: foto "b.jpg" tidak ada di images/batik-uji/; maksud Anda "a.jpg"?',
        'products/batik-uji.yml:8: produk[1].foto[2]: foto "A.jpg" tidak ada di images/batik-uji/; maksud Anda "a.jpg"?',
    ]


@pytest.mark.unit
def test_unsafe_photo_names(tmp_path):
    text = GOOD.replace("foto: [a.jpg]", "foto: [../x.jpg, /etc/passwd.jpg, notes.txt]")
    assert problems(tmp_path, {"batik-uji.yml": text}) == [
        'products/batik-uji.yml:8: produk[1].foto[1]: nama berkas foto "../x.jpg" tidak boleh memuat "/", "\\" atau ".."; '
        "tulis nama berkasnya saja dan simpan di folder images/<nama-ukm>/",
        'products/batik-uji.yml:8: produk[1].foto[2]: nama berkas foto "/etc/passwd.jpg" tidak boleh memuat "/", "\\" atau ".."; '
        "tulis nama berkasnya saja dan simpan di folder images/<nama-ukm>/",
        'products/batik-uji.yml:8: produk[1].foto[3]: "notes.txt" bukan berkas foto; gunakan .jpg, .jpeg, .png, .webp, .heic, .heif, .avif, .gif',
    ]


@pytest.mark.parametrize("desa, kecamatan, where, message", [
    ("Kedung Jenar", None, "2: desa", 'desa/kelurahan "Kedung Jenar" tidak ada di Kabupaten Blora; maksud Anda "Kedungjenar"?'),
    ("Sumberejo", None, "2: desa", 'ada 3 desa bernama "Sumberejo" (Kecamatan Japah, Ngawen, Randublatung); '
                                   "tambahkan `kecamatan:` untuk memilih"),
    ("Kedungjenar", "Cepu", "2: desa", 'desa/kelurahan "Kedungjenar" tidak ada di Kecamatan Cepu, melainkan di Kecamatan Blora'),
    ("Kedungjenar", "Bloraa", "3: kecamatan", 'kecamatan "Bloraa" tidak ada di Kabupaten Blora; maksud Anda "Blora"?'),
])
@pytest.mark.unit
def test_villages(tmp_path, desa, kecamatan, where, message):
    text = GOOD.replace("desa: Kedungjenar", f"desa: {desa}" + (f"\nkecamatan: {kecamatan}" if kecamatan else ""))
    assert problems(tmp_path, {"batik-uji.yml": text}) == [f"products/batik-uji.yml:{where}: {message}"]


@pytest.mark.unit
def test_ambiguous_village_with_kecamatan_is_accepted(tmp_path):
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "batik-uji.yml").write_text(GOOD.replace("desa: Kedungjenar", "desa: Sumberejo\nkecamatan: Japah"))
    draw_photo(tmp_path / "images/batik-uji/a.jpg", (40, 40))
    ukm = load_catalog(tmp_path).ukms[0]
    assert (ukm.kecamatan.name, ukm.desa.name, ukm.desa_url) == ("Japah", "Sumberejo", "wilayah/japah/sumberejo/")


@pytest.mark.unit
@pytest.mark.parametrize("number", ['"0296-1234"', '"12345"', '"0812-34"', '"+1 555 0100 200"'])
def test_invalid_whatsapp(tmp_path, number):
    text = GOOD.replace('"0812-3456-7890"', number)
    assert problems(tmp_path, {"batik-uji.yml": text}) == [
        f'products/batik-uji.yml:3: whatsapp: nomor WhatsApp "{number.strip(chr(34))}" tidak valid; '
        'tulis nomor HP, contoh "0812-3456-7890"']


@pytest.mark.unit
def test_two_products_same_url(tmp_path):
    text = GOOD + "  - nama: Batik  tulis!\n    kategori: batik\n    harga: 1000\n    foto: [a.jpg]\n"
    assert problems(tmp_path, {"batik-uji.yml": text}) == [
        "products/batik-uji.yml:9: produk[2].nama: alamat /ukm/batik-uji/batik-tulis/ sudah dipakai produk ke-1; "
        "ganti nama atau isi `slug:` yang berbeda"]


@pytest.mark.unit
def test_two_ukms_same_url_and_bad_file_name(tmp_path):
    assert problems(tmp_path, {"batik-uji.yml": GOOD, "batik-uji.yaml": GOOD, "Batik Uji 2.yml": GOOD}) == [
        'products/Batik Uji 2.yml: nama berkas hanya boleh huruf kecil, angka dan tanda hubung; ganti menjadi "batik-uji-2.yml"',
        "products/batik-uji.yml: alamat /ukm/batik-uji/ sudah dipakai oleh products/batik-uji.yaml; ganti nama salah satu berkas",
    ]


@pytest.mark.unit
def test_file_name_of_only_digits_is_refused(tmp_path):
    """/ukm/2/ is page 2 of the UKM index, so a UKM cannot live there."""
    assert problems(tmp_path, {"2.yml": GOOD}) == [
        'products/2.yml: nama berkas tidak boleh hanya angka; tambahkan nama usaha, misalnya "ukm-2.yml"']


@pytest.mark.unit
def test_yaml_traps_stay_text(tmp_path):
    """`no`, `012` and `350.000` are not turned into False, 10 and 350.0 behind the owner's back."""
    text = GOOD.replace("nama: Batik Uji", "nama: No").replace("    harga: 350000", "    harga: 012\n    satuan: no")
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "batik-uji.yml").write_text(text)
    draw_photo(tmp_path / "images/batik-uji/a.jpg", (40, 40))
    catalog = load_catalog(tmp_path)
    assert (catalog.ukms[0].data.nama, catalog.products[0].data.harga, catalog.products[0].data.satuan) == ("No", 12, "no")


@pytest.mark.unit
def test_every_problem_of_every_file_at_once(tmp_path):
    bad = GOOD.replace("harga: 350000", "harga: 150rb").replace("desa: Kedungjenar", "desa: Kedung Jenar")
    other = GOOD.replace("kategori: batik", "kategori: batk")
    lines = problems(tmp_path, {"batik-uji.yml": bad, "lain.yml": other})
    assert lines == [
        'products/batik-uji.yml:2: desa: desa/kelurahan "Kedung Jenar" tidak ada di Kabupaten Blora; maksud Anda "Kedungjenar"?',
        'products/batik-uji.yml:7: produk[1].harga: tulis angka lengkap tanpa singkatan "rb", contoh 150000',
        'products/lain.yml:6: produk[1].kategori: kategori "batk" tidak dikenal; pilih salah satu: batik, busana, makanan, kerajinan; maksud Anda "batik"?',
        'products/lain.yml:8: produk[1].foto[1]: foto "a.jpg" tidak ditemukan: folder images/lain/ belum ada',
    ]


@pytest.mark.unit
def test_legality_formats(tmp_path):
    text = GOOD.replace("produk:", 'legalitas:\n  nib: "12345"\n  pirt: "123456789012345"\n  halal: "33110000"\n  bpom: "MD 12"\nproduk:')
    assert problems(tmp_path, {"batik-uji.yml": text}) == [
        'products/batik-uji.yml:5: legalitas.nib: nomor NIB "12345" tidak sesuai format, contoh 1234567890123',
        'products/batik-uji.yml:7: legalitas.halal: nomor sertifikat halal "33110000" tidak sesuai format, contoh ID33110000123450321',
        'products/batik-uji.yml:8: legalitas.bpom: nomor BPOM pangan olahan "MD 12" tidak sesuai format: '
        'MD atau ML lalu 12 atau 15 angka, contoh MD 123456789012',
    ]


@pytest.mark.build
def test_check_names_a_broken_photo_with_every_other_problem_and_build_says_it_once(tmp_path):
    """A photo cut short behind a valid header was reported by `build` only, and only once all else was fixed."""
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "batik-uji.yml").write_text(GOOD.replace("foto: [a.jpg]", "foto: [a.jpg, potong.jpg]"))
    (tmp_path / "products" / "lain.yml").write_text(GOOD.replace("harga: 350000", "harga: 150rb"))
    for slug in ("batik-uji", "lain"):
        draw_photo(tmp_path / "images" / slug / "a.jpg", (40, 40))
    whole = draw_photo(tmp_path / "utuh.jpg", (900, 600)).read_bytes()
    (tmp_path / "images" / "batik-uji" / "potong.jpg").write_bytes(whole[: len(whole) // 2])
    check = run("check", "--data", str(tmp_path))
    assert check.returncode == 1 and check.stderr.splitlines() == [
        'products/batik-uji.yml:8: produk[1].foto[2]: foto "potong.jpg" rusak atau terpotong; '
        "salin ulang dari ponsel atau kirim foto aslinya",
        'products/lain.yml:7: produk[1].harga: tulis angka lengkap tanpa singkatan "rb", contoh 150000',
        "2 masalah ditemukan. Perbaiki semuanya lalu jalankan lagi.",
    ]
    build = run("build", "--data", str(tmp_path), "--out", str(tmp_path / "site"))
    assert build.returncode == 1 and build.stderr == check.stderr
    assert not (tmp_path / "site").exists()
