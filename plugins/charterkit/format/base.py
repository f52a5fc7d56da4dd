"""How every model of the charter format is configured: one setting, used by each model module."""

from __future__ import annotations

from pydantic import ConfigDict

__all__ = ["MODEL_CONFIG"]

MODEL_CONFIG = ConfigDict(extra="forbid", frozen=True, strict=True, use_attribute_docstrings=True)
"""Strict, frozen, and refusing unknown fields; each field's docstring is its description."""
