"""Each kind of YAML mistake has its own message, tested alone: the kind is found from PyYAML's error,
and the message names the editor's line and says how to fix it."""

from __future__ import annotations

import pytest
import yaml
from charterkit.load.yamlkinds import KINDS, kind_of
from charterkit.load.yamllines import Failure, Lines, quoted_line
from charterkit.load.yamlmessages import MESSAGES, explain


def _failure(text: str) -> Failure:
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return Failure(Lines("charters/x.yml", text, ("title", "summary")), exc)
    raise AssertionError(f"{text!r} is valid YAML")


def test_every_kind_has_a_message() -> None:
    assert {kind for kind, _ in KINDS} | {"other"} == set(MESSAGES)


@pytest.mark.parametrize(
    ("text", "kind", "line", "words"),
    [
        ("title:\tOurs\n", "tab", 1, "tab"),
        ('title: "Ours\n', "quote_never_closed", 1, "never closed"),
        ("title: [Draft] Ours\n", "block_end", 1, 'title: "[Draft] Ours"'),
        ("title: [Draft, Ours\n", "bracket_never_closed", 1, "never closed with ]"),
        ("title: Ours\nsummary: a: b\n", "colon", 2, "colon followed by a space"),
        ("title: Ours\n---\ntitle: Theirs\n", "second_document", 2, "second charter"),
        ('title: "a \\q"\n', "unknown_escape", 1, "backslash"),
        ("title: Ours\n  summary: x\n", "colon", 2, "indented further"),
    ],
)
def test_kind_and_message(text: str, kind: str, line: int, words: str) -> None:
    failure = _failure(text)
    assert kind_of(failure) == kind
    problem = MESSAGES[kind](failure)
    assert problem.line == line
    assert words in problem.message + problem.fix


def test_explain_uses_the_table() -> None:
    failure = _failure("title:\tOurs\n")
    assert explain(failure.src.file, failure.src.text, (), failure.exc) == MESSAGES["tab"](failure)


def test_a_message_that_fails_still_names_the_line() -> None:
    exc = yaml.YAMLError("no place")
    problem = explain("charters/x.yml", "title: x\n", (), exc)
    assert (problem.line, problem.message) == (1, "this is not valid YAML.")


def test_quoted_line_keeps_the_field_name() -> None:
    assert quoted_line('  - title: say "hi"') == "- title: 'say \"hi\"'"
