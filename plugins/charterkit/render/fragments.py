"""Parts of a page drawn once for a charter and kept on its catalogue entry.

A page that lists many charters (a theme's page) is mostly the same part drawn for each. In the preview,
a charter whose file did not change is the very same catalogue entry in the next rebuild
(:func:`charterkit.compare.catalogue.catalogue`), so a part drawn for it can be kept on the entry, under
everything else it was drawn from: the template's own text (a council's template, edited while the
preview runs, is a new key) and the caller's key (the theme, the link to the charter's page).
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from charterkit.compare.catalogue import Entry

__all__ = ["kept_part"]

_SOURCES: weakref.WeakKeyDictionary[Environment, dict[str, str]] = weakref.WeakKeyDictionary()
"""Each environment's template texts, read once (a rebuild of the preview makes a new environment)."""


def _source(env: Environment, name: str) -> str:
    texts = _SOURCES.setdefault(env, {})
    if name not in texts:
        assert env.loader is not None
        texts[name] = env.loader.get_source(env, name)[0]
    return texts[name]


def kept_part(env: Environment, name: str, entry: Entry, key: tuple[Hashable, ...], **context: Any) -> Markup:
    """The template ``name`` drawn with ``context`` for ``entry``, or the same part kept from before:
    ``key`` must hold everything in ``context`` that does not come from the entry itself."""
    full = (name, _source(env, name), *key)
    kept = entry.parts.get(full)
    if kept is None:
        kept = entry.parts[full] = env.get_template(name).render(**context)
    return Markup(kept)
