"""The blind reviews of the translation (issue 24), kept in termbase/reviews/: each names the units it
drew, its scores and its findings, and says what was changed after it; no two reviews drew the same
unit (each reads text no earlier review read), and every unit drawn is a unit of the text."""
from __future__ import annotations

import collections
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
REVIEWS = sorted((ROOT / "termbase" / "reviews").glob("*.yaml"))
KINDS = ("meaning", "terminology", "style")

sys.path.insert(0, str(ROOT / "scripts"))
import review_sample  # noqa: E402


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_there_are_reviews():
    assert len(REVIEWS) >= 3


@pytest.mark.parametrize("path", REVIEWS, ids=lambda p: p.stem)
def test_a_review_says_what_it_read_found_and_changed(path):
    r = _load(path)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(r["date"])) and path.stem.startswith(str(r["date"]))
    assert r["reviewer"] and r["sample"] and r["changed"]
    assert set(r["scores"]) == {"accuracy", "terminology", "style"} and all(1 <= v <= 5 for v in r["scores"].values())
    assert set(r["counts"]) == set(KINDS)
    for f in r["findings"]:
        assert f["kind"] in KINDS and f["text"]
    if len(r["sample"]) > 1:   # a whole review lists every finding it counts
        assert dict(collections.Counter(f["kind"] for f in r["findings"])) == \
            {k: v for k, v in r["counts"].items() if v}


def test_no_two_reviews_drew_the_same_unit_and_every_unit_is_in_the_text():
    units = set()
    for stem in review_sample.CHAPTERS:
        units |= set(review_sample.units(stem, "tr"))
    seen: dict[str, str] = {}
    for path in REVIEWS:
        for unit in _load(path)["sample"]:
            assert unit in units, f"{path.name}: {unit} is not a unit of the text"
            assert unit not in seen, f"{unit} drawn by {seen.get(unit)} and {path.name}"
            seen[unit] = path.name
