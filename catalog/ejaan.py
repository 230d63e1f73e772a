"""Spelling variants that Indonesian shoppers type: `kripik` finds `keripik`, `sambel` finds `sambal`.

Both sides are normalised with the same table: product pages carry the normal forms of their
words for the search index, and the search box normalises the query (see theme/assets/cari.js,
which receives this table as JSON).
"""

from __future__ import annotations

import re
import unicodedata

# Old spelling (Ejaan Soewandi / van Ophuijsen) still seen on shop signs and family names.
OLD_SPELLING = [("dj", "j"), ("tj", "c"), ("oe", "u"), ("nj", "ny"), ("sj", "sy"), ("ch", "kh")]

# variant -> normal form (KBBI where it exists)
VARIANTS = {
    "kripik": "keripik", "kerpik": "keripik", "sambel": "sambal", "bathik": "batik", "krajinan": "kerajinan",
    "tempeh": "tempe", "peyek": "rempeyek", "telor": "telur", "kaus": "kaos", "coklat": "cokelat",
    "cemilan": "camilan", "kueh": "kue", "hem": "kemeja", "krupuk": "kerupuk", "sirop": "sirup",
    "ijo": "hijau", "meubel": "mebel", "furnitur": "mebel", "furniture": "mebel", "anyam": "anyaman",
    "jahitan": "jahit", "jajan": "jajanan", "oleh2": "oleh-oleh", "oleholeh": "oleh-oleh",
}


def normalise(word: str) -> str:
    """Return the normal form of one word."""
    word = unicodedata.normalize("NFKD", word.casefold()).encode("ascii", "ignore").decode()
    for old, new in OLD_SPELLING:
        word = word.replace(old, new)
    return VARIANTS.get(word, word)


def normal_text(text: str) -> str:
    """Return the normal forms of the words in `text` that differ from how they were written."""
    words = re.findall(r"[\w-]+", text)
    changed = [normalise(w) for w in words if normalise(w) != w.casefold()]
    return " ".join(dict.fromkeys(changed))


def table() -> dict:
    """The rules as data, for the browser."""
    return {"lama": OLD_SPELLING, "varian": VARIANTS}
