"""User mistakes, reported as one line each: `file:line: where: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing a UKM owner must fix, in Indonesian."""

    file: str
    line: int | None
    where: str
    message: str

    def __str__(self) -> str:
        location = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{location}: {self.where}: {self.message}" if self.where else f"{location}: {self.message}"


class CatalogError(Exception):
    """The data has mistakes; every one of them is listed in `problems`."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple:
        return type(self), (self.problems,)  # as made, for a stage that ran in a process of its own


def _problem_order(problem: Problem) -> tuple:
    return (problem.file, problem.line or 0, problem.where, problem.message)


def path_text(path: tuple) -> str:
    """Write a data path the way owners count: `produk[2].harga` (1-based)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class BuildFailed(Exception):
    """The renderer refused to build (e.g. a warning under --strict); its log says why."""
