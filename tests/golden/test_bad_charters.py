"""Golden cases: every bad charter in ``bad/`` and the exact report an editor must see for it.

Each ``NNN-name.yml`` is copied alone into a fresh ``charters/`` folder and loaded as the site would
load it; the report must equal ``NNN-name.expected`` line for line. To accept new messages after a
deliberate change, run with ``CHARTERKIT_UPDATE_GOLDEN=1`` and read the diff (see README.md).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from charterkit.errors import CharterError
from charterkit.loader import find_charter_files, load_charters

BAD = Path(__file__).parent / "bad"
CASES = sorted(BAD.glob("*.yml"))
UPDATE = os.environ.get("CHARTERKIT_UPDATE_GOLDEN") == "1"

# "charters/F.yml:LINE: field.path: what is wrong. How to fix it." (line and field may be absent when
# the problem is the whole file).
PROBLEM_LINE = re.compile(r"^charters/[\w.-]+\.yml(?::[1-9]\d*)?: (?:[\w.\[\]-]+: )?\S.*\. \S.*\S$")
COUNT_LINE = re.compile(r"^\d+ problems? in \d+ charter files?\. Nothing was built\.$")


def load_alone(case: Path, root: Path) -> CharterError:
    """Load ``case`` as the only charter of a project at ``root``; return the error it raises."""
    folder = root / "charters"
    folder.mkdir()
    shutil.copyfile(case, folder / case.name)
    with pytest.raises(CharterError) as info:
        load_charters(find_charter_files(folder), base=root)
    return info.value


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_charter_gives_its_golden_report(case: Path, tmp_path: Path) -> None:
    report = load_alone(case, tmp_path).report()
    expected = case.with_suffix(".expected")
    if UPDATE:
        expected.write_text(report + "\n", encoding="utf-8")
    assert report.splitlines() == expected.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_every_problem_says_where_what_and_how_to_fix(case: Path, tmp_path: Path) -> None:
    error = load_alone(case, tmp_path)
    *problems, count = error.report().splitlines()
    assert COUNT_LINE.match(count), count
    for line, problem in zip(problems, error.problems, strict=True):
        assert PROBLEM_LINE.match(line), line
        assert problem.message and problem.fix, line
        assert "Traceback" not in line and "<" not in problem.fix.replace("<script>", ""), line


def test_the_corpus_is_complete() -> None:
    expected = sorted(BAD.glob("*.expected"))
    assert [p.stem for p in expected] == [p.stem for p in CASES], "every case needs its .expected file"
    assert len(CASES) >= 60
    numbers = [p.name[:3] for p in CASES]
    assert numbers == [f"{i:03d}" for i in range(1, len(CASES) + 1)], "cases are numbered 001, 002, ..."
