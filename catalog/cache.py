"""One cache layer for every slow step, in `<data>/.cache/`: one key rule, one version rule, one write, one prune.

Two kinds of store follow the same rules:
- `Store`: values under keys, in one pickle `<data>/.cache/<name>.pickle` (validated UKMs, rendered pages,
  the search index, QR codes);
- `Folder`: files named by their key, `<key>[-<width>].<ext>` (photo renditions, link previews, brochure
  pieces, the site brochure).

Key: `key(*parts)`, a digest of everything a value or file is made from (file bytes, settings, other keys).
Version: each store names what makes its values besides its inputs (`Depends`: code, templates and fonts,
libraries, versions bumped by hand); `version(depends)` is a digest of those. A `Store` keeps its version
beside its values and starts empty when it differs; a `Folder` puts the version into every key, so files of
another version are never asked for again.
Write: `write_atomic(path, data)`, a temporary name beside the target and then a rename, for every file
catalog writes: a reader (or a killed build) never sees half a file.
Prune: `prune(folder, keep)` deletes the entries a run did not use and temporary files left by a killed
build. A `Store` drops its unused entries when it saves.
Anything that cannot be read (missing, truncated, another version, another format) is ignored, never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from catalog.resources import PACKAGE_DIR, PAGE_TEMPLATES_DIR, PROJECT_DIR

CACHE_DIR = ".cache"
ENTRY_RE = re.compile(r"[0-9a-f]{12,64}(-\d+)?\.[a-z0-9]+")  # a Folder's entries; prune touches nothing else
TEMP_RE = re.compile(r"\..+\.tmp")
STALE_SECONDS = 3600  # a younger temporary file may belong to a build still running
T = TypeVar("T")


@dataclass(frozen=True)
class Depends:
    """What a store's values are made by, besides the inputs in their keys."""

    paths: tuple[Path, ...] = ()      # code, templates, fonts, data files: folders are read whole
    libraries: tuple[str, ...] = ()   # distributions whose version shapes the values
    constants: tuple[str, ...] = ()   # versions bumped by hand, for work too slow to redo on every code edit


LIBRARIES = ("pydantic", "Jinja2", "MarkupSafe", "mkdocs-material", "PyYAML")
# The catalogue's code, its data and the page templates: any edit there starts these stores afresh.
CODE = Depends((PACKAGE_DIR, PAGE_TEMPLATES_DIR), LIBRARIES)


# Cache folders placed elsewhere than `<data>/.cache/` (`place`): a shard of a matrix build keeps its own.
_PLACED: dict[Path, Path] = {}


def root(data_dir: Path) -> Path:
    """The cache folder of a data folder: `<data>/.cache/`, or where `place` put it."""
    return _PLACED.get(Path(data_dir).resolve(), Path(data_dir) / CACHE_DIR)


def place(data_dir: Path, folder: Path | None) -> None:
    """Keep the caches of `data_dir` in `folder` for the rest of this process (None: back to `<data>/.cache/`)."""
    key = Path(data_dir).resolve()
    if folder is None:
        _PLACED.pop(key, None)
    else:
        _PLACED[key] = Path(folder).resolve()


def shard_of(slug: str, count: int) -> int:
    """The shard (0 to count-1) whose cache holds a UKM's photo work: the same on every machine and every run,
    and unchanged for every other UKM when one is added or removed."""
    return int(hashlib.sha256(slug.encode("utf-8")).hexdigest()[:8], 16) % count


def merge(target: Path, sources: Iterable[Path], folders: Iterable[str]) -> int:
    """Hard-link (or copy) the entries of `folders` of each cache root in `sources` into the same folders of
    `target`; return how many were added. Entries are named by their content, so any shard's copy will do;
    each folder's own records are left out (the next use rebuilds them from the entries)."""
    added = 0
    for name in folders:
        into = Path(target) / name
        into.mkdir(parents=True, exist_ok=True)
        present = {entry.name for entry in os.scandir(into)}
        for source in sources:
            folder = Path(source) / name
            entries = [e for e in os.scandir(folder)] if folder.is_dir() else []
            for entry in entries:
                if entry.name in present or not ENTRY_RE.fullmatch(entry.name) or not entry.is_file():
                    continue
                try:
                    os.link(entry.path, into / entry.name)
                except OSError:  # another file system: copy, through a temporary name
                    write_atomic(into / entry.name, Path(entry.path).read_bytes())
                present.add(entry.name)
                added += 1
    return added


def key(*parts: object) -> str:
    """A digest of `parts` (bytes as they are, anything else by its repr)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


@cache
def version(depends: Depends) -> str:
    """A digest of every file, library version and constant a store depends on (read once per process)."""
    return digest_now(depends)


def digest_now(depends: Depends) -> str:
    """`version`, read again on every call: for what `serve` sees edited between two builds."""
    digest = hashlib.sha256()
    for place in depends.paths:
        files = [place] if place.is_file() else sorted(
            p for p in place.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            name = path.relative_to(PROJECT_DIR).as_posix() if path.is_relative_to(PROJECT_DIR) else path.name
            digest.update(name.encode() + b"\0" + path.read_bytes())
    for name in depends.libraries:
        digest.update(f"{name}={metadata.version(name)}\0".encode())
    for constant in depends.constants:
        digest.update(f"{constant}\0".encode())
    return digest.hexdigest()


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """Open a temporary file beside `path` for writing; it becomes `path` when the block ends without error."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Unique per process and thread; not mkstemp, whose 0600 mode would stay on the published file.
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it: readers see all of it or none."""
    with atomic_file(path) as handle:
        handle.write(data)


def read_versioned(path: Path, expected: str) -> Any | None:
    """The value pickled at `path` with `write_versioned`, or None when unreadable or of another version.

    Read from the file as it is unpickled, not read whole first: the page memo is 170 MB at 10,000 products,
    and holding its bytes beside the pages made from them raised the build's peak by as much. The version comes
    first, so a memo of another version is not unpickled at all.
    """
    try:
        with open(path, "rb") as handle:
            if pickle.load(handle) != expected:
                return None
            return pickle.load(handle)
    except Exception:  # missing, truncated, foreign: start afresh
        return None


def write_versioned(path: Path, expected: str, value: Any) -> None:
    """Pickle `value` after its version to `path`, atomically, straight into the file (see `read_versioned`)."""
    with atomic_file(path) as handle:
        pickle.dump(expected, handle, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)


def prune(folder: Path, keep: Iterable[str]) -> int:
    """Delete the entries of `folder` not in `keep`, and stale temporary files; return how many went.

    Only names a Folder writes (`<key>[-<width>].<ext>`) and temporary files are touched: a store's own
    records and anything else someone put there stay.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    keep = set(keep)
    removed = 0
    now = time.time()
    for entry in os.scandir(folder):
        if not entry.is_file(follow_symlinks=False):
            continue
        unused = ENTRY_RE.fullmatch(entry.name) and entry.name not in keep
        try:
            stale = TEMP_RE.fullmatch(entry.name) and now - entry.stat().st_mtime > STALE_SECONDS
        except FileNotFoundError:  # another build's, moved into place since the folder was listed
            continue
        if unused or stale:
            Path(entry.path).unlink(missing_ok=True)
            removed += 1
    return removed


class Store:
    """Values under keys in `<data>/.cache/<name>.pickle`; the entries a run did not use are dropped when it saves."""

    def __init__(self, data_dir: Path, name: str, depends: Depends = CODE):
        self.path = root(data_dir) / f"{name}.pickle"
        self.version = version(depends)
        self.old: dict = read_versioned(self.path, self.version) or {}
        self.new: dict = {}
        self.changed = False

    def get(self, k: str) -> Any:
        value = self.old.get(k)
        if value is not None:
            self.new[k] = value
        return value

    def put(self, k: str, value: Any) -> None:
        self.new[k] = value
        self.changed = True

    def get_or_make(self, k: str, make: Callable[[], T]) -> T:
        """The value under `k` (from the last run or this one), or `make()`'s, which is then kept under `k`."""
        found = self.new.get(k)
        if found is None:
            found = self.get(k)
        if found is None:
            found = make()
            self.put(k, found)
        return found

    def save(self) -> None:
        """Write the entries used or made by this run, if anything differs from what was read."""
        if self.changed or self.new.keys() != self.old.keys():
            write_versioned(self.path, self.version, self.new)
            prune(self.path.parent, ())  # no entries live here; temporary files of killed builds do


@dataclass(frozen=True)
class Folder:
    """Files named by their key in one folder, each written whole; what a run did not use is pruned."""

    path: Path

    def names(self) -> set[str]:
        """The names present now (one directory scan: cheaper than asking for each file)."""
        try:
            return {entry.name for entry in os.scandir(self.path)}
        except OSError:
            return set()

    def file(self, name: str) -> Path:
        return self.path / name

    def read(self, name: str) -> bytes | None:
        try:
            return (self.path / name).read_bytes()
        except OSError:
            return None

    def read_json(self, name: str) -> Any | None:
        data = self.read(name)
        try:
            return None if data is None else json.loads(data)
        except ValueError:
            return None

    def write(self, name: str, data: bytes) -> Path:
        target = self.path / name
        write_atomic(target, data)
        return target

    def write_json(self, name: str, value: Any) -> Path:
        return self.write(name, json.dumps(value, sort_keys=True).encode())

    def prune(self, keep: Iterable[str]) -> int:
        return prune(self.path, keep)
