"""Small text helpers shared by the model, the register and the pages."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """Make a URL slug: ASCII lowercase words joined by hyphens."""
    # Hand-written rather than python-slugify: five lines, and the exact rule is part of
    # our stable URLs, so it must not change with a dependency upgrade.
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("&", " dan ").replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def suggest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """Return the choice closest to `word`, or None when nothing is close."""
    choices = list(choices)
    folded = {c.casefold(): c for c in choices}
    compact = {re.sub(r"[\s\-_.']", "", c.casefold()): c for c in choices}
    key = word.casefold().strip()
    if key in folded:
        return folded[key]
    squeezed = re.sub(r"[\s\-_.']", "", key)
    if squeezed in compact:
        return compact[squeezed]
    close = difflib.get_close_matches(squeezed, list(compact), n=1, cutoff=cutoff)
    return compact[close[0]] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ` maksud Anda "x"?` when a choice is close to `word`, else ''."""
    best = suggest(word, choices)
    return f'; maksud Anda "{best}"?' if best else ""
