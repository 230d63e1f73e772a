"""The build's settings: read once from mkdocs.yml through the renderer's own config, and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.build import read_settings
from catalog.errors import CatalogError

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent


def write_config(folder: Path, text: str) -> Path:
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


def test_settings_come_from_mkdocs_yml_and_the_options(tmp_path):
    config = write_config(tmp_path, "site_name: Pameran\nsite_url: https://contoh.example/x\n"
                                    "extra: {demo: true, admin_whatsapp: '0812-1', github_repo: a/b}\n"
                                    "copyright: !ENV [COPY, 'x']\n")
    settings = read_settings(config, tmp_path / "data", brochure=False, out_dir=tmp_path / "out")
    assert (settings.site_name, settings.site_url, settings.demo) == ("Pameran", "https://contoh.example/x/", True)
    assert (settings.admin_whatsapp, settings.github_repo) == ("0812-1", "a/b")
    assert settings.printed_url() == "https://contoh.example/x/"
    assert settings.data_dir == (tmp_path / "data").resolve() and settings.brochure is False


def test_a_printout_needs_a_full_site_url(tmp_path):
    settings = read_settings(write_config(tmp_path, "site_name: Pameran\n"), tmp_path)
    assert settings.base_url == ""
    with pytest.raises(CatalogError) as caught:
        settings.printed_url()
    assert str(caught.value) == ("mkdocs.yml: site_url: isi alamat situs lengkap, contoh "
                                 "https://rumahkreatif.blorakab.go.id/; kode QR di brosur menuju alamat ini")


def test_a_wrong_media_host_is_named_at_its_line(tmp_path):
    """(A wrong site_url never gets here: mkdocs refuses it first, naming the key.)"""
    config = write_config(tmp_path, "site_name: Pameran\nsite_url: https://contoh.example/\nextra:\n  demo: true\n"
                                    "  media_url: foto.contoh.id\n")
    with pytest.raises(CatalogError) as caught:
        read_settings(config, tmp_path)
    assert str(caught.value) == ("mkdocs.yml:5: extra.media_url: isi alamat lengkap tempat foto diterbitkan, contoh "
                                 "https://foto.rumahkreatif.blorakab.go.id/, atau hapus baris ini agar foto ikut di situs")


def test_the_sample_settings():
    settings = read_settings(ROOT / "mkdocs.yml", ROOT)
    assert settings.printed_url() == "https://rumahkreatif.blorakab.go.id/"
    assert settings.site_name == "Rumah Kreatif UKM Blora" and settings.demo is True and settings.brochure is True
