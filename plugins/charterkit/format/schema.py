"""The JSON Schema of the charter format, generated from the model for editors' tools."""

from __future__ import annotations

from typing import Any

from charterkit.format.model import PENDING, Charter

__all__ = ["SCHEMA_ID", "charter_schema"]

SCHEMA_ID = "https://charterkit.invalid/schema/charter.schema.json"


def charter_schema() -> dict[str, Any]:
    """The schema as a dict (draft 2020-12), with a title and description for editors."""
    schema = Charter.model_json_schema(mode="validation")
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
