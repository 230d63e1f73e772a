"""Generate a catalogue of N UKMs × 5 products with small photos, build it, and print the costs.

    python benchmarks/scale.py 1000          # 1,000 UKMs / 5,000 products
    python benchmarks/scale.py 20 --keep     # small smoke run, keep benchmarks/out/

Prints: generation time, catalogue code time (load + validate + render pages, in-process),
full build time (subprocess `build_catalog.py build`), its peak RSS, and the site size.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from catalog.load import load_catalog  # noqa: E402
from catalog.photos import publish  # noqa: E402
from catalog.model import KATEGORI  # noqa: E402
from catalog.site import SiteInfo, render  # noqa: E402
from catalog.wilayah import load_register  # noqa: E402

WORDS = ["Batik", "Tulis", "Cap", "Daun", "Jati", "Sogan", "Kemeja", "Keripik", "Tempe", "Lanting", "Meja",
         "Kursi", "Nampan", "Sambal", "Kopi", "Barongan", "Samin", "Kawung", "Parang", "Truntum", "Indigo"]


def make_catalog(target: Path, n_ukm: int, per_ukm: int = 5, photo_px: int = 320) -> None:
    """Write `n_ukm` UKM files with `per_ukm` products each and one small JPEG per product."""
    rng = random.Random(42)
    villages = load_register().villages
    shutil.rmtree(target, ignore_errors=True)
    (target / "products").mkdir(parents=True)
    colours = [(rng.randrange(40, 220), rng.randrange(40, 200), rng.randrange(30, 160)) for _ in range(16)]
    tiles = []
    for c in colours:
        image = Image.new("RGB", (photo_px, photo_px), c)
        for x in range(0, photo_px, 16):
            image.paste((255 - c[0], 200, c[2]), (x, 0, x + 4, photo_px))
        tiles.append(image)
    categories = list(KATEGORI)
    for i in range(n_ukm):
        slug = f"ukm-{i:05d}"
        desa = villages[i % len(villages)]
        lines = [f"nama: UKM Contoh {i}", f"desa: {desa.name}", f"kecamatan: {load_register().kecamatan_of(desa).name}",
                 f'whatsapp: "0800-1{i:03d}-{i % 10000:04d}"', f"terdaftar: 2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                 "cerita: |", f"  Usaha contoh nomor {i} untuk uji skala.", "produk:"]
        folder = target / "images" / slug
        folder.mkdir(parents=True)
        for j in range(per_ukm):
            name = " ".join(rng.sample(WORDS, 3)) + f" {j}"
            photo = f"p{j}.jpg"
            tiles[(i + j) % len(tiles)].save(folder / photo, quality=80)
            price = rng.randrange(10, 2000) * 1000
            lines += [f"  - nama: {name}", f"    kategori: {categories[(i + j) % 4]}", f"    harga: {price}",
                      f"    foto: [{photo}]", f"    unggulan: {'ya' if (i * per_ukm + j) % 97 == 0 else 'tidak'}"]
        (target / "products" / f"{slug}.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=1000, help="number of UKMs (5 products each)")
    parser.add_argument("--keep", action="store_true", help="keep benchmarks/out/")
    args = parser.parse_args()
    work = ROOT / "benchmarks" / "out" / f"scale-{args.n}"
    started = time.perf_counter()
    make_catalog(work / "data", args.n)
    print(f"generated {args.n} UKMs / {args.n * 5} products in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    catalog = load_catalog(work / "data")
    loaded = time.perf_counter() - started
    published = publish(catalog, progress=sys.stderr)  # cold photo cache: the build below reuses it
    photographed = time.perf_counter() - started - loaded
    rendered = render(catalog, SiteInfo("https://contoh.example/", "Uji Skala", icon=lambda name: ""), published)
    core = time.perf_counter() - started - photographed
    print(f"photos (cold cache, benchmarks/photos.py measures them): {photographed:.1f} s")
    print(f"catalogue code: load+validate {loaded:.2f} s, +render {core - loaded:.2f} s = {core:.2f} s "
          f"({len(rendered.pages)} pages)")

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, str(ROOT / "build_catalog.py"), "build", "--data", str(work / "data"),
                             "--out", str(work / "site")], env=env, capture_output=True, text=True)
    total = time.perf_counter() - started
    if result.returncode:
        sys.exit(result.stderr)
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"full build: {total:.1f} s (catalogue code {core:.1f} s = {100 * core / total:.0f} %, "
          f"renderer ≈ {total - core:.1f} s), peak RSS {rss_mb:.0f} MB")
    print(f"site: {directory_size(work / 'site') / 1e6:.1f} MB, "
          f"{sum(1 for _ in (work / 'site').rglob('*.html'))} HTML pages")
    if not args.keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
