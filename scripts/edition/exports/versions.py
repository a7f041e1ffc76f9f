"""This build's version as files: the edition's own citation data (downloads/edisyon.{bib,ris,json})
and `version.json` with the text fingerprint of the build."""
from __future__ import annotations

from pathlib import Path

from edition.html import cite
from edition.sources.changelog import Versions, fingerprint, fingerprint_json

EDITION_FILES = "edisyon"   # downloads/edisyon.{bib,ris,json}: this edition as a citable item


def write_edition_downloads(out: Path, record) -> None:
    """This edition's own citation data (version and date), beside the article's."""
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{EDITION_FILES}.bib").write_text(cite.edition_bibtex(record), encoding="utf-8")
    (out / f"{EDITION_FILES}.ris").write_bytes(cite.edition_ris(record).encode("utf-8"))
    (out / f"{EDITION_FILES}.json").write_text(cite.edition_csl(record), encoding="utf-8")


VERSION_FILE = "version.json"   # in the built site: which version it is, and its fingerprint


def write_version_file(site: Path, edition, versions: Versions | None) -> None:
    """`site/version.json`: the version, its date and the text fingerprint of this build
    (`make release` keeps the fingerprint in changelog/fingerprints/)."""
    current = versions.current if versions else None
    fp = fingerprint(edition, current.version if current else "")
    fp["date"] = current.date.isoformat() if current else ""
    (site / VERSION_FILE).write_text(fingerprint_json(fp), encoding="utf-8")
