"""What a PDF reader (or a screen reader) would find in a PDF, read with pypdf."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def obj(value: Any) -> Any:
    """Resolve indirect references."""
    return value.get_object() if isinstance(value, IndirectObject) else value


def catalog(reader: PdfReader) -> DictionaryObject:
    root = obj(reader.trailer["/Root"])
    assert isinstance(root, DictionaryObject)
    return root


def xmp(reader: PdfReader) -> str:
    """The XMP metadata packet as text ("" if there is none)."""
    meta = catalog(reader).get("/Metadata")
    return obj(meta).get_data().decode("utf-8") if meta is not None else ""


def fonts(reader: PdfReader) -> dict[str, dict[str, bool]]:
    """Every font used on any page (also inside form XObjects): is it embedded, has it a ToUnicode map."""
    found: dict[str, dict[str, bool]] = {}

    def visit(resources: Any) -> None:
        resources = obj(resources)
        if not resources:
            return
        for font in (obj(resources.get("/Font")) or {}).values():
            font = obj(font)
            descriptors = [obj(font.get("/FontDescriptor"))]
            for child in obj(font.get("/DescendantFonts")) or []:
                descriptors.append(obj(obj(child).get("/FontDescriptor")))
            embedded = any(
                d is not None and any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            name = str(font.get("/BaseFont", font.get("/Name", "?")))
            found[name] = {
                "embedded": embedded or font.get("/Subtype") == "/Type3",
                "tounicode": "/ToUnicode" in font,
            }
        for xobject in (obj(resources.get("/XObject")) or {}).values():
            xobject = obj(xobject)
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def struct_elements(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every element of the structure tree, depth first."""
    root = obj(catalog(reader).get("/StructTreeRoot"))
    if root is None:
        return
    stack: list[Any] = [root.get("/K")]
    while stack:
        kids = obj(stack.pop())
        if kids is None:
            continue
        if not isinstance(kids, ArrayObject | list):
            kids = [kids]
        for kid in kids:
            kid = obj(kid)
            if isinstance(kid, DictionaryObject) and "/S" in kid:
                yield kid
                stack.append(kid.get("/K"))


def elements(reader: PdfReader, role: str) -> list[DictionaryObject]:
    """The structure elements of one role, such as ``/Figure`` or ``/H2``."""
    return [e for e in struct_elements(reader) if str(e["/S"]) == role]


def outline(reader: PdfReader) -> list[tuple[int, str]]:
    """Bookmarks as (depth, title), in order."""
    out: list[tuple[int, str]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, str(item.title)))

    walk(reader.outline, 0)
    return out


def text_sizes(path: Path) -> Counter[float]:
    """How many characters are shown at each font size, in points, on every page.

    The size a reader sees is the ``Tf`` size scaled by the text matrix and the current transformation
    matrix (WeasyPrint draws in CSS pixels with a ``0.75 0 0 0.75 cm`` and a flipped ``Tm``).
    """
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        shown = text.strip()
        if not shown or not size:
            return
        # The vertical scale of tm x cm: the length of the text space's y unit vector on the page.
        c, d = tm[2], tm[3]
        y = (c * cm[0] + d * cm[2], c * cm[1] + d * cm[3])
        sizes[round(size * math.hypot(*y), 1)] += len(shown)

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def full_text(reader: PdfReader) -> str:
    """All text, with runs of white space made single spaces."""
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def squash(text: str) -> str:
    """``text`` without white space: a line may wrap after any hyphen or slash, and text extraction then
    shows a space there that the source does not have."""
    return "".join(text.split())
