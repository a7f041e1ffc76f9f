"""Located problems with the edition's sources.

Every problem names the file and line and carries a stable category, so that a
failed build can be grepped and a test can assert on the category.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Location


@dataclass(frozen=True)
class Problem:
    location: Location
    category: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: [{self.category}] {self.message}"


class EditionError(Exception):
    """One or more problems that stop the build."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def fail(path: str, line: int, category: str, message: str) -> EditionError:
    return EditionError(Problem(Location(path, line), category, message))
