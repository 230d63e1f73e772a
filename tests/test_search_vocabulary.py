"""The vocabulary that typo correction reads, and the slip queries that benchmarks/search_recall.py makes."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from benchmarks import search_recall as recall
from catalog.read.load import load_catalog
from catalog.web import search
from test_build import ROOT

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT)


def test_front_coding_reads_back_every_word():
    words = ["batik", "batikan", "kerajinan", "kerajinanku", "kerajinannya", "kopi", "lanting", "sambal", "sambel"]
    text = search.front_code(words)
    assert text == "0batik5an0kerajinan9ku9nya1opi0lanting0sambal4el"  # shares at most 9 letters: one digit
    assert search.front_decode(text) == words
    assert search.front_code([]) == "" and search.front_decode("") == []


def test_vocabulary_holds_the_words_a_typo_may_mean():
    words = ["sambal", "kopi", "tas", "09ddx", "30s", "batik", "oleh2", "kemeja"]
    assert search.vocabulary(words) == ["batik", "kemeja", "kopi", "sambal"]  # no digits, 4 letters or more


def test_shipped_vocabulary_is_every_letter_word_of_the_index(catalog):
    files = search.files(catalog, lambda photo: "foto/kartu.webp")
    folder = f"cari/data/{json.loads(files['cari/data/entri.json'])['versi']}/"
    indexed = set()
    for name, text in files.items():
        if name.startswith(folder + "kata/"):
            indexed.update(json.loads(text))
    shipped = json.loads(files[folder + "kosakata.json"])
    known = search.front_decode(shipped)
    numbers = {p.number.casefold() for p in catalog.products}
    assert any(n.isalpha() for n in numbers) and numbers <= indexed  # codes of letters only, still searchable
    assert known == sorted(w for w in indexed - numbers if len(w) >= 4 and w.isalpha())  # but never a correction
    assert {"sambal", "barongan", "kemeja", "keripik"} <= set(known)
    offline = json.loads(files["cari/indeks.js"].removeprefix("window.RK_INDEKS=").removesuffix(";\n"))
    assert offline["kosakata"] == shipped


def test_edit_distance_counts_a_swap_of_neighbours_as_one_edit():
    cases = {
        ("kemjea", "kemeja"): 1,
        ("smbal", "sambal"): 1,
        ("barngan", "barongan"): 1,
        ("keripki", "keripik"): 1,
        ("sambal", "sambal"): 0,
        ("batik", "btaik"): 1,
        ("kopi", "kopix"): 1,
        ("ca", "abc"): 3,
        ("selendang", "slendangf"): 2,
        ("kerajinan", ""): 9,
    }
    for (a, b), expected in cases.items():
        assert recall.osa(a, b) == expected == recall.osa(b, a), (a, b)


def test_slip_queries_are_one_or_two_edits_of_a_name_word_and_repeatable(catalog):
    names = [p.data.nama for p in catalog.products]
    queries = recall.make_queries(names, random.Random(recall.SEED), 200, 200)
    assert queries == recall.make_queries(names, random.Random(recall.SEED), 200, 200)
    name_words = {w for n in names for w in recall.words_of(n)}
    one, two = queries["one"], queries["two"]
    assert len(one) == 200 and len(two) >= 40
    for q in one:
        assert q.word in name_words and len(q.text) >= 5 and recall.osa(q.text, q.word) == 1, q
    for q in two:
        assert q.word in name_words and len(q.text) >= 9 and recall.osa(q.text, q.word) == 2, q
    assert Counter(q.label for q in one) == {kind: 50 for kind in recall.KINDS}
    fronts = [q for q in one if q.front]
    assert len(fronts) == 100 and all(q.text[:3] != q.word[:3] for q in fronts)  # the word list file changes
    assert {q.text for q in queries["exact"]} >= name_words
    for q in queries["name"]:
        typed, meant = q.text.split(), q.meant.split()
        assert len(typed) == len(meant) and sum(a != b for a, b in zip(typed, meant, strict=True)) == 1
