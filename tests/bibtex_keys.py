"""The keys the sources define, read straight from the files (not through the pipeline)."""
from __future__ import annotations

from pathlib import Path

import yaml
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parents[1]


def _bib():
    data = {}
    for path in sorted((ROOT / "bibliography").glob("*.bib")):
        data.update(parse_file(str(path), "bibtex").entries)
    return data


def all_keys() -> set[str]:
    return set(_bib())


def parents_of(keys) -> set[str]:
    bib = _bib()
    return {bib[k].fields["crossref"] for k in keys if k in bib and "crossref" in bib[k].fields}


def document_keys() -> set[str]:
    raw = yaml.safe_load((ROOT / "bibliography" / "archives.yaml").read_text(encoding="utf-8"))
    return {d["key"] for d in raw["documents"]}
