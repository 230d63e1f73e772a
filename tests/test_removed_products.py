"""A product removed with `import --remove` keeps its catalogue number: its /p/ link leads to its UKM's page."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from catalog.read.load import load_catalog
from catalog.submit.importer import import_file
from conftest import build, make_mini
from test_accessibility import AXE

SLUG = "batik-contoh"
REMOVED = "kemeja-batik-cap"


@pytest.fixture(scope="module")
def removed_site(tmp_path_factory) -> tuple[Path, str]:
    """The mini catalogue after an update that removes Kemeja Batik Cap, built: (site folder, its old number)."""
    data = make_mini(tmp_path_factory.mktemp("hapus") / "data")
    number = next(p.number for p in load_catalog(data, remember=False).products if p.slug == REMOVED)
    yml = data / "products" / f"{SLUG}.yml"
    record = {"format": 1, "slug": SLUG, "versi": hashlib.sha256(yml.read_bytes()).hexdigest(),
              "foto_lama": ["tulis.jpg"]}
    package = data.parent / "paket.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr(f"products/{SLUG}.yml", yml.read_text(encoding="utf-8").split("  - nama: Kemeja")[0])
        archive.writestr("perbarui.json", json.dumps(record))
    import_file(package, data, remove=True)
    out = data.parent / "site"
    result = build("build", "--data", str(data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out, number


@pytest.mark.build
def test_the_short_link_and_old_address_of_a_removed_product_lead_to_its_ukm(removed_site):
    site, number = removed_site
    short = (site / "p" / number / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../ukm/batik-contoh/#produk-tidak-tersedia">' in short
    assert "Kemeja Batik Cap: produk ini sudah tidak tersedia." in short
    old = (site / "ukm" / SLUG / REMOVED / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../#produk-tidak-tersedia">' in old
    ukm_page = (site / "ukm" / SLUG / "index.html").read_text(encoding="utf-8")
    assert (
        '<p class="rk-gone" id="produk-tidak-tersedia">Produk ini sudah tidak tersedia. '
        "Lihat produk lain dari Batik Contoh &lt;b&gt;Jati&lt;/b&gt; di bawah.</p>"
    ) in ukm_page
    assert "Kemeja Batik Cap" not in ukm_page


@pytest.mark.browser
def test_a_visitor_following_the_old_qr_code_sees_the_note(removed_site, serve, browser):
    site, number = removed_site
    base = serve(site)
    page = browser.new_page(viewport={"width": 412, "height": 915})
    page.goto(base + f"p/{number}/")
    page.wait_for_url("**/ukm/batik-contoh/#produk-tidak-tersedia")
    note = page.get_by_text("Produk ini sudah tidak tersedia.")
    assert note.is_visible()
    page.add_script_tag(path=str(AXE))  # the page with its note shown: no accessibility problem of any impact
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    page.goto(base + "ukm/batik-contoh/")  # reached any other way, the page does not show the note
    assert not page.get_by_text("Produk ini sudah tidak tersedia.").is_visible()
    page.close()
