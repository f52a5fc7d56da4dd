"""Links in a PDF named by their words, so that a screen reader says the words and not an address.

PDF/UA-1 asks every link annotation for a description (``/Contents``). WeasyPrint 70 writes the link's
target there: for a link inside the document that is an id such as ``north-somerset--charter``, which a
screen reader then reads out instead of the charter's title (a booklet's contents page was spoken as
slugs). :func:`name_links` is a WeasyPrint *finisher*: after the PDF is laid out and before it is written,
it replaces each description with the words the link shows on the page (for a contents entry, the title
and its page number).
"""

from __future__ import annotations

from typing import Any

__all__ = ["link_words", "name_links"]


def link_words(box: Any) -> str:
    """The words a laid-out box shows, its descendants' included, with white space folded."""
    return " ".join(_text(box).split())


def _descendants(box: Any) -> list[Any]:
    out: list[Any] = []
    stack = list(getattr(box, "children", None) or ())
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(getattr(current, "children", None) or ())
    return out


def _text(box: Any) -> str:
    parts: list[str] = []
    stack = [box]
    while stack:
        current = stack.pop()
        text = getattr(current, "text", None)
        if isinstance(text, str):
            parts.append(text)
        children = getattr(current, "children", None)
        if children:
            stack.extend(reversed(list(children)))
    return "".join(parts)


def name_links(document: Any, pdf: Any) -> None:
    """A WeasyPrint finisher: give every link annotation the words of its link as its description."""
    import pydyf  # type: ignore[import-untyped]

    # One link can be several boxes (a line break inside it, or generated text such as ", page 4" after
    # it), each with an annotation of its own: every one of them is named with the whole link's words.
    boxes: dict[int, list[Any]] = {}
    for page in document.pages:
        for _kind, _target, _rect, box in page.links:
            if getattr(box, "link_annotation", None) is not None:
                boxes.setdefault(id(getattr(box, "element", box)), []).append(box)
    for group in boxes.values():
        inner = {id(d) for box in group for d in _descendants(box)}
        words = " ".join("".join(_text(box) for box in group if id(box) not in inner).split())
        if words:
            for box in group:
                box.link_annotation["Contents"] = pydyf.String(words)
