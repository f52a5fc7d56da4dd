"""Whether a run makes PDFs: the one rule the build and ``charterkit check`` share.

By default ``mkdocs build`` makes them and ``mkdocs serve`` skips them, to stay quick; ``enabled: false``
in ``mkdocs.yml`` turns them off; the environment variable wins over both (``1`` on, ``0`` off).
"""

from __future__ import annotations

from collections.abc import Mapping

from charterkit.format.rules import PDF_SWITCH

__all__ = ["SwitchError", "pdfs_wanted"]


class SwitchError(ValueError):
    """The environment variable holds something other than 1, 0 or nothing; the text says what to write."""


def pdfs_wanted(command: str, enabled: bool, environ: Mapping[str, str]) -> bool:
    """Whether ``command`` (``build``, ``gh-deploy``, ``serve``, or ``check``) makes the PDFs."""
    switch = environ.get(PDF_SWITCH, "").strip()
    if switch == "0":
        return False
    if switch == "1":
        return True
    if switch:
        raise SwitchError(
            f"charterkit/pdf: {PDF_SWITCH}={switch!r} is not understood. "
            "Set it to 1 to make PDFs or 0 to skip them, or leave it unset."
        )
    return enabled and command != "serve"
