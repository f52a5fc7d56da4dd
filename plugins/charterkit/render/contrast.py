"""Colour contrast as WCAG 2.2 measures it, and the nearest colour that meets a target.

Used to check a council's brand colours before they reach the site: text needs 4.5:1 against its
background (WCAG 1.4.3), controls and graphics 3:1 (WCAG 1.4.11). Nothing here imports MkDocs.
"""

from __future__ import annotations

import colorsys
import math
import re

__all__ = [
    "AA_LARGE_OR_CONTROLS",
    "AA_TEXT",
    "Colour",
    "contrast_ratio",
    "format_ratio",
    "nearest_passing",
    "parse_colour",
    "relative_luminance",
    "shade",
    "to_hex",
]

AA_TEXT = 4.5
"""WCAG 1.4.3: normal text against its background."""
AA_LARGE_OR_CONTROLS = 3.0
"""WCAG 1.4.11: the parts of controls and graphics needed to understand them."""

Colour = tuple[int, int, int]
"""Red, green and blue, each 0 to 255."""

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def parse_colour(text: str) -> Colour:
    """``#1d5a8e``, ``1d5a8e`` or ``#fff`` as a colour; raise ``ValueError`` for anything else."""
    m = _HEX.fullmatch(text.strip())
    if not m:
        raise ValueError(f'"{text}" is not a colour written as #rrggbb')
    digits = m.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def to_hex(colour: Colour) -> str:
    """``(29, 90, 142)`` → ``#1d5a8e``."""
    return "#" + "".join(f"{max(0, min(255, c)):02x}" for c in colour)


def _linear(channel: int) -> float:
    # The sRGB transfer function, with the threshold WCAG 2.2 gives (0.04045).
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: Colour) -> float:
    """WCAG relative luminance: 0 for black, 1 for white."""
    r, g, b = (_linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio between two colours, from 1 (none) to 21 (black on white)."""
    la, lb = relative_luminance(a), relative_luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def format_ratio(ratio: float) -> str:
    """``4.4999`` → ``4.49:1``: rounded down, so a failing ratio is never shown as the target."""
    return f"{math.floor(ratio * 100) / 100:.2f}:1"


def _from_hls(h: float, lightness: float, s: float) -> Colour:
    r, g, b = colorsys.hls_to_rgb(h, lightness, s)
    return round(r * 255), round(g * 255), round(b * 255)


def shade(colour: Colour, lightness_change: float) -> Colour:
    """The same hue and saturation, lighter (positive) or darker (negative) by an HSL amount."""
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in colour))
    return _from_hls(h, min(1.0, max(0.0, lightness + lightness_change)), s)


def nearest_passing(colour: Colour, against: Colour, ratio: float) -> Colour:
    """The colour closest in lightness to ``colour``, with its hue and saturation, that reaches ``ratio``
    against ``against``. Returns ``colour`` itself when it already passes.

    Lightness is stepped away from the original in both directions; the first step that passes (checked
    after rounding to whole 0-255 values, as it will be written) wins. Black or white is the last resort.
    """
    if contrast_ratio(colour, against) >= ratio:
        return colour
    h, lightness, s = colorsys.rgb_to_hls(*(c / 255 for c in colour))
    steps = 1000
    for i in range(1, steps + 1):
        delta = i / steps
        for candidate_l in (lightness - delta, lightness + delta):
            if 0.0 <= candidate_l <= 1.0:
                candidate = _from_hls(h, candidate_l, s)
                if contrast_ratio(candidate, against) >= ratio:
                    return candidate
    black, white = (0, 0, 0), (255, 255, 255)
    return black if contrast_ratio(black, against) >= contrast_ratio(white, against) else white
