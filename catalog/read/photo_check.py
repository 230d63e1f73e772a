"""Decode every photo once, so `check` finds what only decoding shows: a cut-off file, bytes that are no photo.

A photo that decoded is remembered by the SHA-256 of its bytes in `<data>/.cache/`, so a later run
hashes it but does not decode it again, and a photo with new bytes is decoded afresh.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PIL import ImageFile

from catalog import cache
from catalog.photos.engine import PhotoRefused, decode

MEMO_NAME = "foto-utuh"
# Any fraction up to 1/8 gets libjpeg's smallest DCT scale: every byte of a JPEG is still read, so a
# cut-off file still fails, at a small part of a full decode's cost. Other formats decode whole.
_DECODE_SCALE = 1 / 8


def check_photos(data_dir: Path, photos: list[tuple[Path, str]], keep: Iterable[str] = (),
                 remember: bool = True) -> list[tuple[str, str | None]]:
    """Return the content digest of each (path, name as typed) and the owner's message if it is broken."""
    names = dict(photos)  # one name per path: the path is made of the name
    digests = {path: _digest(path) for path in names}

    def verify(todo: list[Path]) -> dict[Path, str]:
        return _decode_all({path: names[path] for path in todo})

    # `keep`: digests of photos unchanged since an earlier run (their UKM came from the cache, unread).
    refused = _verify_once(data_dir, digests, keep, verify) if remember else verify(list(names))
    return [(digests[path], refused.get(path)) for path, _name in photos]


def _decode_all(names: dict[Path, str]) -> dict[Path, str]:
    """Decode every photo; return the owner's message for each that is broken."""
    with _cut_off_refused():
        if len(names) > 1:  # decoding releases the GIL: threads use every core without pickling images
            with concurrent.futures.ThreadPoolExecutor(min(len(names), os.cpu_count() or 1)) as pool:
                refusals = list(pool.map(_refusal, names, names.values()))
        else:
            refusals = [_refusal(path, name) for path, name in names.items()]
    return {path: message for path, message in zip(names, refusals, strict=True) if message is not None}


@contextmanager
def _cut_off_refused() -> Iterator[None]:
    """Refuse cut-off photos, as the photo engine means to, even after WeasyPrint told Pillow to load them."""
    # WeasyPrint sets this process-wide flag when the brochure first imports it: a later check in the
    # same process (`serve`, the tests) would pass a truncated photo.
    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _verify_once(data_dir: Path, digests: dict[Path, str], keep: Iterable[str],
                 verify: Callable[[list[Path]], dict[Path, str]]) -> dict[Path, str]:
    """Verify only photos whose bytes were not verified before, and remember those that pass."""
    memo = cache.Store(data_dir, MEMO_NAME)
    for digest in keep:
        memo.get(digest)
    todo = [path for path, digest in digests.items() if not memo.get(digest)]
    refused = verify(todo)
    for path in todo:
        if path not in refused:
            memo.put(digests[path], True)
    memo.save()
    return refused


def _digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _refusal(path: Path, name: str) -> str | None:
    try:
        decode(path, name, _DECODE_SCALE).close()
    except PhotoRefused as exc:
        return str(exc)
    return None

