"""Options of ``charterkit/pdf``, each documented where it is declared."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class PdfConfig(base.Config):
    """Options of ``charterkit/pdf``."""

    enabled = c.Type(bool, default=True)
    """Make the PDFs. The environment variable ``CHARTERKIT_PDF`` wins over this: ``0`` turns PDFs off,
    ``1`` turns them on (also under ``mkdocs serve``, which otherwise skips them to stay quick)."""

    cache_dir = c.Type(str, default=".cache/charterkit-pdf")
    """Where finished PDFs are kept between builds, relative to ``mkdocs.yml``. A PDF whose inputs have
    not changed is taken from here instead of being made again. Safe to delete."""

    workers = c.Type(int, default=0)
    """How many PDFs to make at once: ``0`` means one per processor core, ``1`` makes them one by one."""

    booklet = c.Type(bool, default=True)
    """Also make one booklet of every charter, ``downloads/charters-booklet.pdf``, with a contents page."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        if not failed and self.workers < 0:
            failed.append(("workers", base.ValidationError("must be 0 (one per core) or a positive number.")))
        return failed, warnings
