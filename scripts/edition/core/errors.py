"""Located problems with the edition's sources.

Every problem names the file and line and carries a stable category, so that a
failed build can be grepped and a test can assert on the category.

Problems with one cause are reported once: the first (in reading order, the default
language first) in full, the others folded into "(and N more caused by this: …)".
A problem's cause is its `cause` when the checker knows it (an unknown key cited in
86 notes), otherwise its category and message with the numbers left out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from edition.core.document import Location

_NUMBER = re.compile(r"\d+")
#: how many locations of the folded problems are listed
SHOWN = 5


@dataclass(frozen=True)
class Problem:
    location: Location
    category: str
    message: str
    cause: str = ""

    def __str__(self) -> str:
        return f"{self.location}: [{self.category}] {self.message}"

    @property
    def cause_key(self) -> str:
        return self.cause or f"{self.category}|{_NUMBER.sub('#', self.message)}"


def collapse(problems: list["Problem"]) -> list[tuple["Problem", list["Problem"]]]:
    """Each distinct cause once, with the problems it also caused, in first-seen order."""
    groups: dict[str, tuple[Problem, list[Problem]]] = {}
    for p in problems:
        if p.cause_key in groups:
            groups[p.cause_key][1].append(p)
        else:
            groups[p.cause_key] = (p, [])
    return list(groups.values())


def report(problems: list["Problem"]) -> str:
    lines = []
    for first, more in collapse(problems):
        line = str(first)
        if more:
            where = ", ".join(str(p.location) for p in more[:SHOWN]) + (", …" if len(more) > SHOWN else "")
            line += f"\n  (and {len(more)} more caused by this: {where})"
        lines.append(line)
    return "\n".join(lines)


class EditionError(Exception):
    """One or more problems that stop the build."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__(report(self.problems))

    @property
    def causes(self) -> int:
        return len(collapse(self.problems))


def fail(path: str, line: int, category: str, message: str) -> EditionError:
    return EditionError(Problem(Location(path, line), category, message))
