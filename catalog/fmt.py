"""How prices, phone numbers and links are written for people."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from catalog.read.model import PriceRange

# How the site and the brochure name the permits of `legalitas:`, in this order.
LEGAL_LABELS = {"nib": "NIB", "pirt": "P-IRT", "halal": "Halal", "bpom": "BPOM"}


MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


def tanggal(day: dt.date | None) -> str:
    """Write a date the Indonesian way: `2 Mei 2026`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else ""


def thousands(amount: int) -> str:
    """Write `350000` as `350.000` (a dot between thousands, the Indonesian way)."""
    return f"{amount:,}".replace(",", ".")


def rupiah(amount: int) -> str:
    """Write `350000` as `Rp350.000` (official spelling: no space, dot for thousands)."""
    return "Rp" + thousands(amount)


def harga_text(harga: int | PriceRange) -> str:
    """Write a price or a range: `Rp150.000–Rp250.000`."""
    if isinstance(harga, PriceRange):
        return f"{rupiah(harga.dari)}–{rupiah(harga.sampai)}"
    return rupiah(harga)


def harga_min(harga: int | PriceRange) -> int:
    return harga.dari if isinstance(harga, PriceRange) else harga


def phone_display(wa_number: str) -> str:
    """Write a normalised `62812…` number the way Indonesians read it: `0812-3456-7890`."""
    national = "0" + wa_number.removeprefix("62")
    return "-".join([national[:4], national[4:8], national[8:]]).rstrip("-")


def wa_link(wa_number: str, message: str | None = None) -> str:
    """Build a `https://wa.me/62…` link, with a prefilled message when given."""
    link = f"https://wa.me/{wa_number}"
    return f"{link}?text={quote(message, safe='')}" if message else link


def tel_link(phone: str) -> str:
    digits = "".join(c for c in phone if c.isdigit())
    if phone.strip().startswith("+"):
        return f"tel:+{digits}"
    return f"tel:+62{digits[1:]}" if digits.startswith("0") else f"tel:{digits}"


def order_message(ukm_name: str, product_name: str, price: str, url: str) -> str:
    """Prefill the WhatsApp chat: who, which product, its price and its page."""
    return f"Halo {ukm_name}, saya tertarik dengan *{product_name}* ({price}). Apakah masih tersedia?\n{url}"


_ACRONYMS = {"ukm": "UKM", "umkm": "UMKM", "ikm": "IKM", "pkk": "PKK", "bumdes": "BUMDes"}


def komunitas_label(slug: str) -> str:
    """Write a community slug for people: `ukm-juara` → `UKM Juara`."""
    return " ".join(_ACRONYMS.get(word, word.capitalize()) for word in slug.split("-"))
