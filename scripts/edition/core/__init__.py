"""Stage 0, core: what every stage uses and that knows nothing of the edition's files — errors
with their file:line, the one escaping discipline, the one string table per language, Turkish
case folding and sorting, dates, the document model, XML text helpers."""
