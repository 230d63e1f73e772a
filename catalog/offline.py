"""A copy of the built site that works opened from file:// on a laptop with no network.

Links to folders (`../kategori/batik/`) become links to files (`../kategori/batik/index.html`),
since a browser shows a folder listing for file:// folders. Search falls back to the local
index (cari/indeks.js), so Pagefind's bundle is left out.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from pathlib import Path

FOLDER = "rumah-kreatif-ukm-blora"
NAME = "unduh/etalase-offline.zip"
SKIP = ("pagefind/", "unduh/", "sitemap.xml.gz")
STORED = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".pdf", ".woff2", ".zip", ".gz")
_LINK = re.compile(r'\b(href|action)="([^"]*)"')


def _file_link(match: re.Match) -> str:
    attr, value = match.groups()
    if not value or re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//|#|/)", value):
        return match.group(0)
    path, sep, rest = re.match(r"^([^?#]*)([?#]?)(.*)$", value).groups()
    if path in ("", ".", "..") or path.endswith("/"):
        path = (path.rstrip("/") + "/" if path not in ("", ".") else "") + "index.html"
        if path == "/index.html":
            path = "index.html"
    return f'{attr}="{path}{sep}{rest}"'


def offline_html(text: str) -> str:
    """Point every relative folder link of a page at the folder's index.html."""
    return _LINK.sub(_file_link, text)


def make_zip(site_dir: Path, day: dt.date | None) -> Path:
    """Write the offline copy of `site_dir` to `site_dir/unduh/etalase-offline.zip`; same site, same bytes."""
    site_dir = Path(site_dir)
    target = site_dir / NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = (day or dt.date(2025, 1, 1)).timetuple()[:6]
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            uri = path.relative_to(site_dir).as_posix()
            if uri.startswith(SKIP):
                continue
            info = zipfile.ZipInfo(f"{FOLDER}/{uri}", date_time=stamp)
            info.external_attr = 0o644 << 16
            stored = uri.lower().endswith(STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            data = path.read_bytes()
            if uri.endswith(".html"):
                data = offline_html(data.decode("utf-8")).encode("utf-8")
            archive.writestr(info, data)
    os.replace(tmp, target)
    return target
