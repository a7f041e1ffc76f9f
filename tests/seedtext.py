"""Read the seed (the text extracted from the journal PDF) independently of the
pipeline: body text, notes 1-98 and sentences, for the fidelity tests."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

SEED = Path(__file__).parent / "data" / "seed.txt"


def _join(lines: list[str]) -> str:
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        out = out + line if out.endswith("-") else (out + " " + line if out else line)
    return re.sub(r"\s+", " ", out).strip()


@lru_cache
def parse() -> tuple[str, dict[int, str]]:
    """(body text, {note number: note text}); page furniture removed, lines joined."""
    body: list[str] = []
    notes: dict[int, list[str]] = {}
    expect, current, in_notes = 1, None, False
    for raw in SEED.read_text(encoding="utf-8").split("\n"):
        if re.match(r"^ \S", raw):          # a new page starts with one space
            in_notes = False
            raw = raw[1:]
        if re.fullmatch(r" {20,}", raw):     # the rule above the footnotes
            in_notes = True
            continue
        if not in_notes:
            body.append(raw)
            continue
        m = re.match(r"^(\d+)\s+(.*)$", raw)
        if m and int(m.group(1)) == expect:
            current, expect = expect, expect + 1
            notes[current] = [m.group(2)]
        elif raw.strip():
            notes[current].append(raw)
    return _join(body), {n: _join(lines) for n, lines in notes.items()}


def squash(text: str) -> str:
    """Compare texts without whitespace: PDF extraction put spaces at random."""
    return re.sub(r"\s+", "", text)


def sentences(text: str) -> list[str]:
    """Split into sentences at '. ', '? ', '! ', ': ' before a capital or a digit."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÇĞİÖŞÜ“\"\d])", text)
    return [p for p in parts if len(squash(p)) > 3]
