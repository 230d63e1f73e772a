"""Recall of the search for typed slips: queries made from product names, run by the shipped cari.js in Chromium.

    python benchmarks/search_recall.py                  # the sample catalogue of this repository
    python benchmarks/search_recall.py 1000             # 1,000 generated UKMs × 5 products (benchmarks/scale.py)
    python benchmarks/search_recall.py 1000 --lexicon 20000 --reuse   # plus descriptions from 20,000 made-up words

Builds the site (`build_catalog.py build --no-brochure`) under benchmarks/out/, serves it on 127.0.0.1, opens
`/cari/` in Debian's chromium and runs every query through the page's own search engine (the `rkEngine` of
`#rk-cari`, theme/assets/cari.js), so the recall measured is the shipped code's. Queries, from a seeded RNG:

- exact: every word of the product names, and whole names; their results must be those of cari.js before typo
  correction (commit BEFORE, served in its place by route interception), in the same order;
- one slip: a name word of 5+ letters with one edit of each kind in turn (a letter dropped, added, changed, two
  neighbours swapped), every other one inside the first three letters (where it changes the word-list file);
  a slip that would leave fewer than 5 letters is drawn again, since shorter words stay exact by design;
- two slips: a name word of 9+ letters with two edits, 9+ letters left and two edits apart;
- a whole name with one slip in one of its words.

A slip query is found when its results hold every result of the word meant. Also printed: the vocabulary's weight,
what a SymSpell-style deletion index of it would weigh, and the bytes a 412 px phone transfers for a first search
result, exact and with a slip (scale.page_weight).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scale import make_catalog, measured_build, page_weight  # noqa: E402
from catalog.read.load import load_catalog  # noqa: E402
from catalog.web import search  # noqa: E402
from catalog.web.spelling import fold  # noqa: E402

BEFORE = "ad3cb2d"  # the last commit whose cari.js had no typo correction
KINDS = ("hapus", "sisip", "ganti", "tukar")  # a letter dropped, added, changed; two neighbours swapped
LETTERS = "abcdefghijklmnopqrstuvwxyz"
FIX_MIN, FIX_TWO = 5, 9  # as theme/assets/cari.js
SEED = 13


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein where a swapped pair is not edited again)."""
    before, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i]
        for j in range(1, len(b) + 1):
            d = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d = min(d, before[j - 2] + 1)
            row.append(d)
        before, prev = prev, row
    return prev[-1]


def slip(word: str, kind: str, rng: random.Random, front: bool) -> str | None:
    """Apply one edit of `kind` to `word` at a random place (inside its first three letters when `front`)."""
    n = len(word)
    if kind == "hapus":
        at = rng.randrange(min(3, n) if front else n)
        return word[:at] + word[at + 1 :]
    if kind == "sisip":
        at = rng.randrange(min(3, n + 1) if front else n + 1)
        return word[:at] + rng.choice(LETTERS) + word[at:]
    if kind == "ganti":
        at = rng.randrange(min(3, n) if front else n)
        return word[:at] + rng.choice(LETTERS.replace(word[at], "")) + word[at + 1 :]
    at = rng.randrange(min(2, n - 1) if front else n - 1)
    if word[at] == word[at + 1]:
        return None  # swapping two equal letters changes nothing
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


@dataclass(frozen=True)
class Query:
    text: str  # what the shopper types
    meant: str  # the query without the slip
    word: str  # the word meant (the whole query for exact ones)
    label: str  # the edit kinds, "+"-joined; "" for an exact query
    front: bool = False  # an edit inside the first three letters


def words_of(text: str) -> list[str]:
    """The query words of `text`, as cari.js splits them (before its spelling rules)."""
    return re.findall(r"[a-z0-9]+", fold(text))


def typo(word: str, edits: int, rng: random.Random, index: int) -> tuple[str, str, bool] | None:
    """`word` with `edits` edits (kinds in turn by `index`), every other query's first edit in the first letters."""
    kinds = [KINDS[(index + k) % len(KINDS)] for k in range(edits)]
    front = index % 2 == 0
    text = word
    for k, kind in enumerate(kinds):
        text = slip(text, kind, rng, front and k == 0)
        if text is None:
            return None
    shortest = FIX_TWO if edits == 2 else FIX_MIN
    if len(text) < shortest or osa(word, text) != edits:
        return None
    return text, "+".join(kinds), front


def draw(pool: list[str], edits: int, rng: random.Random, index: int) -> tuple[str, str, str, bool] | None:
    """A word of `pool` with `edits` edits of the kinds for `index`.

    Returns (slip, word, kinds, front), or None if no word takes them.
    """
    for _ in range(50):
        word = rng.choice(pool)
        got = typo(word, edits, rng, index)
        if got:
            return got[0], word, got[1], got[2]
    return None  # e.g. no word of 10+ letters to drop a letter from and keep 9


def make_queries(names: list[str], rng: random.Random, count: int, whole_names: int) -> dict[str, list[Query]]:
    """Exact, one-slip, two-slip and whole-name-with-a-slip queries from product names (deterministic for `rng`)."""
    name_words = sorted({w for name in names for w in words_of(name)})
    exact_names = sorted(set(rng.sample(sorted(set(names)), min(whole_names, len(set(names))))))
    queries: dict[str, list[Query]] = {
        "exact": [Query(w, w, w, "") for w in name_words] + [Query(n, n, n, "") for n in exact_names]
    }
    for key, edits, shortest, wanted in (("one", 1, FIX_MIN, count), ("two", 2, FIX_TWO, count // 3)):
        pool = [w for w in name_words if len(w) >= shortest and w.isalpha()]
        made: list[Query] = []
        for index in range(4 * wanted if pool else 0):
            got = draw(pool, edits, rng, index)
            if got:
                made.append(Query(got[0], got[1], got[1], got[2], got[3]))
            if len(made) == wanted:
                break
        queries[key] = made
    named = [words_of(n) for n in sorted(set(names))]
    named = [n for n in named if any(len(w) >= FIX_MIN and w.isalpha() for w in n)]
    made = []
    for index in range(4 * (count // 3) if named else 0):
        parts = rng.choice(named)
        at = rng.choice([i for i, w in enumerate(parts) if len(w) >= FIX_MIN and w.isalpha()])
        got = draw([parts[at]], 1, rng, index)
        if got:
            made.append(
                Query(" ".join(parts[:at] + [got[0]] + parts[at + 1 :]), " ".join(parts), got[1], got[2], got[3])
            )
        if len(made) == count // 3:
            break
    queries["name"] = made
    return queries


RUN = """async (queries) => {
  const engine = document.getElementById("rk-cari").rkEngine, out = [];
  for (const q of queries) {
    const started = performance.now();
    const r = await engine.search(q, {}, "");
    const ms = performance.now() - started;
    const cards = await Promise.all(Array.from({ length: r.total }, (_, i) => r.load(i)));
    out.push({ urls: cards.map(c => c.url), corrected: r.corrected || null, ms: ms });
  }
  return out;
}"""


def old_script() -> str:
    """cari.js of commit BEFORE, with the one line that hands its engine to this benchmark."""
    text = subprocess.run(
        ["git", "show", f"{BEFORE}:theme/assets/cari.js"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    anchor = "engine = makeEngine(index);"
    assert text.count(anchor) == 1, "cari.js of BEFORE changed shape"
    return text.replace(anchor, anchor + " root.rkEngine = engine;")


def run_queries(browser, base: str, texts: list[str], script: str | None = None) -> dict[str, dict]:
    """Run `texts` through cari.js on the served site (the old one when `script` is given); result per text."""
    page = browser.new_page()
    if script is not None:
        page.route("**/assets/cari.js", lambda route: route.fulfill(body=script, content_type="text/javascript"))
    page.goto(base + "cari/")
    page.wait_for_selector("#rk-cari[data-engine]", state="attached")
    page.wait_for_function("document.getElementById('rk-cari').rkEngine !== undefined")
    out = {}
    unique = sorted(set(texts))
    for start in range(0, len(unique), 40):
        chunk = unique[start : start + 40]
        out.update(zip(chunk, page.evaluate(RUN, chunk), strict=True))
    page.close()
    return out


def served(site: Path):
    """Serve `site` on 127.0.0.1; return (base URL, server)."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} % ({part}/{whole})" if whole else "n/a (0 queries)"


def report_slips(title: str, queries: list[Query], got: dict[str, dict]) -> list[str]:
    """Print recall for slip queries (overall, per edit kind, first letters or not); return the misses."""
    found = [q for q in queries if set(got[q.meant]["urls"]) <= set(got[q.text]["urls"])]
    same = [q for q in queries if set(got[q.meant]["urls"]) == set(got[q.text]["urls"])]
    shown = [q for q in queries if q.word in (got[q.text]["corrected"] or "").split()]
    print(
        f"{title}: recall {percent(len(found), len(queries))}; same results as the word meant "
        f"{percent(len(same), len(queries))}; the word meant shown as the correction "
        f"{percent(len(shown), len(queries))}"
    )
    extra = [len(set(got[q.text]["urls"]) - set(got[q.meant]["urls"])) for q in found]
    if extra:
        print(f"  extra results beside those of the word meant: mean {statistics.mean(extra):.1f}, max {max(extra)}")
    for label in sorted({q.label for q in queries}):
        part = [q for q in queries if q.label == label]
        print(f"  {label}: {percent(sum(q in found for q in part), len(part))}")
    for front, where in ((True, "first three letters"), (False, "anywhere")):
        part = [q for q in queries if q.front == front]
        print(f"  edit {where}: {percent(sum(q in found for q in part), len(part))}")
    missed = [
        f"{q.text!r} (meant {q.meant!r}, {q.label}) -> {len(got[q.text]['urls'])} results, "
        f"read as {got[q.text]['corrected']!r}"
        for q in queries
        if q not in found
    ]
    for line in missed[:8]:
        print("  missed:", line)
    return missed


def deletion_index_bytes(words: list[str], edits: int) -> tuple[int, int]:
    """Keys and gzip bytes of a SymSpell-style index of `words`: every deletion of up to `edits` letters -> words."""
    keys: dict[str, set[str]] = {}
    for word in words:
        level = {word}
        for _ in range(edits):
            level = {w[:i] + w[i + 1 :] for w in level for i in range(len(w))}
            for key in level:
                keys.setdefault(key, set()).add(word)
    text = json.dumps({k: sorted(v) for k, v in sorted(keys.items())}, separators=(",", ":"))
    return len(keys), len(gzip.compress(text.encode()))


def add_descriptions(data: Path, size: int, rng: random.Random) -> None:
    """Give every generated product a description of 12 words drawn from `size` made-up Indonesian-like words."""
    syllables = [
        c + v
        for c in ("", "b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "ng", "ny", "p", "r", "s", "t", "w", "y")
        for v in "aeiou"
    ]
    lexicon: set[str] = set()
    while len(lexicon) < size:
        lexicon.add("".join(rng.choice(syllables) for _ in range(rng.choice((2, 3, 3, 4)))))
    ordered = sorted(lexicon)
    for path in sorted((data / "products").glob("*.yml")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            out.append(line)
            if line.startswith("    kategori:"):
                out.append("    deskripsi: " + " ".join(rng.choice(ordered) for _ in range(12)))
        path.write_text("\n".join(out) + "\n", encoding="utf-8")


def prepare(n_ukm: int, lexicon: int, reuse: bool) -> tuple[Path, Path]:
    """Make (or reuse) the data and build the site; return (data folder, site folder)."""
    if not n_ukm:
        work = ROOT / "benchmarks" / "out" / "recall-contoh"
        data = ROOT
    else:
        work = ROOT / "benchmarks" / "out" / (f"recall-{n_ukm}" + (f"-kata{lexicon}" if lexicon else ""))
        data = work / "data"
        if not (reuse and (data / "products").is_dir()):
            make_catalog(data, n_ukm)
            if lexicon:
                add_descriptions(data, lexicon, random.Random(SEED))
            plain = ROOT / "benchmarks" / "out" / f"recall-{n_ukm}" / "data" / ".cache"
            if lexicon and plain.is_dir():  # the same photos: their published files are already made there
                shutil.copytree(plain, data / ".cache", copy_function=os.link, dirs_exist_ok=True)
    site = work / "site"
    seconds, _, _, _ = measured_build(data, site, ("--no-brochure",))
    print(f"built {site} in {seconds:.1f} s")
    return data, site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("n", type=int, nargs="?", default=0, help="generated UKMs (5 products each); 0: the sample")
    parser.add_argument("--lexicon", type=int, default=0, help="add descriptions drawn from this many made-up words")
    parser.add_argument("--queries", type=int, default=300, help="one-slip queries (two-slip and name: a third)")
    parser.add_argument("--reuse", action="store_true", help="reuse the data generated by an earlier run")
    parser.add_argument("--keep", action="store_true", help="keep benchmarks/out/ afterwards")
    args = parser.parse_args()
    if args.n == 0 and args.lexicon:
        parser.error("--lexicon only with generated data")
    data, site = prepare(args.n, args.lexicon, args.reuse)
    catalog = load_catalog(data, remember=False)
    names = [p.data.nama for p in catalog.products]
    queries = make_queries(names, random.Random(SEED), args.queries, whole_names=args.queries)
    measure(site, queries, len(names))
    if not args.keep:
        shutil.rmtree(site.parent)


def measure(site: Path, queries: dict[str, list[Query]], products: int) -> None:
    """Run the queries with cari.js now and before, print recall, vocabulary and transfer figures."""
    from playwright.sync_api import sync_playwright

    entry = json.loads((site / search.DATA_DIR / "entri.json").read_text(encoding="utf-8"))
    vocabulary_file = site / search.DATA_DIR / entry["versi"] / "kosakata.json"
    known = search.front_decode(json.loads(vocabulary_file.read_text(encoding="utf-8")))
    raw = vocabulary_file.read_bytes()
    print(
        f"{products} products; vocabulary: {len(known)} words, {len(raw) / 1024:.1f} KB, "
        f"{len(gzip.compress(raw)) / 1024:.1f} KB gzip (plain list: "
        f"{len(gzip.compress(chr(10).join(known).encode())) / 1024:.1f} KB gzip)"
    )
    for edits in (1, 2):
        keys, size = deletion_index_bytes(known, edits)
        print(
            f"  a SymSpell-style deletion index (up to {edits} deletion{'s' * (edits > 1)}) would be {keys} keys, "
            f"{size / 1024:.1f} KB gzip"
        )
    base, server = served(site)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        texts = [q.text for qs in queries.values() for q in qs] + [q.meant for qs in queries.values() for q in qs]
        got = run_queries(browser, base, texts)
        exact = [q.text for q in queries["exact"]]
        before = run_queries(browser, base, exact, old_script())
        same_set = sum(set(got[t]["urls"]) == set(before[t]["urls"]) for t in exact)
        same_order = sum(got[t]["urls"] == before[t]["urls"] for t in exact)
        corrected = sum(got[t]["corrected"] is not None for t in exact)
        names = sum(q.label == "" and " " in q.text for q in queries["exact"])
        print(
            f"exact queries ({len(exact) - names} name words, {names} whole names): results as with cari.js of "
            f"{BEFORE} {percent(same_set, len(exact))}, in the same order {percent(same_order, len(exact))}; "
            f"corrected although exact: {corrected}"
        )
        report_slips("one slip, words of 5+ letters", queries["one"], got)
        report_slips("two slips, words of 9+ letters", queries["two"], got)
        report_slips("whole name with one slip", queries["name"], got)
        slips = [got[q.text]["ms"] for key in ("one", "two", "name") for q in queries[key]]
        if slips:
            print(
                f"time per slip query in the page (fetches from cache after the first): median "
                f"{statistics.median(slips):.1f} ms, max {max(slips):.1f} ms"
            )
        for path in ("cari/?q=batik", "cari/?q=btaik"):
            raw_bytes, sent, parts = page_weight(browser, base + path, ".rk-cari__hasil li")
            print(
                f"first search result {path}: {sent / 1024:.1f} KB with gzip on text "
                f"({raw_bytes / 1024:.0f} KB raw); search files "
                f"{sum(n for n, u in parts if '/cari/data/' in u) / 1024:.1f} KB"
            )
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
