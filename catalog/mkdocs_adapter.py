"""The only module that imports mkdocs: hooks that add the generated pages, and build/serve.

mkdocs.yml names this file under `hooks:`, so plain `mkdocs build` and `mkdocs serve` work
too. The CLI calls `build_site` and `serve_site`. To swap the renderer, replace this file.
"""

from __future__ import annotations

import calendar
import logging
import os
import shutil
import sys
import tempfile
from functools import cache, partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # mkdocs loads hooks by file path, not as part of the package
    sys.path.insert(0, str(ROOT))

from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.toc import get_toc  # noqa: E402

from catalog.printing import brochure
from catalog.web import offline
from catalog.photos import pipeline as photos
from catalog.web import search
from catalog.web import seo
from catalog.web import previews as share
from catalog import state  # noqa: E402
from catalog.web.docs import expand_docs  # noqa: E402
from catalog.errors import BuildFailed, CatalogError  # noqa: E402
from catalog.web.form import form_files  # noqa: E402
from catalog.read.load import load_catalog  # noqa: E402
from catalog.read.model import KATEGORI  # noqa: E402
from catalog.web.pages import Page, SiteInfo, card_photo_url, render  # noqa: E402

log = logging.getLogger("mkdocs.plugins.catalog")
DATA_ENV = "UKM_DATA_DIR"
BROCHURE_ENV = "UKM_BROSUR"  # "0": build without the brochure PDF (quicker; `serve` and most tests)


@cache
def _icon_dir() -> Path:
    import material
    return Path(material.__file__).parent / "templates" / ".icons"


@cache
def icon(name: str) -> str:
    """Return an SVG icon bundled with mkdocs-material, e.g. `fontawesome/brands/whatsapp`."""
    svg = (_icon_dir() / f"{name}.svg").read_text(encoding="utf-8")
    return svg.replace("<svg ", '<svg class="rk-icon" aria-hidden="true" focusable="false" ', 1)


def data_dir(config) -> Path:
    return Path(os.environ.get(DATA_ENV) or Path(config.config_file_path).parent).resolve()


def on_config(config):
    folder = data_dir(config)
    catalog, published = state.take_preloaded(folder)
    try:
        catalog = catalog or load_catalog(folder)
        # `mkdocs serve` and plain `mkdocs build` land here; a progress bar only on a terminal.
        published = published or photos.publish(catalog, progress=sys.stderr)
    except CatalogError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(f"{len(exc.problems)} masalah pada data katalog; perbaiki lalu bangun lagi")
    state.current, state.photos = catalog, published
    if catalog.edition:  # dates in the sitemap come from the data, so the same data gives the same bytes
        os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(catalog.edition.timetuple()))
    theme_dir = Path(config.config_file_path).parent / "theme"
    for path in (folder / "products", folder / "images", theme_dir):
        if path.is_dir() and str(path) not in config.watch:
            config.watch.append(str(path))
    generated = [
        {"Beranda": "index.md"},
        {"Kategori": ["kategori/index.md"] + [{label: f"kategori/{key}/index.md"} for key, label in KATEGORI.items()]},
        {"Wilayah": ["wilayah/index.md"] + [{k.name: f"{k.url}index.md"} for k in catalog.register.kecamatan]},
        {"UKM": "ukm/index.md"},
        {"Peta": "peta/index.md"},
    ]
    config.nav = generated + list(config.nav or [])
    return config


class _LinkedFile(File):
    """A file from a cache that is never changed in place (photos, link previews): hard-linked into the
    site instead of copied, which saves writing hundreds of megabytes at 5,000 products."""

    def copy_file(self, dirty: bool = False) -> None:
        output = Path(self.abs_dest_path)
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            output.unlink(missing_ok=True)  # `serve` rebuilds into the same folder
            os.link(self.abs_src_path, output)
        except OSError:  # another file system, or links not allowed: copy
            super().copy_file(dirty)


_generated: dict[str, Page] = {}  # src_uri -> page rendered by the catalogue, for the hooks below


def on_pre_page(page, config, files):
    """Hand mkdocs the catalogue's pages as they are: their HTML is final, so they skip Markdown.

    Feeding 6,700 HTML pages through Python-Markdown's raw-HTML parser took half of the build at
    5,000 products and changed nothing in them. Hand-written docs pages still go through Markdown.
    """
    made = _generated.get(page.file.src_uri)
    if made is not None:
        page.read_source = partial(_read_generated, page, made)
        page.render = partial(_render_generated, page, made)
    return page


def _read_generated(page, made: Page, config) -> None:
    page.markdown, page.meta = "", dict(made.meta)


def _render_generated(page, made: Page, config, files) -> None:
    page.content, page.toc = made.body, get_toc([])
    page.present_anchor_ids, page.links_to_anchors = set(), {}


def on_files(files: Files, config) -> Files:
    with_brochure = os.environ.get(BROCHURE_ENV, "1") != "0"
    # The brochure first: laying it out is the build's largest use of memory, and its memory is free
    # again for the pages; after them, the two would add up (5,000 products: 993 MB, see docs/kinerja.md).
    _add_print_files(files, config, with_brochure)
    info = SiteInfo(site_url=config.site_url or "", site_name=config.site_name,
                    demo=bool(config.extra.get("demo")), icon=icon,
                    brochure_url=brochure.SITE_PDF if with_brochure else None)
    with state.timed("bagikan"):
        previews = share.make(state.current, config.site_name)
    share_uris = {url: f"bagikan/{path.name}" for url, path in previews.items()}
    for uri, path in sorted({share_uris[url]: path for url, path in previews.items()}.items()):
        files.append(_LinkedFile.generated(config, uri, abs_src_path=str(path)))
    with state.timed("halaman"):
        rendered = render(state.current, info, state.photos, share_uris, remember=True)
    _generated.clear()
    _generated.update(rendered.pages)
    for src_uri in rendered.pages:
        files.append(File.generated(config, src_uri, content=""))  # read by on_pre_page's hooks instead
    for dest_uri, path in rendered.photos.items():
        files.append(_LinkedFile.generated(config, dest_uri, abs_src_path=path))
    for name, content in (("robots.txt", seo.robots(info.site_url)),
                          ("produk.json", seo.open_data(state.current, info.site_url)),
                          ("produk-baru.xml", seo.atom_feed(state.current, info.site_url, info.site_name))):
        files.append(File.generated(config, name, content=content))
    with state.timed("pencarian"):  # the search index: cari/data/ online, cari/indeks.js offline
        search_files = search.files(state.current, lambda photo: card_photo_url(photo, state.photos), remember=True)
    for dest_uri, content in search_files.items():
        files.append(File.generated(config, dest_uri, content=content))
    # The template owners copy, downloadable from the docs.
    files.append(File.generated(config, "templat/ukm-baru.yml", abs_src_path=str(ROOT / "templat" / "ukm-baru.yml")))
    # The web form (/daftar/) reads the schema, messages and village register from these.
    try:
        form = form_files(state.current, config.extra.get("admin_whatsapp"), config.extra.get("github_repo"))
    except CatalogError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(f"{len(exc.problems)} masalah pada mkdocs.yml; perbaiki lalu bangun lagi")
    for dest_uri, content in form.items():
        files.append(File.generated(config, dest_uri, content=content))
    return files


def _add_print_files(files: Files, config, with_brochure: bool) -> None:
    """Add the short links printed as QR codes and the full brochure; keep print-only theme files out of the site."""
    print_only = (ROOT / "theme" / "brochure", ROOT / "theme" / "fonts")
    for file in list(files):
        if file.abs_src_path and any(Path(file.abs_src_path).is_relative_to(d) for d in print_only):
            files.remove(file)
    site_url = (config.site_url or "").rstrip("/")
    site = brochure.SiteConfig(site_url + "/" if site_url else "", config.site_name, bool(config.extra.get("demo")))
    for dest_uri, page in brochure.redirect_pages(state.current, site).items():
        files.append(File.generated(config, dest_uri, content=page))
    if with_brochure:
        try:
            with state.timed("brosur"):
                pdf = brochure.site_brochure(state.current, site)
        except CatalogError as exc:
            for problem in exc.problems:
                log.error(str(problem))
            raise Abort(f"{len(exc.problems)} masalah saat membuat brosur; perbaiki lalu bangun lagi")
        files.append(File.generated(config, brochure.SITE_PDF, content=pdf))


def on_page_markdown(markdown: str, page, config, files) -> str:
    return expand_docs(markdown)


def build_site(config_file: Path, out_dir: Path, folder: Path, strict: bool = False) -> None:
    """Build into a temporary folder beside `out_dir`, then swap it in; a failed build leaves `out_dir` as it was."""
    out_dir = Path(out_dir).resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    os.environ[DATA_ENV] = str(Path(folder).resolve())
    try:
        config = load_config(str(config_file), site_dir=str(tmp), strict=strict)
        mkdocs_build(config)
        with state.timed("offline"):
            offline.make_zip(tmp, state.current.edition)  # the exhibition laptop's copy, inside the site
    except Abort as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildFailed(str(exc)) from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out_dir.with_name(f".{out_dir.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.exists():
        out_dir.rename(old)
    tmp.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)


def serve_site(config_file: Path, folder: Path, host: str, port: int) -> None:
    """Serve a live preview that rebuilds on edits to data, theme and docs."""
    from mkdocs.commands.serve import serve
    os.environ[DATA_ENV] = str(Path(folder).resolve())
    os.environ.setdefault(BROCHURE_ENV, "0")  # a preview rebuilds on every edit; `brochure` prints one
    serve(str(config_file), dev_addr=f"{host}:{port}", livereload=True)

