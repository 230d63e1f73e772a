"""Catalogue numbers: short codes shown the same on the site, the brochure and the labels."""

from __future__ import annotations

import hashlib

# Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud at a booth is not misheard.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 5


def _code(key: str) -> str:
    value = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
    chars = []
    for _ in range(LENGTH):
        value, digit = divmod(value, 32)
        chars.append(ALPHABET[digit])
    return "".join(chars)


def assign(keys: list[str]) -> dict[str, str]:
    """Give each key (`ukm-slug/produk-slug`) a 5-character code from its own hash.

    A code depends only on its key, so adding or removing other products never changes it.
    In the rare clash (about 1 in 6,700 per new product at 5,000 products) the key that
    sorts first keeps the code and the other is rehashed with a counter.
    """
    taken: dict[str, str] = {}
    result: dict[str, str] = {}
    for key in sorted(keys):
        attempt, code = 0, _code(key)
        while code in taken:
            attempt += 1
            code = _code(f"{key}#{attempt}")
        taken[code] = key
        result[key] = code
    return result
