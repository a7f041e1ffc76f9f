"""Versions of the edition: the changelog, the current version and date, and what changed.

One place holds the version: `changelog/changelog.yaml`, newest release first. Its first
entry is the edition's version and date — shown in every page's footer, in every "cite
this" string, the JSON-LD, the downloads, the TEI header and the EPUB metadata.

Each release leaves a *fingerprint* (`changelog/fingerprints/<version>.json`, written by
`make release`): a short hash of the text of every paragraph and note in every language.
A build compares the text it renders with the previous release's fingerprint, so a
paragraph whose English changed since then carries a marker ("changed in 1.1").

Pure: no MkDocs. Rendered by `edition.html.changelog`; `edition.exports.versions` writes the
built site's version file, `edition.tools.release` the fingerprints.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import field_validator

from edition.core.dates import format_date
from edition.core.errors import fail
from edition.sources.datafiles import Schema, load_data, read_text
from edition.core import i18n

CHANGELOG = "changelog/changelog.yaml"
FINGERPRINTS = "changelog/fingerprints"
CHANGELOG_PAGE = "surumler.md"
_VERSION = re.compile(r"^\d+\.\d+$")
SECTIONS = ("text", "translation", "apparatus", "data")
LABELS = i18n.each("changelog")


class Bilingual(Schema):
    tr: str
    en: str


class Release(Schema):
    version: str
    date: dt.date
    summary: Bilingual
    text: list[Bilingual] = []
    translation: list[Bilingual] = []
    apparatus: list[Bilingual] = []
    data: list[Bilingual] = []

    @field_validator("version")
    @classmethod
    def _version(cls, v: str) -> str:
        if not _VERSION.match(v):
            raise ValueError(f"version {v!r} is not MAJOR.MINOR (e.g. 1.2)")
        return v

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v):
        if isinstance(v, dt.datetime) or not isinstance(v, dt.date):
            raise ValueError(f"{v!r} is not a date written YYYY-MM-DD")
        return v

    @property
    def key(self) -> tuple[int, int]:
        major, minor = self.version.split(".")
        return int(major), int(minor)

    @property
    def anchor(self) -> str:
        return "v" + self.version.replace(".", "-")


class ChangelogFile(Schema):
    releases: list[Release]

    @field_validator("releases")
    @classmethod
    def _order(cls, releases: list[Release]) -> list[Release]:
        if not releases:
            raise ValueError("needs at least one release")
        return releases


def fingerprint_dir(changelog: str = CHANGELOG) -> str:
    return str(Path(changelog).parent / "fingerprints")


# --- fingerprints ----------------------------------------------------------------

def _words(content) -> str:
    """Reading text of inline content (emendations by their correction), for hashing.
    Walks any token with `content` (emphasis, citations, mentions…) so new token kinds count."""
    out = []
    for tok in content:
        if hasattr(tok, "text") and isinstance(tok.text, str):
            out.append(tok.text)
        elif hasattr(tok, "corrected"):
            out.append(tok.corrected)
        if hasattr(tok, "content"):
            out.append(_words(tok.content))
    return "".join(out)


def _digest(s: str) -> str:
    return hashlib.sha256(" ".join(s.split()).encode("utf-8")).hexdigest()[:16]


def fingerprint(edition, version: str) -> dict:
    """Hashes of every paragraph's and note's text, per language."""
    paras: dict[str, dict[str, str]] = {}
    notes: dict[str, dict[str, str]] = {}
    for lang in edition.languages:
        paras[lang] = {p.anchor: _digest(_words(p.content))
                       for ch in edition.chapters(lang) for p in ch.paragraphs}
        notes[lang] = {f"n{n}": _digest(_words(note.content))
                       for ch in edition.chapters(lang) for n, note in sorted(ch.notes.items())}
    return {"version": version, "paragraphs": paras, "notes": notes}


def fingerprint_json(fp: dict) -> str:
    return json.dumps(fp, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@dataclass
class Versions:
    """The changelog and, per language, the paragraphs changed since the previous release."""

    releases: list[Release]
    #: lang -> paragraph anchor -> the version in which its text changed
    changed: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def current(self) -> Release:
        return self.releases[0]

    @property
    def previous(self) -> Release | None:
        return self.releases[1] if len(self.releases) > 1 else None

    def label(self, lang: str) -> str:
        return f"{LABELS[lang]['version']} {self.current.version} · {format_date(self.current.date, lang)}"


def load_versions(root: Path, edition=None, changelog: str = CHANGELOG) -> Versions:
    """Read the changelog; with an edition, compare its text with the previous fingerprint
    (kept beside the changelog, in `fingerprints/<version>.json`)."""
    data = load_data(root / changelog, changelog, ChangelogFile)
    releases = data.data.releases
    for i, (newer, older) in enumerate(zip(releases, releases[1:])):
        loc = data.location("releases", i, "version")
        if newer.key <= older.key:
            raise fail(loc.path, loc.line, "changelog",
                       f"releases must be listed newest first: {newer.version} stands before {older.version}")
        if newer.date < older.date:
            raise fail(loc.path, loc.line, "changelog",
                       f"release {newer.version} ({newer.date}) is dated before {older.version} ({older.date})")
    versions = Versions(list(releases))
    prev = versions.previous
    if edition is not None and prev is not None:
        rel = f"{fingerprint_dir(changelog)}/{prev.version}.json"
        path = root / rel
        if not path.exists():
            loc = data.location("releases", 1, "version")
            raise fail(loc.path, loc.line, "changelog",
                       f"release {prev.version} has no fingerprint {rel} (written by `make release VERSION={prev.version}`)")
        try:
            old = json.loads(read_text(path, rel))
            old_paras = old["paragraphs"]
        except (ValueError, KeyError, TypeError) as exc:
            raise fail(rel, 1, "changelog", f"not a fingerprint file ({exc})") from None
        now = fingerprint(edition, versions.current.version)["paragraphs"]
        for lang, paras in now.items():
            before = old_paras.get(lang, {})
            versions.changed[lang] = {a: versions.current.version for a, h in paras.items()
                                      if a in before and before[a] != h}
    return versions
