"""Stage 3, checks: cross-checks over the resolved edition that stop a build — the termbase over
the translation, the editors' comments against the text they comment on."""
