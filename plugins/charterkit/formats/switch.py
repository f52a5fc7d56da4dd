"""Whether a run makes the other formats: by default ``mkdocs build`` makes them and ``mkdocs serve``
skips them, to stay quick; ``enabled: false`` in ``mkdocs.yml`` turns them off; the environment variable
wins over both (``1`` on, ``0`` off). The same rule as the PDFs' (:mod:`charterkit.pdf.switch`).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["FORMATS_SWITCH", "formats_wanted"]

FORMATS_SWITCH = "CHARTERKIT_FORMATS"


def formats_wanted(command: str, enabled: bool, environ: Mapping[str, str]) -> bool:
    """Whether ``command`` (``build``, ``gh-deploy``, ``serve``) makes the other formats. Raises
    ``ValueError``, saying what to write, for a switch other than 1, 0 or nothing."""
    switch = environ.get(FORMATS_SWITCH, "").strip()
    if switch in ("0", "1"):
        return switch == "1"
    if switch:
        raise ValueError(
            f"charterkit/formats: {FORMATS_SWITCH}={switch!r} is not understood. "
            "Set it to 1 to make the files or 0 to skip them, or leave it unset."
        )
    return enabled and command != "serve"
