"""The digital edition of “Soviet Fear of War and the Discussion of Turkey’s Membership in the
League of Nations (1925-1928)”: the build code, one folder per stage of the pipeline, in the order
the data flows (a module imports only from the stages before its own):

    core → sources → model → checks → html → figures → exports → site → assembly → mkdocs_plugin | tools

`edition.assembly.load.load_edition(settings)` reads and checks everything once; the MkDocs plugin
(`edition.mkdocs_plugin`), the tests and the tools all start there. See handbook/architecture.md.
"""
