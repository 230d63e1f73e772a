"""Prices, phone numbers, WhatsApp links and catalogue numbers."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from catalog import fmt
from catalog.read import numbers
from catalog.read.model import PriceRange, UkmEntry

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("amount, text", [(350000, "Rp350.000"), (15000, "Rp15.000"), (900, "Rp900"),
                                          (1500000, "Rp1.500.000")])
def test_rupiah(amount, text):
    assert fmt.rupiah(amount) == text


def test_price_range():
    assert fmt.harga_text(PriceRange(dari=150000, sampai=250000)) == "Rp150.000–Rp250.000"


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "0062 812 3456 7890",
                                   "(0812) 3456.7890"])
def test_whatsapp_numbers_normalise(typed):
    ukm = UkmEntry.model_validate({"nama": "Uji", "desa": "Beran", "whatsapp": typed,
                              "produk": [{"nama": "Uji", "kategori": "batik", "harga": "1", "foto": "a.jpg"}]})
    assert ukm.whatsapp == "6281234567890"
    assert fmt.phone_display(ukm.whatsapp) == "0812-3456-7890"


def test_order_link_names_product_price_and_page():
    message = fmt.order_message("Batik Sekar", "Batik Tulis", "Rp350.000", "https://contoh.id/ukm/a/b/")
    link = fmt.wa_link("6281234567890", message)
    parts = urlsplit(link)
    assert (parts.netloc, parts.path) == ("wa.me", "/6281234567890")
    assert parse_qs(parts.query)["text"] == [
        "Halo Batik Sekar, saya tertarik dengan *Batik Tulis* (Rp350.000). Apakah masih tersedia?\nhttps://contoh.id/ukm/a/b/"]


def test_catalogue_numbers_are_stable_when_others_change():
    keys = [f"ukm-{i}/produk-{j}" for i in range(200) for j in range(5)]
    codes = numbers.assign(keys)
    assert len(set(codes.values())) == len(keys)
    assert all(len(c) == 5 and set(c) <= set(numbers.ALPHABET) for c in codes.values())
    fewer = numbers.assign(keys[::3] + ["baru/produk"])
    assert all(fewer[k] == codes[k] for k in keys[::3])


def test_catalogue_number_clash_is_resolved_deterministically(monkeypatch):
    real = numbers._code
    monkeypatch.setattr(numbers, "_code", lambda key: "AAAAA" if "#" not in key else real(key))
    codes = numbers.assign(["b/x", "a/x"])
    assert codes["a/x"] == "AAAAA"
    assert codes["b/x"] == real("b/x#1")
