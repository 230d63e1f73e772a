"""The offline copy (unduh/etalase-offline.zip): every relative link inside it opens a file inside it."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import zipfile
from pathlib import Path

import pytest

from catalog.web.offline import FOLDER, make_zip, offline_html

LINK = re.compile(r'\b(?:href|src|action)="([^"]*)"')
SRCSET = re.compile(r'\bsrcset="([^"]*)"')


@pytest.mark.build
def test_every_relative_link_of_the_offline_copy_resolves_inside_it(sample_site):
    with zipfile.ZipFile(sample_site / "unduh" / "etalase-offline.zip") as archive:
        names = {n.removeprefix(FOLDER + "/") for n in archive.namelist()}
        pages = [n for n in names if n.endswith(".html")]
        assert "index.html" in names and len(pages) > 150
        assert not any(n.startswith(("bagikan/", "p/", "cari/data/", "daftar/data/", "unduh/etalase-offline")) for n in names)
        assert {n for n in names if n.startswith("unduh/")} == {"unduh/ukm.csv", "unduh/produk.csv"}  # open data
        assert "cari/indeks.js" in names  # the search of the offline copy
        photos = {n.rsplit(".", 1)[1] for n in names if n.startswith("foto/")}
        assert photos == {"webp", "jpg"}  # no AVIF: WebP shows in every browser, and the copy is 40 % smaller
        broken = []
        for name in pages:
            text = archive.read(f"{FOLDER}/{name}").decode("utf-8")
            candidates = [c.strip().split(" ")[0] for srcset in SRCSET.findall(text) for c in srcset.split(",")]
            for value in LINK.findall(text) + candidates:
                if not value or re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|/|#)", value):  # 404.html links from the root
                    continue
                path = value.split("#", 1)[0].split("?", 1)[0]
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path))
                if target not in names and target != "unduh/etalase-offline.zip":  # the copy itself
                    broken.append(f"{name}: {value}")
        assert not broken, broken[:10]


@pytest.mark.unit
def test_the_copy_drops_a_photos_avif_source_and_keeps_its_webp_and_its_fallback():
    picture = ('<picture><source type="image/avif" srcset="../foto/a-200.avif 200w, ../foto/a-300.avif 300w" '
               'sizes="(min-width: 640px) 296px, calc(50vw - 24px)"><source type="image/webp" '
               'srcset="../foto/b-200.webp 200w" sizes="50vw"><img src="../foto/c-400.jpg" alt="&lt;b&gt;"></picture>')
    assert offline_html(f"<p>a</p>{picture}{picture}") == (
        '<p>a</p>' + 2 * ('<picture><source type="image/webp" srcset="../foto/b-200.webp 200w" sizes="50vw">'
                          '<img src="../foto/c-400.jpg" alt="&lt;b&gt;"></picture>'))


@pytest.mark.unit
def test_folder_links_become_index_files():
    cases = {
        'href="../kategori/batik/"': 'href="../kategori/batik/index.html"',
        'href="./"': 'href="./index.html"',
        'href="."': 'href="index.html"',
        'href=".."': 'href="../index.html"',
        'href="../.."': 'href="../../index.html"',
        'action="../cari/"': 'action="../cari/index.html"',
        'href="cari/?q=batik"': 'href="cari/index.html?q=batik"',
        'href="../a/#foto"': 'href="../a/index.html#foto"',
        'href="?urut=harga"': 'href="index.html?urut=harga"',
    }
    unchanged = ['href=""', 'href="#isi"', 'href="https://wa.me/62800/"', 'href="//contoh.id/a/"', 'href="/a/"',
                 'href="mailto:a@contoh.id"', 'href="../assets/catalog.css"', 'href="foto/a.jpg"']
    for before, after in cases.items():
        assert offline_html(f"<a {before}>x</a>") == f"<a {after}>x</a>"
    for value in unchanged:
        assert offline_html(f"<a {value}>x</a>") == f"<a {value}>x</a>"


@pytest.mark.unit
def test_the_zip_holds_the_open_data_but_never_itself_or_its_temporary_file(tmp_path):
    site = tmp_path / "site"
    (site / "unduh").mkdir(parents=True)
    (site / "unduh" / "ukm.csv").write_bytes(b"\xef\xbb\xbfslug\r\n")
    (site / "index.html").write_text('<a href="unduh/ukm.csv">UKM</a>', encoding="utf-8")
    make_zip(site, None)
    again = make_zip(site, None)  # a second run sees the first ZIP in unduh/
    with zipfile.ZipFile(again) as archive:
        assert archive.namelist() == [f"{FOLDER}/index.html", f"{FOLDER}/unduh/ukm.csv"]



@pytest.mark.unit
def test_the_kept_zip_is_reused_and_a_changed_site_gives_the_bytes_of_a_fresh_zip(tmp_path):
    site, kept = tmp_path / "site", tmp_path / "cache" / "offline"
    (site / "foto").mkdir(parents=True)
    (site / "index.html").write_text('<a href="ukm/">UKM</a>' * 50, encoding="utf-8")
    (site / "ukm").mkdir()
    (site / "ukm" / "index.html").write_text('<a href="../">Beranda</a> Rp 10.000', encoding="utf-8")
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(bytes(range(256)) * 40)
    os.link(photo, site / "foto" / "a.jpg")  # as the photos are: linked from the cache

    first = make_zip(site, None, kept).read_bytes()
    again = make_zip(site, None, kept)
    assert again.read_bytes() == first and again.stat().st_nlink == 2  # the kept copy, linked, not made again
    (site / "ukm" / "index.html").write_text('<a href="../">Beranda</a> Rp 12.000', encoding="utf-8")
    changed = make_zip(site, None, kept).read_bytes()
    fresh = make_zip(site, None).read_bytes()  # no cache: every entry compressed afresh
    assert changed == fresh != first
    assert sorted(p.suffix for p in kept.iterdir()) == [".pickle", ".zip"]  # the older copy is pruned
    with zipfile.ZipFile(site / "unduh" / "etalase-offline.zip") as archive:
        assert archive.testzip() is None
        assert archive.read(f"{FOLDER}/ukm/index.html") == b'<a href="../index.html">Beranda</a> Rp 12.000'


@pytest.mark.unit
def test_a_kept_zip_taken_in_pieces_gives_the_bytes_of_a_fresh_zip(tmp_path):
    """Runs of unchanged entries are copied in one piece; pages changed, added and removed around them."""
    site, kept = tmp_path / "site", tmp_path / "cache" / "offline"
    for i in range(30):
        page = site / "ukm" / f"u{i:02d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<a href="../">UKM {i}</a> Rp {i}.000' * (i + 1), encoding="utf-8")
    make_zip(site, None, kept)
    (site / "ukm" / "u00" / "index.html").write_text("awal berubah", encoding="utf-8")
    (site / "ukm" / "u13" / "index.html").write_text('<a href="../">tengah berubah</a>', encoding="utf-8")
    (site / "ukm" / "u29" / "index.html").write_text("akhir berubah", encoding="utf-8")
    (site / "ukm" / "u20" / "index.html").unlink()
    (site / "ukm" / "u07b").mkdir()
    (site / "ukm" / "u07b" / "index.html").write_text("baru", encoding="utf-8")
    changed = make_zip(site, None, kept).read_bytes()
    assert changed == make_zip(site, None).read_bytes()
    with zipfile.ZipFile(site / "unduh" / "etalase-offline.zip") as archive:
        assert archive.testzip() is None
        assert archive.read(f"{FOLDER}/ukm/u14/index.html").startswith(b'<a href="../index.html">UKM 14</a>')


@pytest.mark.unit
def test_a_kept_zip_whose_record_does_not_fit_it_is_not_taken(tmp_path, monkeypatch):
    """Entries are taken where the record says they lie: only from the copy it was written with, for the same date."""
    site, kept = tmp_path / "site", tmp_path / "cache" / "offline"
    page = site / "ukm" / "index.html"
    page.parent.mkdir(parents=True)
    (site / "index.html").write_text('<a href="ukm/">UKM</a>' * 40, encoding="utf-8")
    page.write_text("Rp 10.000", encoding="utf-8")
    make_zip(site, dt.date(2026, 1, 1), kept)
    page.write_text("Rp 11.000", encoding="utf-8")  # another date: every header differs
    assert make_zip(site, dt.date(2026, 2, 1), kept).read_bytes() == make_zip(site, dt.date(2026, 2, 1)).read_bytes()
    [copy] = kept.glob("*.zip")
    with copy.open("r+b") as handle:  # the kept copy cut short: its entries no longer where the record says
        handle.truncate(20)
    page.write_text("Rp 12.000", encoding="utf-8")
    changed = make_zip(site, dt.date(2026, 2, 1), kept).read_bytes()
    assert changed == make_zip(site, dt.date(2026, 2, 1)).read_bytes()
    with zipfile.ZipFile(site / "unduh" / "etalase-offline.zip") as archive:
        assert archive.testzip() is None and archive.read(f"{FOLDER}/ukm/index.html") == b"Rp 12.000"
    from catalog import cache
    from catalog.web import offline
    stamp = dt.date(2026, 2, 1).timetuple()[:6]
    assert offline._KeptZip.last(cache.Folder(kept), stamp) is not None
    [record] = kept.glob("*.pickle")
    whole = cache.read_versioned(record, offline.VERSION)
    cache.write_versioned(record, offline.VERSION, {**whole, "places": whole["places"][:-1]})  # one part short
    assert offline._KeptZip.last(cache.Folder(kept), stamp) is None
    cache.write_versioned(record, offline.VERSION, whole)
    assert offline._KeptZip.last(cache.Folder(kept), stamp) is not None
    monkeypatch.setattr(offline, "_PYTHON", [2, 7])  # another Python's zipfile may write other headers
    assert offline._KeptZip.last(cache.Folder(kept), stamp) is None


@pytest.mark.unit
def test_a_file_still_being_made_is_the_last_entry_and_waited_for_last(tmp_path):
    """The brochure, made beside the build: known by the name of the file it will be until the rest is written."""
    site, kept = tmp_path / "site", tmp_path / "cache" / "offline"
    (site / "ukm").mkdir(parents=True)
    (site / "index.html").write_text('<a href="ukm/">UKM</a>', encoding="utf-8")
    (site / "ukm" / "index.html").write_text("Rp 10.000", encoding="utf-8")
    pdf = tmp_path / "0123456789abcdef.pdf"
    waited = []

    def made() -> Path:
        waited.append(len(list(kept.glob(".*.tmp"))))  # the new copy is being written: every other entry is in it
        pdf.write_bytes(b"%PDF-1.7 brosur")
        return pdf

    late = {"brosur/brosur.pdf": (pdf, made)}
    with zipfile.ZipFile(make_zip(site, None, kept, late=late)) as archive:
        assert archive.namelist() == [f"{FOLDER}/index.html", f"{FOLDER}/ukm/index.html", f"{FOLDER}/brosur/brosur.pdf"]
        assert archive.read(f"{FOLDER}/brosur/brosur.pdf") == b"%PDF-1.7 brosur"
    assert waited == [1]
    first = (site / "unduh" / "etalase-offline.zip").read_bytes()
    # The same file to come: the kept copy is taken whole, with no wait.
    assert make_zip(site, None, kept, late=late).read_bytes() == first and waited == [1]


@pytest.mark.build
def test_a_kept_copy_of_more_than_65535_entries_gives_the_bytes_of_a_fresh_zip(tmp_path, monkeypatch):
    """Past 65,535 entries (10,000 products hold 157,000) the directory's end takes its ZIP64 form."""
    from catalog.web import offline

    def afresh(*args):
        raise AssertionError("the kept copy was not taken")

    site, kept = tmp_path / "site", tmp_path / "cache" / "offline"
    for folder in range(66):
        (site / "foto" / f"{folder:02d}").mkdir(parents=True)
        for i in range(1000):
            (site / "foto" / f"{folder:02d}" / f"{i:03d}.jpg").write_bytes(b"")
    (site / "index.html").write_text('<a href="foto/">Foto</a>', encoding="utf-8")
    make_zip(site, None, kept)
    (site / "index.html").write_text('<a href="foto/">Semua foto</a>', encoding="utf-8")
    (site / "foto" / "33" / "500.jpg").unlink()
    monkeypatch.setattr(offline, "_write_zip", afresh)
    changed = make_zip(site, None, kept).read_bytes()
    monkeypatch.undo()
    assert changed == make_zip(site, None).read_bytes()
    with zipfile.ZipFile(site / "unduh" / "etalase-offline.zip") as archive:
        assert len(archive.infolist()) == 66_000 and archive.testzip() is None
        assert archive.read(f"{FOLDER}/index.html") == b'<a href="foto/index.html">Semua foto</a>'


@pytest.mark.unit
def test_a_kept_copy_past_the_zip64_offset_limit_gives_the_bytes_of_a_fresh_zip(tmp_path, monkeypatch):
    """Entries that start past ZIP64_LIMIT (2 GB; 50,000 products make a 2.9 GB copy) carry their offset in a ZIP64
    field. The kept copy is still taken, and entries moving across the limit either way get zipfile's records."""
    import hashlib

    from catalog.web import offline

    def afresh(*args):
        raise AssertionError("the kept copy was not taken")

    def text(seed: str, size: int) -> str:  # hex digits that barely compress: the copy grows past the limit
        return "".join(hashlib.sha256(f"{seed}{n}".encode()).hexdigest() for n in range(size // 64))

    # zipfile and the kept copy both read it when they write; every entry stays below it, as 2 GB does
    monkeypatch.setattr(zipfile, "ZIP64_LIMIT", 12_000)
    site, kept = tmp_path / "site", tmp_path / "cache" / "offline"
    for i in range(40):
        page = site / "ukm" / f"u{i:02d}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f"<p>UKM {i}</p>" + text(str(i), 1000), encoding="utf-8")
    make_zip(site, None, kept)  # written afresh (nothing kept yet): its record must read the ZIP64 offsets
    for change in range(3):
        if change == 0:  # grows near the front: entries move up across the limit
            (site / "ukm" / "u01" / "index.html").write_text("<p>besar</p>" + text("besar", 8000), encoding="utf-8")
        elif change == 1:  # shrinks again: they move back below it
            (site / "ukm" / "u01" / "index.html").write_text("<p>kecil</p>", encoding="utf-8")
        else:  # a page past the limit changes, one is removed, one added
            (site / "ukm" / "u35" / "index.html").write_text("<p>berubah</p>", encoding="utf-8")
            (site / "ukm" / "u20" / "index.html").unlink()
            (site / "ukm" / "u30b").mkdir()
            (site / "ukm" / "u30b" / "index.html").write_text("<p>baru</p>", encoding="utf-8")
        with monkeypatch.context() as taken:
            taken.setattr(offline, "_write_zip", afresh)
            changed = make_zip(site, None, kept).read_bytes()
        assert changed == make_zip(site, None).read_bytes(), change
        with zipfile.ZipFile(site / "unduh" / "etalase-offline.zip") as archive:
            assert archive.testzip() is None
            late = archive.getinfo(f"{FOLDER}/ukm/u39/index.html")
            assert late.header_offset > 12_000 and archive.read(late).startswith(b"<p>UKM 39</p>")
