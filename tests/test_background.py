"""A stage run in a process of its own: its result, its errors with their traceback, and stopping it."""

from __future__ import annotations

import os
import time

import pytest

from catalog.background import Background, Done
from catalog.errors import CatalogError, Problem

pytestmark = pytest.mark.unit


def _refuse(file: str) -> None:
    raise CatalogError([Problem(file, 3, "produk[1].harga", "harus angka bulat positif, contoh 150000")])


def test_the_result_comes_from_another_process():
    job = Background(os.getpid)
    assert job.result() != os.getpid() and job.seconds > 0
    assert job.result() == job.result()  # asked again: the same result, not a second wait


def test_an_owner_mistake_arrives_whole_with_its_traceback():
    job = Background(_refuse, "products/ukm-a.yml")
    with pytest.raises(CatalogError) as raised:
        job.result()
    assert [str(p) for p in raised.value.problems] == [
        "products/ukm-a.yml:3: produk[1].harga: harus angka bulat positif, contoh 150000"]
    assert "in _refuse" in str(raised.value.__cause__)


def test_a_process_that_dies_is_an_error_not_a_wait():
    job = Background(os._exit, 3)
    with pytest.raises(RuntimeError, match=r"_exit process ended without a result \(3\)"):
        job.result()


def test_cancel_ends_a_running_process():
    started = time.perf_counter()
    job = Background(time.sleep, 60)
    job.cancel()
    assert time.perf_counter() - started < 30 and not job._process.is_alive()


def test_done_has_the_same_interface():
    done = Done("brosur.pdf")
    done.cancel()
    assert done.result() == "brosur.pdf" and done.seconds == done.waited == 0.0


def _held(value: int, gate) -> int:
    gate()
    return value


def test_a_gated_function_waits_at_its_gate_until_it_is_opened():
    job = Background(_held, 5, gated=True)
    time.sleep(3)  # long enough to start and reach the gate
    assert job._process.is_alive()  # held there
    job.open_gate()
    assert job.result() == 5
    assert Background(_held, 6, gated=True).result() == 6  # waiting for the result opens the gate: no deadlock
