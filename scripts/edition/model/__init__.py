"""Stage 2, model: the edition as one resolved object (`Edition`), with its identifiers, the
register's mentions in the text and the citation formatting of its references."""
