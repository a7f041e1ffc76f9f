"""Issue 22: the Content-Security-Policy, the second wall behind escaping.py.

With the escaping of one renderer deliberately broken (the archive pages' `_esc`), a planted
`<img onerror>` and `<script>` reach the page as markup: Chromium runs them without the policy
and does not with it. Every page declares the policy first in its <head>, with no
'unsafe-inline' or 'unsafe-eval' for scripts.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_site, copy_root

PLANT = "<img src=x onerror=alert(7)><script>alert(8)</script>"


def _broken_build(tmp_path: Path, monkeypatch, policy: bool) -> Path:
    from edition.site import csp
    from edition.html import apparatus_pages as registers

    project = copy_root("bilingual", tmp_path / ("with" if policy else "without"))
    path = project / "archives.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('name: {tr: "Rusya', f'name: {{tr: "{PLANT} Rusya', 1),
                    encoding="utf-8")
    with monkeypatch.context() as m:
        m.setattr(registers, "_esc", str)   # the archive pages' escaping, broken on purpose
        if not policy:
            m.setattr(csp, "with_policy", lambda page, nonce="": page)
        return build_site(project, tmp_path / ("with" if policy else "without") / "site")


def _dialogs(browser, page_file: Path) -> list[str]:
    dialogs: list[str] = []
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    context.close()
    return dialogs


@pytest.mark.browser
def test_the_policy_stops_a_script_that_escaping_let_through(tmp_path, monkeypatch, browser):
    without = _broken_build(tmp_path, monkeypatch, policy=False) / "arsiv" / "avprf-1-2-3.html"
    with_policy = _broken_build(tmp_path, monkeypatch, policy=True) / "arsiv" / "avprf-1-2-3.html"
    for page in (without, with_policy):
        assert PLANT in page.read_text(encoding="utf-8")   # the markup is in the page: escaping failed
    assert sorted(_dialogs(browser, without)) == ["7", "8"]   # without the policy both run
    assert _dialogs(browser, with_policy) == []               # with it, neither


def test_every_page_declares_the_policy_first(tmp_path):
    site = build_site(copy_root("bilingual", tmp_path), tmp_path / "site")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        head = re.search(r"<head>\s*(<[^>]*>)", text)
        assert head and 'http-equiv="Content-Security-Policy"' in head.group(1), page
        script_src = re.search(r"script-src ([^;]*)", head.group(1)).group(1)
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src, page
