"""Shared fixtures: the real edition built once per test session."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"

collect_ignore = ["roots"]

# The JVM's options for the Java checkers a test runs once (the Nu checker, EPUBCheck): its client
# compiler alone and its serial collector spend half the processor time of its defaults on a run
# this short on two cores (the same reports); the larger thread stack is for the Nu checker's deep
# regular expressions, whose frames the client compiler makes larger.
JAVA_OPTIONS = ("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss64m")

# The browser of the tests: Chromium's headless shell (Debian's chromium-headless-shell, the same
# version as its chromium; the build Playwright itself runs for headless tests), the same Blink and
# V8 without the full browser around them: about half the processor time a page, which on two cores
# is the suite's time. Lighthouse keeps the full `chromium` (lh.CHROME): its dark scheme is the flag
# --force-dark-mode, which the shell ignores; Playwright's own color_scheme works in both.
CHROMIUM = shutil.which("chromium-headless-shell") or "/usr/bin/chromium-headless-shell"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """pytest-xdist's `--dist loadgroup` (pyproject's addopts) keeps the tests of one xdist_group on
    one worker by adding "@group" to their node ids; xdist 3.8.0 writes it to `item._nodeid`, which
    pytest 9.2 no longer reads (a node's id is `item._id`), so the groups would be ignored and a
    module's builds made on both workers. Runs after xdist's hook (trylast) and carries its id over."""
    for item in items:
        grouped = item.__dict__.get("_nodeid")
        if grouped and grouped != item.nodeid and hasattr(item, "_id"):
            from _pytest.nodeid import NodeId

            item._id = NodeId.parse(grouped)


def build_site(project: Path, site_dir: Path) -> Path:
    """Build a project with MkDocs' own API (as `mkdocs build --strict` does)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cfg = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    build(cfg)
    return site_dir


def copy_root(name: str, tmp_path: Path) -> Path:
    """A private copy of one of the small fake editions under tests/roots/."""
    dst = tmp_path / "project"
    shutil.copytree(Path(__file__).parent / "roots" / name, dst)
    return dst


def shared_build(tmp_path_factory, name: str, make) -> Path:
    """Build something once per test session, even when pytest-xdist runs the tests in several
    worker processes: the first worker to get here builds it, under a lock in the session's
    shared temporary folder, into a folder of its own; the others wait for the lock and reuse it.
    A marker file written after `make` returns tells a finished build from an interrupted one.
    Without xdist this is simply `make(tmp_path_factory.mktemp(name))`. `make(folder)` returns
    the path the tests use."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make(tmp_path_factory.mktemp(name))
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp().parent / f"shared-{name}"
    done = shared / ".complete"
    with FileLock(f"{shared}.lock"):
        if not done.exists():
            if shared.exists():        # a build that failed in another worker: build again, here
                shutil.rmtree(shared)
            shared.mkdir()
            result = make(shared / name)
            done.write_text(str(result), encoding="utf-8")
    return Path(done.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole edition, built from the repository (once, for all xdist workers)."""
    return shared_build(tmp_path_factory, "site", partial(build_site, ROOT))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on a free loopback port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def search_page(browser, server):
    """search_page(start) -> (page, requests, failed): one page per start address, shared by a
    module's queries (its search index loads once, with the first query, as a reader's does); the
    addresses it requested and those answered with an error, since it opened."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pages: dict[str, tuple] = {}

    def get(start: str):
        if start not in pages:
            page = context.new_page()
            requests: list[str] = []
            failed: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
            page.goto(f"{server}/{start}")
            page.wait_for_load_state("load")
            pages[start] = (page, requests, failed)
        return pages[start]

    yield get
    context.close()


def clear_search(page) -> None:
    """Empty the search field and the results of an earlier query (Material empties its results on
    the keyup of an empty field), so that the results waited for next are the next query's."""
    field = page.locator("input.md-search__input")
    field.fill("")
    if page.locator(".md-search-result__item").count():
        field.press("Backspace")
        page.locator(".md-search-result__item").first.wait_for(state="detached", timeout=5000)


def result_links(page, ok, timeout: float = 5.0, selector: str = ".md-search-result__link") -> list[str]:
    """The addresses of the search results once `ok(addresses)` holds (Material answers each key
    typed: the first results shown may be a prefix's), or as they are after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        links = page.locator(selector).evaluate_all("els => els.map(e => e.href)")
        if ok(links) or time.monotonic() > deadline:
            return links
        page.wait_for_timeout(100)


def search(page, query: str, reloads: int = 2, retypes: int = 2):
    """Type a query into Material's search, key by key as a reader does (Material sends a
    query on keyup; Playwright's fill() sends none), then press End, and wait for results (an
    earlier query's are cleared first). Playwright types a character outside the US layout
    (Cyrillic) as inserted text, without a keyup; a reader's own keyboard sends one for every
    key, and End sends one for the whole query. Typing again, and at last a reload, only cover a
    slow start of the search worker on a busy machine."""
    for attempt in range(reloads):
        if attempt:
            page.reload()
            page.wait_for_load_state("load")
        field = page.locator("input.md-search__input")
        field.click()
        for _ in range(retypes):
            clear_search(page)
            field.press_sequentially(query)
            field.press("End")
            try:
                page.locator(".md-search-result__item").first.wait_for(timeout=5000)
                return
            except Exception:  # noqa: BLE001 - Playwright's timeout: type again, or reload
                continue
    raise AssertionError(f"no search results for {query!r}")
