"""Build real sites with mkdocs --strict: the sample, the mini fixture, and a failed build."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, str(ROOT / "build_catalog.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def test_sample_data_is_valid():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Data valid: ")


def test_sample_site_has_every_page(sample_site):
    from catalog.read.load import load_catalog
    catalog = load_catalog(ROOT)
    assert len(catalog.ukms) >= 24 and len(catalog.products) >= 80
    assert len({u.desa.code for u in catalog.ukms}) >= 10 and len({u.kecamatan.code for u in catalog.ukms}) >= 6
    assert {p.data.kategori for p in catalog.products} == {"batik", "busana", "makanan", "kerajinan"}
    for url in ["", "kategori/batik/", "kategori/busana/", "kategori/makanan/", "kategori/kerajinan/", "wilayah/",
                "ukm/", "tentang/", "cara-bergabung/", "format-data/"]:
        assert (sample_site / url / "index.html").is_file(), url
    for ukm in catalog.ukms:
        assert (sample_site / ukm.url / "index.html").is_file()
        assert (sample_site / ukm.desa_url / "index.html").is_file()
        for product in ukm.products:
            page = (sample_site / product.url / "index.html").read_text(encoding="utf-8")
            assert product.number in page
            # Every photo is published as resized files (never the original, which may carry GPS EXIF)
            # and every file the page links exists.
            assert page.count('<img class="rk-gallery__img"') == len(product.photos)
            for attr in re.findall(r'(?:src|srcset)="([^"]*foto/[^"]*)"', page):
                for candidate in attr.split(", "):
                    target = (sample_site / product.url / candidate.split(" ")[0]).resolve()
                    assert target.parent == (sample_site / "foto").resolve() and target.is_file(), candidate
    assert [p for p in (sample_site / "foto").iterdir() if p.is_dir()] == []
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "Data contoh." in home  # the demo is labelled as such


def test_products_stay_out_of_the_navigation(sample_site):
    page = (sample_site / "kategori" / "batik" / "index.html").read_text(encoding="utf-8")
    nav = page.split("md-nav--primary", 1)[1].split("</nav>", 1)[0]
    assert "/ukm/" not in nav.replace('href="../../ukm/"', "")


def test_format_page_has_generated_tables(sample_site):
    page = (sample_site / "format-data" / "index.html").read_text(encoding="utf-8")
    from catalog.read.model import ProductEntry, UkmEntry
    for name in list(UkmEntry.model_fields) + list(ProductEntry.model_fields):
        assert f"<code>{name}</code>" in page, name
    assert "Kedungjenar" in page and "<!-- tabel" not in page


def test_mini_site_escapes_owner_text(mini, tmp_path):
    out = tmp_path / "site"
    result = run("build", "--strict", "--data", str(mini), "--out", str(out))
    assert result.returncode == 0, result.stderr
    # The report names every stage with its time, then this process's peak memory as each stage ended.
    stages = re.search(r"^Waktu per tahap: (.*), mkdocs \(sisanya\) [\d.]+ s$", result.stdout, re.M).group(1)
    peaks = re.search(r"^Memori puncak \(MB\) sampai akhir tahap: (.*); seluruh bangun (\d+)$", result.stdout, re.M)
    names = [part.rsplit(" ", 2)[0] for part in stages.split(", ")]
    memory = dict(part.rsplit(" ", 1) for part in peaks.group(1).split(", "))
    assert set(memory) == {*names, "mkdocs"} and "brosur" in names
    assert min(map(int, memory.values())) > 0 and max(map(int, memory.values())) <= int(peaks.group(2))
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>Jati</b>" not in text, page
    product = (out / "ukm/batik-contoh/script-alert-1-script-batik-tulis/index.html").read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; Batik Tulis - Rumah Kreatif UKM Blora</title>" in product


def test_bad_data_exits_1_and_keeps_the_previous_site(mini, tmp_path):
    out = tmp_path / "site"
    assert run("build", "--data", str(mini), "--out", str(out)).returncode == 0
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    yml = mini / "products" / "keripik-sumberejo.yml"
    yml.write_text(yml.read_text().replace("harga: 15000", "harga: 15rb").replace("desa: Sumberejo\n", "desa: Sumberjo\n"))
    result = run("build", "--data", str(mini), "--out", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        'products/keripik-sumberejo.yml:2: desa: desa/kelurahan "Sumberjo" tidak ada di Kecamatan Randublatung; '
        'maksud Anda "Sumberejo"?',
        'products/keripik-sumberejo.yml:8: produk[1].harga: tulis angka lengkap tanpa singkatan "rb", contoh 150000',
        "2 masalah ditemukan. Perbaiki semuanya lalu jalankan lagi.",
    ]
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".site")]
    check = run("check", "--data", str(mini))
    assert check.returncode == 1 and check.stderr == result.stderr


def test_readme_commands_exist():
    """Every `python build_catalog.py <command>` that README names answers `--help` (the quick start: test_project)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = sorted(set(re.findall(r"python build_catalog\.py (\w+)", readme)))
    assert {"check", "build", "serve", "brochure", "labels"} <= set(commands)
    for command in commands:
        result = run(command, "--help")
        assert result.returncode == 0 and result.stdout.startswith("usage: "), (command, result.stderr)


def test_template_file_is_valid(tmp_path):
    from conftest import draw_photo
    (tmp_path / "products").mkdir()
    (tmp_path / "products" / "ukm-baru.yml").write_text((ROOT / "templat" / "ukm-baru.yml").read_text())
    draw_photo(tmp_path / "images" / "ukm-baru" / "produk-pertama.jpg", (50, 50))
    result = run("check", "--data", str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_build_is_a_function_a_caller_can_run(mini, tmp_path):
    from catalog.build import build, read_settings
    from catalog.mkdocs_adapter import icon

    out = tmp_path / "site"
    settings = read_settings(ROOT / "mkdocs.yml", mini, out_dir=out, brochure=False)
    built = build(settings, progress=None)
    assert (built.ukms, built.products, built.site_dir) == (2, 3, out.resolve())
    assert list(built.timings)[:2] == ["data", "foto"] and built.seconds >= sum(built.timings.values())
    for product in built.catalog.products:
        assert (out / product.url / "index.html").is_file()
    assert (out / "unduh" / "etalase-offline.zip").is_file() and not (out / "brosur").exists()
    assert icon("fontawesome/brands/whatsapp").startswith('<svg class="rk-icon"')
    # Readable as any folder made here is: a web server serves the site as another user.
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~umask


def test_the_size_a_build_reports_is_the_site_it_leaves(mini, tmp_path):
    """Counted from the walk the offline copy makes, with the copy itself and the brochure placed after it."""
    from catalog.build import build, published_size, read_settings

    out = tmp_path / "site"
    built = build(read_settings(ROOT / "mkdocs.yml", mini, out_dir=out), progress=None)
    assert (out / "unduh" / "etalase-offline.zip").is_file() and (out / "brosur" / "brosur-ukm-blora.pdf").is_file()
    assert built.published == {"site": published_size(out)}


def test_properdocs_builds_the_same_pages(sample_site, tmp_path):
    """The renderer is swappable: ProperDocs (a maintained drop-in fork of mkdocs 1.6) runs our hooks too."""
    out = tmp_path / "properdocs-site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "-q", "-d", str(out)], cwd=ROOT,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]

    def files(site: Path) -> set[str]:
        return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}

    # The offline ZIP is made by `build` after the renderer, so a plain renderer build has no ZIP.
    assert files(out) == files(sample_site) - {"unduh/etalase-offline.zip"}
    page = (out / "ukm" / "batik-mustika-cepu" / "index.html").read_text(encoding="utf-8")
    assert "ProperDocs" in page and 'class="rk-' in page
