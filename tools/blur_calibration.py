#!/usr/bin/env python3
"""Measure the `laporan` sharpness of photos as they are and deliberately blurred, to set SHARPNESS_MIN.

Every photo is measured the way `laporan` measures it (catalog/report.py `measure_photo`), then again after a
Gaussian blur of 1, 1.5, 2 and 3 pixels at print size (the radius scaled to the photo), saved as a JPEG
like a phone would. The table shows the spread per blur and how many photos fall below the threshold.

    python tools/blur_calibration.py                 # the sample photos in images/
    python tools/blur_calibration.py FOLDER …        # other photos too, each folder reported apart
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PIL import ImageFilter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from catalog.photos.engine import decode  # noqa: E402  (run as a script from the repository)
from catalog.report import SHARPNESS_MIN, measure_photo, print_side  # noqa: E402

BLURS = (0.0, 1.0, 1.5, 2.0, 3.0)  # Gaussian radius in pixels of the printed photo
SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".heic", ".avif")


def measures(paths: list[Path], side: int, scratch: Path) -> dict[float, list[float]]:
    """Sharpness of each photo, as it is and blurred by each of BLURS."""
    found: dict[float, list[float]] = {blur: [] for blur in BLURS}
    for path in paths:
        found[0.0].append(measure_photo(path, path.name, side).sharpness)
        image = decode(path, path.name)
        scale = max(1.0, min(image.size) / side)  # a radius at print size is this many source pixels
        for blur in BLURS[1:]:
            copy = scratch / f"{path.stem}-{blur}.jpg"
            image.filter(ImageFilter.GaussianBlur(blur * scale)).save(copy, quality=90)
            found[blur].append(measure_photo(copy, copy.name, side).sharpness)
    return found


def table(name: str, found: dict[float, list[float]]) -> list[str]:
    lines = [f"{name}: {len(found[0.0])} photos; sharpness by blur (print pixels), threshold {SHARPNESS_MIN:.0f}",
             "| blur | min | 10 % | median | max | below threshold |", "|---:|---:|---:|---:|---:|---:|"]
    for blur, values in found.items():
        v = sorted(values)
        below = sum(x < SHARPNESS_MIN for x in v) / len(v)
        lines.append(
            f"| {blur:g} | {v[0]:.0f} | {v[len(v) // 10]:.0f} | {v[len(v) // 2]:.0f} | {v[-1]:.0f} | {below:.0%} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="more folders of photos (bawaan: hanya images/)")
    args = parser.parse_args(argv)
    side, box = print_side()
    print(f"print size: {side} px on the short side ({box:g} mm at 300 dpi)\n")
    sets = {"images/ (sample)": sorted(p for p in (ROOT / "images").rglob("*") if p.suffix.lower() in SUFFIXES)}
    sets.update({str(f): sorted(p for p in f.iterdir() if p.suffix.lower() in SUFFIXES) for f in args.folders})
    with tempfile.TemporaryDirectory() as scratch:
        for name, paths in sets.items():
            print("\n".join(table(name, measures(paths, side, Path(scratch)))))
            for path in paths if name != "images/ (sample)" else ():
                print(f"  {path.name}: {measure_photo(path, path.name, side).sharpness:.0f}")
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
