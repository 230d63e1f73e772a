"""What each page type sends before its first paint: the HTML and every resource that blocks rendering, with gzip.

    python benchmarks/first_paint.py                 # builds the sample site (no brochure), then measures it
    python benchmarks/first_paint.py --site site     # measures a site already built

Target (issue 13): a product page's HTML plus everything blocking its first paint ≤ 14 KB with gzip (level 6,
the common default), the first TCP window of a new connection (10 segments): a phone paints after one round
trip. Render-blocking: stylesheets linked without a print-only `media`, and scripts in <head> without
`async`/`defer`/`type=module`. Exit status 1 when the product page misses the target.
"""

from __future__ import annotations

import argparse
import gzip
import posixpath
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_accessibility import page_types  # noqa: E402  the page types every audit uses

WINDOW = 14 * 1024
STYLESHEET = re.compile(r"<link\b[^>]*\brel=\"stylesheet\"[^>]*>")
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"[^\"]+\"[^>]*>")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def blocking(html: str) -> list[str]:
    """The stylesheets and scripts (as linked) that hold the first paint of a page."""
    head = html.split("</head>", 1)[0]
    found = [m[0] for m in STYLESHEET.finditer(head) if not re.search(r'media="print"', m[0])]
    found += [m[0] for m in SCRIPT.finditer(head) if not re.search(r"\b(async|defer)\b|type=\"module\"", m[0])]
    return [re.search(r'(?:href|src)="([^"]+)"', tag)[1] for tag in found]


def measure(site: Path, path: str) -> dict:
    page = site / (path if path.endswith(".html") else path.split("?")[0] + "index.html")
    html = page.read_text(encoding="utf-8")
    folder = posixpath.dirname(page.relative_to(site).as_posix())
    resources = {}
    for href in blocking(html):
        target = href.split("?")[0]  # the 404 page links from the site's root: "/assets/…"
        target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        resources[href] = gz((site / target).read_bytes())
    return {"html": gz(html.encode("utf-8")), "blocking": resources, "raw_html": len(html.encode("utf-8"))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample site into a temp folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            subprocess.run(
                [sys.executable, str(ROOT / "build_catalog.py"), "build", "--no-brochure", "--out", str(site)],
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
        print(f"{'page':52} {'HTML':>7} {'blocking':>8} {'total':>7}  (bytes with gzip; window {WINDOW})")
        product_total = 0
        for path in page_types():
            found = measure(site, path)
            total = found["html"] + sum(found["blocking"].values())
            if re.fullmatch(r"ukm/[^/]+/[^/]+/", path):  # the product page
                product_total = total
            names = ", ".join(f"{posixpath.basename(h)} {n}" for h, n in found["blocking"].items()) or "-"
            mark = "ok" if total <= WINDOW else "over"
            print(f"{path or '/':52} {found['html']:>7} {total - found['html']:>8} {total:>7}  {mark}  [{names}]")
    print(f"product page: {product_total} bytes ({'within' if product_total <= WINDOW else 'over'} {WINDOW})")
    return 0 if product_total <= WINDOW else 1


if __name__ == "__main__":
    sys.exit(main())
