"""Whether a run makes PDFs: the shared rule of :mod:`charterkit.switch`."""

from __future__ import annotations

from charterkit.switch import SwitchError, pdfs_wanted

__all__ = ["SwitchError", "pdfs_wanted"]
