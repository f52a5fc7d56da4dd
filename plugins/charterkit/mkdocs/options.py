"""Config option types shared by the charterkit plugins: values that end up in addresses or attributes
are validated, so nothing in ``mkdocs.yml`` can add markup to a page (the theme prints some of them,
such as the logo's path, without escaping)."""

from __future__ import annotations

import re

from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from charterkit.format.rules import is_language_tag

__all__ = ["LanguageTag", "SitePath"]

_SEGMENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]*")


class SitePath(c.Type[str]):
    """A path inside the site, such as ``assets/logo.svg``: letters, digits, ``. _ -`` and ``/`` between
    parts; no ``..``, no address (``https:``, ``javascript:``), no quotes or spaces."""

    def __init__(self, *, example: str, suffixes: tuple[str, ...] = (), default: str | None = None) -> None:
        super().__init__(str, default=default)
        self.example = example
        self.suffixes = suffixes

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        parts = text.strip("/").split("/")
        ok = all(_SEGMENT.fullmatch(part) and set(part) != {"."} for part in parts)
        if not ok or (self.suffixes and not text.lower().endswith(self.suffixes)):
            kinds = f" ending in {', '.join(self.suffixes)}" if self.suffixes else ""
            raise ValidationError(
                f"{text!r} is not a path inside the site{kinds}. Use letters, digits, dots, hyphens, "
                f"underscores and / only, such as {self.example}."
            )
        return text.strip("/")


class LanguageTag(c.Type[str]):
    """A language tag such as ``en-GB`` or ``cy``."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not is_language_tag(text):
            raise ValidationError(
                f"{text!r} is not a language tag. Use a tag such as en-GB, cy (Welsh) or pl (Polish)."
            )
        return text
