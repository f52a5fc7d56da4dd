"""No module of the package is longer than about 300 lines and no function longer than a screen (50 lines).

A reader should be able to see a whole function at once and find a module's job from its name. The few
files still over a limit are listed below with their size today: each number may only go down, and an
entry must be removed once its file or function fits, so the list can only shrink.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "plugins" / "charterkit"

MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50

LONG_MODULES: dict[str, int] = {}
"""Modules over the limit, with their length today (files other work is splitting)."""

LONG_FUNCTIONS: dict[str, int] = {}
"""Functions over the limit, with their length today (in files other work is splitting)."""


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path.relative_to(PACKAGE).as_posix(), path


def _functions(tree: ast.AST, prefix: str = "") -> Iterator[tuple[str, int]]:
    """Each function and method (nested ones too) by qualified name, with its length in lines."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            yield f"{prefix}{node.name}", node.end_lineno - node.lineno + 1
            yield from _functions(node, f"{prefix}{node.name}.")
        elif isinstance(node, ast.ClassDef):
            yield from _functions(node, f"{prefix}{node.name}.")
        else:
            yield from _functions(node, prefix)


def _module_lengths() -> dict[str, int]:
    return {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in _modules()}


def _function_lengths() -> dict[str, int]:
    out: dict[str, int] = {}
    for name, path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        out.update({f"{name}::{qualname}": size for qualname, size in _functions(tree)})
    return out


def _over(sizes: dict[str, int], limit: int, allowed: dict[str, int]) -> list[str]:
    return [
        f"{name}: {size} lines (limit {limit}{f', listed at {allowed[name]}' if name in allowed else ''})"
        for name, size in sorted(sizes.items())
        if size > max(limit, allowed.get(name, 0))
    ]


def test_no_module_is_over_300_lines() -> None:
    over = _over(_module_lengths(), MAX_MODULE_LINES, LONG_MODULES)
    assert not over, "split these modules by job (one job a module, named for it):\n" + "\n".join(over)


def test_no_function_is_over_a_screen() -> None:
    over = _over(_function_lengths(), MAX_FUNCTION_LINES, LONG_FUNCTIONS)
    assert not over, "split these functions into named steps:\n" + "\n".join(over)


def test_the_list_of_exceptions_only_shrinks() -> None:
    modules, functions = _module_lengths(), _function_lengths()
    fixed = [name for name in LONG_MODULES if modules.get(name, 0) <= MAX_MODULE_LINES]
    fixed += [name for name in LONG_FUNCTIONS if functions.get(name, 0) <= MAX_FUNCTION_LINES]
    assert not fixed, "these now fit (or are gone): remove them from this test's lists:\n" + "\n".join(fixed)


def test_the_walk_finds_methods_and_nested_functions() -> None:
    tree = ast.parse("class A:\n    def m(self):\n        def inner():\n            pass\n")
    assert dict(_functions(tree)) == {"A.m": 3, "A.m.inner": 2}
