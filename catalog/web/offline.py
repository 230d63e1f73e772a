"""A copy of the built site that works opened from file:// on a laptop with no network.

Links to folders (`../kategori/batik/`) become links to files (`../kategori/batik/index.html`),
since a browser shows a folder listing for file:// folders. Search falls back to the local
index (cari/indeks.js), so the online one (cari/data/) is left out.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path

from catalog.cache import atomic_file

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
    for folder, dirs, names in os.walk(site_dir):
        here = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if here == "." else here + "/"
        dirs[:] = [d for d in dirs if not (prefix + d + "/").startswith(SKIP)]
        found += [prefix + name for name in names if not (prefix + name).startswith(SKIP)]
    return sorted(found)


def make_zip(site_dir: Path, day: dt.date | None) -> Path:
    """Write the offline copy of `site_dir` to `site_dir/unduh/etalase-offline.zip`; same site, same bytes."""
    site_dir = Path(site_dir)
    target = site_dir / NAME
    stamp = (day or dt.date(2025, 1, 1)).timetuple()[:6]
    # Streamed into the temporary file (hundreds of MB of photos at 5,000 products), not built in memory.
    with atomic_file(target) as out, zipfile.ZipFile(out, "w") as archive:
        for uri in _site_files(site_dir):
            path = site_dir / uri
            info = zipfile.ZipInfo(f"{FOLDER}/{uri}", date_time=stamp)
            info.external_attr = 0o644 << 16
            stored = uri.lower().endswith(STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            data = path.read_bytes()
            if uri.endswith(".html"):
                data = offline_html(data.decode("utf-8")).encode("utf-8")
            archive.writestr(info, data)
    return target
