"""The printed brochure and booth labels: real PDFs, read back as a person and a phone would.

Each PDF is checked for its page size, its text (name, price and catalogue number of every product),
its QR codes (rasterised at 150 dpi and decoded with zxing-cpp), its fonts, and its layout as
WeasyPrint placed it (no card split across pages, no heading left alone at the bottom of a page).
"""

from __future__ import annotations

import ctypes
import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import zxingcpp
from PIL import Image

from catalog import fmt
from catalog.build import read_settings
from catalog.errors import CatalogError
from catalog.printing import brochure
from catalog.read.load import load_catalog
from conftest import ROOT, draw_photo, make_mini

SITE = brochure.SiteConfig("https://contoh.example/etalase/", "Etalase Uji", demo=True)
MM = 72 / 25.4  # PDF points per millimetre
DPI = 150


# --- catalogues ---

def write_catalogue(root: Path, ukms: dict[str, str]) -> Path:
    """Write products/<slug>.yml from YAML text and draw every photo it names."""
    (root / "products").mkdir(parents=True)
    for slug, text in ukms.items():
        text = textwrap.dedent(text)
        (root / "products" / f"{slug}.yml").write_text(text, encoding="utf-8")
        for i, name in enumerate(re.findall(r"foto: ([\w.-]+)", text)):
            draw_photo(root / "images" / slug / name, (600, 450), colour=(60 + i * 37 % 150, 90, 120))
    return root


FAIR = {
    "batik-balun": """
        nama: Batik Balun
        desa: Balun
        kecamatan: Cepu
        whatsapp: "0812-1111-0001"
        terdaftar: 2025-03-01
        produk:
          - {nama: Batik Tulis Minyak, kategori: batik, harga: 300000, foto: a.jpg}
          - {nama: Kemeja Lurik, kategori: busana, harga: 150000, foto: b.jpg}
        """,
    "keripik-ngloram": """
        nama: Keripik Ngloram
        desa: Ngloram
        whatsapp: "0812-1111-0002"
        produk:
          - {nama: Keripik Singkong, kategori: makanan, harga: 12000, foto: c.jpg}
        """,
    "jati-jepon": """
        nama: Jati Jepon
        desa: Jepon
        kecamatan: Jepon
        telepon: "(0296) 531234"
        produk:
          - {nama: Meja Jati, kategori: kerajinan, harga: {dari: 900000, sampai: 1500000}, foto: d.jpg}
          - {nama: Batik Jati Cap, kategori: batik, harga: 175000, foto: e.jpg, ditambahkan: 2025-07-14}
        """,
}


@pytest.fixture(scope="module")
def fair(tmp_path_factory):
    return load_catalog(write_catalogue(tmp_path_factory.mktemp("fair") / "data", FAIR))


def stress_ukms() -> dict[str, str]:
    """Eleven UKMs with 1–7 products, long names and long stories: many page breaks on A5."""
    words = ["Batik", "Tulis", "Sogan", "Daun", "Jati", "Kawung", "Parang", "Lurik", "Samin", "Barongan"]
    villages = [("Balun", "Cepu"), ("Ngloram", "Cepu"), ("Jepon", "Jepon"), ("Kedungjenar", "Blora"),
                ("Sumberejo", "Randublatung")]
    ukms = {}
    for i in range(11):
        desa, kecamatan = villages[i % len(villages)]
        lines = [f"nama: UKM Uji Tata Letak {i}", f"desa: {desa}", f"kecamatan: {kecamatan}",
                 f'whatsapp: "0812-2222-{i:04d}"', "cerita: |",
                 "  " + " ".join(words[(i + k) % 10].lower() for k in range(20 + 9 * i)), "produk:"]
        for j in range(1 + (i * 3) % 7):
            name = " ".join(words[(i + j + k) % 10] for k in range(2 + (i * j) % 17))
            kategori = ["batik", "busana", "makanan", "kerajinan"][j % 4]
            lines += [f"  - nama: {name} {i}-{j}", f"    kategori: {kategori}", f"    harga: {(j + 1) * 25000}",
                      f"    foto: p{j}.jpg"]
        ukms[f"ukm-uji-{i:02d}"] = "\n".join(lines) + "\n"
    longest = ("Batik Tulis Halus Motif Daun Jati dan Kawung Sogan Klasik, dengan Pewarna Alami Kulit Kayu Tingi "
               "Tegeran dan Jambal Roti")
    assert len(longest) == 120  # the most the format allows
    ukms["ukm-uji-00"] = ukms["ukm-uji-00"].replace("nama: UKM Uji Tata Letak 0", "nama: Kelompok Usaha Bersama "
                                                    "Perajin Batik dan Tenun Lurik Desa Balun Sejahtera") + \
        f"  - nama: {longest}\n    kategori: batik\n    harga: {{dari: 1250000, sampai: 2500000}}\n" \
        "    satuan: lembar\n    foto: panjang.jpg\n"
    return ukms


@pytest.fixture(scope="module")
def stress(tmp_path_factory):
    return load_catalog(write_catalogue(tmp_path_factory.mktemp("stress") / "data", stress_ukms()))


# --- reading PDFs back ---

def pdf_text(pdf: pdfium.PdfDocument) -> str:
    """All text of the PDF with whitespace removed: a wrapped name still reads as one string."""
    # PDFium marks a hyphen that ends a line (`Warna-` / `warni`) as U+FFFE: it is the hyphen.
    return "".join("".join(page.get_textpage().get_text_range().replace("\ufffe", "-").split()) for page in pdf)


def squeeze(text: str) -> str:
    return "".join(text.split())


def decoded_qr_codes(pdf: pdfium.PdfDocument) -> list[zxingcpp.Barcode]:
    codes = []
    for page in pdf:
        image = page.render(scale=DPI / 72).to_pil()
        codes += zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return codes


def symbol_width_mm(code: zxingcpp.Barcode) -> float:
    p = code.position
    return ((p.top_right.x - p.top_left.x) ** 2 + (p.top_right.y - p.top_left.y) ** 2) ** 0.5 / DPI * 25.4


def fonts_used(pdf: pdfium.PdfDocument) -> dict[str, bool]:
    """Every font that draws text, and whether the PDF embeds it."""
    fonts = {}
    for page in pdf:
        for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_TEXT]):
            font = pdfium_raw.FPDFTextObj_GetFont(obj.raw)
            size = pdfium_raw.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(size)
            pdfium_raw.FPDFFont_GetBaseFontName(font, name, size)
            fonts[name.value.decode()] = bool(pdfium_raw.FPDFFont_GetIsEmbedded(font))
    return fonts


def expected_urls(catalog, products) -> set[str]:
    return ({SITE.site_url} | {SITE.site_url + p.ukm.url for p in products}
            | {f"{SITE.site_url}p/{p.number}/" for p in products})


def layout_problems(document) -> list[str]:
    """Read WeasyPrint's page boxes: a card on two pages, or a page whose last text belongs to a heading."""
    from weasyprint.formatting_structure import boxes

    card_pages: dict[str, set[int]] = {}
    problems = []

    def walk(box, heading):
        if isinstance(box, boxes.MarginBox):  # running header and page number
            return
        element = getattr(box, "element", None)
        if (element is not None and box.element_tag in ("a", "article")
                and {"card", "label"} & set((element.get("class") or "").split())):
            card_pages.setdefault(element.get("id"), set()).add(index)
        if box.element_tag in ("h1", "h2", "h3"):
            heading = element
        if isinstance(box, (boxes.TextBox, boxes.ReplacedBox)):
            last[0] = heading
        for child in getattr(box, "children", ()):
            walk(child, heading)

    for index, page in enumerate(document.pages):
        last = [None]  # the heading that holds the page's last text or image, if any
        walk(page._page_box, None)
        if last[0] is not None and "cover__title" not in (last[0].get("class") or ""):
            problems.append(f"page {index + 1} ends with the heading {''.join(last[0].itertext())!r}")
    problems += [f"card {card} on pages {sorted(pages)}" for card, pages in card_pages.items() if len(pages) > 1]
    return problems


def overflowing_labels(document) -> list[str]:
    """Labels have a fixed size: return those whose text runs past their bottom or into their QR code."""
    from weasyprint.formatting_structure import boxes

    found = []
    for page in document.pages:
        for label in page._page_box.descendants():
            if label.element_tag != "article" or "label" not in (label.element.get("class") or ""):
                continue
            bottom = label.position_y + label.margin_height() - label.padding_bottom - label.border_bottom_width
            qr = next(b for b in label.children if b.element_tag == "img")  # absolutely placed: a placeholder
            for box in label.descendants():
                if isinstance(box, boxes.TextBox) and (box.position_y + box.height > bottom + 0.5
                                                       or box.position_x + box.width > qr.position_x + 0.5):
                    found.append(f"{label.element.get('id')}: {box.text!r}")
    return found


def render(printout):
    document = brochure.render(printout)
    data = brochure.pdf_bytes(document)
    return document, data, pdfium.PdfDocument(data)


# --- selection ---

def keys(products) -> set[str]:
    return {p.key for p in products}


@pytest.mark.parametrize("filters, expected", [
    (brochure.Filters(), {"batik-balun/batik-tulis-minyak", "batik-balun/kemeja-lurik",
                          "keripik-ngloram/keripik-singkong", "jati-jepon/meja-jati", "jati-jepon/batik-jati-cap"}),
    (brochure.Filters(kategori=("batik",)), {"batik-balun/batik-tulis-minyak", "jati-jepon/batik-jati-cap"}),
    (brochure.Filters(kecamatan=("cepu",)), {"batik-balun/batik-tulis-minyak", "batik-balun/kemeja-lurik",
                                             "keripik-ngloram/keripik-singkong"}),
    (brochure.Filters(kategori=("Batik",), kecamatan=("Cepu",)), {"batik-balun/batik-tulis-minyak"}),
    (brochure.Filters(kategori=("batik", "makanan"), kecamatan=("Cepu", "Jepon")),
     {"batik-balun/batik-tulis-minyak", "keripik-ngloram/keripik-singkong", "jati-jepon/batik-jati-cap"}),
    (brochure.Filters(ukm=("jati-jepon",)), {"jati-jepon/meja-jati", "jati-jepon/batik-jati-cap"}),
    (brochure.Filters(ukm=("products/jati-jepon.yml",)), {"jati-jepon/meja-jati", "jati-jepon/batik-jati-cap"}),
    (brochure.Filters(kategori=("kerajinan",), ukm=("jati-jepon", "batik-balun")), {"jati-jepon/meja-jati"}),
    (brochure.Filters(desa=("balun",)), {"batik-balun/batik-tulis-minyak", "batik-balun/kemeja-lurik"}),
    (brochure.Filters(kecamatan=("Cepu",), desa=("Ngloram", "Balun")),
     {"batik-balun/batik-tulis-minyak", "batik-balun/kemeja-lurik", "keripik-ngloram/keripik-singkong"}),
    (brochure.Filters(kategori=("batik",), desa=("Balun",)), {"batik-balun/batik-tulis-minyak"}),
])
@pytest.mark.unit
def test_filters_select_exactly_the_right_products(fair, filters, expected):
    assert keys(brochure.select(fair, filters)) == expected


@pytest.mark.unit
def test_bad_filters_are_explained_in_indonesian(fair):
    with pytest.raises(CatalogError) as caught:
        brochure.select(fair, brochure.Filters(kategori=("batk",), kecamatan=("Cepuu",), ukm=("jati-jepo",),
                                               desa=("Balunn",)))
    assert [str(p) for p in caught.value.problems] == [
        '--category: kategori "batk" tidak dikenal; pilih salah satu: batik, busana, makanan, kerajinan; '
        'maksud Anda "batik"?',
        '--desa: desa/kelurahan "Balunn" tidak ada di Kabupaten Blora; maksud Anda "Balun"?',
        '--kecamatan: kecamatan "Cepuu" tidak ada di Kabupaten Blora; maksud Anda "Cepu"?',
        '--ukm: UKM "jati-jepo" tidak ada (nama berkas products/jati-jepo.yml); maksud Anda "jati-jepon"?',
    ]


@pytest.mark.unit
def test_a_filter_that_matches_nothing_is_an_error_not_an_empty_pdf(fair):
    with pytest.raises(CatalogError) as caught:
        brochure.select(fair, brochure.Filters(kategori=("makanan",), kecamatan=("Jepon",)))
    assert [str(p) for p in caught.value.problems] == [
        "pilihan: tidak ada produk yang cocok dengan kategori Makanan & Jajanan dan Kecamatan Jepon; "
        "longgarkan --category, --kecamatan, --desa atau --ukm"]


@pytest.mark.unit
def test_a_desa_is_looked_up_in_the_kecamatan_asked_for(fair):
    with pytest.raises(CatalogError) as caught:
        brochure.select(fair, brochure.Filters(kecamatan=("Jepon",), desa=("Balun",)))
    assert [str(p) for p in caught.value.problems] == [
        '--desa: desa/kelurahan "Balun" tidak ada di Kecamatan Jepon, melainkan di Kecamatan Cepu']
    assert brochure.describe(brochure.Filters(kecamatan=("cepu",), desa=("balun", "ngloram")), fair) == \
        "Kecamatan Cepu dan Kelurahan Balun atau Desa Ngloram"


# --- the brochure ---

@pytest.fixture(scope="module")
def a4(fair):
    """The fair's brochure on A4, with one product's photos taken away (the loader would refuse that)."""
    fair.products[1].photos = ()
    products = brochure.select(fair, brochure.Filters())
    printout = brochure.brochure_html(fair, products, SITE, brochure.Layout("A4"))
    yield (printout, *render(printout))
    fair.products[1].photos = load_catalog(fair.data_dir).products[1].photos


@pytest.mark.build
def test_a4_page_size_is_exact(a4):
    _, _, _, pdf = a4
    for page in pdf:
        left, bottom, right, top = page.get_mediabox()
        assert abs((right - left) / MM - 210) <= 0.5 and abs((top - bottom) / MM - 297) <= 0.5


@pytest.mark.build
def test_every_product_is_printed_with_name_price_and_number(fair, a4):
    printout, _, _, pdf = a4
    text = pdf_text(pdf)
    assert len(printout.products) == len(fair.products) == 5
    for product in fair.products:
        for value in (product.data.nama, fmt.harga_text(product.data.harga), f"No.katalog{product.number}"):
            assert squeeze(value) in text, value
    for ukm in fair.ukms:
        assert squeeze(ukm.data.nama) in text
    assert "0812-1111-0001" in text and "(0296)531234" in text  # WhatsApp written for people, phone too
    assert "Edisi14Juli2025" in text  # the newest date in the data, not today's
    assert "Halaman2dari" in text and f"dari{len(pdf)}" in text


@pytest.mark.build
def test_a_product_without_photo_still_gets_a_card(fair, a4):
    printout, _, _, pdf = a4
    product = fair.products[1]
    assert product.photos == () and product in printout.products
    assert "Foto belum tersedia" in printout.html
    assert squeeze(product.data.nama) in pdf_text(pdf)
    assert f"{SITE.site_url}p/{product.number}/" in {c.text for c in decoded_qr_codes(pdf)}


@pytest.mark.build
def test_every_qr_code_decodes_to_its_short_url(fair, a4):
    _, _, _, pdf = a4
    codes = decoded_qr_codes(pdf)
    assert sorted(c.text for c in codes) == sorted(expected_urls(fair, fair.products))  # each once, none missing
    for code in codes:
        assert code.ec_level == "M"
        assert symbol_width_mm(code) >= 19.8, code.text  # 20 mm printed; the decoder's corners are ±1 px


@pytest.mark.build
def test_each_card_is_one_link_to_its_product(a4):
    """Tapping anywhere on a card in the PDF opens the product: one link annotation as wide as the card."""
    printout, _, data, _ = a4
    links: dict[str, list[float]] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", ()):
                uri = str(annotation.get("/A", {}).get("/URI", ""))
                if "/p/" in uri:
                    x1, _, x2, _ = (float(v) for v in annotation.Rect)
                    links.setdefault(uri, []).append((x2 - x1) / MM)
    assert set(links) == {f"{SITE.site_url}p/{p.number}/" for p in printout.products}
    card = brochure.Layout("A4").card_width
    assert all(len(widths) == 1 and abs(widths[0] - card) < 1 for widths in links.values()), links


@pytest.mark.build
def test_qr_codes_are_printed_without_smoothing(a4):
    """A QR code is an image of one pixel per module: a smoothed one would print with grey, blurred edges."""
    _, _, data, _ = a4
    images = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:  # pages share their resources: one entry per image object
            for image in page.get_images().values():
                if image.Width == image.Height and image.Width < 100:  # the photos are larger and not square
                    images[image.objgen] = (int(image.Width), bool(image.get("/Interpolate", True)))
    images = list(images.values())
    assert len(images) == len({p.key for p in a4[0].products}) + len({p.ukm.slug for p in a4[0].products}) + 1
    assert {smoothed for _, smoothed in images} == {False}
    assert {width for width, _ in images} <= {21 + 8, 25 + 8, 29 + 8, 33 + 8, 37 + 8}  # versions 1-5, quiet zone


@pytest.mark.build
def test_fonts_are_embedded(a4):
    _, _, _, pdf = a4
    fonts = fonts_used(pdf)
    assert fonts and all(fonts.values()), fonts
    assert any("RK-Sans" in name for name in fonts)  # the shipped font, not a system fallback


@pytest.mark.build
def test_photos_are_downsampled_to_300_dpi_at_printed_size(a4):
    printout, _, _, _ = a4
    side = round(brochure.Layout("A4").photo_box[0] / 25.4 * 300)
    photos = [data for data, mime in printout.assets.items.values() if mime == "image/jpeg"]
    assert len(photos) == 4
    for data in photos:  # a crop in the photo cache, read when WeasyPrint asks for it
        with Image.open(data) as image:
            assert image.size == (side, side)


@pytest.mark.build
def test_same_data_gives_the_same_bytes(fair, a4):
    printout, _, data, _ = a4
    assert brochure.pdf_bytes(brochure.render(printout)) == data


@pytest.mark.build
def test_owner_text_stays_text(tmp_path):
    catalog = load_catalog(make_mini(tmp_path / "data"))
    printout = brochure.brochure_html(catalog, catalog.products, SITE, brochure.Layout("A5"), "kategori")
    assert "<script>" not in printout.html and "&lt;script&gt;alert(1)&lt;/script&gt; Batik Tulis" in printout.html
    _, _, pdf = render(printout)
    assert squeeze("<script>alert(1)</script> Batik Tulis") in pdf_text(pdf)
    assert squeeze("Batik Contoh <b>Jati</b>") in pdf_text(pdf)


@pytest.mark.build
def test_long_brochure_never_splits_a_card_nor_strands_a_heading(stress):
    catalog = stress
    for layout, group_by in ((brochure.Layout("A5"), "wilayah"), (brochure.Layout("A4"), "kategori")):
        printout = brochure.brochure_html(catalog, catalog.products, SITE, layout, group_by)
        document, _, pdf = render(printout)
        assert len(document.pages) >= 8
        assert layout_problems(document) == []
        text = pdf_text(pdf)
        for product in catalog.products:  # long names wrap inside the card, nothing is cut off
            assert squeeze(product.data.nama) in text and product.number in text


@pytest.mark.build
def test_a5_with_bleed_and_crop_marks(fair):
    printout = brochure.brochure_html(fair, fair.products, SITE, brochure.Layout("A5", bleed=True))
    _, _, pdf = render(printout)
    for page in pdf:
        trim, media = page.get_trimbox(), page.get_mediabox()
        assert abs((trim[2] - trim[0]) / MM - 148) <= 0.5 and abs((trim[3] - trim[1]) / MM - 210) <= 0.5
        assert abs((media[2] - media[0]) / MM - 154) <= 0.5 and abs((media[3] - media[1]) / MM - 216) <= 0.5
    # The crop marks are drawn in the bleed of a white page: the top-left 3 mm corner is not blank.
    image = pdf[1].render(scale=DPI / 72).to_pil().convert("L")
    corner = image.crop((0, 0, round(3 / 25.4 * DPI), round(3 / 25.4 * DPI)))
    assert corner.getextrema()[0] < 128


def outline(path) -> list[tuple[int, str, int]]:
    """The PDF's bookmarks as (depth, title, page number), in order."""
    with pikepdf.open(path) as pdf, pdf.open_outline() as bookmarks:
        number = {page.objgen: i + 1 for i, page in enumerate(pdf.pages)}

        def walk(items, depth):
            for item in items:
                yield depth, item.title, number[item.destination[0].objgen]
                yield from walk(item.children, depth + 1)
        return list(walk(bookmarks.root, 0))


def contents_links(path) -> list[tuple[str, int]]:
    """Where the links of the contents pages lead: (anchor, page number), each once (WeasyPrint marks every line)."""
    with pikepdf.open(path) as pdf:
        number = {page.objgen: i + 1 for i, page in enumerate(pdf.pages)}
        dests = pikepdf.NameTree(pdf.Root.Names.Dests)
        return list(dict.fromkeys((str(link.Dest), number[dests[str(link.Dest)][0].objgen])
                                  for page in pdf.pages[:2] for link in page.get("/Annots", ()) if "/Dest" in link))


@pytest.mark.build
def test_a_brochure_in_pieces_is_the_same_brochure(tmp_path, monkeypatch):
    """Laid out a few chapters at a time in worker processes and joined, the brochure has the pages of one document.

    Long chapters come in parts, each on a fresh page (here a part is 12 products or more, so that the sample
    has some): a piece can then be a part of a chapter, and its first page still names the chapter at its top.
    """
    monkeypatch.setattr(brochure, "PART_PRODUCTS", 12)
    catalog = load_catalog(ROOT)
    layout = brochure.Layout("A4", bleed=True)  # the page numbers printed over the joined pages must line up
    parts = [b for b in brochure.plan(catalog, catalog.products, "wilayah", layout.columns) if b.continues]
    assert len(parts) >= 2 and all(b.headings[0].level == 2 for b in parts)
    whole = brochure.brochure_html(catalog, catalog.products, SITE, layout, piece_products=10**6)
    pieced = brochure.brochure_html(catalog, catalog.products, SITE, layout, piece_products=30)
    assert whole.html and not whole.pieces and len(pieced.pieces) >= 3
    (tmp_path / "one.pdf").write_bytes(brochure.print_pdf(whole))
    joined = brochure.print_pdf(pieced)
    assert brochure.print_pdf(pieced) == joined  # the same data gives the same bytes
    (tmp_path / "joined.pdf").write_bytes(joined)
    one, pdf = pdfium.PdfDocument(tmp_path / "one.pdf"), pdfium.PdfDocument(tmp_path / "joined.pdf")

    texts = [page.get_textpage().get_text_range() for page in pdf]
    assert texts == [page.get_textpage().get_text_range() for page in one]
    for a, b in zip(one, pdf, strict=True):  # and every page looks the same, down to the pixel
        assert a.render(scale=50 / 72).to_pil().tobytes() == b.render(scale=50 / 72).to_pil().tobytes()
    # Page numbers run on across the pieces; the contents give the page where each chapter and village starts.
    assert [re.findall(r"Halaman (\d+) dari (\d+)", text) for text in texts] == (
        [[]] + [[(str(n), str(len(texts)))] for n in range(2, len(texts) + 1)])
    toc = re.findall(r"^((?:Kecamatan|Desa|Kelurahan) [^.\r\n]+?) ?\.+ (\d+)\r?$", texts[1], re.M)
    assert len(toc) == len({p.ukm.desa.code for p in catalog.products}) + len(
        {p.ukm.kecamatan.code for p in catalog.products})
    for title, number in toc:
        assert f"\n{title}\r" in texts[int(number) - 1], title
        assert not any(f"\n{title}\r" in text for text in texts[2:int(number) - 1]), title
    starts = dict(toc)
    for block in parts:  # a part starts its page with its desa, under the running head of its chapter
        page = texts[int(starts[block.headings[0].title]) - 1]
        lines = [line for line in page.split("\r\n") if line != "Profil UKM"]  # the QR captions come first
        assert lines[0] == block.headings[0].title and f"{block.continues} {lines[0]}" in lines, page
    # The contents' links, the bookmarks and the QR codes survive the join.
    links = contents_links(tmp_path / "joined.pdf")
    assert len(links) == len(toc) and links == contents_links(tmp_path / "one.pdf")
    assert [number for _, number in links] == [int(number) for _, number in toc]
    assert outline(tmp_path / "joined.pdf") == outline(tmp_path / "one.pdf") != []
    site_url = SITE.site_url
    assert sorted(c.text for c in decoded_qr_codes(pdf)) == sorted(
        {site_url} | {site_url + u.url for u in catalog.ukms} | {f"{site_url}p/{p.number}/" for p in catalog.products})
    fonts = fonts_used(pdf)
    assert all(fonts.values()) and any("RK-Sans" in name for name in fonts)


@pytest.mark.build
def test_a_brochure_by_kategori_in_parts_is_the_same_brochure(tmp_path, monkeypatch):
    """By kategori a long chapter is cut at a UKM: laid out in pieces, its pages, text and bookmarks are the same."""
    monkeypatch.setattr(brochure, "PART_PRODUCTS", 12)
    catalog = load_catalog(ROOT)
    blocks = brochure.plan(catalog, catalog.products, "kategori", 2)
    assert len([b for b in blocks if b.continues]) >= 2
    whole = brochure.brochure_html(catalog, catalog.products, SITE, group_by="kategori", piece_products=10**6)
    pieced = brochure.brochure_html(catalog, catalog.products, SITE, group_by="kategori", piece_products=20)
    assert len(pieced.pieces) >= 4 and any(pieced.continued)
    (tmp_path / "one.pdf").write_bytes(brochure.print_pdf(whole))
    (tmp_path / "joined.pdf").write_bytes(brochure.print_pdf(pieced))
    one, pdf = pdfium.PdfDocument(tmp_path / "one.pdf"), pdfium.PdfDocument(tmp_path / "joined.pdf")
    assert [p.get_textpage().get_text_range() for p in pdf] == [p.get_textpage().get_text_range() for p in one]
    assert outline(tmp_path / "joined.pdf") == outline(tmp_path / "one.pdf") != []


@pytest.mark.build
def test_an_edit_lays_out_again_only_the_piece_that_shows_it(tmp_path):
    """One price changed: the other pieces, the contents and the page numbers come from the piece cache, and the
    PDF is the one a fresh render gives; so it is after a UKM is removed, which moves the contents' numbers."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "products", data / "products")
    shutil.copytree(ROOT / "images", data / "images", copy_function=os.link)
    cache = tmp_path / "potongan"

    def printout():
        catalog = load_catalog(data, remember=False)
        return catalog, brochure.brochure_html(catalog, catalog.products, SITE, piece_products=30)

    catalog, first = printout()
    pieces = brochure.PieceCache(cache)
    brochure.print_pdf(first, pieces)
    assert len(first.pieces) >= 3 and pieces.laid_out == list(range(len(first.pieces))) and pieces.reused == []
    assert sorted(set(pieces.parts_laid_out)) == ["folios", "front", "stand-in"]

    product = next(p for p in catalog.products if "harga: 35000" in (data / p.ukm.file).read_text())
    yml = data / product.ukm.file
    yml.write_text(yml.read_text(encoding="utf-8").replace("harga: 35000", "harga: 36500", 1), encoding="utf-8")
    _, second = printout()
    changed = [i for i, piece in enumerate(second.pieces) if f'id="u-{product.ukm.slug}"' in piece]
    assert len(changed) == 1 and second.pieces[:changed[0]] == first.pieces[:changed[0]]
    pieces = brochure.PieceCache(cache)
    joined = before = brochure.print_pdf(second, pieces)
    assert pieces.laid_out == changed and len(pieces.reused) == len(second.pieces) - 1
    assert pieces.parts_laid_out == []  # the price moved no page: the contents and page numbers are the same
    assert "36.500" in pdf_text(pdfium.PdfDocument(joined))
    assert joined == brochure.print_pdf(second)  # byte for byte what a render without any cache gives
    # The cache keeps the parts of the latest brochure only: its pieces, the contents (with the stand-in that
    # counts its pages) and the page numbers; the old version of the edited piece is gone.
    assert len(list(cache.iterdir())) == 2 * (len(second.pieces) + 3)
    # A part read back is its file, for the join to read: its bytes are never loaded into the build's memory.
    kept = pieces.get(next(cache.glob("*.pdf")).stem)
    assert kept is not None and isinstance(kept[0], Path) and kept[0].parent == cache

    # A UKM fewer: the cover's counts change, and its chapter is a page shorter, so the contents' numbers too.
    (data / "products" / "kriya-kayu-kadengan.yml").unlink()
    _, third = printout()
    pieces = brochure.PieceCache(cache)
    joined = brochure.print_pdf(third, pieces)
    assert len(pieces.laid_out) == 1 and sorted(set(pieces.parts_laid_out)) == ["folios", "front", "stand-in"]
    assert len(pdfium.PdfDocument(joined)) == len(pdfium.PdfDocument(before)) - 1
    assert joined == brochure.print_pdf(third)


@pytest.mark.unit
def test_qr_codes_are_drawn_once_and_then_reused(tmp_path, monkeypatch):
    urls = [f"{SITE.site_url}p/{n}/" for n in ("B-001", "K-002", "M-003")]
    kept = brochure.qr_store(tmp_path)
    drawn = brochure.qr_codes(urls, kept)
    kept.save()
    assert drawn == brochure.qr_codes(urls)
    monkeypatch.setattr(brochure, "qr_png", lambda url: pytest.fail(f"drawn again: {url}"))
    assert brochure.qr_codes(urls[:2], brochure.qr_store(tmp_path)) == {url: drawn[url] for url in urls[:2]}


# --- labels ---

@pytest.mark.build
def test_labels_are_a4_sheets_of_21_with_working_qr_codes(stress):
    products = stress.products
    assert len(products) == 44  # two full sheets and two labels on a third
    printout = brochure.labels_html(stress, products, SITE)
    document, _, pdf = render(printout)
    assert len(pdf) == 3
    for page in pdf:
        left, bottom, right, top = page.get_mediabox()
        assert abs((right - left) / MM - 210) <= 0.5 and abs((top - bottom) / MM - 297) <= 0.5
    text = pdf_text(pdf)
    for product in products:
        for value in (product.data.nama, fmt.harga_text(product.data.harga), f"No.katalog{product.number}",
                      product.ukm.data.nama[:20]):  # a long UKM name is shortened on a label
            assert squeeze(value) in text, value
    codes = decoded_qr_codes(pdf)
    assert sorted(c.text for c in codes) == sorted(f"{SITE.site_url}p/{p.number}/" for p in products)
    assert all(symbol_width_mm(c) >= 19.8 and c.ec_level == "M" for c in codes)
    assert layout_problems(document) == [] and overflowing_labels(document) == []
    assert all(fonts_used(pdf).values())


# --- configuration, photos, short links ---

@pytest.mark.unit
def test_a_photo_that_cannot_be_decoded_is_reported_at_its_line(tmp_path):
    data = write_catalogue(tmp_path / "data", {"jati-jepon": FAIR["jati-jepon"]})
    catalog = load_catalog(data)
    photo = data / "images" / "jati-jepon" / "e.jpg"  # the loader checks photos too: spoil it after loading
    photo.write_bytes(photo.read_bytes()[:400])  # a header that promises more than the file holds
    with pytest.raises(CatalogError) as caught:
        brochure.brochure_html(catalog, catalog.products, SITE)
    assert [str(p) for p in caught.value.problems] == [
        'products/jati-jepon.yml:8: produk[2].foto[1]: foto "e.jpg" rusak atau terpotong, tidak bisa dicetak; '
        "simpan ulang sebagai JPEG lalu salin lagi ke images/jati-jepon/"]


@pytest.mark.unit
def test_print_photo_crops_to_the_box_and_never_upscales(tmp_path):
    big = draw_photo(tmp_path / "big.jpg", (2400, 1200))
    small = draw_photo(tmp_path / "small.png", (200, 100))
    with Image.open(io.BytesIO(brochure.print_photo(big, (30, 20)))) as image:
        assert image.size == (354, 236) and image.format == "JPEG"
    with Image.open(io.BytesIO(brochure.print_photo(small, (30, 30)))) as image:
        assert image.size == (100, 100)
    # Focus "kiri" (0% 50%) keeps the light mark drawn in the top-left corner; "kanan" crops it away.
    left = Image.open(io.BytesIO(brochure.print_photo(big, (10, 10), "0% 50%")))
    right = Image.open(io.BytesIO(brochure.print_photo(big, (10, 10), "100% 50%")))
    assert left.getpixel((1, 1))[0] > 200 and right.getpixel((1, 1))[0] < 200


@pytest.mark.unit
def test_short_links_forward_to_the_product_page(fair):
    pages = brochure.redirect_pages(fair, SITE)
    assert len(pages) == len(fair.products)
    product = fair.products[0]
    page = pages[f"p/{product.number}/index.html"]
    assert f'content="0; url=../../{product.url}"' in page
    assert f'<link rel="canonical" href="{SITE.site_url}{product.url}">' in page


# --- the command line and the site ---

def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_catalog.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.build
def test_cli_writes_a_filtered_a5_brochure_and_labels(fair, tmp_path):
    out = tmp_path / "brosur.pdf"
    result = run("brochure", "--data", str(fair.data_dir), "--out", str(out), "--paper", "A5", "--category", "batik")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Selesai: 2 produk (kategori Batik) → {out} (")
    pdf = pdfium.PdfDocument(out)
    left, _, right, _ = pdf[0].get_mediabox()
    assert abs((right - left) / MM - 148) <= 0.5
    text = pdf_text(pdf)
    assert "BatikTulisMinyak" in text and "BatikJatiCap" in text and "MejaJati" not in text
    labels = tmp_path / "label.pdf"
    result = run("labels", "--data", str(fair.data_dir), "--out", str(labels), "--ukm", "jati-jepon")
    assert result.returncode == 0, result.stderr
    assert "MejaJati" in pdf_text(pdfium.PdfDocument(labels))


@pytest.mark.build
def test_cli_refuses_a_filter_that_matches_nothing(fair, tmp_path):
    out = tmp_path / "brosur.pdf"
    result = run("brochure", "--data", str(fair.data_dir), "--out", str(out), "--kecamatan", "Jepon",
                 "--category", "makanan")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "pilihan: tidak ada produk yang cocok dengan kategori Makanan & Jajanan dan Kecamatan Jepon; "
        "longgarkan --category, --kecamatan, --desa atau --ukm",
        "1 masalah ditemukan. Perbaiki semuanya lalu jalankan lagi."]
    assert not out.exists()


@pytest.mark.build
def test_the_site_publishes_the_full_brochure(sample_site):
    catalog = load_catalog(ROOT)
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert f'<a class="rk-brochure" href="{brochure.SITE_PDF}" download>' in home and "Unduh brosur" in home
    pdf = pdfium.PdfDocument(sample_site / brochure.SITE_PDF)
    text = pdf_text(pdf)
    for product in catalog.products:
        assert product.number in text and squeeze(product.data.nama) in text
        # The short link printed as a QR code exists in the site and forwards to the product page.
        page = (sample_site / "p" / product.number / "index.html").read_text(encoding="utf-8")
        assert f"url=../../{product.url}" in page and (sample_site / product.url / "index.html").is_file()
    site_url = read_settings(ROOT / "mkdocs.yml", ROOT).printed_url()
    assert {c.text for c in decoded_qr_codes(pdf)} == (
        {site_url} | {site_url + u.url for u in catalog.ukms} | {f"{site_url}p/{p.number}/" for p in catalog.products})
    assert not (sample_site / "brochure").exists() and not (sample_site / "fonts").exists()  # print-only files


@pytest.mark.browser
def test_printing_a_product_or_ukm_page_gives_one_clean_page(sample_site, serve, browser):
    catalog = load_catalog(ROOT)
    # The product with the longest description, and the UKM with the most products: the hardest to fit.
    product = max((p for p in catalog.products if p.ukm.data.whatsapp), key=lambda p: len(p.data.deskripsi or ""))
    ukm = max(catalog.ukms, key=lambda u: (len(u.products), len(u.data.cerita or "")))
    page = browser.new_page()
    for url in (product.url, ukm.url):
        page.goto(serve(sample_site) + url)
        page.emulate_media(media="print")
        for furniture in (".md-header", ".md-sidebar--primary", ".md-footer", ".rk-crumbs", "a.rk-wa"):
            assert page.locator(furniture).first.is_hidden(), (url, furniture)
        if url == product.url:  # the WhatsApp button is printed as its number, for people
            assert page.get_by_text(f"WhatsApp {fmt.phone_display(product.ukm.data.whatsapp)}").is_visible()
        assert len(pdfium.PdfDocument(page.pdf(format="A4"))) == 1, url
    page.close()


@pytest.mark.build
def test_a_long_brochure_is_joined_in_a_process_of_its_own(tmp_path, monkeypatch):
    """Joined in another process (as above JOIN_HERE_PRODUCTS products), the brochure has the same bytes."""
    catalog = load_catalog(ROOT)
    printout = brochure.brochure_html(catalog, catalog.products, SITE, piece_products=30)
    pieces = brochure.PieceCache(tmp_path / "potongan")
    here = brochure.print_pdf(printout, pieces)
    submitted = []

    class Pool(brochure.ProcessPoolExecutor):  # records what runs in another process
        def submit(self, fn, /, *args, **kwargs):
            submitted.append(fn.__name__)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(brochure, "JOIN_HERE_PRODUCTS", 0)
    monkeypatch.setattr(brochure, "ProcessPoolExecutor", Pool)
    assert brochure.print_pdf(printout, pieces, out=tmp_path / "brosur.pdf") == b""
    assert submitted == ["join_pdfs"] and pieces.laid_out == []
    assert (tmp_path / "brosur.pdf").read_bytes() == here


@pytest.mark.build
def test_site_brochure_is_reused_until_something_it_shows_changes(mini, monkeypatch):
    from catalog.background import Background, Done
    from catalog.read.load import load_catalog
    named, started = brochure.site_brochure(load_catalog(mini), SITE)
    assert isinstance(started, Done)  # no brochure before: every piece to lay out, made with the build waiting
    first = started.result()
    assert named == first
    cached = list((mini / ".cache" / "brosur").glob("*.pdf"))
    assert cached == [first] and first.read_bytes().startswith(b"%PDF-")
    stamp = first.stat().st_mtime_ns
    _, again = brochure.site_brochure(load_catalog(mini), SITE)
    assert isinstance(again, Done) and again.result() == first and first.stat().st_mtime_ns == stamp
    yml = mini / "products" / "keripik-sumberejo.yml"
    yml.write_text(yml.read_text().replace("Keripik Tempe", "Keripik Tempe Pedas"))
    named, beside = brochure.site_brochure(load_catalog(mini), SITE)
    assert isinstance(beside, Background)  # one UKM changed: made in a process of its own, beside the build
    second = beside.result()
    assert second == named != first and list((mini / ".cache" / "brosur").glob("*.pdf")) == [second]
    assert beside.seconds > 0 and "KeripikTempePedas" in pdf_text(pdfium.PdfDocument(second))
    # More UKMs changed than LATER_UKMS, or more products than LATER_PRODUCTS: laid out with the build waiting.
    monkeypatch.setattr(brochure, "LATER_PRODUCTS", 0)
    yml.write_text(yml.read_text().replace("Keripik Tempe Pedas", "Keripik Tempe Manis"))
    assert isinstance(brochure.site_brochure(load_catalog(mini), SITE)[1], Done)
    monkeypatch.undo()
    monkeypatch.setattr(brochure, "LATER_UKMS", 0)
    yml.write_text(yml.read_text().replace("Keripik Tempe Manis", "Keripik Tempe Asin"))
    assert isinstance(brochure.site_brochure(load_catalog(mini), SITE)[1], Done)


@pytest.mark.build
def test_a_large_catalogue_publishes_a_brochure_per_kecamatan(mini, tmp_path, monkeypatch):
    """Above SPLIT_PRODUCTS products the site has one brochure per kecamatan, linked from the home page, the
    region index and each kecamatan's page; one UKM's change makes only its kecamatan's brochure again."""
    import zipfile

    from catalog.build import build
    from catalog.web.offline import FOLDER
    out = tmp_path / "site"
    monkeypatch.setattr(brochure, "SPLIT_PRODUCTS", 0)
    catalog = load_catalog(mini)
    places = {u.kecamatan.slug: u.kecamatan for u in catalog.ukms}
    assert sorted(places) == ["blora", "randublatung"]
    build(read_settings(ROOT / "mkdocs.yml", mini, out_dir=out), progress=None)
    pdfs = {slug: out / "brosur" / f"brosur-ukm-blora-{slug}.pdf" for slug in places}
    assert sorted((out / "brosur").iterdir()) == sorted(pdfs.values())  # and no brochure of everything
    for slug, path in pdfs.items():
        text = pdf_text(pdfium.PdfDocument(path))
        assert f"Kecamatan{places[slug].name}" in text
        for product in catalog.products:  # its own products, and no other kecamatan's
            assert (squeeze(product.data.nama.split(">")[-1]) in text) == (product.ukm.kecamatan.slug == slug)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<a class="rk-brochure" href="wilayah/#brosur">' in home and "Brosur per kecamatan" in home
    region = (out / "wilayah" / "index.html").read_text(encoding="utf-8")
    assert 'id="brosur"' in region
    for slug, kecamatan in places.items():
        link = f'href="../brosur/brosur-ukm-blora-{slug}.pdf" download>'
        assert f'<a class="rk-pdf" {link}' in region and f"Brosur {kecamatan.name} (PDF)" in region
        own = (out / kecamatan.url / "index.html").read_text(encoding="utf-8")
        assert f'<a class="rk-pdf" href="../../brosur/brosur-ukm-blora-{slug}.pdf" download>' in own
    with zipfile.ZipFile(out / "unduh" / "etalase-offline.zip") as copy:
        for slug, path in pdfs.items():
            assert copy.read(f"{FOLDER}/brosur/brosur-ukm-blora-{slug}.pdf") == path.read_bytes()

    # One UKM of Randublatung changes: Blora's brochure is the same file, Randublatung's is made again.
    before = {slug: (path.stat().st_ino, path.read_bytes()) for slug, path in pdfs.items()}
    yml = mini / "products" / "keripik-sumberejo.yml"
    yml.write_text(yml.read_text().replace("Keripik Tempe", "Keripik Tempe Pedas"))
    build(read_settings(ROOT / "mkdocs.yml", mini, out_dir=out), progress=None)
    assert pdfs["blora"].stat().st_ino == before["blora"][0]
    assert pdfs["randublatung"].read_bytes() != before["randublatung"][1]
    assert "KeripikTempePedas" in pdf_text(pdfium.PdfDocument(pdfs["randublatung"]))

    # Small again: one brochure of everything, and the kecamatan brochures leave the cache.
    monkeypatch.undo()
    build(read_settings(ROOT / "mkdocs.yml", mini, out_dir=out), progress=None)
    assert sorted(p.name for p in (out / "brosur").iterdir()) == ["brosur-ukm-blora.pdf"]
    assert not (mini / ".cache" / "brosur" / "kecamatan").exists()
    assert not list((mini / ".cache").glob("brosur-qr-*.pickle"))


TENUN = """nama: Tenun Andongrejo
desa: Andongrejo
kecamatan: Blora
whatsapp: "+62 812-0000-0002"
produk:
  - nama: Selendang Tenun
    kategori: kerajinan
    harga: 90000
    foto: selendang.jpg
"""


@pytest.mark.build
def test_a_kecamatan_with_more_than_volume_products_comes_in_volumes_of_whole_desa(mini, tmp_path, monkeypatch):
    """Above VOLUME_PRODUCTS products a kecamatan's brochure comes in volumes, each a run of whole desa in the
    register's order: labelled on its kecamatan's page and its cover, whose QR code opens the kecamatan's page;
    one UKM's change makes only its own volume again."""
    from catalog.build import build
    (mini / "products" / "tenun-andongrejo.yml").write_text(TENUN)  # Blora: Andongrejo 1 product, Kedungjenar 2
    draw_photo(mini / "images" / "tenun-andongrejo" / "selendang.jpg", (500, 400))
    monkeypatch.setattr(brochure, "SPLIT_PRODUCTS", 0)
    monkeypatch.setattr(brochure, "VOLUME_PRODUCTS", 2)
    out = tmp_path / "site"
    settings = read_settings(ROOT / "mkdocs.yml", mini, out_dir=out)
    build(settings, progress=None)
    pdfs = {name: out / "brosur" / f"brosur-ukm-blora-{name}.pdf" for name in ("blora-1", "blora-2", "randublatung")}
    assert sorted((out / "brosur").iterdir()) == sorted(pdfs.values())
    texts = {name: pdf_text(pdfium.PdfDocument(path)) for name, path in pdfs.items()}
    assert "KecamatanBlora,jilid1dari2:DesaAndongrejo" in texts["blora-1"] and "SelendangTenun" in texts["blora-1"]
    assert "KemejaBatikCap" not in texts["blora-1"]
    assert "KecamatanBlora,jilid2dari2:KelurahanKedungjenar" in texts["blora-2"]
    assert "KemejaBatikCap" in texts["blora-2"] and "SelendangTenun" not in texts["blora-2"]
    assert "jilid" not in texts["randublatung"] and "KeripikTempe" in texts["randublatung"]
    cover = pdfium.PdfDocument(pdfs["blora-2"])[0].render(scale=DPI / 72).to_pil()
    codes = {c.text for c in zxingcpp.read_barcodes(cover, formats=zxingcpp.BarcodeFormat.QRCode)}
    assert codes == {settings.printed_url() + "wilayah/blora/"}
    own = (out / "wilayah" / "blora" / "index.html").read_text(encoding="utf-8")
    for name, label in (("blora-1", "jilid 1 dari 2: Desa Andongrejo"),
                        ("blora-2", "jilid 2 dari 2: Kelurahan Kedungjenar")):
        assert f'<a class="rk-pdf" href="../../brosur/brosur-ukm-blora-{name}.pdf" download>' in own
        assert f"<span>Unduh brosur {label} (PDF)</span>" in own
    region = (out / "wilayah" / "index.html").read_text(encoding="utf-8")
    assert '<a class="rk-pdf" href="../wilayah/blora/#brosur">' in region and "Brosur Blora: 2 jilid (PDF)" in region
    assert 'href="../brosur/brosur-ukm-blora-randublatung.pdf" download>' in region

    # The owner in Kedungjenar changes a name: volume 1 is the same file, volume 2 is made again.
    before = pdfs["blora-1"].stat().st_ino
    yml = mini / "products" / "batik-contoh.yml"
    yml.write_text(yml.read_text().replace("Kemeja Batik Cap", "Kemeja Batik Cap Biru"))
    build(settings, progress=None)
    assert pdfs["blora-1"].stat().st_ino == before
    assert "KemejaBatikCapBiru" in pdf_text(pdfium.PdfDocument(pdfs["blora-2"]))

    # Fewer products again: one brochure for Blora, and the volumes' folders leave the cache.
    monkeypatch.setattr(brochure, "VOLUME_PRODUCTS", 1000)
    build(settings, progress=None)
    assert sorted(p.name for p in (out / "brosur").iterdir()) == [
        "brosur-ukm-blora-blora.pdf", "brosur-ukm-blora-randublatung.pdf"]
    assert sorted(p.name for p in (mini / ".cache" / "brosur" / "kecamatan").iterdir()) == ["blora", "randublatung"]


@pytest.mark.build
def test_a_brochure_made_beside_the_build_is_kept_in_the_builds_cache_folder(mini, tmp_path, monkeypatch):
    """With `--cache DIR`, the kecamatan brochure made in a process of its own (sent only its kecamatan's UKMs) is
    kept in DIR like everything else, not in <data>/.cache/, and has the bytes of one made with the build waiting."""
    from catalog.build import build
    monkeypatch.setattr(brochure, "SPLIT_PRODUCTS", 0)
    caches, out = tmp_path / "caches", tmp_path / "site"
    settings = read_settings(ROOT / "mkdocs.yml", mini, out_dir=out, cache_dir=caches)
    build(settings, progress=None)
    yml = mini / "products" / "keripik-sumberejo.yml"
    yml.write_text(yml.read_text().replace("Keripik Tempe", "Keripik Tempe Pedas"))
    assert build(settings, progress=None).beside["brosur"] > 0  # made in a process of its own
    assert not (mini / ".cache").exists()
    kept = list((caches / "brosur" / "kecamatan" / "randublatung").glob("*.pdf"))
    published = out / brochure.SITE_PDF.replace(".pdf", "-randublatung.pdf")
    assert len(kept) == 1 and kept[0].stat().st_ino == published.stat().st_ino
    beside = published.read_bytes()
    assert "KeripikTempePedas" in pdf_text(pdfium.PdfDocument(published))

    shutil.rmtree(caches / "brosur" / "kecamatan" / "randublatung")
    monkeypatch.setattr(brochure, "LATER_UKMS", -1)  # made again with the build waiting, from the whole catalogue
    assert "brosur" not in build(settings, progress=None).beside
    assert published.read_bytes() == beside
