"""What the web form at /daftar/ reads: the catalogue's JSON Schema and its own settings, as JSON files.

Pure: the adapter publishes the returned {dest_uri: text} at build time, so the form never holds a
copy of the model, the messages or the village register that could drift from the real ones.
"""

from __future__ import annotations

import json
import re

from pydantic_core import PydanticCustomError

from catalog import fmt
from catalog.core import Catalog
from catalog.errors import CatalogError, Problem
from catalog.read.model import _whatsapp, json_schema

SCHEMA_URI = "daftar/ukm.schema.json"
SETTINGS_URI = "daftar/formulir.json"
REPO_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+")


def form_files(catalog: Catalog, admin_whatsapp: str | None, github_repo: str | None,
               github_branch: str = "main") -> dict[str, str]:
    """Return the form's JSON files; raise CatalogError when the settings in mkdocs.yml are wrong."""
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
    return {SCHEMA_URI: _json(json_schema()), SETTINGS_URI: _json(settings)}


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"
