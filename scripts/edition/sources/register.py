"""The register of persons, places, organisations and agreements (issue 12): schema and model.

Data: `register/persons.yaml`, `places.yaml`, `organisations.yaml`, `agreements.yaml`, each a
YAML list of entries in the format agreed for the edition (handbook/register.md). Every file
goes through `datafiles.load_data` (safe YAML, located schema errors); the result is a plain,
importable model (`Register`, `Entity`) with no MkDocs and no HTML, so that other outputs
(the correspondence network, a map, TEI) can read it too:

    from edition.sources.register import load_register
    reg = load_register(Path("register"), "register")
    reg.entities["chicherin"].name["ru"]     # 'Георгий Васильевич Чичерин'

Checks made here (each a located Problem): the schema (required names and roles in tr and en,
dates as YYYY / "YYYY-MM" / YYYY-MM-DD, allowed kinds, http(s) addresses, `translit` only with
`ru`), unique ids across the four files, `signed_at` naming a place, and no spelling claimed by
two entries (that needs the disambiguating markup in the text instead: see `mentions`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, field_validator, model_validator

from edition.core.document import Location
from edition.core.errors import EditionError, Problem
from edition.core.escaping import is_safe_url
from edition.sources.apparatus import Apparatus, Source, check_addresses, load_apparatus
from edition.sources.datafiles import PartialDate, Schema, check_pattern, load_data

#: the four kinds, in the order the index pages list them, and their files
KINDS = ("person", "place", "organisation", "agreement")
FILES = {"person": "persons.yaml", "place": "places.yaml", "organisation": "organisations.yaml",
         "agreement": "agreements.yaml"}
LANGS = ("tr", "en")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
_RESERVED = {"index"}   # would become dizin/index.md, a section index page for MkDocs

Date = Annotated[PartialDate, BeforeValidator(PartialDate.parse)]


def _url(value: str) -> str:
    if not value.startswith(("http://", "https://")) or not is_safe_url(value):
        raise ValueError(f"{value!r} is not an http(s) address")
    return value


class _Base(Schema):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True,
                              arbitrary_types_allowed=True)


class Names(_Base):
    tr: str = Field(min_length=1)
    en: str = Field(min_length=1)
    ru: str | None = None

    @field_validator("ru")
    @classmethod
    def _cyrillic(cls, v):
        if v is not None and not re.search(r"[\u0400-\u04FF]", v):
            raise ValueError(f"{v!r}: the Russian name is written in Cyrillic")
        return v


class PerLang(_Base):
    tr: str = Field(min_length=1)
    en: str = Field(min_length=1)


class OptPerLang(_Base):
    tr: str | None = None
    en: str | None = None


class Spellings(_Base):
    tr: list[str] = []
    en: list[str] = []

    @field_validator("tr", "en")
    @classmethod
    def _forms(cls, v):
        seen = set()
        for form in v:
            if not form or form != form.strip():
                raise ValueError(f"{form!r}: a spelling has no surrounding spaces")
            if re.search(r"[’']\w+$", form):
                raise ValueError(f"{form!r}: give the name without its suffix (Çiçerin, not Çiçerin’in)")
            if form in seen:
                raise ValueError(f"{form!r} is listed twice")
            seen.add(form)
        return v


class Entry(_Base):
    id: str
    name: Names
    translit: str | None = None
    sort: OptPerLang | None = None
    spellings: Spellings
    variants: list[str] = []
    role: PerLang
    authority: str | None = None      # left out when no authority page was found
    wikidata: str | None = None
    sources: list[Source] = Field(min_length=1)   # references to works (apparatus/references.yaml)

    @field_validator("id")
    @classmethod
    def _id(cls, v):
        if not ID_RE.match(v) or v in _RESERVED:
            raise ValueError(f"{v!r} is not a valid register id (a-z, 0-9 and '-', starting with a letter or digit)")
        return v

    @field_validator("authority")
    @classmethod
    def _authority(cls, v):
        return v if v is None else _url(v)

    @field_validator("wikidata")
    @classmethod
    def _wikidata(cls, v):
        return check_pattern(v, r"Q[1-9]\d*", "a Wikidata id (Q123)")

    @model_validator(mode="after")
    def _translit(self):
        if self.translit and not self.name.ru:
            raise ValueError("translit is the romanisation of name.ru: give name.ru too, or leave both out")
        if self.name.ru and not self.translit:
            raise ValueError("name.ru needs its romanisation in 'translit'")
        return self


class Person(Entry):
    born: Date | None = None
    died: Date | None = None


class Place(Entry):
    kind: Literal["city", "country", "region", "sea", "other"]
    coords: tuple[float, float] | None = None
    historical: OptPerLang | None = None

    @field_validator("coords")
    @classmethod
    def _coords(cls, v):
        if v is not None and not (-90 <= v[0] <= 90 and -180 <= v[1] <= 180):
            raise ValueError(f"{list(v)}: latitude -90..90, longitude -180..180")
        return v


class Organisation(Entry):
    kind: Literal["government", "ministry", "party", "international", "military", "press", "other"]
    founded: Date | None = None
    dissolved: Date | None = None


class Agreement(Entry):
    kind: Literal["treaty", "conference", "other"]
    signed: Date | None = None
    ended: Date | None = None
    signed_at: str | None = None


SCHEMAS = {"person": Person, "place": Place, "organisation": Organisation, "agreement": Agreement}
#: the date fields of each kind, in display order
DATE_FIELDS = {"person": ("born", "died"), "place": (), "organisation": ("founded", "dissolved"),
               "agreement": ("signed", "ended")}


@dataclass(frozen=True)
class Entity:
    """One register entry, as the rest of the edition sees it."""

    ident: str
    kind: str                       # person | place | organisation | agreement
    entry: Any                      # the validated schema object (all fields of the data format)
    location: Location
    spelling_locations: dict = field(default_factory=dict, compare=False, hash=False)  # (lang, form) -> Location

    @property
    def name(self) -> dict[str, str]:
        return {k: v for k, v in self.entry.name.model_dump().items() if v}

    def spellings(self, lang: str) -> list[str]:
        return list(getattr(self.entry.spellings, lang, []) or [])

    @property
    def subkind(self) -> str:
        return getattr(self.entry, "kind", "") or ""

    def dates(self) -> list[tuple[str, PartialDate | None]]:
        return [(f, getattr(self.entry, f)) for f in DATE_FIELDS[self.kind]]

    def sort_name(self, lang: str) -> str:
        sort = self.entry.sort
        return (getattr(sort, lang, None) if sort else None) or self.entry.name.model_dump()[lang]


@dataclass
class Register:
    entities: dict[str, Entity] = field(default_factory=dict)   # in file order, kinds in KINDS order
    folder: str = "register"

    def of_kind(self, kind: str) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind == kind]

    def __bool__(self) -> bool:
        return bool(self.entities)


def load_register(folder: Path, rel: str = "register", apparatus: Apparatus | None = None) -> Register:
    """Load the register files that exist in `folder` (a missing file is an empty list). Their sources
    cite the works of `apparatus` (default: the edition's, next to the register folder)."""
    apparatus = apparatus if apparatus is not None else load_apparatus(folder.parent)
    reg = Register(folder=rel)
    problems: list[Problem] = []
    first: dict[str, Location] = {}
    for kind in KINDS:
        path = folder / FILES[kind]
        if not path.exists():
            continue
        name = f"{rel}/{FILES[kind]}"
        try:
            data = load_data(path, name, list[SCHEMAS[kind]], context=apparatus.context)
        except EditionError as exc:
            problems += exc.problems
            continue
        problems += check_addresses(data, apparatus)
        for i, entry in enumerate(data.data or []):
            loc = data.location(i)
            if entry.id in first:
                problems.append(Problem(data.location(i, "id"), "register-duplicate",
                                        f"id {entry.id!r} is already used at {first[entry.id]}"))
                continue
            first[entry.id] = loc
            where = {(lang, form): data.location(i, "spellings", lang, j)
                     for lang in LANGS for j, form in enumerate(getattr(entry.spellings, lang))}
            reg.entities[entry.id] = Entity(entry.id, kind, entry, loc, where)
    if problems:
        raise EditionError(problems)
    problems += _cross_check(reg)
    if problems:
        raise EditionError(problems)
    return reg


def _cross_check(reg: Register) -> list[Problem]:
    problems = []
    owner: dict[tuple[str, str], str] = {}
    for e in reg.entities.values():
        at = getattr(e.entry, "signed_at", None)
        if at and (at not in reg.entities or reg.entities[at].kind != "place"):
            problems.append(Problem(e.location, "register-ref", f"{e.ident}: signed_at {at!r} is not a place of the register"))
        for lang in LANGS:
            for form in e.spellings(lang):
                other = owner.setdefault((lang, form), e.ident)
                if other != e.ident:
                    problems.append(Problem(
                        e.spelling_locations[(lang, form)], "register-ambiguous",
                        f"spelling {form!r} ({lang}) is claimed by {other!r} and {e.ident!r}: keep it in one entry "
                        f"and mark the other's mentions in the text, e.g. [{form}]{{={e.ident}}}"))
    return problems


def document_refs(raw_documents: list[dict]) -> dict[str, dict[str, list[str]]]:
    """{document key: {"author": [...], "recipient": [...], "subject": [...]}} from archives.yaml's
    optional `author_refs`, `recipient_refs`, `subject_refs`."""
    out = {}
    for d in raw_documents or []:
        refs = {role: [str(x) for x in (d.get(f"{role}_refs") or [])] for role in ("author", "recipient", "subject")}
        if any(refs.values()):
            out[str(d.get("key", ""))] = refs
    return out
