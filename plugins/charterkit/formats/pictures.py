"""Easy-read pictures as PNG, for Word and OpenDocument files, drawn without any SVG renderer.

The icon sets we use are single-colour SVG paths. fontTools (already needed for the PDFs' fonts) reads
SVG path data, and Pillow (needed by WeasyPrint) fills the shapes, so no further library is needed: the
clean SVG rasterisers are LGPL (CairoSVG) or need a browser. A picture that uses anything but paths is
refused with a message, never drawn wrong.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from typing import Any

from fontTools.pens.basePen import BasePen  # type: ignore[import-untyped]
from fontTools.svgLib.path import parse_path  # type: ignore[import-untyped]
from PIL import Image, ImageChops, ImageDraw

__all__ = ["PICTURE_PX", "PictureError", "svg_to_png"]

PICTURE_PX = 256
"""The width and height of a picture's PNG: 3 cm at about 220 dots per inch."""

_SUPERSAMPLE = 4
_CURVE_STEPS = 16
_SVG = "{http://www.w3.org/2000/svg}"
_IGNORED = {"title", "desc", "defs", "metadata"}


class PictureError(Exception):
    """An SVG picture that cannot be drawn as PNG; the message says why, in plain words."""


class _Polygons(BasePen):  # type: ignore[misc]
    """Collects each closed contour of a path as a list of points, curves cut into short lines."""

    def __init__(self, scale: float, dx: float, dy: float) -> None:
        super().__init__(None)
        self.scale, self.dx, self.dy = scale, dx, dy
        self.contours: list[list[tuple[float, float]]] = []
        self.current: list[tuple[float, float]] = []

    def _pt(self, p: tuple[float, float]) -> tuple[float, float]:
        return ((p[0] - self.dx) * self.scale, (p[1] - self.dy) * self.scale)

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self._finish()
        self.current = [self._pt(pt)]

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.current.append(self._pt(pt))

    def _curveToOne(self, p1: Any, p2: Any, p3: Any) -> None:
        p0 = self._getCurrentPoint()
        for i in range(1, _CURVE_STEPS + 1):
            t = i / _CURVE_STEPS
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            x = a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0]
            y = a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]
            self.current.append(self._pt((x, y)))

    def _closePath(self) -> None:
        self._finish()

    def _endPath(self) -> None:
        self._finish()

    def _finish(self) -> None:
        if len(self.current) >= 3:
            self.contours.append(self.current)
        self.current = []


def _area(points: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True))


def _paths(svg: str) -> tuple[tuple[float, float, float, float], list[tuple[str, bool]]]:
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        raise PictureError(f"the picture file is not readable SVG ({exc})") from None
    numbers = [float(n) for n in re.split(r"[\s,]+", root.get("viewBox", "").strip()) if n]
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        raise PictureError("the picture has no usable viewBox, so its size is unknown")
    paths: list[tuple[str, bool]] = []
    for el in root.iter():
        tag = el.tag.removeprefix(_SVG)
        if el is root or tag in _IGNORED or not isinstance(el.tag, str):
            continue
        if tag != "path" or el.get("transform"):
            raise PictureError(f"the picture uses <{tag}>, and only plain <path> shapes can be drawn")
        if el.get("d"):
            paths.append((el.get("d", ""), el.get("fill-rule") == "evenodd"))
    if not paths:
        raise PictureError("the picture has no shapes to draw")
    x, y, w, h = numbers
    return (x, y, w, h), paths


def svg_to_png(svg: str, size: int = PICTURE_PX) -> bytes:
    """``svg`` drawn black on a transparent square of ``size`` pixels, as PNG bytes (the same every time).

    Raises :class:`PictureError` for an SVG this cannot draw faithfully.
    """
    (x, y, w, h), paths = _paths(svg)
    big = size * _SUPERSAMPLE
    scale = big / max(w, h)
    dx = x - (max(w, h) - w) / 2  # centre a picture that is not square
    dy = y - (max(w, h) - h) / 2
    ink = Image.new("L", (big, big), 0)
    for d, evenodd in paths:
        pen = _Polygons(scale, dx, dy)
        try:
            parse_path(d, pen)
        except Exception as exc:  # fontTools raises several kinds for bad path data
            raise PictureError(f"the picture's path data cannot be read ({exc})") from None
        # Non-zero rule: winding counts around 128, a pixel is ink where the contours around it do not
        # cancel out. Even-odd rule: each contour flips the pixels inside it.
        winding = Image.new("L", (big, big), 128)
        parity = Image.new("L", (big, big), 0)
        for contour in pen.contours:
            mask = Image.new("L", (big, big), 0)
            ImageDraw.Draw(mask).polygon(contour, fill=255 if evenodd else 1)
            if evenodd:
                parity = ImageChops.difference(parity, mask)
            elif _area(contour) >= 0:
                winding = ImageChops.add(winding, mask)
            else:
                winding = ImageChops.subtract(winding, mask)
        shape = parity if evenodd else winding.point(lambda v: 0 if v == 128 else 255)
        ink = ImageChops.lighter(ink, shape)
    alpha = ink.reduce(_SUPERSAMPLE)  # the mean of each 4 x 4 block: smooth edges
    picture = Image.merge("LA", (Image.new("L", (size, size), 0), alpha))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()
