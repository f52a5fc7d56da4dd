"""Each kind of mistake has its own message function (load/model_messages.py), testable alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from charterkit.load.model_messages import MESSAGES, Mistake, explain
from charterkit.load.yamlsource import load_yaml


def mistake(
    tmp_path: Path, write_charter: Callable[..., Path], text: str, error: dict[str, object]
) -> Mistake:
    path = write_charter(tmp_path, "x", text)
    return Mistake(error, load_yaml(path, "charters/x.yml"), "charters/x.yml")


def test_every_kind_has_a_function_and_each_gives_a_fix(
    tmp_path: Path, write_charter: Callable[..., Path]
) -> None:
    m = mistake(tmp_path, write_charter, "title: A title\nnumbered: 3\n", {})
    assert {"missing", "extra_forbidden", "string_type", "bool_type", "literal_error"} <= set(MESSAGES)
    bool_error = {"type": "bool_type", "loc": ("numbered",), "input": 3, "msg": "Input should be a bool"}
    problem = MESSAGES["bool_type"](Mistake(bool_error, m.located, m.file))
    assert str(problem) == (
        "charters/x.yml:2: numbered: expected true or false, found a number (3). "
        "Write numbered: true or numbered: false."
    )


def test_an_empty_value_is_said_to_be_empty_whatever_was_expected(
    tmp_path: Path, write_charter: Callable[..., Path]
) -> None:
    m = mistake(
        tmp_path, write_charter, "title:\n", {"type": "string_type", "loc": ("title",), "input": None}
    )
    assert explain(m).message == "is empty."


def test_an_unknown_kind_still_says_where_and_what_to_do(
    tmp_path: Path, write_charter: Callable[..., Path]
) -> None:
    error: dict[str, object] = {"type": "new_kind", "loc": ("title",), "input": "x", "msg": "Something new"}
    problem = explain(mistake(tmp_path, write_charter, "title: x\n", error))
    assert (problem.line, problem.field, problem.message) == (1, "title", "Something new.")
    assert problem.fix
