"""The settings of one build, made once from the command line and mkdocs.yml and passed down explicitly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from catalog.errors import CatalogError, Problem
from catalog.read.yaml_source import load_yaml

SITE_URL_RE = re.compile(r"https?://[^/\s]+")
MEDIA_URL_RE = re.compile(r"""https?://[^/\s"'<>&]+(/[^\s"'<>&]*)?""")  # written into pages as it is


@dataclass(frozen=True)
class Settings:
    """Where the data is, where the site goes, and what the site says about itself."""

    data_dir: Path  # holds products/ and images/; caches go to data_dir/.cache/
    config_file: Path  # mkdocs.yml: the site's own settings and the theme
    site_url: str = ""  # as written in mkdocs.yml ("" when not set)
    site_name: str = "Etalase UKM"
    demo: bool = False  # the "data contoh" notice on every page
    admin_whatsapp: str | None = None  # where the form at /daftar/ sends packages
    github_repo: str | None = None  # owner/name the form links to
    out_dir: Path = Path("site")
    brochure: bool = True  # publish the full brochure PDF in the site
    strict: bool = False  # renderer warnings fail the build
    cache_dir: Path | None = None  # where this run keeps its caches (None: data_dir/.cache/)
    shard: tuple[int, int] | None = None  # (index, count), 1-based: do only this shard's photo work (matrix build)
    cache_from: tuple[Path, ...] = ()  # the shards' cache folders this build assembles the site from
    # Where photos, link previews and the offline copy are published instead of the site (mkdocs.yml
    # `extra.media_url`, "" for inside the site), and the folder `build` writes them to for that host.
    media_url: str = ""
    media_out: Path | None = None

    @property
    def media_base(self) -> str:
        """The media host's address with one trailing slash, or "" when photos are published in the site."""
        return self.media_url.rstrip("/") + "/" if self.media_url else ""

    @property
    def media_dir(self) -> Path | None:
        """The folder for the media host's files (`media_out`, else `<out>-media` beside the site), or None."""
        if not self.media_url:
            return None
        site = self.out_dir.resolve()
        return self.media_out or site.with_name(site.name + "-media")

    @property
    def base_url(self) -> str:
        """The site's address with one trailing slash, or "" when mkdocs.yml has none."""
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    def checked(self) -> Settings:
        """These settings, or CatalogError when mkdocs.yml names a media host that is not a full address."""
        if self.media_url and not MEDIA_URL_RE.fullmatch(self.media_url):
            raise CatalogError([Problem(self.config_file.name, self._line_of(("extra", "media_url")), "extra.media_url",
                                        "isi alamat lengkap tempat foto diterbitkan, contoh "
                                        "https://foto.rumahkreatif.blorakab.go.id/, atau hapus baris ini agar "
                                        "foto ikut di situs")])
        return self

    def _line_of(self, path: tuple) -> int | None:
        """The line of mkdocs.yml where the value at `path` is written, as the catalogue's reader finds it (the
        line of a UKM file's value the same way), for a message at file:line; None when the file cannot be read."""
        try:
            raw = self.config_file.read_bytes()
        except OSError:
            return None
        return load_yaml(raw, self.config_file.name).line(path)

    def printed_url(self) -> str:
        """The site's address for QR codes and printed links; raise CatalogError when mkdocs.yml lacks a full one."""
        if not SITE_URL_RE.match(self.site_url.strip()):
            raise CatalogError([Problem(self.config_file.name, None, "site_url",
                                        "isi alamat situs lengkap, contoh https://rumahkreatif.blorakab.go.id/; "
                                        "kode QR di brosur menuju alamat ini")])
        return self.site_url.strip().rstrip("/") + "/"
