"""Where a pydantic error points in the charter format: the model and field at a path, and names for values.

The message functions (:mod:`charterkit.load.model_messages`) and the loader use these to speak of the
editor's file rather than of Python types.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from charterkit.format.model import Charter

__all__ = [
    "allowed_fields",
    "clean_loc",
    "describe_kind",
    "field_at",
    "inner_model",
    "model_at",
    "suggest_field",
    "yaml_reads",
]


def describe_kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if value is None:
        return "nothing"
    return "text"


def model_at(loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class whose fields are allowed at ``loc`` (for did-you-mean on unknown keys)."""
    model: type[BaseModel] | None = Charter
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        model = inner_model(info.annotation)
    return model


def field_at(loc: Sequence[str | int]) -> FieldInfo | None:
    """The declaration of the field at ``loc``, if ``loc`` ends in a field name."""
    if not loc or not isinstance(loc[-1], str):
        return None
    model = model_at(loc[:-1])
    return model.model_fields.get(loc[-1]) if model else None


def inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return inner_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = inner_model(arg)
            if found is not None:
                return found
    return None


_PSEUDO_STEP = re.compile(r"[a-z][a-z-]*\[.*\]")


def clean_loc(loc: Sequence[str | int], data: Any) -> tuple[str | int, ...]:
    """``loc`` without the pseudo-steps pydantic adds for validators (``function-after[_check_date(), str]``).

    The data decides: a step that is a key in it stays, whatever characters an editor put in the key.
    """
    out: list[str | int] = []
    node = data
    for part in loc:
        in_data = (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        )
        if in_data:
            node = node[part]
        elif isinstance(part, str) and _PSEUDO_STEP.fullmatch(part):
            continue
        else:
            node = None
        out.append(part)
    return tuple(out)


def suggest_field(name: str, loc: Sequence[str | int]) -> str | None:
    """The allowed field an unknown field name at ``loc`` was probably meant to be."""
    model = model_at(loc)
    allowed = list(model.model_fields) if model else []
    close = difflib.get_close_matches(name.lower().replace("-", "_"), allowed, n=1, cutoff=0.6)
    return close[0] if close else None


def allowed_fields(loc: Sequence[str | int]) -> list[str]:
    model = model_at(loc)
    return list(model.model_fields) if model else []


def yaml_reads(raw: str, value: Any) -> str:
    """How YAML read a value the editor meant as text: ``YAML reads yes as true or false``."""
    what = (
        "true or false"
        if isinstance(value, bool)
        else "a number"
        if isinstance(value, int | float)
        else "a value"
    )
    return f"YAML reads {raw} as {what}, not as text"
