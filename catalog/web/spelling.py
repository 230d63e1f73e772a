"""Spelling variants that Indonesian shoppers type: `kripik` finds `keripik`, `sambel` finds `sambal`.

Both sides are normalised with the same table: the search index holds every word as written and in
its normal form (catalog/search.py), and the search box normalises the query (theme/assets/cari.js,
which receives this table as JSON).
"""

from __future__ import annotations

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


def fold(word: str) -> str:
    """Return `word` in lower case without accents (`Kué` → `kue`), as the search compares words."""
    return unicodedata.normalize("NFKD", word.casefold()).encode("ascii", "ignore").decode()


def normalise(word: str) -> str:
    """Return the normal form of one word."""
    word = fold(word)
    for old, new in OLD_SPELLING:
        word = word.replace(old, new)
    return VARIANTS.get(word, word)


def table() -> dict:
    """The rules as data, for the browser."""
    return {"lama": OLD_SPELLING, "varian": VARIANTS}
