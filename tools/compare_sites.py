#!/usr/bin/env python3
"""Compare two built sites file by file: list files only in one, and files whose bytes differ.

Used when code is moved or split: build the sample before and after, then
`python tools/compare_sites.py site-before site-after` must print "identical".
"""

from __future__ import annotations

import argparse
import filecmp
import sys
from pathlib import Path


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def compare(before: Path, after: Path) -> list[str]:
    """Return one line per difference between the two folders."""
    old, new = files(before), files(after)
    lines = [f"only in {before}: {name}" for name in sorted(old - new)]
    lines += [f"only in {after}: {name}" for name in sorted(new - old)]
    lines += [f"differs: {name}" for name in sorted(old & new)
              if not filecmp.cmp(before / name, after / name, shallow=False)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    lines = compare(args.before, args.after)
    for line in lines:
        print(line)
    print(f"{len(files(args.before))} files: " + ("identical" if not lines else f"{len(lines)} differences"))
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
