"""One price change, built with the build's garbage collection and with Python's default, alternately.

    python benchmarks/collector.py DATA [--out SITE] [--cache DIR] [--rounds 2]

DATA is a catalogue made by `scale.py N --keep` (or `--data`), its caches warm from a build before. Each round
changes one price and builds with the build's collector setting (`young_collections_only`: young generations only,
no full pass), then changes another price and builds with Python's default thresholds (full passes as usual); the
order swaps every round. Both run the same code, so both reuse the same caches. Prints the wall time, the stages,
the build process's peak and its process tree's peak for each; the YAML files are left as they were.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
import time
from pathlib import Path

import scale

ROOT = Path(__file__).resolve().parent.parent


def run_build(mode: str, args: list[str]) -> None:
    """In the child process: build with `mode` ("young": as the build does; "default": Python's thresholds)."""
    sys.path.insert(0, str(ROOT))
    from catalog import build, cli

    if mode == "default":
        build.young_collections_only = contextlib.nullcontext  # type: ignore[assignment]
    code = cli.main(["build", *args])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)  # as build_catalog.py ends


def change_price(data: Path, round_number: int, mode: str) -> None:
    """Change one price (`scale.change_one_price`) in a different UKM file for each round and mode."""
    files = sorted((data / "products").glob("*.yml"))
    scale.change_one_price(files[(round_number * 2 + (mode == "young")) * 7 % len(files)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path, help="a catalogue with warm caches")
    parser.add_argument("--out", type=Path, help="its site (default: site/ beside the data folder)")
    parser.add_argument("--cache", type=Path, help="its cache folder (default: <data>/.cache/)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--pause", type=float, default=30.0,
                        help="seconds to wait before each build: the site it replaced is deleted in the background")
    options = parser.parse_args()
    data = options.data.resolve()
    args = ["--data", str(data), "--out", str((options.out or data.parent / "site").resolve())]
    if options.cache:
        args += ["--cache", str(options.cache.resolve())]
    products = sum(len(re.findall(r"^\s*- nama:", p.read_text(encoding="utf-8"), re.M))
                   for p in (data / "products").glob("*.yml"))
    before = {p: p.read_bytes() for p in (data / "products").glob("*.yml")}
    try:
        for round_number in range(options.rounds):
            for mode in ("young", "default") if round_number % 2 == 0 else ("default", "young"):
                time.sleep(options.pause)
                change_price(data, round_number, mode)
                seconds, rss, out, tree = scale.run_measured([sys.executable, __file__, "--child", mode, *args])
                stages = next((line for line in out.splitlines() if line.startswith("Waktu")), "")
                print(f"round {round_number + 1}, collector {mode}: {seconds:.1f} s "
                      f"({seconds / max(products, 1) * 1000:.3f} ms per product), process {rss:.0f} MB, "
                      f"process tree {tree:.0f} MB | {stages}", flush=True)
    finally:
        for path, content in before.items():
            path.write_bytes(content)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        run_build(sys.argv[2], sys.argv[3:])
    else:
        main()
