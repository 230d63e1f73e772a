"""Hand a catalogue already loaded by the CLI to the renderer hooks, so it is read once."""

from __future__ import annotations

from pathlib import Path

current = None
_preloaded: dict[Path, object] = {}


def preload(folder: Path, catalog) -> None:
    _preloaded[Path(folder).resolve()] = catalog


def take_preloaded(folder: Path):
    return _preloaded.pop(Path(folder).resolve(), None)
