"""The JSON Schema of the charter format, generated from the model for editors' tools."""

from __future__ import annotations

import ast
import inspect
import itertools
import textwrap
import typing
from typing import Any

from pydantic import BaseModel

from charterkit.format.model import PENDING, Charter

__all__ = ["SCHEMA_ID", "charter_schema"]

SCHEMA_ID = "https://charterkit.invalid/schema/charter.schema.json"


def charter_schema() -> dict[str, Any]:
    """The schema as a dict (draft 2020-12), with a title and description for editors."""
    schema = _described(Charter.model_json_schema(mode="validation"))
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }
    # "easy_read: pending" is read before the model sees it (Charter._pending_easy_read): say so here.
    easy = schema["properties"]["easy_read"]
    easy["anyOf"] = [*easy.get("anyOf", []), {"const": PENDING}]
    schema["title"] = "Co-production charter"
    schema["description"] = "One co-production charter, as a charterkit YAML file (charters/<name>.yml)."
    return schema


def _described(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with each field's docstring as its description (unless it has one).

    Pydantic would do this for every model class it makes (``use_attribute_docstrings``), reading each
    class's source, which took a tenth of the time a build imports charterkit: the models are made by
    every build and every command, their descriptions wanted only here. Done here the same way: the
    string right after a field's annotated line, cleaned like a docstring (``inspect.cleandoc``)."""
    models = {model.__name__: model for model in _models(Charter)}
    for name, part in [(Charter.__name__, schema), *schema.get("$defs", {}).items()]:
        docs = _field_docs(models[name]) if name in models else {}
        properties = part.get("properties", {})
        for field, value in properties.items():
            if field in docs and "description" not in value:
                properties[field] = dict(sorted({**value, "description": docs[field]}.items()))
    return schema


def _models(model: type[BaseModel], found: set[type[BaseModel]] | None = None) -> set[type[BaseModel]]:
    """``model`` and every model its fields hold, at any depth."""
    found = found if found is not None else set()
    found.add(model)
    for info in model.model_fields.values():
        for inner in _types_in(info.annotation):
            if isinstance(inner, type) and issubclass(inner, BaseModel) and inner not in found:
                _models(inner, found)
    return found


def _types_in(annotation: Any) -> list[Any]:
    return [annotation, *(t for arg in typing.get_args(annotation) for t in _types_in(arg))]


def _field_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstring of each field of ``model``, as pydantic takes it: from the last class that
    annotates the field (a class that annotates it again without one leaves it without)."""
    docs: dict[str, str | None] = {}
    for cls in reversed(model.__mro__):
        if issubclass(cls, BaseModel) and cls is not BaseModel:
            own = _own_field_docs(cls)
            docs.update({name: own.get(name) for name in inspect.get_annotations(cls)})
    return {name: doc for name, doc in docs.items() if doc is not None}


def _own_field_docs(cls: type[Any]) -> dict[str, str]:
    """The docstrings of the fields ``cls`` itself writes: a string statement right after an annotated
    name, in the class's own body."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):
        return {}
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for before, statement in itertools.pairwise(body):
        if (
            isinstance(before, ast.AnnAssign)
            and isinstance(before.target, ast.Name)
            and isinstance(statement, ast.Expr)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            docs[before.target.id] = inspect.cleandoc(statement.value.value)
    return docs
