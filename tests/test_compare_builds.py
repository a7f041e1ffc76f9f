"""scripts/compare_builds.py (issue 26): two builds compared file by file and archive member by member."""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import compare_builds  # noqa: E402


def _site(root: Path, page: str, member: str, extra: bool = False) -> Path:
    (root / "en").mkdir(parents=True)
    (root / "index.html").write_text("<p>same</p>\n", encoding="utf-8")
    (root / "en" / "index.html").write_text(page, encoding="utf-8")
    with zipfile.ZipFile(root / "edition.epub", "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("EPUB/text.xhtml", member)
    if extra:
        (root / "new.txt").write_text("x", encoding="utf-8")
    return root


def test_identical_builds_pass(tmp_path, capsys):
    a = _site(tmp_path / "a", "<p>one</p>\n", "<p>m</p>")
    b = _site(tmp_path / "b", "<p>one</p>\n", "<p>m</p>")
    assert compare_builds.main([str(a), str(b)]) == 0
    assert "3 files before, 3 after: byte-identical" in capsys.readouterr().out


def test_every_difference_is_named_down_to_the_archive_member(tmp_path, capsys):
    a = _site(tmp_path / "a", "<p>one</p>\n<p>two</p>\n", "<p>m</p>")
    b = _site(tmp_path / "b", "<p>one</p>\n<p>TWO</p>\n", "<p>M</p>", extra=True)
    assert compare_builds.main([str(a), str(b)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "differs:     en/index.html: line 2: '<p>two</p>' vs '<p>TWO</p>'" in out
    assert "differs:     edition.epub!EPUB/text.xhtml: line 1: '<p>m</p>' vs '<p>M</p>'" in out
    assert "only after:  new.txt" in out
    assert out[-1] == "3 files before, 4 after: 3 differences"


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        compare_builds.main([str(tmp_path / "nowhere"), str(tmp_path)])
