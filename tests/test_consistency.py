"""One fact, one value (issue 23): the register (persons' births and deaths, agreements' dates),
the chronology and the editorial comments never give one event or person two different dates.

What ties them together is data, not code: a chronology event names the register entry whose
date it is (`entity: {id, field}`), and gives the historical date in `actual` where the text's is
wrong; a comment lists the dates it states under `facts` (`event:` or `entity:` + `field:`). Two
values agree when they are equal at the coarser precision of the two (`"1926-04"` agrees with
1926-04-24; 7 and 8 June 1927 do not); two intervals must agree at both ends.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from edition.checks.commentary import CommentFile, date_in_text, span_text
from edition.sources.datafiles import DateSpan, PartialDate, load_data
from edition.figures import chronology as C
from edition.sources.apparatus import load_apparatus
from edition.sources.register import load_register

ROOT = Path(__file__).resolve().parents[1]


def _prec(d: PartialDate) -> int:
    return 3 if d.day else 2 if d.month else 1


def _cut(d: PartialDate, p: int) -> tuple:
    return (d.year, d.month if p > 1 else 0, d.day if p > 2 else 0)


def agree(a: DateSpan, b: DateSpan) -> bool:
    p = min(_prec(a.start), _prec(b.start))
    if _cut(a.start, p) != _cut(b.start, p):
        return False
    if a.end and b.end:
        q = min(_prec(a.end), _prec(b.end))
        return _cut(a.end, q) == _cut(b.end, q)
    return True


def values(register, events, comments) -> dict[tuple, list[tuple[str, DateSpan]]]:
    """fact key -> [(where it is stated, value)]. Keys: (register id, date field) or ("event", id)."""
    out: dict[tuple, list] = {}
    for e in register.entities.values():
        for name, value in e.dates():
            if value:
                out.setdefault((e.ident, name), []).append((f"register {e.ident}.{name}", DateSpan(value)))
    key_of_event = {}
    for ev in events:
        key = (ev.entity.id, ev.entity.field) if ev.entity else ("event", ev.id)
        key_of_event[ev.id] = key
        value = ev.actual or DateSpan(ev.date)
        where = f"chronology {ev.id}" + (" (actual)" if ev.actual else " (the text's date, unmarked)")
        out.setdefault(key, []).append((where, value))
    for c in comments:
        for f in c.facts:
            key = key_of_event.get(f.event, ("event", f.event)) if f.event else (f.entity, f.field)
            out.setdefault(key, []).append((f"comment {c.label}", f.date))
    return out


def conflicts(table) -> list[str]:
    found = []
    for key, stated in table.items():
        for i, (w1, v1) in enumerate(stated):
            for w2, v2 in stated[i + 1:]:
                if not agree(v1, v2):
                    found.append(f"{'.'.join(key)}: {w1} gives {v1.iso}, {w2} gives {v2.iso}")
    return found


@pytest.fixture(scope="module")
def edition_data():
    apparatus = load_apparatus(ROOT)
    register = load_register(ROOT / "register", "register", apparatus)
    events, _ = C.load_events(ROOT, apparatus=apparatus)
    comments = load_data(ROOT / "apparatus" / "comments.yaml", "apparatus/comments.yaml", CommentFile,
                         context=apparatus.context).data.comments
    return register, events, comments


def test_one_fact_one_value(edition_data):
    register, events, comments = edition_data
    assert conflicts(values(register, events, comments)) == []


def test_every_mapped_fact_exists(edition_data):
    register, events, comments = edition_data
    ids = {e.id for e in events}
    for ev in events:
        if ev.entity:
            assert ev.entity.id in register.entities, ev.id
            assert dict(register.entities[ev.entity.id].dates()).get(ev.entity.field), (ev.id, ev.entity)
    for c in comments:
        for f in c.facts:
            if f.event:
                assert f.event in ids, (c.label, f.event)
            else:
                assert f.entity in register.entities and dict(register.entities[f.entity].dates()).get(f.field), \
                    (c.label, f.entity, f.field)


def test_a_wrong_date_of_the_text_is_marked_and_its_comment_gives_the_right_one(edition_data):
    _, events, _ = edition_data
    marked = {ev.id: ev for ev in events if ev.actual}
    # the slips known today (issue 23); more may be added, none may disappear unnoticed
    assert {"voikov", "paris-treaty", "trotsky-frunze", "warsaw-defeat"} <= set(marked)
    for ev in marked.values():
        for lang in ("tr", "en"):
            assert date_in_text(ev.actual, getattr(ev.comment, lang), lang), \
                (ev.id, lang, span_text(ev.actual, lang), getattr(ev.comment, lang))
        assert ev.sources, ev.id
    assert marked["voikov"].actual.iso == "1927-06-07" and marked["voikov"].date.iso == "1927-06-08"
    assert marked["paris-treaty"].actual.iso == "1925-12-17"
    assert marked["trotsky-frunze"].actual.iso == "1925-01"
    assert marked["warsaw-defeat"].actual.iso == "1920-08-13/1920-08-25"


def test_the_check_finds_what_the_edition_once_said_twice(edition_data):
    """The contradictions issue 23 reported, put back: each is found."""
    register, events, comments = edition_data
    undone = [ev.model_copy(update={"actual": None}) if ev.id in ("voikov", "paris-treaty") else ev for ev in events]
    found = conflicts(values(register, undone, comments))
    assert any(f.startswith("voikov.died:") and "1927-06-08" in f for f in found), found
    assert any(f.startswith("turkish-soviet-treaty-1925.signed:") and "1925-12-16" in f for f in found), found
    c = next(x for x in comments if x.label == "c")
    twelve = c.model_copy(update={"facts": [f.model_copy(update={"date": DateSpan.parse("1920-08-12/1920-08-25")})
                                            for f in c.facts]})
    found = conflicts(values(register, events, [twelve if x.label == "c" else x for x in comments]))
    assert any(f.startswith("event.warsaw-defeat:") for f in found), found


@pytest.mark.parametrize("a,b,same", [
    ("1926-04", "1926-04-24", True), ("1927-06-07", "1927-06-08", False), ("1925", "1925-12-17", True),
    ("1920-08-13/1920-08-25", "1920-08", True), ("1920-08-12/1920-08-25", "1920-08-13/1920-08-25", False),
    ("1920-08-13/1920-08-25", "1920-08-13/1920-08-25", True), ("1924", "1925-01", False),
])
def test_agreement_is_equality_at_the_coarser_precision(a, b, same):
    assert agree(DateSpan.parse(a), DateSpan.parse(b)) is same


def test_interval_parsing():
    span = DateSpan.parse("1920-08-13/1920-08-25")
    assert span.start == PartialDate(1920, 8, 13) and span.end == PartialDate(1920, 8, 25)
    assert DateSpan.parse(dt.date(1927, 6, 7)).iso == "1927-06-07"
    with pytest.raises(ValueError):
        DateSpan.parse("1920-08-25/1920-08-13")
    assert span_text(span, "tr") == "13-25 Ağustos 1920" and span_text(span, "en") == "13-25 August 1920"
