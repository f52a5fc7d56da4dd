"""Thousands of randomly damaged charters: each loads or gives located problems, never anything else.

The damage is what hands and editors do: characters deleted, doubled or swapped, and YAML's special
characters typed in odd places. The seed is fixed, so a failure names a case that can be run again.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from charterkit.errors import CharterError
from charterkit.load.loader import find_charter_files, load_charters

from tests.conftest import REPO

SEEDS = sorted((REPO / "charters").glob("*.yml"))
SPECIAL = [*list(":-?[]{},#&*!|>'\"%@`\t\n "), "\\", "  ", "- ", ": ", "\ufeff", "\xa0", "é", "---\n"]
CASES_PER_SEED = 150


def damaged(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(chars))
        action = rng.choice(("delete", "insert", "double", "swap"))
        if action == "delete":
            del chars[at]
        elif action == "insert":
            chars.insert(at, rng.choice(SPECIAL))
        elif action == "double":
            chars.insert(at, chars[at])
        elif at + 1 < len(chars):
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
    return "".join(chars)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_damaged_charters_never_crash_the_loader(seed: Path, tmp_path: Path) -> None:
    rng = random.Random(seed.name)
    text = seed.read_text(encoding="utf-8")
    folder = tmp_path / "charters"
    folder.mkdir()
    path = folder / seed.name
    failures = 0
    for case in range(CASES_PER_SEED):
        path.write_text(damaged(text, rng), encoding="utf-8")
        try:
            load_charters(find_charter_files(folder), base=tmp_path)
        except CharterError as exc:
            failures += 1
            for problem in exc.problems:
                assert problem.message and problem.fix, (case, problem)
                assert "\n" not in str(problem), (case, problem)
                assert problem.file == f"charters/{seed.name}", (case, problem)
        except Exception as exc:  # the point of the test: anything else is a crash an editor would see
            pytest.fail(
                f"case {case} of {seed.name} crashed the loader: {type(exc).__name__}: {exc}\n"
                f"{path.read_text(encoding='utf-8')}"
            )
    assert failures > CASES_PER_SEED // 10, "the damage should break many of the charters"
