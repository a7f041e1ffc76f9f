"""Stage 6, exports: the downloads — bibliography formats, TEI, EPUB, the one-file editions and
PDF, the offline zip — and the Downloads page that lists them."""
