"""Photos on a host of their own (mkdocs.yml `extra.media_url`): a large catalogue's pages then fit GitHub Pages.

The mini catalogue is built with its photos, link previews and offline copy sent to a second folder, which a
second local server serves as that host; the pages must name every photo there and nowhere else.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile

import pytest

from catalog.build import build, published_size, read_settings
from catalog.errors import CatalogError
from conftest import make_mini
from test_build import ROOT

PHOTO_ATTRIBUTES = re.compile(r'\s(?:src|srcset|content|href)="([^"]+)"')
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def media_site(tmp_path_factory, serve):
    """(site folder, media folder, media host's address, site's address, what the build said it published): built
    once, both served."""
    work = tmp_path_factory.mktemp("media")
    data, out, media = make_mini(work / "data"), work / "site", work / "media"
    media.mkdir()
    media_url = serve(media)  # the folder is swapped in later at the same path, and served from there
    settings = read_settings(ROOT / "mkdocs.yml", data, out_dir=out, brochure=False, media_url=media_url,
                             media_out=media)
    built = build(settings, progress=None)
    return out, media, media_url, serve(out), built.published


def _urls(text: str) -> list[str]:
    found = []
    for value in PHOTO_ATTRIBUTES.findall(text):
        found += [part.split()[0] for part in value.split(",") if part.strip()]
    for block in JSONLD.findall(text):
        found += re.findall(r'"(https?://[^"]+\.(?:jpg|webp|avif))"', block)
    return found


@pytest.mark.build
def test_photos_previews_and_the_offline_copy_go_to_the_media_host_and_nothing_else(media_site):
    site, media, media_url, _, reported = media_site
    assert reported == {"site": published_size(site), "media": published_size(media)}
    assert not (site / "foto").exists() and not (site / "bagikan").exists()
    assert not (site / "unduh" / "etalase-offline.zip").exists() and (site / "unduh" / "produk.csv").is_file()
    assert sorted(p.name for p in media.iterdir()) == ["bagikan", "foto", "unduh"]

    named = set()
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r'(?:"|\s|\.\./|^)(?:foto|bagikan)/', text.replace(media_url, "MEDIA/")), page
        named |= {url for url in _urls(text) if url.startswith(media_url)}
    product = (site / "ukm" / "batik-contoh" / "kemeja-batik-cap" / "index.html").read_text(encoding="utf-8")
    assert re.search(rf'<meta property="og:image" content="{re.escape(media_url)}bagikan/\w+\.jpg"', product)
    assert re.search(rf'"image":\["{re.escape(media_url)}foto/[\w-]+\.jpg"[,\]]', product)
    # The search cards and the update form's photos, both read by scripts.
    cards = [json.loads(p.read_text()) for p in (site / "cari" / "data").rglob("*.json")]
    form = [json.loads(p.read_text()) for p in (site / "daftar" / "data").glob("*.json")]
    named |= set(re.findall(rf'"({re.escape(media_url)}[^"]+)"', json.dumps(cards + form)))
    assert any("/foto/" in url for url in named) and any("/bagikan/" in url for url in named)
    for url in named:
        assert (media / url.removeprefix(media_url)).is_file(), url
    published = {p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()}
    assert {url.removeprefix(media_url) for url in named} | {"unduh/etalase-offline.zip"} == published
    # The about page's link to the offline copy follows it.
    about = (site / "tentang" / "index.html").read_text(encoding="utf-8")
    assert f'href="{media_url}unduh/etalase-offline.zip"' in about


@pytest.mark.build
def test_the_offline_copy_holds_the_photos_and_names_no_host(media_site):
    _, media, media_url, _, _ = media_site
    with zipfile.ZipFile(media / "unduh" / "etalase-offline.zip") as copy:
        names = {n.split("/", 1)[1] for n in copy.namelist()}
        pages = [n for n in names if n.endswith(".html")]
        assert any(n.startswith("foto/") for n in names) and not any(n.startswith("bagikan/") for n in names)
        for name in pages + ["cari/indeks.js"]:
            text = copy.read(f"rumah-kreatif-ukm-blora/{name}").decode("utf-8")
            assert media_url not in text, name
            for url in _urls(text) if name.endswith(".html") else []:
                if "foto/" in url and "://" not in url:
                    assert posixpath.normpath(posixpath.join(posixpath.dirname(name), url)) in names, (name, url)
        index = copy.read("rumah-kreatif-ukm-blora/cari/indeks.js").decode("utf-8")
        assert re.search(r'"foto/[\w-]+\.webp"', index)


@pytest.mark.unit
@pytest.mark.parametrize("bad", ["foto.contoh", "https://foto.contoh/\" onerror=\"x", "https://foto contoh/"])
def test_a_media_host_that_is_not_an_address_is_refused_in_indonesian(mini, tmp_path, bad):
    with pytest.raises(CatalogError) as raised:
        read_settings(ROOT / "mkdocs.yml", mini, out_dir=tmp_path / "site", media_url=bad)
    problem = raised.value.problems[0]
    assert (problem.file, problem.where) == ("mkdocs.yml", "extra.media_url") and "alamat lengkap" in problem.message
    good = read_settings(ROOT / "mkdocs.yml", mini, out_dir=tmp_path / "site", media_url="https://foto.contoh/a")
    assert (good.media_base, good.media_dir) == ("https://foto.contoh/a/", (tmp_path / "site-media").resolve())


@pytest.mark.browser
def test_a_phone_shows_every_photo_from_the_media_host(media_site, browser):
    _, _, media_url, base, _ = media_site
    page = browser.new_page(viewport={"width": 412, "height": 915})
    try:
        fetched = []
        page.on("requestfinished", lambda request: fetched.append(request.url))
        for path in ("ukm/batik-contoh/kemeja-batik-cap/", "kategori/batik/", "cari/?q=batik",
                     "daftar/?perbarui=batik-contoh"):  # the update form shows the photos the UKM has
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            images = page.eval_on_selector_all(
                "main img", "els => els.map(e => { e.scrollIntoView(); return e.currentSrc || e.src; })")
            page.wait_for_load_state("networkidle")
            loaded = page.eval_on_selector_all("main img", "els => els.map(e => e.complete && e.naturalWidth > 0)")
            assert images and all(loaded), (path, images, loaded)
            assert all(src.startswith(media_url) for src in images if "/foto/" in src), images
        assert any(url.startswith(media_url + "foto/") for url in fetched)
        assert not any(url.startswith(base + "foto/") for url in fetched)
    finally:
        page.close()
