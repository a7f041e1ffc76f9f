"""`load_edition(settings)`: every source read, resolved and cross-checked, once — the one entry
point of the MkDocs adapter, the tests and the command-line tools. Bad input raises
`EditionError` with every problem located at file:line, before anything is written."""
from __future__ import annotations

from dataclasses import dataclass, field

from edition import figures as figure_blocks
from edition.assembly.settings import Settings
from edition.checks import commentary, termbase
from edition.html import apparatus_pages
from edition.model.edition import Edition, build_edition
from edition.sources import changelog, confine
from edition.sources.load import load_sources


@dataclass
class Loaded:
    """The edition with what is drawn and dated from it."""

    settings: Settings
    edition: Edition
    figures: figure_blocks.Figures | None = None
    versions: changelog.Versions | None = None
    #: id(Emendation) -> its anchor, for the pages of the default language
    emendation_ids: dict[int, str] = field(default_factory=dict)


def load_edition(settings: Settings) -> Loaded:
    s = settings
    # nothing outside the repository is read, let alone published
    confine.check(s.root, s.config_file, s.docs_dir, s.options(), s.data_folders())
    sources = load_sources(s.root, s.docs_dir, s.chapters, s.bibliography, s.archives, s.publication, s.register)
    edition = build_edition(sources, s.chapters, s.default_language)
    figures = figure_blocks.load(edition, s.root)   # chronology, network, map (issue 17)
    if s.termbase:   # the translation keeps to the termbase, or the build stops
        edition.termbase = termbase.load(s.root, s.termbase, sources.apparatus)
        termbase.check_or_fail(edition, edition.termbase, s.docs_dir, s.chapters)
    if s.comments:
        edition.commentary = commentary.load(s.root, s.comments, edition)
    versions = changelog.load_versions(s.root, edition, s.changelog) if s.changelog else None
    ids = {id(em): ident for _, _, em, ident in apparatus_pages.emendations_in(edition)}
    return Loaded(settings, edition, figures, versions, ids)
