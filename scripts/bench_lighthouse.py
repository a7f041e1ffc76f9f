"""Lighthouse on every page type of the edition (part of `make bench`; a benchmark, not a test).

Builds the edition with its site address set to the local server (as a deployment would have its
own, see handbook/benchmark.md), serves it the way a static host does (gzip), and runs Lighthouse 12 (pinned in
package.json, headless Debian Chromium) on each page type in both languages, mobile and desktop,
RUNS times each; prints the median scores with a stock Material page built in the same run (the
same chapter's Markdown, Material's defaults) as the baseline row. `tests/test_lighthouse.py` uses
the same helpers for the non-timing categories.

    BENCH_RUNS=1 LH_PAGES=chapter,parallel LH_FORMS=mobile .venv/bin/python scripts/bench_lighthouse.py
"""
from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse"
RUNNER = ROOT / "scripts" / "lighthouse_runs.mjs"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
QUALITY = CATEGORIES[1:]   # the categories that do not depend on timing
# Lighthouse's waits after a page loads (its defaults: a second after first paint and after the load
# event, then a second each with no network request and no main-thread task) shortened for runs of the
# categories that do not depend on timing: a page of this static site has settled in a quarter second
# (the same audits, item for item, on the chapter, the bibliography, an entity page and the figures).
SETTLED = {"pauseAfterFcpMs": 0, "pauseAfterLoadMs": 0, "networkQuietThresholdMs": 250, "cpuQuietThresholdMs": 250}

# page type -> path in the default language (the English page is under en/)
PAGE_TYPES = {
    "home": "index.html",
    "chapter": "sovyet-tepkisi.html",          # the chapter with the most notes and citations
    "parallel": "paralel/sovyet-tepkisi.html",
    "bibliography": "kaynakca.html",
    "archive": "arsiv/avprf-4-39-53297.html",
    "register": "kisiler.html",              # an index of the register (persons)
    "entity": "dizin/chicherin.html",          # the entity with the most mentions and documents
    "figures": "gorseller.html",
}
STOCK_CHAPTER = "sovyet-tepkisi.md"


# --- serving ---------------------------------------------------------------------------------

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".bib", ".ris", ".csv", ".md")


class GzipHandler(SimpleHTTPRequestHandler):
    """A static host: files as they are, text compressed with gzip when the client accepts it."""

    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or not path.name.endswith(COMPRESSIBLE)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        import io
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """Serve a folder on a loopback port in a thread (a context manager)."""

    def __init__(self, folder: Path, port: int | None = None):
        self.port = port or free_port()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", self.port), partial(GzipHandler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.port}/"

    def __enter__(self) -> "Server":
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# --- building --------------------------------------------------------------------------------

def build(project: Path, site: Path, site_url: str, extra_env: dict | None = None) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "EDITION_SITE_URL": site_url, **(extra_env or {})}
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(site)], cwd=project, env=env, check=True)
    return site


def stock_material(workdir: Path, site_url: str) -> Path:
    """A stock Material site of one page: the chapter's Markdown as it is, Material's defaults
    (footnotes, search), the same site address and no customisation."""
    project = workdir / "stock"
    (project / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / STOCK_CHAPTER, project / "docs" / "index.md")
    (project / "mkdocs.yml").write_text(
        "site_name: Stock Material\n"
        f"site_url: {site_url}\n"
        "use_directory_urls: false\n"
        "theme:\n  name: material\n  language: tr\n"
        "markdown_extensions:\n  - footnotes\n  - attr_list\n  - toc:\n      permalink: true\n"
        "plugins:\n  - search\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([str(BIN / "mkdocs"), "build", "-q"], cwd=project, env=env, check=True)
    return project / "site"


# --- Lighthouse ------------------------------------------------------------------------------

def chrome_flags(form: str) -> list[str]:
    """The Chromium flags of a Lighthouse run in this form (the dark scheme is a browser flag)."""
    return ["--headless=new", "--no-sandbox", "--disable-gpu", *(["--force-dark-mode"] if form.endswith("-dark") else [])]


class Chrome:
    """One headless Chromium with a remote-debugging port, for many Lighthouse runs in the same
    colour scheme (`lighthouse(..., port=chrome.port)`) instead of a new browser for each run."""

    def __init__(self, form: str = "mobile"):
        self.form = form

    def __enter__(self) -> "Chrome":
        import time

        self.profile = tempfile.TemporaryDirectory()
        active = Path(self.profile.name) / "DevToolsActivePort"
        self.proc = subprocess.Popen([CHROME, *chrome_flags(self.form), "--remote-debugging-port=0",
                                      f"--user-data-dir={self.profile.name}", "--no-first-run",
                                      "--no-default-browser-check", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not (active.exists() and active.read_text().strip()):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError("Chromium did not open its remote-debugging port")
            time.sleep(0.1)
        self.port = int(active.read_text().split()[0])
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.profile.cleanup()


def lighthouse_runs(runs: list[tuple], categories=CATEGORIES, port: int | None = None,
                    settings: dict | None = None) -> list[dict]:
    """Lighthouse runs, one per (url, form), in one Node process (scripts/lighthouse_runs.mjs, Lighthouse's
    own Node API: its modules load once, not once per run); returns the reports (lhr) as dicts. `form`
    is mobile or desktop, with "-dark" for the dark colour scheme (Chromium told the system prefers
    dark: Material's palette follows `prefers-color-scheme`). With `port`, every run drives the
    Chromium already listening there (a `Chrome` started with the same scheme); a run given as
    (url, form, port) drives the Chromium on its own port; without one, a run launches a Chromium of
    its own and closes it, as Lighthouse's CLI does. `settings` (Lighthouse's own, such as SETTLED)
    apply to every run."""
    with tempfile.TemporaryDirectory() as tmp:
        outs = [Path(tmp) / f"report-{i}.json" for i in range(len(runs))]
        job = {"port": port, "chrome": CHROME, "settings": settings or {}, "runs": [
            {"url": url, "form": form, "categories": list(categories), "chromeFlags": chrome_flags(form),
             "port": own[0] if own else None, "out": str(out)}
            for (url, form, *own), out in zip(runs, outs)]}
        run = subprocess.run(["node", str(RUNNER)], input=json.dumps(job), text=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120 * len(runs))
        if run.returncode:
            raise RuntimeError(f"Lighthouse stopped ({run.returncode}): {run.stderr.strip()[-2000:]}")
        return [json.loads(out.read_text(encoding="utf-8")) for out in outs]


def lighthouse(url: str, form: str = "mobile", categories=CATEGORIES, port: int | None = None) -> dict:
    """One Lighthouse run (see `lighthouse_runs`)."""
    return lighthouse_runs([(url, form)], categories, port)[0]


def scores(lhr: dict) -> dict:
    row = {c: round(lhr["categories"][c]["score"] * 100) for c in lhr["categories"]}
    audits = lhr["audits"]
    if "total-blocking-time" in audits:
        row["tbt_ms"] = audits["total-blocking-time"]["numericValue"]
        row["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    if "dom-size" in audits and audits["dom-size"].get("numericValue") is not None:
        row["dom"] = audits["dom-size"]["numericValue"]
    return row


def failed_audits(lhr: dict, category: str) -> list[str]:
    """The audits that cost points in a category (for a test's message)."""
    refs = lhr["categories"][category]["auditRefs"]
    return [r["id"] for r in refs if r.get("weight") and (lhr["audits"][r["id"]].get("score") or 0) < 1
            and lhr["audits"][r["id"]].get("scoreDisplayMode") not in ("notApplicable", "informative", "manual")]


def measured(url: str, form: str, runs: int, categories=CATEGORIES) -> list[dict]:
    """`runs` complete runs; a run Lighthouse could not score (a timeout on a busy machine) is repeated, twice at most."""
    rows: list[dict] = []
    for _ in range(runs + 2):
        lhr = lighthouse(url, form, categories)
        if all(c.get("score") is not None for c in lhr["categories"].values()):
            rows.append(scores(lhr))
        if len(rows) == runs:
            break
    if not rows:
        raise RuntimeError(f"Lighthouse could not score {url} ({form})")
    return rows


def median_row(runs: list[dict]) -> dict:
    keys = runs[0].keys()
    return {k: statistics.median(r[k] for r in runs) for k in keys}


def page_list(site: Path) -> list[tuple[str, str]]:
    """(label, path) for each page type and language (LH_PAGES narrows the types down)."""
    wanted = os.environ.get("LH_PAGES", "")
    out = []
    for label, path in PAGE_TYPES.items():
        if wanted and label not in wanted.split(","):
            continue
        for lang, prefix in (("tr", ""), ("en", "en/")):
            if not (site / prefix / path).exists():   # a renamed page must not drop out of the table
                sys.exit(f"bench_lighthouse: the {label} page {prefix + path} is not in the build")
            out.append((f"{label} ({lang})", prefix + path))
    return out


def main() -> None:
    runs = int(os.environ.get("BENCH_RUNS", "3"))
    # the dark scheme: the categories that do not depend on timing, one run (performance is the light one's)
    forms = os.environ.get("LH_FORMS", "mobile,desktop,mobile-dark").split(",")
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is missing: run `npm ci` (it is pinned in package.json)")
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        port = free_port()
        url = f"http://127.0.0.1:{port}/"
        site = work / "site"
        build(ROOT, site, url)
        stock = stock_material(work, url)
        shutil.copytree(stock, site / "stock-material")
        pages = [("stock Material chapter", "stock-material/index.html")] + page_list(site)
        with Server(site, port):
            for label, path in pages:
                for form in forms:
                    if form.endswith("-dark"):
                        results[f"{label} [{form}]"] = r = median_row(measured(url + path, form, 1, QUALITY))
                        print(f"{label:28} {form:11} a11y {r['accessibility']:>3.0f}  bp {r['best-practices']:>3.0f}  "
                              f"seo {r['seo']:>3.0f}", flush=True)
                        continue
                    rows = measured(url + path, form, runs)
                    results[f"{label} [{form}]"] = median_row(rows)
                    r = results[f"{label} [{form}]"]
                    print(f"{label:28} {form:11} perf {r['performance']:>3.0f}  a11y {r['accessibility']:>3.0f}  "
                          f"bp {r['best-practices']:>3.0f}  seo {r['seo']:>3.0f}  TBT {r.get('tbt_ms', 0):>5.0f} ms  "
                          f"LCP {r.get('lcp_ms', 0):>5.0f} ms  DOM {r.get('dom', 0):>5.0f}", flush=True)
    (ROOT / "bench-lighthouse.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print()
    print(markdown_table(results, forms))


def markdown_table(results: dict, forms: list[str]) -> str:
    """The table of handbook/benchmark.md: one row per page, mobile and desktop scores, then the dark scheme's."""
    pages = list(dict.fromkeys(k.rsplit(" [", 1)[0] for k in results))
    timed = [f for f in forms if not f.endswith("-dark")]
    dark = [f for f in forms if f.endswith("-dark")]
    head = "| page | " + " | ".join(
        [f"{form}: perf / a11y / BP / SEO | {form} TBT" for form in timed] + [f"{form}: a11y / BP / SEO" for form in dark]) + " | DOM |"
    lines = [head, "|" + "---|" * (2 * len(timed) + len(dark) + 2)]
    for page in pages:
        cells = []
        dom = ""
        for form in timed:
            r = results.get(f"{page} [{form}]")
            if not r:
                cells += ["", ""]
                continue
            cells.append(f"{r['performance']:.0f} / {r['accessibility']:.0f} / {r['best-practices']:.0f} / {r['seo']:.0f}")
            cells.append(f"{r.get('tbt_ms', 0):.0f} ms")
            dom = f"{r.get('dom', 0):.0f}"
        for form in dark:
            r = results.get(f"{page} [{form}]")
            cells.append(f"{r['accessibility']:.0f} / {r['best-practices']:.0f} / {r['seo']:.0f}" if r else "")
        lines.append(f"| {page} | " + " | ".join(cells) + f" | {dom} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
