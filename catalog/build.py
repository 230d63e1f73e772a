"""Build the showroom: the catalogue's stages, then the renderer, then the offline copy, then swap the site in.

    settings = read_settings(Path("mkdocs.yml"), data_dir=Path("."))
    built = build(settings)

The CLI, the benchmarks and the tests call these; the renderer's own `mkdocs build` runs the same
stages through the hooks in catalog/mkdocs_adapter.py.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from catalog import cache
from catalog import mkdocs_adapter as renderer
from catalog.background import release_freed_memory, young_collections_only
from catalog.core import Catalog
from catalog.photos import store
from catalog.photos.publish import PublishedPhotos
from catalog.pipeline import LATER_STAGE, ShardWork, SiteFiles, Timings, peak_mb, prepare, prepare_shard
from catalog.settings import Settings
from catalog.web import offline, previews
from catalog.web.site_tree import SiteTree


@dataclass(frozen=True)
class Built:
    """What one build made: where the site is, what it holds, and how long each stage took."""

    settings: Settings
    site_dir: Path
    catalog: Catalog
    photos: PublishedPhotos
    pages: int  # catalogue pages (hand-written docs pages not counted)
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)  # this process's peak memory when each stage ended
    # stage -> seconds it ran in a process of its own beside the build (its entry in `timings`: what the build
    # spent starting it and waiting for it)
    beside: dict[str, float] = field(default_factory=dict)
    # what is published, "site" and (with a media host) "media": its files and the bytes of its tar (SiteTree)
    published: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def ukms(self) -> int:
        return len(self.catalog.ukms)

    @property
    def products(self) -> int:
        return len(self.catalog.products)

    @property
    def renderer_seconds(self) -> float:
        """The time not spent in a stage of ours: the renderer placing and wrapping every page."""
        return self.seconds - sum(self.timings.values())


def read_settings(config_file: Path, data_dir: Path, **options: Any) -> Settings:
    """Make the build's settings from mkdocs.yml (read by the renderer) and the command line's `options`."""
    site = renderer.site_settings(Path(config_file))
    return Settings(data_dir=Path(data_dir).resolve(), config_file=Path(config_file).resolve(),
                    **(site | options)).checked()


def build(settings: Settings, progress: TextIO | None = sys.stderr) -> Built:
    """Build the site into `settings.out_dir`; raise CatalogError or BuildFailed and leave the old site as it was."""
    with young_collections_only():
        return _build(settings, progress)


def _build(settings: Settings, progress: TextIO | None) -> Built:
    started = time.perf_counter()
    timings = Timings()
    beside: dict[str, float] = {}
    use_caches(settings)
    made = prepare(settings, renderer.icon, timings, progress)  # every data problem is found before anything is written
    with contextlib.ExitStack() as swaps:
        # Waited for as late as can be, in the offline copy, which holds them last: not by the renderer.
        later = dict(made.later)
        made.later.clear()
        # A failed build stops the brochure's process; a whole one has waited for it.
        swaps.callback(lambda: [making.cancel() for _, making in later.values()])
        # Both folders are swapped in only when both are whole: the media host's first (entered last, left first).
        site_dir = swaps.enter_context(staging(Path(settings.out_dir)))
        media = None
        if settings.media_dir is not None:
            media = offline.Media(swaps.enter_context(staging(settings.media_dir)), settings.media_base)
            renderer.link_files(media.folder, made.media)
        renderer.render_site(settings, made, site_dir)
        timings.peak_mb["mkdocs"] = peak_mb()  # the renderer's time is what the stages leave, its memory is this
        # The pages are in the site now. Let them go before the offline copy, whose list of entries can then use
        # their memory instead of adding to the peak (10,000 products: about 400 MB of pages, 157,000 entries).
        pages = len(made.pages)
        for placed in (made.pages, made.contents, made.linked, made.media):  # 157,000 entries at 10,000 products
            placed.clear()
        gc.collect()  # the renderer's pages and files, which hold each other: outlived the young collections
        release_freed_memory()
        for _, making in later.values():  # the brochure's join (200 MB at 5,000 products) may now use that memory
            making.open_gate()
        with timings("offline"):
            # The exhibition laptop's copy, in the site (or beside the photos on their host); kept in the cache,
            # reused while the site is the same. One walk lists the site for it and for the size report.
            trees = {"site": SiteTree(site_dir)}
            if media is not None:
                media = dataclasses.replace(media, tree=trees.setdefault("media", SiteTree(media.folder)))
            offline.make_zip(trees["site"], made.catalog.edition, cache.root(settings.data_dir) / "offline", media,
                             {uri: (path, making.result) for uri, (path, making) in later.items()})
        renderer.link_files(site_dir, {uri: str(making.result()) for uri, (_, making) in later.items()})
        for uri in later:  # placed since the walk, as the offline copy
            trees["site"].add(uri)
        trees["media" if media is not None else "site"].add(offline.NAME)
        for _, making in later.values():  # the offline stage waited for them: count that as theirs
            timings["offline"] -= making.waited
            timings[LATER_STAGE] = timings.get(LATER_STAGE, 0.0) + making.waited
            if making.seconds:
                beside[LATER_STAGE] = beside.get(LATER_STAGE, 0.0) + making.seconds
    published = {role: (len(tree.files), tree.tar_bytes()) for role, tree in trees.items()}
    return _built(settings, made, timings, time.perf_counter() - started, pages, beside, published)


def build_shard(settings: Settings, progress: TextIO | None = sys.stderr) -> tuple[ShardWork, dict[str, float]]:
    """Do the photo work and link previews of one shard of a matrix build (`settings.shard`) into its cache;
    `build` with `cache_from` naming every shard's cache then assembles the site without image work."""
    timings = Timings()
    with young_collections_only():
        use_caches(settings)
        return prepare_shard(settings, timings, progress), dict(timings)


def use_caches(settings: Settings) -> None:
    """Keep this run's caches in `settings.cache_dir` (else `<data>/.cache/`), and bring the shards' photos and
    link previews (`settings.cache_from`) into them: hard links, named by content, so no image work is redone."""
    cache.place(settings.data_dir, settings.cache_dir)
    if settings.cache_from:
        cache.merge(cache.root(settings.data_dir), settings.cache_from, (store.FOLDER, previews.FOLDER))


GITHUB_PAGES_BYTES = 1_000_000_000  # "Published GitHub Pages sites may be no larger than 1 GB" (docs/kinerja.md)


def published_size(site_dir: Path) -> tuple[int, int]:
    """The files of a built site and the bytes of the tar GitHub Pages receives for it (SiteTree.tar_bytes)."""
    tree = SiteTree(site_dir)
    return len(tree.files), tree.tar_bytes()


def _built(settings: Settings, made: SiteFiles, timings: Timings, seconds: float, pages: int,
           beside: dict[str, float], published: dict[str, tuple[int, int]]) -> Built:
    return Built(settings, Path(settings.out_dir).resolve(), made.catalog, made.photos, pages, seconds,
                 dict(timings), dict(timings.peak_mb), beside, published)


@contextmanager
def staging(out_dir: Path) -> Iterator[Path]:
    """Yield a new folder beside `out_dir`; when the block succeeds it replaces `out_dir`, else it is deleted.

    The replaced site is deleted by a process of its own, after this build has returned: at 5,000 products
    deleting its ~90,000 files took as long as rendering the site. A copy a killed build left behind is
    deleted the same way by the next build.
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    for left in out_dir.parent.glob(f".{out_dir.name}-old-*"):
        delete_later(left)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    tmp.chmod(0o777 & ~_umask())  # as any new folder, not mkdtemp's 0700: a web server reads the site as another user
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if out_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-old-", dir=out_dir.parent))
        out_dir.rename(old / out_dir.name)
        delete_later(old)
    tmp.rename(out_dir)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def delete_later(folder: Path) -> None:
    """Delete `folder` in a process of its own, which outlives this one."""
    code = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    subprocess.Popen([sys.executable, "-c", code, str(folder)], start_new_session=True, stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def serve(settings: Settings, host: str, port: int) -> None:
    """Serve a live preview that rebuilds on edits to the data, theme and docs."""
    renderer.serve_site(settings, host, port)
