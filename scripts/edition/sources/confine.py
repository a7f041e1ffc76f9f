"""The build reads only the repository (issue 27).

Before any source is read, every path the configuration names (the chapters, the bibliography,
the data files) must stay inside the project root (no absolute path, no `..`), and no file or
folder under `docs/` or a data folder may be a symbolic link that leads outside the root: MkDocs
would publish it (`ln -s /etc/hostname docs/leak.md` put the machine's name on a page, in the
search index and in the offline zip). Each refusal is a located problem naming the file (or the
line of mkdocs.yml); the outside file is never opened, so nothing of it reaches a message.
"""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from edition.core.document import Location
from edition.core.errors import EditionError, Problem


def _config_line(config_text: str, entry: str) -> int:
    """The line of mkdocs.yml that names `entry` (1 if it cannot be found)."""
    for number, line in enumerate(config_text.splitlines(), 1):
        if entry in line and not line.lstrip().startswith("#"):
            return number
    return 1


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):   # outside, or a loop of links
        return False


def _walk(folder: Path, root: Path, problems: list[Problem]) -> None:
    """Every link under `folder` (not followed) must resolve inside `root`."""
    for here, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(here) / name
            if path.is_symlink() and not _inside(path, root):
                rel = path.relative_to(root).as_posix()
                problems.append(Problem(Location(rel, 1), "outside",
                                        f"{rel} is a symbolic link that leads outside the repository: the build "
                                        "reads only the repository's own files (replace the link by the file itself)"))
        dirs.sort()


def check(root: Path, config_file: Path, docs_dir: Path, entries: dict[str, list[str]],
          folders: list[str]) -> None:
    """`entries`: the configuration's paths by option (`chapters` relative to docs_dir, the
    others to the root); `folders`: data folders to search for links (relative to the root)."""
    root = root.resolve()
    config_rel = config_file.name
    try:
        config_text = config_file.read_text(encoding="utf-8")
    except OSError:
        config_text = ""
    problems: list[Problem] = []
    if not _inside(docs_dir, root):
        problems.append(Problem(Location(config_rel, _config_line(config_text, "docs_dir")), "outside",
                                "docs_dir lies outside the repository"))
    for option, paths in entries.items():
        base = docs_dir if option == "chapters" else root
        for entry in paths:
            if not entry:
                continue
            pure = PurePosixPath(entry.replace("\\", "/"))
            if pure.is_absolute() or Path(entry).is_absolute() or ".." in pure.parts or \
                    not _inside(base / entry, root if option != "chapters" else docs_dir.resolve()):
                where = "docs/" if option == "chapters" else "the repository"
                problems.append(Problem(Location(config_rel, _config_line(config_text, entry)), "outside",
                                        f"{option}: {entry!r} is not a path inside {where} (no absolute path, "
                                        "no '..', no link leading out)"))
    if problems:
        raise EditionError(problems)   # the folders below may be named by these very entries
    seen: set[Path] = set()
    for folder in [docs_dir, *(root / f for f in folders)]:
        if folder.is_dir() and folder.resolve() not in seen:
            seen.add(folder.resolve())
            _walk(folder, root, problems)
    if problems:
        raise EditionError(problems)
