"""Versions of the edition: the changelog, the current version and date, and what changed.

One place holds the version: `changelog/changelog.yaml`, newest release first. Its first
entry is the edition's version and date — shown in every page's footer, in every "cite
this" string, the JSON-LD, the downloads, the TEI header and the EPUB metadata.

Each release leaves a *fingerprint* (`changelog/fingerprints/<version>.json`, written by
`make release`): a short hash of the text of every paragraph and note in every language.
A build compares the text it renders with the previous release's fingerprint, so a
paragraph whose English changed since then carries a marker ("changed in 1.1").

Pure: no MkDocs; the plugin wires it, `edition.release` writes the fingerprints.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import field_validator

from edition.sources.datafiles import Schema, load_data, read_text
from edition.core.dates import format_date
from edition.core.errors import fail
from edition.core.escaping import attr, text

CHANGELOG = "changelog/changelog.yaml"
FINGERPRINTS = "changelog/fingerprints"
CHANGELOG_PAGE = "surumler.md"
_VERSION = re.compile(r"^\d+\.\d+$")
SECTIONS = ("text", "translation", "apparatus", "data")
LABELS = {
    "tr": {"version": "Sürüm", "changelog": "Sürüm notları", "changed": "{version} sürümünde değişti",
           "text": "Türkçe metin", "translation": "Çeviri", "apparatus": "Aparat", "data": "Veri",
           "released": "yayım tarihi", "changed_paras": "İngilizcesi değişen paragraflar",
           "none": "yok", "first": "İlk sürüm."},
    "en": {"version": "Version", "changelog": "Changelog", "changed": "changed in {version}",
           "text": "Turkish text", "translation": "Translation", "apparatus": "Apparatus", "data": "Data",
           "released": "released", "changed_paras": "Paragraphs whose English changed",
           "none": "none", "first": "First version."},
}


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


# --- rendering -----------------------------------------------------------------------

def footer_html(versions: Versions, lang: str, changelog_href: str) -> str:
    lab = LABELS[lang]
    return (f'<span class="edition-version">{text(versions.label(lang))}</span> · '
            f'<a href="{attr(changelog_href)}">{text(lab["changelog"])}</a>')


def changed_label(versions: Versions, lang: str, anchor: str) -> str:
    """The marker's text for a changed paragraph, or ""."""
    version = versions.changed.get(lang, {}).get(anchor)
    return LABELS[lang]["changed"].format(version=version) if version else ""


def changelog_html(versions: Versions, lang: str, para_href) -> str:
    """The changelog page's body: one section per release, newest first.
    `para_href(anchor)` links a changed paragraph of the current release."""
    lab = LABELS[lang]
    out = []
    for i, r in enumerate(versions.releases):
        out.append(f'<section class="release" id="{attr(r.anchor)}" aria-labelledby="{attr(r.anchor)}-h">'
                   f'<h2 id="{attr(r.anchor)}-h">{text(lab["version"])} {text(r.version)}</h2>'
                   f'<p class="release-date">{text(lab["released"])}: '
                   f'<time datetime="{r.date.isoformat()}">{text(format_date(r.date, lang))}</time></p>'
                   f'<p>{text(getattr(r.summary, lang))}</p>')
        for section in SECTIONS:
            items = getattr(r, section)
            if items:
                out.append(f'<h3>{text(lab[section])}</h3><ul>'
                           + "".join(f"<li>{text(getattr(x, lang))}</li>" for x in items) + "</ul>")
        if i == 0 and versions.previous is not None:
            changed = versions.changed.get("en", {})
            links = ", ".join(f'<a href="{attr(para_href(a))}">{text(_para_label(a))}</a>' for a in _ordered(changed))
            out.append(f'<p class="changed-paragraphs">{text(lab["changed_paras"])} '
                       f'({text(versions.previous.version)} → {text(r.version)}): {links or text(lab["none"])}</p>')
        out.append("</section>")
    return "\n".join(out)


def _para_label(anchor: str) -> str:
    return f"¶ {anchor[1:]}" if re.fullmatch(r"p\d+", anchor) else anchor


def _ordered(anchors) -> list[str]:
    return sorted(anchors, key=lambda a: (0, int(a[1:]), "") if re.fullmatch(r"p\d+", a) else (1, 0, a))


def markers(versions: Versions | None, lang: str) -> dict[str, str]:
    """Paragraph anchor -> marker text, for the Renderer."""
    if versions is None:
        return {}
    return {a: changed_label(versions, lang, a) for a in versions.changed.get(lang, {})}


EDITION_FILES = "edisyon"   # downloads/edisyon.{bib,ris,json}: this edition as a citable item


def write_edition_downloads(out: Path, record) -> None:
    """This edition's own citation data (version and date), beside the article's."""
    from edition.html import cite

    out.mkdir(parents=True, exist_ok=True)
    (out / f"{EDITION_FILES}.bib").write_text(cite.edition_bibtex(record), encoding="utf-8")
    (out / f"{EDITION_FILES}.ris").write_bytes(cite.edition_ris(record).encode("utf-8"))
    (out / f"{EDITION_FILES}.json").write_text(cite.edition_csl(record), encoding="utf-8")


VERSION_FILE = "version.json"   # in the built site: which version it is, and its fingerprint


def write_version_file(site: Path, edition, versions: Versions | None) -> None:
    """`site/version.json`: the version, its date and the text fingerprint of this build
    (`make release` keeps the fingerprint in changelog/fingerprints/)."""
    current = versions.current if versions else None
    fp = fingerprint(edition, current.version if current else "")
    fp["date"] = current.date.isoformat() if current else ""
    (site / VERSION_FILE).write_text(fingerprint_json(fp), encoding="utf-8")
