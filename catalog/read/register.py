"""The official register of Blora's kecamatan and desa/kelurahan (Kemendagri codes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from catalog.resources import REGISTER_FILE
from catalog.text import slugify, suggest

REGISTER_PATH = REGISTER_FILE


@dataclass(frozen=True)
class Kecamatan:
    code: str
    name: str
    slug: str
    lat: float
    lon: float
    villages: tuple[Desa, ...] = field(default=(), compare=False, repr=False)

    @property
    def url(self) -> str:
        return f"wilayah/{self.slug}/"


@dataclass(frozen=True)
class Desa:
    code: str
    name: str
    slug: str
    type: str  # "desa" or "kelurahan"
    postal_code: str
    lat: float
    lon: float
    kecamatan_code: str

    @property
    def type_label(self) -> str:
        return "Kelurahan" if self.type == "kelurahan" else "Desa"


class UnknownPlace(ValueError):
    """A village or kecamatan name that the register does not know, with the Indonesian reason."""


class Register:
    """Blora's 16 kecamatan, each with its villages, sorted by name."""

    def __init__(self, kabupaten: dict, kecamatan: tuple[Kecamatan, ...]):
        self.kabupaten = kabupaten
        self.kecamatan = kecamatan
        self.villages = tuple(v for k in kecamatan for v in k.villages)
        self._by_code = {k.code: k for k in kecamatan}
        self._desa_by_code = {v.code: v for v in self.villages}

    def desa(self, code: str) -> Desa | None:
        return self._desa_by_code.get(code)

    def kecamatan_of(self, desa: Desa) -> Kecamatan:
        return self._by_code[desa.kecamatan_code]

    def find_kecamatan(self, name: str) -> Kecamatan:
        """Return the kecamatan called `name` (case-insensitive), or explain the miss."""
        names = {k.name.casefold(): k for k in self.kecamatan}
        found = names.get(" ".join(name.split()).casefold())
        if found:
            return found
        best = suggest(name, [k.name for k in self.kecamatan])
        hint = f'; maksud Anda "{best}"?' if best else "; lihat daftar kecamatan di docs/format-data.md"
        raise UnknownPlace(f'kecamatan "{name}" tidak ada di Kabupaten Blora{hint}')

    def find_desa(self, name: str, kecamatan: str | None) -> Desa:
        """Return the village called `name`, using `kecamatan` when the name is ambiguous."""
        key = " ".join(name.split()).casefold()
        kec = self.find_kecamatan(kecamatan) if kecamatan is not None else None
        matches = [v for v in self.villages if v.name.casefold() == key]
        if not matches:
            pool = kec.villages if kec else self.villages
            best = suggest(name, sorted({v.name for v in pool}))
            where = f"Kecamatan {kec.name}" if kec else "Kabupaten Blora"
            hint = f'; maksud Anda "{best}"?' if best else ""
            raise UnknownPlace(f'desa/kelurahan "{name}" tidak ada di {where}{hint}')
        if kec:
            inside = [v for v in matches if v.kecamatan_code == kec.code]
            if inside:
                return inside[0]
            homes = ", ".join(self.kecamatan_of(v).name for v in matches)
            raise UnknownPlace(f'desa/kelurahan "{matches[0].name}" tidak ada di Kecamatan {kec.name}, '
                               f"melainkan di Kecamatan {homes}")
        if len(matches) > 1:
            homes = ", ".join(sorted(self.kecamatan_of(v).name for v in matches))
            raise UnknownPlace(f'ada {len(matches)} desa bernama "{matches[0].name}" (Kecamatan {homes}); '
                               "tambahkan `kecamatan:` untuk memilih")
        return matches[0]


@cache
def load_register(path: Path = REGISTER_PATH) -> Register:
    """Read the shipped register once per process."""
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    kecamatan = []
    for k in raw["kecamatan"]:
        villages = tuple(
            Desa(v["code"], v["name"], slugify(v["name"]), v["type"], str(v["postal_code"]),
                 v["lat"], v["lon"], k["code"])
            for v in sorted(k["villages"], key=lambda v: v["name"])
        )
        kecamatan.append(Kecamatan(k["code"], k["name"], slugify(k["name"]), k["lat"], k["lon"], villages))
    return Register(raw["kabupaten"], tuple(sorted(kecamatan, key=lambda k: k.name)))
