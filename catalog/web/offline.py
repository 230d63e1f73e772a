"""A copy of the built site that works opened from file:// on a laptop with no network.

Links to folders (`../kategori/batik/`) become links to files (`../kategori/batik/index.html`),
since a browser shows a folder listing for file:// folders. Search falls back to the local
index (cari/indeks.js), so the online one (cari/data/) is left out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import os
import re
import shutil
import struct
import sys
import zipfile
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from catalog import cache
from catalog.cache import atomic_file
from catalog.photos.formats import AVIF
from catalog.web.site_tree import FileStat, SiteTree
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
# The photos come in WebP (and the one JPEG fallback) only: every browser that opens the copy from its files shows
# WebP (all of them since 2020), and the AVIF renditions besides were 30 % of the sample's copy (25.7 -> 18.1 MB;
# 13 % of the small photos of benchmarks/scale.py). The pages lose their AVIF <source>, so no browser asks for a
# file the copy does not hold.
_AVIF_SOURCE = f'<source type="{AVIF.mime}"'  # as catalog/web/pages.py writes a <picture>'s sources

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


def _left_out(uri: str) -> bool:
    """Whether a site file stays out of the copy: one of SKIP, or an AVIF photo."""
    return uri.startswith(SKIP) or (uri.startswith("foto/") and uri.endswith(f".{AVIF.ext}"))


def offline_html(text: str) -> str:
    """Point every relative folder link of a page at the folder's index.html; drop its AVIF photo sources."""
    if _AVIF_SOURCE in text:  # the pages write each <source> as one tag, its attributes escaped (no ">" inside)
        head, *rest = text.split(_AVIF_SOURCE)
        text = head + "".join(part[part.index(">") + 1:] for part in rest)
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


@dataclass(frozen=True)
class Media:
    """The photos' own host (Settings.media_url): its folder as built, its address with the last "/", and the
    folder's files if the build has listed them already."""

    folder: Path
    url: str
    tree: SiteTree | None = field(default=None, compare=False)


# The one file besides the pages that names the media host: the offline search's cards (paths from the site root).
SEARCH_SCRIPT = "cari/indeks.js"


Late = dict[str, tuple[Path, Callable[[], Path]]]  # uri -> the file it will be (named by its content) and its wait


def make_zip(site: Path | SiteTree, day: dt.date | None, cache_dir: Path | None = None, media: Media | None = None,
             late: Late | None = None) -> Path:
    """Write the offline copy of the site (its folder, or its files as the build listed them) to
    `unduh/etalase-offline.zip` in it; same site, same bytes.

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
    tree = site if isinstance(site, SiteTree) else SiteTree(site)
    target = (media.folder if media else tree.root) / NAME
    stamp = (day or dt.date(2025, 1, 1)).timetuple()[:6]
    sources = _Sources(tree, media, late or {})
    uris = sources.uris
    if cache_dir is None:
        _write_zip(target, sources, uris, stamp)
        return target
    folder = cache.Folder(Path(cache_dir))
    identities = {uri: sources.identity(uri) for uri in uris}
    name = cache.key(VERSION, _PYTHON, stamp, media.url if media else "", sorted(identities.items()))[:40]
    if f"{name}.zip" not in folder.names():
        path, record = folder.file(f"{name}.zip"), None
        kept = _KeptZip.last(folder, stamp)
        if kept is not None:
            with contextlib.closing(kept), contextlib.suppress(_TooLarge):
                record = kept.write(path, sources, uris, stamp, identities)
        if record is None:
            _write_zip(path, sources, uris, stamp)
            record = _record_of(path, uris, identities)
        # Last: a record means its ZIP is whole. The next change reuses the entries it lists (_KeptZip).
        if record is not None:
            record |= {"stamp": stamp, "python": _PYTHON, "size": path.stat().st_size}
            cache.write_versioned(folder.file(f"{name}.{RECORD}"), VERSION, record)
    folder.prune({f"{name}.zip", f"{name}.{RECORD}"})
    _place(folder.file(f"{name}.zip"), target)
    return target


# Bumped by hand when the ZIP's entries change for the same site files (offline_html, SKIP, STORED).
VERSION = "4"
RECORD = "pickle"  # the extension of a kept copy's record (pickled: a JSON record took 0.3 s to read and write)
_PYTHON = list(sys.version_info[:2])  # its zipfile writes the headers a kept copy's entries are taken with


def _identity(path: str, info: FileStat) -> str:
    """What a site file is: a linked file (a cache entry, never changed in place) by its inode, size and
    time; a file written by this build by a digest of its bytes."""
    if info.links > 1:
        return info.stamp
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

    def __init__(self, site: SiteTree, media: Media | None, late: Late):
        # Plain strings: one pathlib object per file cost more than its stat at 5,000 products.
        self.root, self.media, self.late = str(site.root), media, late
        self.media_root = str(media.folder) if media else ""
        self.stats = {uri: info for uri, info in site.files.items() if not _left_out(uri)}
        self.from_media: set[str] = set()
        if media:
            in_media = (media.tree or SiteTree(media.folder)).files
            self.from_media = {uri for uri in in_media if uri.startswith(MEDIA_FOLDERS) and not _left_out(uri)}
            self.stats.update({uri: in_media[uri] for uri in self.from_media})
        self.uris = sorted(uri for uri in self.stats if uri not in late) + sorted(late)

    def path(self, uri: str) -> str:
        if uri in self.late:
            return str(self.late[uri][1]())  # waits until it is made
        return os.path.join(self.media_root if uri in self.from_media else self.root, uri)

    def identity(self, uri: str) -> str:
        return f"made:{self.late[uri][0].name}" if uri in self.late else _identity(self.path(uri), self.stats[uri])

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


def _info(uri: str, stamp: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(f"{FOLDER}/{uri}", date_time=stamp)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_STORED if uri.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
    return info


def _write_zip(target: Path, sources: _Sources, uris: list[str], stamp: tuple) -> None:
    """Write the copy to `target` afresh, every entry read and compressed."""
    # Streamed into the temporary file (hundreds of MB of photos at 5,000 products), not built in memory.
    with atomic_file(target) as out, zipfile.ZipFile(out, "w") as archive:
        for uri in uris:
            archive.writestr(_info(uri, stamp), sources.read(uri))


# A ZIP's central directory record: its fixed part, and where in it the entry's header offset lies.
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_OFFSET_AT = 42
_END = struct.Struct("<4s4H2LH")  # end of central directory
_END64 = struct.Struct("<4sQ2H2L4Q")  # its ZIP64 form, and the locator that points at it
_LOCATOR64 = struct.Struct("<4sLQL")


_ZIP64_OFFSET = struct.Struct("<HHQ")  # a ZIP64 extra field holding only an entry's header offset


def _zip64_offset(central: bytes, at: int = 0) -> int | None:
    """The header offset a central directory record (at `at`) keeps in an extra field of its own, as zipfile
    writes it for an entry past ZIP64_LIMIT; None when the record has no extra field or another one."""
    name, extra = struct.unpack_from("<2H", central, at + 28)
    if extra != _ZIP64_OFFSET.size:
        return None
    field_id, size, offset = _ZIP64_OFFSET.unpack_from(central, at + _CENTRAL.size + name)
    return offset if (field_id, size) == (1, 8) else None


class _TooLarge(Exception):
    """An entry would need ZIP64 fields of its own: the copy is written afresh by zipfile, and not kept."""


def _placed(record: bytes, offset: int) -> bytes:
    """An entry's central directory record (as written for any offset) for the entry at `offset`, as zipfile
    writes it: past ZIP64_LIMIT the offset goes into a ZIP64 extra field, and the versions needed and made by
    become 4.5 for it. Only an entry whose sizes need no ZIP64 field is placed (else _TooLarge)."""
    name, extra, comment = struct.unpack_from("<3H", record, 28)
    end = _CENTRAL.size + name
    if comment or (extra and _zip64_offset(record) is None):
        raise _TooLarge(record[_CENTRAL.size:end].decode(errors="replace"))
    made, system, needed, reserved = record[4:8]
    if extra:  # placed past the limit before: zipfile raised both versions to 4.5 for that field alone
        made = needed = zipfile.DEFAULT_VERSION
    if offset > zipfile.ZIP64_LIMIT:
        made, needed = max(zipfile.ZIP64_VERSION, made), max(zipfile.ZIP64_VERSION, needed)
        tail, extra, offset_field = _ZIP64_OFFSET.pack(1, 8, offset), _ZIP64_OFFSET.size, 0xFFFFFFFF
    else:
        tail, extra, offset_field = b"", 0, offset
    return (record[:4] + bytes((made, system, needed, reserved)) + record[8:30] + struct.pack("<H", extra)
            + record[32:_OFFSET_AT] + struct.pack("<L", offset_field) + record[_CENTRAL.size:end] + tail)


def _end_record(count: int, start: int, size: int) -> bytes:
    """The end of the central directory as zipfile writes it (with ZIP64 records above 65,535 entries)."""
    if count > 0xFFFF or start > zipfile.ZIP64_LIMIT or size > zipfile.ZIP64_LIMIT:
        end64 = _END64.pack(b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, start)
        locator = _LOCATOR64.pack(b"PK\x06\x07", 0, start + size, 1)
        return end64 + locator + _END.pack(b"PK\x05\x06", 0, 0, min(count, 0xFFFF), min(count, 0xFFFF),
                                           min(size, 0xFFFFFFFF), min(start, 0xFFFFFFFF), 0)
    return _END.pack(b"PK\x05\x06", 0, 0, count, count, size, start, 0)


class _Window:
    """A file for one ZipFile of one entry: its header and data go into `out` where it stands, the directory
    zipfile then writes for that entry into `tail`, not into `out`."""

    def __init__(self, out: BinaryIO):
        self.out, self.base = out, out.tell()
        self.tail: io.BytesIO | None = None
        self.end = 0

    def seal(self) -> None:
        self.end, self.tail = self.tell(), io.BytesIO()

    def write(self, data: bytes) -> int:
        return self.tail.write(data) if self.tail is not None else self.out.write(data)

    def tell(self) -> int:
        return self.end + self.tail.tell() if self.tail is not None else self.out.tell() - self.base

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        assert whence == os.SEEK_SET
        if self.tail is not None:
            return self.end + self.tail.seek(offset - self.end)
        return self.out.seek(self.base + offset) - self.base

    def flush(self) -> None:
        pass


def _write_entry(out: BinaryIO, info: zipfile.ZipInfo, data: bytes) -> bytes:
    """Write an entry into `out` as zipfile writes it, where `out` stands; return its central directory record
    (with offset 0). Streamed: the brochure is 45 MB at 5,000 products."""
    window = _Window(out)
    with zipfile.ZipFile(window, "w") as scratch:  # type: ignore[call-overload]
        scratch.writestr(info, data)
        window.seal()
    assert window.tail is not None
    record = window.tail.getvalue()
    name, extra, comment = struct.unpack_from("<3H", record, 28)
    if extra or comment:
        raise _TooLarge(info.filename)
    return record[:_CENTRAL.size + name]


def _central_directory(path: Path) -> tuple[int, bytes] | None:
    """Where a ZIP written here starts its central directory, and the directory's bytes (None: not one of ours)."""
    with open(path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size < _END.size:
            return None
        handle.seek(size - _END.size)
        signature, _, _, _, count, length, start, comment = _END.unpack(handle.read(_END.size))
        if signature != b"PK\x05\x06" or comment:
            return None
        if count == 0xFFFF or length == 0xFFFFFFFF or start == 0xFFFFFFFF:
            handle.seek(size - _END.size - _LOCATOR64.size - _END64.size)
            end64 = _END64.unpack(handle.read(_END64.size))
            if end64[0] != b"PK\x06\x06":
                return None
            length, start = end64[-2:]
        handle.seek(start)
        return start, handle.read(length)


def _record_of(path: Path, uris: list[str], identities: dict[str, str]) -> dict | None:
    """The record of a copy written afresh: where each entry and its central directory record lie."""
    found = _central_directory(path)
    if found is None:
        return None
    start, central = found
    starts, places, at = array("q"), array("q"), 0
    for _ in uris:
        fields = _CENTRAL.unpack_from(central, at)
        extra, offset = fields[13], fields[18]
        if offset == 0xFFFFFFFF and (past := _zip64_offset(central, at)) is not None:  # past ZIP64_LIMIT
            extra, offset = 0, past
        if fields[0] != b"PK\x01\x02" or extra or fields[14] or offset == 0xFFFFFFFF:
            return None  # another extra field or a comment (ZIP64 sizes): not taken apart
        starts.append(offset)
        places.append(at)
        at += _CENTRAL.size + fields[12] + fields[13]
    if at != len(central):
        return None
    starts.append(start)
    places.append(at)
    return _record(uris, identities, starts, places, central)


def _record(uris: list[str], identities: dict[str, str], starts: array, places: array, central: bytes) -> dict:
    """A copy's record: its entries' names and identities; where each entry starts (and, last, where its central
    directory starts); where each entry's record starts in that directory (and, last, its length); the directory."""
    return {"uris": uris, "identities": [identities[uri] for uri in uris], "starts": starts, "places": places,
            "central": central}


def _whole(record: dict) -> bool:
    """Whether a record has every part `_KeptZip` reads, one entry of each per file of the copy."""
    parts = [record.get(k) for k in ("uris", "identities", "starts", "places", "central")]
    if not all(isinstance(part, kind) for part, kind in zip(parts, (list, list, array, array, bytes), strict=True)):
        return False
    uris, identities, starts, places, central = parts
    return len(uris) == len(identities) == len(starts) - 1 == len(places) - 1 and places[-1] == len(central)


class _KeptZip:
    """An earlier copy whose entries are taken as they are: each run of unchanged entries in one piece.

    A price change alters a few pages among 6,700 pages and 70,000 photos; copying the rest entry by entry
    took longer than the pages' build. Where each entry lies, and its central directory record, come from the
    copy's record, written when the copy was whole: reading the copy's own directory through zipfile took 3 s
    at 5,000 products, and making an object per entry to write a new one 1 s. The bytes are the same as a fresh
    copy's (an entry's header and record hold no place but its offset, patched here): the record is only used
    for the same Python (its zipfile wrote them), the same date and the same size of file.
    """

    def __init__(self, path: Path, record: dict):
        self.file = open(path, "rb")  # noqa: SIM115 (closed by close(), when the new copy is written)
        self.identities: list[str] = record["identities"]
        self.starts, self.places, self.central = record["starts"], record["places"], record["central"]
        self.index = {uri: i for i, uri in enumerate(record["uris"])}

    @classmethod
    def last(cls, folder: cache.Folder, stamp: tuple) -> _KeptZip | None:
        """The kept copy with the newest record, if its record can be trusted for a copy dated `stamp`."""
        records = [folder.file(n) for n in folder.names() if n.endswith(f".{RECORD}") and cache.ENTRY_RE.fullmatch(n)]
        for record in sorted(records, key=lambda r: r.stat().st_mtime_ns, reverse=True)[:1]:
            kept, path = cache.read_versioned(record, VERSION), record.with_suffix(".zip")
            if (isinstance(kept, dict) and kept.get("stamp") == stamp and kept.get("python") == _PYTHON
                    and path.is_file() and path.stat().st_size == kept.get("size") and _whole(kept)):
                return cls(path, kept)
        return None

    def write(self, target: Path, sources: _Sources, uris: list[str], stamp: tuple,
              identities: dict[str, str]) -> dict:
        """Write the copy of `uris` to `target`, unchanged entries from this one; return its record."""
        starts, places, central = array("q"), array("q"), []
        at = 0

        def add(record: bytes, offset: int) -> None:
            """Note an entry written at `offset`, with its directory record (any offset in it replaced)."""
            nonlocal at
            central.append(placed := _placed(record, offset))
            starts.append(offset)
            places.append(at)
            at += len(placed)

        with atomic_file(target) as out:
            run: list[int] = []  # [first, last + 1]: unchanged entries, one after another in this copy

            def take() -> None:
                first, end = run
                base = out.tell()
                self._copy(out, self.starts[first], self.starts[end])
                for i in range(first, end):
                    add(self.central[self.places[i]:self.places[i + 1]], base + self.starts[i] - self.starts[first])
                run.clear()

            for uri in uris:
                i = self.index.get(uri)
                if i is not None and self.identities[i] == identities[uri]:
                    if run and run[1] == i:
                        run[1] = i + 1
                        continue
                    if run:
                        take()
                    run[:] = [i, i + 1]
                    continue
                if run:
                    take()
                offset = out.tell()
                add(_write_entry(out, _info(uri, stamp), sources.read(uri)), offset)
            if run:
                take()
            start = out.tell()
            directory = b"".join(central)
            out.write(directory)
            out.write(_end_record(len(uris), start, len(directory)))
        starts.append(start)
        places.append(at)
        return _record(uris, identities, starts, places, directory)

    def _copy(self, out: BinaryIO, start: int, end: int) -> None:
        self.file.seek(start)
        left = end - start
        while left:
            chunk = self.file.read(min(left, 1 << 20))
            if not chunk:
                raise OSError(f"{self.file.name}: ends early")
            out.write(chunk)
            left -= len(chunk)

    def close(self) -> None:
        self.file.close()
