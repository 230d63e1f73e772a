"""The catalogue's part of a build, stage by stage: read → photos → print → previews → pages → data files.

Everything here is made in memory (or in the caches under `<data>/.cache/`) and returned as `SiteFiles`;
nothing is written into a site. The renderer (catalog/mkdocs_adapter.py) places these files in the
theme's site, and `catalog.build.build` runs both and swaps the finished site into place.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from catalog import cache
from catalog.background import Background, Done
from catalog.core import Catalog, Ukm
from catalog.photos.publish import PublishedPhotos, publish
from catalog.printing import brochure
from catalog.read.load import load_catalog
from catalog.read.model import CATEGORIES
from catalog.resources import TEMPLATE_FILE
from catalog.settings import Settings
from catalog.web import form, opendata, previews, search, seo
from catalog.web.pages import Page, SiteInfo, card_photo_url, form_photo_url, render
from catalog.web.writer import MEDIA_FOLDERS

# The sections a visitor browses, before the hand-written pages of mkdocs.yml's nav.
NavItem = tuple[str, "str | list[NavItem]"]  # (title, page src_uri) or (title, [items]); a bare uri has no title


class Timings(dict):
    """Seconds per stage of one build, in the order the stages ran; `peak_mb`: this process's peak memory
    (resident, MB) when each stage ended, so the stage that raised it shows (workers are not counted)."""

    def __init__(self) -> None:
        super().__init__()
        self.peak_mb: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self[stage] = self.get(stage, 0.0) + time.perf_counter() - started
            self.peak_mb[stage] = peak_mb()


def peak_mb() -> float:
    """This process's peak resident memory so far, in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass
class SiteFiles:
    """Everything the catalogue adds to the site, keyed by the path each file gets in the site."""

    catalog: Catalog
    photos: PublishedPhotos
    pages: dict[str, Page]  # src_uri -> a page whose HTML is final (the theme only wraps it)
    contents: dict[str, str | bytes] = field(default_factory=dict)  # dest_uri -> what the file holds
    linked: dict[str, str] = field(default_factory=dict)  # dest_uri -> a cache file never changed in place
    # dest_uri -> cache file, for the media host when the site names one (Settings.media_url): photos, previews
    media: dict[str, str] = field(default_factory=dict)
    media_url: str = ""  # that host's address (Settings.media_base), "" when they are in the site
    # dest_uri -> a cache file (named before it is made) and its making, perhaps in a process of its own (the
    # brochure): linked when it is done, as late as the build can wait
    later: dict[str, tuple[Path, Background[Path] | Done[Path]]] = field(default_factory=dict)
    nav: list = field(default_factory=list)  # NavItem: the generated sections of the navigation

    def cancel_later(self) -> None:
        """Stop making the files still being made: the build failed."""
        for _, making in self.later.values():
            making.cancel()


def read_and_publish(settings: Settings, timings: Timings,
                     progress: TextIO | None = None) -> tuple[Catalog, PublishedPhotos]:
    """Read and validate the catalogue, then publish its photos; raise CatalogError listing every problem."""
    with timings("data"):
        catalog = load_catalog(settings.data_dir)
    with timings("foto"):
        published = publish(catalog, progress=progress)
    return catalog, published


LATER_STAGE = "brosur"  # the stage the files made beside the build (SiteFiles.later) count in: the brochures

Icon = Callable[[str], str]  # the renderer's icon set: a name such as `fontawesome/brands/whatsapp` -> inline SVG


def make_site_files(settings: Settings, catalog: Catalog, published: PublishedPhotos, timings: Timings,
                    icon: Icon) -> SiteFiles:
    """Make every page and data file of the catalogue; raise CatalogError on a problem found on the way."""
    made = SiteFiles(catalog, published, {})
    # The brochure first: laying it out is the build's largest use of memory, and its memory is free
    # again for the pages; after them, the two would add up (5,000 products: 993 MB, see docs/kinerja.md).
    print_site = brochure.SiteConfig(settings.base_url, settings.site_name, settings.demo)
    made.contents.update(brochure.redirect_pages(catalog, print_site))
    pdfs = brochure.site_pdfs(catalog) if settings.brochure else {}
    if pdfs:
        with timings("brosur"):  # after a small change, made beside what follows: see brochure.site_brochure
            made.later.update(brochure.site_brochures(catalog, print_site, pdfs))
    try:
        with timings("bagikan"):
            share_paths = previews.make(catalog, settings.site_name)
        share_uris = {url: f"bagikan/{path.name}" for url, path in share_paths.items()}
        made.linked.update({share_uris[url]: str(path) for url, path in share_paths.items()})
        brochures = tuple((v.kecamatan.code if v.kecamatan else "", uri, v.label) for uri, v in pdfs.items())
        return _add_pages(made, settings, share_uris, brochures, timings, icon)
    except BaseException:
        made.cancel_later()
        raise


def _add_pages(made: SiteFiles, settings: Settings, share_uris: dict[str, str],
               brochures: tuple[tuple[str, str, str], ...], timings: Timings, icon: Icon) -> SiteFiles:
    catalog, published = made.catalog, made.photos
    info = SiteInfo(site_url=settings.site_url, site_name=settings.site_name, demo=settings.demo, icon=icon,
                    brochures=brochures, media_url=settings.media_base)
    with timings("halaman"):
        rendered = render(catalog, info, published, share_uris, remember=True)
    made.pages.update(rendered.pages)
    made.linked.update(rendered.photos)
    with timings("terbuka"):
        made.contents.update(data_files(catalog, info))
    with timings("pencarian"):  # the search index: cari/data/ online, cari/indeks.js offline
        made.contents.update(search.files(catalog, lambda photo: info.media(card_photo_url(photo, published)),
                                          remember=True))
    made.linked["templat/ukm-baru.yml"] = str(TEMPLATE_FILE)  # the template owners copy, linked from the docs
    # The web form (/daftar/) reads the schema, messages and village register from these.
    with timings("formulir"):
        made.contents.update(form.form_files(catalog, settings.admin_whatsapp, settings.github_repo,
                                             photo_url=lambda photo: info.media(form_photo_url(photo, published)),
                                             remember=True))
    made.nav = navigation(catalog)
    if settings.media_url:  # published on the media host, not in the site
        made.media_url = settings.media_base
        made.media = {uri: path for uri, path in made.linked.items() if uri.startswith(MEDIA_FOLDERS)}
        made.linked = {uri: path for uri, path in made.linked.items() if uri not in made.media}
    return made


def data_files(catalog: Catalog, info: SiteInfo) -> dict[str, str | bytes]:
    """robots.txt, the open data (JSON and CSV) and the feed; kept in `.cache/terbuka.pickle` while the UKM files,
    catalogue numbers, dates and site settings are those of the last build (they took 1 s at 5,000 products).
    When they differ, each UKM's part of the JSON and CSV files is taken from `.cache/terbuka-ukm.pickle` if that
    UKM, its numbers and dates and the edition are as before: after one owner's change, one UKM's part is made."""

    def made(parts: cache.Store | None = None) -> dict[str, str | bytes]:
        entries, lines = seo.open_data_entries, opendata.ukm_lines
        if parts is not None:
            def key(ukm: Ukm, *more: object) -> str:
                return cache.key(ukm.slug, ukm.digest, [(p.number, p.added) for p in ukm.products], *more)

            def entries(ukm: Ukm, site_url: str) -> str:
                return parts.get_or_make(key(ukm, "json", site_url), lambda: seo.open_data_entries(ukm, site_url))

            def lines(ukm: Ukm, context: opendata.Context) -> opendata.UkmLines:
                return parts.get_or_make(key(ukm, "csv", context), lambda: opendata.ukm_lines(ukm, context))

        return {
            "robots.txt": seo.robots(info.site_url),
            "produk.json": seo.open_data(catalog, info.site_url, entries),
            "produk-baru.xml": seo.atom_feed(catalog, info.site_url, info.site_name),
            **opendata.files(catalog, info.site_url, lines),  # unduh/ukm.csv, unduh/produk.csv
        }

    if not all(u.digest for u in catalog.ukms):
        return made()
    kept = cache.Store(catalog.data_dir, "terbuka")
    key = cache.key(info.site_url, info.site_name, catalog.edition, [(u.slug, u.digest) for u in catalog.ukms],
                    [(p.key, p.number, p.added) for p in catalog.products])
    found = kept.get(key)
    if found is None:
        parts = cache.Store(catalog.data_dir, "terbuka-ukm")  # read only when something changed
        found = made(parts)
        kept.put(key, found)
        parts.save()
    kept.save()
    return found


def navigation(catalog: Catalog) -> list:
    """The browsing sections: home, categories, kecamatan, UKM index, map, statistics (no UKM or product page)."""
    return [
        ("Beranda", "index.md"),
        (
            "Kategori",
            ["kategori/index.md", *((label, f"kategori/{key}/index.md") for key, label in CATEGORIES.items())],
        ),
        ("Wilayah", ["wilayah/index.md", *((k.name, f"{k.url}index.md") for k in catalog.register.kecamatan)]),
        ("UKM", "ukm/index.md"),
        ("Peta", "peta/index.md"),
        ("Statistik", "statistik/index.md"),
    ]


@dataclass(frozen=True)
class ShardWork:
    """What one shard of a matrix build did: its UKMs and products, and how many photos needed image work."""

    ukms: int
    products: int
    processed: int


def shard_catalog(catalog: Catalog, index: int, count: int) -> Catalog:
    """The UKMs of shard `index` (1 to count) of `count`, as a catalogue of their own (`cache.shard_of`)."""
    return Catalog([u for u in catalog.ukms if cache.shard_of(u.slug, count) == index - 1], catalog.register,
                   catalog.data_dir)


def prepare_shard(settings: Settings, timings: Timings, progress: TextIO | None = None) -> ShardWork:
    """Do the slow work of one shard (`settings.shard`) into its cache: photos for the pages, the brochure's
    crops and the link previews of its UKMs. The whole catalogue is read and checked, as every build does."""
    assert settings.shard is not None
    with timings("data"):
        part = shard_catalog(load_catalog(settings.data_dir), *settings.shard)
    with timings("foto"):
        processed = publish(part, progress=progress).processed
    if settings.brochure:
        with timings("brosur"):
            processed += brochure.prepare_photos(part)
    with timings("bagikan"):
        previews.make(part, settings.site_name)
    return ShardWork(len(part.ukms), len(part.products), processed)


def prepare(
    settings: Settings, icon: Icon, timings: Timings | None = None, progress: TextIO | None = None
) -> SiteFiles:
    """Run every stage of the catalogue for `settings`: read, photos, brochure, previews, pages, data files."""
    timings = Timings() if timings is None else timings
    catalog, published = read_and_publish(settings, timings, progress)
    return make_site_files(settings, catalog, published, timings, icon)
