"""The form at /daftar/ in Debian's Chromium at phone width: fill it, take the package, import, check, build."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from PIL import Image

from catalog.errors import CatalogError
from catalog.read.load import load_catalog
from catalog.read.model import json_schema
from catalog.read.register import load_register
from conftest import draw_photo, make_mini
from test_build import ROOT, run

TODAY = "2026-05-02"  # the browser's clock is fixed, so `terdaftar` and the ZIP's dates are known


class AnyTagLoader(yaml.SafeLoader):
    """Read mkdocs.yml without running its `!!python/...` tags."""


AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def form_site(mini_site):
    return mini_site


@pytest.fixture
def form(form_site, browser):
    """Open /daftar/ at 412 px with the clock fixed; yields the page, fails on any script error."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.clock.set_fixed_time(f"{TODAY}T09:30:00")
    page.goto(form_site[1] + "daftar/")
    page.wait_for_selector("#ukm-nama")
    yield page
    context.close()
    assert errors == []


def photos(folder: Path) -> dict[str, Path]:
    """Three phone-like photos: a big JPEG with GPS in its EXIF, a PNG, and a JPEG shot sideways."""
    folder.mkdir(parents=True, exist_ok=True)
    big = Image.new("RGB", (3000, 2000), (150, 90, 40))
    exif = Image.Exif()
    exif[0x010F] = "KameraHP"                        # Make
    exif.get_ifd(0x8825)[2] = (7.0, 0.0, 0.0)        # GPSLatitude: where the owner lives
    big.save(folder / "besar.jpg", exif=exif)
    draw_photo(folder / "kain.png", (800, 1200), (40, 90, 150))
    sideways = Image.new("RGB", (1200, 900), (90, 150, 40))
    turn = Image.Exif()
    turn[0x0112] = 6                                 # Orientation: rotate 90° to show upright
    sideways.save(folder / "miring.jpg", exif=turn)
    return {name: folder / name for name in ("besar.jpg", "kain.png", "miring.jpg")}


def fill_ukm(page, nama="Batik Gemilang Jaya", kecamatan="Japah", desa="Sumberejo") -> None:
    page.fill("#ukm-nama", nama)
    page.fill("#ukm-pemilik", "Ibu Siti Aminah")
    page.select_option("#ukm-kecamatan", kecamatan)
    page.select_option("#ukm-desa", desa)
    page.fill("#ukm-whatsapp", "0812 3333 4444")
    page.fill("#ukm-cerita", 'Kami membatik sejak 2010: motif "daun jati" & tenun.\n\nParagraf kedua.')


def fill_product(page, n: int, nama: str, kategori: str, harga: str | tuple[str, str], files: list[Path],
                 camera: bool = False) -> None:
    box = page.locator("fieldset.rk-f__produk").nth(n)
    box.get_by_label("Nama produk").fill(nama)
    box.get_by_label("Kategori").select_option(kategori)
    if isinstance(harga, tuple):
        box.get_by_label("Harganya bervariasi").check()
        box.get_by_label("Harga terendah (Rp)").fill(harga[0])
        box.get_by_label("Harga tertinggi (Rp)").fill(harga[1])
    else:
        box.get_by_label("Harga (Rp)").fill(harga)
    box.get_by_label("Ambil foto" if camera else "Pilih dari galeri").set_input_files([str(f) for f in files])
    box.locator(".rk-f__thumb").nth(len(files) - 1).wait_for()


@pytest.mark.build
def test_published_schema_equals_the_model(form_site):
    out = form_site[0]
    assert json.loads((out / "daftar" / "ukm.schema.json").read_text(encoding="utf-8")) == json_schema()
    settings = json.loads((out / "daftar" / "formulir.json").read_text(encoding="utf-8"))
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=AnyTagLoader)
    assert (settings["admin_whatsapp"], settings["admin_whatsapp_teks"]) == ("6280010000000", "0800-1000-0000")
    assert config["extra"]["admin_whatsapp"] == "0800-1000-0000"
    assert settings["github"] == {"repo": config["extra"]["github_repo"], "cabang": "main"}
    assert settings["ukm"] == ["batik-contoh", "keripik-sumberejo"]
    register = load_register()
    assert [(k["nama"], [v["nama"] for v in k["desa"]]) for k in settings["wilayah"]] == [
        (k.name, [v.name for v in k.villages]) for k in register.kecamatan]
    assert sum(len(k["desa"]) for k in settings["wilayah"]) == 295
    # The form's script and styles are loaded on its page only.
    assert "daftar.js" in (out / "daftar" / "index.html").read_text(encoding="utf-8")
    for page in ("index.html", "ukm/batik-contoh/index.html", "tentang/index.html"):
        text = (out / page).read_text(encoding="utf-8")
        assert "daftar.js" not in text and "daftar.css" not in text and "fflate" not in text, page


@pytest.mark.build
def test_update_data_is_published_for_every_ukm(form_site):
    """daftar/data/<slug>.json: the file as the reader reads it, its version, and where each photo is shown."""
    out = form_site[0]
    assert sorted(p.name for p in (out / "daftar" / "data").iterdir()) == ["batik-contoh.json", "keripik-sumberejo.json"]
    text = (out / "daftar" / "data" / "batik-contoh.json").read_text(encoding="utf-8")
    published = json.loads(text)
    source = ROOT / "tests" / "fixtures" / "mini" / "products" / "batik-contoh.yml"
    assert published["slug"] == "batik-contoh"
    assert published["versi"] == hashlib.sha256(source.read_bytes()).hexdigest()
    data = published["data"]
    assert (data["terdaftar"], data["komunitas"], data["legalitas"]) == ("2025-02-01", ["ukm-juara"], {"nib": "1234567890123"})
    assert data["produk"][0]["unggulan"] == "ya" and data["produk"][1]["ditambahkan"] == "2025-06-01"
    assert data["produk"][1]["harga"] == {"dari": "150000", "sampai": "250000"}
    assert data["produk"][1]["foto"] == [{"berkas": "kemeja.jpg", "keterangan": "Kemeja batik cap biru", "fokus": "atas"},
                                         "kemeja-2.jpg"]
    assert sorted(published["foto"]) == ["kemeja-2.jpg", "kemeja.jpg", "tulis.jpg"]
    for url in published["foto"].values():  # a small rendition that keeps the photo's shape
        assert url.startswith("foto/") and url.endswith("-480.webp") and (out / url).is_file()
    assert len(text.encode()) < 2000 and "\n " not in text  # compact: one line, no indentation
    other = json.loads((out / "daftar" / "data" / "keripik-sumberejo.json").read_text(encoding="utf-8"))
    assert other["data"]["produk"][0]["foto"] == "tempe.png" and list(other["foto"]) == ["tempe.png"]


@pytest.mark.unit
def test_wrong_form_settings_stop_the_build(mini, tmp_path):
    from catalog.web.form import form_files
    catalog = load_catalog(mini)
    with pytest.raises(CatalogError) as caught:
        form_files(catalog, "12345", "bukan repo")
    assert [str(p) for p in caught.value.problems] == [
        'mkdocs.yml: extra.admin_whatsapp: nomor WhatsApp "12345" tidak valid; tulis nomor HP, contoh "0812-3456-7890"',
        'mkdocs.yml: extra.github_repo: "bukan repo" bukan nama repositori; '
        "tulis pemilik/nama, contoh pengelola-etalase/rumah-kreatif-ukm"]
    assert json.loads(form_files(catalog, None, None)["daftar/formulir.json"])["github"] is None


@pytest.mark.browser
def test_fill_form_offline_import_check_build(form, tmp_path):
    page = form
    page.context.set_offline(True)  # everything the form needs was fetched when the page loaded
    shots = photos(tmp_path / "hp")
    fill_ukm(page)
    fill_product(page, 0, "Batik Tulis Gemilang", "batik", "350000", [shots["besar.jpg"], shots["kain.png"]])
    page.get_by_role("button", name="+ Tambah produk").click()
    fill_product(page, 1, "Kemeja: Batik Cap #2", "busana", ("150000", "250000"), [shots["miring.jpg"]], camera=True)
    page.locator("fieldset.rk-f__produk").nth(1).get_by_role("radio", name="Dibuat sesuai pesanan").check()  # one tap

    cards = page.locator(".rk-f__preview .rk-card")
    assert cards.nth(0).locator(".rk-card__name").inner_text() == "Batik Tulis Gemilang"
    assert cards.nth(0).locator(".rk-card__price").inner_text() == "Rp350.000"
    assert cards.nth(0).locator(".rk-card__meta").inner_text() == "Batik Gemilang Jaya · Sumberejo"
    assert cards.nth(1).locator(".rk-card__price").inner_text() == "Rp150.000–Rp250.000"
    assert cards.nth(1).locator(".rk-stock--pesan").inner_text() == "Dibuat sesuai pesanan"
    assert page.locator("#ukm-alamat-halaman").inner_text() == "Alamat halaman Anda nanti: /ukm/batik-gemilang-jaya/"
    assert page.locator(".rk-f__msg:visible").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= 412

    with page.expect_download() as download:
        page.get_by_role("button", name="Unduh paket").click()
    assert download.value.suggested_filename == "batik-gemilang-jaya.zip"
    package = tmp_path / "batik-gemilang-jaya.zip"
    download.value.save_as(package)

    with zipfile.ZipFile(package) as archive:
        assert archive.namelist() == [
            "products/batik-gemilang-jaya.yml",
            "images/batik-gemilang-jaya/batik-tulis-gemilang-1.jpg",
            "images/batik-gemilang-jaya/batik-tulis-gemilang-2.jpg",
            "images/batik-gemilang-jaya/kemeja-batik-cap-2-1.jpg",
        ]
        assert {info.date_time for info in archive.infolist()} == {(2026, 5, 2, 12, 0, 0)}
        text = archive.read("products/batik-gemilang-jaya.yml").decode("utf-8")
        sizes = {}
        for name in archive.namelist()[1:]:
            raw = archive.read(name)
            with Image.open(io.BytesIO(raw)) as image:
                assert image.format == "JPEG"
                assert not image.getexif() and b"Exif" not in raw[:4096]  # no camera, no GPS
                sizes[name.rsplit("/", 1)[1]] = image.size
    assert sizes == {"batik-tulis-gemilang-1.jpg": (2000, 1333), "batik-tulis-gemilang-2.jpg": (800, 1200),
                     "kemeja-batik-cap-2-1.jpg": (900, 1200)}  # shrunk to 2000 px; the sideways photo stood up
    assert yaml.safe_load(text) == {
        "nama": "Batik Gemilang Jaya", "pemilik": "Ibu Siti Aminah", "desa": "Sumberejo", "kecamatan": "Japah",
        "whatsapp": "0812 3333 4444", "terdaftar": TODAY,
        "cerita": 'Kami membatik sejak 2010: motif "daun jati" & tenun.\n\nParagraf kedua.',
        "produk": [
            {"nama": "Batik Tulis Gemilang", "kategori": "batik", "harga": 350000,
             "foto": ["batik-tulis-gemilang-1.jpg", "batik-tulis-gemilang-2.jpg"]},
            {"nama": "Kemeja: Batik Cap #2", "kategori": "busana", "harga": {"dari": 150000, "sampai": 250000},
             "foto": ["kemeja-batik-cap-2-1.jpg"], "stok": "pesan"},
        ],
    }
    assert '  - nama: "Batik Tulis Gemilang"\n    kategori: "batik"\n    harga: 350000\n' in text

    github = urlsplit(page.locator("#rk-f-github").get_attribute("href"))
    assert (github.netloc, github.path) == ("github.com", "/contoh-pengelola/rumah-kreatif-ukm-blora/new/main")
    assert parse_qs(github.query) == {"filename": ["products/batik-gemilang-jaya.yml"], "value": [text]}
    admin = urlsplit(page.locator("#rk-f-wa-admin").get_attribute("href"))
    assert (admin.netloc, admin.path) == ("wa.me", "/6280010000000")
    assert parse_qs(admin.query)["text"] == [
        "Halo Admin Rumah Kreatif UKM Blora, saya mendaftarkan UKM Batik Gemilang Jaya (2 produk). "
        "Berkas paket: batik-gemilang-jaya.zip"]

    data = make_mini(tmp_path / "data")
    imported = run("import", str(package), "--data", str(data))
    assert imported.returncode == 0, imported.stderr
    check = run("check", "--data", str(data))
    assert check.returncode == 0, check.stderr
    assert check.stdout == "Data valid: 3 UKM, 5 produk.\n"
    out = tmp_path / "site"
    built = run("build", "--strict", "--data", str(data), "--out", str(out))
    assert built.returncode == 0, built.stderr
    ukm_page = (out / "ukm" / "batik-gemilang-jaya" / "index.html").read_text(encoding="utf-8")
    assert "Batik Tulis Gemilang" in ukm_page and "Kemeja: Batik Cap #2" in ukm_page
    assert (out / "ukm" / "batik-gemilang-jaya" / "kemeja-batik-cap-2" / "index.html").is_file()


SHARE_STUB = """
window.__shared = [];
navigator.canShare = (data) => Array.isArray(data.files) && data.files.length > 0;
navigator.share = async (data) => {
  if (window.__refuse) throw new DOMException('Permission denied', 'NotAllowedError');
  const f = data.files[0];
  window.__shared.push({name: f.name, type: f.type, size: f.size, text: data.text});
};
"""


@pytest.mark.browser
@pytest.mark.parametrize("refused", [False, True], ids=["shared", "zip-refused"])
def test_send_by_whatsapp_shares_the_zip_or_falls_back(form_site, browser, tmp_path, refused):
    context = browser.new_context(viewport={"width": 412, "height": 915}, accept_downloads=True)
    context.add_init_script(SHARE_STUB + ("window.__refuse = true;" if refused else ""))
    page = context.new_page()
    page.goto(form_site[1] + "daftar/")
    fill_ukm(page, nama="Tenun Ibu Sari", kecamatan="Blora", desa="Kedungjenar")
    fill_product(page, 0, "Selendang Tenun", "kerajinan", "125000", [draw_photo(tmp_path / "a.jpg", (300, 200))])
    send = page.get_by_role("button", name="Kirim lewat WhatsApp")
    if refused:  # Chrome on Android shares no ZIP files: the package is downloaded and the admin's chat opened
        with page.expect_download() as download:
            send.click()
        assert download.value.suggested_filename == "tenun-ibu-sari.zip"
        assert page.locator("#rk-f-wa-admin").get_attribute("href").startswith("https://wa.me/6280010000000?text=")
        assert page.evaluate("window.__shared") == []
    else:
        send.click()
        page.get_by_text("Paket sudah dibagikan").wait_for()
        [shared] = page.evaluate("window.__shared")
        assert (shared["name"], shared["type"]) == ("tenun-ibu-sari.zip", "application/zip") and shared["size"] > 1000
        assert shared["text"].endswith("Berkas paket: tenun-ibu-sari.zip — kirim ke 0800-1000-0000")
    context.close()


def python_messages(tmp_path: Path, cases: list[tuple[str, str, object]]) -> list[str | None]:
    """What `check` says about each case: one UKM file per case, loaded at once."""
    (tmp_path / "products").mkdir()
    paths = {}
    for i, (model, key, value) in enumerate(cases):
        ukm = {"nama": "Uji", "desa": "Kedungjenar", "whatsapp": "0812-3456-7890",
               "produk": [{"nama": "Barang", "kategori": "batik", "harga": 1000, "foto": ["a.jpg"]}]}
        if key == "varian":
            value = [v.strip() for v in value.split(",") if v.strip()]
        target = {"UKM": ukm, "Produk": ukm["produk"][0], "Legalitas": ukm.setdefault("legalitas", {})}[model]
        target[key] = value
        paths[i] = {"UKM": key, "Produk": f"produk[1].{key}", "Legalitas": f"legalitas.{key}"}[model]
        (tmp_path / "products" / f"kasus-{i}.yml").write_text(json.dumps(ukm), encoding="utf-8")  # JSON is YAML
        draw_photo(tmp_path / "images" / f"kasus-{i}" / "a.jpg", (20, 20))
    try:
        load_catalog(tmp_path)
        problems = []
    except CatalogError as exc:
        problems = exc.problems
    found: dict[int, str] = {}
    for problem in problems:
        i = int(Path(problem.file).stem.split("-")[1])
        assert problem.where.startswith(paths[i]), problem  # the mistake is reported at that field, nowhere else
        found[i] = problem.message
    return [found.get(i) for i in range(len(cases))]


MISTAKES = [
    ("UKM", "nama", "A"), ("UKM", "nama", "x" * 121), ("UKM", "nama", "Batik  Sekar"),
    ("UKM", "whatsapp", "12345"), ("UKM", "whatsapp", "0296-1234"), ("UKM", "whatsapp", "+1 555 0100 200"),
    ("UKM", "whatsapp", "0812-34"), ("UKM", "whatsapp", "62 812 3456 7890"), ("UKM", "whatsapp", "+0812345678"),
    ("UKM", "whatsapp", "0062812345678"), ("UKM", "whatsapp", "(0812) 3456.7890"), ("UKM", "whatsapp", "081234567"),
    ("UKM", "whatsapp", "0812345678"), ("UKM", "whatsapp", "0812345678901"), ("UKM", "whatsapp", "08123456789012"),
    ("UKM", "telepon", "123"), ("UKM", "telepon", "(0296) 531234"), ("UKM", "telepon", "+62 296 531234"),
    ("UKM", "email", "a@b"), ("UKM", "email", "nama@gmail.com"), ("UKM", "email", "nama @gmail.com"),
    ("UKM", "situs", "www.batik.id"), ("UKM", "situs", "https://batik.id/toko"), ("UKM", "situs", "ftp://batik.id"),
    ("UKM", "situs", "HTTPS://batik.id"), ("UKM", "situs", "https://"),
    ("UKM", "instagram", "https://twitter.com/x"), ("UKM", "instagram", "@batik.sekar"),
    ("UKM", "instagram", "https://www.instagram.com/batik"), ("UKM", "instagram", "nama akun"),
    ("UKM", "instagram", "https://m.instagram.com/a b"), ("UKM", "facebook", "abc"), ("UKM", "tiktok", "@a"),
    ("UKM", "shopee", "ab"), ("UKM", "tokopedia", "toko_saya"), ("UKM", "tokopedia", "https://tokopedia.com/toko"),
    ("UKM", "berdiri", "1800"), ("UKM", "berdiri", "2.012"), ("UKM", "berdiri", "20x"), ("UKM", "berdiri", "2012"),
    ("UKM", "karyawan", "-3"), ("UKM", "karyawan", "8 orang"), ("UKM", "karyawan", "0"),
    ("UKM", "jam_buka", "x" * 201), ("UKM", "cerita", "x" * 5001), ("UKM", "cerita", "a\n\n" + "y " * 2499),
    ("Legalitas", "nib", "12345"), ("Legalitas", "nib", "1234567890123"), ("Legalitas", "pirt", "123456789012345"),
    ("Legalitas", "pirt", "12"), ("Legalitas", "halal", "33110000"), ("Legalitas", "halal", "id 33110000123"),
    ("Legalitas", "bpom", "MD 12"), ("Legalitas", "bpom", "md123456789012"),
    ("Legalitas", "bpom", "BPOM RI MD 240935001200027"), ("Legalitas", "bpom", "TR 12345"),
    ("Legalitas", "bpom", "pom tr 092699241"), ("Legalitas", "bpom", "NA18201200123"), ("Legalitas", "bpom", "nb 1820120012"),
    ("Legalitas", "bpom", "POM SD 123456789"), ("Legalitas", "bpom", "SI 1"), ("Legalitas", "bpom", "XY 123"),
    ("Legalitas", "bpom", "DBL9624502804A1"),
    ("Produk", "harga", "150rb"), ("Produk", "harga", "350.000"), ("Produk", "harga", "-5000"),
    ("Produk", "harga", "Rp 350000"), ("Produk", "harga", "0"), ("Produk", "harga", "murah"),
    ("Produk", "harga", "1,5 jt"), ("Produk", "harga", "Rp"), ("Produk", "harga", "1.000.000"),
    ("Produk", "harga", "- 1.000"), ("Produk", "harga", "007"), ("Produk", "harga", "12 K"),
    ("Produk", "harga", {"dari": "250000", "sampai": "150000"}), ("Produk", "harga", {"dari": "0", "sampai": "5"}),
    ("Produk", "harga", {"dari": "100", "sampai": "1.000"}), ("Produk", "harga", {"dari": "100", "sampai": "100"}),
    ("Produk", "min_pesan", "0"), ("Produk", "min_pesan", "10"), ("Produk", "min_pesan", "sepuluh"),
    ("Produk", "nama", "A"), ("Produk", "satuan", "x" * 201), ("Produk", "deskripsi", "x" * 5001),
    ("Produk", "varian", "Original, " + "x" * 201), ("Produk", "varian", "Original, Pedas"),
    ("Produk", "berat", "250 g"),
]


@pytest.mark.browser
def test_form_checks_say_what_check_says(form, tmp_path):
    """Every mistake above gets the same Indonesian words from the form as from `check` (or none from both)."""
    from_form = form.evaluate("cases => cases.map(([m, k, v]) => window.rkDaftar.periksaIsian(m, k, v))", MISTAKES)
    from_check = python_messages(tmp_path, MISTAKES)
    assert [(case, msg) for case, msg in zip(MISTAKES, from_form, strict=True)] == [
        (case, msg) for case, msg in zip(MISTAKES, from_check, strict=True)]
    assert sum(m is not None for m in from_check) >= 50  # most cases are real mistakes


@pytest.mark.browser
def test_slugs_match_python(form):
    from catalog.text import slugify
    names = ["Batik Sekar Jati", "Kopi & Teh 'Mbok Darmi'", "Keripik Tempe — Pedas!!", "Café Ñoño", "  --x--  ",
             "蛋糕", "Batik  tulis!", "UD. Jati Makmur (Cepu)"]
    assert form.evaluate("names => names.map(window.rkDaftar.slugify)", names) == [slugify(n) for n in names]


@pytest.mark.browser
def test_yaml_strings_read_back_as_typed(form):
    """The form quotes every string; our YAML reader must get back exactly what the owner typed."""
    from catalog.read.yaml_source import load_yaml
    texts = ['Kopi "Mbok" \\ Darmi', "Kopi: enak # mantap", "- bukan daftar", "no", "012", "null", "~", "@batik",
             "`kode`", "baris\u2028pisah\u2029lagi", "nel\x85di tengah", "hapus\x7f", "tab\tdi tengah", "emoji 😀 batik",
             "dua\n\nparagraf", "\ufeffawal", "akhir \\"]
    written = form.evaluate("texts => texts.map(window.rkDaftar.yamlValue)", texts)
    for text, value in zip(texts, written, strict=True):
        source = load_yaml(f"nama: {value}\n".encode(), "x.yml")
        assert source.problems == [] and source.data == {"nama": text}, value


@pytest.mark.browser
def test_mistakes_show_beside_their_fields(form, tmp_path):
    page = form
    page.fill("#ukm-nama", "A")
    page.fill("#ukm-whatsapp", "12345")
    page.click("summary:has-text('Data tambahan')")
    page.fill("#ukm-berdiri", "1800")
    page.fill("#ukm-instagram", "https://twitter.com/batik")
    page.fill("#ukm-legalitas-nib", "12345")
    box = page.locator("fieldset.rk-f__produk").first
    box.get_by_label("Nama produk").fill("Batik Tulis")
    box.get_by_label("Harga (Rp)").fill("350.000")
    box.get_by_label("Satuan harga").click()  # leaving the price field shows its message
    assert message_of(page, "#p1-harga") == "tulis tanpa titik/koma pemisah ribuan: 350000"
    page.get_by_role("button", name="+ Tambah produk").click()
    second = page.locator("fieldset.rk-f__produk").nth(1)
    second.get_by_label("Nama produk").fill("Batik  tulis!")
    second.get_by_label("Harganya bervariasi").check()
    second.get_by_label("Harga terendah (Rp)").fill("250000")
    second.get_by_label("Harga tertinggi (Rp)").fill("150000")

    downloads = []
    page.on("download", lambda d: downloads.append(d))
    page.get_by_role("button", name="Unduh paket").click()
    summary = page.locator("#rk-f-ringkasan")
    summary.wait_for()
    assert downloads == []
    assert summary.evaluate("el => el === document.activeElement")
    shown = {
        "#ukm-nama": "terlalu pendek: minimal 2 huruf",
        "#ukm-kecamatan": "wajib diisi",
        "#ukm-desa": "wajib diisi",
        "#ukm-whatsapp": 'nomor WhatsApp "12345" tidak valid; tulis nomor HP, contoh "0812-3456-7890"',
        "#ukm-berdiri": "tahun 1800 tidak masuk akal; tulis empat angka, contoh 2012",
        "#ukm-instagram": '"https://twitter.com/batik" bukan akun atau alamat instagram.com; tulis nama akun saja, '
                          "contoh batiksekarjati",
        "#ukm-legalitas-nib": 'nomor NIB "12345" tidak sesuai format, contoh 1234567890123',
        "#p1-kategori": "wajib diisi",
        "#p1-harga": "tulis tanpa titik/koma pemisah ribuan: 350000",
        "#p2-kategori": "wajib diisi",
        "#p2-nama": "alamat /ukm/a/batik-tulis/ sudah dipakai produk ke-1; bedakan nama produk ini",
        "#p2-harga-sampai": "harga terendah (250000) harus lebih kecil dari harga tertinggi (150000)",
    }
    for selector, text in shown.items():
        assert message_of(page, selector) == text, selector
        assert page.locator(selector).get_attribute("aria-invalid") == "true", selector
    assert page.locator("#p1-foto-pesan").inner_text() == "wajib diisi"
    assert page.locator("#p2-foto-pesan").inner_text() == "wajib diisi"
    # The list names every field by its label, never by its YAML key, and shows no code.
    assert summary.locator("li").all_inner_texts()[:4] == [
        "Nama usaha: terlalu pendek: minimal 2 huruf", "Kecamatan: wajib diisi", "Desa/kelurahan: wajib diisi",
        'Nomor WhatsApp: nomor WhatsApp "12345" tidak valid; tulis nomor HP, contoh "0812-3456-7890"']
    assert "Foto produk: wajib diisi" in summary.locator("li").all_inner_texts()
    assert summary.locator("code").count() == 0 and page.locator(".rk-f__msg code").count() == 0
    assert summary.locator("li").count() == len(shown) + 2
    assert page.locator("#ukm-pemilik").get_attribute("aria-invalid") in (None, "false")
    assert page.evaluate("document.documentElement.scrollWidth") <= 412

    # The same mistakes in a YAML file: `check` says the same words at the same keys.
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "a.yml").write_text(
        'nama: "A"\nwhatsapp: "12345"\nberdiri: "1800"\ninstagram: "https://twitter.com/batik"\n'
        'legalitas: {nib: "12345"}\nproduk:\n  - {nama: "Batik Tulis", harga: "350.000", foto: [x.jpg]}\n'
        '  - {nama: "Batik  tulis!", harga: {dari: 250000, sampai: 150000}, foto: [x.jpg]}\n', encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path)
    said = {p.where: p.message for p in caught.value.problems}
    for where, selector in [("nama", "#ukm-nama"), ("whatsapp", "#ukm-whatsapp"), ("berdiri", "#ukm-berdiri"),
                            ("instagram", "#ukm-instagram"), ("legalitas.nib", "#ukm-legalitas-nib"),
                            ("produk[1].harga", "#p1-harga")]:
        assert said[where].replace("`", "") == message_of(page, selector), where
    assert said["produk[2].harga"] == "`dari` (250000) harus lebih kecil dari `sampai` (150000)"
    assert said[""] == "`desa` wajib diisi" and said["produk[1]"] == said["produk[2]"] == "`kategori` wajib diisi"

    # Fixing a field clears its message while typing.
    page.fill("#ukm-whatsapp", "0812-3456-7890")
    assert page.locator("#ukm-whatsapp-pesan").is_hidden()
    assert page.locator("#ukm-whatsapp").get_attribute("aria-invalid") == "false"


def message_of(page, selector: str) -> str:
    """The text of the message that the field's aria-describedby points at."""
    ids = page.locator(selector).get_attribute("aria-describedby").split()
    messages = [i for i in ids if i.endswith("-pesan")]
    assert len(messages) == 1
    return page.locator("#" + messages[0]).inner_text()


@pytest.mark.browser
def test_text_and_photos_survive_a_reload(form, tmp_path):
    """Opening the camera can push the page out of a cheap phone's memory: the text and the photos come back."""
    page = form
    fill_ukm(page, nama="Tenun Ibu Sari", kecamatan="Blora", desa="Kedungjenar")
    fill_product(page, 0, "Selendang Tenun", "kerajinan", ("100000", "125000"), [draw_photo(tmp_path / "a.jpg", (60, 40))])
    page.get_by_role("button", name="+ Tambah produk").click()
    page.locator("fieldset.rk-f__produk").nth(1).get_by_label("Nama produk").fill("Taplak Meja")
    page.wait_for_timeout(400)  # the draft is saved 300 ms after the last keystroke
    page.reload()
    page.wait_for_selector("#ukm-nama")
    assert page.get_by_role("status").filter(has_text="dipulihkan").inner_text() == (
        "Isian dan foto Anda sebelumnya dipulihkan.")
    assert [page.input_value(s) for s in ("#ukm-nama", "#ukm-kecamatan", "#ukm-desa", "#ukm-whatsapp")] == [
        "Tenun Ibu Sari", "Blora", "Kedungjenar", "0812 3333 4444"]
    first, second = page.locator("fieldset.rk-f__produk").all()
    assert first.get_by_label("Nama produk").input_value() == "Selendang Tenun"
    assert first.get_by_label("Harganya bervariasi").is_checked()
    assert first.get_by_label("Harga tertinggi (Rp)").input_value() == "125000"
    assert second.get_by_label("Nama produk").input_value() == "Taplak Meja"
    thumb = first.locator(".rk-f__thumb img")
    assert thumb.count() == 1 and thumb.get_attribute("width") == "60"  # the resized photo, from IndexedDB
    assert thumb.evaluate("img => img.decode().then(() => img.naturalWidth)") == 60
    assert stored_photos(page) == 1

    page.context.set_offline(True)  # emptying the form must not need the network
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Kosongkan formulir").click()
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ukm-nama'")  # form drawn anew
    assert page.input_value("#ukm-nama") == "" and page.locator("fieldset.rk-f__produk").count() == 1
    page.context.set_offline(False)
    page.reload()
    page.wait_for_selector("#ukm-nama")
    assert page.input_value("#ukm-nama") == "" and page.get_by_text("dipulihkan").count() == 0
    assert stored_photos(page) == 0


def stored_photos(page) -> int:
    """How many resized photos the form keeps in IndexedDB."""
    return page.evaluate("""() => new Promise(done => {
        const open = indexedDB.open('rk-daftar-foto', 1);
        open.onsuccess = () => { const req = open.result.transaction('foto').objectStore('foto').count();
                                 req.onsuccess = () => { open.result.close(); done(req.result); }; };
    })""")


@pytest.mark.browser
def test_draft_is_cleared_after_14_days_and_by_mulai_baru(form, tmp_path):
    """On a shared phone the next person must not find the previous owner's data."""
    page = form
    fill_ukm(page, nama="Tenun Ibu Sari", kecamatan="Blora", desa="Kedungjenar")
    fill_product(page, 0, "Selendang Tenun", "kerajinan", "125000", [draw_photo(tmp_path / "a.jpg", (60, 40))])
    page.wait_for_timeout(400)
    page.clock.set_fixed_time("2026-05-15T09:30:00")  # 13 days later: still there
    page.reload()
    page.wait_for_selector("#ukm-nama")
    assert page.input_value("#ukm-nama") == "Tenun Ibu Sari" and stored_photos(page) == 1
    page.clock.set_fixed_time("2026-05-30T09:30:00")  # 15 days after the last change: gone, photos too
    page.reload()
    page.wait_for_selector("#ukm-nama")
    assert page.input_value("#ukm-nama") == "" and page.get_by_text("dipulihkan").count() == 0
    assert stored_photos(page) == 0

    fill_ukm(page, nama="Tenun Ibu Sari", kecamatan="Blora", desa="Kedungjenar")
    fill_product(page, 0, "Selendang Tenun", "kerajinan", "125000", [draw_photo(tmp_path / "a.jpg", (60, 40))])
    with page.expect_download():
        page.get_by_role("button", name="Unduh paket").click()
    page.get_by_role("button", name="Mulai baru").click()  # one tap, no question
    page.wait_for_function("document.activeElement && document.activeElement.id === 'ukm-nama'")  # form drawn anew
    assert page.input_value("#ukm-nama") == "" and page.locator(".rk-f__thumb").count() == 0
    assert page.evaluate("document.activeElement.id") == "ukm-nama"
    page.reload()
    page.wait_for_selector("#ukm-nama")
    assert page.input_value("#ukm-nama") == "" and stored_photos(page) == 0


AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.browser
@pytest.mark.parametrize("width", [412, 1366])
def test_form_has_no_accessibility_problems(form, tmp_path, width):
    page = form
    page.set_viewport_size({"width": width, "height": 900})
    assert AXE.is_file(), "axe-core missing: run tools/test.sh"
    page.click("summary:has-text('Data tambahan')")
    page.get_by_role("button", name="Unduh paket").click()  # every message showing
    page.locator("#rk-f-ringkasan").wait_for()
    fill_ukm(page)
    fill_product(page, 0, "Batik Tulis", "batik", "350000", [draw_photo(tmp_path / "a.jpg", (60, 40))])
    with page.expect_download():
        page.get_by_role("button", name="Unduh paket").click()  # the result panel showing
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert found == []
    controls = (".rk-f input:not([type=file]), .rk-f select, .rk-f textarea, .rk-f button, .rk-f .md-button, .rk-f summary, "
                ".rk-f .rk-f__stokbtn")
    small = page.evaluate("""controls => [...document.querySelectorAll(controls)]
        .filter(e => e.offsetParent !== null && e.type !== 'checkbox' && e.type !== 'radio')
        .map(e => [e.id || e.textContent.trim(), e.getBoundingClientRect().height])
        .filter(([, h]) => h < 40)""", controls)
    assert small == []  # thumb-sized targets
    assert page.evaluate("document.documentElement.scrollWidth") <= width
