"""Lighthouse on every page type of the sample site, mobile and desktop, served with gzip on 127.0.0.1.

    python benchmarks/lighthouse.py                    # builds the sample site (no brochure), then audits it
    python benchmarks/lighthouse.py --site site        # audits a site already built
    python benchmarks/lighthouse.py --only kategori    # only the page types whose path holds "kategori"

Lighthouse is the one pinned in tests/a11y/ (installed by tools/test.sh) and runs through the same script
as tests/test_lighthouse.py, which holds accessibility, best practices and SEO at 100 on every run. This
adds the performance score (target ≥ 95, issue 13). Lighthouse's simulated throttling (mobile: a slow 4G
phone, CPU 4× slower) is applied to what this machine measured, so the score still moves with the load
of a shared 2-core machine (blocking time above all): a page that misses a target is audited once more.
Exit status 1 when a page still misses one.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_accessibility import page_types  # noqa: E402  the page types every audit uses
from test_lighthouse import LIGHTHOUSE, run_lighthouse  # noqa: E402

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files as a web host does: text compressed with gzip (level 6, the common default)."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix in COMPRESSED and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), 6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # Lighthouse closes connections early (BrokenPipe) once it has what it measures


def serve(site: Path) -> str:
    server = QuietServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def misses(found: dict) -> list[str]:
    return [c for c in CATEGORIES if found["scores"][c] < TARGET[c]]


def build_sample(out: Path) -> Path:
    site = out / "site"
    subprocess.run(
        [sys.executable, str(ROOT / "build_catalog.py"), "build", "--no-brochure", "--out", str(site)],
        check=True,
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.DEVNULL,
    )
    return site


def audit(base: str, paths: list[str], form_factor: str) -> int:
    """Audit `paths` in one setting, again those that miss a target; print a table; return the misses."""
    found = {r["url"]: r for r in run_lighthouse(form_factor, [base + p for p in paths], CATEGORIES)}
    again = [url for url, r in found.items() if misses(r)]
    if again:  # once more: the machine may have been busy
        found.update({r["url"]: r for r in run_lighthouse(form_factor, again, CATEGORIES)})
    print(f"\n{form_factor}: {'page':46} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4}  metrics")
    for path in paths:
        r = found[base + path]
        s = r["scores"]
        print(
            f"{'':{len(form_factor) + 2}}{path or '/':46} {s['performance']:>4} {s['accessibility']:>4} "
            f"{s['best-practices']:>4} {s['seo']:>4}  "
            + ", ".join(f"{k} {v}" for k, v in r["metrics"].items())
            + (f"  MISSES {misses(r)} {r['failing']}" if misses(r) else ""),
            flush=True,
        )
    return sum(bool(misses(r)) for r in found.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the sample site into a temp folder)")
    parser.add_argument("--only", help="audit only the page types whose path holds this text")
    parser.add_argument(
        "--form-factor", choices=["mobile", "desktop"], action="append", help="mobile, desktop (default: both)"
    )
    args = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse missing: run tools/test.sh (it installs tests/a11y/)")
    with tempfile.TemporaryDirectory() as temp:
        site = args.site or build_sample(Path(temp))
        base = serve(site)
        paths = [p for p in page_types() if not args.only or args.only in p]
        missed = sum(audit(base, paths, f) for f in args.form_factor or ["mobile", "desktop"])
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
