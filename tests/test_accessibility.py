"""Real Chromium: axe-core finds no problem of any impact on any page type, and no page calls another host."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from catalog.read.load import load_catalog
from test_build import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"


def page_types() -> list[str]:
    """One page of each kind the site has, as paths from its root (the audits of issue 13 run over these)."""
    catalog = load_catalog(ROOT)
    product = max(catalog.products, key=lambda p: len(p.photos))  # a gallery that scrolls
    largest = Counter(p.data.kategori for p in catalog.products).most_common(1)[0][0]  # the one with a page 2
    return ["", "kategori/batik/", f"kategori/{largest}/2/", product.ukm.kecamatan.url, product.ukm.desa_url,
            "ukm/", product.ukm.url, product.url, "cari/?q=batik", "daftar/", f"daftar/?perbarui={product.ukm.slug}", "peta/", "statistik/", "data-terbuka/",
            "tentang/", "cara-bergabung/", "404.html"]


@pytest.mark.parametrize("path", page_types())
@pytest.mark.parametrize("width", [412, 1366])
def test_no_accessibility_violations(sample_site, serve, browser, path, width):
    assert AXE.is_file(), "axe-core missing: run tools/test.sh"
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(serve(sample_site) + path)
    if path.startswith("cari/"):
        page.wait_for_selector(".rk-cari[data-state=siap]", state="attached")  # results drawn: check them too
    if path.startswith("daftar/?"):
        page.wait_for_selector("fieldset.rk-f__produk")  # the form filled from the site: check it too
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert found == []
    page.close()


def test_whatsapp_button_works_by_keyboard(sample_site, serve, browser):
    product = load_catalog(ROOT).products[0]
    page = browser.new_page(viewport={"width": 412, "height": 900})
    page.goto(serve(sample_site) + product.url)
    button = page.get_by_role("link", name="Pesan via WhatsApp")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Pesan via WhatsApp":
            break
    else:
        pytest.fail("the WhatsApp button is not reachable with Tab")
    assert page.evaluate("document.activeElement.href") == button.get_attribute("href")


_FETCHING = {"script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
             "video": ("src", "poster"), "audio": ("src",), "object": ("data",), "embed": ("src",),
             "input": ("src",)}
_LINK_FETCHES = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}


class _Fetched(HTMLParser):
    """The addresses a page makes the browser fetch by itself: scripts, stylesheets and icons, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        names = _FETCHING.get(tag, ())
        if tag == "link" and set(values.get("rel", "").lower().split()) & _LINK_FETCHES:
            names = ("href",)
        for name in names:
            for part in values.get(name, "").split(","):
                if part.split():
                    self.urls.append(part.split()[0])
        self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", values.get("style", ""))


def fetched_elsewhere(html: str, host: str) -> list[str]:
    """The addresses on another host that `html` makes a browser fetch (its tags and its CSS)."""
    parser = _Fetched()
    parser.feed(html)
    css = " ".join(re.findall(r"<style[^>]*>(.*?)</style>", html, re.S))
    urls = parser.urls + re.findall(r"url\(\s*['\"]?([^'\")]+)", css) + re.findall(r"@import\s+['\"]([^'\"]+)", css)
    return [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss", "") and urlsplit(u).netloc
            not in ("", host)]


def test_no_page_requests_another_host(sample_site, serve, browser):
    """Every page type runs in Chromium (scripts included) and asks nothing of another host; every page of
    the site, read as HTML, names nothing on another host for the browser to fetch."""
    base = serve(sample_site)
    host = urlsplit(base).netloc
    outside: list[str] = []
    page = browser.new_page(viewport={"width": 412, "height": 900})
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).scheme in ("http", "https", "ws", "wss")
            and urlsplit(r.url).netloc != host else None)
    for path in page_types():
        page.goto(base + path, wait_until="load")
        page.mouse.wheel(0, 100_000)  # lazy images too
        page.wait_for_timeout(200)
    assert outside == []
    pages = sorted(p.relative_to(sample_site).as_posix() for p in sample_site.rglob("*.html"))
    assert len(pages) > 150
    for path in pages:
        html = (sample_site / path).read_text(encoding="utf-8")
        refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html)
        if refresh:  # short QR links (/p/<nomor>/) only redirect to a page of this site
            assert not re.match(r"^[a-z]+:|^//", refresh.group(1)), path
        outside += [f"{path}: {url}" for url in fetched_elsewhere(html, host)]
    assert outside == []
