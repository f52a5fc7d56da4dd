"""The controlled list of co-production themes, kept in ``data/themes.yml``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

__all__ = ["Theme", "closest_theme", "load_themes"]


@dataclass(frozen=True)
class Theme:
    """A theme: its id as written in charters, a label and a plain definition."""

    id: str
    label: str
    definition: str


@cache
def load_themes() -> dict[str, Theme]:
    """The themes, by id, in the file's order."""
    text = resources.files("charterkit").joinpath("data/themes.yml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    return {key: Theme(key, value["label"], value["definition"]) for key, value in raw.items()}


def closest_theme(value: str) -> str | None:
    """The theme id closest to a misspelt one, matching labels too ("Sharing power" → power-sharing)."""
    themes = load_themes()
    candidates = {t.id: t.id for t in themes.values()}
    candidates.update({t.label.lower(): t.id for t in themes.values()})
    key = value.lower().replace("_", "-").strip()
    match = difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
    if match:
        return candidates[match[0]]
    # A word of a theme ("power" for power-sharing, "voice" for a theme named "... voice"): the first
    # theme with that word, if only one has it.
    words = [t.id for t in themes.values() if key and key in t.id.split("-") + t.label.lower().split()]
    return words[0] if len(words) == 1 else None
