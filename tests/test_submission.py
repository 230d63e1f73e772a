"""The pull-request road: GitHub annotations, `new`, `import` of ZIP/CSV, valid workflows."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import draw_photo
from test_build import ROOT, run

UKM_YAML = """\
nama: Tempe Bu Sri <script>alert(1)</script>
desa: Beran
whatsapp: "0812-1111-2222"
produk:
  - nama: Keripik Tempe
    kategori: makanan
    harga: 12000
    foto: [a.jpg]
"""


def package(path: Path, entries: dict[str, bytes], links: tuple[str, ...] = ()) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        for name in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = 0o120777 << 16  # a symlink entry
            archive.writestr(info, "/etc/passwd")
    return path


def jpeg_bytes(tmp_path: Path) -> bytes:
    return draw_photo(tmp_path / "src.jpg", (60, 40)).read_bytes()


@pytest.mark.build
def test_check_github_annotations(tmp_path):
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "tempe.yml").write_text(UKM_YAML.replace("harga: 12000", "harga: 12.000"))
    draw_photo(tmp_path / "images/tempe/a.jpg", (30, 30))
    result = run("check", "--format", "github", "--data", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=products/tempe.yml,line=7,title=Data UKM::produk[1].harga: tulis tanpa titik/koma pemisah ribuan: 12000"]


@pytest.mark.build
def test_new_writes_a_template_that_is_never_overwritten(tmp_path):
    result = run("new", "batik-baru", "--data", str(tmp_path))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "products" / "batik-baru.yml").read_text()
    assert text.startswith("# Templat UKM baru") and "images/batik-baru/" in text
    assert (tmp_path / "images" / "batik-baru").is_dir()
    again = run("new", "batik-baru", "--data", str(tmp_path))
    assert (again.returncode, again.stderr.strip()) == (1, "products/batik-baru.yml sudah ada; tidak ditimpa.")
    bad = run("new", "Batik Baru", "--data", str(tmp_path))
    assert bad.returncode == 1 and '"batik-baru"' in bad.stderr


@pytest.mark.build
def test_import_zip_then_refuse_then_replace(tmp_path):
    data = tmp_path / "data"
    zipped = package(tmp_path / "paket.zip", {"products/tempe-bu-sri.yml": UKM_YAML.encode(),
                                              "images/tempe-bu-sri/a.jpg": jpeg_bytes(tmp_path)})
    first = run("import", str(zipped), "--data", str(data))
    assert (first.returncode, first.stdout.splitlines()) == (0, [
        "Perubahan yang akan dibuat:",
        "products/tempe-bu-sri.yml (Tempe Bu Sri <script>alert(1)</script>):",
        "  - UKM baru: Tempe Bu Sri <script>alert(1)</script> (1 produk, 1 foto)",
        "Ditambahkan: products/tempe-bu-sri.yml (1 produk, 1 foto di images/tempe-bu-sri/)",
    ])
    assert run("check", "--data", str(data)).returncode == 0
    second = run("import", str(zipped), "--data", str(data))
    assert second.returncode == 1
    assert second.stderr.splitlines()[0] == (
        "paket.zip: UKM tempe-bu-sri sudah ada (products/tempe-bu-sri.yml); pakai --replace untuk menggantinya")
    third = run("import", str(zipped), "--data", str(data), "--replace")
    assert third.returncode == 0 and third.stdout.splitlines()[1:] == [
        "products/tempe-bu-sri.yml (Tempe Bu Sri <script>alert(1)</script>): tidak ada perubahan",
        "Diganti: products/tempe-bu-sri.yml (1 produk, 1 foto di images/tempe-bu-sri/)",
    ]
    assert sorted(p.name for p in (data / "images").iterdir()) == ["tempe-bu-sri"]  # no leftovers


@pytest.mark.build
def test_import_refuses_a_hostile_package(tmp_path):
    data = tmp_path / "data"
    zipped = package(tmp_path / "jahat.zip", {
        "products/x.yml": UKM_YAML.encode(),
        "../../luar.txt": b"x",
        "/etc/cron.d/x": b"x",
        "images/x/<script>.jpg": jpeg_bytes(tmp_path),
        "images/x/besar.jpg": b"\0" * (200 * 1024 * 1024),
        "images/y/a.jpg": jpeg_bytes(tmp_path),
    }, links=("images/x/tautan.jpg",))
    result = run("import", str(zipped), "--data", str(data))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "jahat.zip: isi paket lebih dari 200 MB",
        "jahat.zip: ../../luar.txt: jalur berkas tidak aman (absolut atau berisi ..); ditolak",
        "jahat.zip: /etc/cron.d/x: jalur berkas tidak aman (absolut atau berisi ..); ditolak",
        "jahat.zip: images/x/<script>.jpg: nama foto hanya boleh huruf, angka, titik dan tanda hubung, "
        "dengan akhiran foto (.jpg, .png, …)",
        "jahat.zip: images/x/besar.jpg: foto lebih dari 20 MB; kecilkan dulu",
        "jahat.zip: images/x/tautan.jpg: tautan (symlink) tidak diterima",
        "jahat.zip: images/y/a.jpg: hanya products/x.yml dan foto di images/x/ yang boleh ada di paket",
        "7 masalah ditemukan. Perbaiki semuanya lalu jalankan lagi.",
        "Impor dibatalkan: tidak ada yang diubah.",
    ]
    assert not data.exists() or not any(data.rglob("*"))
    assert not (tmp_path.parent / "luar.txt").exists()


@pytest.mark.build
def test_import_refuses_a_photo_that_is_not_an_image(tmp_path):
    zipped = package(tmp_path / "p.zip", {"products/x.yml": UKM_YAML.encode(), "images/x/a.jpg": b"<html>bukan foto"})
    result = run("import", str(zipped), "--data", str(tmp_path / "data"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "p.zip: images/x/a.jpg: bukan foto yang bisa dibaca"


@pytest.mark.build
def test_import_package_with_data_mistakes_reports_them(tmp_path):
    zipped = package(tmp_path / "p.zip", {"products/x.yml": UKM_YAML.replace("Beran", "Berann").encode(),
                                          "images/x/a.jpg": jpeg_bytes(tmp_path)})
    result = run("import", str(zipped), "--data", str(tmp_path / "data"))
    assert result.stderr.splitlines()[0] == (
        'products/x.yml:2: desa: desa/kelurahan "Berann" tidak ada di Kabupaten Blora; maksud Anda "Beran"?')


CSV_HEADER = "Stempel waktu,Nama usaha,Pemilik,Desa/kelurahan,Kecamatan,Nomor WhatsApp,Nama produk,Kategori,Harga,Harga sampai,Satuan,Foto,Stok\n"


@pytest.mark.build
def test_import_csv(tmp_path):
    photos = tmp_path / "foto"
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        draw_photo(photos / name, (50, 50))
    good = CSV_HEADER + (
        "2026/01/02,Kopi Sedulur,Pak Budi,Sumberejo,Japah,0812-2222-3333,Kopi Robusta,makanan,35000,,bungkus,a.jpg,tersedia\n"
        "2026/01/02,Kopi Sedulur,Pak Budi,Sumberejo,Japah,0812-2222-3333,Kopi Luwak,makanan,150000,,bungkus,b.jpg; c.jpg,\n"
        "2026/01/03,Batik Mawar,,Kedungjenar,,0812-9999-0000,Batik Cap,batik,100000,200000,lembar,c.jpg,pesan\n")
    (tmp_path / "form.csv").write_text(good)
    result = run("import", str(tmp_path / "form.csv"), "--data", str(tmp_path / "data"), "--foto", str(photos))
    assert result.returncode == 0, result.stderr
    from catalog.read.load import load_catalog
    catalog = load_catalog(tmp_path / "data")
    kopi = {u.slug: u for u in catalog.ukms}["kopi-sedulur"]
    assert [(p.data.nama, p.data.harga, len(p.photos)) for p in kopi.products] == [
        ("Kopi Robusta", 35000, 1), ("Kopi Luwak", 150000, 2)]
    assert catalog.products[0].data.harga.sampai == 200000  # batik-mawar sorts first


@pytest.mark.build
def test_import_csv_errors_name_the_row_and_column(tmp_path):
    draw_photo(tmp_path / "a.jpg", (50, 50))
    bad = CSV_HEADER + (
        "1,Kopi Sedulur,,Sumberejo,Japah,0812-2222-3333,Kopi Robusta,makanan,150rb,,bungkus,a.jpg,\n"
        "2,Batik Mawar,,Kedung Jenar,,0812-9,Batik Cap,batik,100000,,lembar,zz.jpg,\n")
    (tmp_path / "form.csv").write_text(bad)
    result = run("import", str(tmp_path / "form.csv"), "--data", str(tmp_path / "data"))
    assert result.stderr.splitlines() == [
        'form.csv:2: Harga: tulis angka lengkap tanpa singkatan "rb", contoh 150000',
        'form.csv:3: Desa/kelurahan: desa/kelurahan "Kedung Jenar" tidak ada di Kabupaten Blora; maksud Anda "Kedungjenar"?',
        f'form.csv:3: Foto: foto "zz.jpg" tidak ada di folder {tmp_path}',
        'form.csv:3: Nomor WhatsApp: nomor WhatsApp "0812-9" tidak valid; tulis nomor HP, contoh "0812-3456-7890"',
        "4 masalah ditemukan. Perbaiki semuanya lalu jalankan lagi.",
        "Impor dibatalkan: tidak ada yang diubah.",
    ]


@pytest.mark.unit
@pytest.mark.parametrize("workflow", sorted((ROOT / ".github" / "workflows").glob("*.yml")), ids=lambda p: p.name)
def test_workflows_are_valid(workflow):
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.unit
def test_workflow_linter_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "rusak.yml"
    broken.write_text("name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo\n")
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                             str(broken)], capture_output=True, text=True)
    assert result.returncode == 1


@pytest.mark.build
def test_import_dry_run_and_remove_on_the_command_line(tmp_path):
    import hashlib
    import json

    from conftest import make_mini
    data = make_mini(tmp_path / "data")
    yml = data / "products" / "keripik-sumberejo.yml"
    record = {"format": 1, "slug": "keripik-sumberejo", "versi": hashlib.sha256(yml.read_bytes()).hexdigest(),
              "foto_lama": ["tempe.png"]}
    text = yml.read_text(encoding="utf-8").replace("harga: 15000", "harga: 16000").replace("    berat: 200 g\n", "")
    zipped = package(tmp_path / "keripik.zip", {"products/keripik-sumberejo.yml": text.encode(),
                                                "perbarui.json": json.dumps(record).encode()})
    before = yml.read_bytes()
    tried = run("import", str(zipped), "--data", str(data), "--dry-run", "--remove")
    assert (tried.returncode, tried.stdout.splitlines()) == (0, [
        "Uji coba (--dry-run), perubahan yang akan dibuat:",
        "products/keripik-sumberejo.yml (Keripik Sumberejo):",
        "  - Keripik Tempe: harga Rp15.000 → Rp16.000",
        '  - Keripik Tempe: berat dikosongkan (sebelumnya "200 g")  [menghapus data]',
        "Uji coba selesai: tidak ada yang diubah. Jalankan lagi tanpa --dry-run untuk mengimpor.",
    ])
    refused = run("import", str(zipped), "--data", str(data))
    assert refused.returncode == 1 and refused.stderr.splitlines() == [
        'products/keripik-sumberejo.yml: Keripik Tempe: berat dikosongkan (sebelumnya "200 g"): '
        "data yang sudah tayang akan hilang; bila memang disengaja, jalankan lagi dengan --remove",
        "1 masalah ditemukan. Perbaiki semuanya lalu jalankan lagi.",
        "Impor dibatalkan: tidak ada yang diubah.",
    ]
    assert yml.read_bytes() == before
    done = run("import", str(zipped), "--data", str(data), "--remove")
    assert done.returncode == 0 and done.stdout.splitlines()[-1] == (
        "Diperbarui: products/keripik-sumberejo.yml (1 produk, 1 foto di images/keripik-sumberejo/)")
    assert yml.read_text(encoding="utf-8") == text
