"""Reader text sizes that reflow: the theme's layout breakpoints, scaled by the text size chosen.

The theme (Material for MkDocs) switches between its phone, tablet and desktop layouts with media
queries in ``em``, and ``em`` in a media query is the browser's own text size, not the page's. The Reader
settings make the page's text 1.25, 1.5 or 1.75 times bigger (a class ``ck-text-N`` on ``<html>``), so
without this the desktop layout stayed while its sidebars grew with the text and squeezed the middle
column to 30 characters. Browser zoom does not have the problem: it makes the window narrower in CSS px.

:func:`scale_breakpoints` rewrites a stylesheet so that each layout media query applies at the width it
would at the chosen text size: a rule of ``@media (min-width: 76.25em)`` applies, at "Largest", from
``133.4375em``. Each copy is limited to its text size with a ``:where()`` selector, which adds no
specificity, so the cascade stays exactly the theme's. ``reader-settings.js`` scales the theme's
``matchMedia`` queries by the same factors (read from ``--ck-layout-scale``), so its scripts agree.

Pure text processing with tinycss2: nothing here imports MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import tinycss2
from tinycss2.ast import Node

__all__ = ["BREAKPOINTS_EM", "TEXT_SCALES", "scale_breakpoints", "text_size_css"]

TEXT_SCALES: dict[int, float] = {1: 1.25, 2: 1.5, 3: 1.75}
"""How much bigger each Reader settings text size makes the page's text ("Large", "Larger", "Largest").
The one place these factors live: the stylesheets and the script read them from here."""

BREAKPOINTS_EM = frozenset({29.984375, 30.0, 44.984375, 45.0, 59.984375, 60.0, 76.234375, 76.25})
"""The theme's layout breakpoints (phone, large phone, tablet, desktop). Its text-size steps at 100em and
125em are not layout and stay as they are."""

_WIDTH = re.compile(r"((?:min|max)-width\s*:\s*)([0-9]*\.?[0-9]+)em")
_STANDARD = ", ".join(f".ck-text-{n}" for n in TEXT_SCALES)


def _fmt(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _scaled_prelude(prelude: str, scale: float) -> str | None:
    """The media query with its layout widths multiplied by ``scale``; None if it has no layout width."""
    found = False

    def repl(m: re.Match[str]) -> str:
        nonlocal found
        value = float(m.group(2))
        if value not in BREAKPOINTS_EM:
            return m.group(0)
        found = True
        return f"{m.group(1)}{_fmt(value * scale)}em"

    out = _WIDTH.sub(repl, prelude)
    return out if found else None


def _split_selectors(tokens: list[Node]) -> list[list[Node]]:
    groups: list[list[Node]] = [[]]
    for tok in tokens:
        if tok.type == "literal" and tok.value == ",":
            groups.append([])
        else:
            groups[-1].append(tok)
    return groups


def _limit(selector: list[Node], condition: str) -> str:
    """``selector`` matching only inside (or on) an ``<html>`` that meets ``condition``.

    The test goes on the first compound selector, the outermost element named, with ``:where()`` so the
    selector's specificity is unchanged. The first compound may be ``<html>`` itself (``[dir=ltr]``).
    """
    while selector and selector[0].type == "whitespace":
        selector = selector[1:]
    guard = f":where(html{condition}, html{condition} *)"
    text = str(tinycss2.serialize(selector)).strip()
    if selector and (
        selector[0].type == "ident" or (selector[0].type == "literal" and selector[0].value == "*")
    ):
        head = str(tinycss2.serialize(selector[:1]))
        return head + guard + text[len(head) :]
    return guard + text


def _limit_rule(rule: Node, condition: str) -> str:
    selectors = _split_selectors(list(rule.prelude))
    limited = ",".join(_limit(s, condition) for s in selectors if tinycss2.serialize(s).strip())
    return f"{limited}{{{tinycss2.serialize(rule.content)}}}"


def _block(prelude: str, rules: Iterable[Node], condition: str) -> str:
    body = "".join(
        _limit_rule(r, condition) if r.type == "qualified-rule" else tinycss2.serialize([r]) for r in rules
    )
    return f"@media {prelude.strip()}{{{body}}}"


def scale_breakpoints(css: str) -> str:
    """``css`` with each layout media query split in four: the standard text size, and each larger one
    with its widths scaled. Everything else is kept as it was, in the same order."""
    out: list[str] = []
    for node in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if node.type == "at-rule" and node.lower_at_keyword == "media" and node.content is not None:
            prelude = tinycss2.serialize(node.prelude)
            if _scaled_prelude(prelude, 1.0) is not None:
                rules = tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)
                out.append(_block(prelude, rules, f":not({_STANDARD})"))
                for n, scale in TEXT_SCALES.items():
                    scaled = _scaled_prelude(prelude, scale)
                    assert scaled is not None
                    out.append(_block(scaled, rules, f".ck-text-{n}"))
                continue
        out.append(tinycss2.serialize([node]))
    return "".join(out) + "\n"


def text_size_css() -> str:
    """The custom properties the Reader settings use: each text size's factor, for the page's font size
    (``--ck-text-scale``, made gentler on narrow screens by reader-settings.css) and for the layout
    (``--ck-layout-scale``, read by reader-settings.js to scale the theme's media queries)."""
    return "".join(
        f"html.ck-text-{n}{{--ck-text-scale:{_fmt(s)};--ck-layout-scale:{_fmt(s)}}}"
        for n, s in TEXT_SCALES.items()
    )
