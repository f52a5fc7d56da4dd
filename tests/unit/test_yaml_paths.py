"""libyaml's fast reading and PyYAML's pure-Python reading accept the same files and build the same tree.

The build reads charters with libyaml (fast) and falls back to pure Python only to explain a mistake, so
the two must agree on which files are valid, and on every value and line of those that are: otherwise a
file would pass the check and then fail the build, or a message would point at another line.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from charterkit.load import yamlcompose, yamlsource

from tests.conftest import REPO
from tests.golden.test_fuzz import damaged

FILES = sorted([*(REPO / "charters").glob("*.yml"), *(REPO / "tests" / "golden" / "bad").glob("*.yml")])

pytestmark = pytest.mark.skipif(yamlcompose.FastComposer is None, reason="PyYAML built without libyaml")


def _tree(node: yaml.Node | None) -> Any:
    if node is None:
        return None
    value: Any = node.value
    if isinstance(node, yaml.MappingNode):
        value = [(_tree(k), _tree(v)) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        value = [_tree(v) for v in node.value]
    # Lines, not columns: messages name lines, and libyaml counts columns after a non-ASCII letter
    # differently.
    return (type(node).__name__, node.tag, value, node.start_mark.line)


def _read(composer: type[Any], text: str) -> Any:
    try:
        loader = composer(text)
    except yaml.YAMLError as exc:
        return ("refused", type(exc).__name__)
    try:
        return _tree(loader.get_single_node())
    except yaml.YAMLError as exc:
        return ("refused", type(exc).__name__)
    finally:
        loader.dispose()


def _agree(text: str) -> None:
    pure = _read(yamlcompose.PureComposer, text)
    if "\t" in text:
        return  # read by pure Python alone (libyaml takes a tab after a colon as a space)
    if yamlcompose.FastComposer is None:  # PyYAML without libyaml: nothing to compare with
        return
    fast = _read(yamlcompose.FastComposer, text)
    if fast is not None and fast[0] == "refused" and re.search(r"\\u[dD][89abAB]", text):
        return  # half a character as an escape: libyaml refuses it, and the build reads it again in Python
    if pure is not None and pure[0] == "refused":
        # The build reads a file libyaml refuses again in pure Python, so only acceptance matters here.
        assert fast[0] == "refused", "libyaml accepts a file PyYAML refuses"
        return
    assert fast == pure


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_fast_and_pure_reading_agree_on_every_shipped_and_golden_file(path: Path) -> None:
    _agree(path.read_text(encoding="utf-8", errors="replace"))


def test_fast_and_pure_reading_agree_on_damaged_charters() -> None:
    rng = random.Random(17)
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "charters").glob("*.yml"))]
    for _ in range(600):
        _agree(damaged(rng.choice(texts), rng))


def test_a_file_libyaml_cannot_read_gets_the_pure_python_message(tmp_path: Path) -> None:
    path = tmp_path / "bad.yml"
    path.write_text('title: "never closed\nsummary: x\n', encoding="utf-8")
    with pytest.raises(Exception) as info:
        yamlsource.load_yaml(path, "bad.yml")
    assert "never closed" in str(info.value)


def test_deep_nesting_is_refused_without_reaching_libyaml_composer(tmp_path: Path) -> None:
    # libyaml's own composer recurses in C and crashes the process on this; ours stops at MAX_DEPTH.
    path = tmp_path / "deep.yml"
    path.write_text("title: " + "[" * 90_000 + "]" * 90_000 + "\n", encoding="utf-8")
    with pytest.raises(Exception) as info:
        yamlsource.load_yaml(path, "deep.yml")
    assert "nests more than" in str(info.value)
