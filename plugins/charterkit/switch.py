"""Whether a run makes an expensive output (the PDFs, the other formats): one rule for all of them,
shared by the build and ``charterkit check``.

By default ``mkdocs build`` makes them and ``mkdocs serve`` skips them, to stay quick; ``enabled: false``
in ``mkdocs.yml`` turns them off; the output's environment variable wins over both (``1`` on, ``0`` off).
"""

from __future__ import annotations

from collections.abc import Mapping

from charterkit.format.rules import FORMATS_SWITCH, PDF_SWITCH

__all__ = ["FORMATS_SWITCH", "PDF_SWITCH", "SwitchError", "formats_wanted", "output_wanted", "pdfs_wanted"]


class SwitchError(ValueError):
    """The environment variable holds something other than 1, 0 or nothing; the text says what to write."""


def output_wanted(
    variable: str, plugin: str, making: str, command: str, enabled: bool, environ: Mapping[str, str]
) -> bool:
    """Whether ``command`` (``build``, ``gh-deploy``, ``serve`` or ``check``) makes the output switched by
    the environment variable ``variable``; ``plugin`` and ``making`` ("make PDFs") word the message of a
    switch that is not understood."""
    switch = environ.get(variable, "").strip()
    if switch in ("0", "1"):
        return switch == "1"
    if switch:
        raise SwitchError(
            f"{plugin}: {variable}={switch!r} is not understood. "
            f"Set it to 1 to {making} or 0 to skip them, or leave it unset."
        )
    return enabled and command != "serve"


def pdfs_wanted(command: str, enabled: bool, environ: Mapping[str, str]) -> bool:
    """Whether ``command`` makes the PDFs."""
    return output_wanted(PDF_SWITCH, "charterkit/pdf", "make PDFs", command, enabled, environ)


def formats_wanted(command: str, enabled: bool, environ: Mapping[str, str]) -> bool:
    """Whether ``command`` makes the other formats (Word, OpenDocument, text, EPUB, braille)."""
    return output_wanted(FORMATS_SWITCH, "charterkit/formats", "make the files", command, enabled, environ)
