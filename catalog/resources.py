"""Where the files shipped with the code live: the theme, its templates and fonts, and the register data."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
THEME_DIR = PROJECT_DIR / "theme"
PAGE_TEMPLATES_DIR = THEME_DIR / "catalog"
PRINT_TEMPLATES_DIR = THEME_DIR / "brochure"
FONTS_DIR = THEME_DIR / "fonts"
REGISTER_FILE = PACKAGE_DIR / "data" / "blora_wilayah.yaml"
OUTLINES_FILE = PACKAGE_DIR / "data" / "blora_kecamatan.geojson"
TEMPLATE_FILE = PROJECT_DIR / "templat" / "ukm-baru.yml"
