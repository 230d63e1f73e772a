"""The renderer: the only module that knows mkdocs and mkdocs-material.

It reads mkdocs.yml through mkdocs' own config, places the catalogue's files (catalog/pipeline.py) in the
theme's site, and runs build and serve. `mkdocs_hooks.py` in the project root registers `CatalogPlugin`'s
events as mkdocs hooks, so plain `mkdocs build` and `mkdocs serve` (and ProperDocs, a drop-in fork) work too.
To swap the renderer, replace this file and `theme/`.
"""

from __future__ import annotations

import calendar
import dataclasses
import html
import json
import logging
import os
import posixpath
import re
import shutil
import sys
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path, PurePath
from urllib.parse import urljoin, urlsplit

from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemBytecodeCache
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkdocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_build_date
from mkdocs.utils.templates import TemplateContext

from catalog import cache as memo
from catalog.errors import BuildFailed, CatalogError
from catalog.pipeline import SiteFiles, prepare
from catalog.resources import FONTS_DIR, PACKAGE_DIR, PRINT_TEMPLATES_DIR, THEME_DIR
from catalog.settings import Settings
from catalog.web.docs import expand_docs
from catalog.web.pages import Page
from catalog.web.stylesheet import PARSING, PageStyles

log = logging.getLogger("mkdocs.plugins.catalog")
PRINT_ONLY = (PRINT_TEMPLATES_DIR, FONTS_DIR)  # theme files for the PDFs, not for the site
# Every catalogue page: material's table of contents has nothing to show. The left column goes too, and the
# catalogue takes its width, unless the page is one of a navigation section's list (the categories, the kecamatan):
# elsewhere it would hold one link (Beranda, UKM, Peta) or none (a UKM, a product, a desa, page 2 of a listing).
FRONT_MATTER = {"hide": ["navigation", "toc"]}
FRONT_MATTER_IN_SECTION = {"hide": ["toc"]}
# A catalogue page the theme finished in an earlier build: this template makes nothing, and the kept page is
# linked into the site (as every catalogue page is, from `<data>/.cache/situs/`).
FINAL_TEMPLATE = "catalog-kept-page.html"
# Linked files no docs page links to: the plugin links them itself after the build. Tens of thousands at
# 5,000 products; as mkdocs files they cost more than the pages (a File object, a path check, a copy each).
# The search index's pieces, the update form's data per UKM and the QR codes' redirects are made anew in
# every build, kept by their bytes (`StoredFiles`) and linked in the same way.
LINKED_AFTER = ("foto/", "bagikan/", "cari/data/", "daftar/data/", "p/")
# What the theme's wrapping of a page is made by, besides the page itself, mkdocs.yml, docs/ and the navigation.
WRAPPING = ("mkdocs", "mkdocs-material", "Jinja2", "MarkupSafe", "tinycss2", "Markdown", "pymdown-extensions")


def _quiet() -> None:
    """Hide mkdocs-material's end-of-life banner on every build: it says nothing about this site."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@cache
def _icon_dir() -> Path:
    import material

    return Path(material.__file__).parent / "templates" / ".icons"


@cache
def icon(name: str) -> str:
    """Return an SVG icon bundled with mkdocs-material, e.g. `fontawesome/brands/whatsapp`."""
    svg = (_icon_dir() / f"{name}.svg").read_text(encoding="utf-8")
    return svg.replace("<svg ", '<svg class="rk-icon" aria-hidden="true" focusable="false" ', 1)


def log_to_terminal(level: int) -> None:
    """Show the renderer's messages on stderr (our data problems during `serve`, warnings under --strict)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(level)


def page_meta(page: Page, in_section: bool = False) -> dict:
    """The front matter the theme reads for a catalogue page; `in_section`: listed in a navigation section."""
    return {**page.meta, **(FRONT_MATTER_IN_SECTION if in_section else FRONT_MATTER)}


def page_markdown(page: Page, in_section: bool = False) -> str:
    """The page as a Markdown document (JSON front matter, then the HTML), as mkdocs alone would read it."""
    # JSON is YAML too, and json.dumps is ~50× faster than yaml.safe_dump here.
    meta = page_meta(page, in_section)
    return "---\n" + json.dumps(meta, ensure_ascii=False, sort_keys=True) + "\n---\n\n" + page.body + "\n"


def site_settings(config_file: Path) -> dict:
    """Read what the build needs to know of the site from mkdocs.yml, through mkdocs' own config."""
    _quiet()
    config = load_config(str(config_file))
    extra = dict(config.extra or {})
    return {
        "site_url": config.site_url or "",
        "site_name": config.site_name,
        "demo": bool(extra.get("demo")),
        "admin_whatsapp": extra.get("admin_whatsapp"),
        "github_repo": extra.get("github_repo"),
        # Only `build_catalog.py build` publishes photos elsewhere: `mkdocs serve` shows them from the site.
        "media_url": str(extra.get("media_url") or ""),
    }


def _settings_of(config: MkDocsConfig, brochure: bool) -> Settings:
    """Settings for a build mkdocs started itself (`mkdocs build`/`serve`): the data beside mkdocs.yml."""
    folder = Path(config.config_file_path).resolve().parent
    extra = dict(config.extra or {})
    return Settings(
        data_dir=folder,
        config_file=Path(config.config_file_path),
        site_url=config.site_url or "",
        site_name=config.site_name,
        demo=bool(extra.get("demo")),
        admin_whatsapp=extra.get("admin_whatsapp"),
        github_repo=extra.get("github_repo"),
        out_dir=Path(config.site_dir),
        brochure=brochure,
    )


class _LinkedFile(File):
    """A file from a cache that is never changed in place (photos, link previews): hard-linked into the
    site instead of copied, which saves writing hundreds of megabytes at 5,000 products."""

    def copy_file(self, dirty: bool = False) -> None:
        output = Path(self.abs_dest_path)
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            output.unlink(missing_ok=True)  # `serve` rebuilds into the same folder
            os.link(str(self.abs_src_path), output)
        except OSError:  # another file system, or links not allowed: copy
            super().copy_file(dirty)


def problems_banner(problems: list[str]) -> str:
    """The box `serve` puts at the top of every page while the data has mistakes (styled inline: preview only)."""
    lines = html.escape("\n".join(problems))
    return (
        '<div class="rk-preview-errors" role="alert" style="padding:.8rem 1rem;background:#fde8e8;color:#5c0000;'
        'border-bottom:3px solid #b00020;font:15px/1.45 system-ui,sans-serif">'
        f"<strong>Data katalog belum bisa dipakai: {len(problems)} masalah.</strong> "
        "Halaman ini masih menampilkan data terakhir yang benar. Perbaiki lalu simpan berkasnya; "
        "pratinjau diperbarui sendiri."
        '<pre style="white-space:pre-wrap;margin:.5rem 0 0;font:14px/1.4 ui-monospace,monospace;background:none">'
        f"{lines}</pre></div>"
    )


_BODY = re.compile(r"<body[^>]*>")


class CatalogPlugin(BasePlugin):
    """Add the catalogue's pages and files to the site; state lives on the instance, one per hooks module."""

    def __init__(self) -> None:
        self.settings: Settings | None = None  # set by `serve_site`; else read from mkdocs.yml
        self.serving = False  # `serve`: a data mistake keeps the last good catalogue on show, with the mistake
        self.last_made: SiteFiles | None = None
        self.problems: list[str] = []  # the data's mistakes, shown at the top of every page while serving
        self.made: SiteFiles | None = None  # set by `render_site`; else made in on_config
        self._epoch_set = False
        self._rebuild_each_time = False
        self.sources: dict[str, Path] = {}  # dest_uri -> file, for the stylesheets and scripts a page links
        self.styles = PageStyles()
        self.kept: KeptPages | None = None  # the finished pages of earlier builds, set in on_config
        self.keys: dict[str, str] = {}  # src_uri -> the key of its finished page
        self.reused: set[str] = set()  # src_uri of the pages taken as kept
        self.links: dict[str, str] = {}  # dest_uri -> cache file: linked into the site after the build
        self.finished: dict[str, _FinishedPage] = {}  # src_uri -> a kept page outside the nav, not read by mkdocs
        self.files: Files | None = None  # the site's files, for the theme's templates
        self.listed: list | None = None  # the pages the theme's templates list, the finished ones too
        self.stored: StoredFiles | None = None  # the generated files' bytes, set in on_config

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.made is None:  # `mkdocs build`, or a rebuild of `serve`: run the catalogue's stages here
            self.made = self._prepare(self.settings or _settings_of(config, brochure=True))
            self._rebuild_each_time = True
        edition = self.made.catalog.edition
        if edition and "SOURCE_DATE_EPOCH" not in os.environ:
            # The sitemap's dates come from the data (the reproducible-builds convention), not the clock.
            os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(edition.timetuple()))
            self._epoch_set = True
        data_dir = self.made.catalog.data_dir
        self.styles = PageStyles(memo.Store(data_dir, "gaya", PARSING))  # `serve`: the theme's CSS may be edited
        for path in (data_dir / "products", data_dir / "images", THEME_DIR):
            if path.is_dir() and str(path) not in config.watch:
                config.watch.append(str(path))
        config.nav = [nav_entry(item) for item in self.made.nav] + list(config.nav or [])
        # Finished pages are kept for `build`; `serve` writes every page (with the data's problems, if any).
        self.kept = None if self.serving else KeptPages(data_dir, self._wrapping(config))
        self.stored = StoredFiles(data_dir)
        self.keys, self.reused, self.links, self.finished = {}, set(), {}, {}
        _skipped.plugin = self
        return config

    def _prepare(self, settings: Settings) -> SiteFiles:
        """Run the catalogue's stages; in `serve`, a data mistake keeps the last good catalogue and is shown."""
        try:
            made = prepare(settings, icon, progress=sys.stderr)
        except CatalogError as exc:
            for problem in exc.problems:
                log.error(str(problem))
            if not (self.serving and self.last_made):
                raise Abort(f"{len(exc.problems)} masalah pada data katalog; perbaiki lalu bangun lagi") from None
            self.problems = [str(p) for p in exc.problems]
            return self.last_made
        self.problems = []
        if self.serving:
            self.last_made = made
        return made

    def on_startup(self, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        self.serving, self.last_made, self.problems = False, None, []

    def _wrapping(self, config: MkDocsConfig) -> str:
        """A digest of everything the theme puts around a catalogue page, besides the page itself."""
        assert self.made is not None
        sources = (PACKAGE_DIR, THEME_DIR, Path(config.config_file_path), Path(config.docs_dir))
        in_nav = [self.made.pages[uri].meta for uri in _nav_uris(self.made.nav) if uri in self.made.pages]
        renderer = type(config).__module__.split(".")[0]  # mkdocs, or a drop-in fork such as ProperDocs
        made_by = memo.digest_now(memo.Depends(sources, (*WRAPPING, renderer)))
        return memo.key(made_by, renderer, config.site_url, config.use_directory_urls, repr(config.nav), in_nav,
                        os.environ.get("SOURCE_DATE_EPOCH"))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.made is not None
        for file in list(files):
            if file.abs_src_path and any(Path(file.abs_src_path).is_relative_to(d) for d in PRINT_ONLY):
                files.remove(file)
        assert self.stored is not None
        generated = self.stored.store(self.made.contents)
        for dest_uri, path in {**generated, **self.made.linked}.items():
            if dest_uri.startswith(LINKED_AFTER):
                self.links[dest_uri] = path
            else:
                files.append(_LinkedFile.generated(config, dest_uri, abs_src_path=path))
        in_nav = self._placed_by_mkdocs(config)
        for src_uri, made in self.made.pages.items():
            if self.kept is not None and in_nav is not None and src_uri not in in_nav:
                # Outside the navigation a page has no section, so its key is known before mkdocs reads it.
                key = self.keys[src_uri] = self.kept.key(src_uri, made)
                if self.kept.has(key):
                    files.append(self.finished.setdefault(src_uri, _FinishedPage(src_uri, config)))
                    continue
            files.append(File.generated(config, src_uri, content=""))  # read by on_pre_page's hooks instead
        self.sources = {  # the theme's and docs' stylesheets and scripts, not the catalogue's generated ones
            f.dest_uri: Path(f.abs_src_path) for f in files
            if f.abs_src_path and f.dest_uri.endswith((".css", ".js")) and f.dest_uri not in generated
        }
        return files

    def _placed_by_mkdocs(self, config: MkDocsConfig) -> set[str] | None:
        """The pages mkdocs must read itself, those of the navigation; None: every page, because the navigation
        is made from the files or another plugin reads each page (a search index, a blog)."""
        if config.nav is None or _page_readers(config, self):
            return None
        return _nav_paths(config.nav)

    def on_pre_page(self, page: MkdocsPage, config: MkDocsConfig, files: Files) -> MkdocsPage:
        """Hand mkdocs the catalogue's pages as they are: their HTML is final, so they skip Markdown.

        Feeding 6,700 HTML pages through Python-Markdown's raw-HTML parser took half of the build at
        5,000 products and changed nothing in them. Hand-written docs pages still go through Markdown.
        """
        made = self.made.pages.get(page.file.src_uri) if self.made else None
        if made is not None:
            page.read_source = partial(self._read_generated, page, made)  # type: ignore[method-assign]
            page.render = partial(_render_generated, page, made)  # type: ignore[method-assign]
        return page

    def _read_generated(self, page: MkdocsPage, made: Page, config: MkDocsConfig) -> None:
        # mkdocs has built the navigation by now: a page in a section has a parent.
        page.markdown, page.meta = "", page_meta(made, in_section=page.parent is not None)
        if self.kept is not None:
            src_uri = page.file.src_uri
            if src_uri not in self.keys:  # a page of the navigation (else on_files made its key)
                self.keys[src_uri] = self.kept.key(src_uri, made, in_section=page.parent is not None)
            key = self.keys[src_uri]
            if self.kept.has(key):  # finished in an earlier build: the theme hands it through
                page.meta = {**page.meta, "template": FINAL_TEMPLATE}
                self.reused.add(page.file.src_uri)

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self.files, self.listed = files, None
        assert env.loader is not None  # mkdocs gives the theme's loader
        env.loader = ChoiceLoader([DictLoader({FINAL_TEMPLATE: ""}), env.loader])
        if self.made is not None:  # the theme's templates compiled once, not in every build (Jinja checks their source)
            compiled = memo.root(self.made.catalog.data_dir) / "jinja"
            compiled.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
        return env

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """List the finished pages too where mkdocs lists the pages for the theme's templates (sitemap.xml)."""
        if self.finished and self.files is not None:
            if self.listed is None:  # once for sitemap.xml and 404.html
                date = get_build_date()  # as mkdocs dates every page
                self.listed = [
                    (_Listed.of(file, config.site_url, date) if isinstance(file, _FinishedPage) else file)
                    for file in self.files
                    if (file.is_documentation_page() or isinstance(file, _FinishedPage))
                    and file.inclusion.is_included()
                ]
            context["pages"] = self.listed
        return context

    def on_page_markdown(self, markdown: str, page: MkdocsPage, config: MkDocsConfig, files: Files) -> str:
        return expand_docs(markdown, self.made.media_url if self.made else "")

    def on_post_page(self, output: str, page: MkdocsPage, config: MkDocsConfig) -> str:
        """Give a catalogue page the CSS it uses inline, in place of the stylesheets that block its first paint.

        A product page's HTML and the theme's whole stylesheet were 33 KB with gzip; with only the rules the
        page can use, both arrive in the first 14 KB a new connection sends (benchmarks/first_paint.py).
        """
        src_uri = page.file.src_uri
        if self.serving and self.problems:
            output = _BODY.sub(lambda m: m[0] + problems_banner(self.problems), output, count=1)
        if not (self.made and src_uri in self.made.pages):
            return output
        if self.kept is None:  # serve: every page is written, with the data's problems when it has some
            return inline_styles(output, page.file.dest_uri, self.sources, self.styles)
        key = self.keys[src_uri]
        if src_uri not in self.reused:
            self.kept.write(key, inline_styles(output, page.file.dest_uri, self.sources, self.styles))
        self.links[page.file.dest_uri] = str(self.kept.use(key))
        return ""  # mkdocs writes nothing; on_post_build links the kept page

    def on_post_build(self, config: MkDocsConfig) -> None:
        if config is None and self.made is not None:  # the build failed: what is still being made is not wanted
            self.made.cancel_later()
        if config is not None:
            if self.made is not None:  # the files made beside the renderer (the brochure), waited for here
                self.links.update({uri: str(making.result()) for uri, (_, making) in self.made.later.items()})
            if self.kept is not None:
                for src_uri, file in self.finished.items():
                    if file.inclusion.is_included():  # else mkdocs would not have written it either
                        self.links[file.dest_uri] = str(self.kept.use(self.keys[src_uri]))
            link_files(Path(config.site_dir), self.links)  # kept pages, generated files, photos, link previews
            if self.kept is not None:
                self.kept.prune()
            if self.stored is not None:
                self.stored.prune()
            self.styles.save()
        self.kept, self.links, self.finished, self.files, self.stored, self.listed = None, {}, {}, None, None, None
        if self._rebuild_each_time:
            self.made = None  # `serve` reads the data again on the next edit
        if self._epoch_set:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._epoch_set = False

    def on_build_error(self, error: Exception) -> None:
        self.on_post_build(None)  # type: ignore[arg-type]


class _FinishedPage(File):
    """A catalogue page kept from an earlier build and outside the navigation: among the site's files, so links
    to it resolve and the sitemap lists it, but mkdocs neither reads, wraps nor copies it (it is linked after).

    With nothing changed, mkdocs' page objects, page events and template calls were most of a build's time, for
    pages whose HTML it only handed through. Pages of the navigation still go through mkdocs: their wrapping
    depends on their place in it.
    """

    def __init__(self, src_uri: str, config: MkDocsConfig) -> None:
        # Not File.__init__: its path parsing, 6,700 times, costs more than the sitemap. Our src_uri is clean.
        self.src_uri, self.src_dir, self.dest_dir = src_uri, None, config.site_dir
        self.use_directory_urls = config.use_directory_urls
        self.dest_uri = page_dest_uri(src_uri, config.use_directory_urls)
        self.inclusion, self.generated_by = InclusionLevel.UNDEFINED, "catalog"

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        pass  # on_post_build links the kept page


def page_dest_uri(src_uri: str, use_directory_urls: bool) -> str:
    """Where mkdocs writes the page of `src_uri` (`ukm/a/index.md` → `ukm/a/index.html`, `a.md` → `a/index.html`)."""
    parent, filename = posixpath.split(src_uri)
    stem = posixpath.splitext(filename)[0]
    stem = "index" if stem == "README" else stem
    if not use_directory_urls or stem == "index":
        return posixpath.join(parent, stem + ".html")
    return posixpath.join(parent, stem, "index.html")


@dataclass(frozen=True)
class _Listed:
    """A finished page as the theme's templates read a listed file (`file.page.abs_url`): what mkdocs' `Page`
    gives them, without building one for each of 6,700 pages."""

    canonical_url: str | None
    abs_url: str | None
    update_date: str
    is_link: bool = False

    @classmethod
    def of(cls, file: File, site_url: str | None, date: str) -> _Listed:
        url = "" if file.url in (".", "./") else file.url  # as mkdocs' Page.url
        if not site_url:
            return cls(None, None, date)
        base = site_url if site_url.endswith("/") else site_url + "/"
        parts = urlsplit(base)
        if _PLAIN_URL.fullmatch(url) and not (parts.query or parts.fragment or ";" in parts.path):
            return cls(base + url, parts.path + url, date)  # what urljoin gives here, at a tenth of its cost
        canonical = urljoin(base, url)
        return cls(canonical, urlsplit(canonical).path, date)

    @property
    def page(self) -> _Listed:
        return self


_PLAIN_URL = re.compile(r"(?:[A-Za-z0-9_-]+/)*")  # folders of plain names, as the catalogue's pages have


# Plugin events that see every page: a plugin (other than ours) listening to one needs every page read by mkdocs.
PAGE_EVENTS = ("pre_page", "page_markdown", "page_content", "page_context", "post_page")


def _page_readers(config: MkDocsConfig, plugin: CatalogPlugin) -> list:
    return [method for event in PAGE_EVENTS for method in config.plugins.events.get(event, [])
            if getattr(method, "__self__", None) is not plugin]


def _nav_paths(item: object) -> set[str]:
    """Every path the navigation names, as mkdocs looks it up among the files (`/x.md` as `x.md` too)."""
    if isinstance(item, str):
        path = PurePath(item).as_posix()
        return {path, path.lstrip("/")}
    values = list(item.values()) if isinstance(item, dict) else list(item) if isinstance(item, list) else []
    return set().union(*(_nav_paths(value) for value in values))


class KeptPages:
    """Catalogue pages as the theme finished them (stylesheets inlined), in `<data>/.cache/situs/<key>.html`.

    The key is a digest of the page (its address, front matter and HTML) and of its wrapping: mkdocs.yml,
    docs/, theme/, the catalogue's code, the navigation and the titles in it, the site's date and the versions
    of mkdocs, the theme and the libraries that make the page. A page whose key is kept is not wrapped again:
    with nothing changed, 6,700 pages at 5,000 products are read, not rendered and cut (docs/kinerja.md).
    """

    def __init__(self, data_dir: Path, wrapping: str):
        self.folder = memo.Folder(memo.root(data_dir) / "situs")
        self.present = self.folder.names()
        self.wrapping = wrapping
        self.used: set[str] = set()

    def key(self, src_uri: str, page: Page, in_section: bool = False) -> str:
        """The key of `page` at `src_uri` as the theme finishes it (`page_meta`'s front matter: a constant of the
        code, which the wrapping covers, chosen by `in_section`)."""
        return memo.key(self.wrapping, src_uri, in_section, page.digest)[:40]

    def has(self, key: str) -> bool:
        return f"{key}.html" in self.present

    def use(self, key: str) -> Path:
        self.used.add(f"{key}.html")
        return self.folder.file(f"{key}.html")

    def write(self, key: str, html: str) -> None:
        # As mkdocs writes a page: characters UTF-8 cannot hold become character references.
        self.folder.write(f"{key}.html", html.encode("utf-8", errors="xmlcharrefreplace"))

    def prune(self) -> None:
        self.folder.prune(self.used)


class StoredFiles:
    """The catalogue's generated files in `<data>/.cache/berkas/`, each named by a digest of its bytes.

    Linked into the site, not written: at 200 UKMs a build writes 3,500 small files (search index, form data,
    redirects), and writing one took ten times as long as linking it (docs/kinerja.md).
    """

    def __init__(self, data_dir: Path):
        self.folder = memo.Folder(memo.root(data_dir) / "berkas")
        self.used: set[str] = set()

    def store(self, contents: dict[str, str | bytes]) -> dict[str, str]:
        """Keep each file's bytes (those not kept yet); return dest_uri -> the kept file."""
        present = self.folder.names()
        stored = {}
        for dest_uri, content in contents.items():
            data = content.encode("utf-8") if isinstance(content, str) else content  # as mkdocs writes it
            name = memo.key(data)[:40] + ".bin"
            if name not in present:
                self.folder.write(name, data)
                present.add(name)
            self.used.add(name)
            stored[dest_uri] = str(self.folder.file(name))
        return stored

    def prune(self) -> None:
        self.folder.prune(self.used)


def link_files(site_dir: Path, links: dict[str, str]) -> None:
    """Hard-link each cache file of `links` into the site at its dest_uri (copy where links cannot be made)."""
    made: set[str] = set()
    root = os.path.join(site_dir, "")
    for dest_uri, source in links.items():
        # Strings joined, not os.path: 80,000 links at 5,000 products, where its calls cost half as much as the links.
        target = root + dest_uri
        folder = target[:target.rfind("/")]
        if folder not in made:
            try:
                os.mkdir(folder)  # its parent is there most often: makedirs would look for it first
            except FileExistsError:
                pass
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            os.link(source, target)
        except FileExistsError:  # a file of the theme's at the same place: the catalogue's wins, as in on_files
            os.unlink(target)
            os.link(source, target)
        except OSError:  # another file system, or links not allowed
            shutil.copyfile(source, target)


class _SkippedPages(logging.Filter):
    """Hide mkdocs' "Page skipped" note for the catalogue pages the plugin links itself (all of them)."""

    plugin: CatalogPlugin | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        message = str(record.msg)
        if self.plugin is None or not message.startswith("Page skipped: '"):
            return True
        return message.split("'")[1] not in (self.plugin.made.pages if self.plugin.made else {})


_skipped = _SkippedPages()
logging.getLogger("mkdocs.commands.build").addFilter(_skipped)


def _nav_uris(items: list) -> list[str]:
    found = []
    for item in items:
        target = item if isinstance(item, str) else item[1]
        found += [target] if isinstance(target, str) else _nav_uris(target)
    return found


def nav_entry(item: tuple | str) -> dict | str:
    if isinstance(item, str):
        return item
    title, target = item
    return {title: target if isinstance(target, str) else [nav_entry(child) for child in target]}


def _render_generated(page: MkdocsPage, made: Page, config: MkDocsConfig, files: Files) -> None:
    page.content, page.toc = made.body, get_toc([])
    page.present_anchor_ids, page.links_to_anchors = set(), {}


_STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)">\s*')
_SCRIPT = re.compile(r'<script src="([^"]+)"')


def inline_styles(html: str, dest_uri: str, sources: dict[str, Path], styles: PageStyles) -> str:
    """Replace the page's stylesheet links by one <style> holding the rules the page (and its scripts) can use."""
    head_end = html.index("</head>")
    links = [m for m in _STYLESHEET.finditer(html, 0, head_end)]
    if not links:
        return html

    def source(href: str) -> Path | None:
        return sources.get(posixpath.normpath(posixpath.join(posixpath.dirname(dest_uri), href.split("?")[0])))

    found = [source(m[1]) for m in links]
    sheets = [path for path in found if path is not None]
    if len(sheets) < len(found):  # a stylesheet from elsewhere: leave the page as the theme made it
        return html
    scripts = [path for m in _SCRIPT.finditer(html) if (path := source(m[1]))]
    css = styles.inline(html, sheets, scripts)
    if "</style" in css.lower():  # would end the <style> element early
        raise BuildFailed(f"{dest_uri}: stylesheet holds '</style' and cannot be inlined")
    start, end = links[0].start(), links[-1].end()
    between = _STYLESHEET.sub("", html[start:end])  # whatever sat between the links stays
    return html[:start] + f"<style>{css}</style>\n" + between + html[end:]


def _plugin(config: MkDocsConfig) -> CatalogPlugin:
    """The plugin instance of the hooks module mkdocs.yml names."""
    for hooks in config.plugins.values():
        found = getattr(hooks, "plugin", None)
        if isinstance(found, CatalogPlugin):
            return found
    raise BuildFailed(f"{config.config_file_path}: `hooks:` harus memuat mkdocs_hooks.py")


def render_site(settings: Settings, made: SiteFiles, site_dir: Path) -> None:
    """Render the theme's site with the catalogue's files into `site_dir`; raise BuildFailed when mkdocs aborts."""
    _quiet()
    config = load_config(str(settings.config_file), site_dir=str(site_dir), strict=settings.strict)
    plugin = _plugin(config)
    plugin.made = made
    try:
        mkdocs_build(config)
    except Abort as exc:
        raise BuildFailed(str(exc)) from None
    finally:
        plugin.made = None


def serve_site(settings: Settings, host: str, port: int) -> None:
    """Serve a live preview that rebuilds on edits to data, theme and docs."""
    from mkdocs.commands.serve import serve

    _quiet()
    # The same hooks module serves every rebuild. The preview shows the photos itself, whatever host the site names.
    _plugin(load_config(str(settings.config_file))).settings = dataclasses.replace(settings, media_url="")
    serve(str(settings.config_file), dev_addr=f"{host}:{port}", livereload=True)
