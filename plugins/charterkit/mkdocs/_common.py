"""What every charterkit MkDocs plugin needs from MkDocs' settings, worked out in one place."""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig

from charterkit.format.icons import IconSet
from charterkit.render.jinja import make_env

__all__ = ["config_file", "custom_dir", "jinja_env", "project_root"]


def config_file(config: MkDocsConfig) -> Path | None:
    """``mkdocs.yml`` itself, when the site was built from a file, as an absolute path.

    ``mkdocs build -f mkdocs.yml`` gives a relative ``config_file_path``; a path made from it would break
    PDFs' file URIs and depend on the working folder. MkDocs itself makes ``docs_dir``, ``site_dir`` and
    ``custom_dir`` absolute; everything charterkit derives from the config file starts here.
    """
    return Path(os.path.abspath(config.config_file_path)) if config.config_file_path else None


def project_root(config: MkDocsConfig) -> Path:
    """The folder of ``mkdocs.yml`` (the current folder when there is none): paths in settings start here."""
    path = config_file(config)
    return path.parent if path is not None else Path.cwd()


def custom_dir(config: MkDocsConfig) -> Path | None:
    """The theme's ``custom_dir`` (``overrides/``), where a council's own templates come first."""
    custom = config.theme.custom_dir
    return Path(custom) if custom else None


def jinja_env(config: MkDocsConfig, icons: IconSet | None = None) -> Environment:
    """The charter templates, the site's ``custom_dir`` searched first (cached by :func:`make_env`)."""
    custom = custom_dir(config)
    return make_env([custom] if custom is not None else [], icons)
