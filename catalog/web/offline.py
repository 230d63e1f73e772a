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
import zipfile
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


def make_zip(site_dir: Path, day: dt.date | None, cache_dir: Path | None = None, media: Media | None = None) -> Path:
    """Write the offline copy of `site_dir` to `site_dir/unduh/etalase-offline.zip`; same site, same bytes.

    With `media`, the photos are on a host of their own: the copy takes them from its folder into its own
    `foto/`, points the pages back at them, and is written to that host's folder (`unduh/` there), since it
    is as large as the photos it holds.

    With `cache_dir` (`<data>/.cache/offline/`), the copy is kept there under a digest of what it holds:
    a site whose files are all as before gets the kept copy hard-linked, and a changed site reuses the
    compressed entries of every file that did not change (a price change recompresses a few pages, not
    6,700 pages and 70,000 photos).
    """
    site_dir = Path(site_dir)
    target = (media.folder if media else site_dir) / NAME
    stamp = (day or dt.date(2025, 1, 1)).timetuple()[:6]
    sources = _Sources(site_dir, media)
    uris = sources.uris
    if cache_dir is None:
        _write_zip(target, sources, uris, stamp, {}, None)
        return target
    folder = cache.Folder(Path(cache_dir))
    identities = {uri: _identity(sources.path(uri)) for uri in uris}
    name = cache.key(VERSION, stamp, media.url if media else "", sorted(identities.items()))[:40]
    if f"{name}.zip" not in folder.names():
        previous = _previous(folder)
        kept = folder.read_json(f"{previous}.json") if previous else None
        _write_zip(folder.file(f"{name}.zip"), sources, uris, stamp, identities,
                   (folder.file(f"{previous}.zip"), kept) if kept else None)
        folder.write_json(f"{name}.json", identities)  # last: a record means its ZIP is whole
    folder.prune({f"{name}.zip", f"{name}.json"})
    _place(folder.file(f"{name}.zip"), target)
    return target


# Bumped by hand when the ZIP's entries change for the same site files (offline_html, SKIP, STORED).
VERSION = "1"


def _identity(path: str) -> str:
    """What a site file is: a linked file (a cache entry, never changed in place) by its inode, size and
    time; a file written by this build by a digest of its bytes."""
    info = os.stat(path)
    if info.st_nlink > 1:
        return f"{info.st_dev}:{info.st_ino}:{info.st_size}:{info.st_mtime_ns}"
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def _previous(folder: cache.Folder) -> str | None:
    """The kept copy with the newest record, if any: its entries may be reused."""
    records = [folder.file(n) for n in folder.names() if n.endswith(".json") and cache.ENTRY_RE.fullmatch(n)]
    records = [r for r in records if r.with_suffix(".zip").is_file()]
    return max(records, key=lambda r: r.stat().st_mtime_ns).stem if records else None


def _place(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: copy
        shutil.copyfile(source, target)


class _Sources:
    """Where each file of the copy comes from: the site, or (its photos) the media host's folder."""

    def __init__(self, site_dir: Path, media: Media | None):
        # Plain strings: one pathlib object per file cost more than its stat at 5,000 products.
        self.root, self.media = str(site_dir), media
        self.media_root = str(media.folder) if media else ""
        in_media = _site_files(media.folder) if media else []
        self.from_media = {uri for uri in in_media if uri.startswith(MEDIA_FOLDERS)}
        self.uris = sorted([*_site_files(site_dir), *self.from_media])

    def path(self, uri: str) -> str:
        return os.path.join(self.media_root if uri in self.from_media else self.root, uri)

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


def _write_zip(target: Path, sources: _Sources, uris: list[str], stamp: tuple, identities: dict[str, str],
               previous: tuple[Path, dict] | None) -> None:
    # Streamed into the temporary file (hundreds of MB of photos at 5,000 products), not built in memory.
    old_zip, old_ids = previous or (None, {})
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_file(target))
        archive = stack.enter_context(zipfile.ZipFile(out, "w"))
        old = _KeptZip(stack.enter_context(zipfile.ZipFile(old_zip))) if old_zip else None
        run: list[tuple[zipfile.ZipInfo, zipfile.ZipInfo]] = []  # unchanged entries, one after another in `old`
        for uri in uris:
            info = zipfile.ZipInfo(f"{FOLDER}/{uri}", date_time=stamp)
            info.external_attr = 0o644 << 16
            stored = uri.lower().endswith(STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            unchanged = uri in identities and old_ids.get(uri) == identities[uri]
            kept = old.entry(info) if old is not None and unchanged else None
            if kept is not None and run and old.follows(run[-1][1], kept):
                run.append((info, kept))
                continue
            if run:
                old.copy(archive, run)  # type: ignore[union-attr]
            run = [(info, kept)] if kept is not None else []
            if kept is None:
                archive.writestr(info, sources.read(uri))
        if run:
            old.copy(archive, run)  # type: ignore[union-attr]


class _KeptZip:
    """An earlier copy whose entries are taken as they are: each run of unchanged entries in one piece.

    A price change alters a few pages among 6,700 pages and 70,000 photos; copying the rest entry by entry
    took longer than the pages' build (the bytes are the same: what `writestr` wrote for the same file).
    """

    def __init__(self, old: zipfile.ZipFile):
        self.old = old
        infos = sorted(old.infolist(), key=lambda i: i.header_offset)
        ends = [i.header_offset for i in infos[1:]] + [old.start_dir]
        self.ends = {info.filename: end for info, end in zip(infos, ends, strict=True)}

    def entry(self, info: zipfile.ZipInfo) -> zipfile.ZipInfo | None:
        """The kept entry for `info` when its bytes are those writestr would write now, else None."""
        try:
            kept = self.old.getinfo(info.filename)
        except KeyError:
            return None
        if kept.compress_type != info.compress_type or kept.flag_bits & 0x08 or kept.file_size > zipfile.ZIP64_LIMIT:
            return None
        # Taken on trust until the header matches; writestr sets them afresh for an entry not taken.
        info.CRC, info.compress_size, info.file_size, info.flag_bits = (
            kept.CRC, kept.compress_size, kept.file_size, kept.flag_bits)
        header = info.FileHeader(False)  # what zipfile's own writer writes for an entry whose sizes are known
        if self.ends[kept.filename] != kept.header_offset + len(header) + kept.compress_size:
            return None  # something else lies between this entry and the next
        self.old.fp.seek(kept.header_offset)
        return kept if self.old.fp.read(len(header)) == header else None

    def follows(self, before: zipfile.ZipInfo, kept: zipfile.ZipInfo) -> bool:
        return self.ends[before.filename] == kept.header_offset

    def copy(self, archive: zipfile.ZipFile, run: list[tuple[zipfile.ZipInfo, zipfile.ZipInfo]]) -> None:
        """Write the entries of `run` (new info, kept info) as one piece of the kept copy's bytes."""
        start, end = run[0][1].header_offset, self.ends[run[-1][1].filename]
        base = archive.fp.tell()
        self.old.fp.seek(start)
        left = end - start
        while left:
            chunk = self.old.fp.read(min(left, 1 << 20))
            if not chunk:
                raise OSError(f"{self.old.filename}: ends early")
            archive.fp.write(chunk)
            left -= len(chunk)
        for info, kept in run:
            info.header_offset = base + kept.header_offset - start
            archive.filelist.append(info)
            archive.NameToInfo[info.filename] = info
        archive.start_dir = archive.fp.tell()
        archive._didModify = True
