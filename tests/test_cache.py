"""What a warm rebuild takes from `.cache/` (data.pickle, halaman.pickle) and what makes it look again."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from catalog import cache as memo
from catalog.errors import CatalogError
from catalog.read.load import load_catalog
from catalog.photos.pipeline import publish
from catalog.web.pages import SiteInfo, render
from conftest import draw_photo

INFO = SiteInfo("https://contoh.example/", "Uji", icon=lambda name: f'<svg data-icon="{name}"></svg>')


def snapshot(catalog) -> list:
    """Everything the pages are made from, per product, as plain values."""
    return [(p.key, p.number, p.data.model_dump(), p.ukm.data.model_dump(), p.ukm.desa.code, p.ukm.file,
             [(f.name, str(f.path), f.alt, f.focus, f.line) for f in p.photos]) for p in catalog.products]


def test_remembered_catalogue_equals_a_fresh_load(mini):
    fresh = load_catalog(mini, remember=False)
    assert not (mini / ".cache" / "data.pickle").exists()
    first = load_catalog(mini)  # parses, then writes the memo
    assert (mini / ".cache" / "data.pickle").exists()
    again = load_catalog(mini)  # from the memo
    assert snapshot(fresh) == snapshot(first) == snapshot(again)


def test_memo_is_used_when_nothing_changed(mini, monkeypatch):
    load_catalog(mini)
    import catalog.read.load as load
    monkeypatch.setattr(load, "load_yaml", lambda *a: pytest.fail("parsed although the file did not change"))
    load_catalog(mini)


def test_changed_yaml_is_read_again(mini):
    load_catalog(mini)
    path = mini / "products" / "batik-contoh.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("harga: 350000", "harga: 360000"), encoding="utf-8")
    product = next(p for p in load_catalog(mini).products if p.ukm.slug == "batik-contoh")
    assert product.data.harga == 360000


def test_replaced_photo_is_checked_again(mini):
    load_catalog(mini)
    photo = mini / "images" / "batik-contoh" / "tulis.jpg"
    photo.write_bytes(b"bukan foto")  # same name, now broken: the memo must not hide it
    with pytest.raises(CatalogError) as caught:
        load_catalog(mini)
    assert any("tulis.jpg" in str(problem) for problem in caught.value.problems)


def test_removed_photo_is_reported(mini):
    load_catalog(mini)
    (mini / "images" / "batik-contoh" / "kemeja-2.jpg").unlink()
    with pytest.raises(CatalogError) as caught:
        load_catalog(mini)
    assert any("kemeja-2.jpg" in str(problem) for problem in caught.value.problems)


def test_unreadable_or_foreign_memo_is_ignored(mini):
    load_catalog(mini)
    path = mini / ".cache" / "data.pickle"
    path.write_bytes(b"\x80\x05 rusak")
    assert snapshot(load_catalog(mini)) == snapshot(load_catalog(mini, remember=False))
    path.write_bytes(pickle.dumps(("versi-lain", {"x": 1})))
    assert snapshot(load_catalog(mini)) == snapshot(load_catalog(mini, remember=False))


def pages_of(data, remember: bool) -> dict:
    catalog = load_catalog(data)
    return render(catalog, INFO, publish(catalog), {}, remember=remember).pages


def test_remembered_pages_equal_fresh_pages(mini):
    fresh = pages_of(mini, remember=False)
    first = pages_of(mini, remember=True)
    assert (mini / ".cache" / "halaman.pickle").exists()
    again = pages_of(mini, remember=True)
    assert list(fresh) == list(first) == list(again)
    assert fresh == first == again


def test_a_changed_ukm_changes_its_pages_and_the_listings(mini):
    before = pages_of(mini, remember=True)
    path = mini / "products" / "keripik-sumberejo.yml"
    text = path.read_text(encoding="utf-8")
    name = text.split("\n  - nama: ", 1)[1].split("\n", 1)[0]
    path.write_text(text.replace(f"- nama: {name}\n", f"- nama: {name} Pedas\n", 1), encoding="utf-8")
    after = pages_of(mini, remember=True)
    assert after == pages_of(mini, remember=False)
    changed = {uri for uri in before.keys() | after.keys() if before.get(uri) != after.get(uri)}
    assert any(uri.startswith("ukm/keripik-sumberejo/") for uri in changed)
    assert not any(uri.startswith("ukm/batik-contoh/") for uri in changed)
    assert any(uri.startswith("kategori/") for uri in changed)  # the card in the listing shows the new name


def test_new_photo_bytes_change_the_pages(mini):
    before = pages_of(mini, remember=True)
    photo = mini / "images" / "batik-contoh" / "tulis.jpg"
    draw_photo(photo, (900, 700), colour=(20, 120, 200))
    os.utime(photo, ns=(1, 1))  # whatever the clock says, the bytes differ
    after = pages_of(mini, remember=True)
    assert after == pages_of(mini, remember=False)
    product = next(uri for uri in after if "batik-tulis" in uri)
    assert before[product] != after[product]


def test_code_version_covers_templates_and_code():
    names = {path.name for folder in memo.INPUTS for path in folder.rglob("*") if path.is_file()}
    assert {"pages.py", "load.py", "produk.html", "_macros.html", "blora_wilayah.yaml"} <= names


def test_long_lists_reach_every_item_through_next_links(monkeypatch):
    """Without JavaScript, `Berikutnya` from page 1 walks through every page; the nav stays short."""
    import posixpath
    import re

    from catalog.web import pages as site
    monkeypatch.setattr(site, "PER_PAGE", 1)
    monkeypatch.setattr(site, "UKM_PER_PAGE", 1)
    sample = Path(__file__).resolve().parent.parent  # the demo data: 25+ batik products, 28 UKMs
    pages = pages_of(sample, remember=False)
    catalog = load_catalog(sample)
    for start, expected, card in [("kategori/batik/", {p.url for p in catalog.products if p.data.kategori == "batik"},
                                   "rk-card__link"),
                                  ("ukm/", {u.url for u in catalog.ukms}, "rk-ukm__link")]:
        seen, here, visited = set(), start, 0
        while here is not None:
            body = pages[here + "index.md"].body
            links = re.findall(rf'class="{card}" href="([^"]+)"', body)
            seen |= {posixpath.normpath(posixpath.join(here, link)) + "/" for link in links}
            nav = re.search(r'<nav class="rk-pages".*?</nav>', body, re.S)
            if len(expected) > 1:
                assert nav and len(re.findall(r"<a ", nav[0])) <= 2 + 5 + 2
            following = re.search(r'<a href="([^"]+)" rel="next">', body)
            here = posixpath.normpath(posixpath.join(here, following[1])) + "/" if following else None
            visited += 1
        assert seen == expected and visited == len(expected) > 20


def test_photo_memo_never_hides_a_missing_output_or_a_changed_file(tmp_path):
    from catalog.photos import pipeline as photos
    from catalog.photos.pipeline import CARD, FULL, Request
    path = draw_photo(tmp_path / "a.jpg", (800, 600))
    cache = tmp_path / "cache"
    first = photos.process([Request(path, (CARD, FULL))], cache, workers=1)
    assert first.processed == 1 and (cache / photos.PUBLISHED_MEMO).exists()
    assert photos.process([Request(path, (CARD, FULL))], cache, workers=1).processed == 0
    output = next(iter(first.renditions.values()))["kartu"].outputs[0].name
    (cache / output).unlink()  # someone cleaned the cache by hand
    assert photos.process([Request(path, (CARD, FULL))], cache, workers=1).processed == 1
    assert (cache / output).exists()
    draw_photo(path, (700, 600), colour=(10, 200, 30))  # new bytes under the same name
    again = photos.process([Request(path, (CARD, FULL))], cache, workers=1)
    assert again.processed == 1 and again.renditions != first.renditions
