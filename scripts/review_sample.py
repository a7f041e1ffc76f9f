"""Draw a random sample of aligned paragraphs and notes for a blind review of the translation.

    python scripts/review_sample.py --paragraphs 14 --notes 10 --seed 2026120501 > packet.md

The packet holds only the Turkish and the English of each unit (no termbase, no register, no history),
so that the reviewer judges the translation against the original alone. Units drawn by an earlier
review (the `sample:` lists of termbase/reviews/*.yaml) are left out, so that each review reads text no
earlier review has read. The author's own English (paragraphs marked `lang=en`) is not a translation
and is never drawn.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ["index", "giris", "sovyet-dis-politikasi", "savas-korkusu", "sovyet-tepkisi", "sonuc"]
_PARA = re.compile(r"\{¶(\w+)([^}]*)\}")
_NOTE = re.compile(r"^\[\^(\d+)\]:\s*(.*)$")


def units(stem: str, lang: str) -> dict[str, str]:
    """{"p26": text, "n53": text} of one chapter file in one language."""
    name = f"{stem}.md" if lang == "tr" else f"{stem}.{lang}.md"
    out: dict[str, str] = {}
    for line in (ROOT / "docs" / name).read_text(encoding="utf-8").splitlines():
        note = _NOTE.match(line)
        if note:
            out[f"n{note.group(1)}"] = note.group(2)
            continue
        para = _PARA.search(line)
        if para and "lang=en" not in para.group(2):
            ident = para.group(1)
            out[f"p{ident}" if ident.isdigit() else ident] = line
    return out


def drawn_before() -> set[str]:
    seen: set[str] = set()
    for path in sorted((ROOT / "termbase" / "reviews").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        seen.update(str(u) for u in data.get("sample", []))
    return seen


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--paragraphs", type=int, default=14)
    ap.add_argument("--notes", type=int, default=10)
    ap.add_argument("--seed", type=int, required=True)
    args = ap.parse_args(argv)
    tr: dict[str, str] = {}
    en: dict[str, str] = {}
    for stem in CHAPTERS:
        tr.update(units(stem, "tr"))
        en.update(units(stem, "en"))
    seen = drawn_before()
    pool = [u for u in tr if u in en and u not in seen]
    rng = random.Random(args.seed)
    # paragraphs: the body (p1 …) and the translated Turkish abstract (oz1 …)
    paras = sorted((u for u in pool if not u.startswith("n")), key=lambda u: (len(u), u))
    notes = sorted((u for u in pool if u.startswith("n")), key=lambda u: int(u[1:]))
    sample = rng.sample(paras, min(args.paragraphs, len(paras))) + rng.sample(notes, min(args.notes, len(notes)))
    out = sys.stdout
    out.write(f"# Blind review packet (seed {args.seed})\n\nsample: [{', '.join(sample)}]\n\n")
    for u in sample:
        out.write(f"## {u}\n\nTurkish:\n\n{tr[u]}\n\nEnglish:\n\n{en[u]}\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
