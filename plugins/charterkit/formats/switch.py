"""Whether a run makes the other formats: the shared rule of :mod:`charterkit.switch`."""

from __future__ import annotations

from charterkit.switch import FORMATS_SWITCH, formats_wanted

__all__ = ["FORMATS_SWITCH", "formats_wanted"]
