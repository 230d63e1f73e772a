"""The form's update mode (issue 12) in Debian's Chromium at phone width: from a UKM page to a changed site.

"Perbarui data usaha ini" opens /daftar/?perbarui=<slug> prefilled from daftar/data/<slug>.json; the package
holds the complete new data, only the new photos and perbarui.json; `import` takes it (as a .zip or as the
.txt wrapper that Chrome on Android can share) and the rebuilt page shows the change, nothing else.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from PIL import Image

from catalog.read.yaml_source import load_yaml
from conftest import draw_photo, make_mini
from test_build import ROOT, run

pytestmark = pytest.mark.browser

TODAY = "2026-05-02"
SLUG = "batik-sekar-jati"  # the example: 6 products, 9 photos, every kind of field


def open_form(browser, url: str, init_script: str | None = None):
    """A 412-px page with the clock fixed; returns (page, script errors)."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, accept_downloads=True)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.clock.set_fixed_time(f"{TODAY}T09:30:00")
    page.goto(url)
    return page, errors


def follow_update_link(page) -> None:
    page.get_by_role("link", name="Perbarui data usaha ini").click()
    page.wait_for_selector("fieldset.rk-f__produk")
    page.wait_for_function(
        "document.querySelectorAll('.rk-f__thumb img').length > 0 && "
        "[...document.querySelectorAll('.rk-f__thumb img')].every(i => i.complete)"
    )


def package_of(page, tmp_path: Path, name: str) -> Path:
    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh paket").click()
    assert download.value.suggested_filename == name
    target = tmp_path / name
    download.value.save_as(target)
    return target


def photo_files(site: Path, page: str) -> dict[str, str]:
    """The published photo files a page links (src and srcset), with the digest of their bytes."""
    html = (site / page).read_text(encoding="utf-8")
    names = sorted(set(re.findall(r"foto/([0-9a-f]+-\d+\.(?:avif|webp|jpg))", html)))
    return {n: hashlib.sha256((site / "foto" / n).read_bytes()).hexdigest() for n in names}


@pytest.fixture(scope="module")
def sample(sample_site, serve):
    return sample_site, serve(sample_site)


def test_update_from_the_ukm_page_import_build(sample, browser, tmp_path):
    site, base = sample
    page, errors = open_form(browser, base + f"ukm/{SLUG}/")
    follow_update_link(page)
    assert page.url == base + f"daftar/?perbarui={SLUG}"
    assert page.locator(".rk-f__mode").inner_text() == (
        "Anda memperbarui data Batik Sekar Jati. Isian sudah terisi dari etalase: ubah yang perlu saja. "
        "Foto yang sudah ada tidak dikirim ulang."
    )
    published = yaml.safe_load((ROOT / "products" / f"{SLUG}.yml").read_text(encoding="utf-8"))
    assert [
        page.input_value(s)
        for s in (
            "#ukm-nama",
            "#ukm-pemilik",
            "#ukm-kecamatan",
            "#ukm-desa",
            "#ukm-whatsapp",
            "#ukm-telepon",
            "#ukm-email",
            "#ukm-instagram",
            "#ukm-situs",
            "#ukm-berdiri",
            "#ukm-karyawan",
            "#ukm-jam_buka",
            "#ukm-legalitas-nib",
        )
    ] == [
        "Batik Sekar Jati",
        "Ibu Sri Lestari",
        "Blora",
        "Kedungjenar",
        "0800-1000-0001",
        "(0296) 500001",
        "sekarjati@example.com",
        "batiksekarjati.blora",
        "https://sekarjati.example.com",
        "2012",
        "9",
        "Senin–Sabtu 08.00–16.00",
        "9990100000001",
    ]
    assert page.input_value("#ukm-cerita") == published["cerita"]
    boxes = page.locator("fieldset.rk-f__produk")
    assert boxes.count() == 6
    assert [
        (
            boxes.nth(i).get_by_label("Nama produk").input_value(),
            boxes.nth(i).get_by_label("Harga (Rp)").input_value(),
            boxes.nth(i).locator(".rk-f__stok input:checked").get_attribute("value"),
        )
        for i in range(6)
    ] == [(p["nama"], str(p["harga"]), p["stok"]) for p in published["produk"]]
    thumbs = page.locator(".rk-f__thumb img")
    assert thumbs.count() == 9  # every photo shown from the site, none downloaded into the package
    assert all(src.startswith(base + "foto/") for src in thumbs.evaluate_all("imgs => imgs.map(i => i.src)"))
    assert thumbs.evaluate_all("imgs => imgs.every(i => i.naturalWidth > 0)")
    assert page.locator(".rk-f__msg:visible").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 412
    page.screenshot(path="/tmp/rk-perbarui-412.png", full_page=True)

    boxes.nth(0).get_by_label("Harga (Rp)").fill("475000")
    boxes.nth(1).get_by_role("radio", name="Stok Habis").check()  # one tap
    assert boxes.nth(1).locator(".rk-f__preview .rk-stock--habis").inner_text() == "Stok Habis"
    package = package_of(page, tmp_path, f"{SLUG}.zip")
    assert errors == []
    page.context.close()

    with zipfile.ZipFile(package) as archive:
        assert archive.namelist() == [f"products/{SLUG}.yml", "perbarui.json"]  # no photo travels back
        marker = json.loads(archive.read("perbarui.json"))
        text = archive.read(f"products/{SLUG}.yml").decode("utf-8")
    before = (ROOT / "products" / f"{SLUG}.yml").read_bytes()
    assert marker == {
        "format": 1,
        "slug": SLUG,
        "versi": hashlib.sha256(before).hexdigest(),
        "foto_lama": [
            "daun-jati-sogan-1.jpg",
            "daun-jati-sogan-2.jpg",
            "daun-jati-indigo-1.jpg",
            "kembang-jati-cap-1.jpg",
            "jati-truntum-1.jpg",
            "selendang-truntum-1.jpg",
            "kawung-jati-sutra-1.jpg",
            "kawung-jati-sutra-2.jpg",
            "kawung-jati-sutra-3.jpg",
        ],
    }
    # Every value as the reader reads it, except the two the owner changed.
    expected = load_yaml(before, "x").data
    expected["produk"][0]["harga"] = "475000"
    expected["produk"][1]["stok"] = "habis"
    assert load_yaml(text.encode(), "x").data == expected

    data = tmp_path / "data"
    shutil.copytree(ROOT / "products", data / "products")
    shutil.copytree(ROOT / "images", data / "images")
    if (ROOT / ".cache" / "foto").is_dir():  # the sample site's photo cache: only the rebuild's time, not its bytes
        shutil.copytree(ROOT / ".cache" / "foto", data / ".cache" / "foto")
    images_before = {p.name: p.read_bytes() for p in (data / "images" / SLUG).iterdir()}
    imported = run("import", str(package), "--data", str(data))
    assert imported.returncode == 0, imported.stderr
    assert "Batik Tulis Daun Jati Sogan: harga Rp450.000 → Rp475.000" in imported.stdout
    assert {p.name: p.read_bytes() for p in (data / "images" / SLUG).iterdir()} == images_before
    out = tmp_path / "site"
    built = run("build", "--no-brochure", "--data", str(data), "--out", str(out))
    assert built.returncode == 0, built.stderr

    ukm_page = (out / "ukm" / SLUG / "index.html").read_text(encoding="utf-8")
    sogan = (out / "ukm" / SLUG / "batik-tulis-daun-jati-sogan" / "index.html").read_text(encoding="utf-8")
    indigo = (out / "ukm" / SLUG / "batik-tulis-daun-jati-indigo" / "index.html").read_text(encoding="utf-8")
    assert "Rp475.000" in sogan and "Rp475.000" in ukm_page
    assert '<span class="rk-stock rk-stock--habis">Stok Habis</span>' in indigo
    for kept in (
        "Ibu Sri Lestari",
        "(0296) 500001",
        "sekarjati@example.com",
        "Senin–Sabtu 08.00–16.00",
        "Berdiri sejak</dt><dd>2012",
        "9 orang",
        "Jl. Gunung Sindoro No. 12",
        "9990100000001",
        "batiksekarjati.blora",
        "https://sekarjati.example.com",
        "Daun jati menjadi motif pertama",
    ):
        assert kept in ukm_page, kept
    assert load_yaml((data / "products" / f"{SLUG}.yml").read_bytes(), "x").data == expected
    for product in published["produk"][2:]:  # untouched products: the very same photo files
        slug = re.sub(r"[^a-z0-9]+", "-", product["nama"].lower()).strip("-")
        page_path = f"ukm/{SLUG}/{slug}/index.html"
        assert photo_files(out, page_path) == photo_files(site, page_path) != {}, slug


def test_update_mode_adds_orders_and_removes_products_and_photos(mini_site, browser, tmp_path):
    """Keys the form does not show travel through; new photos only are sent; a renamed product keeps its address."""
    _site, base = mini_site
    page, errors = open_form(browser, base + "ukm/batik-contoh/kemeja-batik-cap/")
    follow_update_link(page)
    boxes = page.locator("fieldset.rk-f__produk")
    assert boxes.count() == 2 and page.input_value("#ukm-kecamatan") == "Blora"  # kecamatan found from the desa
    second = boxes.nth(1)
    assert second.get_by_label("Harganya bervariasi").is_checked()
    assert (
        second.get_by_label("Harga terendah (Rp)").input_value(),
        second.get_by_label("Harga tertinggi (Rp)").input_value(),
    ) == ("150000", "250000")
    second.get_by_label("Nama produk").fill("Kemeja Batik Cap Biru")
    second.get_by_role("button", name="Hapus foto 2").click()
    second.get_by_label("Pilih dari galeri").set_input_files([str(draw_photo(tmp_path / "baru.jpg", (300, 400)))])
    second.locator(".rk-f__thumb").nth(1).wait_for()
    second.get_by_role("button", name="Geser foto 2 ke depan").click()  # the new photo becomes the cover
    second.get_by_role("button", name="Naikkan produk 2").click()
    page.get_by_role("button", name="+ Tambah produk").click()
    third = boxes.nth(2)
    third.get_by_label("Nama produk").fill("Selendang Batik")
    third.get_by_label("Kategori").select_option("batik")
    third.get_by_label("Harga (Rp)").fill("99000")
    third.get_by_label("Pilih dari galeri").set_input_files([str(draw_photo(tmp_path / "s.png", (200, 200)))])
    third.locator(".rk-f__thumb").first.wait_for()
    page.fill("#ukm-pemilik", "")  # emptied on purpose: the import asks for --remove
    package = package_of(page, tmp_path, "batik-contoh.zip")
    assert errors == []
    page.context.close()

    with zipfile.ZipFile(package) as archive:
        assert archive.namelist() == [
            "products/batik-contoh.yml",
            "perbarui.json",
            "images/batik-contoh/kemeja-batik-cap-biru-1.jpg",
            "images/batik-contoh/selendang-batik-1.jpg",
        ]
        marker = json.loads(archive.read("perbarui.json"))
        data = load_yaml(archive.read("products/batik-contoh.yml"), "x").data
    assert marker["foto_lama"] == ["kemeja.jpg", "tulis.jpg"]
    assert "pemilik" not in data
    assert (data["terdaftar"], data["komunitas"], data["instagram"]) == ("2025-02-01", ["ukm-juara"], "@batikcontoh")
    kemeja, tulis, selendang = data["produk"]
    assert kemeja == {
        "nama": "Kemeja Batik Cap Biru",
        "kategori": "busana",
        "harga": {"dari": "150000", "sampai": "250000"},
        "foto": [
            "kemeja-batik-cap-biru-1.jpg",
            {"berkas": "kemeja.jpg", "keterangan": "Kemeja batik cap biru", "fokus": "atas"},
        ],
        "stok": "pesan",
        "ditambahkan": "2025-06-01",
        "slug": "kemeja-batik-cap",
    }
    assert tulis["unggulan"] == "ya" and tulis["foto"] == ["tulis.jpg"]
    assert selendang == {
        "nama": "Selendang Batik",
        "kategori": "batik",
        "harga": "99000",
        "foto": ["selendang-batik-1.jpg"],
        "ditambahkan": TODAY,
    }

    target = make_mini(tmp_path / "data")
    refused = run("import", str(package), "--data", str(target))  # an emptied field needs the explicit flag
    assert refused.returncode != 0 and "pemilik" in refused.stderr
    imported = run("import", str(package), "--remove", "--data", str(target))
    assert imported.returncode == 0, imported.stderr
    check = run("check", "--data", str(target))
    assert check.returncode == 0, check.stderr


ALLOWED = "^(text/plain|image/.*|application/pdf|audio/.*|video/.*)$"
ANDROID_SHARE = """
window.__shared = [];
navigator.canShare = (data) => Array.isArray(data.files) && data.files.length > 0 &&
  data.files.every(f => new RegExp('ALLOWED').test(f.type));  // Chrome on Android: no application/zip
navigator.share = async (data) => {
  for (const f of data.files) window.__shared.push({name: f.name, type: f.type, text: await f.text(), message: data.text});
};
""".replace("ALLOWED", ALLOWED)


def test_android_shares_the_package_as_a_text_file(mini_site, browser, tmp_path):
    _site, base = mini_site
    page, errors = open_form(browser, base + "ukm/keripik-sumberejo/", ANDROID_SHARE)
    follow_update_link(page)
    page.locator("fieldset.rk-f__produk").first.get_by_role("radio", name="Tersedia").check()
    page.get_by_role("button", name="Kirim lewat WhatsApp").click()
    page.get_by_text("Paket sudah dibagikan").wait_for()
    [shared] = page.evaluate("window.__shared")
    assert (shared["name"], shared["type"]) == ("keripik-sumberejo.txt", "text/plain")
    assert shared["message"] == (
        "Halo Admin Rumah Kreatif UKM Blora, saya memperbarui data UKM Keripik Sumberejo "
        "(1 produk). Berkas paket: keripik-sumberejo.txt — kirim ke 0800-1000-0000"
    )
    lines = shared["text"].split("\n")
    assert lines[0] == "RUMAH-KREATIF-UKM-PAKET 1"
    notes = lines[1 : lines.index("")]
    assert notes and all(n.startswith("# ") for n in notes) and any("Jangan diubah" in n for n in notes)
    body = lines[lines.index("") + 1 :]
    assert body[-1] == "" and all(0 < len(line) <= 76 for line in body[:-1]) and all(len(b) == 76 for b in body[:-2])
    package = package_of(page, tmp_path, "keripik-sumberejo.zip")  # the download path is still there
    assert base64.b64decode("".join(body)) == package.read_bytes()
    assert errors == []
    page.context.close()

    wrapper = tmp_path / "kiriman" / "keripik-sumberejo.txt"  # what the admin saves from WhatsApp
    wrapper.parent.mkdir()
    wrapper.write_text(shared["text"], encoding="utf-8")
    data = make_mini(tmp_path / "data")
    imported = run("import", str(wrapper.parent), "--data", str(data))
    assert imported.returncode == 0, imported.stderr
    assert (
        load_yaml((data / "products" / "keripik-sumberejo.yml").read_bytes(), "x").data["produk"][0]["stok"]
        == "tersedia"
    )


def test_an_unreadable_photo_is_an_error_on_that_photo(mini_site, browser, tmp_path):
    _site, base = mini_site
    page, errors = open_form(browser, base + "daftar/")
    page.wait_for_selector("#ukm-nama")
    fake = tmp_path / "foto.jpg"
    fake.write_text("ini bukan foto", encoding="utf-8")
    box = page.locator("fieldset.rk-f__produk").first
    box.get_by_label("Pilih dari galeri").set_input_files([str(fake)])
    box.locator(".rk-f__thumb--rusak").wait_for()
    message = "berkas foto.jpg tidak bisa dibaca sebagai foto; hapus, lalu pilih foto JPG atau PNG"
    assert page.locator("#p1-foto-pesan").inner_text() == message
    page.get_by_role("button", name="Unduh paket").click()
    assert f"Foto produk: {message}" in page.locator("#rk-f-ringkasan li").all_inner_texts()
    box.get_by_role("button", name="Hapus berkas foto.jpg").click()
    assert page.locator("#p1-foto-pesan").inner_text() == "wajib diisi"
    # A new registration under a taken name leads to the update link, not to a partial re-entry.
    page.fill("#ukm-nama", "Keripik Sumberejo")
    assert page.locator("#ukm-alamat-halaman").inner_text() == (
        "Alamat halaman Anda nanti: /ukm/keripik-sumberejo/ — alamat ini sudah dipakai di etalase. Jika ini memang "
        "UKM Anda, buka halamannya di etalase dan ketuk \u201cPerbarui data usaha ini\u201d; jika bukan, bedakan nama usaha Anda."
    )
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("width", [412, 1366])
def test_update_form_screenshots(mini_site, browser, width):
    """Screenshots to look at (saved under /tmp, not in the repository); no sideways scrolling."""
    _site, base = mini_site
    page, errors = open_form(browser, base + "ukm/batik-contoh/")
    page.set_viewport_size({"width": width, "height": 900})
    page.screenshot(path=f"/tmp/rk-ukm-{width}.png", full_page=True)
    follow_update_link(page)
    page.screenshot(path=f"/tmp/rk-perbarui-mini-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    with Image.open(io.BytesIO(page.screenshot())) as shot:
        assert shot.size[0] == width
    assert errors == []
    page.context.close()
