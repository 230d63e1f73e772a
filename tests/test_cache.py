"""The cache layer (`catalog/cache.py`), what a warm rebuild takes from `.cache/`, and what makes it look again."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest
from PIL import Image

from catalog import cache
from catalog.errors import CatalogError
from catalog.photos import store
from catalog.photos.formats import CARD, FULL, Request
from catalog.photos.publish import publish
from catalog.photos.work import process
from catalog.read.load import load_catalog
from catalog.web.pages import SiteInfo, render
from conftest import ROOT, build, draw_photo, make_mini

INFO = SiteInfo("https://contoh.example/", "Uji", icon=lambda name: f'<svg data-icon="{name}"></svg>')


def snapshot(catalog) -> list:
    """Everything the pages are made from, per product, as plain values."""
    return [(p.key, p.number, p.data.model_dump(), p.ukm.data.model_dump(), p.ukm.desa.code, p.ukm.file,
             [(f.name, str(f.path), f.alt, f.focus, f.line) for f in p.photos]) for p in catalog.products]


@pytest.mark.unit
def test_remembered_catalogue_equals_a_fresh_load(mini):
    fresh = load_catalog(mini, remember=False)
    assert not (mini / ".cache" / "data.pickle").exists()
    first = load_catalog(mini)  # parses, then writes the memo
    assert (mini / ".cache" / "data.pickle").exists()
    again = load_catalog(mini)  # from the memo
    assert snapshot(fresh) == snapshot(first) == snapshot(again)


@pytest.mark.unit
def test_memo_is_used_when_nothing_changed(mini, monkeypatch):
    load_catalog(mini)
    import catalog.read.load as load
    monkeypatch.setattr(load, "load_yaml", lambda *a: pytest.fail("parsed although the file did not change"))
    load_catalog(mini)


@pytest.mark.unit
def test_changed_yaml_is_read_again(mini):
    load_catalog(mini)
    path = mini / "products" / "batik-contoh.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("harga: 350000", "harga: 360000"), encoding="utf-8")
    product = next(p for p in load_catalog(mini).products if p.ukm.slug == "batik-contoh")
    assert product.data.harga == 360000


@pytest.mark.unit
def test_replaced_photo_is_checked_again(mini):
    load_catalog(mini)
    photo = mini / "images" / "batik-contoh" / "tulis.jpg"
    photo.write_bytes(b"bukan foto")  # same name, now broken: the memo must not hide it
    with pytest.raises(CatalogError) as caught:
        load_catalog(mini)
    assert any("tulis.jpg" in str(problem) for problem in caught.value.problems)


@pytest.mark.unit
def test_removed_photo_is_reported(mini):
    load_catalog(mini)
    (mini / "images" / "batik-contoh" / "kemeja-2.jpg").unlink()
    with pytest.raises(CatalogError) as caught:
        load_catalog(mini)
    assert any("kemeja-2.jpg" in str(problem) for problem in caught.value.problems)


@pytest.mark.unit
def test_unreadable_or_foreign_memo_is_ignored(mini):
    load_catalog(mini)
    path = mini / ".cache" / "data.pickle"
    path.write_bytes(b"\x80\x05 rusak")
    assert snapshot(load_catalog(mini)) == snapshot(load_catalog(mini, remember=False))
    path.write_bytes(pickle.dumps(("versi-lain", {"x": 1})))
    assert snapshot(load_catalog(mini)) == snapshot(load_catalog(mini, remember=False))


def pages_of(data, remember: bool, info: SiteInfo = INFO) -> dict:
    catalog = load_catalog(data)
    return render(catalog, info, publish(catalog), {}, remember=remember).pages


@pytest.mark.unit
def test_remembered_pages_equal_fresh_pages(mini):
    fresh = pages_of(mini, remember=False)
    first = pages_of(mini, remember=True)
    assert (mini / ".cache" / "halaman.pickle").exists()
    again = pages_of(mini, remember=True)
    assert list(fresh) == list(first) == list(again)
    assert fresh == first == again


@pytest.mark.unit
def test_remembered_pages_read_their_bodies_when_asked_and_a_lost_body_is_made_again(mini):
    fresh = pages_of(mini, remember=False)
    pages_of(mini, remember=True)
    again = pages_of(mini, remember=True)
    assert all(page._body is None and page.file.is_file() for page in again.values())  # nothing read yet
    assert again == fresh and list(again) == list(fresh)  # read when compared: the same pages
    for body in sorted((mini / ".cache" / "halaman").glob("*.html"))[:3]:
        body.unlink()
    assert pages_of(mini, remember=True) == fresh  # the entries naming them are made again, not a crash
    assert len(list((mini / ".cache" / "halaman").glob("*.html"))) == len({p.digest for p in fresh.values()})


@pytest.mark.unit
def test_a_changed_ukm_changes_its_pages_and_the_listings(mini, monkeypatch):
    from catalog.web import pages
    before = pages_of(mini, remember=True)
    path = mini / "products" / "keripik-sumberejo.yml"
    text = path.read_text(encoding="utf-8")
    name = text.split("\n  - nama: ", 1)[1].split("\n", 1)[0]
    path.write_text(text.replace(f"- nama: {name}\n", f"- nama: {name} Pedas\n", 1), encoding="utf-8")
    written = []  # the groups of listings made again: only the changed UKM's kecamatan and categories

    def recording(make):
        def made(writer, group, *rest):
            written.append(getattr(group, "name", group))  # a Kecamatan, or a kategori's key
            return make(writer, group, *rest)
        return made

    for function in ("place_pages", "category_page"):
        monkeypatch.setattr(pages, function, recording(getattr(pages, function)))
    after = pages_of(mini, remember=True)
    monkeypatch.undo()
    changed_ukm = next(u for u in load_catalog(mini).ukms if u.slug == "keripik-sumberejo")
    assert sorted(written) == sorted([changed_ukm.kecamatan.name, *changed_ukm.categories])
    assert after == pages_of(mini, remember=False) and list(after) == list(pages_of(mini, remember=False))
    changed = {uri for uri in before.keys() | after.keys() if before.get(uri) != after.get(uri)}
    assert any(uri.startswith("ukm/keripik-sumberejo/") for uri in changed)
    assert not any(uri.startswith("ukm/batik-contoh/") for uri in changed)
    assert any(uri.startswith("kategori/") for uri in changed)  # the card in the listing shows the new name


@pytest.mark.unit
def test_new_brochure_volumes_make_only_the_pages_that_link_them_again(mini, monkeypatch):
    """A kecamatan's brochure split into volumes (their desa can change with any product added) changes its own
    listing and the region index, not the UKMs' pages nor another kecamatan's or a category's listings."""
    from dataclasses import replace

    from catalog.web import pages
    blora = next(u.kecamatan for u in load_catalog(mini).ukms if u.slug == "batik-contoh")
    whole = replace(INFO, brochures=((blora.code, "brosur/b.pdf", ""), ("33.16.01", "brosur/r.pdf", "")))
    before = pages_of(mini, remember=True, info=whole)
    split = replace(INFO, brochures=((blora.code, "brosur/b-1.pdf", "jilid 1 dari 2: Desa Andongrejo"),
                                     (blora.code, "brosur/b-2.pdf", "jilid 2 dari 2: Kelurahan Kedungjenar"),
                                     ("33.16.01", "brosur/r.pdf", "")))
    made = []

    def recording(function):
        make = getattr(pages, function)

        def recorded(*args):
            made.append((function, getattr(args[-2] if function != "ukm_page" else args[-1], "name", None)))
            return make(*args)
        return recorded

    for function in ("ukm_page", "place_pages", "category_page"):
        monkeypatch.setattr(pages, function, recording(function))
    after = pages_of(mini, remember=True, info=split)
    monkeypatch.undo()
    assert made == [("place_pages", blora.name)]
    assert after == pages_of(mini, remember=False, info=split) and list(after) == list(before)
    changed = {uri for uri in after if before[uri] != after[uri]}
    assert f"{blora.url}index.md" in changed and "wilayah/index.md" in changed
    assert not any(uri.startswith(("ukm/", "kategori/")) for uri in changed)
    assert "jilid 2 dari 2: Kelurahan Kedungjenar" in after[f"{blora.url}index.md"].body


@pytest.mark.unit
def test_new_photo_bytes_change_the_pages(mini):
    before = pages_of(mini, remember=True)
    photo = mini / "images" / "batik-contoh" / "tulis.jpg"
    draw_photo(photo, (900, 700), colour=(20, 120, 200))
    os.utime(photo, ns=(1, 1))  # whatever the clock says, the bytes differ
    after = pages_of(mini, remember=True)
    assert after == pages_of(mini, remember=False)
    product = next(uri for uri in after if "batik-tulis" in uri)
    assert before[product] != after[product]


@pytest.mark.unit
def test_code_version_covers_templates_and_code():
    names = {path.name for folder in cache.CODE.paths for path in folder.rglob("*") if path.is_file()}
    assert {"pages.py", "load.py", "produk.html", "_macros.html", "blora_wilayah.yaml"} <= names


@pytest.mark.unit
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


@pytest.mark.unit
def test_photo_memo_never_hides_a_missing_output_or_a_changed_file(tmp_path):
    path = draw_photo(tmp_path / "a.jpg", (800, 600))
    folder = tmp_path / "cache"
    first = process([Request(path, (CARD, FULL))], folder, workers=1)
    assert first.processed == 1 and (folder / store.RECORD).exists()
    assert process([Request(path, (CARD, FULL))], folder, workers=1).processed == 0
    output = next(iter(first.renditions.values()))["kartu"].outputs[0].name
    (folder / output).unlink()  # someone cleaned the cache by hand
    assert process([Request(path, (CARD, FULL))], folder, workers=1).processed == 1
    assert (folder / output).exists()
    draw_photo(path, (700, 600), colour=(10, 200, 30))  # new bytes under the same name
    again = process([Request(path, (CARD, FULL))], folder, workers=1)
    assert again.processed == 1 and again.renditions != first.renditions


# --------------------------------------------------------------------------- the layer itself

@pytest.mark.unit
def test_write_atomic_replaces_whole_files_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "sub" / "berkas.bin"
    cache.write_atomic(target, b"satu")
    cache.write_atomic(target, b"dua")
    assert target.read_bytes() == b"dua" and [p.name for p in target.parent.iterdir()] == ["berkas.bin"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()  # readable by a web server, like any new file
    with pytest.raises(RuntimeError), cache.atomic_file(target) as handle:
        handle.write(b"setengah")
        raise RuntimeError("build killed")
    assert target.read_bytes() == b"dua" and [p.name for p in target.parent.iterdir()] == ["berkas.bin"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.unit
def test_store_keeps_what_a_run_used_and_ignores_what_it_cannot_trust(tmp_path):
    first = cache.Store(tmp_path, "uji")
    first.put("a", 1)
    first.put("b", 2)
    first.save()
    second = cache.Store(tmp_path, "uji")
    assert second.get("a") == 1
    second.save()  # "b" was not used by this run: dropped
    assert cache.Store(tmp_path, "uji").old == {"a": 1}
    path = tmp_path / ".cache" / "uji.pickle"
    for foreign in (b"\x80\x05 rusak", pickle.dumps(("versi-lain", {"a": 9})), pickle.dumps({"a": 9})):
        path.write_bytes(foreign)
        assert cache.Store(tmp_path, "uji").get("a") is None


class _Unpickled:
    """Fails the test when unpickled: stands for a memo that must not be read."""

    def __reduce__(self):
        return pytest.fail, ("a memo of another version was unpickled",)


@pytest.mark.unit
def test_a_memo_of_another_version_is_not_unpickled_and_a_memo_is_streamed(tmp_path, monkeypatch):
    path = tmp_path / "memo.pickle"
    cache.write_versioned(path, "versi-1", _Unpickled())
    assert cache.read_versioned(path, "versi-2") is None  # the value after the version is never loaded
    # Written and read through the file: no bytes of the whole memo are made or read at once.
    monkeypatch.setattr(pickle, "dumps", lambda *a, **k: pytest.fail("pickled whole into memory"))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read whole into memory"))
    cache.write_versioned(path, "versi-2", {"halaman": "x" * 1000})
    assert cache.read_versioned(path, "versi-2") == {"halaman": "x" * 1000}


@pytest.mark.unit
def test_version_follows_the_files_libraries_and_constants_a_store_names(tmp_path):
    code = tmp_path / "kode"
    code.mkdir()
    (code / "a.py").write_text("x = 1")
    before = cache.version(cache.Depends((code,), ("Pillow",), ("1",)))
    (code / "a.py").write_text("x = 2")
    assert cache.version(cache.Depends((code,), ("Pillow",), ("1",))) == before  # read once per process
    cache.version.cache_clear()
    assert cache.version(cache.Depends((code,), ("Pillow",), ("1",))) != before
    assert cache.version(cache.Depends((code,), ("Pillow",), ("2",))) != cache.version(
        cache.Depends((code,), ("Pillow",), ("1",)))
    without_library = cache.Depends((code,), (), ("1",))
    assert cache.version(without_library) != cache.version(cache.Depends((code,), ("Pillow",), ("1",)))


@pytest.mark.unit
def test_prune_touches_only_unused_entries_and_stale_temporary_files(tmp_path):
    names = ["0123456789ab.json", "0123456789ab-200.jpg", "fedcba987654-200.jpg", "catatan.txt", "terbit.pickle"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    stale, young = tmp_path / ".fedcba987654-200.jpg.1-2.tmp", tmp_path / ".fedcba987654-200.jpg.3-4.tmp"
    stale.write_bytes(b"x")
    young.write_bytes(b"x")
    os.utime(stale, (time.time() - 2 * cache.STALE_SECONDS,) * 2)
    assert cache.prune(tmp_path, {"0123456789ab.json", "0123456789ab-200.jpg"}) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*names[:2], *names[3:], young.name])
    assert cache.prune(tmp_path / "tidak-ada", ()) == 0


def site_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_a_warm_build_gives_the_same_bytes_as_a_cold_one(tmp_path):
    """The placeholder of a card photo no longer depends on which other use wrote the photo's entry record last."""
    data = make_mini(tmp_path / "data")
    for name, size in (("batik-contoh/tulis.jpg", (1200, 900)), ("batik-contoh/kemeja.jpg", (900, 1200))):
        # Large enough that the card (600 px), the link preview (630 px) and the full view differ in size.
        grain = Image.effect_noise(size, 80).convert("RGB")
        Image.blend(Image.radial_gradient("L").resize(size).convert("RGB"), grain, 0.5).save(
            data / "images" / name, quality=90)

    def built(out: Path) -> dict[str, bytes]:
        result = build("build", "--data", str(data), "--out", str(out))
        assert result.returncode == 0, result.stderr
        return site_files(out)

    cold = built(tmp_path / "dingin")
    # Warm, as after a fresh checkout (photos with new times) and a code change (the keyed stores start afresh):
    # every photo is found again through its entry records.
    for photo in (data / "images").rglob("*.*"):
        os.utime(photo, ns=(photo.stat().st_atime_ns, photo.stat().st_mtime_ns + 10**9))
    for kept in (data / ".cache").glob("*.pickle"):
        kept.unlink()
    warm = built(tmp_path / "hangat")
    assert warm.keys() == cold.keys()
    assert [name for name in cold if cold[name] != warm[name]] == []


@pytest.mark.build
def test_build_with_prune_cache_drops_only_what_that_build_did_not_use(mini, tmp_path):
    assert build("build", "--data", str(mini), "--out", str(tmp_path / "satu")).returncode == 0
    folder = mini / ".cache" / "foto"
    before = {p.name for p in folder.iterdir()}
    draw_photo(mini / "images" / "batik-contoh" / "tulis.jpg", (640, 480), colour=(20, 120, 200))
    result = build("build", "--data", str(mini), "--out", str(tmp_path / "dua"), "--prune-cache")
    assert result.returncode == 0, result.stderr
    after = {p.name for p in folder.iterdir()}
    removed = before - after
    assert removed and f"Cache foto: {len(removed)} berkas yang tidak dipakai lagi dihapus" in result.stdout
    linked = {p.name for p in (tmp_path / "dua" / "foto").iterdir()}
    assert linked <= after
    assert after - linked - {store.RECORD, store.USES}  # entry records and the link previews' squares stay
    assert store.prune(folder) == 0  # nothing is left that the last run of a use did not need


@pytest.mark.build
def test_a_second_build_with_nothing_changed_reuses_the_zip_and_the_pages(mini, tmp_path):
    """Nothing changed: the offline ZIP is the kept one (linked, not written again), every catalogue page is
    taken as the theme finished it, and the site has the same bytes; one changed price makes its pages again."""

    def built(out: Path) -> dict[str, bytes]:
        result = build("build", "--data", str(mini), "--out", str(out))
        assert result.returncode == 0, result.stderr
        return site_files(out)

    first = built(tmp_path / "satu")
    kept = {p.name: p.stat().st_mtime_ns for p in (mini / ".cache" / "situs").iterdir()}
    finished = {(mini / ".cache" / "situs" / name).read_bytes() for name in kept}
    pages = {name for name, data in first.items() if data in finished}
    assert len(pages) == len(kept) and "index.html" in pages and "ukm/index.html" in pages  # every kept page is one
    assert not pages & {f"{page.stem}/index.html" for page in (ROOT / "docs").glob("*.md")}  # of the catalogue
    second = built(tmp_path / "dua")
    assert second == first
    assert {p.name: p.stat().st_mtime_ns for p in (mini / ".cache" / "situs").iterdir()} == kept  # none rewritten
    (zip_file,) = (mini / ".cache" / "offline").glob("*.zip")
    assert (tmp_path / "dua" / "unduh" / "etalase-offline.zip").stat().st_ino == zip_file.stat().st_ino
    assert (tmp_path / "satu" / "unduh" / "etalase-offline.zip").stat().st_ino == zip_file.stat().st_ino

    ukm = next((mini / "products").glob("*.yml"))
    ukm.write_text(ukm.read_text(encoding="utf-8").replace("harga: ", "harga: 1", 1), encoding="utf-8")
    third = built(tmp_path / "tiga")
    remade = {p.name for p in (mini / ".cache" / "situs").iterdir()} - set(kept)
    assert 0 < len(remade) < len(kept) / 2  # the UKM's pages and the listings that show the product
    assert third["unduh/etalase-offline.zip"] != first["unduh/etalase-offline.zip"]
    # The same bytes, file by file, as a build of the changed data with no cache at all.
    clean = build("build", "--data", str(mini), "--out", str(tmp_path / "bersih"), "--cache", str(tmp_path / "kosong"))
    assert clean.returncode == 0, clean.stderr
    fresh = site_files(tmp_path / "bersih")
    assert third.keys() == fresh.keys()
    assert [name for name in fresh if fresh[name] != third[name]] == []


@pytest.mark.unit
def test_a_finished_page_is_written_where_mkdocs_writes_the_page():
    from mkdocs.structure.files import File

    from catalog.mkdocs_adapter import page_dest_uri

    for src_uri in ("index.md", "ukm/index.md", "ukm/batik-contoh/kain.md", "README.md", "a/README.md", "peta.md"):
        for directory_urls in (True, False):
            expected = File(src_uri, None, "site", directory_urls).dest_uri
            assert page_dest_uri(src_uri, directory_urls) == expected, (src_uri, directory_urls)


@pytest.mark.unit
def test_a_finished_page_is_listed_at_the_address_mkdocs_gives_the_page():
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page as MkdocsPage

    from catalog.mkdocs_adapter import _FinishedPage, _Listed

    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = None  # as during a build, for File.generated
    for site_url in ("https://contoh.go.id/", "https://contoh.go.id/etalase", "https://contoh.go.id/a/?b=1", ""):
        config.site_url = site_url
        for src_uri in ("index.md", "ukm/index.md", "ukm/batik-contoh/kain_1/index.md", "a b/index.md", "x.md"):
            page = MkdocsPage(None, File.generated(config, src_uri, content=""), config)
            listed = _Listed.of(_FinishedPage(src_uri, config), config.site_url, page.update_date)
            assert (listed.canonical_url, listed.abs_url) == (page.canonical_url, page.abs_url), (site_url, src_uri)


@pytest.mark.unit
def test_store_get_or_make_makes_only_what_it_does_not_have(tmp_path):
    made = []

    def make(value):
        made.append(value)
        return value

    first = cache.Store(tmp_path, "uji")
    assert first.get_or_make("a", lambda: make(1)) == 1
    assert first.get_or_make("a", lambda: make(2)) == 1  # kept in this run already
    first.save()
    second = cache.Store(tmp_path, "uji")
    assert second.get_or_make("a", lambda: make(3)) == 1 and second.get_or_make("b", lambda: make(4)) == 4
    assert made == [1, 4]


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.unit
def test_freed_memory_goes_back_to_the_system_before_the_offline_copy():
    """The pages' text is freed between small blocks still in use, as after the pages stage of a build: the
    C heap keeps those pages until `release_freed_memory` hands them back."""
    from catalog.background import release_freed_memory

    pages = [bytes(16_000) + bytes([i % 256]) for i in range(8_000)]  # 128 MB, on the C heap
    kept = [bytes(600) + bytes([i % 256]) for i in range(8_000)]  # between them, still used
    pages = [page + bytes(600) for page in pages]  # each page moved once: the heap holds both generations' holes
    kept += [bytes(600) + bytes([i % 256]) for i in range(8_000)]
    del pages
    before = _resident_mb()
    assert release_freed_memory()
    assert before - _resident_mb() > 60, (before, _resident_mb())
    assert len(kept) == 16_000


@pytest.mark.unit
def test_pruning_passes_over_a_temporary_file_another_build_moves_away_meanwhile(tmp_path, monkeypatch):
    """Two builds may share a cache (the suite's workers do): one's temporary file can be renamed into place
    between the other's listing of the folder and its look at the file."""
    folder = cache.Folder(tmp_path / "halaman")
    folder.path.mkdir()
    folder.write("a" * 40 + ".html", b"kept")
    folder.write("b" * 40 + ".html", b"not used")
    moving = folder.path / f".{'c' * 40}.html.123-456.tmp"
    moving.write_bytes(b"being written")
    listed = os.scandir

    def scandir(path):
        entries = list(listed(path))
        moving.rename(folder.path / f"{'c' * 40}.html")  # the other build finishes its file
        return iter(entries)

    monkeypatch.setattr(cache.os, "scandir", scandir)
    assert folder.prune({"a" * 40 + ".html", "c" * 40 + ".html"}) == 1
    assert sorted(p.name for p in folder.path.iterdir()) == ["a" * 40 + ".html", "c" * 40 + ".html"]
