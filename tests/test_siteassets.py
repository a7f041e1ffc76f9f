"""The edition's own static files (siteassets.py): fingerprinted names that change with their content,
the script that names the card files it loads, copies without comments that keep the code."""
from __future__ import annotations

import json
import re

from edition.site import siteassets


def test_names_carry_a_hash_of_the_content_and_the_script_names_the_card_files():
    one = siteassets.build({"tr": {"e-x": "<p>X</p>"}, "en": {"e-x": "<p>X</p>"}})
    two = siteassets.build({"tr": {"e-x": "<p>Y</p>"}, "en": {"e-x": "<p>X</p>"}})
    assert re.fullmatch(r"assets/edition\.[0-9a-f]{10}\.js", one.js) and one.css.endswith(".css")
    tr1 = next(p for p in one.files if p.startswith("assets/cards.tr."))
    tr2 = next(p for p in two.files if p.startswith("assets/cards.tr."))
    assert tr1 != tr2 and one.js != two.js          # a new card: a new card file, a new script that names it
    assert one.css == two.css and set(one.files) - set(two.files) == {tr1, one.js}
    names = json.loads(re.match(r"window\.__editionFiles=(\{.*?\});\n", one.files[one.js]).group(1))
    assert names["cards"]["tr"] == tr1.split("/")[1]
    assert f"assets/{names['shim']}" in one.files and "IFrameWorker" in one.files[f"assets/{names['shim']}"]
    assert '"e-x":"<p>X</p>"' in one.files[tr1] and one.files[tr1].startswith("(window.__editionCards=")


def test_copies_lose_comments_and_indentation_not_code():
    js = "// a comment\n(function () {\n  var a = 1; // kept: not a whole-line comment\n\n  return 'http://x';\n})();\n"
    assert siteassets.compact_js(js) == "(function () {\nvar a = 1; // kept: not a whole-line comment\nreturn 'http://x';\n})();\n"
    css = "/* note\n   more */\n.a { content: \"¶\\00a0\"; }\n  .b { x: 1 }\n"
    assert siteassets.compact_css(css) == ".a { content: \"¶\\00a0\"; }\n.b { x: 1 }\n"
    page = "<body>\n    <p>a\n      b</p>\n</body>"
    assert siteassets.compact_html(page) == "<body>\n<p>a\nb</p>\n</body>"
    assert siteassets.compact_html("<pre>\n  x</pre>") == "<pre>\n  x</pre>"   # where spaces count, untouched


def test_the_minified_script_is_made_from_the_current_sources_by_the_pinned_uglifyjs():
    """`make assets` was run after the last edit of the script's sources: the committed copy is what
    UglifyJS makes of them now (the build would otherwise serve the unminified sources)."""
    from conftest import ROOT

    committed = (siteassets.ASSETS / siteassets.MINIFIED).read_text(encoding="utf-8")
    assert committed == siteassets.minify(ROOT), "run `make assets` after editing the page's script"
    served = siteassets.build({}).files
    script = next(v for k, v in served.items() if re.fullmatch(r"assets/edition\.[0-9a-f]{10}\.js", k))
    assert script.endswith(committed.partition("\n")[2]) and len(script) < len(siteassets.script_sources())


def test_a_stale_minified_script_is_never_served(tmp_path, monkeypatch):
    (tmp_path / "search-on-first-use.js").write_text("var a = 1;\n", encoding="utf-8")
    (tmp_path / "edition.js").write_text("// old\nvar b = 2;\n", encoding="utf-8")
    monkeypatch.setattr(siteassets, "ASSETS", tmp_path)
    fresh = siteassets._digest_line(siteassets.script_sources())
    (tmp_path / siteassets.MINIFIED).write_text(f"{fresh}\nvar a=1,b=2;\n", encoding="utf-8")
    assert siteassets.page_script() == "var a=1,b=2;\n"
    (tmp_path / "edition.js").write_text("var b = 3;\n", encoding="utf-8")   # edited, not remade
    assert siteassets.page_script() == "var a = 1;\nvar b = 3;\n"
