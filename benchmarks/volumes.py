"""One price change in a large kecamatan: its brochure made again whole, and in volumes of whole desa, alternately.

    python benchmarks/volumes.py DATA --kecamatan Cepu [--rounds 2] [--volume-products 1000]

DATA is a catalogue made by `scale.py N --keep` (or any data folder). The benchmark copies the YAML files of the
kecamatan's UKMs into a folder of its own (the photos are linked, not copied) and keeps two caches there: one for
the kecamatan's brochure in one piece (as before `brochure.VOLUME_PRODUCTS`), one for its volumes. It first makes
both from nothing, then, each round, changes one price (`scale.change_one_price`, a different UKM each round) and
makes both again, in an order that swaps every round. It prints, for each: wall time, CPU time (this process and
its layout workers), the size of the PDF that was made again, and the largest process's peak. DATA is not changed.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from brochure import cpu_seconds  # noqa: E402  (benchmarks/brochure.py; the name `brochure` below is the package's)
from catalog import cache  # noqa: E402
from catalog.build import read_settings  # noqa: E402
from catalog.printing import brochure  # noqa: E402
from catalog.read.load import load_catalog  # noqa: E402
from scale import change_one_price  # noqa: E402

WHOLE = 10**9  # VOLUME_PRODUCTS for a brochure in one piece, as before volumes


def peak_mb() -> tuple[float, float]:
    """The peak RSS of this process and of the largest of its finished workers, in MB."""
    return (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def kecamatan_copy(data: Path, name: str, work: Path) -> Path:
    """A data folder holding only the UKMs of kecamatan `name` (YAML copied, photo folders linked)."""
    catalog = load_catalog(data)
    kecamatan = catalog.register.find_kecamatan(name)
    target = work / "data"
    (target / "products").mkdir(parents=True)
    (target / "images").mkdir()
    for ukm in catalog.ukms:
        if ukm.kecamatan.code == kecamatan.code:
            shutil.copy2(data / ukm.file, target / ukm.file)
            if (data / "images" / ukm.slug).is_dir():
                (target / "images" / ukm.slug).symlink_to((data / "images" / ukm.slug).resolve())
    return target


def make(data: Path, caches: Path, variant: str, limit: int, kecamatan: str, site) -> tuple[float, float, float]:
    """Make the kecamatan's brochure(s) as `variant` does, with the build waiting; return wall and CPU seconds and
    the MB of the PDFs made (those reused from the cache are not counted)."""
    brochure.VOLUME_PRODUCTS = limit
    cache.place(data, caches / variant)
    started, cpu = time.perf_counter(), cpu_seconds()
    catalog = load_catalog(data)
    made = 0.0
    for volume in brochure.volumes(catalog, catalog.register.find_kecamatan(kecamatan)):
        started_one = time.time_ns()
        path, _ = brochure.site_brochure(catalog, site, volume, beside=False)
        if path.stat().st_mtime_ns >= started_one:  # made now, not taken from the cache
            made += path.stat().st_size / 1e6
    return time.perf_counter() - started, cpu_seconds() - cpu, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="a catalogue (from scale.py N --keep)")
    parser.add_argument("--kecamatan", default="Cepu")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--volume-products", type=int, default=brochure.VOLUME_PRODUCTS)
    options = parser.parse_args()
    variants = {"whole": WHOLE, "volumes": options.volume_products}
    with tempfile.TemporaryDirectory(prefix="jilid-") as scratch:
        work = Path(scratch)
        data = kecamatan_copy(options.data.resolve(), options.kecamatan, work)
        settings = read_settings(ROOT / "mkdocs.yml", data)
        site = brochure.SiteConfig(settings.printed_url(), settings.site_name, settings.demo)
        catalog = load_catalog(data)
        kecamatan = catalog.register.find_kecamatan(options.kecamatan)
        for variant, limit in variants.items():
            brochure.VOLUME_PRODUCTS = limit
            sizes = [sum(len(u.products) for u in catalog.ukms if v.holds(u))
                     for v in brochure.volumes(catalog, kecamatan)]
            print(f"{variant}: {len(sizes)} PDF(s) of {sizes} products", flush=True)
        for variant, limit in variants.items():
            wall, cpu, mb = make(data, work / "cache", variant, limit, options.kecamatan, site)
            print(f"first, {variant}: {wall:.1f} s, CPU {cpu:.1f} s, {mb:.1f} MB made", flush=True)
        files = sorted((data / "products").glob("*.yml"))
        for number in range(options.rounds):
            change_one_price(files[(number * 7 + len(files) // 2) % len(files)])
            order = list(variants.items())[:: 1 if number % 2 == 0 else -1]
            for variant, limit in order:
                wall, cpu, mb = make(data, work / "cache", variant, limit, options.kecamatan, site)
                print(f"one price #{number + 1}, {variant}: {wall:.1f} s, CPU {cpu:.1f} s, {mb:.1f} MB made again",
                      flush=True)
        own, worker = peak_mb()
        print(f"peak RSS: this process {own:.0f} MB, largest layout worker {worker:.0f} MB")


if __name__ == "__main__":
    main()
