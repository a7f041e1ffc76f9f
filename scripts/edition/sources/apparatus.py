"""The sources of the facts the edition adds (issue 23): the works it cites, the publishers it
accepts, and one shape for a source, as a historian writes it.

Data:

- `apparatus/references.yaml`: the works (schema `Work`): encyclopedias, treaty series, document
  collections, books, articles, newspapers, each with an id;
- `apparatus/publishers.yaml`: the publishers whose pages a source may link to (`accepted`, by
  host) and the mirrors, aggregators, proxies, gateways, staging hosts… it may never link to
  (`denied`, by name), each with the reason (schema `PublisherFile`).

Every `sources:` list of the data files (register, chronology, termbase, editorial comments) is a
list of `Source`: a reference to a work (`work`, an id of references.yaml) with the entry (s.v.),
the locator (volume, page, document), a newspaper's date, the publisher's own page (`url`) and
the facts of its record it supports. A data file is validated with the `Apparatus` as pydantic
context: an unknown work is a located schema error. `check_addresses` then walks a validated
file and checks every `url` and `authority` against the publishers: a located error
"host X is not on apparatus/publishers.yaml" or "X is a mirror …: cite the original work".

Rendering (Chicago, in Turkish or English) is `formatting.source_parts`; this module loads and
checks, it writes no markup.
"""
from __future__ import annotations

import fnmatch
import ipaddress
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator,
    model_validator)

from edition.core.errors import EditionError, Problem
from edition.core.escaping import is_safe_url
from edition.sources.datafiles import DataFile, PartialDate, Schema, check_pattern, check_unique, load_data

WORKS_FILE = "apparatus/references.yaml"
PUBLISHERS_FILE = "apparatus/publishers.yaml"

WORK_KINDS = ("encyclopedia", "dictionary", "database", "series", "collection", "book", "chapter",
              "article", "newspaper", "website")
WORK_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")

Date = Annotated[PartialDate, BeforeValidator(PartialDate.parse)]


def _text(value):
    """A year or a volume written without quotes is still text."""
    if isinstance(value, bool):
        raise ValueError("expected text, not true/false")
    return str(value) if isinstance(value, (int, float)) else value


Text = Annotated[str, BeforeValidator(_text)]


def http_url(value: str) -> str:
    if not value.startswith(("http://", "https://")) or not is_safe_url(value):
        raise ValueError(f"{value!r} is not an http(s) address")
    return value


Url = Annotated[str, AfterValidator(http_url)]


# --- the works ---------------------------------------------------------------------------------

class Work(Schema):
    """One work of apparatus/references.yaml."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, populate_by_name=True)

    id: str
    kind: Literal[WORK_KINDS]   # type: ignore[valid-type]
    title: str = Field(min_length=1)
    edition: Text | None = None
    author: str | None = None         # "Surname, Given; Surname, Given"
    editor: str | None = None
    publisher: str | None = None
    place: str | None = None
    year: Text | None = None
    journal: str | None = None        # article: the journal
    in_: str | None = Field(default=None, alias="in")   # chapter: the book
    volume: Text | None = None
    pages: Text | None = None
    doi: str | None = None
    url: Url | None = None

    @field_validator("id")
    @classmethod
    def _id(cls, v):
        if not WORK_ID.match(v):
            raise ValueError(f"{v!r} is not a work id (a-z, 0-9 and '-')")
        return v

    @field_validator("doi")
    @classmethod
    def _doi(cls, v):
        return check_pattern(v, r"10\.\d{4,9}/\S+", "a DOI (10.xxxx/…, without https://doi.org/)")

    @model_validator(mode="after")
    def _needs(self):
        if self.kind == "article" and not self.journal:
            raise ValueError("an article needs its journal")
        if self.kind == "chapter" and not self.in_:
            raise ValueError("a chapter needs the book it is in (`in`)")
        if self.kind in ("book", "chapter") and not self.year:
            raise ValueError(f"a {self.kind} needs its year")
        return self

    def people(self, role: str) -> list[str]:
        """'Surname, Given; Surname, Given' -> ['Given Surname', …] (the order of a note)."""
        value = getattr(self, role) or ""
        out = []
        for name in (n.strip() for n in value.split(";") if n.strip()):
            surname, _, given = name.partition(",")
            out.append(f"{given.strip()} {surname.strip()}".strip())
        return out


@dataclass
class Works:
    """The works by id, and where each stands in references.yaml."""

    by_id: dict[str, Work] = field(default_factory=dict)
    where: dict[str, Any] = field(default_factory=dict)
    rel: str = WORKS_FILE

    def __contains__(self, ident: str) -> bool:
        return ident in self.by_id

    def get(self, ident: str) -> Work | None:
        return self.by_id.get(ident)


# --- the publishers -------------------------------------------------------------------------

class Accepted(Schema):
    host: str = Field(min_length=1)
    name: str = Field(min_length=1)
    why: str = Field(min_length=1)
    #: a pattern the address's path must match (e.g. canonical Wikipedia pages only: ^/wiki/)
    path: str | None = None

    @field_validator("host")
    @classmethod
    def _host(cls, v):
        if v != v.lower() or "/" in v or "*" in v:
            raise ValueError(f"{v!r}: an accepted host is written exactly, in lower case (en.wikipedia.org)")
        return v

    @field_validator("path")
    @classmethod
    def _path(cls, v):
        if v is not None:
            re.compile(v)
        return v


class Denied(Schema):
    #: a host pattern (`*.wikiwand.com`, `*.shop`; fnmatch) or a regular expression of the host
    host: str | None = None
    regex: str | None = None
    kind: Literal["mirror", "aggregator", "proxy", "gateway", "staging host", "quotation site", "fan wiki",
                  "kids' edition", "non-canonical view", "user-generated site", "spam domain", "unauthorised copy",
                  "commercial site"]
    why: str = Field(min_length=1)

    @model_validator(mode="after")
    def _one(self):
        if (self.host is None) == (self.regex is None):
            raise ValueError("give either `host` (a pattern) or `regex`")
        if self.regex:
            re.compile(self.regex)
        return self

    def matches(self, host: str) -> bool:
        if self.regex:
            return re.search(self.regex, host) is not None
        return fnmatch.fnmatchcase(host, self.host) or fnmatch.fnmatchcase(host, f"*.{self.host}")


class PublisherFile(Schema):
    accepted: list[Accepted]
    denied: list[Denied] = []

    @field_validator("accepted")
    @classmethod
    def _unique(cls, v):
        return check_unique(v, lambda p: p.host, "host {!r} is listed twice")


@dataclass
class Publishers:
    accepted: dict[str, Accepted] = field(default_factory=dict)
    denied: list[Denied] = field(default_factory=list)
    rel: str = PUBLISHERS_FILE

    def problem(self, address: str, home: bool = False) -> str | None:
        """Why `address` may not be cited, or None. `home`: the address of a work may be the
        publisher's home page."""
        parts = urlsplit(address)
        host = (parts.hostname or "").lower()
        if not host:
            return f"{address!r} has no host"
        if _is_ip(host):
            return f"{host} is a bare IP address: cite the original work on its publisher's own site"
        for d in self.denied:
            if d.matches(host):
                return f"{host} is a {d.kind}, not a publisher ({d.why}): cite the original work"
        pub = self.accepted.get(host)
        if pub is None:
            return f"host {host} is not on {self.rel} (add the publisher there, with the reason, or cite another work)"
        if parts.port is not None:
            return f"{address!r}: give the publisher's address without a port"
        if pub.path and not re.search(pub.path, parts.path) and not (home and parts.path in ("", "/")):
            return f"{address!r} is not a canonical page of {pub.name} (its path must match {pub.path})"
        return None


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
        return True
    except ValueError:
        return False


@dataclass
class Apparatus:
    """What every `sources:` list is checked against: the works and the publishers."""

    works: Works = field(default_factory=Works)
    publishers: Publishers | None = None

    @property
    def context(self) -> dict:
        return {"works": self.works}


def load_works(root: Path, rel: str = WORKS_FILE) -> tuple[Works, DataFile | None]:
    """The works of references.yaml (none, if the file does not exist), and the file."""
    if not (root / rel).exists():
        return Works(rel=rel), None
    data = load_data(root / rel, rel, list[Work], category="references")
    works = Works(rel=rel)
    problems = []
    for i, work in enumerate(data.data or []):
        if work.id in works.by_id:
            problems.append(Problem(data.location(i, "id"), "references",
                                    f"work id {work.id!r} is already used at {works.where[work.id]}"))
            continue
        works.by_id[work.id] = work
        works.where[work.id] = data.location(i)
    if problems:
        raise EditionError(problems)
    return works, data


def load_publishers(root: Path, rel: str = PUBLISHERS_FILE) -> Publishers | None:
    if not (root / rel).exists():
        return None
    data = load_data(root / rel, rel, PublisherFile, category="publishers")
    return Publishers({p.host: p for p in data.data.accepted}, list(data.data.denied), rel)


def load_apparatus(root: Path) -> Apparatus:
    """The works and the publishers of the edition at `root`; the works' own addresses are checked
    against the publishers."""
    publishers = load_publishers(root)
    works, data = load_works(root)
    apparatus = Apparatus(works, publishers)
    problems = check_addresses(data, apparatus, home=True) if data is not None else []
    if problems:
        raise EditionError(problems)
    return apparatus


# --- a source ------------------------------------------------------------------------------------

class Source(Schema):
    """A reference to a work, as a historian cites it."""

    work: str
    entry: str | None = None      # the entry of an encyclopedia or dictionary (s.v.), a document's title
    locator: Text | None = None   # volume, page, column, document number
    date: Date | None = None      # a newspaper issue's date
    url: Url | None = None        # the publisher's own page or a stable library copy
    supports: list[str] = []      # the facts of the record this source supports (born, died, ru, coords…)

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True, arbitrary_types_allowed=True)

    @field_validator("work")
    @classmethod
    def _work(cls, v, info: ValidationInfo):
        works = (info.context or {}).get("works")
        if works is None:
            raise ValueError("the works of apparatus/references.yaml were not loaded (load with the Apparatus)")
        if v not in works:
            raise ValueError(f"work {v!r} is not an id in {works.rel} (add it there, or cite a work that is)")
        return v

    @field_validator("supports")
    @classmethod
    def _facts(cls, v):
        for fact in v:
            if not re.fullmatch(r"[a-z][a-z0-9_.-]{0,39}", fact):
                raise ValueError(f"supports: {fact!r} is not the name of a fact (born, died, ru, coords…)")
        return v

    @model_validator(mode="after")
    def _what(self, info: ValidationInfo):
        if not (self.entry or self.locator or self.url or self.date):
            raise ValueError(f"cite {self.work!r} with at least an entry, a locator, a date or the url of the page")
        works = (info.context or {}).get("works")
        work = works.get(self.work) if works is not None else None
        if self.date and work is not None and work.kind != "newspaper":
            raise ValueError(f"`date` is a newspaper issue's date; {self.work!r} is a {work.kind}")
        return self


@dataclass(frozen=True)
class Cited:
    """A source with its work, ready to be rendered (formatting.source_parts)."""

    source: Source
    work: Work | None = None

    @property
    def url(self) -> str:
        return self.source.url or ""


def cited(sources, works: Works) -> list[Cited]:
    return [Cited(s, works.get(s.work)) for s in sources or ()]


# --- the publisher check -----------------------------------------------------------------------

_ADDRESS_FIELDS = ("url", "authority")


def _walk(value, path: tuple):
    """(path, address) of every url / authority field."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), path + (_field_name(type(value), name),))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk(item, path + (i,))
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, path + (k,))
    elif isinstance(value, str) and path and path[-1] in _ADDRESS_FIELDS:
        yield path, value


def _field_name(model: type, name: str) -> str:
    alias = model.model_fields[name].alias
    return alias or name


def addresses(data: DataFile) -> list[tuple[tuple, str]]:
    """Every address of a validated data file, with its path."""
    return list(_walk(data.data, ()))


def check_addresses(data: DataFile, apparatus: Apparatus, home: bool = False) -> list[Problem]:
    """Every url / authority of `data` on the publishers' list (none: no check). `home`: the
    addresses are works' (a publisher's home page is one)."""
    if apparatus.publishers is None:
        return []
    problems = []
    for path, address in _walk(data.data, ()):
        why = apparatus.publishers.problem(address, home)
        if why:
            problems.append(Problem(data.location(*path), "publisher", why))
    return problems

