"""Search data: a static index split so that a phone fetches only what one query needs.

Online, `/cari/` reads `cari/data/entri.json` (never cached: it names the current version), then from
`cari/data/<version>/` the word lists of the query's words (`kata/<first 3 letters>.json`) and one small
card per result shown (`produk/<id>.json`); the facets (`saring.json`) and sort keys (`urut.json`) only
when a shopper filters or sorts; the vocabulary (`kosakata.json`) only when a query word of five letters
or more is no word of the index: it then also finds the index words one edit away (two from nine letters).
A version's files never change, so a phone never mixes two builds.
Offline (file://, where a page cannot fetch files) the same data comes as one script, `cari/indeks.js`.

Words are compared in lower-case ASCII, each indexed as written and in normal spelling (catalog/web/spelling.py);
the browser matches a query word of three letters or more as the start of a word (theme/assets/cari.js).
Why typos are corrected from one vocabulary file scanned in the browser: docs/kinerja.md.
Products are numbered in name order, so "Nama (A-Z)" needs no data and ids stay small.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from catalog import cache as memo
from catalog.core import Catalog, Photo, Product
from catalog.fmt import harga_min, harga_text
from catalog.read.model import CATEGORIES, STOCK
from catalog.web import spelling as ejaan

PRICE_BANDS = [(50_000, "di bawah Rp50.000"), (200_000, "Rp50.000–Rp199.999"), (1_000_000, "Rp200.000–Rp999.999"),
               (None, "Rp1.000.000 ke atas")]
FACETS = {"kategori": "Kategori", "kecamatan": "Kecamatan", "desa": "Desa/kelurahan", "harga": "Harga",
          "halal": "Halal", "stok": "Stok"}
DATA_DIR = "cari/data"
OFFLINE_INDEX = "cari/indeks.js"
SHARD = 3  # a word list file holds the words that start with the same 3 letters
TOKEN = re.compile(r"[a-z0-9]+")
# Indonesian verb and maker prefixes: "dibatik", "membatik" and "pembatik" are also indexed as "batik". Before a
# vowel a nasal prefix stands for a dropped first letter too: "menulis" is also "tulis", "pemotong" "potong".
# Short prefixes that start many plain words (ke-, se-, be-, pe-, me-) are left alone: "kemeja" is no "meja".
PREFIXES = ("memper", "diper", "meng", "meny", "peng", "peny", "mem", "men", "pem", "pen", "ber", "ter", "per", "di")
NASAL = {"meng": "k", "meny": "s", "peng": "k", "peny": "s", "mem": "p", "men": "t", "pem": "p", "pen": "t"}
MIN_ROOT = 4
# cari.js corrects query words of 5 letters or more by one edit: the word meant may be one letter shorter.
VOCABULARY_MIN = 4
SHARED_MAX = 9  # front coding writes the start a word shares with the one before as one digit


def price_band(amount: int) -> str:
    return next(label for limit, label in PRICE_BANDS if limit is None or amount < limit)


def facets(product: Product) -> dict[str, str]:
    """The filter values of one product (the words the filter menus show)."""
    ukm = product.ukm
    halal = bool(ukm.data.legalitas and ukm.data.legalitas.halal)
    return {"kategori": CATEGORIES[product.data.kategori], "kecamatan": ukm.kecamatan.name,
            "desa": f"{ukm.desa.name} ({ukm.kecamatan.name})", "harga": price_band(harga_min(product.data.harga)),
            "halal": "Bersertifikat halal" if halal else "Belum/tanpa sertifikat", "stok": STOCK[product.data.stok]}


def roots(token: str) -> set[str]:
    """Return what `token` may be without a verb or maker prefix (see PREFIXES)."""
    prefix = next((p for p in PREFIXES if token.startswith(p)), None)
    if prefix is None:
        return set()
    rest = token[len(prefix):]
    found = {rest}
    if prefix in NASAL and rest[:1] in ("a", "e", "i", "o", "u"):
        found.add(NASAL[prefix] + rest)
    return {r for r in found if len(r) >= MIN_ROOT}


def tokens(text: str) -> set[str]:
    """Return the searchable words of `text`: as written, in normal spelling and without a prefix, lower-case ASCII."""
    found: set[str] = set()
    for word in re.findall(r"[\w-]+", text):
        found |= _word_tokens(word)
    return found


@cache
def _word_tokens(word: str) -> frozenset[str]:
    # Once per word and process: a catalogue says the same words again and again, and indexing every product
    # anew is part of every build that changes one price.
    found = set(TOKEN.findall(ejaan.fold(word))) | set(TOKEN.findall(ejaan.normalise(word)))
    return frozenset(found.union(*(roots(t) for t in found)))


def shard_key(token: str) -> str:
    return token[:SHARD]


def vocabulary(words) -> list[str]:
    """Return the words a typo may be corrected to: those of `words` of letters only and 4 letters or more, sorted."""
    # Words with a digit (sizes, "oleh2") are left out, as build_index leaves out catalogue numbers: a slip in a
    # code should find nothing, not the next code.
    return sorted(w for w in words if len(w) >= VOCABULARY_MIN and w.isalpha() and w.isascii())


def front_code(words: list[str]) -> str:
    """Write sorted words as one string: for each, how many first letters it shares with the word before (one
    digit), then the rest of it."""
    out, previous = [], ""
    for word in words:
        shared = 0
        while shared < min(SHARED_MAX, len(word), len(previous)) and word[shared] == previous[shared]:
            shared += 1
        out.append(f"{shared}{word[shared:]}")
        previous = word
    return "".join(out)


def front_decode(text: str) -> list[str]:
    """Read the words of front_code back (as cari.js does)."""
    words, previous = [], ""
    for shared, rest in re.findall(r"([0-9])([a-z]*)", text):
        previous = previous[:int(shared)] + rest
        words.append(previous)
    return words


def _gaps(ids: list[int], flagged: set[int] = frozenset()) -> list[int]:
    """Encode sorted ids as the gaps between them (the first counted from -1); negative marks a flagged id."""
    out, previous = [], -1
    for i in ids:
        out.append(-(i - previous) if i in flagged else i - previous)
        previous = i
    return out


@dataclass(frozen=True)
class SearchIndex:
    """Everything the search page needs, with products numbered 0… in name order."""

    cards: list[dict]  # what a result card shows, by id
    words: dict[str, list[int]]  # word -> gap-coded ids; negative: the word is in the product's name
    facets: dict[str, dict[str, list[int]]]  # facet -> value -> gap-coded ids
    sorts: dict[str, list[int]]  # sort key -> value per id ("nama" is the id order itself)
    rules: dict  # spelling rules, for the query
    vocabulary: str  # the words a typo may mean (see vocabulary), front-coded

    @property
    def version(self) -> str:
        """A digest of the whole index: the folder name of its online files."""
        text = json.dumps(
            [self.cards, self.words, self.facets, self.sorts, self.rules, self.vocabulary],
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        return hashlib.sha256(text.encode()).hexdigest()[:12]


def build_index(catalog: Catalog, card_url: Callable[[Photo], str]) -> SearchIndex:
    """Index every product: its card, its words (name, UKM, place, category, description…), facets, sort keys."""
    products = sorted(catalog.products, key=lambda p: (p.data.nama.casefold(), p.key))
    cards, in_name, anywhere, spoken = [], {}, {}, set()
    by_facet: dict[str, dict[str, list[int]]] = {key: {} for key in FACETS}
    for i, p in enumerate(products):
        d, ukm = p.data, p.ukm
        cards.append(
            {
                "url": p.url,
                "nama": d.nama,
                "harga": harga_text(d.harga),
                "ukm": ukm.data.nama,
                "desa": ukm.desa.name,
                "gambar": card_url(p.photos[0]) if p.photos else None,
                "stok": d.stok,
            }
        )
        text = " ".join(
            x
            for x in (
                d.nama,
                ukm.data.nama,
                ukm.desa.name,
                ukm.kecamatan.name,
                CATEGORIES[d.kategori],
                d.deskripsi,
                d.bahan,
                d.motif,
                d.teknik,
                d.warna,
            )
            if x
        )
        title, said = tokens(d.nama), tokens(text)
        spoken.update(said)
        for token in said | tokens(p.number):
            anywhere.setdefault(token, []).append(i)
            if token in title:
                in_name.setdefault(token, set()).add(i)
        for key, value in facets(p).items():
            by_facet[key].setdefault(value, []).append(i)
    words = {t: _gaps(ids, in_name.get(t, set())) for t, ids in sorted(anywhere.items())}
    facet_ids = {key: {v: _gaps(ids) for v, ids in sorted(values.items())} for key, values in by_facet.items()}
    sorts = {
        "harga": [harga_min(p.data.harga) for p in products],
        "baru": [int(p.added.strftime("%Y%m%d")) if p.added else 0 for p in products],
    }
    return SearchIndex(cards, words, facet_ids, sorts, ejaan.table(), front_code(vocabulary(spoken)))


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def files(catalog: Catalog, card_url: Callable[[Photo], str], remember: bool = False) -> dict[str, str]:
    """Return every search file as {dest_uri: text}: the online index and the offline script.

    `remember`: reuse the files of the last build from `.cache/cari.pickle` when every UKM file, catalogue
    number and card photo is the same (and the code: memo.CODE).
    """
    if not remember or not all(u.digest for u in catalog.ukms):
        return _files(catalog, card_url)
    kept = memo.Store(catalog.data_dir, "cari")
    key = memo.key(
        [(u.slug, u.digest) for u in catalog.ukms], [(p.number, card_url(p.photos[0])) for p in catalog.products]
    )
    made = kept.get_or_make(key, lambda: _files(catalog, card_url))
    kept.save()
    return made


def _files(catalog: Catalog, card_url: Callable[[Photo], str]) -> dict[str, str]:
    index = build_index(catalog, card_url)
    folder = f"{DATA_DIR}/{index.version}"
    out = {
        f"{DATA_DIR}/entri.json": _json({"versi": index.version, "jumlah": len(index.cards), "ejaan": index.rules}),
        f"{folder}/saring.json": _json(index.facets),
        f"{folder}/urut.json": _json(index.sorts),
    }
    for i, card in enumerate(index.cards):
        out[f"{folder}/produk/{i}.json"] = _json(card)
    shards: dict[str, dict[str, list[int]]] = {}
    for token, ids in index.words.items():
        shards.setdefault(shard_key(token), {})[token] = ids
    for key, words in shards.items():
        out[f"{folder}/kata/{key}.json"] = _json(words)
    out[f"{folder}/kosakata.json"] = _json(index.vocabulary)
    offline = {
        "jumlah": len(index.cards),
        "ejaan": index.rules,
        "produk": index.cards,
        "kata": index.words,
        "kosakata": index.vocabulary,
        "saring": index.facets,
        "urut": index.sorts,
    }
    script = _json(offline).replace("<", "\\u003c")  # no "</script>" inside a script
    out[OFFLINE_INDEX] = f"window.RK_INDEKS={script};\n"
    return dict(sorted(out.items()))
