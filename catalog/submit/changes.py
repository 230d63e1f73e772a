"""What an import (or a pull request) changes in a UKM's data, said in Indonesian, one line per change.

`ukm_changes(old, new)` compares two validated UKM files (`UkmEntry`); it is pure, so `import` and the
pull-request summary print the same lines. A change that loses published data (a product removed, a
field emptied) is marked `loses`: `import` makes it only with `--remove`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from catalog import fmt
from catalog.errors import CatalogError, Problem
from catalog.read.model import PriceRange, ProductEntry, UkmEntry
from catalog.read.yaml_source import load_yaml
from catalog.text import slugify

SHORT = 60  # longer texts (a story, a description) are cut to this many letters in a summary
NOT_COMPARED = {"produk", "produk_lama"}  # compared product by product; produk_lama is kept by the importer


@dataclass(frozen=True)
class Change:
    """One line of a summary; `loses` when it removes a published product or empties a field."""

    text: str
    loses: bool = False


def version(data: bytes) -> str:
    """The version of a UKM file as the update form names it: the sha256 of its bytes (contract of issue 12)."""
    return hashlib.sha256(data).hexdigest()


def read_entry(data: bytes, display: str) -> UkmEntry:
    """Read and validate one UKM file's bytes without looking at its photos; raise CatalogError if it is wrong."""
    source = load_yaml(data, display)
    if not source.problems:
        try:
            return UkmEntry.model_validate(source.data)
        except ValidationError as exc:
            return _refuse(display, exc)
    raise CatalogError(source.problems)


def _refuse(display: str, exc: ValidationError) -> UkmEntry:
    where = ".".join(str(part) for part in exc.errors()[0]["loc"])
    raise CatalogError([Problem(display, None, where, "data tidak valid; jalankan `check` untuk rinciannya")])


def product_slug(entry: ProductEntry) -> str:
    return entry.slug or slugify(entry.nama)


def ukm_changes(old: UkmEntry | None, new: UkmEntry | None, replaced: frozenset[str] = frozenset()) -> list[Change]:
    """Return every change from `old` to `new` (None: the UKM is new, or removed), UKM fields first.

    `replaced`: names of photos whose file changed under the same name.
    """
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        return [Change(f"UKM baru: {new.nama} ({_counted(new)})")]
    if new is None:
        return [Change(f"UKM dihapus: {old.nama} ({_counted(old)})", loses=True)]
    changes = _field_changes(old, new, "")
    old_products = {product_slug(p): p for p in old.produk}
    new_products = {product_slug(p): p for p in new.produk}
    for slug, product in new_products.items():
        if slug in old_products:
            changes += _product_changes(old_products[slug], product, replaced)
        else:
            photos = len(product.foto)
            changes.append(Change(f"produk baru: {product.nama} ({fmt.harga_text(product.harga)}, {photos} foto)"))
    for slug, product in old_products.items():
        if slug not in new_products:
            changes.append(Change(f"produk dihapus: {product.nama}", loses=True))
    kept = [s for s in new_products if s in old_products]
    if kept != [s for s in old_products if s in new_products]:
        changes.append(Change("urutan produk diubah"))
    return changes


def _counted(entry: UkmEntry) -> str:
    photos = len({photo.berkas for product in entry.produk for photo in product.foto})
    return f"{len(entry.produk)} produk, {photos} foto"


def _product_changes(old: ProductEntry, new: ProductEntry, replaced: frozenset[str]) -> list[Change]:
    name = new.nama if new.nama == old.nama else old.nama
    changes = _field_changes(old, new, f"{name}: ", skip={"foto"})
    old_photos = {p.berkas: p for p in old.foto}
    new_photos = {p.berkas: p for p in new.foto}
    for photo, entry in new_photos.items():
        if photo not in old_photos:
            changes.append(Change(f"{name}: foto baru {photo}"))
        else:
            if photo in replaced:
                changes.append(Change(f"{name}: foto diganti {photo}"))
            changes += _field_changes(old_photos[photo], entry, f"{name}: foto {photo}: ", skip={"berkas"})
    for photo in old_photos:
        if photo not in new_photos:
            changes.append(Change(f"{name}: foto dihapus {photo}"))
    kept = [p for p in new_photos if p in old_photos]
    if kept != [p for p in old_photos if p in new_photos]:
        changes.append(Change(f"{name}: urutan foto diubah"))
    return changes


def _field_changes(old: BaseModel, new: BaseModel, prefix: str, skip: set[str] = NOT_COMPARED) -> list[Change]:
    """Compare the keys of two entries of one kind; a nested entry (`legalitas`) key by key."""
    changes = []
    for key in type(old).model_fields:
        if key in skip:
            continue
        before, after = getattr(old, key), getattr(new, key)
        if before == after:
            continue
        if isinstance(before, BaseModel) and isinstance(after, BaseModel) and not isinstance(before, PriceRange):
            changes += _field_changes(before, after, f"{prefix}{key}.", skip=set())
        elif isinstance(before, BaseModel) and after is None and not isinstance(before, PriceRange):
            set_keys = [k for k in type(before).model_fields if getattr(before, k) is not None]
            changes += [_emptied(f"{prefix}{key}.{k}", getattr(before, k)) for k in set_keys]
        elif before is not None and (after is None or key not in new.model_fields_set):
            changes.append(_emptied(prefix + key, before))
        elif before is None:
            changes.append(Change(f"{prefix}{key} diisi: {_shown(key, after)}"))
        else:
            changes.append(Change(f"{prefix}{key} {_shown(key, before)} → {_shown(key, after)}"))
    return changes


def _emptied(name: str, before: object) -> Change:
    return Change(f"{name} dikosongkan (sebelumnya {_shown(name.rsplit('.', 1)[-1], before)})", loses=True)


def _shown(key: str, value: object) -> str:
    """Write a value as an owner reads it: prices in Rupiah, numbers as typed, long texts cut short."""
    if key == "harga" and isinstance(value, (int, PriceRange)):
        return fmt.harga_text(value)
    if key == "whatsapp" and isinstance(value, str):
        return fmt.phone_display(value)
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return ", ".join(_shown(key, v) for v in value)
    if isinstance(value, BaseModel):
        return ", ".join(f"{k}: {_shown(k, v)}" for k, v in value if v is not None)
    text = " ".join(str(value).split())
    if key == "stok":
        return text
    return f'"{text[:SHORT]}…"' if len(text) > SHORT else f'"{text}"'


def summary(file: str, name: str, changes: list[Change]) -> list[str]:
    """The lines printed for one UKM: a heading, then one indented line per change."""
    if not changes:
        return [f"{file} ({name}): tidak ada perubahan"]
    return [f"{file} ({name}):", *(f"  - {c.text}" + ("  [menghapus data]" if c.loses else "") for c in changes)]
