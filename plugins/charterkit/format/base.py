"""How every model of the charter format is configured: one setting, used by each model module."""

from __future__ import annotations

from pydantic import ConfigDict

__all__ = ["MODEL_CONFIG"]

MODEL_CONFIG = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)
"""Strict, frozen, and refusing unknown fields. Each field's docstring is its description in the JSON
Schema (:func:`charterkit.format.schema.charter_schema` reads them: pydantic's own reading of them,
``use_attribute_docstrings``, took a tenth of the time charterkit takes to import). Each model's
checks are built when first used: a build whose charters are all kept loads none, and skips the time."""
