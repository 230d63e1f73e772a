"""The benchmarks still run (smoke tests at a tiny size; their timings are not judged here)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from test_build import ROOT

pytestmark = pytest.mark.build


def _scale():
    """benchmarks/scale.py as a module (the benchmarks are scripts, not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("scale", ROOT / "benchmarks" / "scale.py")
    scale = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scale)
    return scale


def test_scale_benchmark_runs_at_a_small_size():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "3"], capture_output=True,
                            text=True, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    for expected in ("generated 3 UKMs / 15 products", "warm build, nothing changed:", "one price changed:",
                     "bare baseline", "ratio: site pages", "floor (issue 14", "× the floor", "home page:",
                     "listing page", "first search result", "site by kind (15 products):",
                     "GitHub Pages artifact (tar):"):
        assert expected in out, out
    assert not (ROOT / "benchmarks" / "out" / "scale-3").exists()  # cleaned up without --keep


def test_scale_benchmark_measures_a_given_catalogue_and_leaves_it_as_it_was(tmp_path):
    """`--data` with `--speed-only`: the first, warm and three one-price builds, with the process tree's memory."""
    scale = _scale()
    data = tmp_path / "data"
    scale.make_catalog(data, 3)
    before = {p.name: p.read_bytes() for p in (data / "products").iterdir()}
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "3", "--data", str(data),
                             "--speed-only"], capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    assert "first build (data and caches reused, not cold)" in out and "warm build, nothing changed:" in out
    assert out.count("one price changed:") == 3 and out.count("process tree") == 5
    assert "bare baseline" not in out and "site by kind (15 products):" in out
    assert {p.name: p.read_bytes() for p in (data / "products").iterdir()} == before
    assert (tmp_path / "site" / "index.html").is_file()


def test_scale_benchmark_runs_as_the_matrix_workflow():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "3", "--shards", "2"],
                            capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    out = result.stdout
    for expected in ("shard 1/2: ", "shard 2/2: ", "Bagian 2/2 selesai: ", "assemble: ", "matrix wall time",
                     "site by kind (15 products):", "GitHub Pages artifact (tar):"):
        assert expected in out, out
    assert not (ROOT / "benchmarks" / "out" / "scale-3").exists()


def test_statistics_benchmark_runs_at_a_small_size():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "stats.py"), "3"], capture_output=True,
                            text=True, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    for expected in ("3 UKM, 15 produk", "figures:", "charts:", "shaded map:", "unduh/ukm.csv:", "unduh/produk.csv:"):
        assert expected in result.stdout, result.stdout
    assert not (ROOT / "benchmarks" / "out" / "stats").exists()


def test_collector_benchmark_builds_both_ways_and_leaves_the_catalogue_as_it_was(tmp_path):
    scale = _scale()
    data = tmp_path / "data"
    scale.make_catalog(data, 3)
    built = subprocess.run([sys.executable, str(ROOT / "build_catalog.py"), "build", "--data", str(data), "--out",
                            str(tmp_path / "site"), "--no-brochure"], capture_output=True, text=True, timeout=900)
    assert built.returncode == 0, built.stderr[-3000:]
    before = {p.name: p.read_bytes() for p in (data / "products").iterdir()}
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "collector.py"), str(data), "--rounds", "1",
                             "--pause", "0"], capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["round 1, collector young", "round 1, collector default"]
    assert all("ms per product" in line and "process tree" in line and "Waktu per tahap" in line for line in lines)
    assert {p.name: p.read_bytes() for p in (data / "products").iterdir()} == before


def test_volumes_benchmark_remakes_one_volume_of_a_kecamatan_and_leaves_the_catalogue_as_it_was(tmp_path):
    data = tmp_path / "data"
    _scale().make_catalog(data, 4)  # 20 products, all in the first kecamatan of the register
    before = {p.name: p.read_bytes() for p in (data / "products").iterdir()}
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "volumes.py"), str(data), "--kecamatan",
                             "Banjarejo", "--volume-products", "6", "--rounds", "1"],
                            capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines())
    assert lines["whole"] == "1 PDF(s) of [20] products"
    assert lines["volumes"].startswith("4 PDF(s) of [") and len(lines["volumes"].split(",")) == 4
    made_again = {v: float(lines[f"one price #1, {v}"].split("CPU ")[1].split(", ")[1].split(" MB")[0])
                  for v in ("whole", "volumes")}
    assert 0 < made_again["volumes"] < made_again["whole"]  # one volume, smaller than the whole brochure
    assert {p.name: p.read_bytes() for p in (data / "products").iterdir()} == before
