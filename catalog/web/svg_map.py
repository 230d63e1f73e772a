"""Offline SVG maps of Blora: kecamatan outlines with a dot per village with UKMs sized by their count (/peta/),
or shaded by a figure (/statistik/)."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape, quoteattr

from catalog.core import Catalog
from catalog.read.register import Kecamatan
from catalog.resources import OUTLINES_FILE

OUTLINES = OUTLINES_FILE
WIDTH = 800


@cache
def _outlines() -> dict:
    return json.loads(OUTLINES.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Projection:
    """Equirectangular projection scaled to WIDTH, with x shrunk by cos(latitude) so shapes are true."""

    west: float
    north: float
    kx: float
    scale: float

    @classmethod
    def of(cls, bbox: list[float]) -> tuple[Projection, int]:
        """Return the projection of `bbox` and the map's height."""
        west, south, east, north = bbox
        kx = math.cos(math.radians((south + north) / 2))
        scale = WIDTH / ((east - west) * kx)
        return cls(west, north, kx, scale), round((north - south) * scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return round((lon - self.west) * self.kx * self.scale, 1), round((self.north - lat) * self.scale, 1)


def _path(rings: list, project: Projection) -> str:
    parts = []
    for ring in rings:
        points = [project(lon, lat) for lon, lat in ring]
        parts.append("M" + "L".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    return "".join(parts)


def _svg_open(title: str, title_id: str, css: str = "rk-map") -> tuple[str, Projection]:
    project, height = Projection.of(_outlines()["bbox"])
    return (f'<svg class="{css}" viewBox="0 0 {WIDTH} {height}" aria-labelledby="{title_id}" '
            f'xmlns="http://www.w3.org/2000/svg"><title id="{title_id}">{escape(title)}</title>'), project


def _areas(catalog: Catalog, rel, project: Projection, area: Callable[[Kecamatan], tuple[str, str]]) -> list[str]:
    """One linked outline per kecamatan; `area` gives its CSS class and the label a screen reader says."""
    by_code = {k.code: k for k in catalog.register.kecamatan}
    out = []
    for feature in _outlines()["features"]:
        props = feature["properties"]
        if props.get("level") != "kecamatan":
            continue
        kecamatan = by_code[props["code"]]
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        d = "".join(_path(rings, project) for rings in polygons)
        css, label = area(kecamatan)
        out.append(f'<a href={quoteattr(rel(kecamatan.url))} aria-label={quoteattr(label)}>'
                   f'<path class="{css}" d="{d}"><title>{escape(label)}</title></path></a>')
    return out


def _labels(catalog: Catalog, project: Projection) -> list[str]:
    out = []
    for kecamatan in catalog.register.kecamatan:
        x, y = project(kecamatan.lon, kecamatan.lat)
        text = f'x="{x:g}" y="{y:g}" text-anchor="middle" aria-hidden="true">{escape(kecamatan.name)}</text>'
        # A white halo, then the name over it: what `paint-order: stroke` does on one element, which the
        # Nu Html Checker does not know yet (an error on pages whose CSS is inline).
        out += [f'<text class="rk-map__label rk-map__halo" {text}', f'<text class="rk-map__label" {text}']
    return out


def render_map(catalog: Catalog, rel) -> str:
    """Return the map as inline SVG; `rel` turns a site URL into a link from the map's page."""
    ukm_count = Counter(u.desa.code for u in catalog.ukms)
    per_kecamatan = Counter(u.kecamatan.code for u in catalog.ukms)

    def area(kecamatan: Kecamatan) -> tuple[str, str]:
        n = per_kecamatan.get(kecamatan.code, 0)
        return f'rk-map__area{"" if n else " rk-map__area--empty"}', f"Kecamatan {kecamatan.name}: {n} UKM"

    start, project = _svg_open("Peta UKM Kabupaten Blora per kecamatan dan desa", "peta-judul")
    out = [start, *_areas(catalog, rel, project, area), *_labels(catalog, project)]
    villages = {u.desa.code: u for u in catalog.ukms}
    for code, ukm in sorted(villages.items(), key=lambda item: -ukm_count[item[0]]):  # big dots under small ones
        x, y = project(ukm.desa.lon, ukm.desa.lat)
        n = ukm_count[code]
        radius = round(10 + 5 * math.sqrt(n - 1), 1)
        label = f"{ukm.desa.type_label} {ukm.desa.name}, Kecamatan {ukm.kecamatan.name}: {n} UKM"
        out.append(f'<a href={quoteattr(rel(ukm.desa_url))} aria-label={quoteattr(label)}>'
                   f'<circle class="rk-map__dot" cx="{x:g}" cy="{y:g}" r="{radius:g}">'
                   f"<title>{escape(label)}</title></circle></a>")
    out.append("</svg>")
    return "".join(out)


def shaded_map(catalog: Catalog, rel, title: str, title_id: str,
               area: Callable[[Kecamatan], tuple[str, str]]) -> str:
    """Return the kecamatan outlines as inline SVG, each with the CSS class and label `area` gives it."""
    start, project = _svg_open(title, title_id, "rk-map rk-map--shaded")
    return "".join([start, *_areas(catalog, rel, project, area), *_labels(catalog, project), "</svg>"])
