"""Publish the catalogue's photos: a card crop of each product's first photo, the full view of all.

`publish` calls `work.process` with the site's presets and turns refusals into the owner's problems at
`file:line`; the brochure and the link previews call `process` with their own presets and the same cache.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from catalog.core import Catalog, Photo
from catalog.errors import CatalogError, Problem, path_text
from catalog.photos.engine import focus_of
from catalog.photos.formats import CARD, FULL, Preset, Rendition, Request
from catalog.photos.store import folder_of
from catalog.photos.work import process

URL_DIR = "foto"


@dataclass(frozen=True)
class PublishedPhotos:
    """The catalogue's photos after the pipeline: renditions per photo and preset, files per site path."""

    renditions: dict[Photo, dict[str, Rendition]]
    cache_dir: Path
    processed: int = 0

    def of(self, photo: Photo, preset: Preset) -> Rendition:
        return self.renditions[photo][preset.name]

    def files(self) -> dict[str, str]:
        """Return {site path: cache path} of every file the pages may link (paths as text: 5,000 products
        have 60,000 files, and making a Path of each took longer than the rest of a warm render)."""
        names = {o.name for by_preset in self.renditions.values() for rendition in by_preset.values()
                 for o in rendition.outputs}
        folder = os.fspath(self.cache_dir)
        return {f"{URL_DIR}/{name}": os.path.join(folder, name) for name in sorted(names)}


def publish(catalog: Catalog, progress: TextIO | None = None, cache_dir: Path | None = None,
            workers: int | None = None) -> PublishedPhotos:
    """Publish every product photo (a card crop of the first, the full view of all); CatalogError if any is refused."""
    cache_dir = Path(cache_dir) if cache_dir else folder_of(catalog.data_dir)
    places = []
    for ukm in catalog.ukms:
        for index, product in enumerate(ukm.products):
            for i, photo in enumerate(product.photos):
                request = Request(photo.path, (CARD, FULL) if i == 0 else (FULL,), focus_of(photo.focus))
                places.append((ukm.file, ("produk", index, "foto", i), photo, request))
    result = process([request for *_, request in places], cache_dir, progress, workers)
    problems = [
        Problem(file, photo.line, path_text(where), result.problems[request])
        for file, where, photo, request in places
        if request in result.problems
    ]
    if problems:
        raise CatalogError(problems)
    renditions: dict = {}
    for _file, _where, photo, request in places:
        renditions.setdefault(photo, {}).update(result.renditions[request])
    return PublishedPhotos(renditions, cache_dir, result.processed)
