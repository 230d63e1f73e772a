"""Hand a catalogue (and its published photos) already made by the CLI to the renderer hooks, so it is done once."""

from __future__ import annotations

from pathlib import Path

import time
from contextlib import contextmanager

current = None
timings: dict[str, float] = {}  # seconds per build stage, printed by `build` and read by benchmarks/scale.py
photos = None  # the PublishedPhotos of `current`
_preloaded: dict[Path, tuple] = {}


def preload(folder: Path, catalog, published=None) -> None:
    _preloaded[Path(folder).resolve()] = (catalog, published)


def take_preloaded(folder: Path) -> tuple:
    """Return (catalog, published photos) preloaded for `folder`, or (None, None)."""
    return _preloaded.pop(Path(folder).resolve(), (None, None))


@contextmanager
def timed(stage: str):
    """Add the wall time of the block to `timings[stage]`."""
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - started
