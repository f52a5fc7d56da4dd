"""PyYAML's node tree of a charter, composed safely: anchors, aliases and deep nesting are refused as they
arrive, before they can cost memory or stack.

Where PyYAML has libyaml, libyaml scans and parses (:data:`FastComposer`, the costly part: about 2 ms for
a charter instead of 40 ms) and PyYAML's own composer builds the nodes. libyaml's composer would be faster
again but recurses in C: 800 KB of ``[`` crashes the process before any check could run. When libyaml
cannot read a file, the pure-Python parser (:class:`PureComposer`) reads it again, so that every message
is the one it explains, word for word.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import Composer
from yaml.resolver import Resolver

from charterkit.load.yamllines import MAX_DEPTH, Refused

__all__ = ["FastComposer", "PureComposer", "compose"]


class _Refusing(Composer):
    """A composer that refuses anchors, aliases and deep nesting before composing them."""

    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event: Any = self.peek_event()  # type: ignore[attr-defined]  # from the parser it is mixed with
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise Refused(None, None, "alias", mark)
        if getattr(event, "anchor", None):
            raise Refused(None, None, "anchor", mark)
        # Counted here, while composing, so that 10,000 nested brackets stop at the 13th, long before
        # Python's recursion limit.
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH + 1:
                raise Refused(None, None, "depth", mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class PureComposer(_Refusing, yaml.SafeLoader):
    """PyYAML in pure Python: slow, but its errors are the ones :mod:`~charterkit.load.yamlmessages`
    explains."""


try:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml: the pure-Python composer does everything
    FastComposer: type[Any] | None = None
else:

    class _LibyamlComposer(_Refusing, CParser, Resolver):
        """libyaml's scanner and parser (C), with the refusing composer above (Python)."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            Resolver.__init__(self)

        # CParser has its own (recursive, C) composer: ours is used instead.
        get_single_node = Composer.get_single_node
        get_node = Composer.get_node
        check_node = Composer.check_node

    FastComposer = _LibyamlComposer


def compose(text: str) -> yaml.Node | None:
    """The node tree of ``text``; raises the pure-Python parser's error when it cannot be read."""
    # libyaml reads a tab after a colon as a space, where PyYAML refuses it: text with a tab is read by
    # PyYAML alone, so that both accept exactly the same files.
    if FastComposer is not None and "\t" not in text:
        fast = FastComposer(text)
        try:
            return fast.get_single_node()  # type: ignore[no-any-return]  # CParser is untyped
        except yaml.YAMLError:
            pass  # read again below, so that the message is the one explained
        finally:
            fast.dispose()
    loader = PureComposer(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
