"""Issue 12, the import side: change summaries, --remove, --dry-run, update packages, the .txt wrapper, folders."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from catalog.errors import CatalogError
from catalog.read.load import load_catalog
from catalog.submit import compare
from catalog.submit.importer import import_file
from catalog.submit.wrapper import wrap
from conftest import draw_photo

pytestmark = pytest.mark.unit

SLUG = "batik-contoh"
YML = f"products/{SLUG}.yml"


def update_package(
    path: Path, data: Path, yml: str, photos: dict[str, bytes] | None = None, kept: list[str] | None = None,
    slug: str = SLUG, versi: str | None = None, extra: dict[str, bytes] | None = None,
) -> Path:
    """Write an update package as the form makes it (contract 12 §2), made from the UKM file in `data`."""
    current = (data / "products" / f"{slug}.yml").read_bytes()
    record = {"format": 1, "slug": slug, "versi": versi or hashlib.sha256(current).hexdigest(),
              "foto_lama": kept if kept is not None else ["tulis.jpg", "kemeja.jpg", "kemeja-2.jpg"]}
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"products/{slug}.yml", yml)
        archive.writestr("perbarui.json", json.dumps(record))
        for name, content in (photos or {}).items():
            archive.writestr(f"images/{slug}/{name}", content)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return path


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (caches aside) and the digest of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def current_yaml(data: Path) -> str:
    return (data / YML).read_text(encoding="utf-8")


def edited(data: Path) -> str:
    """The mini UKM with a new price, one product sold out, a new photo and the Instagram account kept."""
    return (current_yaml(data).replace("harga: 350000", "harga: 375000").replace("stok: pesan", "stok: habis")
            .replace("foto: [tulis.jpg]", "foto: [tulis.jpg, tulis-2.jpg]"))


def run_import(source: Path, data: Path, **options) -> tuple[list, list[str]]:
    said: list[str] = []
    results = import_file(source, data, announce=said.append, **options)
    return results, said


def test_update_package_prints_every_change_and_keeps_photos_byte_identical(mini, tmp_path):
    before = snapshot(mini)
    new_photo = draw_photo(tmp_path / "baru.jpg", (80, 60), (20, 90, 160)).read_bytes()
    package = update_package(tmp_path / "paket.zip", mini, edited(mini), {"tulis-2.jpg": new_photo})
    results, said = run_import(package, mini)
    assert said == [
        "products/batik-contoh.yml (Batik Contoh <b>Jati</b>):",
        "  - <script>alert(1)</script> Batik Tulis: harga Rp350.000 → Rp375.000",
        "  - <script>alert(1)</script> Batik Tulis: foto baru tulis-2.jpg",
        "  - Kemeja Batik Cap: stok pesan → habis",
    ]
    assert [(r.slug, r.update, r.products, r.photos) for r in results] == [(SLUG, True, 2, 4)]
    after = snapshot(mini)
    for photo in ("tulis.jpg", "kemeja.jpg", "kemeja-2.jpg"):  # kept by reference: the very same bytes
        assert after[f"images/{SLUG}/{photo}"] == before[f"images/{SLUG}/{photo}"]
    assert (mini / "images" / SLUG / "tulis-2.jpg").read_bytes() == new_photo
    assert current_yaml(mini) == edited(mini)
    catalog = load_catalog(mini, remember=False)
    assert catalog.ukms[0].products[0].data.harga == 375000


def test_every_field_change_is_said(mini, tmp_path):
    yml = (current_yaml(mini).replace('instagram: "@batikcontoh"\n', "").replace("komunitas: [ukm-juara]\n", "")
           .replace("pemilik: Ibu Contoh", "pemilik: Ibu Contoh Baru\njam_buka: Senin–Sabtu 08.00–16.00")
           .replace('whatsapp: "+62 812-0000-0001"', 'whatsapp: "0813-0000-0002"')
           .replace("harga: {dari: 150000, sampai: 250000}", "harga: 200000"))
    yml += "  - nama: Selendang Batik\n    kategori: batik\n    harga: 90000\n    foto: [tulis.jpg]\n"
    package = update_package(tmp_path / "paket.zip", mini, yml)
    _results, said = run_import(package, mini, remove=True, dry_run=True)
    assert said == [
        "products/batik-contoh.yml (Batik Contoh <b>Jati</b>):",
        '  - pemilik "Ibu Contoh" → "Ibu Contoh Baru"',
        "  - whatsapp 0812-0000-0001 → 0813-0000-0002",
        '  - jam_buka diisi: "Senin–Sabtu 08.00–16.00"',
        '  - instagram dikosongkan (sebelumnya "https://www.instagram.com/batikcontoh")  [menghapus data]',
        '  - komunitas dikosongkan (sebelumnya "ukm-juara")  [menghapus data]',
        "  - Kemeja Batik Cap: harga Rp150.000–Rp250.000 → Rp200.000",
        "  - produk baru: Selendang Batik (Rp90.000, 1 foto)",
        "  Peringatan: nomor WhatsApp di paket (0813-0000-0002) berbeda dari katalog (0812-0000-0001); "
        "pastikan paket ini memang dari pemilik UKM sebelum situs diterbitkan",
    ]


def test_a_partial_package_without_remove_removes_nothing(mini, tmp_path):
    before = snapshot(mini)
    only_one = current_yaml(mini).split("  - nama: Kemeja Batik Cap")[0]
    only_one = only_one.replace('instagram: "@batikcontoh"\n', "")
    package = update_package(tmp_path / "sebagian.zip", mini, only_one, kept=["tulis.jpg"])
    with pytest.raises(CatalogError) as refused:
        run_import(package, mini)
    assert [str(p) for p in refused.value.problems] == [
        'products/batik-contoh.yml: instagram dikosongkan (sebelumnya "https://www.instagram.com/batikcontoh"): '
        "data yang sudah tayang akan hilang; bila memang disengaja, jalankan lagi dengan --remove",
        "products/batik-contoh.yml: produk dihapus: Kemeja Batik Cap: "
        "data yang sudah tayang akan hilang; bila memang disengaja, jalankan lagi dengan --remove",
    ]
    assert snapshot(mini) == before


def test_remove_keeps_the_removed_products_number_and_link(mini, tmp_path):
    numbers = {p.slug: p.number for p in load_catalog(mini, remember=False).products}
    only_one = current_yaml(mini).split("  - nama: Kemeja Batik Cap")[0]
    package = update_package(tmp_path / "sebagian.zip", mini, only_one, kept=["tulis.jpg"])
    run_import(package, mini, remove=True)
    assert current_yaml(mini).endswith('produk_lama:\n  - slug: kemeja-batik-cap\n    nama: "Kemeja Batik Cap"\n')
    assert sorted(p.name for p in (mini / "images" / SLUG).iterdir()) == ["tulis.jpg"]
    catalog = load_catalog(mini, remember=False)
    ukm = next(u for u in catalog.ukms if u.slug == SLUG)
    assert [(f.slug, f.name, f.number) for f in ukm.former] == [
        ("kemeja-batik-cap", "Kemeja Batik Cap", numbers["kemeja-batik-cap"])
    ]
    assert {p.slug: p.number for p in catalog.products} == {s: n for s, n in numbers.items() if s != "kemeja-batik-cap"}
    # A later update made by a form that does not know `produk_lama` keeps the record all the same.
    again = update_package(tmp_path / "lagi.zip", mini, only_one.replace("350000", "360000"), kept=["tulis.jpg"])
    run_import(again, mini)
    assert current_yaml(mini).endswith('produk_lama:\n  - slug: kemeja-batik-cap\n    nama: "Kemeja Batik Cap"\n')


def test_dry_run_changes_nothing(mini, tmp_path):
    before = snapshot(mini)
    package = update_package(tmp_path / "paket.zip", mini, edited(mini), {"tulis-2.jpg": (mini / "images" / SLUG /
                                                                                         "tulis.jpg").read_bytes()})
    results, said = run_import(package, mini, dry_run=True)
    assert said[1] == "  - <script>alert(1)</script> Batik Tulis: harga Rp350.000 → Rp375.000"
    assert results[0].update
    assert snapshot(mini) == before


def test_a_stale_package_is_refused_and_kept_for_the_admin(mini, tmp_path):
    package = update_package(tmp_path / "paket.zip", mini, edited(mini))
    (mini / YML).write_text(current_yaml(mini).replace("Ibu Contoh", "Ibu Contoh Lestari"), encoding="utf-8")
    before = snapshot(mini)
    made_from = json.loads(zipfile.ZipFile(package).read("perbarui.json"))["versi"]
    now = hashlib.sha256((mini / YML).read_bytes()).hexdigest()
    with pytest.raises(CatalogError) as refused:
        run_import(package, mini, dry_run=True)
    assert snapshot(mini) == before
    with pytest.raises(CatalogError) as refused:
        run_import(package, mini)
    kept = f"impor-ditolak/{SLUG}-{made_from[:12]}.yml"
    assert [str(p) for p in refused.value.problems] == [
        f"paket.zip: perbarui.json: paket dibuat dari versi lama products/{SLUG}.yml (versi {made_from[:12]}, "
        f"sekarang {now[:12]}): data UKM ini sudah diubah sejak paket dibuat, jadi tidak ada yang ditimpa; "
        f"isi paket disimpan di {kept} (data/{kept} di folder data). "
        'Minta pemilik membuka "Perbarui data usaha ini" lagi dan mengulang perubahannya'
    ]
    assert (mini / kept).read_text(encoding="utf-8") == edited(mini).replace("Ibu Contoh Lestari", "Ibu Contoh")
    assert {k: v for k, v in snapshot(mini).items() if not k.startswith("impor-ditolak/")} == before


def test_a_package_for_another_ukm_or_outside_its_folder_is_refused(mini, tmp_path):
    before = snapshot(mini)
    other = update_package(tmp_path / "lain.zip", mini, edited(mini))
    with zipfile.ZipFile(other, "a") as archive:  # the record names this UKM, the data another one
        archive.writestr("products/keripik-sumberejo.yml", current_yaml(mini))
    record = {"format": 1, "slug": "keripik-sumberejo", "versi": "0" * 64, "foto_lama": []}
    named_other = tmp_path / "nama-lain.zip"
    with zipfile.ZipFile(named_other, "w") as archive:
        archive.writestr(YML, edited(mini))
        archive.writestr("perbarui.json", json.dumps(record))
    escaping = update_package(tmp_path / "keluar.zip", mini, edited(mini),
                              extra={"images/batik-contoh/../../products/keripik-sumberejo.yml": b"nama: x\n",
                                     "images/keripik-sumberejo/a.jpg": b"x"})
    problems = []
    for package in (other, named_other, escaping):
        with pytest.raises(CatalogError) as refused:
            run_import(package, mini)
        problems += [str(p) for p in refused.value.problems]
    assert problems == [
        "lain.zip: paket harus berisi tepat satu berkas products/<nama-ukm>.yml",
        'nama-lain.zip: perbarui.json: paket menyentuh UKM lain: catatan pembaruan untuk "keripik-sumberejo", '
        "data untuk batik-contoh; ditolak",
        "keluar.zip: images/batik-contoh/../../products/keripik-sumberejo.yml: "
        "jalur berkas tidak aman (absolut atau berisi ..); ditolak",
        "keluar.zip: images/keripik-sumberejo/a.jpg: "
        "hanya products/batik-contoh.yml dan foto di images/batik-contoh/ yang boleh ada di paket",
    ]
    assert snapshot(mini) == before


def test_a_photo_kept_by_reference_must_exist(mini, tmp_path):
    package = update_package(tmp_path / "paket.zip", mini, edited(mini), kept=["tulis.jpg", "kemeja.jpg", "hilang.jpg"])
    with pytest.raises(CatalogError) as refused:
        run_import(package, mini)
    assert str(refused.value.problems[0]) == (
        'paket.zip: perbarui.json: foto lama "hilang.jpg" tidak ada di images/batik-contoh/; '
        "minta pemilik membuka formulir Perbarui lagi dan membuat paket baru"
    )


def test_the_text_wrapper_and_a_folder_of_packages(mini, tmp_path):
    zipped = update_package(tmp_path / "paket.zip", mini, edited(mini), {"tulis-2.jpg": (mini / "images" / SLUG /
                                                                                         "tulis.jpg").read_bytes()})
    text = wrap(zipped.read_bytes())
    lines = text.splitlines()
    assert lines[0] == "RUMAH-KREATIF-UKM-PAKET 1" and lines[3] == "" and max(len(x) for x in lines[4:]) == 76
    folder = tmp_path / "dari-whatsapp"
    folder.mkdir()
    (folder / "batik-contoh.txt").write_text(text)
    (folder / "batik-contoh (1).txt").write_text(text)  # saved twice from the chat: imported once
    (folder / "tulis.jpg").write_bytes(b"a photo sent alongside: not a package, left alone")
    (folder / "Chat WhatsApp dengan Admin.txt").write_text("04/12/26 10.01 - Bu Sri: paketnya sudah saya kirim\n")
    keripik = (mini / "products" / "keripik-sumberejo.yml").read_text(encoding="utf-8")
    update_package(folder / "keripik.zip", mini, keripik.replace("harga: 15000", "harga: 16000"),
                   slug="keripik-sumberejo", kept=["tempe.png"])
    _results, said = run_import(folder, mini)
    assert said == [
        "products/batik-contoh.yml (Batik Contoh <b>Jati</b>):",
        "  - <script>alert(1)</script> Batik Tulis: harga Rp350.000 → Rp375.000",
        "  - <script>alert(1)</script> Batik Tulis: foto baru tulis-2.jpg",
        "  - Kemeja Batik Cap: stok pesan → habis",
        "products/keripik-sumberejo.yml (Keripik Sumberejo):",
        "  - Keripik Tempe: harga Rp15.000 → Rp16.000",
    ]
    assert "harga: 16000" in (mini / "products" / "keripik-sumberejo.yml").read_text(encoding="utf-8")
    (folder / "rusak.txt").write_text("RUMAH-KREATIF-UKM-PAKET 1\n\n!!!\n")
    with pytest.raises(CatalogError) as refused:
        run_import(folder, mini)
    assert "rusak.txt: isi paket rusak (bukan base64 yang utuh); minta pemilik mengirim ulang berkasnya" in [
        str(p) for p in refused.value.problems
    ]


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "Uji", "GIT_AUTHOR_EMAIL": "uji@example.org", "GIT_COMMITTER_NAME": "Uji",
           "GIT_COMMITTER_EMAIL": "uji@example.org", "HOME": str(repo), "PATH": os.environ["PATH"]}
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def test_pull_request_summary_of_two_git_revisions(mini, tmp_path):
    git(mini, "init", "-q", "-b", "main")
    git(mini, "add", "products", "images")
    git(mini, "commit", "-q", "-m", "awal")
    (mini / YML).write_text(edited(mini).replace('pemilik: Ibu Contoh\n', ""), encoding="utf-8")
    draw_photo(mini / "images" / SLUG / "tulis-2.jpg", (80, 60))
    draw_photo(mini / "images" / SLUG / "kemeja.jpg", (90, 60), (10, 10, 10))  # the same name, a new photo
    (mini / "products" / "keripik-sumberejo.yml").unlink()
    git(mini, "add", "-A", "products", "images")
    git(mini, "commit", "-q", "-m", "ubah")
    old, new = compare.git_tree(mini, "main~1"), compare.git_tree(mini, "main")
    lines = compare.compare(old, new)
    assert lines == [
        "products/batik-contoh.yml (Batik Contoh <b>Jati</b>):",
        '  - pemilik dikosongkan (sebelumnya "Ibu Contoh")  [menghapus data]',
        "  - <script>alert(1)</script> Batik Tulis: harga Rp350.000 → Rp375.000",
        "  - <script>alert(1)</script> Batik Tulis: foto baru tulis-2.jpg",
        "  - Kemeja Batik Cap: stok pesan → habis",
        "  - Kemeja Batik Cap: foto diganti kemeja.jpg",
        "products/keripik-sumberejo.yml (Keripik Sumberejo):",
        "  - UKM dihapus: Keripik Sumberejo (1 produk, 1 foto)  [menghapus data]",
    ]
    assert compare.markdown(lines, old, new) == (
        "## Perubahan data UKM\n\nDari `main~1` ke `main`.\n\n"
        "products/batik-contoh.yml (Batik Contoh &lt;b&gt;Jati&lt;/b&gt;):\n\n"
        '- pemilik dikosongkan (sebelumnya "Ibu Contoh")  \\[menghapus data\\]\n'
        "- &lt;script&gt;alert(1)&lt;/script&gt; Batik Tulis: harga Rp350.000 → Rp375.000\n"
        "- &lt;script&gt;alert(1)&lt;/script&gt; Batik Tulis: foto baru tulis-2.jpg\n"
        "- Kemeja Batik Cap: stok pesan → habis\n"
        "- Kemeja Batik Cap: foto diganti kemeja.jpg\n\n"
        "products/keripik-sumberejo.yml (Keripik Sumberejo):\n\n"
        "- UKM dihapus: Keripik Sumberejo (1 produk, 1 foto)  \\[menghapus data\\]\n"
    )
    # Two folders say the same as the two revisions; the same revision twice, nothing.
    before = tmp_path / "sebelum"
    git(mini, "worktree", "add", "-q", str(before), "main~1")
    assert compare.compare(compare.folder_tree(before), compare.folder_tree(mini)) == lines
    assert compare.compare(new, new) == ["Tidak ada perubahan data UKM."]
    with pytest.raises(CatalogError) as unknown:
        compare.git_tree(mini, "tidak-ada")
    assert str(unknown.value.problems[0]).startswith(f"{mini}: git ls-tree: ")


def test_a_partial_registration_with_replace_still_needs_remove(mini, tmp_path):
    """The issue's case: an owner re-entered only the product that changed; --replace alone loses nothing now."""
    before = snapshot(mini)
    keripik = (mini / "products" / "keripik-sumberejo.yml").read_text(encoding="utf-8")
    partial = keripik.replace("    berat: 200 g\n", "").replace("harga: 15000", "harga: 16000")
    package = tmp_path / "daftar-ulang.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("products/keripik-sumberejo.yml", partial)
        archive.writestr("images/keripik-sumberejo/tempe.png", (mini / "images/keripik-sumberejo/tempe.png").read_bytes())
    with pytest.raises(CatalogError) as refused:
        run_import(package, mini, replace=True)
    assert [str(p) for p in refused.value.problems] == [
        'products/keripik-sumberejo.yml: Keripik Tempe: berat dikosongkan (sebelumnya "200 g"): '
        "data yang sudah tayang akan hilang; bila memang disengaja, jalankan lagi dengan --remove"
    ]
    assert snapshot(mini) == before
    results, said = run_import(package, mini, replace=True, remove=True)
    assert said[1:] == [
        "  - Keripik Tempe: harga Rp15.000 → Rp16.000",
        '  - Keripik Tempe: berat dikosongkan (sebelumnya "200 g")  [menghapus data]',
    ]
    assert [(r.replaced, r.update) for r in results] == [(True, False)]


def test_with_former_writes_replaces_and_drops_the_key():
    from catalog.submit.importer import with_former
    text = "nama: A\nprodukx: 1\n"
    written = with_former(text, [("b", 'Batik "B"')])
    assert written == 'nama: A\nprodukx: 1\nproduk_lama:\n  - slug: b\n    nama: "Batik \\"B\\""\n'
    flow = "nama: A\nproduk_lama: [{slug: b, nama: B}]\n# catatan\nproduk: []\n"
    assert with_former(flow, [("b", "B"), ("c", "C")]) == (
        'nama: A\nproduk_lama:\n  - slug: b\n    nama: "B"\n  - slug: c\n    nama: "C"\nproduk: []\n'
    )
    assert with_former(written, []) == text


def test_reordered_products_and_photos_are_said():
    from catalog.submit.changes import read_entry, ukm_changes
    head = 'nama: Contoh\ndesa: Beran\nwhatsapp: "0812-1111-2222"\nproduk:\n'
    one = "  - {nama: Satu, kategori: batik, harga: 1000, foto: [a.jpg, b.jpg]}\n"
    two = "  - {nama: Dua, kategori: batik, harga: 2000, foto: [c.jpg]}\n"
    old = read_entry((head + one + two).encode(), "x.yml")
    new = read_entry((head + two + one.replace("[a.jpg, b.jpg]", "[b.jpg, a.jpg]")).encode(), "x.yml")
    assert [c.text for c in ukm_changes(old, new)] == ["Satu: urutan foto diubah", "urutan produk diubah"]
    assert ukm_changes(old, old) == []
