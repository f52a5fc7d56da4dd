"""How every model of the charter format is configured: one setting, used by each model module."""

from __future__ import annotations

from pydantic import ConfigDict

__all__ = ["MODEL_CONFIG"]

MODEL_CONFIG = ConfigDict(
    extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True, defer_build=True
)
"""Strict, frozen, and refusing unknown fields; each field's docstring is its description. Each model's
checks are built when first used: a build whose charters are all kept loads none, and skips the time."""
