"""The text wrapper that carries a form package through WhatsApp on Android (contract of issue 12, §3).

Chrome on Android shares only some file types, and .zip is not one of them; a .txt is, and WhatsApp sends
it as a document, unchanged. The wrapper is the same ZIP in base64 after a short header in Indonesian.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from catalog.errors import CatalogError, Problem

HEAD = "RUMAH-KREATIF-UKM-PAKET"
FORMAT = "1"
NOTES = (
    "# Berkas ini adalah paket data UKM dari formulir Rumah Kreatif UKM Blora. Jangan diubah.",
    "# Admin: simpan berkas ini, lalu jalankan: python build_catalog.py import <berkas ini>",
)
MAX_WRAPPER_BYTES = 300 * 1024 * 1024  # a 200 MB package in base64, with its line breaks


def wrap(package: bytes) -> str:
    """Write a package (ZIP bytes) as the text the form shares: header, notes, empty line, base64 in 76-letter lines."""
    encoded = base64.b64encode(package).decode("ascii")
    lines = [encoded[i : i + 76] for i in range(0, len(encoded), 76)]
    return "\n".join([f"{HEAD} {FORMAT}", *NOTES, "", *lines]) + "\n"


def unwrap(path: Path) -> bytes:
    """Return the ZIP inside a wrapper file; raise CatalogError saying what is wrong with it."""
    name = path.name
    with open(path, "rb") as handle:
        raw = handle.read(MAX_WRAPPER_BYTES + 1)
    if len(raw) > MAX_WRAPPER_BYTES:
        raise CatalogError([Problem(name, None, "", f"berkas lebih dari {MAX_WRAPPER_BYTES // 2**20} MB")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = ""
    lines = text.splitlines()
    first = lines[0].strip() if lines else ""
    if not first.startswith(HEAD):
        raise CatalogError([Problem(name, 1, "", f"bukan paket dari formulir: baris pertama harus {HEAD} {FORMAT}")])
    if first != f"{HEAD} {FORMAT}":
        raise CatalogError(
            [Problem(name, 1, "", f'format paket "{first[len(HEAD) :].strip()}" belum dikenal; perbarui program ini')]
        )
    body = "".join("".join(line.split()) for line in lines[1:] if not line.startswith("#"))
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise CatalogError(
            [
                Problem(
                    name, None, "", "isi paket rusak (bukan base64 yang utuh); minta pemilik mengirim ulang berkasnya"
                )
            ]
        ) from None
