"""Golden cases: every bad charter in ``bad/`` and the exact report an editor must see for it.

Each ``NNN-name.yml`` is copied alone into a fresh ``charters/`` folder and loaded as the site would
load it; the report must equal ``NNN-name.expected`` line for line. To accept new messages after a
deliberate change, run with ``CHARTERKIT_UPDATE_GOLDEN=1`` and read the diff (see README.md).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from charterkit.errors import CharterError, Problem
from charterkit.load.loader import find_charter_files, load_charters

from tests.conftest import write_charter

BAD = Path(__file__).parent / "bad"
CASES = sorted(BAD.glob("*.yml"))
UPDATE = os.environ.get("CHARTERKIT_UPDATE_GOLDEN") == "1"

# "charters/F.yml:LINE: field.path: what is wrong. How to fix it." (line and field may be absent when
# the problem is the whole file).
PROBLEM_LINE = re.compile(r"^charters/[\w.-]+\.yml(?::[1-9]\d*)?: (?:[\w.\[\]-]+: )?\S.*\. \S.*\S$")
COUNT_LINE = re.compile(r"^\d+ problems? in \d+ charter files?\. Nothing was built\.$")


def load_alone(case: Path, root: Path) -> CharterError:
    """Load ``case`` as the only charter of a project at ``root``; return the error it raises."""
    folder = write_charter(root, case.name, case.read_bytes()).parent
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


def apply_fixes(text: str, problem: Problem) -> list[str]:
    """``text`` with each mechanical fix the problem offers applied: a corrected line, a closing
    bracket, or a rename. A fix offering two ways gives two texts."""
    lines = text.split("\n")
    original = lines[problem.line - 1]
    out: list[str] = []

    def with_line(new: str) -> str:
        return "\n".join([*lines[: problem.line - 1], new, *lines[problem.line :]])

    if " quotes: " in problem.fix:
        corrected = problem.fix.split(" quotes: ", 1)[1]
        # The corrected line starts at the field name (or at "- "): keep what comes before it.
        anchor = corrected.split(" ", 1)[0]
        at = original.find(anchor)
        out.append(with_line(original[:at] + corrected if at >= 0 else corrected))
    if closer := re.match(r"Add the ([\]}]) where", problem.fix):
        out.append(with_line(original + closer.group(1)))
    if rename := re.fullmatch(r'Did you mean "([\w-]+)"\? Rename it\.', problem.fix):
        key = problem.field.rsplit(".", 1)[-1]
        out.append(with_line(original.replace(key + ":", rename.group(1) + ":", 1)))
    return out


def _offers_mechanical_fix(case: Path) -> bool:
    expected = case.with_suffix(".expected")
    text = expected.read_text(encoding="utf-8") if expected.exists() else ""
    return " quotes: " in text or "Rename it." in text or " where the " in text


FIXABLE = [case for case in CASES if _offers_mechanical_fix(case)]


@pytest.mark.parametrize("case", FIXABLE, ids=lambda p: p.stem)
def test_doing_what_the_fix_says_makes_the_charter_valid(case: Path, tmp_path: Path) -> None:
    error = load_alone(case, tmp_path / "before")
    if len(error.problems) > 1:
        pytest.skip("several problems: each is fixed by hand")
    [problem] = error.problems
    fixed = apply_fixes(case.read_text(encoding="utf-8"), problem)
    assert fixed, problem
    outcomes = []
    for i, text in enumerate(fixed):
        folder = write_charter(tmp_path / f"after-{i}", case.name, text).parent
        try:
            load_charters(find_charter_files(folder), base=folder.parent)
            outcomes.append("valid")
        except CharterError as exc:
            outcomes.append(exc.report())
    assert "valid" in outcomes, outcomes
