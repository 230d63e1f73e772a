"""The catalogue in figures, for the statistics page (/statistik/): plain functions returning plain values.

Conventions, also stated on the page:
- legality belongs to a UKM, so coverage counts UKMs; a UKM counts in every category it sells in;
- a product has one price here: its price, or for a range its lowest price (`dari`), the starting price
  a shopper sees and the one the site sorts and filters by;
- a product was added on its `ditambahkan` date, or else on its UKM's `terdaftar` date.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from dataclasses import dataclass

from catalog.core import Catalog, Ukm
from catalog.fmt import LEGAL_LABELS, MONTHS, harga_min, komunitas_label
from catalog.read.model import CATEGORIES
from catalog.read.register import Kecamatan

FEATURED_COMMUNITY = "ukm-juara"  # the Dinas' own programme: listed first


@dataclass(frozen=True)
class Totals:
    ukms: int
    products: int
    villages: int  # desa/kelurahan with at least one UKM
    villages_in_register: int
    kecamatan: int  # kecamatan with at least one UKM
    kecamatan_in_register: int
    edition: dt.date | None


@dataclass(frozen=True)
class PlaceCount:
    """UKMs and products of one kecamatan (every kecamatan of the register, also those with none)."""

    kecamatan: Kecamatan
    ukms: int
    products: int


@dataclass(frozen=True)
class CategoryCount:
    key: str
    label: str
    ukms: int  # UKMs with at least one product in the category
    products: int


@dataclass(frozen=True)
class Coverage:
    """How many UKMs of a group hold each permit of LEGAL_LABELS."""

    label: str
    ukms: int
    holders: dict[str, int]  # permit key (nib, pirt, halal, bpom) -> UKMs holding it

    def share(self, permit: str) -> float:
        return self.holders[permit] / self.ukms if self.ukms else 0.0

    def percent(self, permit: str) -> int:
        return round(100 * self.share(permit))


@dataclass(frozen=True)
class PriceSpread:
    """The lowest, median and highest price of a category's products (see the module's price rule)."""

    key: str
    label: str
    products: int
    lowest: int
    median: int
    highest: int


@dataclass(frozen=True)
class CommunityCount:
    slug: str
    label: str
    ukms: int
    products: int


@dataclass(frozen=True)
class MonthCount:
    month: dt.date  # the first day of the month
    ukms: int  # UKMs whose `terdaftar` falls in the month
    products: int  # products added in the month

    @property
    def label(self) -> str:
        return f"{MONTHS[self.month.month - 1]} {self.month.year}"


@dataclass(frozen=True)
class Additions:
    months: list[MonthCount]  # every month up to the last addition (at most MONTHS_SHOWN), empty months included
    earlier_ukms: int  # added before the first month shown
    earlier_products: int
    undated_ukms: int
    undated_products: int

    @property
    def ukms(self) -> int:
        return self.earlier_ukms + sum(m.ukms for m in self.months)

    @property
    def products(self) -> int:
        return self.earlier_products + sum(m.products for m in self.months)


MONTHS_SHOWN = 24  # two years of months keep the chart readable on a phone and the page on two A4 sheets


@dataclass(frozen=True)
class Statistics:
    totals: Totals
    places: list[PlaceCount]
    categories: list[CategoryCount]
    legality: list[Coverage]  # all UKMs first, then one per category
    prices: list[PriceSpread]  # categories with products only
    communities: list[CommunityCount]
    without_community: int  # UKMs in no community
    additions: Additions


def figures(catalog: Catalog) -> Statistics:
    """Compute every figure of the statistics page from the catalogue."""
    return Statistics(totals(catalog), places(catalog), categories(catalog), legality(catalog), prices(catalog),
                      communities(catalog), sum(1 for u in catalog.ukms if not u.data.komunitas), additions(catalog))


def totals(catalog: Catalog) -> Totals:
    register = catalog.register
    return Totals(len(catalog.ukms), len(catalog.products), len({u.desa.code for u in catalog.ukms}),
                  len(register.villages), len({u.kecamatan.code for u in catalog.ukms}), len(register.kecamatan),
                  catalog.edition)


def places(catalog: Catalog) -> list[PlaceCount]:
    """UKMs and products per kecamatan, in the register's order (by name)."""
    ukms = Counter(u.kecamatan.code for u in catalog.ukms)
    products = Counter(u.kecamatan.code for u in catalog.ukms for _ in u.products)
    return [PlaceCount(k, ukms[k.code], products[k.code]) for k in catalog.register.kecamatan]


def categories(catalog: Catalog) -> list[CategoryCount]:
    """UKMs and products per category, in the format's order of categories."""
    products = Counter(p.data.kategori for p in catalog.products)
    ukms = Counter(k for u in catalog.ukms for k in u.categories)
    return [CategoryCount(key, label, ukms[key], products[key]) for key, label in CATEGORIES.items()]


def _coverage(label: str, ukms: list[Ukm]) -> Coverage:
    holders = {permit: sum(1 for u in ukms if u.data.legalitas and getattr(u.data.legalitas, permit))
               for permit in LEGAL_LABELS}
    return Coverage(label, len(ukms), holders)


def legality(catalog: Catalog) -> list[Coverage]:
    """The share of UKMs holding each permit: all UKMs, then the UKMs selling in each category."""
    sells = [(u, set(u.categories)) for u in catalog.ukms]
    groups = [_coverage("Semua UKM", catalog.ukms)]
    for key, label in CATEGORIES.items():
        groups.append(_coverage(label, [u for u, categories in sells if key in categories]))
    return groups


def prices(catalog: Catalog) -> list[PriceSpread]:
    """Lowest, median and highest price per category (a range counts as its lowest price)."""
    by_category: dict[str, list[int]] = {key: [] for key in CATEGORIES}
    for product in catalog.products:
        by_category[product.data.kategori].append(harga_min(product.data.harga))
    spreads = []
    for key, label in CATEGORIES.items():
        amounts = sorted(by_category[key])
        if amounts:
            # Half a rupiah rounds to even: the median of two prices is shown in whole rupiah.
            spreads.append(PriceSpread(key, label, len(amounts), amounts[0], round(statistics.median(amounts)),
                                       amounts[-1]))
    return spreads


def communities(catalog: Catalog) -> list[CommunityCount]:
    """UKMs and products per community: UKM Juara first, then by number of UKMs, then by name."""
    ukms: Counter[str] = Counter()
    products: Counter[str] = Counter()
    for ukm in catalog.ukms:
        for slug in dict.fromkeys(ukm.data.komunitas or ()):
            ukms[slug] += 1
            products[slug] += len(ukm.products)
    order = sorted(ukms, key=lambda slug: (slug != FEATURED_COMMUNITY, -ukms[slug], slug))
    return [CommunityCount(slug, komunitas_label(slug), ukms[slug], products[slug]) for slug in order]


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def additions(catalog: Catalog) -> Additions:
    """UKMs registered and products added per month, from the first dated addition (or MONTHS_SHOWN months
    before the last) to the last; what came before is summed."""
    ukms = Counter(_month(u.data.terdaftar) for u in catalog.ukms if u.data.terdaftar)
    products = Counter(_month(p.added) for p in catalog.products if p.added)
    dated = sorted({*ukms, *products})
    months = [MonthCount(m, ukms[m], products[m]) for m in _months_between(dated[0], dated[-1])] if dated else []
    earlier, shown = months[:-MONTHS_SHOWN], months[-MONTHS_SHOWN:]
    return Additions(shown, sum(m.ukms for m in earlier), sum(m.products for m in earlier),
                     sum(1 for u in catalog.ukms if not u.data.terdaftar),
                     sum(1 for p in catalog.products if not p.added))
