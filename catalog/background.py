"""Run one function in a process of its own while the build goes on, and wait for its result later.

The brochure after a small change: laying out one part and joining the PDF takes ~9 s at 5,000 products,
and the pages, the renderer and the offline copy need the other core for as long (docs/kinerja.md).
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import threading
import time
import traceback
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")


class Background(Generic[T]):
    """`function(*args)` in a spawned process (not forked: the parent may hold Pango and fontconfig state).

    The process is not a daemon, so it may start workers of its own. `result()` waits and returns what the
    function returned or raises what it raised; `cancel()` ends the process (a build that failed).

    With `gated`, the function gets a last argument, `gate`: a callable that blocks until the caller calls
    `open_gate()` (or `result()`). The function calls it before the part of its work that needs much memory,
    so that part waits until the caller has let go of its own.
    """

    def __init__(self, function: Callable[..., T], *args: Any, gated: bool = False) -> None:
        context = multiprocessing.get_context("spawn")
        self._receive, send = context.Pipe(duplex=False)
        self._gate = context.Event()
        gate = (self._gate.wait,) if gated else ()
        self._process = context.Process(target=_run, args=(send, function, *args, *gate), name=function.__name__)
        # Started by a thread: the arguments go down a pipe the new Python reads only once it has imported the main
        # module, and the build went on 0.35 s later at 5,000 products (the catalogue is one of the arguments).
        self._start_error: list[BaseException] = []
        self._starting = threading.Thread(target=_start, args=(self._process, send, self._start_error),
                                          name=f"start {function.__name__}", daemon=True)
        self._starting.start()
        # Ended, if still running, when this object goes or the interpreter exits: before multiprocessing's own exit
        # handler (registered earlier, so run later) joins it, which would wait forever for one held at its gate.
        self._end = weakref.finalize(self, _end, self._process, self._starting)
        self.seconds = 0.0  # the function's own time, in its process
        self.waited = 0.0  # the time `result()` blocked the caller
        self._outcome: tuple[bool, Any, Any] | None = None  # (returned, value or exception, seconds or traceback)

    def open_gate(self) -> None:
        """Let the function go on past its `gate`."""
        self._gate.set()

    def result(self) -> T:
        if self._outcome is None:
            self._gate.set()  # waiting for a function held at its gate would never end
            started = time.perf_counter()
            outcome: tuple[bool, Any, Any]
            self._starting.join()
            if self._start_error:  # the process never ran (its arguments did not pickle, say): the error is here
                raise self._start_error[0]
            try:
                outcome = self._receive.recv()
            except EOFError:
                self._process.join()
                code = self._process.exitcode
                outcome = (False, RuntimeError(f"the {self._process.name} process ended without a result ({code})"), "")
            self._outcome = outcome
            self.waited = time.perf_counter() - started
            self._process.join()
            self._receive.close()
        returned, value, detail = self._outcome
        if not returned:
            raise value from (_ChildTraceback(detail) if detail else None)
        self.seconds = float(detail)
        return cast(T, value)

    def cancel(self) -> None:
        """End the process if it still runs; its result is not wanted."""
        self._end()
        self._receive.close()


def _start(process: multiprocessing.process.BaseProcess, send: Connection, error: list[BaseException]) -> None:
    try:
        process.start()
    except BaseException as exc:
        error.append(exc)
    finally:
        send.close()  # the child holds the only sending end: its death ends the pipe


def _end(process: multiprocessing.process.BaseProcess, starting: threading.Thread) -> None:
    starting.join()  # else a process still being started would outlive this
    if process.pid is None:  # it never started
        return
    if process.is_alive():
        process.terminate()
    process.join()


class _ChildTraceback(Exception):
    """The traceback of an exception raised in the background process, as text."""


def _run(send: Connection, function: Callable[..., Any], *args: Any) -> None:
    started = time.perf_counter()
    try:
        value = function(*args)
    except BaseException as exc:  # handed to the parent, which raises it with this traceback as its cause
        text = traceback.format_exc()
        try:
            send.send((False, exc, text))
        except Exception:  # an exception that does not pickle: its text still reaches the parent
            send.send((False, RuntimeError(text), ""))
        return
    send.send((True, value, time.perf_counter() - started))


class Done(Generic[T]):
    """A result that is there already, behind Background's interface."""

    seconds = waited = 0.0

    def __init__(self, value: T) -> None:
        self.value = value

    def open_gate(self) -> None:
        pass

    def result(self) -> T:
        return self.value

    def cancel(self) -> None:
        pass


def release_freed_memory() -> bool:
    """Hand the free pages of the C heap back to the system (glibc's `malloc_trim`); False where there is none.

    The pages' text lives on the C heap, the offline copy's 135,000 small entries (10,000 products) in Python's
    own arenas, which never reuse what the pages left there. Without this the offline stage raised the build's
    peak by 143-148 MB after one price change at 10,000 products (979 MB), with it by none (833 MB).
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to call
        return False
    trim(0)
    return True


YOUNG = 50_000  # new objects (net) between two collections of the youngest generation; Python's default: 700
_NEVER = 2**31 - 1  # young collections between two full passes: none while a build runs
_USUAL = gc.get_threshold()  # the thresholds this Python started with


@contextmanager
def young_collections_only() -> Iterator[None]:
    """Run the block with the cyclic garbage collector collecting new objects only, not every object; as before after.

    A build holds most of what it makes until it ends (the catalogue, the photo record, the pages), and each full
    pass of the collector walks every object it tracks. At 50,000 products one price change ran 20 full passes:
    17-21 s of a 75-83 s build. With no collection at all, the garbage in cycles that laying out the brochures and
    rendering pages leave stayed to the end, and a first build's peak went from 2.7 to 5.1 GB. Here the young
    generations are still collected (every YOUNG new objects), which frees that garbage while it is young, and what
    outlives them is not walked again. Workers forked inside the block collect as usual again (`usual_collections`).
    """
    before = gc.get_threshold()
    gc.set_threshold(YOUNG, before[1], _NEVER)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def usual_collections() -> None:
    """A pool's initializer: a worker forked from a build (see `young_collections_only`) collects as Python does."""
    gc.set_threshold(*_USUAL)
