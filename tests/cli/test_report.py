"""``charterkit report``: the readability report in the terminal, as Markdown, and as a job summary."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from charterkit.load.loader import find_charter_files, load_charters
from charterkit.readability.report import report_markdown
from charterkit.readability.scoring import DEFAULT_TARGETS, score_charter

from tests.cli.conftest import Run
from tests.conftest import MINIMAL, REPO

TITLES = [
    "Coproduction principles",
    "The Collaborative Partnership Board Co-Production Charter",
    "Co-production Charter",
]


def _seed_markdown() -> str:
    charters = load_charters(find_charter_files(REPO / "charters"), base=REPO)
    scores = sorted((score_charter(c, DEFAULT_TARGETS) for c in charters), key=lambda s: s.title.lower())
    return report_markdown(scores, DEFAULT_TARGETS)


def test_terminal_report_has_what_the_page_has(cli: Callable[..., Run]) -> None:
    result = cli("report", cwd=REPO)
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("Readability report: 5 charters\n")
    assert "All charters compared" in out
    for title in TITLES:
        assert title in out
    assert out.count("Longest sentences:") >= 10  # standard and easy read of each charter
    assert "Words to avoid:" in out and "Hard words" in out
    assert "(accepted) sections" in out  # text over target, accepted as published
    assert "#" not in out.split("\n", 1)[0]  # plain text, not Markdown


def test_markdown_report_is_the_sites_report(cli: Callable[..., Run]) -> None:
    result = cli("report", "--format", "markdown", cwd=REPO)
    assert result.code == 0
    assert result.out == _seed_markdown()


def test_output_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = cli("report", "--output", str(out), cwd=REPO)
    assert result.code == 0
    assert out.read_text(encoding="utf-8") == _seed_markdown()
    text = tmp_path / "report.txt"
    assert cli("report", "--format", "text", "--output", str(text), cwd=REPO).code == 0
    assert text.read_text(encoding="utf-8").startswith("Readability report: 5 charters")


def test_github_step_summary_gets_markdown_and_terminal_gets_text(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("Earlier step's summary\n", encoding="utf-8")
    result = cli("report", cwd=REPO, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.code == 0
    assert result.out.startswith("Readability report: 5 charters")
    assert summary.read_text(encoding="utf-8") == "Earlier step's summary\n" + _seed_markdown()  # appended


def test_broken_charter_means_no_report(cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "charters").mkdir()
    (tmp_path / "charters" / "a.yml").write_text(
        MINIMAL.replace("title: A test charter\n", ""), encoding="utf-8"
    )
    result = cli("report", cwd=tmp_path)
    assert result.code == 1
    assert 'charters/a.yml:1: title: "title" is missing.' in result.out
    assert "No report was made" in result.out


def test_unwritable_output_is_a_usage_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("report", "--output", str(tmp_path / "no" / "such" / "folder" / "r.md"), cwd=REPO)
    assert result.code == 2
    assert "cannot be written" in result.err


def test_help(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("report", "--help", cwd=tmp_path)
    assert result.code == 0
    assert "GITHUB_STEP_SUMMARY" in result.out and "exit codes:" in result.out and "examples:" in result.out
