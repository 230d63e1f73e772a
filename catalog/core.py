"""The core types every stage shares: the catalogue, its UKMs, their products and photos."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from catalog.read.model import ProductEntry, UkmEntry
from catalog.read.register import Desa, Kecamatan, Register


@dataclass(frozen=True)
class Photo:
    """A product photo: `name` as typed in YAML, `path` on disk, `line` of its YAML entry."""

    name: str
    path: Path
    alt: str
    focus: str | None
    line: int | None = None


@dataclass(eq=False)
class Product:
    ukm: Ukm
    data: ProductEntry
    slug: str
    number: str = ""
    photos: tuple[Photo, ...] = ()

    @property
    def url(self) -> str:
        return f"ukm/{self.ukm.slug}/{self.slug}/"

    @property
    def key(self) -> str:
        return f"{self.ukm.slug}/{self.slug}"

    @property
    def added(self) -> dt.date | None:
        return self.data.ditambahkan or self.ukm.data.terdaftar


@dataclass(frozen=True)
class FormerProduct:
    """A product removed from the catalogue (`produk_lama`): its number and old address still lead to its UKM."""

    slug: str
    name: str
    number: str


@dataclass(eq=False)
class Ukm:
    slug: str
    data: UkmEntry
    file: str  # as shown to owners: products/<slug>.yml
    desa: Desa
    kecamatan: Kecamatan
    products: list[Product] = field(default_factory=list)
    digest: str = ""  # of the YAML file's bytes: what the page cache keys on
    former: list[FormerProduct] = field(default_factory=list)

    def former_entries(self) -> list[tuple[str, str]]:
        """The removed products (slug, name) that are not products again, once each."""
        current = {p.slug for p in self.products}
        found = {e.slug: e.nama for e in self.data.produk_lama or () if e.slug not in current}
        return sorted(found.items())

    @property
    def url(self) -> str:
        return f"ukm/{self.slug}/"

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(p.data.kategori for p in self.products))

    @property
    def links(self) -> list[str]:
        """Names of the shop and social links this UKM filled in."""
        return [k for k in ("shopee", "tokopedia", "instagram", "facebook", "tiktok", "situs") if getattr(self.data, k)]

    @property
    def desa_url(self) -> str:
        return f"wilayah/{self.kecamatan.slug}/{self.desa.slug}/"


@dataclass(eq=False)
class Catalog:
    ukms: list[Ukm]
    register: Register
    data_dir: Path
    dated: dt.date | None = None  # a part's edition: the whole catalogue's (see `part`)

    @property
    def products(self) -> list[Product]:
        return [p for u in self.ukms for p in u.products]

    @property
    def edition(self) -> dt.date | None:
        """The newest date in the data: the brochure's edition date, never the clock's."""
        if self.dated is not None:
            return self.dated
        dates = [d for u in self.ukms for d in [u.data.terdaftar, *(p.data.ditambahkan for p in u.products)] if d]
        return max(dates, default=None)

    def part(self, ukms: list[Ukm]) -> Catalog:
        """These UKMs as a catalogue of their own, of this one's edition: what a process of its own is sent to make a
        kecamatan's brochure (at 50,000 products the whole catalogue took seconds to send and to read there)."""
        return Catalog(ukms, self.register, self.data_dir, self.edition)
