"""Shared fixtures: tiny catalogues in temp dirs, with photos drawn on the spot."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT))

MINI_PHOTOS = {
    "batik-contoh/tulis.jpg": (640, 480),
    "batik-contoh/kemeja.jpg": (480, 640),
    "batik-contoh/kemeja-2.jpg": (500, 500),
    "keripik-sumberejo/tempe.png": (400, 300),
}


def draw_photo(path: Path, size: tuple[int, int], colour=(150, 90, 40)) -> Path:
    """Draw a small deterministic test photo: a coloured field with a light mark in one corner."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 4, size[1] // 4), fill=(240, 220, 180))
    image.save(path)
    return path


def make_mini(target: Path) -> Path:
    """Copy the mini fixture catalogue into `target` and draw its photos."""
    shutil.copytree(FIXTURES / "mini", target, dirs_exist_ok=True)
    for name, size in MINI_PHOTOS.items():
        draw_photo(target / "images" / name, size)
    return target


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return make_mini(tmp_path / "data")
