"""The safe data-file loader and the escaping discipline (scripts/edition/sources/datafiles.py, escaping.py)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from edition.sources import datafiles
from edition.core import escaping
from edition.sources.datafiles import PartialDate, Schema, check_ident, load_data
from edition.core.errors import EditionError
from pydantic import field_validator

ROOT = Path(__file__).resolve().parents[1]


class Thing(Schema):
    id: str
    date: dt.date | None = None
    names: dict[str, str]

    _id = field_validator("id")(lambda cls, v: check_ident(v))


class File(Schema):
    things: list[Thing]


def _load(tmp_path, text: str, raw: bytes | None = None):
    path = tmp_path / "data.yaml"
    path.write_bytes(raw if raw is not None else text.encode("utf-8"))
    return load_data(path, "register/data.yaml", File)


GOOD = "things:\n  - id: a\n    names: {tr: A}\n  - id: b\n    date: 1925-12-17\n    names: {tr: B}\n"


def test_good_file_and_lines(tmp_path):
    f = _load(tmp_path, GOOD)
    assert [t.id for t in f.data.things] == ["a", "b"]
    assert f.location("things", 1, "date").line == 5


@pytest.mark.parametrize("text, line, words", [
    ("things:\n  - id: a\n    names: {tr: A}\n  - id: ../../x\n    names: {tr: B}\n", 4, "not a valid identifier"),
    ("things:\n  - id: a\n    date: 1922-13-45\n    names: {tr: A}\n", 3, "impossible date"),
    ("things:\n  - id: a\n    names: {tr: A}\n    nmes: x\n", 4, "Extra inputs"),
    ("things:\n  - id: a\n", 2, "names: Field required"),
    ("things:\n  - id: a\n    names: Ali Veli\n", 3, "valid dictionary"),
    ("a: &x [1, 2]\nb: *x\n", 1, "aliases"),
    ("things: [\n  - id\n", 2, ""),
])
def test_bad_files_are_located(tmp_path, text, line, words):
    with pytest.raises(EditionError) as info:
        _load(tmp_path, text)
    problem = info.value.problems[0]
    assert problem.location.path == "register/data.yaml"
    assert problem.location.line == line, str(info.value)
    assert words in str(info.value)


def _nodes(node):
    """Every node of a composed YAML document with its line, depth first."""
    yield node.tag, node.start_mark.line, node.value if isinstance(node.value, str) else None
    for child in node.value if isinstance(node.value, list) else ():
        for part in child if isinstance(child, tuple) else (child,):
            yield from _nodes(part)


@pytest.mark.parametrize("rel", sorted(str(p.relative_to(ROOT)) for d in ("bibliography", "register", "termbase",
                                                                         "apparatus", "chronology", "changelog")
                                       for p in (ROOT / d).glob("*.yaml")))
def test_fast_parser_reads_as_the_pure_python_one(rel):
    """libyaml's parser (used when PyYAML has it) gives the same data and the same lines as the
    pure-Python parser on every data file of the edition."""
    text = (ROOT / rel).read_text(encoding="utf-8")
    assert datafiles._FastLoader is not datafiles._Loader, "PyYAML without libyaml: the fast path is not tested"
    fast_node, fast = datafiles._compose(text, rel, datafiles._FastLoader)
    slow_node, slow = datafiles._compose(text, rel, datafiles._Loader)
    assert fast == slow and fast is not None
    assert list(_nodes(fast_node)) == list(_nodes(slow_node))


def test_fast_parser_errors_in_the_pure_python_parsers_words(tmp_path):
    with pytest.raises(EditionError) as info:
        _load(tmp_path, "things:\n  - id: a\n    names: {tr: A\n  - id: b\n")
    with pytest.raises(yaml.YAMLError) as slow:
        yaml.load("things:\n  - id: a\n    names: {tr: A\n  - id: b\n", Loader=datafiles._Loader)
    assert " ".join(str(slow.value.problem).split()) in str(info.value)


def test_not_utf8_is_located(tmp_path):
    with pytest.raises(EditionError) as info:
        _load(tmp_path, "", raw=b"things:\n  - id: a\n    names: {tr: \xfe}\n")
    assert info.value.problems[0].location.line == 3
    assert "UTF-8" in str(info.value)


def test_alias_bomb_refused_fast(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefgh", "bcdefghi"))
    with pytest.raises(EditionError, match="aliases"):
        _load(tmp_path, bomb)


@pytest.mark.parametrize("value, iso", [(1925, "1925"), ("1925-10", "1925-10"),
                                        (dt.date(1925, 12, 17), "1925-12-17")])
def test_partial_dates(value, iso):
    assert PartialDate.parse(value).iso == iso


@pytest.mark.parametrize("value", ["1925-13", "1925-02-30", "May 1925", True])
def test_partial_dates_refused(value):
    with pytest.raises(ValueError):
        PartialDate.parse(value)


@pytest.mark.parametrize("address, ok", [
    ("https://example.org/x?a=1&b=2", True), ("mailto:a@b.c", True), ("../kisiler/x.html#p3", True),
    ("#n12", True), ("javascript:alert(1)", False), (" JaVa\tScript:alert(1)", False),
    ("data:text/html,<b>", False), ("//evil.example/x", False), ("vbscript:x", False),
])
def test_url_allow_list(address, ok):
    assert escaping.is_safe_url(address) is ok
    if ok:
        assert "<" not in escaping.url(address)
    else:
        with pytest.raises(escaping.UnsafeURL):
            escaping.url(address)


def test_json_script_cannot_close_or_comment():
    out = escaping.json_script({"t": "</script><!--<script>\u2028&"})
    for bad in ("<", ">", "&", "\u2028"):
        assert bad not in out
    import json
    assert json.loads(out)["t"] == "</script><!--<script>\u2028&"
