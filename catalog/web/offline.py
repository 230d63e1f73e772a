"""A copy of the built site that works opened from file:// on a laptop with no network.

Links to folders (`../kategori/batik/`) become links to files (`../kategori/batik/index.html`),
since a browser shows a folder listing for file:// folders. Search falls back to the local
index (cari/indeks.js), so the online one (cari/data/) is left out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from catalog import cache
from catalog.cache import atomic_file
from catalog.web.writer import MEDIA_FOLDERS, way_up

FOLDER = "rumah-kreatif-ukm-blora"
NAME = "unduh/etalase-offline.zip"
# Left out: the online search index (file:// cannot fetch its files; cari/indeks.js stands in), link
# previews for social media and the QR short links (both only make sense online), and the ZIP itself with
# its temporary file (catalog.cache.atomic_file: `unduh/.etalase-offline.zip.<pid>-<thread>.tmp`). The
# open-data CSVs in unduh/ stay in: /statistik/ and the data dictionary link them.
# daftar/data/: the update form's per-UKM data, useless in a copy opened from files (the form cannot fetch there).
SKIP = ("cari/data/", "daftar/data/", NAME, "unduh/.etalase-offline.zip.", "bagikan/", "p/", "sitemap.xml.gz")
STORED = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".pdf", ".woff2", ".zip", ".gz")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def _file_link(value: str) -> str:
    """`../kategori/batik/` → `../kategori/batik/index.html`; `..` → `../index.html`; others unchanged."""
    if not value or value[0] in "#/" or _SCHEME.match(value):
        return value  # empty, inside the page, root-absolute, protocol-relative, or with a scheme
    cut = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=len(value))
    path, rest = value[:cut], value[cut:]
    if path in ("", "."):
        return "index.html" + rest
    if path.endswith("/"):
        return path + "index.html" + rest
    if path.endswith(".."):  # `..`, `../..` (the theme's logo link)
        return path + "/index.html" + rest
    return value


def offline_html(text: str) -> str:
    """Point every relative folder link of a page at the folder's index.html."""
    # str.split, not a regular expression: 5,000-product sites have 6,700 pages of ~45 links each.
    for attr in ('href="', 'action="'):
        parts = text.split(attr)
        for i in range(1, len(parts)):
            part = parts[i]
            end = part.find('"')
            value = part[:end]
            new = _file_link(value)
            if new != value:
                parts[i] = new + part[end:]
        text = attr.join(parts)
    return text


def _site_files(site_dir: Path) -> list[str]:
    """The site's files as sorted URIs, without SKIP; skipped folders are not entered."""
    found = []
    root = str(site_dir)
    for folder, dirs, names in os.walk(root):
        prefix = folder[len(root) + 1:].replace(os.sep, "/") + "/" if folder != root else ""
        dirs[:] = [d for d in dirs if not (prefix + d + "/").startswith(SKIP)]
        found += [prefix + name for name in names if not (prefix + name).startswith(SKIP)]
    return sorted(found)


@dataclass(frozen=True)
class Media:
    """The photos' own host (Settings.media_url): its folder as built, and its address with the last "/"."""

    folder: Path
    url: str


# The one file besides the pages that names the media host: the offline search's cards (paths from the site root).
SEARCH_SCRIPT = "cari/indeks.js"


Late = dict[str, tuple[Path, Callable[[], Path]]]  # uri -> the file it will be (named by its content) and its wait


def make_zip(site_dir: Path, day: dt.date | None, cache_dir: Path | None = None, media: Media | None = None,
             late: Late | None = None) -> Path:
    """Write the offline copy of `site_dir` to `site_dir/unduh/etalase-offline.zip`; same site, same bytes.

    With `media`, the photos are on a host of their own: the copy takes them from its folder into its own
    `foto/`, points the pages back at them, and is written to that host's folder (`unduh/` there), since it
    is as large as the photos it holds.

    With `cache_dir` (`<data>/.cache/offline/`), the copy is kept there under a digest of what it holds:
    a site whose files are all as before gets the kept copy hard-linked, and a changed site reuses the
    compressed entries of every file that did not change (a price change recompresses a few pages, not
    6,700 pages and 70,000 photos).

    `late` names files not in the site yet, still being made (the brochure): they are the copy's last entries,
    waited for only when the rest is written, and known until then by the name of the file they will be.
    """
    site_dir = Path(site_dir)
    target = (media.folder if media else site_dir) / NAME
    stamp = (day or dt.date(2025, 1, 1)).timetuple()[:6]
    sources = _Sources(site_dir, media, late or {})
    uris = sources.uris
    if cache_dir is None:
        _write_zip(target, sources, uris, stamp, {}, None)
        return target
    folder = cache.Folder(Path(cache_dir))
    identities = {uri: sources.identity(uri) for uri in uris}
    name = cache.key(VERSION, _PYTHON, stamp, media.url if media else "", sorted(identities.items()))[:40]
    if f"{name}.zip" not in folder.names():
        kept = _KeptZip.last(folder, stamp)
        with contextlib.ExitStack() as stack:
            if kept:
                stack.callback(kept.close)
            entries = _write_zip(folder.file(f"{name}.zip"), sources, uris, stamp, identities, kept)
        # Last: a record means its ZIP is whole. The next change reuses the entries it lists (_KeptZip).
        folder.write_json(f"{name}.json", {"stamp": stamp, "python": _PYTHON, "entries": entries,
                                           "size": folder.file(f"{name}.zip").stat().st_size})
    folder.prune({f"{name}.zip", f"{name}.json"})
    _place(folder.file(f"{name}.zip"), target)
    return target


# Bumped by hand when the ZIP's entries change for the same site files (offline_html, SKIP, STORED).
VERSION = "1"
_PYTHON = list(sys.version_info[:2])  # its zipfile writes the headers a kept copy's entries are taken with


def _identity(path: str) -> str:
    """What a site file is: a linked file (a cache entry, never changed in place) by its inode, size and
    time; a file written by this build by a digest of its bytes."""
    info = os.stat(path)
    if info.st_nlink > 1:
        return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _place(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: copy
        shutil.copyfile(source, target)


class _Sources:
    """Where each file of the copy comes from: the site, or (its photos) the media host's folder."""

    def __init__(self, site_dir: Path, media: Media | None, late: Late):
        # Plain strings: one pathlib object per file cost more than its stat at 5,000 products.
        self.root, self.media, self.late = str(site_dir), media, late
        self.media_root = str(media.folder) if media else ""
        in_media = _site_files(media.folder) if media else []
        self.from_media = {uri for uri in in_media if uri.startswith(MEDIA_FOLDERS)}
        found = sorted([*_site_files(site_dir), *self.from_media])
        self.uris = [uri for uri in found if uri not in late] + sorted(late)

    def path(self, uri: str) -> str:
        if uri in self.late:
            return str(self.late[uri][1]())  # waits until it is made
        return os.path.join(self.media_root if uri in self.from_media else self.root, uri)

    def identity(self, uri: str) -> str:
        return f"made:{self.late[uri][0].name}" if uri in self.late else _identity(self.path(uri))

    def read(self, uri: str) -> bytes:
        """The entry's bytes: a page's links made to work from files, the media host's address made local."""
        with open(self.path(uri), "rb") as handle:
            data = handle.read()
        if uri.endswith(".html"):
            text = data.decode("utf-8")
            if self.media:
                text = text.replace(self.media.url, way_up(uri))
            return offline_html(text).encode("utf-8")
        if self.media and uri == SEARCH_SCRIPT:
            return data.replace(self.media.url.encode(), b"")
        return data


Entry = list  # what the record keeps of an entry: [identity, header offset, end, CRC, compressed size, size, flags]


def _write_zip(target: Path, sources: _Sources, uris: list[str], stamp: tuple, identities: dict[str, str],
               old: _KeptZip | None) -> dict[str, Entry]:
    """Write the copy to `target`, taking every unchanged entry from `old`; return the record of its entries."""
    # Streamed into the temporary file (hundreds of MB of photos at 5,000 products), not built in memory.
    entries: dict[str, Entry] = {}
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_file(target))
        archive = stack.enter_context(zipfile.ZipFile(out, "w"))
        run: list[tuple[zipfile.ZipInfo, Entry]] = []  # unchanged entries, one after another in `old`
        for uri in uris:
            info = zipfile.ZipInfo(f"{FOLDER}/{uri}", date_time=stamp)
            info.external_attr = 0o644 << 16
            stored = uri.lower().endswith(STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            kept = old.entry(uri, identities.get(uri), info) if old is not None else None
            if kept is not None and run and run[-1][1][2] == kept[1]:  # it follows the last one in `old`
                run.append((info, kept))
                continue
            if run:
                old.copy(archive, run, entries)  # type: ignore[union-attr]
            run = [(info, kept)] if kept is not None else []
            if kept is None:
                archive.writestr(info, sources.read(uri))
                entries[uri] = [identities.get(uri, ""), info.header_offset, archive.fp.tell(),  # type: ignore[union-attr]
                                info.CRC, info.compress_size, info.file_size, info.flag_bits]
        if run:
            old.copy(archive, run, entries)  # type: ignore[union-attr]
    return entries


class _KeptZip:
    """An earlier copy whose entries are taken as they are: each run of unchanged entries in one piece.

    A price change alters a few pages among 6,700 pages and 70,000 photos; copying the rest entry by entry
    took longer than the pages' build. Where each entry lies, and its sizes and checksum, come from the copy's
    record, written when the copy was whole: reading and checking the copy's own directory took 3 s at
    5,000 products. The bytes are the same as a fresh copy's: the record is only used for the same Python
    (its zipfile writes the headers), the same date and the same size of file.
    """

    def __init__(self, path: Path, entries: dict[str, Entry]):
        self.file = open(path, "rb")  # noqa: SIM115 (closed by close(), when the new copy is written)
        self.entries = entries

    @classmethod
    def last(cls, folder: cache.Folder, stamp: tuple) -> _KeptZip | None:
        """The kept copy with the newest record, if its record can be trusted for a copy dated `stamp`."""
        records = [folder.file(n) for n in folder.names() if n.endswith(".json") and cache.ENTRY_RE.fullmatch(n)]
        for record in sorted(records, key=lambda r: r.stat().st_mtime_ns, reverse=True)[:1]:
            kept, path = folder.read_json(record.name), record.with_suffix(".zip")
            if (isinstance(kept, dict) and kept.get("stamp") == list(stamp) and kept.get("python") == _PYTHON
                    and path.is_file() and path.stat().st_size == kept.get("size")
                    and isinstance(kept.get("entries"), dict)):
                return cls(path, kept["entries"])
        return None

    def entry(self, uri: str, identity: str | None, info: zipfile.ZipInfo) -> Entry | None:
        """The kept entry of `uri` when its file is the same (`identity`), with `info` made to match it."""
        kept = self.entries.get(uri)
        if kept is None or identity is None or kept[0] != identity or kept[6] & 0x08:
            return None
        info.CRC, info.compress_size, info.file_size, info.flag_bits = kept[3:7]
        if info.file_size > zipfile.ZIP64_LIMIT or info.compress_size > zipfile.ZIP64_LIMIT:
            return None  # its header would carry a ZIP64 field: written afresh
        return kept

    def copy(self, archive: zipfile.ZipFile, run: list[tuple[zipfile.ZipInfo, Entry]],
             entries: dict[str, Entry]) -> None:
        """Write the entries of `run` (new info, kept entry) as one piece of the kept copy's bytes."""
        start, end = run[0][1][1], run[-1][1][2]
        base = archive.fp.tell()  # type: ignore[union-attr]
        self.file.seek(start)
        left = end - start
        while left:
            chunk = self.file.read(min(left, 1 << 20))
            if not chunk:
                raise OSError(f"{self.file.name}: ends early")
            archive.fp.write(chunk)  # type: ignore[union-attr]
            left -= len(chunk)
        for info, kept in run:
            info.header_offset = base + kept[1] - start
            archive.filelist.append(info)
            archive.NameToInfo[info.filename] = info
            uri = info.filename[len(FOLDER) + 1:]
            entries[uri] = [kept[0], info.header_offset, base + kept[2] - start, *kept[3:]]
        archive.start_dir = archive.fp.tell()  # type: ignore[union-attr]
        archive._didModify = True  # type: ignore[attr-defined]

    def close(self) -> None:
        self.file.close()
