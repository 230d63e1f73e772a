"""The change summary of a pull request: what the data of two git revisions (or two folders) says differently.

Each side is a `Tree`: the digest of every file under products/ and images/, and a way to read one. The
summary is the one `import` prints (catalog/submit/changes.py), for every UKM file that differs.
"""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from catalog.errors import CatalogError, Problem
from catalog.read.model import UkmEntry
from catalog.submit.changes import read_entry, summary, ukm_changes

FOLDERS = ("products", "images")


@dataclass(frozen=True)
class Tree:
    """The data files of one side: {path: digest of its bytes}, and how to read a file's bytes."""

    name: str  # as the summary names this side: a folder or a git revision
    files: dict[str, str]
    read: Callable[[str], bytes]


def folder_tree(folder: Path) -> Tree:
    """The data files of a folder holding products/ and images/."""
    folder = Path(folder)
    files = {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for top in FOLDERS
        if (folder / top).is_dir()
        for path in sorted((folder / top).rglob("*"))
        if path.is_file()
    }
    return Tree(str(folder), files, lambda path: (folder / path).read_bytes())


def git_tree(repo: Path, revision: str) -> Tree:
    """The data files of a git revision of `repo`, read with git itself (nothing is checked out)."""
    listing = _git(repo, "ls-tree", "-r", "-z", revision, "--", *FOLDERS)
    files = {}
    for line in listing.decode("utf-8").split("\0"):
        if line:
            meta, path = line.split("\t", 1)
            files[path] = meta.split()[2]  # the blob id: equal bytes, equal id
    return Tree(revision, files, lambda path: _git(repo, "cat-file", "blob", files[path]))


def _git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise CatalogError([Problem(str(repo), None, "git " + args[0], message[-1] if message else "gagal")])
    return result.stdout


def tree(repo: Path, side: str) -> Tree:
    """A folder when `side` names one, else a git revision of `repo`."""
    return folder_tree(Path(side)) if Path(side).is_dir() else git_tree(repo, side)


def compare(old: Tree, new: Tree) -> list[str]:
    """Return the change summary from `old` to `new`, UKM by UKM in file order."""
    slugs = sorted({_slug(path) for path in (*old.files, *new.files)} - {None})
    lines: list[str] = []
    for slug in slugs:
        assert slug is not None
        file = f"products/{slug}.yml"
        images = f"images/{slug}/"
        before = {p: d for p, d in old.files.items() if p == file or p.startswith(images)}
        after = {p: d for p, d in new.files.items() if p == file or p.startswith(images)}
        if before == after:
            continue
        entries = [_entry(side, file) for side in (old, new)]
        if any(isinstance(e, str) for e in entries):
            lines.append(f"{file}: {next(e for e in entries if isinstance(e, str))}")
            continue
        old_entry, new_entry = (e if isinstance(e, UkmEntry) else None for e in entries)
        replaced = frozenset(  # a photo file changed (or appeared) under a name both sides use
            PurePosixPath(p).name for p in {*before, *after} if p.startswith(images) and before.get(p) != after.get(p)
        )
        shown = new_entry or old_entry
        lines += summary(file, shown.nama if shown else slug, ukm_changes(old_entry, new_entry, replaced))
    return lines or ["Tidak ada perubahan data UKM."]


def _slug(path: str) -> str | None:
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[0] == "products" and parts[1].endswith(".yml"):
        return parts[1][: -len(".yml")]
    if len(parts) >= 3 and parts[0] == "images":
        return parts[1]
    return None


def _entry(side: Tree, file: str) -> UkmEntry | str | None:
    """The validated UKM file of one side, None when it has none, or why it cannot be read."""
    if file not in side.files:
        return None
    try:
        return read_entry(side.read(file), file)
    except CatalogError:
        return f"data di {side.name} belum valid; lihat hasil pemeriksaan (check) untuk rinciannya"


def markdown(lines: list[str], old: Tree, new: Tree) -> str:
    """The summary for a pull request's job summary: one paragraph per UKM, its changes as a list, text escaped."""
    out = ["## Perubahan data UKM", "", f"Dari `{old.name}` ke `{new.name}`.", ""]
    for line in lines:
        text = _MARKDOWN.sub(r"\\\g<0>", html.escape(line.strip(), quote=False))
        if line.startswith("  - "):
            out.append(text)  # "- …": an item of the UKM's list
        else:
            out += ["", text, ""]
    return "\n".join(out).replace("\n\n\n", "\n\n") + "\n"


_MARKDOWN = re.compile(r"[\\`*_\[\]]")
