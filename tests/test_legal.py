"""Every BPOM family a UKM may hold: right numbers are read and stored alike, wrong ones get their family's words."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from catalog.read.load import load_catalog
from catalog.read.model import BPOM_FAMILIES, LegalEntry, bpom_family, json_schema
from conftest import draw_photo

pytestmark = pytest.mark.unit

UNKNOWN = ('tidak dikenal; awali dengan MD/ML (pangan olahan), TR/TI/TL (obat tradisional), '
           'NA/NB/NC/ND/NE (kosmetik) atau SD/SI/SL (suplemen kesehatan), contoh MD 123456789012')
FOOD = "tidak sesuai format: MD atau ML lalu 12 atau 15 angka, contoh MD 123456789012"
HERBAL = "tidak sesuai format: TR, TI atau TL lalu 9 angka, contoh TR 123456789"
COSMETIC = "tidak sesuai format: NA, NB, NC, ND atau NE lalu 11 angka, contoh NA 18201200123"
SUPPLEMENT = "tidak sesuai format: SD, SI atau SL lalu 9 angka, contoh SD 123456789"

VALID = [
    # pangan olahan: the 12-digit number, and the 15-digit one of the risk-based registration (since 2021)
    ("MD 224510107115", "MD 224510107115"),
    ("md224510107115", "MD 224510107115"),
    ("BPOM RI MD 224510107115", "MD 224510107115"),
    ("ML 123456789012", "ML 123456789012"),
    ("MD 240935001200027", "MD 240935001200027"),
    ("BPOM RI  md 240935001200027", "MD 240935001200027"),
    # obat tradisional, as printed "POM TR …"
    ("TR 092699241", "TR 092699241"),
    ("POM TR092699241", "TR 092699241"),
    ("TI 184509731", "TI 184509731"),
    ("TL 123456789", "TL 123456789"),
    # kosmetik: notification numbers
    ("NA18201200123", "NA 18201200123"),
    ("na 18201200123", "NA 18201200123"),
    ("NC14191300159", "NC 14191300159"),
    ("NE 12345678901", "NE 12345678901"),
    # suplemen kesehatan
    ("SD181353251", "SD 181353251"),
    ("POM SI 184509731", "SI 184509731"),
    ("SL 091300431", "SL 091300431"),
]

INVALID = [
    ("MD 12", f'nomor BPOM pangan olahan "MD 12" {FOOD}'),
    ("MD 1234567890123", f'nomor BPOM pangan olahan "MD 1234567890123" {FOOD}'),  # 13 digits: neither form
    ("ML 12345678901234567", f'nomor BPOM pangan olahan "ML 12345678901234567" {FOOD}'),
    ("MD-224510107115", f'nomor BPOM pangan olahan "MD-224510107115" {FOOD}'),
    ("TR 12345678", f'nomor BPOM obat tradisional "TR 12345678" {HERBAL}'),
    ("POM TI 1234567890", f'nomor BPOM obat tradisional "POM TI 1234567890" {HERBAL}'),
    ("NA 1820120012", f'nomor BPOM kosmetik "NA 1820120012" {COSMETIC}'),
    ("NB 18201200123X", f'nomor BPOM kosmetik "NB 18201200123X" {COSMETIC}'),
    ("SD 12345", f'nomor BPOM suplemen kesehatan "SD 12345" {SUPPLEMENT}'),
    ("SI", f'nomor BPOM suplemen kesehatan "SI" {SUPPLEMENT}'),
    ("NF 18201200123", f'nomor BPOM "NF 18201200123" {UNKNOWN}'),
    ("DBL9624502804A1", f'nomor BPOM "DBL9624502804A1" {UNKNOWN}'),  # a medicine: not a UKM's number
    ("224510107115", f'nomor BPOM "224510107115" {UNKNOWN}'),
    ("P-IRT 1234567890123-45", f'nomor BPOM "P-IRT 1234567890123-45" {UNKNOWN}'),
]


@pytest.mark.parametrize(("typed", "stored"), VALID)
def test_right_numbers_are_stored_as_letters_space_digits(typed, stored):
    assert LegalEntry(bpom=typed).bpom == stored


@pytest.mark.parametrize(("typed", "message"), INVALID)
def test_wrong_numbers_say_what_their_family_looks_like(typed, message):
    with pytest.raises(ValidationError) as caught:
        LegalEntry(bpom=typed)
    [error] = caught.value.errors()
    assert error["msg"] == message


def test_every_family_has_valid_and_invalid_examples():
    for family in BPOM_FAMILIES:
        assert [t for t, _ in VALID if bpom_family(t) is family], family.name
        assert [t for t, _ in INVALID if bpom_family(t) is family], family.name
        assert LegalEntry(bpom=family.example).bpom == family.example  # the example in every message is right
    assert {t for t, _ in INVALID if bpom_family(t) is None} == {
        "NF 18201200123", "DBL9624502804A1", "224510107115", "P-IRT 1234567890123-45"}


def test_check_reports_a_wrong_number_at_its_line(tmp_path):
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "jamu-uji.yml").write_text(
        'nama: Jamu Uji\ndesa: Kedungjenar\nwhatsapp: "0812-3456-7890"\nlegalitas:\n  bpom: "POM TR 12345"\n'
        "produk:\n  - nama: Jamu Kunyit\n    kategori: makanan\n    harga: 15000\n    foto: a.jpg\n", encoding="utf-8")
    draw_photo(tmp_path / "images" / "jamu-uji" / "a.jpg", (40, 40))
    from catalog.errors import CatalogError
    with pytest.raises(CatalogError) as caught:
        load_catalog(tmp_path, remember=False)
    assert [str(p) for p in caught.value.problems] == [
        f'products/jamu-uji.yml:5: legalitas.bpom: nomor BPOM obat tradisional "POM TR 12345" {HERBAL}']


def test_the_schema_carries_each_family_for_the_form():
    schema = json.loads(json.dumps(json_schema()))  # what the form reads: plain JSON
    [spec] = [s for s in schema["$defs"]["Legalitas"]["properties"]["bpom"]["anyOf"] if s.get("type") == "string"]
    check = spec["x-periksa"]
    assert check["jenis"] == "bpom"
    assert [(k["jenis"], k["awalan"], k["huruf"], k["angka"], k["contoh"]) for k in check["keluarga"]] == [
        ("pangan olahan", ["MD", "ML"], "MD atau ML", "12 atau 15", "MD 123456789012"),
        ("obat tradisional", ["TR", "TI", "TL"], "TR, TI atau TL", "9", "TR 123456789"),
        ("kosmetik", ["NA", "NB", "NC", "ND", "NE"], "NA, NB, NC, ND atau NE", "11", "NA 18201200123"),
        ("suplemen kesehatan", ["SD", "SI", "SL"], "SD, SI atau SL", "9", "SD 123456789"),
    ]
    assert schema["x-pesan"]["bpom_awalan"] == 'nomor BPOM "{nilai}" ' + UNKNOWN
