"""A stage run in a process of its own: its result, its errors with their traceback, and stopping it."""

from __future__ import annotations

import os
import pickle
import time

import pytest

from catalog.background import Background, Done, young_collections_only
from catalog.errors import CatalogError, Problem


def _refuse(file: str) -> None:
    raise CatalogError([Problem(file, 3, "produk[1].harga", "harus angka bulat positif, contoh 150000")])


@pytest.mark.unit
def test_the_result_comes_from_another_process():
    job = Background(os.getpid)
    assert job.result() != os.getpid() and job.seconds > 0
    assert job.result() == job.result()  # asked again: the same result, not a second wait


@pytest.mark.unit
def test_an_owner_mistake_arrives_whole_with_its_traceback():
    job = Background(_refuse, "products/ukm-a.yml")
    with pytest.raises(CatalogError) as raised:
        job.result()
    assert [str(p) for p in raised.value.problems] == [
        "products/ukm-a.yml:3: produk[1].harga: harus angka bulat positif, contoh 150000"]
    assert "in _refuse" in str(raised.value.__cause__)


@pytest.mark.unit
def test_a_process_that_dies_is_an_error_not_a_wait():
    job = Background(os._exit, 3)
    with pytest.raises(RuntimeError, match=r"_exit process ended without a result \(3\)"):
        job.result()


@pytest.mark.unit
def test_arguments_that_cannot_be_sent_are_an_error_of_the_caller():
    """The process is started beside the caller, so the error reaches it when it asks for the result."""
    import multiprocessing

    job = Background(len, lambda: None)  # a lambda does not pickle
    with pytest.raises((pickle.PicklingError, AttributeError)):
        job.result()
    job.cancel()
    assert multiprocessing.active_children() == []


@pytest.mark.unit
def test_cancel_ends_a_running_process():
    started = time.perf_counter()
    job = Background(time.sleep, 60)
    job.cancel()
    assert time.perf_counter() - started < 30 and not job._process.is_alive()


@pytest.mark.unit
def test_done_has_the_same_interface():
    done = Done("brosur.pdf")
    done.cancel()
    assert done.result() == "brosur.pdf" and done.seconds == done.waited == 0.0


def _held(value: int, gate) -> int:
    gate()
    return value


@pytest.mark.unit
def test_a_gated_function_waits_at_its_gate_until_it_is_opened():
    job = Background(_held, 5, gated=True)
    time.sleep(3)  # long enough to start and reach the gate
    assert job._process.is_alive()  # held there
    job.open_gate()
    assert job.result() == 5
    assert Background(_held, 6, gated=True).result() == 6  # waiting for the result opens the gate: no deadlock


@pytest.mark.unit
def test_a_process_held_at_its_gate_does_not_keep_python_from_exiting():
    """A build that never asked for the brochure (it failed) still exits: the process is ended, not awaited."""
    import subprocess
    import sys
    from pathlib import Path
    code = ("import sys; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[2]);"
            "from catalog.background import Background; from test_background import _held;"
            "job = Background(_held, 1, gated=True); import time; time.sleep(2)")
    tests = Path(__file__).resolve().parent
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, str(tests.parent), str(tests)], check=True, timeout=120)
    assert time.perf_counter() - started < 60


@pytest.mark.build
def test_a_build_that_fails_after_the_brochure_started_ends_its_process(mini, tmp_path, monkeypatch):
    import multiprocessing

    from catalog import build as building
    from catalog.build import read_settings
    from catalog.errors import BuildFailed
    from conftest import ROOT

    settings = read_settings(ROOT / "mkdocs.yml", mini, out_dir=tmp_path / "situs")
    building.build(settings, progress=None)  # the brochure made with the build waiting: its first time
    yml = mini / "products" / "keripik-sumberejo.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("Keripik Tempe", "Keripik Tempe Pedas"), encoding="utf-8")

    def broken(*args):
        raise BuildFailed("mkdocs berhenti")

    monkeypatch.setattr(building.renderer, "render_site", broken)
    with pytest.raises(BuildFailed):
        building.build(settings, progress=None)  # one UKM changed: the brochure was being made beside it
    assert multiprocessing.active_children() == []


@pytest.mark.build
def test_a_build_collects_young_objects_only_and_leaves_the_collector_as_it_found_it(mini, tmp_path, monkeypatch):
    """While a build runs the collector never makes a full pass, and collects young objects every YOUNG new ones."""
    import gc

    from catalog import pipeline
    from catalog.background import YOUNG
    from catalog.build import build, read_settings
    from conftest import ROOT

    seen = []
    read = pipeline.load_catalog
    monkeypatch.setattr(pipeline, "load_catalog", lambda *a, **k: (seen.append(gc.get_threshold()), read(*a, **k))[1])
    settings = read_settings(ROOT / "mkdocs.yml", mini, out_dir=tmp_path / "site", brochure=False)
    before = gc.get_threshold()
    assert before[0] < YOUNG and before[2] < 1000  # Python's own: full passes happen
    build(settings, progress=None)
    assert seen == [(YOUNG, before[1], 2**31 - 1)] and gc.get_threshold() == before and gc.isenabled()
    gc.set_threshold(900, 11, 12)
    try:
        build(settings, progress=None)
        assert seen[1] == (YOUNG, 11, 2**31 - 1) and gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*before)


def _collector_state(job: object) -> tuple[str, object, float]:
    """Stands in for a photo job in a worker: reports the worker's collector thresholds."""
    import gc

    return "ok", gc.get_threshold(), 0.0


@pytest.mark.unit
def test_photo_workers_forked_from_a_build_collect_as_python_does(tmp_path, monkeypatch):
    """They decode photo after photo: what a job leaves in cycles must not pile up for the whole build."""
    import gc

    from catalog import cache
    from catalog.photos import work

    monkeypatch.setattr(work, "work", _collector_state)
    jobs = [work.Job(tmp_path / f"{i}.jpg", f"{i}.jpg", str(i), (), cache.Folder(tmp_path)) for i in range(4)]
    usual = gc.get_threshold()
    with young_collections_only():
        outcomes = [outcome for _job, outcome in work.run(jobs, 2, None)]
    assert [thresholds for _status, thresholds, _cpu in outcomes] == [usual] * 4
