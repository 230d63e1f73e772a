"""The matrix build: UKMs split into shards by a stable hash, each shard's photo work in its own cache, and a site
assembled from the shards' caches that is the same as a normal build's, with no image work of its own."""

from __future__ import annotations

import collections
import os
import subprocess
import sys
from pathlib import Path

import pytest

from catalog import cache
from catalog.pipeline import shard_catalog
from catalog.read.load import load_catalog

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from compare_sites import compare  # noqa: E402


def run(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(
        [sys.executable, str(ROOT / "build_catalog.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )


@pytest.mark.unit
def test_a_ukm_keeps_its_shard_on_every_machine_and_run():
    # Known values: a shard's cache holds its UKMs' work, so the assignment must never drift.
    slugs = ("batik-sekar-jati", "keripik-sumberejo", "ukm-00000", "ukm-00001")
    assert [cache.shard_of(slug, 4) for slug in slugs] == [0, 1, 0, 3]
    assert [cache.shard_of(slug, 2) for slug in slugs] == [0, 1, 0, 1]
    assert all(cache.shard_of(slug, 1) == 0 for slug in slugs)


@pytest.mark.unit
def test_shards_are_even_and_a_new_ukm_moves_no_other():
    slugs = [f"ukm-{i:05d}" for i in range(2000)]
    sizes = collections.Counter(cache.shard_of(slug, 4) for slug in slugs)
    assert set(sizes) == {0, 1, 2, 3} and all(abs(n - 500) <= 50 for n in sizes.values()), sizes
    before = {slug: cache.shard_of(slug, 4) for slug in slugs}
    after = {slug: cache.shard_of(slug, 4) for slug in [*slugs, "batik-baru", "keripik-baru"]}
    assert all(after[slug] == shard for slug, shard in before.items())


@pytest.mark.unit
def test_the_shards_of_the_sample_hold_every_ukm_once():
    catalog = load_catalog(ROOT)
    parts = [shard_catalog(catalog, i, 3) for i in (1, 2, 3)]
    slugs = [u.slug for part in parts for u in part.ukms]
    assert sorted(slugs) == sorted(u.slug for u in catalog.ukms) and all(part.ukms for part in parts)
    assert all(part.data_dir == catalog.data_dir and part.register is catalog.register for part in parts)


@pytest.mark.unit
def test_a_shard_the_command_line_cannot_read_is_refused_in_indonesian():
    result = run("shard", "5/4")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "build_catalog.py shard: error: argument BAGIAN/JUMLAH: bagian '5/4' tidak dikenal; tulis nomor "
        "bagian/jumlah bagian, contoh 2/4 untuk bagian kedua dari empat"
    )


@pytest.mark.unit
def test_merge_links_a_shards_entries_and_leaves_its_records(tmp_path):
    shard, target = tmp_path / "bagian", tmp_path / "rakit"
    (shard / "foto").mkdir(parents=True)
    (shard / "foto" / "0123456789ab-200.avif").write_bytes(b"avif")
    (shard / "foto" / "0123456789ab.json").write_bytes(b"{}")
    (shard / "foto" / "terbit.pickle").write_bytes(b"record of the shard")
    (shard / "foto" / ".0123456789ab-300.avif.1-2.tmp").write_bytes(b"half")
    assert cache.merge(target, [shard, tmp_path / "kosong"], ["foto", "bagikan"]) == 2
    assert sorted(os.listdir(target / "foto")) == ["0123456789ab-200.avif", "0123456789ab.json"]
    assert os.path.samefile(target / "foto" / "0123456789ab-200.avif", shard / "foto" / "0123456789ab-200.avif")
    assert cache.merge(target, [shard], ["foto"]) == 0  # already there


@pytest.mark.build
def test_three_shards_and_the_assembly_make_the_same_site_as_a_normal_build(mini, tmp_path):
    """Each shard starts from an empty cache of its own, as a fresh matrix job does; the assembly's cache starts
    empty too, and gets its photos and previews only from the shards: it writes no photo file itself. The mini
    catalogue's two UKMs fall in shards 3 and 2 of 3, so shard 1 has none, as a job can."""
    normal = tmp_path / "normal"
    result = run("build", "--strict", "--data", str(mini), "--out", str(normal), "--cache", str(tmp_path / "biasa"))
    assert result.returncode == 0, result.stderr
    caches = [tmp_path / f"bagian-{i}" for i in (1, 2, 3)]
    for i, folder in enumerate(caches, start=1):
        result = run("shard", f"{i}/3", "--data", str(mini), "--cache", str(folder))
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"Bagian {i}/3 selesai: ")
    made = [{name for name in os.listdir(folder / "foto") if cache.ENTRY_RE.fullmatch(name)}
            if (folder / "foto").is_dir() else set() for folder in caches]
    assert [bool(names) for names in made] == [False, True, True]
    site = tmp_path / "site"
    result = run("build", "--strict", "--data", str(mini), "--out", str(site), "--cache", str(tmp_path / "rakit"),
                 "--cache-from", *map(str, caches))
    assert result.returncode == 0, result.stderr
    assembled = {name for name in os.listdir(tmp_path / "rakit" / "foto") if cache.ENTRY_RE.fullmatch(name)}
    assert assembled == made[1] | made[2]  # no photo made, none missing
    assert compare(normal, site) == []
    assert (site / "brosur" / "brosur-ukm-blora.pdf").is_file()
