"""The JSON Schema (draft 2020-12) of the open data: ``charters.json`` and each charter's own file."""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["opendata_schema"]

_TEXTS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
_MAYBE: dict[str, Any] = {"type": ["string", "null"]}
_DATE: dict[str, Any] = {
    "type": ["string", "null"],
    "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
    "description": "At the precision the source gives: a year, a month or a day.",
}


def _object(description: str, props: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": props,
        "required": sorted(props),
        "additionalProperties": False,
    }


_PRINCIPLE = _object(
    "A principle, with the themes it names.",
    {
        "title": {"type": "string"},
        "id": {"type": "string", "description": "The principle's anchor on the charter's page."},
        "url": {"type": "string"},
        "themes": {"type": "array", "items": {"type": "string"}, "description": "Theme ids."},
        "text": _TEXTS,
        "points": _TEXTS,
        "numbered": {"type": "boolean"},
    },
)

_SECTION = _object(
    "A part of the charter, in the source's order.",
    {
        "title": _MAYBE,
        "kind": {"type": "string"},
        "id": _MAYBE,
        "url": _MAYBE,
        "text": _TEXTS,
        "points": _TEXTS,
        "numbered": {"type": "boolean"},
        "after": _TEXTS,
        "principles": {"type": "array", "items": {"$ref": "#/$defs/principle"}},
        "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
    },
)

_LINK = _object(
    "A file or page the charter comes as. More types may be added: read them by type.",
    {
        "type": {"type": "string", "description": "A media type, such as application/pdf."},
        "url": {"type": "string"},
        "label": {"type": "string"},
    },
)

_CHARTER = _object(
    "One charter: every word of it, where it is on the site, and its formats.",
    {
        "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "title": {"type": "string"},
        "summary": {"type": "string"},
        "organisation": _MAYBE,
        "area": _MAYBE,
        "sector": _MAYBE,
        "published": _DATE,
        "language": {"type": "string"},
        "credit": {"type": "string", "description": "Whose text it is: keep it with any copy."},
        "source": {
            "type": "object",
            "properties": {"title": {"type": "string"}, "url": _MAYBE, "note": _MAYBE},
            "required": ["title"],
        },
        "contact": {"type": ["object", "null"]},
        "url": {"type": "string"},
        "themes": {"type": "array", "items": {"type": "string"}},
        "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}, "minItems": 1},
        "easy_read": {
            "type": ["object", "null"],
            "description": "The easy-read version, as in the charter file.",
            "properties": {"sections": {"type": "array", "minItems": 1}},
        },
        "formats": {"type": "array", "items": {"$ref": "#/$defs/format"}, "minItems": 1},
    },
)

_THEME = _object(
    "A co-production theme.",
    {"id": {"type": "string"}, "label": {"type": "string"}, "definition": {"type": "string"}},
)

_COLLECTION = _object(
    "Every charter on the site.",
    {
        "site": {"type": "string"},
        "terms": {"type": "string"},
        "themes": {"type": "array", "items": {"$ref": "#/$defs/theme"}},
        "charters": {"type": "array", "items": {"$ref": "#/$defs/charter"}},
    },
)


def opendata_schema(schema_url: str = "charters.schema.json") -> dict[str, Any]:
    """The schema; ``charters.json`` is valid against it and a charter's file against
    ``#/$defs/charter`` (the same schema, which the file's ``$ref`` form below names)."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": "Co-production charters: open data",
        **{k: v for k, v in _COLLECTION.items() if k != "description"},
        "description": "charters.json. Each charter's own file follows #/$defs/charter.",
        "$defs": {
            "charter": _CHARTER,
            "section": _SECTION,
            "principle": _PRINCIPLE,
            "format": _LINK,
            "theme": _THEME,
        },
    }
    return copy.deepcopy(schema)  # the caller may change its copy
