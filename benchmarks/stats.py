"""Time the statistics page's figures and charts and the open-data CSVs for a catalogue of N UKMs × 5 products.

    python benchmarks/stats.py 1000    # 1,000 UKMs / 5,000 products (made in benchmarks/out/stats/, then deleted)

Prints the seconds of each step (best of 3) and the bytes of the charts and of both CSV files, raw and gzipped.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale import make_catalog  # noqa: E402
from catalog.read.load import load_catalog  # noqa: E402
from catalog.web import charts, opendata, stats  # noqa: E402
from catalog.web.svg_map import shaded_map  # noqa: E402


def best(step, repeat: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ukms", type=int)
    args = parser.parse_args()
    data = ROOT / "benchmarks" / "out" / "stats"
    make_catalog(data, args.ukms, photo_px=64)
    catalog = load_catalog(data)
    print(f"{len(catalog.ukms)} UKM, {len(catalog.products)} produk")
    seconds, figures = best(lambda: stats.figures(catalog))
    print(f"figures: {seconds * 1000:.1f} ms")
    seconds, drawn = best(lambda: charts.statistics_charts(figures))
    print(f"charts: {seconds * 1000:.1f} ms, {sum(len(svg) for svg in drawn.values()):,} bytes")
    seconds, svg = best(lambda: shaded_map(catalog, str, "Peta", "peta", lambda k: ("rk-map__area", k.name)))
    print(f"shaded map: {seconds * 1000:.1f} ms, {len(svg):,} bytes")
    seconds, files = best(lambda: opendata.files(catalog, "https://contoh.example/"))
    print(f"CSV files: {seconds * 1000:.1f} ms")
    for name, data_bytes in files.items():
        print(f"  {name}: {len(data_bytes):,} bytes, {len(gzip.compress(data_bytes, 9)):,} gzipped")
    shutil.rmtree(data)


if __name__ == "__main__":
    main()
