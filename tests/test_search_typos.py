"""Real Chromium on the built sample: a query word with a slip finds what the word meant finds, online and offline."""

from __future__ import annotations

import random
import subprocess
import sys
import zipfile

import pytest

from benchmarks import search_recall as recall
from test_build import ROOT
from test_search import all_results, catalog, open_search, results  # noqa: F401 (catalog: a fixture)

pytestmark = pytest.mark.browser

SLIPS = {"smbal": "sambal", "barngan": "barongan", "kemjea": "kemeja", "keripki": "keripik"}


@pytest.fixture(scope="module")
def base(sample_site, serve):
    return serve(sample_site)


def fetched(page) -> list[str]:
    """Record the URLs `page` requests from now on."""
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    return urls


@pytest.mark.parametrize("slip", SLIPS)
def test_a_slip_finds_what_the_word_meant_finds(browser, base, slip):
    meant = SLIPS[slip]
    page = open_search(browser, base, meant)
    expected = all_results(page)
    assert expected and page.locator(".rk-cari__status em").count() == 0
    page = open_search(browser, base, slip)
    assert all_results(page) == expected  # the same products in the same order
    assert page.inner_text(".rk-cari__status em") == meant
    assert page.inner_text(".rk-cari__status").startswith(f"Menampilkan hasil untuk {meant}: {len(expected)} produk")


def test_a_slip_in_a_longer_query_and_the_query_shown_as_text(browser, base):
    expected = all_results(open_search(browser, base, "batik+kemeja"))
    page = open_search(browser, base, "batik+%3Ckemjea%3E")  # batik <kemjea>
    assert expected and all_results(page) == expected
    assert page.inner_text(".rk-cari__status em") == "batik kemeja"
    status = page.inner_html(".rk-cari__status")
    assert "“batik &lt;kemjea&gt;”" in status and status.count("<") == 2  # <em> and </em>: the query is text


def test_own_results_rank_before_those_of_a_corrected_word(browser, base):
    """`atakan` is no word, but words start with its stem `ata`: those come first, then those of `tatakan`."""
    own = all_results(open_search(browser, base, "ata"))
    tatakan = all_results(open_search(browser, base, "tatakan"))
    assert own and set(tatakan) - set(own)
    page = open_search(browser, base, "atakan")
    assert all_results(page) == own + [u for u in tatakan if u not in own]
    assert (
        page.inner_text(".rk-cari__status") == f"Menampilkan {len(set(own) | set(tatakan))} produk untuk “atakan”, "
        "termasuk hasil untuk tatakan"
    )


def test_short_words_stay_exact_and_exact_words_fetch_no_vocabulary(browser, base):
    for query, found in (("batk", 0), ("kpoi", 0), ("kopi", None), ("batik", None)):
        page = browser.new_page()
        urls = fetched(page)
        page.goto(base + "cari/?q=" + query)
        got = results(page)
        assert len(got) == found if found is not None else got, query
        assert page.locator(".rk-cari__status em").count() == 0
        assert not any(u.endswith("/kosakata.json") for u in urls), query
        page.close()


def test_exact_queries_find_what_they_found_before_typo_correction(browser, base, catalog):  # noqa: F811
    """Every name word and whole name gives the results, in order, of cari.js before typos were corrected."""
    queries = recall.make_queries([p.data.nama for p in catalog.products], random.Random(1), 0, 200)["exact"]
    texts = [q.text for q in queries]
    assert len(texts) > 300
    now = recall.run_queries(browser, base, texts)
    before = recall.run_queries(browser, base, texts, recall.old_script())
    assert all(now[t]["urls"] for t in texts)
    assert {t: now[t]["urls"] for t in texts} == {t: before[t]["urls"] for t in texts}
    assert not [t for t in texts if now[t]["corrected"]]


def test_the_offline_copy_corrects_a_slip(sample_site, browser, base, tmp_path):
    online = all_results(open_search(browser, base, "kemeja"))
    with zipfile.ZipFile(sample_site / "unduh" / "etalase-offline.zip") as archive:
        archive.extractall(tmp_path)
    root = (tmp_path / "rumah-kreatif-ukm-blora").as_uri() + "/"
    page = browser.new_page()
    page.goto(root + "cari/index.html?q=kemjea")
    assert all_results(page) == [root + url + "index.html" for url in online]
    assert page.get_attribute("#rk-cari", "data-engine") == "lokal"
    assert page.inner_text(".rk-cari__status em") == "kemeja"


def test_recall_benchmark_runs_at_a_small_size():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "search_recall.py"), "3", "--queries", "12"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    for expected in (
        "15 products; vocabulary:",
        "SymSpell-style",
        "exact queries",
        "in the same order 100.0 %",
        "one slip, words of 5+ letters: recall",
        "whole name with one slip",
        "first search result cari/?q=btaik",
    ):
        assert expected in out, out
    assert not (ROOT / "benchmarks" / "out" / "recall-3").exists()  # cleaned up without --keep
