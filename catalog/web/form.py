"""What the web form at /daftar/ reads: the catalogue's JSON Schema, its own settings, and each UKM's data.

Pure: the adapter publishes the returned {dest_uri: text} at build time, so the form never holds a
copy of the model, the messages or the village register that could drift from the real ones.
`daftar/data/<slug>.json` is what the form's update mode (`/daftar/?perbarui=<slug>`) starts from: the
UKM file's values as the reader reads them (every key, also those the form does not show), the version
they came from, and where each of its photos is shown on the site (photos are kept by reference).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable

from pydantic_core import PydanticCustomError

from catalog import cache as memo
from catalog import fmt
from catalog.core import Catalog, Photo, Ukm
from catalog.errors import CatalogError, Problem
from catalog.read.model import _whatsapp, json_schema
from catalog.read.yaml_source import load_yaml

SCHEMA_URI = "daftar/ukm.schema.json"
SETTINGS_URI = "daftar/formulir.json"
DATA_DIR_URI = "daftar/data"
REPO_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+")


def form_files(catalog: Catalog, admin_whatsapp: str | None, github_repo: str | None,
               github_branch: str = "main", photo_url: Callable[[Photo], str] | None = None,
               remember: bool = False) -> dict[str, str]:
    """Return the form's JSON files; raise CatalogError when the settings in mkdocs.yml are wrong.

    `photo_url` gives the site path of a small published rendition of a photo; without it (no photos
    published) the update data is left out. `remember`: take a UKM's update data from `.cache/formulir.pickle`
    when its file's bytes and its photos' addresses are those of the last build.
    """
    problems = []
    admin = None
    if admin_whatsapp:
        try:
            admin = _whatsapp(str(admin_whatsapp))
        except PydanticCustomError as exc:
            problems.append(Problem("mkdocs.yml", None, "extra.admin_whatsapp", exc.message()))
    if github_repo and not REPO_RE.fullmatch(str(github_repo)):
        problems.append(Problem("mkdocs.yml", None, "extra.github_repo", f'"{github_repo}" bukan nama repositori; '
                                "tulis pemilik/nama, contoh pengelola-etalase/rumah-kreatif-ukm"))
    if problems:
        raise CatalogError(problems)
    settings = {
        "admin_whatsapp": admin,
        "admin_whatsapp_teks": fmt.phone_display(admin) if admin else None,
        "github": {"repo": github_repo, "cabang": github_branch} if github_repo else None,
        # Slugs already taken: the form warns before an owner sends a package the import would refuse.
        "ukm": sorted(u.slug for u in catalog.ukms),
        "wilayah": [{"nama": k.name, "desa": [{"nama": v.name, "jenis": v.type_label} for v in k.villages]}
                    for k in catalog.register.kecamatan],
    }
    files = {SCHEMA_URI: _json(json_schema()), SETTINGS_URI: _json(settings)}
    if photo_url is not None:
        kept = memo.Store(catalog.data_dir, "formulir") if remember and all(u.digest for u in catalog.ukms) else None
        files.update({f"{DATA_DIR_URI}/{ukm.slug}.json": _update_file(catalog, ukm, photo_url, kept)
                      for ukm in catalog.ukms})
        if kept is not None:
            kept.save()
    return files


def _update_file(catalog: Catalog, ukm: Ukm, photo_url: Callable[[Photo], str], kept: memo.Store | None) -> str:
    """The update data's file, kept by the UKM file's digest: reading the YAML again took 4 ms a UKM."""
    if kept is None:
        return _json(update_data(catalog, ukm, photo_url))
    key = memo.key(ukm.file, ukm.digest, [photo_url(photo) for product in ukm.products for photo in product.photos])
    return kept.get_or_make(key, lambda: _json(update_data(catalog, ukm, photo_url)))


def update_data(catalog: Catalog, ukm: Ukm, photo_url: Callable[[Photo], str]) -> dict:
    """Return what the form's update mode starts from: {slug, versi, data, foto} (contract of issue 12).

    `data` is the UKM file read again as the reader reads it (every scalar a string), so keys the form
    does not show travel back unchanged; `versi` is the sha256 of the file's bytes, the version the
    import compares with the file in products/ before it writes.
    """
    raw = (catalog.data_dir / ukm.file).read_bytes()
    source = load_yaml(raw, ukm.file)
    photos = {photo.name: photo_url(photo) for product in ukm.products for photo in product.photos}
    return {"slug": ukm.slug, "versi": hashlib.sha256(raw).hexdigest(), "data": source.data,
            "foto": dict(sorted(photos.items()))}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
