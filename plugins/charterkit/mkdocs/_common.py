"""What every charterkit MkDocs plugin needs from MkDocs' settings, worked out in one place."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from charterkit.format.icons import IconSet
from charterkit.render.jinja import make_env

__all__ = ["config_file", "custom_dir", "files_fingerprint", "jinja_env", "project_root"]


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


def site_href(files: Files, uri: str, page: File) -> str:
    """The site file whose source path is ``uri``, as a link from ``page``; "" when there is none.

    The same as ``files.get_file_from_path(uri).url_relative_to(page)``, made for the thousands of links
    a list of many charters holds: a source path charterkit wrote is looked up as it is, and each
    address from a page's address is worked out once per process (the preview draws the same lists
    again after every edit)."""
    target = files.src_uris.get(uri) or files.get_file_from_path(uri)
    return _relative(target.url, page.url) if target is not None else ""


@lru_cache(maxsize=1 << 17)
def _relative(url: str, base: str) -> str:
    return get_relative_url(url, base)


def files_fingerprint(files: Files) -> str:
    """A hash of each of the site's files, its address and whether it is published: what a page's links
    are made against, for the keys of what is kept between builds."""
    h = hashlib.sha256()
    for file in files:
        h.update(f"{file.src_uri}\0{file.url}\0{file.inclusion}\n".encode())
    return h.hexdigest()
