"""The edition's benchmark: `make bench` (not a test). Prints a table and writes JSON.

Measures, on this machine:
- full clean build of the edition (both languages, all exports), median of runs; the edition and
  its baselines are built in interleaved rounds, and each ratio is the median of the rounds' ratios;
- the same Markdown built by plain Material with the edition plugin switched off, and the ratio;
  plain Material with as many pages (stand-ins), and, the ratio with a target, plain Material
  without the edition's plugin building the same pages with the same content (`with_same_content`);
- incremental rebuild under `mkdocs serve` after editing one chapter (median of RUNS edits);
- the heaviest chapter page with everything it loads on first view (HTML, CSS, JS, fonts),
  raw and gzip-compressed, and its request count (the search index, loaded on first search, apart);
- the offline zip's size;
- build time of a synthetic edition ten times the article (the real chapters repeated);
- pandoc --citeproc rendering the same chapters and bibliography to standalone HTML (the peer).
"""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHAPTERS = ["index", "giris", "sovyet-dis-politikasi", "savas-korkusu", "sovyet-tepkisi", "sonuc", "extended-abstract"]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def copy_project(dst: Path) -> Path:
    """Every file of the repository the build may read: the tracked files, less the code (installed
    into the venv), the tests and the CI configuration, so that a new data folder is never forgotten."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    for name in filter(None, tracked.decode("utf-8").split("\0")):
        if name.split("/", 1)[0] in ("scripts", "tests", ".github", ".ci", "node_modules"):
            continue
        target = dst / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    return dst


def timed_build(project: Path, env: dict | None = None) -> float:
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "-q"], cwd=project, env=env or ENV, check=True)
    return time.perf_counter() - start


def median_build(project: Path, env: dict | None = None) -> float:
    timed_build(project, env)  # warm-up
    return statistics.median(timed_build(project, env) for _ in range(RUNS))


def interleaved_builds(configs: dict[str, tuple[Path, dict]]) -> dict[str, list[float]]:
    """Each configuration built once to warm up, then RUNS rounds in which every configuration is
    built in turn (A B C D A B C D …): on a shared machine whose speed drifts, the ratios of the
    builds of one round compare like with like, where blocks of runs (A A A B B B) would not."""
    for project, env in configs.values():
        timed_build(project, env)
    times: dict[str, list[float]] = {name: [] for name in configs}
    for _ in range(RUNS):
        for name, (project, env) in configs.items():
            times[name].append(timed_build(project, env))
    return times


def median_ratio(a: list[float], b: list[float]) -> float:
    """The median of the round-by-round ratios a/b."""
    return statistics.median(x / y for x, y in zip(a, b))


def incremental_rebuild(project: Path) -> float:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=ENV, stderr=subprocess.PIPE, text=True)
    lines: list[tuple[float, str]] = []

    def read():
        for line in proc.stderr:
            lines.append((time.perf_counter(), line))

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = time.time() + 120
        while not any("Serving on" in l for _, l in lines):
            if time.time() > deadline:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.1)
        chapter = project / "docs" / "giris.md"
        original = chapter.read_text(encoding="utf-8")
        edited = original.replace("Türkiye’de zaferin", "Türkiye’de  zaferin", 1)
        times = []
        for i in range(RUNS):   # one edit per run, the chapter saved alternately edited and restored
            time.sleep(1)
            mark = len(lines)
            start = time.perf_counter()
            chapter.write_text(edited if i % 2 == 0 else original, encoding="utf-8")
            while True:
                done = [t for t, l in lines[mark:] if "Reloading browsers" in l]
                if done:
                    times.append(done[0] - start)
                    break
                if time.perf_counter() - start > 120:
                    raise RuntimeError("no rebuild seen")
                time.sleep(0.05)
        chapter.write_text(original, encoding="utf-8")
        return statistics.median(times)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def page_weights(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    httpd = ThreadingHTTPServer(("127.0.0.1", port), partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    results = {}
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                                                        "--disable-background-networking"])
            for name in [*CHAPTERS, *(f"en/{c}" for c in CHAPTERS)]:
                context = browser.new_context()
                page = context.new_page()
                seen: list = []
                page.on("response", lambda r: seen.append(r))
                page.goto(f"http://127.0.0.1:{port}/{name}.html")
                page.wait_for_load_state("networkidle")
                raw = gz = count = s_gz = s_count = 0
                for r in seen:
                    if r.status >= 400:
                        continue
                    body = r.body()
                    if re.search(r"search_index|/workers/search|/lunr/", r.url):
                        s_gz += len(gzip.compress(body, 6))   # Material's search: worker, lunr, index
                        s_count += 1
                        continue
                    raw += len(body)
                    gz += len(gzip.compress(body, 6))
                    count += 1
                results[name] = {"raw_bytes": raw, "gzip_bytes": gz, "requests": count,
                                 "search_gzip_bytes": s_gz, "search_requests": s_count,
                                 "html_gzip_bytes": len(gzip.compress((site / f"{name}.html").read_bytes(), 6))}
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
    for lang, prefix in (("tr", ""), ("en", "en/")):
        index = site / prefix / "search" / "search_index.json"
        results[f"search_index_{lang}"] = {"raw_bytes": index.stat().st_size,
                                           "gzip_bytes": len(gzip.compress(index.read_bytes(), 6))}
    return results


def synthetic(project: Path, times: int) -> Path:
    """The real chapters repeated `times` times, note numbers, paragraph ids, page markers and
    anchors renumbered so that the edition's checks still pass."""
    docs = project / "docs"
    body_chapters = ["giris", "sovyet-dis-politikasi", "savas-korkusu", "sovyet-tepkisi", "sonuc"]
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    names = []
    note_offset = para_offset = 0
    for k in range(times):
        for name in body_chapters:
            for lang in ("", ".en"):
                text = (ROOT / "docs" / f"{name}{lang}.md").read_text(encoding="utf-8")
                if k:
                    text = re.sub(r"\[\^(\d+)\]", lambda m: f"[^{int(m.group(1)) + note_offset}]", text)
                    text = re.sub(r"\{¶(\d+)", lambda m: f"{{¶{int(m.group(1)) + para_offset}", text)
                    text = re.sub(r"\{#([a-z0-9\-]+)", lambda m: f"{{#{m.group(1)}-r{k}", text)
                    text = re.sub(r"\{pb (\d+)\}", lambda m: f"{{pb {int(m.group(1)) + 100 * k}}}", text)
                (docs / f"{name}-r{k}{lang}.md").write_text(text, encoding="utf-8")
            names.append(f"{name}-r{k}.md")
        note_offset += 98
        para_offset += 59
    for name in body_chapters:
        for lang in ("", ".en"):
            (docs / f"{name}{lang}.md").unlink()
    for lang in ("", ".en"):   # the abstract's page markers follow the last copy's
        path = docs / f"extended-abstract{lang}.md"
        path.write_text(re.sub(r"\{pb (\d+)\}", lambda m: f"{{pb {int(m.group(1)) + 100 * (times - 1)}}}",
                               path.read_text(encoding="utf-8")), encoding="utf-8")
    chapters = "\n".join(f"        - {n}" for n in ["index.md", *names, "extended-abstract.md"])
    config = re.sub(r"      chapters:\n(        - .*\n)+", f"      chapters:\n{chapters}\n", config)
    config = re.sub(r"  - Makale:\n(      - .*\n)+", "  - Makale:\n" + "".join(f"      - {n}\n" for n in names), config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    # the registry pages cite note places by chapter name: nothing else to adapt
    return project


def with_stand_ins(project: Path) -> None:
    """Stand-in Markdown files where the edition generates pages (parallel views, archive files,
    register entries; for the baseline only)."""
    import yaml

    docs = project / "docs"
    archives = yaml.safe_load((ROOT / "bibliography" / "archives.yaml").read_text(encoding="utf-8"))
    for lang in ("", ".en"):
        for name in CHAPTERS:
            (docs / "paralel").mkdir(exist_ok=True)
            text = (ROOT / "docs" / f"{name}{lang}.md").read_text(encoding="utf-8")
            (docs / "paralel" / f"{name}{lang}.md").write_text(text, encoding="utf-8")
        for f in archives["files"]:
            (docs / "arsiv").mkdir(exist_ok=True)
            (docs / "arsiv" / f"{f['id']}{lang}.md").write_text(f"# {f['id']}\n\n" + "Belge. " * 400, encoding="utf-8")
        for data in sorted((ROOT / "register").glob("*.yaml")):
            for entry in yaml.safe_load(data.read_text(encoding="utf-8")) or []:
                (docs / "dizin").mkdir(exist_ok=True)
                (docs / "dizin" / f"{entry['id']}{lang}.md").write_text(f"# {entry['id']}\n\n" + "Kayıt. " * 200,
                                                                        encoding="utf-8")


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)

# The baseline's only code: each page's content is the stored HTML, put in after Markdown (as the
# edition's own pipeline puts its HTML blocks back in on_page_content), so no Markdown parser reads it.
_STANDIN_HOOK = """
from pathlib import Path

STORE = Path(__file__).parent / "standin"


def on_page_markdown(markdown, page, **kwargs):
    return ""


def on_page_content(html, page, **kwargs):
    return (STORE / page.file.src_uri).with_suffix(".html").read_text(encoding="utf-8")
"""


def with_same_content(project: Path, built: Path) -> None:
    """The fairest baseline: plain Material, without the edition's plugin (not even imported),
    building a page for every page of the edition's build, in both languages, each with that page's
    rendered content (its <article>). Material templates, indexes for search and writes the same
    pages with the same text and markup, and the ratio isolates what the edition's pipeline adds:
    reading and checking the sources, resolving, rendering, registers, figures, metadata."""
    docs = project / "docs"
    shutil.rmtree(docs)
    store = project / "standin"
    for page in built.rglob("*.html"):
        rel = page.relative_to(built)
        if rel.parts[0] in ("downloads", "assets", "search") or rel.name == "404.html":
            continue
        lang = ""
        if rel.parts[0] == "en":
            rel, lang = Path(*rel.parts[1:]), ".en"
        match = _ARTICLE.search(page.read_text(encoding="utf-8"))
        src = rel.parent / f"{rel.stem}{lang}.md"
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text("# stand-in\n", encoding="utf-8")
        (store / src).parent.mkdir(parents=True, exist_ok=True)
        (store / src).with_suffix(".html").write_text(match.group(1) if match else "", encoding="utf-8")
    (project / "standin_hook.py").write_text(_STANDIN_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config, n = re.subn(r"\n  - edition:\n(?:(?:      .*)?\n)*", "\n", config)
    assert n == 1, "the edition's plugin block was not found in mkdocs.yml"
    (project / "mkdocs.yml").write_text(config + "\nhooks:\n  - standin_hook.py\n", encoding="utf-8")


def pandoc(project: Path) -> float | None:
    exe = shutil.which("pandoc")
    if not exe:
        return None
    work = project / "pandoc"
    work.mkdir()
    for name in CHAPTERS[1:-1]:
        text = (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8")
        text = re.sub(r"\{pb \d+\}\s?|\{¶[a-z]*\d+[^}]*\}\s?", "", text)
        text = re.sub(r"\{~~(.*?)~>(.*?)~~\}", r"\2", text)
        text = re.sub(r"\[([^\[\]]*(?:\[[^\]]*\][^\[\]]*)*)\]\{@([^,}]+)(?:, ([^}]*))?\}",
                      lambda m: f"[@{m.group(2)}{', ' + m.group(3) if m.group(3) else ''}]", text)
        (work / f"{name}.md").write_text(text, encoding="utf-8")
    args = [exe, "--citeproc", "--standalone", "--metadata", "title=Edition", "-o", str(work / "out.html"),
            *[str(work / f"{n}.md") for n in CHAPTERS[1:-1]],
            *[f"--bibliography={ROOT / 'bibliography' / b}" for b in ("works.bib", "newspapers.bib")]]
    subprocess.run(args, check=True, capture_output=True)  # warm-up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    out: dict = {"runs": RUNS, "machine": {"cpus": os.cpu_count()}}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "edition").mkdir()
        project = copy_project(Path(tmp) / "edition")
        # The edition also generates pages (parallel views, one page per archival file) that plain
        # Material does not have: give the baseline as many pages, with the chapters' Markdown in them.
        (Path(tmp) / "same").mkdir()
        same = copy_project(Path(tmp) / "same")
        with_stand_ins(same)
        # ... and, fairest, as many pages with the same content (the edition's rendered pages)
        timed_build(project, {**ENV, "EDITION_EXPORTS": "false"})
        (Path(tmp) / "content").mkdir()
        content = copy_project(Path(tmp) / "content")
        with_same_content(content, project / "site")
        times = interleaved_builds({
            "build_s": (project, ENV),
            "plain_material_build_s": (project, {**ENV, "EDITION_ENABLED": "false"}),
            "pages_only_build_s": (project, {**ENV, "EDITION_EXPORTS": "false"}),
            "plain_material_same_pages_s": (same, {**ENV, "EDITION_ENABLED": "false"}),
            "plain_material_same_content_s": (content, ENV),
        })
        out.update({name: statistics.median(runs) for name, runs in times.items()})
        out["runs_s"] = times
        out["pipeline_overhead_ratio"] = median_ratio(times["build_s"], times["plain_material_build_s"])
        out["pages_only_overhead_ratio"] = median_ratio(times["pages_only_build_s"], times["plain_material_build_s"])
        out["pages_only_overhead_same_pages_ratio"] = median_ratio(times["pages_only_build_s"],
                                                                   times["plain_material_same_pages_s"])
        out["pages_only_overhead_same_content_ratio"] = median_ratio(times["pages_only_build_s"],
                                                                     times["plain_material_same_content_s"])
        timed_build(project)
        site = project / "site"
        out["offline_zip_bytes"] = (site / "downloads" / "edisyon-cevrimdisi.zip").stat().st_size
        weights = page_weights(site)
        pages = {k: v for k, v in weights.items() if not k.startswith("search_index")}
        heaviest = max(pages, key=lambda k: pages[k]["gzip_bytes"])
        out["heaviest_page"] = {"page": f"{heaviest}.html", **pages[heaviest]}
        out["search_index"] = {k: v for k, v in weights.items() if k.startswith("search_index")}
        out["incremental_rebuild_s"] = incremental_rebuild(project)
        (Path(tmp) / "ten").mkdir()
        ten = copy_project(Path(tmp) / "ten")
        synthetic(ten, 10)
        out["synthetic_10x_build_s"] = median_build(ten)
        out["growth_10x_ratio"] = out["synthetic_10x_build_s"] / out["build_s"]
        out["pandoc_citeproc_s"] = pandoc(project)
        if out["pandoc_citeproc_s"]:
            out["ratio_to_pandoc"] = out["build_s"] / out["pandoc_citeproc_s"]
    rows = [
        ("Full build, both languages, all exports", f"{out['build_s']:.2f} s", "< 5 s"),
        ("Same Markdown, plain Material (plugin off)", f"{out['plain_material_build_s']:.2f} s", ""),
        # exports (TEI, EPUB, one-file editions, zip, data) are work plain Material does not do: no ratio target
        ("Pipeline cost, with all exports (ratio)", f"{out['pipeline_overhead_ratio']:.2f}×", ""),
        # The pipeline's cost is measured against Material building the same pages: the same Markdown
        # has a third of the pages (no parallel views, archive or register pages); stand-ins of as many
        # pages have less text and markup for Material to template and index than the real ones.
        ("Pages only, exports off", f"{out['pages_only_build_s']:.2f} s "
         f"({out['pages_only_overhead_ratio']:.2f}× the same Markdown)", ""),
        ("  plain Material with as many pages (stand-ins)", f"{out['plain_material_same_pages_s']:.2f} s "
         f"(ours {out['pages_only_overhead_same_pages_ratio']:.2f}×)", ""),
        ("  plain Material, the same pages and content", f"{out['plain_material_same_content_s']:.2f} s "
         f"(ours {out['pages_only_overhead_same_content_ratio']:.2f}×)", "< 1.30×"),
        ("Incremental rebuild (mkdocs serve, one chapter)", f"{out['incremental_rebuild_s']:.2f} s", ""),
        (f"Heaviest page ({out['heaviest_page']['page']}), first view, gzip", f"{out['heaviest_page']['gzip_bytes'] / 1000:.1f} kB"
         f" in {out['heaviest_page']['requests']} requests", "< 100 kB, ≤ 8"),
        ("  raw", f"{out['heaviest_page']['raw_bytes'] / 1000:.1f} kB", ""),
        ("  + Material's search (worker, lunr, index), gzip",
         f"{out['heaviest_page']['search_gzip_bytes'] / 1000:.1f} kB in {out['heaviest_page']['search_requests']} requests", "apart"),
        ("  its HTML alone, gzip", f"{out['heaviest_page']['html_gzip_bytes'] / 1000:.1f} kB", ""),
        ("Search index (tr / en), gzip, on first search",
         f"{out['search_index']['search_index_tr']['gzip_bytes'] / 1000:.1f} / "
         f"{out['search_index']['search_index_en']['gzip_bytes'] / 1000:.1f} kB", ""),
        ("Offline zip", f"{out['offline_zip_bytes'] / 1e6:.2f} MB", ""),
        ("Synthetic edition 10× the article", f"{out['synthetic_10x_build_s']:.2f} s "
         f"({out['growth_10x_ratio']:.1f}× the article)", "linear or better (≤ 10×)"),
        ("pandoc --citeproc, same chapters", f"{out['pandoc_citeproc_s']:.2f} s" if out["pandoc_citeproc_s"] else "pandoc not installed", ""),
    ]
    if out.get("ratio_to_pandoc"):
        rows.append(("Our build / pandoc", f"{out['ratio_to_pandoc']:.1f}×", ""))
    width = max(len(r[0]) for r in rows)
    print(f"{'measure'.ljust(width)}  {'value':<28} target")
    for name, value, target in rows:
        print(f"{name.ljust(width)}  {value:<28} {target}")
    (ROOT / "bench-results.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
