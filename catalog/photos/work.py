"""Image work for many photos through the cache: `process`, one job per missing source file, a pool, a progress line.

`process(requests, cache_dir)` takes what the cache has (`store`), hands each source file with something
missing to one job (decoded once, every output of every use made from it) on a pool of worker processes,
and returns the renditions. The pages (`publish`), the brochure and the link previews call it with their
own presets.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from PIL import Image

from catalog import cache
from catalog.background import usual_collections
from catalog.photos import engine, store
from catalog.photos.formats import Output, Preset, Rendition, Request

Use = tuple[Preset, tuple[float, float]]  # a preset and the focus it is cut around


@dataclass(frozen=True)
class Job:
    """One source file and every use of it still missing from the cache: it is decoded once for all of them."""

    path: Path
    name: str
    digest: str
    uses: tuple[Use, ...]
    folder: cache.Folder


def work(job: Job) -> tuple[str, object, float]:
    """Make the missing files of one photo; return ("ok", None, cpu seconds) or ("refused", message, cpu)."""
    started = time.process_time()
    try:
        make(job)
    except engine.PhotoRefused as exc:
        return "refused", str(exc), time.process_time() - started
    return "ok", None, time.process_time() - started


def make(job: Job) -> None:
    """Write every missing output of the job's uses, then each use's entry record (its presence: all complete)."""
    with engine.open_checked(job.path, job.name) as probe:
        upright = engine.upright_size(probe)
        jpeg = probe.format == "JPEG"
    # The smallest decode that still covers the largest output of every use.
    need = 0.0
    for preset, focus in job.uses:
        left, _top, right, _bottom = engine.crop_box(upright, preset.ratio, focus)
        need = max(need, min(1.0, max(preset.widths) / (right - left)))
    plans = [(preset, focus, engine.plan(job.digest, upright, preset, focus)) for preset, focus in job.uses]
    missing = [any(not job.folder.file(o.name).exists() for o in outputs) for _, _, outputs in plans]
    image = engine.decode(job.path, job.name, need) if any(missing) else None
    for (preset, focus, outputs), todo in zip(plans, missing, strict=True):
        if todo:
            _write_outputs(job.folder, image, upright, preset, focus, outputs)
    # The placeholder comes from a decode of its own size, never from this job's: the same file and crop give
    # the same placeholder whichever other uses (and so whichever decode) happen to share the job.
    p_need = engine.placeholder_need(upright)
    same = image is not None and (not jpeg or min(need, 1.0) == p_need)
    source = image if same else engine.decode(job.path, job.name, p_need)
    scale = source.width / upright[0]
    for preset, focus, _ in plans:
        box = tuple(v * scale for v in engine.crop_box(upright, preset.ratio, focus))
        colour, preview = engine.placeholder(source, box)
        job.folder.write_json(engine.entry_name(job.digest, preset, focus),
                              {"size": list(upright), "colour": colour, "preview": preview})


def _write_outputs(folder: cache.Folder, image: Image.Image, upright: tuple[int, int], preset: Preset,
                   focus: tuple[float, float], outputs: tuple[Output, ...]) -> None:
    scale = image.width / upright[0]
    box = tuple(v * scale for v in engine.crop_box(upright, preset.ratio, focus))
    heights = {o.width: o.height for o in outputs}
    by_width: dict[int, Image.Image] = {}
    source, source_box = image, box
    # Largest first, each from the one before: a chain of small downscales is cheaper than
    # resampling every width from the decode, and Lanczos at ratios under 2 keeps it sharp.
    for width in sorted(heights, reverse=True):
        by_width[width] = engine.resize(source, (width, heights[width]), source_box)
        source, source_box = by_width[width], (0, 0, width, heights[width])
    for output in outputs:
        if not folder.file(output.name).exists():
            folder.write(output.name, engine.encode(by_width[output.width], output.format,
                                                    preset.budget_for(output.format)))


class Progress:
    """A one-line `Foto 12/103 … sisa ±0:42` on a terminal; silent when the stream is not one."""

    def __init__(self, total: int, stream: TextIO | None = None, label: str = "Foto"):
        self.stream = stream if stream is not None else sys.stderr
        self.total, self.done, self.label = total, 0, label
        self.enabled = total > 0 and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self.shown = 0.0
        self._draw()

    def step(self) -> None:
        self.done += 1
        if self.done == self.total or time.monotonic() - self.shown > 0.1:
            self._draw()

    def _draw(self) -> None:
        if not self.enabled:
            return
        self.shown = time.monotonic()
        elapsed = self.shown - self.started
        filled = round(20 * self.done / self.total)
        bar = "█" * filled + "░" * (20 - filled)
        if self.done:
            left = elapsed / self.done * (self.total - self.done)
            eta = f"sisa ±{int(left // 60)}:{int(left % 60):02d}"
        else:
            eta = "menghitung sisa waktu"
        self.stream.write(f"\r{self.label} {self.done}/{self.total} {bar} {eta}   ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            elapsed = time.monotonic() - self.started
            done = f"\r{self.label} {self.done}/{self.total} selesai dalam {elapsed:.1f} s"
            self.stream.write(done + " " * 20 + "\n")
            self.stream.flush()


def run(jobs: list[Job], workers: int | None, bar: Progress | None) -> Iterator[tuple[Job, tuple[str, object, float]]]:
    """Do every job, on a pool of worker processes when there are several; yield each with its outcome."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        for job in jobs:
            yield job, work(job)
            if bar:
                bar.step()
        return
    # fork on Linux: workers start in milliseconds and need no `if __name__ == "__main__"` guard in
    # whatever script called us (mkdocs, pytest, a hook). Plugins are loaded before forking.
    Image.init()
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context, initializer=usual_collections) as pool:
        futures = {pool.submit(work, job): job for job in jobs}
        for future in concurrent.futures.as_completed(futures):
            yield futures[future], future.result()
            if bar:
                bar.step()


@dataclass
class Result:
    """What `process` made: renditions per request and preset, and the problems per request."""

    renditions: dict[Request, dict[str, Rendition]] = field(default_factory=dict)
    problems: dict[Request, str] = field(default_factory=dict)
    processed: int = 0  # photos that needed image work this time
    cpu_seconds: list[float] = field(default_factory=list)  # CPU time of each of them, in its worker


def process(
    requests: Iterable[Request], cache_dir: Path, progress: TextIO | None = None, workers: int | None = None
) -> Result:
    """Publish every request through the cache; image work only for what is missing, spread over all cores."""
    folder = cache.Folder(Path(cache_dir))
    folder.path.mkdir(parents=True, exist_ok=True)
    requests = list(dict.fromkeys(requests))
    present = folder.names()
    result = Result()
    record = store.Record(folder)
    unsure = []
    for request in requests:  # unchanged files seen before: no digest, no plan, no entry record to read
        found = record.get(request, present)
        if found is None:
            unsure.append(request)
        else:
            result.renditions[request] = found
    jobs: dict[tuple[Path, str], list] = {}  # one job per source file, however many uses it has
    pending: list[tuple[Request, str]] = []
    for request, digest in zip(unsure, record.digests(unsure), strict=True):
        found = store.entry(folder, request, digest, present)
        if found is not None:
            result.renditions[request] = found
            continue
        job = jobs.setdefault((request.path, digest), [])
        for preset in request.presets:
            use = (preset, request.focus)
            if use not in job:
                job.append(use)
        pending.append((request, digest))
    refused = _work_on(jobs, folder, result, progress, workers)
    if jobs:
        present = folder.names()
    for request, digest in pending:
        if (request.path, digest) in refused:
            result.problems[request] = refused[(request.path, digest)]
            continue
        found = store.entry(folder, request, digest, present)
        if found is None:  # a bug, not an owner's mistake: the worker said it wrote these files
            raise RuntimeError(f"photo cache incomplete after processing {request.path}")
        result.renditions[request] = found
    record.save(result.renditions, changed=bool(unsure))
    return result


def _work_on(
    jobs: dict[tuple[Path, str], list],
    folder: cache.Folder,
    result: Result,
    progress: TextIO | None,
    workers: int | None,
) -> dict[tuple[Path, str], str]:
    """Run the jobs; return the owner's message for each source file that was refused."""
    if not jobs:
        return {}
    todo = [Job(path, path.name, digest, tuple(uses), folder) for (path, digest), uses in jobs.items()]
    bar = Progress(len(todo), progress) if progress is not None else None
    refused = {}
    for job, (status, value, cpu) in run(todo, workers, bar):
        if status == "refused":
            refused[(job.path, job.digest)] = str(value)
        result.cpu_seconds.append(cpu)
    if bar:
        bar.close()
    result.processed = len(todo)
    return refused
