"""Cut a release and lay out the published versions side by side.

    python -m edition.tools.release build 1.1 [--config mkdocs.yml] [--dist dist]
    python -m edition.tools.release publish dist public

`build` checks that VERSION stands first in the changelog, builds everything (site,
offline zip, one-file editions, PDF, data, TEI/EPUB where the build makes them) with the
version's date as SOURCE_DATE_EPOCH, keeps the text fingerprint in
`changelog/fingerprints/VERSION.json` (the next version marks what changed against it),
and writes a deterministic bundle: `dist/<name>-VERSION-DATE.zip` (fixed order, times and
modes) and `dist/<name>-VERSION-DATE.sha256` (every file of the bundle, then the zip).

`publish` unpacks every bundle in DIST into OUT/<version>/, copies the newest to
OUT/latest/ (the address for readers; the numbered paths are for citations), writes
OUT/versions.json (the format mike and Material's version selector read) and an
OUT/index.html that leads to latest/, and fills two marked places in every page: the
version list in the footer (each link keeps the page, and the ¶ with JavaScript), and, on
every version but the newest, a notice in the "cite this" box that the page is old, with a
link to the same page of the latest version. Static HTML: it works without JavaScript and
on any static host. Why not mike: mike and Material's selector find the version from
Material's `base`, which the edition points at the language root on English pages (one
search index per language), so the selector breaks on every English page; mike also
publishes only through a git branch. `versions.json` stays mike's format.
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from edition.core import escaping
from edition.core.dates import format_date
from edition.core.errors import EditionError
from edition.exports.versions import VERSION_FILE
from edition.sources.changelog import CHANGELOG, ChangelogFile, fingerprint_dir, fingerprint_json
from edition.sources.datafiles import load_data
from edition.tools import safebuild
from edition.core import i18n

BUNDLE = "soviet-fear-edition"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
STAMP = i18n.each("release_stamp")


class ReleaseError(Exception):
    pass


# --- build ---------------------------------------------------------------------------

def _changelog(root: Path, changelog: str):
    return load_data(root / changelog, changelog, ChangelogFile).data.releases


def build(version: str, root: Path, dist: Path, config: str = "mkdocs.yml", changelog: str = CHANGELOG,
          pdf: bool = True) -> Path:
    releases = _changelog(root, changelog)
    if releases[0].version != version:
        raise ReleaseError(f"{changelog}: version {version} must stand first in the changelog "
                           f"(the newest release there is {releases[0].version})")
    release = releases[0]
    if not os.environ.get("EDITION_SITE_URL"):
        print("release: warning: EDITION_SITE_URL is not set — canonical, hreflang and citation addresses "
              "stay relative; set it to the public address (e.g. EDITION_SITE_URL=https://example.org/edition/latest/)",
              file=sys.stderr)
    epoch = int(dt.datetime.combine(release.date, dt.time(), dt.timezone.utc).timestamp())
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), EDITION_PDF="true" if pdf else "false",
               NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryDirectory(prefix=".release-", dir=root) as tmp:
        site = Path(tmp) / "site"
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / config), "-d", str(site)]
        done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise ReleaseError(f"the build failed:\n{done.stderr.strip()}")
        info = json.loads((site / VERSION_FILE).read_text(encoding="utf-8"))
        fingerprints = root / fingerprint_dir(changelog)
        fingerprints.mkdir(parents=True, exist_ok=True)
        (fingerprints / f"{version}.json").write_text(fingerprint_json(info), encoding="utf-8")
        dist.mkdir(parents=True, exist_ok=True)
        name = f"{BUNDLE}-{version}-{release.date.isoformat()}"
        archive = dist / f"{name}.zip"
        sums = write_zip(site, archive, name)
        sums.append((hashlib.sha256(archive.read_bytes()).hexdigest(), archive.name))
        (dist / f"{name}.sha256").write_text("".join(f"{h}  {p}\n" for h, p in sums), encoding="utf-8")
    return archive


def write_zip(folder: Path, archive: Path, top: str) -> list[tuple[str, str]]:
    """A byte-for-byte reproducible zip of `folder` under `top/`; returns (sha256, path) per file."""
    sums = []
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            rel = f"{top}/{path.relative_to(folder).as_posix()}"
            data = path.read_bytes()
            info = zipfile.ZipInfo(rel, ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
            sums.append((hashlib.sha256(data).hexdigest(), rel))
    return sums


# --- publish -------------------------------------------------------------------------

def _bundles(dist: Path) -> list[tuple[tuple[int, int], str, str, Path]]:
    found = []
    for archive in dist.glob(f"{BUNDLE}-*.zip"):
        m = re.fullmatch(rf"{BUNDLE}-(\d+)\.(\d+)-(\d{{4}}-\d\d-\d\d)\.zip", archive.name)
        if m:
            found.append(((int(m.group(1)), int(m.group(2))), f"{m.group(1)}.{m.group(2)}", m.group(3), archive))
    if not found:
        raise ReleaseError(f"no release bundles ({BUNDLE}-VERSION-DATE.zip) in {dist}")
    return sorted(found, reverse=True)


def publish(dist: Path, out: Path) -> list[str]:
    """Lay out every bundle of `dist` side by side in `out` (replaced whole)."""
    bundles = _bundles(dist)
    tmp = out.with_name(out.name + ".new")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    versions = []
    for _, version, date, archive in bundles:
        with zipfile.ZipFile(archive) as z:
            top = archive.stem
            for member in z.infolist():
                if member.is_dir():
                    continue
                rel = member.filename[len(top) + 1:]
                target = tmp / version / rel
                if not member.filename.startswith(top + "/") or ".." in Path(rel).parts:
                    raise ReleaseError(f"{archive.name}: unexpected member {member.filename!r}")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(member))
        versions.append((version, date))
    newest = versions[0][0]
    shutil.copytree(tmp / newest, tmp / "latest")
    listing = [{"version": v, "title": f"{v} ({d})", "aliases": ["latest"] if v == newest else []}
               for v, d in versions]
    (tmp / "versions.json").write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")
    (tmp / "index.html").write_text(
        '<!doctype html><html lang="tr"><head><meta charset="utf-8"><title>Edisyon / Edition</title>'
        '<meta http-equiv="refresh" content="0; url=latest/index.html"></head><body>'
        '<p><a href="latest/index.html">En son sürüm / Latest version</a></p></body></html>\n', encoding="utf-8")
    for folder, current in [(v, v) for v, _ in versions] + [("latest", newest)]:
        _stamp(tmp / folder, folder, current, versions, tmp)
    old = safebuild.swap_in(tmp, out)   # one atomic exchange: readers never see a half-laid-out folder
    if old is not None:
        safebuild.remove_tree(old)
    return [v for v, _ in versions]


_VERSIONS_SLOT = re.compile(r"<!--edition:versions-->.*?<!--/edition:versions-->", re.S)
_OLD_SLOT = re.compile(r"<!--edition:old-version-->.*?<!--/edition:old-version-->", re.S)
_LANG = re.compile(r'<html[^>]*\blang="([a-z]{2})')
_KEEP_HASH = ('<script>document.querySelectorAll("a[data-keep-hash]").forEach(function(a){'
              'a.addEventListener("click",function(){if(location.hash)a.href=a.href.split("#")[0]+location.hash})})'
              '</script>')
_KEEP_HASH_SOURCE = ("'sha256-" + base64.b64encode(hashlib.sha256(
    _KEEP_HASH[len("<script>"):-len("</script>")].encode()).digest()).decode() + "'")


def _stamp(folder: Path, name: str, current: str, versions: list[tuple[str, str]], public: Path) -> None:
    dates = dict(versions)
    newest = versions[0][0]
    for page in sorted(folder.rglob("*.html")):
        rel = page.relative_to(folder).as_posix()
        doc = page.read_text(encoding="utf-8")
        if "<!--edition:versions-->" not in doc:
            continue
        lang = (_LANG.search(doc) or [None, "tr"])[1]
        lang = lang if lang in STAMP else "en"
        up = "../" * rel.count("/") + "../"
        home = "en/index.html" if rel.startswith("en/") else "index.html"
        links = []
        for v, d in versions:
            target = rel if (public / v / rel).exists() else home
            here = ' aria-current="page"' if v == current else ""
            links.append(f'<a href="{escaping.attr(up + v + "/" + target)}" data-keep-hash{here}>{v}</a>')
        nav = (f'<!--edition:versions--><nav class="edition-versions md-copyright__highlight" '
               f'aria-label="{STAMP[lang]["versions"]}">{STAMP[lang]["versions"]}: {" · ".join(links)}</nav>'
               f'{_KEEP_HASH}<!--/edition:versions-->')
        doc = _VERSIONS_SLOT.sub(lambda m: nav, doc)
        # the version list's script is written here, after the build: the page's policy allows its hash
        doc = doc.replace("script-src 'self' ", f"script-src 'self' {_KEEP_HASH_SOURCE} ", 1)
        if current != newest:
            target = rel if (public / newest / rel).exists() else home
            date = format_date(dt.date.fromisoformat(dates[current]), lang)
            notice = (f'<!--edition:old-version--><p class="version-notice">'
                      f'{escaping.attr(STAMP[lang]["old"].format(version=current, date=date))} '
                      f'<a class="edition-latest" href="{escaping.attr(up + "latest/" + target)}" data-keep-hash>'
                      f'{escaping.attr(STAMP[lang]["latest"].format(version=newest))}</a></p><!--/edition:old-version-->')
            doc = _OLD_SLOT.sub(lambda m: notice, doc)
        page.write_text(doc, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition.tools.release", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build a release bundle")
    b.add_argument("version")
    b.add_argument("--config", default="mkdocs.yml")
    b.add_argument("--dist", default="dist")
    b.add_argument("--changelog", default=CHANGELOG)
    b.add_argument("--no-pdf", action="store_true", help="leave the PDFs out (faster; for tests)")
    p = sub.add_parser("publish", help="lay out all release bundles side by side")
    p.add_argument("dist")
    p.add_argument("out")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            root = Path(args.config).resolve().parent
            archive = build(args.version, root, Path(args.dist).resolve(), Path(args.config).name,
                            args.changelog, pdf=not args.no_pdf)
            print(f"release {args.version}: {archive} ({archive.stat().st_size} bytes)")
        else:
            published = publish(Path(args.dist), Path(args.out))
            print(f"published {', '.join(published)} into {args.out} (latest = {published[0]})")
    except (ReleaseError, EditionError) as exc:
        print(f"release: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
