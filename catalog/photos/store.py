"""The photo cache, `<data>/.cache/foto/`: a `cache.Folder` of outputs and entry records, and what each use got.

Entries: outputs `<key>-<width>.<ext>` (named by `engine.plan`, published as they are) and entry records
`<key>.json`, the upright size and placeholder of one crop of one photo, written after its outputs: a
record's presence says they are complete. Keys cover the source bytes, every setting and the engine's
version (`engine.ENGINE`). Two records of the folder itself:
- `terbit.pickle`: per use (a set of presets), what each request got and its file's digest, by the file's
  path, size and modification time: 5,000 unchanged photos are a dictionary lookup each, and a file whose
  size and time are unchanged is not read again to learn its digest. Each call of `process` replaces the
  part of the uses it served.
- `terpakai.json`: when each use last ran, so `prune` can keep exactly what the last build used
  (the site's photos, the brochure's and the link previews' all live here).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import time
from functools import lru_cache
from pathlib import Path

from catalog import cache
from catalog.photos import engine
from catalog.photos.formats import Preset, Rendition, Request

CACHE_DIR = Path(cache.CACHE_DIR) / "foto"  # under the data folder; CI keeps it between runs
FOLDER = "foto"  # its name in a cache root


def folder_of(data_dir: Path) -> Path:
    """The photo cache of a data folder: `foto/` in its cache root (`cache.root`)."""
    return cache.root(data_dir) / FOLDER
RECORD = "terbit.pickle"
USES = "terpakai.json"
# Per process, by the record's modification time: the site, the brochure and the previews read it once.
_READ: dict[Path, tuple[int, dict]] = {}


def entry(folder: cache.Folder, request: Request, digest: str, present: set[str]) -> dict[str, Rendition] | None:
    """The renditions of a request found complete in the folder, or None when anything is missing or unreadable."""
    found = {}
    for preset in request.presets:
        name = engine.entry_name(digest, preset, request.focus)
        meta = folder.read_json(name) if name in present else None
        try:
            outputs = engine.plan(digest, tuple(meta["size"]), preset, request.focus)
            colour, preview = str(meta["colour"]), str(meta["preview"])
        except (TypeError, KeyError, ValueError, ZeroDivisionError):  # no record, or not one we wrote
            return None
        if any(o.name not in present for o in outputs):
            return None
        found[preset.name] = Rendition(preset, outputs, colour, preview, name)
    return found


@lru_cache(maxsize=64)
def _use(presets: tuple[Preset, ...]) -> str:
    return hashlib.sha256(repr(presets).encode()).hexdigest()[:16]


def _file_digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class Record:
    """What each use's requests got last time, and their files' digests (`terbit.pickle`, see the module)."""

    def __init__(self, folder: cache.Folder):
        self.folder = folder
        self.path = folder.file(RECORD)
        self.version = cache.version(engine.ENGINE)
        self.keys: dict[Request, tuple] = {}  # request -> (use, (path, size, mtime, focus))
        self.digest_of: dict[Request, str] = {}
        self.parts: dict[str, dict] = self._read()

    def _read(self) -> dict:
        try:
            stamp = self.path.stat().st_mtime_ns
        except OSError:
            return {}
        seen = _READ.get(self.path)
        if seen and seen[0] == stamp:
            return seen[1]
        parts = cache.read_versioned(self.path, self.version) or {}
        _READ[self.path] = (stamp, parts)
        return parts

    def _key(self, request: Request) -> tuple | None:
        try:
            stat = request.path.stat()
        except OSError:
            return None
        key = (_use(request.presets), (str(request.path), stat.st_size, stat.st_mtime_ns, request.focus))
        self.keys[request] = key
        return key

    def get(self, request: Request, present: set[str]) -> dict[str, Rendition] | None:
        """What an unchanged file got for these presets last time, if every file of it is still present."""
        key = self._key(request)
        hit = self.parts.get(key[0], {}).get(key[1]) if key else None
        if hit is None:
            return None
        digest, found = hit
        if any(r.entry not in present or any(o.name not in present for o in r.outputs) for r in found.values()):
            return None
        self.digest_of[request] = digest
        return found

    def digests(self, requests: list[Request]) -> list[str]:
        """Return each request's file digest: remembered when size and time are unchanged, else hashed on all cores."""
        if not requests:
            return []
        known = {(path, size, mtime): digest for part in self.parts.values()
                 for (path, size, mtime, _focus), (digest, _found) in part.items()}
        stats = [request.path.stat() for request in requests]
        fresh = {r.path: None for r, s in zip(requests, stats, strict=True)
                 if (str(r.path), s.st_size, s.st_mtime_ns) not in known}
        if fresh:
            # hashlib releases the GIL on large buffers: threads hash in parallel (a fresh clone rehashes all).
            with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
                fresh = dict(zip(fresh, pool.map(_file_digest, fresh), strict=True))
        out = []
        for request, stat in zip(requests, stats, strict=True):
            digest = fresh.get(request.path) or known[(str(request.path), stat.st_size, stat.st_mtime_ns)]
            self.digest_of[request] = digest
            out.append(digest)
        return out

    def save(self, renditions: dict[Request, dict[str, Rendition]], changed: bool) -> None:
        """Keep what this call's requests got, in place of the parts of the uses it served; note when they ran."""
        fresh: dict[str, dict] = {}
        for request, found in renditions.items():
            key = self.keys.get(request) or self._key(request)
            if key and request in self.digest_of:
                fresh.setdefault(key[0], {})[key[1]] = (self.digest_of[request], found)
        if changed or any(len(part) != len(self.parts.get(use, ())) for use, part in fresh.items()):
            self.parts = {**self.parts, **fresh}
            cache.write_versioned(self.path, self.version, self.parts)
            _READ[self.path] = (self.path.stat().st_mtime_ns, self.parts)
        uses = self.folder.read_json(USES)
        uses = uses if isinstance(uses, dict) else {}
        self.folder.write_json(USES, {**uses, **dict.fromkeys(fresh, time.time())})


def prune(cache_dir: Path, since: float | None = None) -> int:
    """Delete the photo cache's entries no use needed in its last run (with `since`: no use run since then).

    After a build, `since` is the time it started: what the site, the brochure and the link previews of that
    build used stays, everything else (removed or changed photos, old settings, uses of older builds) goes,
    together with temporary files of killed builds. Return how many files went.
    """
    folder = cache.Folder(Path(cache_dir))
    record = Record(folder)
    if cache.read_versioned(record.path, record.version) is None:  # nothing says what is used: only temporary files go
        return folder.prune(folder.names())
    uses = folder.read_json(USES)
    uses = uses if isinstance(uses, dict) else {}
    kept = {use: part for use, part in record.parts.items()
            if since is None or (isinstance(uses.get(use), (int, float)) and uses[use] >= since)}
    if kept.keys() != record.parts.keys():
        cache.write_versioned(record.path, record.version, kept)
        folder.write_json(USES, {use: uses[use] for use in kept if use in uses})
    keep = {name for part in kept.values() for _digest, found in part.values() for rendition in found.values()
            for name in (rendition.entry, *(o.name for o in rendition.outputs))}
    return folder.prune(keep)
