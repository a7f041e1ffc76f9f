"""Stage 4, html: the edition rendered as HTML — the site's URL scheme, chapters and notes, cards,
register and apparatus pages, head metadata, the parallel view, the citation blocks."""
