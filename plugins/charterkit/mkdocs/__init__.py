"""MkDocs adapters: thin plugins over the charterkit core. Only this package imports MkDocs."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

__all__ = ["project_root"]


def project_root(config: MkDocsConfig) -> Path:
    """The folder of ``mkdocs.yml``, as an absolute path, however MkDocs was started.

    ``mkdocs build -f mkdocs.yml`` gives a relative ``config_file_path``; a path made from it would break
    PDFs' file URIs and depend on the working directory. MkDocs itself makes ``docs_dir``, ``site_dir``
    and ``custom_dir`` absolute; everything charterkit derives from the config file goes through here.
    """
    if config.config_file_path:
        return Path(os.path.abspath(config.config_file_path)).parent
    return Path.cwd()
