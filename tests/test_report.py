"""`laporan`: every planted problem is found with its exact words, a clean catalogue gives nothing, md and csv, exit 0."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PIL import Image, ImageFilter

from catalog import report
from catalog.read.load import load_catalog
from conftest import draw_photo, make_mini
from test_build import run

pytestmark = pytest.mark.unit

SUMMARY = "Semuanya peringatan untuk ditindaklanjuti, bukan kesalahan: situs dan brosur tetap bisa dibuat."


def clean_mini(target: Path) -> Path:
    """The mini fixture with what it lacks filled in: legality for the food UKM, a date, a photo big enough to print.

    tests/fixtures/mini itself stays as it is (its pages are golden files); `test_the_mini_fixture_…` shows
    exactly what it lacks.
    """
    make_mini(target)
    path = target / "products" / "keripik-sumberejo.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("produk:", 'terdaftar: 2025-03-01\nlegalitas:\n  pirt: "2063316000123-29"\n'
                                           '  halal: "ID33160000001234567"\nproduk:'), encoding="utf-8")
    draw_photo(target / "images" / "keripik-sumberejo" / "tempe.png", (640, 480))
    return target


PLANTED = {
    # slug: (nama, lines before `produk:`, kategori, WhatsApp)
    "kriya-tanpa-izin": ("Kriya Tanpa Izin", "terdaftar: 2026-03-01\n", "kerajinan", "0812-1111-0001"),
    "keripik-tanpa-izin": ("Keripik Tanpa Izin", 'terdaftar: 2026-01-10\nlegalitas: {nib: "1234567890123"}\n',
                           "makanan", "0812-1111-0002"),
    "jamu-tr": ("Jamu TR", 'terdaftar: 2026-01-10\nlegalitas: {bpom: "POM TR 092699241", halal: "ID33160000001234567"}\n',
                "makanan", "0812-1111-0003"),
    "sambal-md": ("Sambal MD", 'terdaftar: 2026-01-10\nlegalitas:\n  bpom: "BPOM RI MD 224510107115"\n'
                               '  pirt: "2063316000124-26"\n  halal: "ID33160000001234567"\n', "makanan", "0812-1111-0004"),
    "bakpia-luar": ("Bakpia Luar", 'terdaftar: 2026-01-10\nlegalitas: {pirt: "2063506000123-29", halal: "ID331600001"}\n',
                    "makanan", "0812-1111-0005"),
    "emping-lama-pirt": ("Emping Lama", 'terdaftar: 2026-01-10\nlegalitas: {pirt: "2063316000123-25", halal: "ID331600001"}\n',
                         "makanan", "0812-1111-0006"),
    "foto-kecil": ("Foto *Kecil* <i>x</i>", 'terdaftar: 2026-01-10\nlegalitas: {nib: "1234567890123"}\n', "batik",
                   "0812-1111-0007"),
    "foto-buram": ("Foto Buram", 'terdaftar: 2026-01-10\nlegalitas: {nib: "1234567890123"}\n', "batik", "0812-1111-0008"),
    "kembar-satu": ("Kembar Satu", 'terdaftar: 2026-01-10\nlegalitas: {nib: "1234567890123"}\n', "busana", "0812-5555-0001"),
    "kembar-dua": ("Kembar Dua", 'terdaftar: 2026-01-10\nlegalitas: {nib: "1234567890123"}\n', "busana",
                   "+62 812 5555 0001"),
    "lama-sekali": ("Lama Sekali", 'terdaftar: 2025-02-28\nlegalitas: {nib: "1234567890123"}\n', "kerajinan",
                    "0812-1111-0011"),
    "tanpa-tanggal": ("Tanpa Tanggal", 'legalitas: {nib: "1234567890123"}\n', "kerajinan", "0812-1111-0012"),
}


def planted(target: Path) -> Path:
    """The clean mini catalogue plus one UKM per planted problem (and two that are right, as controls)."""
    clean_mini(target)
    for slug, (nama, head, kategori, wa) in PLANTED.items():
        product = f"  - nama: Barang {slug}\n    kategori: {kategori}\n    harga: 25000\n    foto: [a.jpg]\n"
        if slug == "lama-sekali":
            product += "    ditambahkan: 2024-12-01\n"
        if slug == "foto-buram":  # only the printed (first) photo is judged: a blurred second photo is not reported
            product += f"  - nama: Barang kedua\n    kategori: {kategori}\n    harga: 25000\n    foto: [b.jpg, a.jpg]\n"
        text = f'nama: "{nama}"\ndesa: Kedungjenar\nwhatsapp: "{wa}"\n{head}produk:\n{product}'
        (target / "products" / f"{slug}.yml").write_text(text, encoding="utf-8")
        photo = draw_photo(target / "images" / slug / "a.jpg", (300, 200) if slug == "foto-kecil" else (800, 600))
        if slug == "foto-buram":
            Image.open(photo).filter(ImageFilter.GaussianBlur(6)).save(photo)
            draw_photo(target / "images" / slug / "b.jpg", (800, 600))
    return target


def rows(found: list[report.Finding]) -> list[tuple]:
    return [(f.ukm.file, f.kind, f.where, f.line, f.message) for f in found]


def test_a_clean_catalogue_gives_nothing(tmp_path):
    catalog = load_catalog(clean_mini(tmp_path / "data"), remember=False)
    assert report.findings(catalog) == []
    text = report.markdown(catalog, [])
    assert text.splitlines()[:5] == [
        "# Laporan tindak lanjut UKM", "", "Edisi data: 1 Juni 2025. Diperiksa 2 UKM dan 3 produk.", "",
        "Tidak ada temuan: semua UKM lengkap dan terbaru."]
    assert "## Kecamatan" not in text
    assert report.csv_text([]) == "\ufeff" + ",".join(report.CSV_COLUMNS) + "\r\n"


def test_every_planted_problem_is_found_with_its_words(tmp_path):
    catalog = load_catalog(planted(tmp_path / "data"), remember=False)
    assert catalog.edition.isoformat() == "2026-03-01"
    ketajaman = [report.measure_photo(tmp_path / "data" / "images" / "foto-buram" / "a.jpg", "a.jpg", 402).sharpness]
    assert rows(report.findings(catalog)) == [
        ("products/bakpia-luar.yml", "pirt-wilayah", "legalitas.pirt", None,
         "nomor P-IRT 2063506000123-29: angka ke-4 sampai ke-7 (3506) bukan kode Kabupaten Blora (3316); cocokkan "
         "dengan sertifikat SPP-IRT, yang diterbitkan kabupaten tempat produksi"),
        ("products/emping-lama-pirt.yml", "pirt-berakhir", "legalitas.pirt", None,
         "nomor P-IRT 2063316000123-25 berlaku sampai tahun 2025 (dua angka terakhir), sebelum edisi 1 Maret 2026; "
         "bantu memperpanjang SPP-IRT lalu perbarui nomornya"),
        ("products/foto-kecil.yml", "foto-kecil", "produk[1].foto[1]", 10,
         'foto "a.jpg" 300 × 200 piksel: di brosur (kotak 34 mm) hanya 149 dpi, perlu sisi terpendek minimal 402 '
         "piksel untuk 300 dpi; minta foto asli dari kamera, bukan kiriman WhatsApp atau tangkapan layar"),
        ("products/foto-buram.yml", "foto-buram", "produk[1].foto[1]", 10,
         f'foto "a.jpg" buram untuk cetak (ketajaman {ketajaman[0]:.0f}, minimal 150); minta foto ulang yang fokus '
         "dan cukup terang"),
        ("products/jamu-tr.yml", "pangan-izin-edar", "legalitas", None,
         "1 produk makanan tanpa nomor P-IRT atau BPOM MD/ML (Barang jamu-tr); isi `legalitas.pirt` bila sudah ada, "
         "bila belum bantu mengurus SPP-IRT"),
        ("products/kembar-dua.yml", "whatsapp-sama", "whatsapp", None,
         "nomor WhatsApp 0812-5555-0001 juga dipakai Kembar Satu (products/kembar-satu.yml); pastikan pesanan sampai "
         "ke pemilik yang benar"),
        ("products/kembar-satu.yml", "whatsapp-sama", "whatsapp", None,
         "nomor WhatsApp 0812-5555-0001 juga dipakai Kembar Dua (products/kembar-dua.yml); pastikan pesanan sampai "
         "ke pemilik yang benar"),
        ("products/keripik-tanpa-izin.yml", "pangan-izin-edar", "legalitas", None,
         "1 produk makanan tanpa nomor P-IRT atau BPOM MD/ML (Barang keripik-tanpa-izin); isi `legalitas.pirt` bila "
         "sudah ada, bila belum bantu mengurus SPP-IRT"),
        ("products/keripik-tanpa-izin.yml", "pangan-halal", "legalitas", None,
         "1 produk makanan tanpa sertifikat halal (Barang keripik-tanpa-izin); isi `legalitas.halal` bila sudah ada, "
         "bila belum bantu mendaftar sertifikasi halal"),
        ("products/kriya-tanpa-izin.yml", "tanpa-legalitas", "legalitas", None,
         "belum ada nomor NIB, P-IRT, sertifikat halal maupun BPOM; bantu pemilik mendaftar NIB di OSS, lalu isi "
         "`legalitas:`"),
        ("products/lama-sekali.yml", "lama", "", None,
         "tanggal terbaru di berkas ini 28 Februari 2025 (`terdaftar`/`ditambahkan`), lebih dari 12 bulan sebelum "
         "edisi data 1 Maret 2026; tanyakan harga, stok dan produk terbaru, lalu isi `ditambahkan` pada produk baru"),
        ("products/tanpa-tanggal.yml", "tanpa-tanggal", "terdaftar", None,
         "tidak ada tanggal `terdaftar` maupun `ditambahkan`, jadi tidak diketahui kapan data terakhir diperbarui; "
         "isi `terdaftar`"),
    ]
    assert ketajaman[0] < report.SHARPNESS_MIN


def test_the_controls_sit_right_at_the_limits(tmp_path):
    """Exactly 12 months old, a P-IRT ending in the edition's year, MD food with halal: nothing to say."""
    catalog = load_catalog(planted(tmp_path / "data"), remember=False)
    found = {f.ukm.slug for f in report.findings(catalog)}
    assert {"keripik-sumberejo", "sambal-md", "batik-contoh"}.isdisjoint(found)
    keripik = next(u for u in catalog.ukms if u.slug == "keripik-sumberejo")
    assert keripik.data.terdaftar.isoformat() == "2025-03-01" == catalog.edition.replace(year=2025).isoformat()


def test_the_mini_fixture_lacks_exactly_this(tmp_path):
    catalog = load_catalog(make_mini(tmp_path / "data"), remember=False)
    found = report.findings(catalog)
    assert [(f.ukm.slug, f.kind, f.where, f.line) for f in found] == [
        ("keripik-sumberejo", "tanpa-legalitas", "legalitas", None),
        ("keripik-sumberejo", "pangan-izin-edar", "legalitas", None),
        ("keripik-sumberejo", "pangan-halal", "legalitas", None),
        ("keripik-sumberejo", "foto-kecil", "produk[1].foto[1]", 10),
        ("keripik-sumberejo", "tanpa-tanggal", "terdaftar", None),
    ]
    assert report.markdown(catalog, found).splitlines()[:22] == [
        "# Laporan tindak lanjut UKM", "",
        "Edisi data: 1 Juni 2025. Diperiksa 2 UKM dan 3 produk.", "",
        f"5 temuan pada 1 UKM. {SUMMARY}", "",
        "| Temuan | Jumlah |", "|---|---:|",
        "| Belum ada nomor legalitas | 1 |", "| Makanan tanpa P-IRT atau BPOM | 1 |",
        "| Makanan tanpa sertifikat halal | 1 |", "| Foto terlalu kecil untuk cetak | 1 |", "| Tanpa tanggal | 1 |",
        "", "## Kecamatan Randublatung", "", "### Keripik Sumberejo (Desa Sumberejo)", "",
        "Berkas `products/keripik-sumberejo.yml`, telepon (0296) 531234", "",
        "- **Belum ada nomor legalitas** (`legalitas`): belum ada nomor NIB, P-IRT, sertifikat halal maupun BPOM; "
        "bantu pemilik mendaftar NIB di OSS, lalu isi `legalitas:`",
        "- **Makanan tanpa P-IRT atau BPOM** (`legalitas`): 1 produk makanan tanpa nomor P-IRT atau BPOM MD/ML "
        "(Keripik Tempe); isi `legalitas.pirt` bila sudah ada, bila belum bantu mengurus SPP-IRT",
    ]


def test_markdown_groups_by_kecamatan_and_shows_owner_text_as_typed(tmp_path):
    catalog = load_catalog(planted(tmp_path / "data"), remember=False)
    lines = report.markdown(catalog, report.findings(catalog)).splitlines()
    assert [line for line in lines if line.startswith("## ")] == ["## Kecamatan Blora", "## Cara menilai"]
    assert [line for line in lines if line.startswith("### ")] == [
        "### Bakpia Luar (Kelurahan Kedungjenar)", "### Emping Lama (Kelurahan Kedungjenar)",
        r"### Foto \*Kecil\* \<i\>x\</i\> (Kelurahan Kedungjenar)", "### Foto Buram (Kelurahan Kedungjenar)",
        "### Jamu TR (Kelurahan Kedungjenar)", "### Kembar Dua (Kelurahan Kedungjenar)",
        "### Kembar Satu (Kelurahan Kedungjenar)", "### Keripik Tanpa Izin (Kelurahan Kedungjenar)",
        "### Kriya Tanpa Izin (Kelurahan Kedungjenar)", "### Lama Sekali (Kelurahan Kedungjenar)",
        "### Tanpa Tanggal (Kelurahan Kedungjenar)"]
    assert "Berkas `products/kembar-dua.yml`, WhatsApp 0812-5555-0001" in lines
    assert ("- **Foto terlalu kecil untuk cetak** (`produk[1].foto[1]`, baris 10): foto \"a.jpg\" 300 × 200 piksel: "
            "di brosur (kotak 34 mm) hanya 149 dpi, perlu sisi terpendek minimal 402 piksel untuk 300 dpi; minta foto "
            "asli dari kamera, bukan kiriman WhatsApp atau tangkapan layar") in lines
    assert "| P-IRT bukan kode Blora | 1 |" in lines and "| Nomor WhatsApp dipakai UKM lain | 2 |" in lines


def test_csv_has_one_row_per_finding_with_codes(tmp_path):
    catalog = load_catalog(planted(tmp_path / "data"), remember=False)
    found = report.findings(catalog)
    text = report.csv_text(found)
    assert text.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(text[1:], newline="")))
    assert list(table[0]) == list(report.CSV_COLUMNS)
    assert [(r["ukm"], r["jenis"], r["letak"], r["baris"], r["pesan"]) for r in table] == [
        (f.ukm.slug, f.kind, f.where, str(f.line or ""), f.message) for f in found]
    bakpia = table[0]
    assert (bakpia["kode_kecamatan"], bakpia["kecamatan"], bakpia["kode_desa"], bakpia["desa"], bakpia["nama_ukm"],
            bakpia["berkas"], bakpia["temuan"]) == (
        "33.16.09", "Blora", "33.16.09.1009", "Kedungjenar", "Bakpia Luar", "products/bakpia-luar.yml",
        "P-IRT bukan kode Blora")


def test_csv_keeps_owner_text_from_running_as_a_formula(tmp_path):
    data = make_mini(tmp_path / "data")
    path = data / "products" / "keripik-sumberejo.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("nama: Keripik Sumberejo", "nama: '=HYPERLINK(1)'"),
                    encoding="utf-8")
    catalog = load_catalog(data, remember=False)
    table = list(csv.DictReader(io.StringIO(report.csv_text(report.findings(catalog))[1:], newline="")))
    assert {r["nama_ukm"] for r in table} == {"'=HYPERLINK(1)"}


def test_command_writes_markdown_or_csv_and_exits_0(tmp_path):
    data = planted(tmp_path / "data")
    md = run("laporan", "--data", str(data))
    assert md.returncode == 0, md.stderr
    assert md.stderr == "Laporan: 12 temuan pada 11 dari 14 UKM.\n"
    assert md.stdout.startswith("# Laporan tindak lanjut UKM\n\nEdisi data: 1 Maret 2026. Diperiksa 14 UKM dan 16 produk.")
    assert f"12 temuan pada 11 UKM. {SUMMARY}" in md.stdout
    again = run("laporan", "--data", str(data))
    assert again.stdout == md.stdout  # the same data, the same report: no clock in it
    table = run("laporan", "--data", str(data), "--format", "csv")
    assert table.returncode == 0 and table.stderr == md.stderr
    assert table.stdout.startswith("\ufeffkode_kecamatan,kecamatan,kode_desa,desa,ukm,nama_ukm,berkas,baris,letak,")
    found = list(csv.DictReader(io.StringIO(table.stdout[1:], newline="")))
    assert len(found) == 12 and found[-1]["jenis"] == "tanpa-tanggal"


def test_command_reports_data_mistakes_like_check(tmp_path):
    data = make_mini(tmp_path / "data")
    (data / "products" / "rusak.yml").write_text("nama: Rusak\ndesa: Kedungjenar\nproduk: []\n", encoding="utf-8")
    result = run("laporan", "--data", str(data))
    check = run("check", "--data", str(data))
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == check.stderr and "products/rusak.yml" in result.stderr
