"""A helper for table-driven bad-input tests: copy a fake edition from tests/roots/, change
one file, and check that the build stops with the right category at the right file:line,
with no traceback: through `load_edition` (what every build runs first) where the sources are
at fault, through a whole build where only rendering a page meets the problem.

Add a case to a table as

    Bad("register-unknown-id", "register/people.yaml", "id: ali", "id: ../ali", "schema",
        "register/people.yaml:3")

`old` must occur in the file (it is replaced once); `new=None` deletes the file; bytes
write raw bytes (for encodings). `where` is "path:line" of the FIRST problem reported.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import Abort

from conftest import build_site, copy_root
from edition.core.errors import EditionError
from edition.mkdocs_plugin import failure_message
from loading import load_root


@dataclass(frozen=True)
class Bad:
    id: str
    file: str
    old: str | bytes
    new: str | bytes | None
    category: str
    where: str           # "path:line" of the first problem
    root: str = "base"

    def apply(self, project: Path) -> None:
        path = project / self.file
        if self.new is None:
            path.unlink()
            return
        if isinstance(self.new, bytes):
            raw = path.read_bytes() if path.exists() else b""
            old = self.old if isinstance(self.old, bytes) else self.old.encode()
            assert old in raw, f"{self.file} does not contain {old!r}"
            path.write_bytes(raw.replace(old, self.new, 1))
            return
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        assert self.old in text, f"{self.file} does not contain {self.old!r}"
        path.write_text(text.replace(self.old, self.new, 1), encoding="utf-8")


def build_fails(case: Bad, tmp_path: Path, caplog, good_site: Path | None = None, build: bool = False) -> str:
    """Mutate a fresh copy of `case.root` and assert a located stop; returns the message."""
    message = stop_message(case, tmp_path, caplog, good_site, build)
    _first_problem_is(case, message)
    return message


def stop_message(case: Bad, tmp_path: Path, caplog, good_site: Path | None = None, build: bool = False) -> str:
    """Mutate a fresh copy of `case.root`; the message it stops with (it must stop, without a traceback).

    A problem of the sources stops `load_edition`, the first step of every build, and the build
    reports exactly `failure_message` of it (the cases with `build=True`, and the "previous site
    stays" tests, build for real). A problem that only a page's rendering meets (a directive, a
    page's front matter, raw HTML in a page) lets loading pass: then the whole build runs."""
    project = copy_root(case.root, tmp_path)
    case.apply(project)
    if not build and good_site is None:
        try:
            load_root(project)
        except EditionError as exc:
            return failure_message(exc)
    site = good_site or tmp_path / "site"
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        try:
            build_site(project, site)
        except Abort:
            pass
        else:
            raise AssertionError(f"{case.id}: the build succeeded")
    assert "Traceback" not in caplog.text, caplog.text
    return caplog.text


def _first_problem_is(case: Bad, message: str) -> None:
    assert "Traceback" not in message, message
    first = next((line for line in message.splitlines() if "[" in line and "]" in line and ":" in line
                  and not line.startswith(("ERROR", "WARNING"))), "")
    assert first.startswith(f"{case.where}: [{case.category}]"), \
        f"{case.id}: expected the first problem at {case.where} [{case.category}], got:\n{message}"
