"""Compare two builds of the edition file by file, and the members of every zip and EPUB inside them.

    python scripts/compare_builds.py BEFORE AFTER

BEFORE and AFTER are two built sites (`mkdocs build -d DIR`, or the safe build's site/), e.g. one
built from a worktree of the commit before a refactoring and one from after it. Prints every path
that exists on one side only or differs, with the first differing line of a text file; exits 0 when
the two builds are byte-identical, 1 when they are not. Archives (.zip, .epub) are compared member
by member, so that a difference is named by its member and not only by the archive; the archive
bytes are compared too (a member's timestamp or order is a difference a reader's checksum sees).
"""
from __future__ import annotations

import argparse
import hashlib
import io
import sys
import zipfile
from pathlib import Path

ARCHIVES = (".zip", ".epub")


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def members(data: bytes, name: str) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {f"{name}!{i.filename}": z.read(i) for i in z.infolist() if not i.is_dir()}


def first_difference(a: bytes, b: bytes) -> str:
    try:
        la, lb = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"binary, {len(a)} vs {len(b)} bytes, sha256 {hashlib.sha256(a).hexdigest()[:12]} vs " \
               f"{hashlib.sha256(b).hexdigest()[:12]}"
    for n, (x, y) in enumerate(zip(la, lb), 1):
        if x != y:
            return f"line {n}: {x[:120]!r} vs {y[:120]!r}"
    return f"{len(la)} vs {len(lb)} lines"


def compare(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    out = []
    for name in sorted(before.keys() | after.keys()):
        if name not in after:
            out.append(f"only before: {name}")
        elif name not in before:
            out.append(f"only after:  {name}")
        elif before[name] != after[name]:
            if name.endswith(ARCHIVES):
                inner = compare(members(before[name], name), members(after[name], name))
                out += inner or [f"differs:     {name} (same members, other archive bytes)"]
            else:
                out.append(f"differs:     {name}: {first_difference(before[name], after[name])}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    args = ap.parse_args(argv)
    for d in (args.before, args.after):
        if not d.is_dir():
            ap.error(f"{d} is not a folder")
    before, after = files(args.before), files(args.after)
    diffs = compare(before, after)
    for line in diffs:
        print(line)
    print(f"{len(before)} files before, {len(after)} after: "
          + ("byte-identical" if not diffs else f"{len(diffs)} differences"))
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
