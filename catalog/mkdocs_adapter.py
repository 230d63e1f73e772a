"""The only module that imports mkdocs: hooks that add the generated pages, and build/serve.

mkdocs.yml names this file under `hooks:`, so plain `mkdocs build` and `mkdocs serve` work
too. The CLI calls `build_site` and `serve_site`. To swap the renderer, replace this file.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # mkdocs loads hooks by file path, not as part of the package
    sys.path.insert(0, str(ROOT))

from mkdocs.commands.build import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from catalog import state  # noqa: E402
from catalog.docs import expand_docs  # noqa: E402
from catalog.errors import BuildFailed, CatalogError  # noqa: E402
from catalog.load import load_catalog  # noqa: E402
from catalog.model import KATEGORI  # noqa: E402
from catalog.site import SiteInfo, render  # noqa: E402

log = logging.getLogger("mkdocs.plugins.catalog")
DATA_ENV = "UKM_DATA_DIR"


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
    try:
        catalog = state.take_preloaded(folder) or load_catalog(folder)
    except CatalogError as exc:
        for problem in exc.problems:
            log.error(str(problem))
        raise Abort(f"{len(exc.problems)} masalah pada data katalog; perbaiki lalu bangun lagi")
    state.current = catalog
    theme_dir = Path(config.config_file_path).parent / "theme"
    for path in (folder / "products", folder / "images", theme_dir):
        if path.is_dir() and str(path) not in config.watch:
            config.watch.append(str(path))
    generated = [
        {"Beranda": "index.md"},
        {"Kategori": ["kategori/index.md"] + [{label: f"kategori/{key}/index.md"} for key, label in KATEGORI.items()]},
        {"Wilayah": ["wilayah/index.md"] + [{k.name: f"{k.url}index.md"} for k in catalog.register.kecamatan]},
        {"UKM": "ukm/index.md"},
    ]
    config.nav = generated + list(config.nav or [])
    return config


def on_files(files: Files, config) -> Files:
    info = SiteInfo(site_url=config.site_url or "", site_name=config.site_name,
                    demo=bool(config.extra.get("demo")), icon=icon)
    rendered = render(state.current, info)
    for src_uri, markdown in rendered.pages.items():
        files.append(File.generated(config, src_uri, content=markdown))
    for dest_uri, path in rendered.photos.items():
        files.append(File.generated(config, dest_uri, abs_src_path=str(path)))
    # The template owners copy, downloadable from the docs.
    files.append(File.generated(config, "templat/ukm-baru.yml", abs_src_path=str(ROOT / "templat" / "ukm-baru.yml")))
    return files


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
    serve(str(config_file), dev_addr=f"{host}:{port}", livereload=True)

