"""Stage 1, sources: reading every data file of the repository (chapters, notes, bibliography,
archives, register, chronology, comments, fact-checks, changelog) against its schema."""
