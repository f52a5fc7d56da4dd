"""The language of parts of a PDF: ``/Lang`` on the structure element of every HTML element with a ``lang``.

PDF/UA-1 (7.2) asks that every change of language is declared, so that a screen reader switches voice: a
Welsh charter's PDF says ``/Lang (cy)`` for the document and ``/Lang (en-GB)`` on our own English labels;
the booklet says which charter is in which language. WeasyPrint 70 writes the document's language (from
``<html lang>``) but ignores ``lang`` on other elements. It builds the structure tree in one private
generator, ``weasyprint.pdf.tags._build_box_tree(box, ...)``, which yields the structure elements made for
a box; :func:`mark_languages` wraps it to add ``/Lang`` where the box's element has its own ``lang``.

If a later WeasyPrint renames that function, nothing is wrapped, PDFs are made as before (the document's
language only), and the test of element languages in ``tests/pdf`` fails, so the change is noticed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["mark_languages"]

_MARK = "_charterkit_marks_languages"
_WHOLE_DOCUMENT = ("html", "body")
"""Their language is the document's (the catalog's ``/Lang``), and their boxes yield their children's
elements, which have their own."""


def mark_languages() -> bool:
    """Make WeasyPrint write ``/Lang`` on elements with their own ``lang`` (once per process). Returns
    whether it could."""
    try:
        import pydyf  # type: ignore[import-untyped]
        from weasyprint.pdf import tags
    except ImportError:  # pragma: no cover - weasyprint is a dependency
        return False
    original = getattr(tags, "_build_box_tree", None)
    if original is None or not callable(original):
        return False
    if getattr(original, _MARK, False):
        return True

    def build_box_tree(box: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        # The function calls itself through the module for each child box, so every box passes here.
        lang = _own_lang(box)
        for element in original(box, *args, **kwargs):
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    setattr(build_box_tree, _MARK, True)
    tags._build_box_tree = build_box_tree
    return True


def _own_lang(box: Any) -> str:
    """The ``lang`` attribute of the HTML element a box was made for, or "" (none, or ``<html>``)."""
    box = getattr(box, "_box", box)  # an absolutely placed box is reached through a placeholder
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) in _WHOLE_DOCUMENT:
        return ""
    get: Callable[[str], Any] | None = getattr(element, "get", None)
    value = get("lang") if get is not None else None
    return value.strip() if isinstance(value, str) else ""
