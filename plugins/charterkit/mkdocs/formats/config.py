"""Options of ``charterkit/formats``, each documented where it is declared."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from charterkit.formats.registry import FORMATS


class FormatsConfig(base.Config):
    """Options of ``charterkit/formats``."""

    enabled = c.Type(bool, default=True)
    """Make the files. The environment variable ``CHARTERKIT_FORMATS`` wins over this: ``0`` turns them off,
    ``1`` turns them on (also under ``mkdocs serve``, which otherwise skips them to stay quick)."""

    formats = c.ListOfItems(c.Choice(tuple(FORMATS)), default=list(FORMATS))
    """Which formats to make, from ``docx``, ``odt``, ``txt``, ``epub`` and ``brf``; all by default."""

    cache_dir = c.Type(str, default=".cache/charterkit-formats")
    """Where finished files are kept between builds, relative to ``mkdocs.yml``. A file whose inputs have
    not changed is taken from here instead of being made again. Safe to delete."""

    workers = c.Type(int, default=0)
    """How many files to make at once: ``0`` means one per processor core, ``1`` makes them one by one."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        if not failed and self.workers < 0:
            failed.append(("workers", base.ValidationError("must be 0 (one per core) or a positive number.")))
        return failed, warnings
