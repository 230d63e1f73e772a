"""Generate a catalogue of N products, print its brochure, and report the time and the PDF's size.

    python benchmarks/brochure.py 1000               # 200 UKMs × 5 products, A4 (target: ≤ 40 s, ≤ 30 MB)
    python benchmarks/brochure.py 1000 --paper A5 --labels
    python benchmarks/brochure.py 1000 --photo-px 1600 --noisy   # phone-sized photos with real detail
    python benchmarks/brochure.py 5000 --data /tmp/s1000/data     # a ready catalogue (copied, not changed)
    python benchmarks/brochure.py 1000 --piece-products 1000000   # in one piece, as before the pieces
    python benchmarks/brochure.py 5000 --data /tmp/s1000/data --edit  # then one price changed, pieces cached
    python benchmarks/brochure.py 1000 --data /tmp/s200/data --edit 3  # three price changes, one after the other

The catalogue comes from benchmarks/scale.py (`make_catalog`); its photos are small flat tiles unless
--photo-px/--noisy ask for large, hard-to-compress ones, closer to what owners send.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import pikepdf  # noqa: E402
from PIL import Image  # noqa: E402

from catalog import cache  # noqa: E402
from catalog.build import read_settings  # noqa: E402
from catalog.printing import brochure  # noqa: E402
from catalog.read.load import load_catalog  # noqa: E402
from scale import make_catalog  # noqa: E402


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def add_noise(data_dir: Path, seed: int = 7) -> None:
    """Overlay random grain on every photo so JPEG cannot squeeze it like a flat tile."""
    rng = random.Random(seed)
    for path in sorted((data_dir / "images").rglob("*.jpg")):
        with Image.open(path) as image:
            grain = Image.effect_noise(image.size, 40 + rng.randrange(20)).convert("RGB")
            Image.blend(image.convert("RGB"), grain, 0.35).save(path, quality=88)


def timed(spent: dict[str, float], module, name: str) -> None:
    """Add the time spent in `module.name` (when this process calls it) to `spent[name]`."""
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    setattr(module, name, wrapper)


def edit_one_price(data_dir: Path, catalog, site, args, before: bytes) -> None:
    """Raise the price of one product in the middle of the catalogue and print the brochure again from the pieces;
    `--edit N` times, each a new price."""
    product = catalog.products[len(catalog.products) // 2]
    yml = data_dir / product.ukm.file
    spent: dict[str, float] = {}
    for name in ("_layout", "pdf_bytes", "join_pdfs"):
        timed(spent, brochure, name)
    for price in range(product.data.harga + 500, product.data.harga + 500 * (args.edit + 1), 500):
        text = yml.read_text(encoding="utf-8")
        assert f"harga: {price - 500}" in text, (yml, price - 500)
        yml.write_text(text.replace(f"harga: {price - 500}", f"harga: {price}", 1), encoding="utf-8")
        spent.clear()
        started = time.perf_counter()
        catalog = load_catalog(data_dir)
        qr_cache = brochure.qr_store(data_dir)
        printout = brochure.brochure_html(catalog, brochure.select(catalog, brochure.Filters()), site,
                                          brochure.Layout(args.paper), args.group_by,
                                          piece_products=args.piece_products, qr_cache=qr_cache)
        qr_cache.save()
        built = time.perf_counter()
        pieces = brochure.PieceCache(data_dir / ".cache" / "brosur" / "potongan")
        pdf = brochure.print_pdf(printout, pieces)
        total = time.perf_counter() - started
        here = spent.get("_layout", 0.0) + spent.get("pdf_bytes", 0.0)
        join = spent.get("join_pdfs", 0.0)
        layout = started + total - built - join
        cards = [printout.pieces[i].count('class="card"') for i in pieces.laid_out]
        print(f"after one price change ({product.key}, {price}): {total:.1f} s = load+photos+QR+HTML "
              f"{built - started:.1f} s + layout {layout:.1f} s (in this process {here:.1f} s, the rest in workers "
              f"or reading the cache) + join {join:.1f} s; laid out {len(pieces.laid_out)} of "
              f"{len(printout.pieces)} pieces (products in it: "
              f"{cards}) "
              f"and {getattr(pieces, 'parts_laid_out', '(not recorded)')}, "
              f"PDF {'changed' if pdf != before else 'UNCHANGED'}, load average {os.getloadavg()[0]:.1f}")
        before = pdf
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS over both: this process {rss:.0f} MB, largest worker {rss_children:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=1000, help="number of products (5 per UKM)")
    parser.add_argument("--paper", choices=sorted(brochure.PAPERS), default="A4")
    parser.add_argument("--group-by", choices=brochure.GROUPS, default="wilayah")
    parser.add_argument("--photo-px", type=int, default=320, help="side of the generated photos (default 320)")
    parser.add_argument("--noisy", action="store_true", help="add grain to the photos (realistic JPEG sizes)")
    parser.add_argument("--labels", action="store_true", help="also time the label sheets")
    parser.add_argument("--keep", action="store_true", help="keep benchmarks/out/brochure-N/")
    parser.add_argument("--piece-products", type=int, default=brochure.PIECE_PRODUCTS,
                        help=f"products per separately laid-out piece (default {brochure.PIECE_PRODUCTS}; "
                             "a huge number lays the brochure out in one piece)")
    parser.add_argument("--edit", type=int, nargs="?", const=1, default=0, metavar="N",
                        help="cache the pieces, then change one price and time the brochure laid out again, N times")
    parser.add_argument("--data", type=Path, help="print this ready catalogue instead of generating one (N is ignored)")
    args = parser.parse_args()
    work = ROOT / "benchmarks" / "out" / f"brochure-{args.n}"
    started = time.perf_counter()
    if args.data:
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(args.data, work / "data", symlinks=True)
    else:
        make_catalog(work / "data", max(1, args.n // 5), photo_px=args.photo_px)
    if args.noisy:
        add_noise(work / "data")
    print(f"generated {args.n} products ({args.photo_px} px photos{', noisy' if args.noisy else ''}) "
          f"in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    cpu_started = cpu_seconds()
    catalog = load_catalog(work / "data")
    settings = read_settings(ROOT / "mkdocs.yml", work / "data")
    site = brochure.SiteConfig(settings.printed_url(), settings.site_name, settings.demo)
    products = brochure.select(catalog, brochure.Filters())
    loaded = time.perf_counter()
    qr_cache = brochure.qr_store(work / "data") if args.edit else None
    printout = brochure.brochure_html(catalog, products, site, brochure.Layout(args.paper), args.group_by,
                                      piece_products=args.piece_products, qr_cache=qr_cache)
    if qr_cache:
        qr_cache.save()
    built = time.perf_counter()
    pieces = brochure.PieceCache(work / "data" / ".cache" / "brosur" / "potongan") if args.edit else None
    pdf = brochure.print_pdf(printout, pieces)
    total = time.perf_counter() - started
    cpu = cpu_seconds() - cpu_started
    out = work / f"brochure-{args.paper}.pdf"
    cache.write_atomic(out, pdf)
    photos = sum(len(data) for url, (data, mime) in printout.assets.items.items() if mime == "image/jpeg")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pages = len(pikepdf.open(io.BytesIO(pdf)).pages)
    print(f"brochure {args.paper}: {total:.1f} s (load {loaded - started:.1f} s, "
          f"photos+QR+HTML {built - loaded:.1f} s, layout+PDF {started + total - built:.1f} s "
          f"in {len(printout.pieces) or 1} piece(s)), {pages} pages, {len(pdf) / 1e6:.1f} MB "
          f"(photos {photos / 1e6:.1f} MB)")
    # ru_maxrss of the children is the largest single child (a layout worker or a QR worker), not their sum.
    print(f"peak RSS: this process {rss:.0f} MB, largest worker {rss_children:.0f} MB")
    # Wall time is the target; CPU time says whether a slow run was this code or a busy machine.
    print(f"CPU time {cpu:.1f} s (this process and its workers), load average {os.getloadavg()[0]:.1f}")
    if args.n == 1000:
        verdict = "OK" if total <= 40 and len(pdf) <= 30e6 else "OVER TARGET"
        print(f"target for 1,000 products: ≤ 40 s and ≤ 30 MB → {verdict}")
    if args.edit:
        del printout
        edit_one_price(work / "data", catalog, site, args, pdf)
    if args.labels:
        started = time.perf_counter()
        labels = brochure.print_pdf(brochure.labels_html(catalog, products, site))
        print(f"labels: {time.perf_counter() - started:.1f} s, {len(labels) / 1e6:.1f} MB")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
