"""Parts of the hand-written docs that are generated from the model and the register."""

from __future__ import annotations

import html
import json

from pydantic import BaseModel

from catalog.read.model import BPOM_FAMILIES, FormerProduct, LegalEntry, PhotoEntry, PriceRange, ProductEntry, UkmEntry
from catalog.read.register import load_register
from catalog.web import opendata

TABLES = {"UKM": UkmEntry, "PRODUK": ProductEntry, "FOTO": PhotoEntry, "LEGALITAS": LegalEntry, "HARGA": PriceRange,
          "PRODUK_LAMA": FormerProduct}
CSV_TABLES = {"CSV-UKM": opendata.UKM_COLUMNS, "CSV-PRODUK": opendata.PRODUCT_COLUMNS}  # docs/data-terbuka.md


def field_table(model: type[BaseModel]) -> str:
    """Write a Markdown table of a model's keys: name, required, meaning, example."""
    rows = ["| Kunci | Wajib | Isi | Contoh |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        required = "wajib" if info.is_required() else "—"
        example = f"`{json.dumps(info.examples[0], ensure_ascii=False)}`" if info.examples else ""
        texts = (f"`{name}`", required, info.description or "", example)
        cells = [html.escape(c, quote=False).replace("|", "\\|") for c in texts]
        # `{` as an entity: attr_list would take "{dari: 150000, sampai: 250000}" at a cell's end for attributes.
        cells[2] = cells[2].replace("{", "&#123;")
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def kecamatan_table() -> str:
    rows = ["| Kecamatan | Desa/kelurahan |", "|---|---|"]
    for k in load_register().kecamatan:
        rows.append(f"| {k.name} | {', '.join(v.name for v in k.villages)} |")
    return "\n".join(rows)


def bpom_table() -> str:
    """Write the BPOM families `bpom:` accepts, from the model."""
    rows = ["| Jenis produk | Huruf | Jumlah angka | Contoh |", "|---|---|---|---|"]
    for f in BPOM_FAMILIES:
        digits = " atau ".join(str(n) for n in f.digits)
        rows.append(f"| {f.name.capitalize()} | {', '.join(f.letters)} | {digits} | `{f.example}` |")
    return "\n".join(rows)


# How docs/tentang.md links the offline copy; on the media host when the site names one (Settings.media_url).
OFFLINE_LINK = "../unduh/etalase-offline.zip"


def expand_docs(markdown: str, media_url: str = "") -> str:
    """Replace `<!-- tabel:UKM -->`-style markers with tables generated from the model (only those present), and
    point the link to the offline copy at the media host (`media_url`, with its last "/") if there is one."""
    if media_url:
        markdown = markdown.replace(OFFLINE_LINK, media_url + OFFLINE_LINK.removeprefix("../"))
    for key, model in TABLES.items():
        if f"<!-- tabel:{key} -->" in markdown:
            markdown = markdown.replace(f"<!-- tabel:{key} -->", field_table(model))
    for key, columns in CSV_TABLES.items():
        if f"<!-- tabel:{key} -->" in markdown:
            markdown = markdown.replace(f"<!-- tabel:{key} -->", opendata.column_table(columns))
    if "<!-- tabel:BPOM -->" in markdown:
        markdown = markdown.replace("<!-- tabel:BPOM -->", bpom_table())
    if "<!-- tabel:KECAMATAN -->" in markdown:
        markdown = markdown.replace("<!-- tabel:KECAMATAN -->", kecamatan_table())
    return markdown
