"""The editors' check records: what a second reader checked, against which work, and what was found.

Two files, each with its schema, loaded through `datafiles.load_data` like every data file:

- `apparatus/checks/article.yaml`: the fact-check of the article. One item per unit of the text
  (`p1`…`p59` body paragraphs, `oz1`… and `ab1`… of the abstracts, `ea1`… of the Extended Abstract,
  `n1`…`n98` notes), each with the claims checked (`claim`, `verdict`, `record`, `work`); a unit with
  nothing to check says so in `note`. A claim whose verdict is `slip` names the editorial comment
  (`comment`, its label in apparatus/comments.yaml) or the chronology event (`event`) that tells the
  reader.
- `apparatus/checks/register-sources.yaml`: the second reading of the register's sources. One item per
  register entry (`persons/chicherin`), each fact with the work it was checked against and the verdict.
- `apparatus/checks/comments.yaml`: the second reading of what the editors themselves say: one item per
  editorial comment (`comment: f`) and per chronology event that marks a wrong date (`event: voikov`),
  each fact the comment states with the work it was checked against and the verdict, by a reader who
  did not write the comment.

Nothing here is rendered as markup; tests/test_factcheck.py checks coverage (every paragraph, note
and register entry) and that every slip has its comment.
"""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import field_validator, model_validator

from edition.sources.datafiles import DataFile, Schema, check_pattern, load_data

ARTICLE = "apparatus/checks/article.yaml"
REGISTER = "apparatus/checks/register-sources.yaml"
COMMENTS = "apparatus/checks/comments.yaml"

_UNIT = r"p\d+|n\d+|oz\d+|ab\d+|ea\d+"
_ENTRY = r"(persons|places|organisations|agreements)/[a-z0-9][a-z0-9_.\-]*"


class Claim(Schema):
    claim: str                      #: the text's claim, quoted short (in the article's language)
    verdict: Literal["ok", "slip", "unverified"]
    record: str = ""                #: what the record says
    work: str = ""                  #: the work a historian would cite for it
    url: str | None = None          #: the publisher's own page, where there is one
    comment: str | None = None      #: a slip: the label of its editorial comment (apparatus/comments.yaml)
    event: str | None = None        #: a slip: the chronology event that marks the wrong date

    @model_validator(mode="after")
    def _slip_is_told(self):
        if self.verdict != "ok" and not self.record:
            raise ValueError("a slip or an unverified claim says what the record says (`record`)")
        if self.verdict == "ok" and not self.work:
            raise ValueError("a confirmed claim names the work it was checked against (`work`)")
        return self


class Unit(Schema):
    at: str
    checked: list[Claim] = []
    note: str = ""

    @field_validator("at")
    @classmethod
    def _unit(cls, value: str) -> str:
        return check_pattern(value, _UNIT, "a unit of the text (p12, n24, oz1, ab1, ea3)")

    @model_validator(mode="after")
    def _says_why_empty(self):
        if not self.checked and not self.note:
            raise ValueError("a unit with nothing checked says why (`note`)")
        return self


class Fact(Schema):
    fact: str
    work: str = ""
    verdict: Literal["confirmed", "corrected", "removed", "unverified"]
    note: str = ""


class EntryCheck(Schema):
    entry: str
    checked: list[Fact] = []
    note: str = ""

    @field_validator("entry")
    @classmethod
    def _entry(cls, value: str) -> str:
        return check_pattern(value, _ENTRY, "a register entry (persons/chicherin, places/ankara…)")


class CommentCheck(Schema):
    comment: str | None = None      #: the label of an editorial comment (apparatus/comments.yaml)
    event: str | None = None        #: or the id of a chronology event that marks a wrong date
    checked: list[Fact]

    @model_validator(mode="after")
    def _one_subject(self):
        if (self.comment is None) == (self.event is None):
            raise ValueError("a check names either the `comment` (its label) or the chronology `event` it read")
        if not self.checked:
            raise ValueError("a check lists the facts it read (`checked`)")
        return self

    @property
    def subject(self) -> str:
        return f"comment {self.comment}" if self.comment else f"event {self.event}"


def load_article(root: Path) -> DataFile[list[Unit]]:
    return load_data(root / ARTICLE, ARTICLE, list[Unit], category="factcheck")


def load_register(root: Path) -> DataFile[list[EntryCheck]]:
    return load_data(root / REGISTER, REGISTER, list[EntryCheck], category="factcheck")


def load_comments(root: Path) -> DataFile[list[CommentCheck]]:
    return load_data(root / COMMENTS, COMMENTS, list[CommentCheck], category="factcheck")


def slips(units: list[Unit]) -> list[tuple[str, Claim]]:
    """Every claim found wrong: (unit, claim)."""
    return [(u.at, c) for u in units for c in u.checked if c.verdict == "slip"]


def summary(units: list[Unit]) -> dict[str, int]:
    claims = [c for u in units for c in u.checked]
    return {"units": len(units), "claims": len(claims),
            "ok": sum(c.verdict == "ok" for c in claims),
            "slips": sum(c.verdict == "slip" for c in claims),
            "unverified": sum(c.verdict == "unverified" for c in claims)}
