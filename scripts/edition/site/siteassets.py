"""The edition's own static files, written once into the site's `assets/` and loaded by every page
(overrides/main.html) instead of being inlined into each of them:

- `edition.<hash>.css`: the edition's styles (`assets/edition.css`);
- `edition.<hash>.js`: search on first use and the card script, loaded just before Material's
  bundle (search on first use must run before it);
- `cards.<lang>.<hash>.js`: the shared cards of each language (register entities, references;
  see cards.py), loaded by the card script on first use;
- `iframe-worker.<hash>.js`: the search worker's stand-in from file:// (the offline zip), loaded
  by search on first use when a reader first searches there.

The script finds the other files by the names it is given (`window.__editionFiles`), next to itself.

Each name carries a hash of its content, so that a browser may keep a file as long as it likes and
a new release is never served from a stale copy. Comments and indentation are left out of the
copies (the sources in `assets/` keep them); the licence comment of the shim stays.

The page's script is served minified (names shortened: a kilobyte less on every first view) from
`assets/edition.min.js`, made by UglifyJS (pinned in package.json) with `make assets`, so that the
build itself needs no Node.js. Its first line holds a digest of the sources it was made from; when
the sources have changed since (an edit without `make assets`), the build serves the compacted
sources instead, never a stale script, and `make test` fails until the minified copy is remade.
"""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from edition.html import cards as cardfiles
from edition.html import entity_pages as entities
from edition.html.chapters import reference_card, reference_card_id

ASSETS = Path(__file__).parent / "assets"
FOLDER = "assets"
#: the sources of the page's script, in the order they must run
SCRIPTS = ("search-on-first-use.js", "edition.js")
SHIM = "iframe-worker-shim.js"
#: the page's script minified (`make assets`), first line "/* sources <digest> */"
MINIFIED = "edition.min.js"
UGLIFY = ("node_modules/.bin/uglifyjs", "--compress", "--mangle")


def script_sources() -> str:
    """The page's script as written: its sources in order, compacted."""
    return "".join(compact_js((ASSETS / name).read_text(encoding="utf-8")) for name in SCRIPTS)


def _digest_line(sources: str) -> str:
    return f"/* sources {hashlib.blake2s(sources.encode('utf-8'), digest_size=8).hexdigest()} */"


def page_script() -> str:
    """The minified script while it was made from the current sources, else the sources."""
    sources = script_sources()
    path = ASSETS / MINIFIED
    if path.exists():
        first, _, minified = path.read_text(encoding="utf-8").partition("\n")
        if first == _digest_line(sources):
            return minified
    return sources


def minify(root: Path) -> str:
    """The content of `assets/edition.min.js` for the current sources (UglifyJS, from `root`)."""
    sources = script_sources()
    run = subprocess.run([str(root / UGLIFY[0]), *UGLIFY[1:]], input=sources, capture_output=True,
                         text=True, check=True, cwd=root)
    return f"{_digest_line(sources)}\n{run.stdout.rstrip()}\n"


def _fingerprinted(stem: str, ext: str, content: str) -> str:
    digest = hashlib.blake2s(content.encode("utf-8"), digest_size=5).hexdigest()
    return f"{FOLDER}/{stem}.{digest}.{ext}"


def compact_js(source: str) -> str:
    """Whole-line // comments, blank lines and indentation out (line breaks kept: no ASI change)."""
    return "\n".join(t for t in (line.strip() for line in source.splitlines()) if t and not t.startswith("//")) + "\n"


def compact_css(source: str) -> str:
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    return "\n".join(t for t in (line.strip() for line in source.splitlines()) if t) + "\n"


@dataclass
class SiteAssets:
    css: str                      # site-relative path, e.g. assets/edition.0a1b2c3d4e.css
    js: str
    files: dict[str, str] = field(default_factory=dict)   # site-relative path -> content

    def write(self, site: Path) -> None:
        for rel, content in self.files.items():
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists() or target.read_text(encoding="utf-8") != content:
                target.write_text(content, encoding="utf-8")


def build(shared: dict[str, dict[str, str]]) -> SiteAssets:
    """The files for one build; `shared`: language -> its shared cards (id -> escaped HTML)."""
    files: dict[str, str] = {}
    card_files = {}
    for lang, cards in sorted(shared.items()):
        content = cardfiles.shared_script(lang, cards)
        rel = _fingerprinted(f"cards.{lang}", "js", content)
        files[rel] = content
        card_files[lang] = rel.rsplit("/", 1)[1]   # next to the script that loads them
    shim = (ASSETS / SHIM).read_text(encoding="utf-8").strip() + "\n"   # vendored, as it is (licence comment)
    shim_rel = _fingerprinted("iframe-worker", "js", shim)
    files[shim_rel] = shim
    names = {"cards": card_files, "shim": shim_rel.rsplit("/", 1)[1]}
    css = compact_css((ASSETS / "edition.css").read_text(encoding="utf-8"))
    js = f"window.__editionFiles={json.dumps(names, sort_keys=True)};\n" + page_script()
    css_rel, js_rel = _fingerprinted("edition", "css", css), _fingerprinted("edition", "js", js)
    files[css_rel], files[js_rel] = css, js
    return SiteAssets(css_rel, js_rel, files)


def compact_html(page: str) -> str:
    """A built page without the indentation of its lines (the templates'; gzip keeps ~0.8 kB of it
    on a chapter). The pages have no <pre> or <textarea>, where it would count; a page with one is
    left as it is."""
    if "<pre" in page or "<textarea" in page:
        return page
    return _INDENT.sub("\n", page)


_INDENT = re.compile(r"\n[ \t]+")


def shared_cards(edition, lang: str, figures=None, chapters=()) -> dict[str, str]:
    """Every shared card of one language: each register entity, each work and archival document;
    and the chapters' chronology drawings (`figures.strips`), shown when a reader opens their fold."""

    out = {}
    if edition.register:
        for e in edition.register.entities.values():
            out[entities.card_id(e)] = entities.card_html(e, lang)
    for key in [*edition.references.bib.entries, *edition.sources.documents]:
        out[reference_card_id(key)] = reference_card(edition, key, lang)
    if figures is not None:
        out.update(figures.strips(lang, chapters))
    return out


if __name__ == "__main__":   # make assets: remake assets/edition.min.js
    (ASSETS / MINIFIED).write_text(minify(Path.cwd()), encoding="utf-8")
