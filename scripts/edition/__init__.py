"""The digital edition of “Soviet Fear of War and the Discussion of Turkey’s
Membership in the League of Nations (1925-1928)”: sources → model → pages.

Modules: model (dataclasses), markup (parse the chapter Markdown), sources
(load chapters, BibTeX, archives), resolve (cross-checks and citation index),
formatting (references per language), render (chapter HTML), registers
(bibliography, archive and other generated pages), exports (downloads),
cards (the one card convention) and siteassets (the CSS, script and shared card files
every page loads), mkdocs_plugin (the thin MkDocs adapter; the only module importing MkDocs).
Hardening: escaping (the one escaping discipline), datafiles + schemas (data files
validated at file:line), ids (unique, ordered identifiers), errors (located problems,
folded by cause), safebuild (`make build`: lock, build aside, atomic swap).
"""
