"""The editors' check records (issue 23): the fact-check of the article covers every paragraph and
every note and names a work for what it confirms, every slip it found is told to the reader (by an
editorial comment anchored at that place, or by the chronology event that marks the wrong date), and
the second reading of the register's sources covers every register entry."""
from __future__ import annotations

import pytest
import yaml

from conftest import ROOT
from edition.sources import factcheck
from edition.checks.commentary import CommentFile
from edition.sources.datafiles import load_data
from edition.core.errors import EditionError
from edition.figures import chronology
from edition.sources.apparatus import load_apparatus
from loading import load_root


@pytest.fixture(scope="module")
def edition():
    return load_root(ROOT).edition


@pytest.fixture(scope="module")
def article():
    return factcheck.load_article(ROOT).data


def _unit(ident: str) -> str:
    return ident if ident[:1].isalpha() else f"p{ident}"


def test_the_fact_check_covers_every_paragraph_and_every_note(edition, article):
    wanted = set()
    for chapter in edition.chapters("tr"):
        wanted |= {_unit(p.ident) for p in chapter.paragraphs}
        wanted |= {f"n{n}" for n in chapter.notes}
    covered = [u.at for u in article]
    assert len(covered) == len(set(covered)), "a unit is listed twice"
    assert wanted - set(covered) == set(), "units of the text the fact-check does not cover"
    assert set(covered) - wanted == set(), "units the text does not have"
    assert {f"n{n}" for n in range(1, 99)} <= set(covered)
    assert {f"p{n}" for n in range(1, 60)} <= set(covered)


def test_the_fact_check_names_a_work_for_every_confirmed_claim(article):
    counts = factcheck.summary(article)
    assert counts["claims"] >= 200 and counts["ok"] >= counts["claims"] // 2, counts


def test_every_slip_is_told_to_the_reader(article):
    comments = {c["label"]: c for c in yaml.safe_load((ROOT / "apparatus" / "comments.yaml").read_text(
        encoding="utf-8"))["comments"]}
    events = {e["id"]: e for e in yaml.safe_load((ROOT / "chronology" / "events.yaml").read_text(encoding="utf-8"))}
    untold = []
    for unit, claim in factcheck.slips(article):
        if claim.comment:
            places = {a["at"] for a in comments.get(claim.comment, {}).get("anchors", [])}
            if unit not in places:
                untold.append((unit, claim.claim, f"comment {claim.comment} is not anchored at {unit}"))
        elif claim.event:
            event = events.get(claim.event, {})
            if "actual" not in event or f"p{event.get('para')}" != unit:
                untold.append((unit, claim.claim, f"event {claim.event} does not mark a wrong date of {unit}"))
        else:
            untold.append((unit, claim.claim, "no comment and no event"))
    assert untold == []
    assert len(factcheck.slips(article)) >= 31


def test_every_comment_of_the_editors_was_read_by_a_second_reader():
    apparatus = load_apparatus(ROOT)
    comments = load_data(ROOT / "apparatus" / "comments.yaml", "apparatus/comments.yaml", CommentFile,
                         context=apparatus.context).data.comments
    marked = [e.id for e in chronology.load_events(ROOT, apparatus=apparatus)[0] if e.comment]
    checks = factcheck.load_comments(ROOT).data
    read = [c.subject for c in checks]
    wanted = {f"comment {c.label}" for c in comments} | {f"event {e}" for e in marked}
    assert len(read) == len(set(read)), "a comment is checked twice"
    assert wanted - set(read) == set(), "comments no second reader has read"
    assert set(read) - wanted == set(), "checks of comments the edition does not have"
    facts = [f for c in checks for f in c.checked]
    assert not [f.fact for f in facts if f.verdict == "unverified"], "facts of the editors' comments left unread"
    assert all(f.work for f in facts if f.verdict in ("confirmed", "corrected"))


def test_the_register_sources_were_read_again_entry_by_entry(edition):
    checked = {c.entry for c in factcheck.load_register(ROOT).data}
    register = edition.sources.register
    entries = {f"{e.kind}s/{e.ident}" for e in register.entities.values()}
    assert entries - checked == set(), "register entries the second reading does not cover"


@pytest.mark.parametrize("text,message", [
    ("- at: p1\n", "says why"),
    ("- at: x1\n  note: n\n", "not a unit"),
    ("- at: p1\n  checked:\n    - {claim: c, verdict: ok}\n", "names the work"),
    ("- at: p1\n  checked:\n    - {claim: c, verdict: slip, work: w}\n", "what the record says"),
    ("- at: p1\n  checked:\n    - {claim: c, verdict: wrong, work: w}\n", "verdict"),
])
def test_a_bad_record_is_a_located_error(tmp_path, text, message):
    (tmp_path / "apparatus" / "checks").mkdir(parents=True)
    (tmp_path / factcheck.ARTICLE).write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        factcheck.load_article(tmp_path)
    assert factcheck.ARTICLE in str(exc.value) and message in str(exc.value)


@pytest.mark.parametrize("text,line,message", [
    ("- comment: a\n  event: voikov\n  checked: [{fact: f, work: w, verdict: confirmed}]\n", 1, "either the `comment`"),
    ("- checked: [{fact: f, work: w, verdict: confirmed}]\n", 1, "either the `comment`"),
    ("- comment: a\n  checked: []\n", 1, "lists the facts"),
    ("- comment: a\n  checked: [{fact: f, verdict: maybe}]\n", 2, "verdict"),
])
def test_a_bad_check_of_a_comment_is_a_located_error(tmp_path, text, line, message):
    (tmp_path / "apparatus" / "checks").mkdir(parents=True)
    (tmp_path / factcheck.COMMENTS).write_text(text, encoding="utf-8")
    with pytest.raises(EditionError) as exc:
        factcheck.load_comments(tmp_path)
    assert f"{factcheck.COMMENTS}:{line}: " in str(exc.value) and message in str(exc.value)
