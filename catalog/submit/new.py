"""Start a new UKM file from the commented template, for an owner who edits YAML by hand."""

from __future__ import annotations

from pathlib import Path

from catalog.errors import CatalogError, Problem
from catalog.resources import TEMPLATE_FILE
from catalog.text import SLUG_RE, slugify


def new_ukm(data_dir: Path, slug: str) -> Path:
    """Write products/<slug>.yml from the template and make images/<slug>/; never overwrite an existing file.

    Each problem's message is a whole sentence for the terminal (the CLI prints the messages alone).
    """
    if not SLUG_RE.fullmatch(slug):
        example = slugify(slug) or "batik-sekar-jati"
        raise CatalogError([Problem(slug, None, "", f'Nama "{slug}" tidak bisa dipakai: hanya huruf kecil, angka '
                                                    f'dan tanda hubung, misalnya "{example}".')])
    target = data_dir / "products" / f"{slug}.yml"
    if target.exists():
        display = target.relative_to(data_dir).as_posix()
        raise CatalogError([Problem(display, None, "", f"{display} sudah ada; tidak ditimpa.")])
    target.parent.mkdir(parents=True, exist_ok=True)
    template = TEMPLATE_FILE.read_text(encoding="utf-8")
    template = template.replace("products/<nama-ukm>.yml", f"products/{slug}.yml")
    template = template.replace("images/<nama-ukm>/", f"images/{slug}/")
    with open(target, "x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(template)
    (data_dir / "images" / slug).mkdir(parents=True, exist_ok=True)
    return target
