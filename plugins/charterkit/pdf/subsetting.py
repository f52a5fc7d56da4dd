"""WeasyPrint's font-subsetting fallback is information, not a problem.

Without ``libharfbuzz-subset0`` WeasyPrint subsets fonts with fontTools and logs, once per PDF, a warning
("Using fontTools instead of HarfBuzz-Subset…"). The PDFs are still correct, so the message must not
fail ``mkdocs build --strict`` on a fresh machine. :class:`SubsetFallbackFilter` drops that one message
from WeasyPrint's logger and says it once, as information; every other WeasyPrint message passes.
"""

from __future__ import annotations

import logging

__all__ = [
    "FALLBACK_HINT",
    "SubsetFallbackFilter",
    "harfbuzz_subset_missing",
    "is_subset_fallback",
    "quiet_subset_fallback",
]

_FALLBACK = "Using fontTools instead of HarfBuzz-Subset"

FALLBACK_HINT = (
    "Fonts in the PDFs are subset with fontTools, as libharfbuzz-subset0 is not installed; "
    "the PDFs are the same. To use HarfBuzz: sudo apt-get install libharfbuzz-subset0"
)


def is_subset_fallback(message: str) -> bool:
    """Whether ``message`` is WeasyPrint's notice that it subsets fonts with fontTools."""
    return message.startswith(_FALLBACK)


class SubsetFallbackFilter(logging.Filter):
    """Drops WeasyPrint's subsetting-fallback warning; the first time, logs :data:`FALLBACK_HINT` at INFO
    on ``notify`` instead."""

    def __init__(self, notify: logging.Logger | None = None) -> None:
        super().__init__()
        self.notify = notify or logging.getLogger(__name__)
        self.seen = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not (isinstance(record.msg, str) and is_subset_fallback(record.msg)):
            return True
        if not self.seen:
            self.seen = True
            self.notify.info(FALLBACK_HINT)
        return False


def quiet_subset_fallback(notify: logging.Logger | None = None) -> SubsetFallbackFilter:
    """Install one :class:`SubsetFallbackFilter` on WeasyPrint's logger (again in each worker process, as
    filters are not inherited by spawned processes) and return it."""
    logger = logging.getLogger("weasyprint")
    for existing in logger.filters:
        if isinstance(existing, SubsetFallbackFilter):
            return existing
    installed = SubsetFallbackFilter(notify)
    logger.addFilter(installed)
    return installed


def harfbuzz_subset_missing() -> bool:
    """Whether WeasyPrint will fall back to fontTools (no HarfBuzz-Subset 4.1 or later), as it decides."""
    try:
        from weasyprint.text.ffi import harfbuzz, harfbuzz_subset
    except (ImportError, OSError):  # pragma: no cover - WeasyPrint is a dependency
        return False
    return harfbuzz_subset is None or not harfbuzz.hb_version_atleast(4, 1, 0)
