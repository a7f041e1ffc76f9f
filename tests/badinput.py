"""A helper for table-driven bad-input tests: copy a fake edition from tests/roots/, change
one file, build, and check that the build stops with the right category at the right
file:line, with no traceback, and leaves the previous site alone.

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


def build_fails(case: Bad, tmp_path: Path, caplog, good_site: Path | None = None) -> str:
    """Mutate a fresh copy of `case.root`, build, assert a located stop; returns the message."""
    project = copy_root(case.root, tmp_path)
    case.apply(project)
    site = good_site or tmp_path / "site"
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        try:
            build_site(project, site)
        except Abort:
            pass
        else:
            raise AssertionError(f"{case.id}: the build succeeded")
    message = caplog.text
    assert "Traceback" not in message, message
    first = next((line for line in message.splitlines() if "[" in line and "]" in line and ":" in line
                  and not line.startswith(("ERROR", "WARNING"))), "")
    assert first.startswith(f"{case.where}: [{case.category}]"), \
        f"{case.id}: expected the first problem at {case.where} [{case.category}], got:\n{message}"
    return message
