"""The edition loaded as every build loads it: `load_edition` with the settings the MkDocs adapter
reads from a project's mkdocs.yml (never a copy of the adapter's assembly)."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from mkdocs.config import load_config

from edition.assembly.load import Loaded, load_edition
from edition.assembly.settings import Settings
from edition.mkdocs_plugin import settings as plugin_settings

ROOT = Path(__file__).resolve().parents[1]


def settings_of(project: Path = ROOT, **overrides) -> Settings:
    """The build settings of the project at `project` (its mkdocs.yml), with `overrides`."""
    config = load_config(str(project / "mkdocs.yml"))
    found = plugin_settings(config, config.plugins["edition"].config)
    return dataclasses.replace(found, **overrides) if overrides else found


def load_root(project: Path = ROOT, **overrides) -> Loaded:
    """Load the edition of the project at `project` through `load_edition`."""
    return load_edition(settings_of(project, **overrides))
