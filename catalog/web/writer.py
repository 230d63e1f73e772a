"""Write pages: one page per URL, rendered from a template with links relative to the page itself.

Links and photos are written once, relative to the site root behind ROOT, and each page then swaps ROOT
for its own way up ("../../"): a product's card is rendered once, not once per listing it is on.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

import jinja2

from catalog.web import seo

ROOT = "\x00"  # stands for "the site root, seen from this page" until a page is written
# The folders of published photos and link previews: on a host of their own when the site names one
# (mkdocs.yml `extra.media_url`), so that a large catalogue's pages fit GitHub Pages (docs/kinerja.md).
MEDIA_FOLDERS = ("foto/", "bagikan/")


def rel(target: str) -> str:
    """Return a link to `target` (relative to the site root) that each page resolves from where it is."""
    return ROOT + target


class Page:
    """A generated page: its front matter and its body, HTML that is already escaped and final.

    `digest` stands for both: made with the page and kept with it in the page memo, the renderer keys its
    finished page on it (hashing 6,700 pages' text again took 0.8 s of every build at 5,000 products). A page
    taken from the memo has its body in `file` until something reads it: after one price change a build reads a
    few of 13,000 bodies, where holding them all took 540 MB at 10,000 products (docs/kinerja.md).
    """

    __slots__ = ("_body", "digest", "file", "meta")

    def __init__(self, meta: dict, body: str | None = None, digest: str = "", file: Path | None = None):
        self.meta = meta  # title, description and share image; the renderer adds its own keys (mkdocs_adapter.py)
        self._body = body
        self.file = file
        if not digest:
            assert body is not None, "a page is made with its body, or taken back with its digest and file"
            front = json.dumps(meta, ensure_ascii=False, sort_keys=True)
            digest = hashlib.sha256(f"{front}\0{body}".encode()).hexdigest()
        self.digest = digest

    @property
    def body(self) -> str:
        if self._body is None:
            assert self.file is not None
            self._body = self.file.read_text(encoding="utf-8")
        return self._body

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Page) and (self.meta, self.body) == (other.meta, other.body)

    __hash__ = None  # type: ignore[assignment]  # compared by content, like the dataclass it was

    def __repr__(self) -> str:
        return f"Page({self.meta!r}, digest={self.digest[:12]!r})"


class DuplicatePage(RuntimeError):
    """Two pages were made for one URL: a bug, since loading already refuses clashing slugs."""


def way_up(uri: str) -> str:
    """The relative way from the folder of the file at `uri` back to the site root: "", "../", "../../" …"""
    here = posixpath.dirname(uri)
    return "../" * here.count("/") + ("../" if here else "")


def page_uri(url: str) -> str:
    """Return the Markdown source path of the page at `url` (`ukm/` → `ukm/index.md`)."""
    return f"{url}index.md" if url.endswith("/") or not url else f"{url}.md"


class PageWriter:
    """Collect the showroom's pages by URL, refusing a second page at a URL already written."""

    def __init__(self, env: jinja2.Environment, site_url: str, share_images: dict[str, str], media_url: str = ""):
        self.env = env
        self.site_url = site_url
        self.media_url = media_url  # the host of MEDIA_FOLDERS when they are not in the site (with its last "/")
        self.share_images = share_images  # page URL -> the picture a shared link shows (1200 × 630)
        self.pages: dict[str, Page] = {}  # src_uri -> page, in the order written
        self._order: list[str] = []

    def add(self, uri: str, page: Page) -> None:
        """Keep `page` at `uri`; a page already there is never replaced."""
        self._refuse_taken(uri, page.meta.get("title"))
        self.pages[uri] = page
        self._order.append(uri)

    def write(self, url: str, template: str, title: str, description: str, trail: tuple | list = (),
              jsonld: tuple | list = (), **context) -> None:
        """Render `template` as the page at `url`, with its breadcrumb trail, JSON-LD and front matter."""
        uri = page_uri(url)
        self._refuse_taken(uri, html.escape(title))  # before rendering what could never be kept
        up = way_up(uri)
        trail_links = [(label, target) for label, target in trail] + [(title, None)]
        body = self.env.get_template(template).render(url=url, trail=trail_links, **context)
        if self.media_url:
            for folder in MEDIA_FOLDERS:
                body = body.replace(ROOT + folder, self.media_url + folder)
        body = body.replace(ROOT, up)
        meta = {"title": html.escape(title), "description": html.escape(description.strip())}
        if trail:
            crumbs = [("Beranda", "")] + [(label, target) for label, target in trail] + [(title, url)]
            jsonld = (*jsonld, seo.breadcrumbs(crumbs, self.site_url))
        if jsonld:
            body += "\n\n" + "".join(seo.script_json(item) for item in jsonld)  # in the body: front matter stays small
        if url in self.share_images:
            meta["og_image"] = seo.absolute(self.media_url or self.site_url, self.share_images[url])
        self.add(uri, Page(meta, body.strip()))

    def _refuse_taken(self, uri: str, title: str | None) -> None:
        if uri in self.pages:
            raise DuplicatePage(f"two pages for {uri}: {self.pages[uri].meta.get('title')!r}, then {title!r}")

    def mark(self) -> int:
        """Return a mark for `since`: how many pages are written so far."""
        return len(self._order)

    def since(self, mark: int) -> dict[str, Page]:
        """Return the pages written after `mark`, in the order written."""
        return {uri: self.pages[uri] for uri in self._order[mark:]}


@dataclass(frozen=True)
class ListPage:
    """One page of a long list: its number (from 1), its items, its URL and links to every page of the list."""

    number: int
    items: list
    url: str
    links: list[tuple[int, str]]  # (number, URL) of every page; empty when the list fits on one page


def paginate(items: list, url: str, per_page: int) -> list[ListPage]:
    """Split `items` into pages at url, url/2/, url/3/ …; an empty list still gets its first page."""
    chunks = [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
    urls = [url] + [f"{url}{n}/" for n in range(2, len(chunks) + 1)]
    links = list(enumerate(urls, start=1)) if len(urls) > 1 else []
    return [ListPage(n, chunk, here, links) for n, (chunk, here) in enumerate(zip(chunks, urls, strict=True), start=1)]
