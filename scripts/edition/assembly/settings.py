"""What a build of the edition is asked to do: the plugin's options in `mkdocs.yml` and the
paths they are relative to, as one plain value (no MkDocs object)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from edition.figures import WATCH as FIGURE_FOLDERS


@dataclass(frozen=True)
class Settings:
    root: Path                  # the folder of mkdocs.yml; every data file is relative to it
    config_file: Path
    docs_dir: Path
    chapters: list[str]         # chapter files of the default language, in the article's order
    bibliography: list[str] = field(default_factory=lambda: ["bibliography/works.bib"])
    archives: str = "bibliography/archives.yaml"
    publication: str = "bibliography/article.yaml"
    register: str = "register"
    default_language: str = "tr"
    changelog: str | None = None
    termbase: str = ""
    comments: str = ""
    pdf: bool = False           # also print the one-file editions to PDF (WeasyPrint)
    exports: bool = True        # the whole-site exports (zip, one-file editions, TEI, EPUB, data)
    production: bool = False    # a build for publication: warns when there is no site address
    #: language -> the site's name in that language (the i18n plugin's `site_name`), where it differs
    site_names: dict[str, str] = field(default_factory=dict)

    def data_files(self) -> list[str]:
        """The data files the options name (not the chapters), for the confinement check."""
        return [f for f in (*self.bibliography, self.archives, self.publication, self.termbase, self.comments,
                            self.changelog or "") if f]

    def data_folders(self) -> list[str]:
        """The folders the data files lie in, the register's and the figures' included."""
        folders = {str(Path(f).parent) for f in self.data_files()} - {"."}
        folders |= {self.register, *FIGURE_FOLDERS}
        return sorted(f for f in folders if f)

    def watched(self) -> list[str]:
        """What `mkdocs serve` watches besides docs/: every data file and folder."""
        return [p for p in (*self.bibliography, self.archives, self.publication, self.register, *FIGURE_FOLDERS,
                            self.termbase, self.comments,
                            *([str(Path(self.changelog).parent)] if self.changelog else [])) if p]

    def options(self) -> dict[str, list[str]]:
        """The options that name files, as the confinement check reports them."""
        return {"chapters": self.chapters, "bibliography": self.bibliography,
                **{option: [getattr(self, option) or ""] for option in
                   ("archives", "publication", "termbase", "comments", "changelog", "register")}}

    def site_name_of(self, lang: str, default: str) -> str:
        return self.site_names.get(lang) or default
