"""Results of slow steps kept between builds in `<data>/.cache/`, keyed by everything they were made from.

A warm rebuild of 5,000 products re-parsed 1,000 YAML files and re-rendered 6,000 pages that had not
changed. Each `Memo` is one pickle: {key: value} plus the version of the code that made it. Keys are
digests of the inputs (file bytes, photo renditions, settings); the version covers this package's code,
its data, the page templates and the libraries whose output ends up in the values, so any change there
starts the memo afresh. Entries not used by a build are dropped when it saves, so the file never grows
beyond one catalogue. A cache file that cannot be read is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import pickle
from functools import cache
from importlib import metadata
from pathlib import Path

from catalog.photos.pipeline import write_atomic

PACKAGE = Path(__file__).resolve().parent
INPUTS = (PACKAGE, PACKAGE.parent / "theme" / "catalog")
LIBRARIES = ("pydantic", "Jinja2", "MarkupSafe", "mkdocs-material", "PyYAML")


@cache
def code_version() -> str:
    """A digest of the code, data and templates that memo values depend on."""
    digest = hashlib.sha256()
    for folder in INPUTS:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(PACKAGE.parent).as_posix().encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        digest.update(f"{name}={metadata.version(name)}".encode())
    return digest.hexdigest()


def key(*parts: object) -> str:
    """A digest of `parts` (bytes as they are, anything else by its repr)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part if isinstance(part, bytes) else repr(part).encode())
        digest.update(b"\0")
    return digest.hexdigest()


class Memo:
    def __init__(self, data_dir: Path, name: str):
        self.path = Path(data_dir) / ".cache" / f"{name}.pickle"
        self.old: dict = {}
        self.new: dict = {}
        self.changed = False
        try:
            version, entries = pickle.loads(self.path.read_bytes())
            if version == code_version():
                self.old = entries
        except Exception:  # missing, truncated or from another version: start afresh
            pass

    def get(self, k: str):
        value = self.old.get(k)
        if value is not None:
            self.new[k] = value
        return value

    def put(self, k: str, value) -> None:
        self.new[k] = value
        self.changed = True

    def save(self) -> None:
        """Write the entries used or made by this build, if anything differs from what was read."""
        if self.changed or self.new.keys() != self.old.keys():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, pickle.dumps((code_version(), self.new), protocol=pickle.HIGHEST_PROTOCOL))
