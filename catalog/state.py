"""Hand a catalogue (and its published photos) already made by the CLI to the renderer hooks, so it is done once."""

from __future__ import annotations

from pathlib import Path

current = None
photos = None  # the PublishedPhotos of `current`
_preloaded: dict[Path, tuple] = {}


def preload(folder: Path, catalog, published=None) -> None:
    _preloaded[Path(folder).resolve()] = (catalog, published)


def take_preloaded(folder: Path) -> tuple:
    """Return (catalog, published photos) preloaded for `folder`, or (None, None)."""
    return _preloaded.pop(Path(folder).resolve(), (None, None))
