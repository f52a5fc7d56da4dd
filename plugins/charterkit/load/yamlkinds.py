"""Which kind of mistake a PyYAML error is: :data:`KINDS` tries each kind in order and the first that fits
wins; :func:`charterkit.load.yamlmessages.explain` then says that kind in the editor's words."""

from __future__ import annotations

from collections.abc import Callable

import yaml

from charterkit.load.yamllines import Failure, Refused

__all__ = ["KINDS", "kind_of"]

_BAD_START_PROBLEMS = (
    "cannot start any token",
    "sequence entries are not allowed",
    "mapping keys are not allowed",
)
_BAD_START_CONTEXTS = ("while scanning an alias", "while scanning an anchor")


def _flow_comma(f: Failure) -> bool:
    return f.context.startswith("while parsing a flow") and "expected ','" in f.problem


def _flow_text(f: Failure) -> bool:
    mark = getattr(f.exc, "problem_mark", None)
    return _flow_comma(f) and mark is not None and f.index == f.start and f.problem.endswith("'<scalar>'")


KINDS: tuple[tuple[str, Callable[[Failure], bool]], ...] = (
    ("control_character", lambda f: isinstance(f.exc, yaml.reader.ReaderError)),
    ("too_deep", lambda f: isinstance(f.exc, Refused) and f.problem == "depth"),
    ("anchor_or_alias", lambda f: isinstance(f.exc, Refused)),
    ("tab", lambda f: "'\\t'" in f.problem),
    ("quote_open_above", lambda f: f.swallowed is not None),
    ("quote_never_closed", lambda f: "quoted scalar" in f.context and "end of stream" in f.problem),
    ("unknown_escape", lambda f: "unknown escape character" in f.problem),
    ("bracket_text", _flow_text),
    ("bracket_never_closed", _flow_comma),
    (
        "bad_start",
        lambda f: any(p in f.problem for p in _BAD_START_PROBLEMS) or f.context in _BAD_START_CONTEXTS,
    ),
    ("colon", lambda f: "mapping values are not allowed" in f.problem),
    ("no_colon", lambda f: "could not find expected ':'" in f.problem),
    ("second_document", lambda f: "another document" in f.problem),
    (
        "directive",
        lambda f: "incompatible YAML document" in f.problem or "directive" in f.problem.lower(),
    ),
    (
        "block_end",
        lambda f: "expected <block end>" in f.problem or "expected <block mapping end>" in f.problem,
    ),
    ("item_out_of_line", lambda f: "did not find expected '-' indicator" in f.problem),
    ("field_out_of_line", lambda f: "did not find expected key" in f.problem),
    ("unexpected_end", lambda f: "found unexpected end of stream" in f.problem),
)
"""The kind of a PyYAML error, first match wins: the order matters (a tab explains any error it causes;
a quote left open above explains an error further down)."""


def kind_of(f: Failure) -> str:
    """The kind of the error (a key of :data:`~charterkit.load.yamlmessages.MESSAGES`), or "other"."""
    if not isinstance(f.exc, (yaml.reader.ReaderError, yaml.MarkedYAMLError)):
        raise TypeError(f"not a YAML error with a place: {f.exc!r}")
    return next((kind for kind, fits in KINDS if fits(f)), "other")
