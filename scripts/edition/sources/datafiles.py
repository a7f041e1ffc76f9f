"""Load the edition's YAML data files safely, and check them against a schema.

Every data file (article.yaml, archives.yaml, the register, the termbase, the chronology…)
goes through `load_data`:

1. the bytes must be UTF-8 (otherwise: the line of the first bad byte);
2. YAML is parsed with PyYAML's *safe* loader; anchors and aliases are refused before
   anything is expanded (no "billion laughs"), and an impossible date (`1922-13-45`)
   is reported at its line instead of raising a bare ValueError;
3. the result is validated by a pydantic model (the schema of that file); each failure
   becomes a `Problem` naming the file, the line of the offending value and the field path.

Why pydantic: the schemas are Python classes next to the code that uses the data (typed,
documented, testable), its errors carry the path of every failing field, which we map back
to YAML lines; and it is maintained and already a dependency of the test tool chain's peers.
The schemas forbid unknown keys (`extra="forbid"`), so a misspelt field is an error, not a
silent no-op.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic import field_validator  # noqa: F401  (re-exported for schema modules)

from edition.core.document import Location
from edition.core.errors import EditionError, Problem, fail

T = TypeVar("T")

#: identifiers of records (archive files, register entries, terms…): safe in a URL, an id and a file name
IDENT = r"^[a-z0-9][a-z0-9_.\-]{0,79}$"
IDENT_RE = re.compile(IDENT)
_DOTS = re.compile(r"\.\.")


def check_pattern(value: str | None, pattern: str, what: str) -> str | None:
    """A field validator's check: the value (if given) matches `pattern` in full, or is not `what`."""
    if value is not None and not re.fullmatch(pattern, value):
        raise ValueError(f"{value!r} is not {what}")
    return value


def check_unique(items: list, key, message: str) -> list:
    """A field validator's check: no two items share `key(item)`; `message` names the repeated key ({!r})."""
    seen = set()
    for item in items:
        if key(item) in seen:
            raise ValueError(message.format(key(item)))
        seen.add(key(item))
    return items


def check_ident(value: str) -> str:
    """Validator for record identifiers: lower-case letters, digits, '-', '_', '.'; no '..'."""
    if not IDENT_RE.match(value) or _DOTS.search(value):
        raise ValueError(f"{value!r} is not a valid identifier (a-z, 0-9, '-', '_', '.'; at most 80)")
    return value


class Schema(BaseModel):
    """Base of the data-file schemas: unknown keys are errors, strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class _Loader(yaml.SafeLoader):
    """The safe loader, with dates that fail at their line."""


# libyaml's parser (PyYAML's C extension, where it was built) reads the same documents ten times
# faster: it gives the same nodes and lines to the same constructor. The messages of YAML syntax
# errors are the pure-Python parser's: a document the fast one refuses is read again by it.
_FastLoader: type = _Loader
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):   # type: ignore[no-redef]
        """The same safe loader, on libyaml's parser."""


def _timestamp(loader: _Loader, node: yaml.Node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(None, None, f"impossible date {node.value!r} ({exc})",
                                                node.start_mark) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
if _FastLoader is not _Loader:
    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


@dataclass
class LineMap:
    """Lines of the values in a YAML document, by their path (keys and list indexes)."""

    rel: str
    root: yaml.Node | None

    def line(self, path: tuple = ()) -> int:
        node = self.root
        line = 1 if node is None else node.start_mark.line + 1
        for part in path:
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if key.value == str(part):
                        node = value
                        line = key.start_mark.line + 1
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line

    def location(self, path: tuple = ()) -> Location:
        return Location(self.rel, self.line(path))


@dataclass
class DataFile(Generic[T]):
    """A validated data file: the model, and where each value stands."""

    data: T
    lines: LineMap

    def location(self, *path) -> Location:
        return self.lines.location(tuple(path))


#: characters that change what a reader sees, or which form of a name is written, without showing:
#: zero-width space and joiners, word joiner and invisible operators, bidirectional marks,
#: embeddings, overrides and isolates, the Arabic letter mark, a byte-order mark inside the text
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff]")
_BOM = b"\xef\xbb\xbf"


def source_text(raw: str, rel: str) -> str:
    """Text normalised once, as every reader of the sources sees it: NFC (a name typed with
    combining accents, "C\u0327ic\u0327erin", is the same name as "Çiçerin" for mentions, search and
    the register); an invisible or bidirectional control character is a located error."""
    problems = []
    for m in _INVISIBLE.finditer(raw):
        line = raw.count("\n", 0, m.start()) + 1
        column = m.start() - (raw.rfind("\n", 0, m.start()) + 1) + 1
        name = unicodedata.name(m.group(), "control character")
        problems.append(Problem(Location(rel, line), "invisible",
                                f"column {column}: invisible character U+{ord(m.group()):04X} ({name}); "
                                "remove it (it changes the text without showing)"))
        if len(problems) == 20:
            break
    if problems:
        raise EditionError(problems)
    return unicodedata.normalize("NFC", raw)


def read_text(path: Path, rel: str) -> str:
    """A source file's text (`source_text`); a missing file, a byte-order mark or bytes that
    are not UTF-8 are located errors."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise fail(rel, 1, "missing", "file does not exist") from None
    except OSError as exc:
        raise fail(rel, 1, "missing", f"cannot be read ({exc.strerror})") from None
    if raw.startswith(_BOM):
        raise fail(rel, 1, "encoding", "the file starts with a byte-order mark (U+FEFF, added by some editors): "
                   "save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise fail(rel, line, "encoding", f"not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8") from None
    return source_text(text, rel)


def parse_yaml(text: str, rel: str) -> tuple[Any, LineMap]:
    """Safe YAML: no aliases, located syntax and date errors."""
    try:
        try:
            node, data = _compose(text, rel, _FastLoader)
        except yaml.YAMLError:
            if _FastLoader is _Loader:
                raise
            node, data = _compose(text, rel, _Loader)   # the error, in the pure-Python parser's words
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        message = " ".join(str(getattr(exc, "problem", "") or exc).split())
        raise fail(rel, (mark.line + 1) if mark else 1, "yaml", message) from None
    return data, LineMap(rel, node)


def _compose(text: str, rel: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    for event in yaml.parse(text, Loader=loader_class):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise fail(rel, event.start_mark.line + 1, "yaml",
                       "anchors and aliases (&name, *name) are not allowed in the edition's data")
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def validate(schema: Any, data: Any, lines: LineMap, category: str = "schema", context: dict | None = None) -> Any:
    """Validate `data` with a pydantic model or type; every failure located at its line.
    `context`: what validators may look things up in (e.g. the works a source cites)."""
    try:
        return TypeAdapter(schema).validate_python(data, context=context)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            path = tuple(err["loc"])
            field = ".".join(str(p) for p in path if not str(p).startswith("function-")) or "(top level)"
            message = err["msg"]
            if message.startswith("Value error, "):
                message = message[len("Value error, "):]
            problems.append(Problem(lines.location(path), category, f"{field}: {message}"))
        raise EditionError(problems) from None


def load_data(path: Path, rel: str, schema: Any, category: str = "schema", context: dict | None = None) -> DataFile:
    """Read, parse and validate one YAML data file."""
    data, lines = parse_yaml(read_text(path, rel), rel)
    return DataFile(validate(schema, data, lines, category, context), lines)


def plain_date(value: Any) -> dt.date:
    """A date written as YYYY-MM-DD (not a datetime, not a string)."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValueError(f"{value!r} is not a date written YYYY-MM-DD")
    return value


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date as precise as the source gives it: a year, a month or a day.

    Written in YAML as `1925`, `"1925-10"` or `1925-10-16` (quote a year-month: YAML reads
    nothing else from it). `iso` gives it back in that form (ISO 8601 / EDTF level 0).
    """

    year: int
    month: int = 0
    day: int = 0

    @property
    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        return self.iso

    @classmethod
    def parse(cls, value: Any) -> "PartialDate":
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            raise ValueError(f"{value!r}: give a date (YYYY-MM-DD), not a time")
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
            if m:
                year, month, day = int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)
                if month and not 1 <= month <= 12:
                    raise ValueError(f"{value!r}: month {month} does not exist")
                if day:
                    dt.date(year, month, day)  # raises ValueError for 1922-02-30
                return cls(year, month, day)
        raise ValueError(f"{value!r} is not a date (YYYY, \"YYYY-MM\" or YYYY-MM-DD)")


@dataclass(frozen=True)
class DateSpan:
    """A date, or an interval of two (EDTF level 0): `1927-06-07`, `"1925-01"`,
    `1920-08-12/1920-08-25` (the Battle of Warsaw)."""

    start: PartialDate
    end: PartialDate | None = None

    @property
    def iso(self) -> str:
        return self.start.iso + (f"/{self.end.iso}" if self.end else "")

    def __str__(self) -> str:
        return self.iso

    @classmethod
    def parse(cls, value: Any) -> "DateSpan":
        if isinstance(value, DateSpan):
            return value
        if isinstance(value, str) and "/" in value:
            a, _, b = value.partition("/")
            start, end = PartialDate.parse(a), PartialDate.parse(b)
            if end <= start:
                raise ValueError(f"{value!r}: the interval ends before it starts")
            return cls(start, end)
        return cls(PartialDate.parse(value))
