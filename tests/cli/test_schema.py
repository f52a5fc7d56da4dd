"""``charterkit schema``: the committed JSON Schema is the one the format makes, and the site publishes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from charterkit.cli.schema import schema_text
from charterkit.format.schema import charter_schema

from tests.cli.conftest import Run
from tests.conftest import REPO


def test_committed_schema_is_up_to_date(cli: Callable[..., Run]) -> None:
    committed = REPO / "schema" / "charter.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(), (
        "schema/charter.schema.json is out of date: run `charterkit schema --write`"
    )
    result = cli("schema", "--check", cwd=REPO)
    assert result.code == 0
    assert result.out == "schema/charter.schema.json is up to date.\n"


def test_every_charter_points_its_editor_at_the_schema() -> None:
    for path in sorted((REPO / "charters").glob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/charter.schema.json", path.name
    assert (REPO / "charters" / "../schema/charter.schema.json").resolve().is_file()


def test_print_write_check(cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    printed = cli("schema", cwd=tmp_path)
    assert printed.code == 0
    assert json.loads(printed.out) == charter_schema()

    missing = cli("schema", "--check", cwd=tmp_path)
    assert missing.code == 1
    assert "is missing. Run: charterkit schema --write" in missing.out

    assert cli("schema", "--write", cwd=tmp_path).code == 0
    written = tmp_path / "schema" / "charter.schema.json"
    assert written.read_text(encoding="utf-8") == schema_text()
    assert cli("schema", "--check", cwd=tmp_path).code == 0

    written.write_text("{}\n", encoding="utf-8")
    stale = cli("schema", "--check", cwd=tmp_path)
    assert stale.code == 1
    assert "out of date" in stale.out


def test_write_and_check_together_is_a_usage_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("schema", "--write", "--check", cwd=tmp_path)
    assert result.code == 2
    assert "not allowed with" in result.err


def test_every_subcommand_has_help(cli: Callable[..., Run], tmp_path: Path) -> None:
    for sub in ("new", "check", "report", "schema"):
        result = cli(sub, "--help", cwd=tmp_path)
        assert result.code == 0, sub
        assert "examples:" in result.out and "exit codes:" in result.out, sub
    top = cli("--help", cwd=tmp_path)
    assert top.code == 0
    for sub in ("new", "check", "report", "schema"):
        assert sub in top.out
    bare = cli(cwd=tmp_path)
    assert bare.code == 2
    assert "usage: charterkit" in bare.err


def test_every_field_of_the_schema_is_described_from_its_docstring() -> None:
    # The models are made without pydantic reading their source (a tenth of the import time): the
    # schema reads each field's docstring itself, so an editor's tool still explains every field.
    from charterkit.format.model import Charter
    from charterkit.format.schema import charter_schema

    schema = charter_schema()
    parts = [schema, *schema["$defs"].values()]
    undescribed = [
        f"{part.get('title')}.{name}"
        for part in parts
        for name, value in part.get("properties", {}).items()
        if not value.get("description")
    ]
    assert not undescribed
    assert schema["properties"]["title"]["description"] == "The charter's title, as the source gives it."
    assert Charter.model_fields["title"].description is None  # read only when the schema is made


def test_field_docstrings_are_taken_as_pydantic_takes_them() -> None:
    # From the last class that annotates a field: one that annotates it again without a docstring
    # leaves it without, as pydantic's use_attribute_docstrings did.
    from charterkit.format.schema import _field_docs
    from pydantic import BaseModel

    class Parent(BaseModel):
        kept: str
        """From the parent."""
        again: str
        """Also from the parent."""

    class Child(Parent):
        again: str
        own: int
        """The child's own."""

    assert _field_docs(Child) == {"kept": "From the parent.", "own": "The child's own."}
