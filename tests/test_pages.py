"""The page writer (one page per URL, links relative to each page) and the paginator of long lists."""

import functools

import jinja2
import pytest

from catalog.web.writer import DuplicatePage, ListPage, Page, PageWriter, paginate, rel

pytestmark = pytest.mark.unit

TEMPLATES = {"plain.html": "<h1>{{ trail[-1][0] }}</h1><a href=\"{{ rel('cari/') }}\">Cari</a> {{ note }}"}


def writer(share_images: dict[str, str] | None = None) -> PageWriter:
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals["rel"] = rel
    return PageWriter(env, "https://contoh.example/etalase/", share_images or {})


def test_a_second_page_at_one_url_is_refused():
    pages = writer()
    pages.write("ukm/batik-contoh/", "plain.html", "Batik Contoh", "Satu.", note="pertama")
    with pytest.raises(DuplicatePage) as caught:
        pages.write("ukm/batik-contoh/", "plain.html", "Batik Lain", "Dua.", note="kedua")
    assert str(caught.value) == "two pages for ukm/batik-contoh/index.md: 'Batik Contoh', then 'Batik Lain'"
    assert list(pages.pages) == ["ukm/batik-contoh/index.md"]
    assert "pertama" in pages.pages["ukm/batik-contoh/index.md"].body  # the first page is kept as it was


def test_a_remembered_page_cannot_replace_a_written_one():
    pages = writer()
    pages.write("cari/", "plain.html", "Cari produk", "Cari.", note="")
    with pytest.raises(DuplicatePage, match=r"two pages for cari/index\.md"):
        pages.add("cari/index.md", Page({"title": "Lama"}, "lama"))
    assert pages.pages["cari/index.md"].meta["title"] == "Cari produk"


def test_links_lead_from_each_page_to_the_site_root():
    pages = writer()
    pages.write("", "plain.html", "Beranda", "Depan.", note="")
    pages.write("ukm/", "plain.html", "Semua UKM", "Daftar.", note="")
    pages.write("ukm/batik-contoh/kain/", "plain.html", "Kain", "Produk.", note="")
    hrefs = {uri: page.body.split('href="')[1].split('"')[0] for uri, page in pages.pages.items()}
    assert hrefs == {"index.md": "cari/", "ukm/index.md": "../cari/",
                     "ukm/batik-contoh/kain/index.md": "../../../cari/"}


def test_front_matter_escapes_text_and_names_the_share_picture():
    pages = writer({"ukm/": "bagikan/ukm.png"})
    pages.write("ukm/", "plain.html", "UKM <Blora>", "  Daftar & cerita. ", note="<b>")
    page = pages.pages["ukm/index.md"]
    assert page.meta == {"title": "UKM &lt;Blora&gt;", "description": "Daftar &amp; cerita.",
                         "og_image": "https://contoh.example/etalase/bagikan/ukm.png"}
    assert page.body == '<h1>UKM &lt;Blora&gt;</h1><a href="../cari/">Cari</a> &lt;b&gt;'


def test_since_returns_the_pages_written_after_a_mark_in_order():
    pages = writer()
    pages.write("a/", "plain.html", "A", "A.", note="")
    mark = pages.mark()
    pages.write("c/", "plain.html", "C", "C.", note="")
    pages.write("b/", "plain.html", "B", "B.", note="")
    assert list(pages.since(mark)) == ["c/index.md", "b/index.md"]
    assert list(pages.since(0)) == ["a/index.md", "c/index.md", "b/index.md"]


def test_an_empty_list_still_has_its_first_page():
    assert paginate([], "kategori/batik/", 24) == [ListPage(1, [], "kategori/batik/", [])]


def test_a_list_that_fits_has_one_page_and_no_page_links():
    assert paginate([1, 2, 3], "ukm/", 3) == [ListPage(1, [1, 2, 3], "ukm/", [])]
    assert paginate([1], "ukm/", 3) == [ListPage(1, [1], "ukm/", [])]


def test_full_pages_make_no_empty_page_after_them():
    links = [(1, "ukm/"), (2, "ukm/2/"), (3, "ukm/3/")]
    assert paginate(list(range(6)), "ukm/", 2) == [ListPage(1, [0, 1], "ukm/", links),
                                                    ListPage(2, [2, 3], "ukm/2/", links),
                                                    ListPage(3, [4, 5], "ukm/3/", links)]


def test_one_item_more_starts_another_page():
    sheets = paginate(list(range(7)), "wilayah/cepu/", 2)
    assert [(s.number, s.items, s.url) for s in sheets] == [
        (1, [0, 1], "wilayah/cepu/"), (2, [2, 3], "wilayah/cepu/2/"), (3, [4, 5], "wilayah/cepu/3/"),
        (4, [6], "wilayah/cepu/4/")]
    assert sheets[-1].links[-1] == (4, "wilayah/cepu/4/")


@functools.lru_cache(maxsize=4)
def _macros(template_text: str):
    """The macros of `template_text` in the pages' own Jinja environment (links: "/" + target)."""
    from catalog.web.pages import SiteInfo, _environment

    env = _environment(SiteInfo(site_url="", site_name="Etalase", demo=False, icon=lambda name: ""))
    env.loader = jinja2.DictLoader({"_macros.html": template_text})
    env.globals.update(rel=lambda target: "/" + target)
    return env.get_template("_macros.html").module


def _pages_nav(template_text: str, last: int, current: int) -> str:
    """The page links of page `current` of a list of `last` pages."""
    return _macros(template_text).pages_nav([(n, f"ukm/{n}/") for n in range(1, last + 1)], current, "Halaman")


@pytest.mark.unit
def test_page_links_show_the_first_the_last_and_two_each_side_with_one_gap_mark_between():
    """Checked against the rule itself for every page of lists of 1 to 40 pages."""
    import re

    from catalog.resources import PAGE_TEMPLATES_DIR

    macros = (PAGE_TEMPLATES_DIR / "_macros.html").read_text(encoding="utf-8")
    for last in range(1, 41):
        for current in range(1, last + 1):
            nav = _pages_nav(macros, last, current)
            shown = [int(n) for n in re.findall(r">(\d+)</(?:a|span)>", nav)]
            near = [n for n in range(1, last + 1) if n in (1, last) or abs(n - current) <= 2]
            assert shown == near, (last, current)
            assert nav.count("rk-pages__gap") == (current > 4) + (current < last - 3), (last, current)
            assert ('rel="prev"' in nav) == (current > 1) and ('rel="next"' in nav) == (current < last)
            assert f'<span aria-current="page">{current}</span>' in nav
            if current < last:
                assert f'href="/ukm/{current + 1}/" rel="next"' in nav
