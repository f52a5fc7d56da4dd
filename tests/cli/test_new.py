"""``charterkit new``: the file an editor starts from, and the path from it to a built page."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from charterkit.cli.new import gather, make_slug
from charterkit.cli.template import Answers, render_template
from charterkit.load.yamlsource import load_yaml

from tests.cli.conftest import Run, run_script
from tests.conftest import REPO, make_project, run_build

FLAGS = [
    "--title",
    "Our co-production charter",
    "--organisation",
    "Example Council",
    "--area",
    "Exampleshire",
    "--sector",
    "Adult social care",
    "--published",
    "2025-06",
]


def fill_in(text: str) -> str:
    """What an editor does: replace every TODO with real words and write the easy-read version."""
    text = re.sub(r'^published: "TODO:[^"]*"', "published: 2025-06", text, flags=re.M)
    text = re.sub(r'"TODO:[^"]*"', '"We will listen to each other."', text)
    head, sep, easy = text.partition("# easy_read:\n")
    assert sep, "the template has a commented-out easy-read example"
    return head + re.sub(r"^# ?", "", sep + easy, flags=re.M)


def _project(tmp_path: Path) -> Path:
    project = make_project(tmp_path)
    for f in (project / "charters").glob("*"):
        f.unlink()
    return project


def test_new_then_check_then_build(tmp_path: Path) -> None:
    project = _project(tmp_path)
    made = run_script("new", *FLAGS, cwd=project)
    assert made.code == 0, made.err
    path = project / "charters" / "our-co-production-charter.yml"
    assert path.is_file()
    assert "charters/our-co-production-charter.yml" in made.out

    # Until it is filled in, the check lists every example text left, by line, and fails.
    checked = run_script("check", cwd=project)
    assert checked.code == 1
    todo_lines = [
        i
        for i, line in enumerate(path.read_text().splitlines(), 1)
        if '"TODO:' in line and not line.lstrip().startswith("#")
    ]
    assert len(todo_lines) >= 6
    for line in todo_lines:
        assert re.search(
            rf"^charters/our-co-production-charter\.yml:{line}: \S+: still has the example text\. Replace it "
            r"with .+\.$",
            checked.out,
            re.M,
        ), (line, checked.out)
    assert "Replace it with one sentence saying what the charter is" in checked.out
    assert "Found" in checked.out and "problems" in checked.out

    path.write_text(fill_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    checked = run_script("check", cwd=project)
    assert checked.code == 0, checked.out
    assert "no problems found" in checked.out

    built = run_build(project)
    assert built.returncode == 0, built.output
    page = built.html("charters/our-co-production-charter/")
    assert "Our co-production charter" in page
    assert "We will listen to each other." in page


def test_flags_fill_the_fields_and_modeline_points_at_the_schema(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert run_script("new", *FLAGS, "--slug", "exampleshire", cwd=project).code == 0
    text = (project / "charters" / "exampleshire.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/charter.schema.json"
    data = load_yaml(project / "charters" / "exampleshire.yml").data
    assert data["title"] == "Our co-production charter"
    assert data["organisation"] == "Example Council"
    assert data["area"] == "Exampleshire"
    assert data["sector"] == "Adult social care"
    assert data["published"] == "2025-06"


def test_every_field_is_explained_by_a_comment_above_it() -> None:
    lines = render_template(Answers()).splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):  # every top-level field
            above = lines[i - 1]
            assert above.startswith("#"), f"{line!r} has no comment above it"
    for field in (
        "title",
        "summary",
        "organisation",
        "area",
        "sector",
        "published",
        "language",
        "source",
        "credit",
        "sections",
    ):
        assert re.search(rf"^{field}:", "\n".join(lines), re.M), field
    for optional in ("contact:", "easy_read:", "url:", "note:", "points:"):
        assert f"# {optional}" in "\n".join(lines)


def test_output_folder_gets_a_modeline_relative_to_the_schema(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = run_script("new", "--title", "A charter", "--output", "drafts/2025", cwd=project)
    assert result.code == 0, result.err
    text = (project / "drafts" / "2025" / "a-charter.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/charter.schema.json\n")


def test_never_overwrites(tmp_path: Path) -> None:
    project = _project(tmp_path)
    existing = project / "charters" / "ours.yml"
    existing.write_text("title: mine\n", encoding="utf-8")
    result = run_script("new", *FLAGS, "--slug", "ours", cwd=project)
    assert result.code == 2
    assert "already exists" in result.err and "--slug" in result.err
    assert "Traceback" not in result.err
    assert existing.read_text(encoding="utf-8") == "title: mine\n"


def test_the_file_is_named_from_the_title_so_a_second_charter_does_not_clash(tmp_path: Path) -> None:
    project = _project(tmp_path)
    assert run_script("new", *FLAGS, cwd=project).code == 0
    assert (project / "charters" / "our-co-production-charter.yml").is_file()
    # The same organisation's second charter with the same title: the organisation's name goes first.
    result = run_script("new", *FLAGS, cwd=project)
    assert result.code == 0, result.err
    assert (project / "charters" / "example-council-our-co-production-charter.yml").is_file()


def test_a_dash_says_the_source_gives_none(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = run_script(
        "new", "--title", "A charter", "--published", "-", "--sector", "-", "--no-input", cwd=project
    )
    assert result.code == 0, result.err
    text = (project / "charters" / "a-charter.yml").read_text(encoding="utf-8")
    assert "# published: (the source gives none)" in text
    assert "# sector: (the source gives none)" in text


def test_a_uk_date_gets_its_iso_form_suggested(tmp_path: Path) -> None:
    result = run_script("new", "--published", "Dec 2013", cwd=_project(tmp_path))
    assert result.code == 2
    assert "Write it as 2013-12" in result.err


def test_the_template_explains_the_shapes_editors_need() -> None:
    text = render_template(Answers())
    for needed in (
        "numbered:",
        "sections:   parts inside this part",
        "- name:",
        "- missing:",
        "title_missing: true",
        "# readability:",
        "accept_over_target: [standard]",
        "# easy_read: pending",
        "# organisations:",
        "# subtitle:",
        "# updated:",
        "# as_published: false",
    ):
        assert needed in text, needed


def test_no_terminal_never_waits_for_answers(tmp_path: Path) -> None:
    project = _project(tmp_path)
    result = run_script("new", cwd=project, stdin="")
    assert result.code == 0, result.err
    text = (project / "charters" / "new-charter.yml").read_text(encoding="utf-8")
    assert 'title: "TODO:' in text


@pytest.mark.parametrize(("date", "message"), [("2025-13", "no month 13"), ("June 2025", "not a date")])
def test_a_wrong_date_is_a_usage_error(tmp_path: Path, date: str, message: str) -> None:
    result = run_script("new", "--published", date, cwd=_project(tmp_path))
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err


def test_questions_in_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["Our charter", "-", "Bristol", "", "2025-13", "2025-06"])
    args = argparse.Namespace(title=None, organisation=None, area=None, sector=None, published=None)
    got = gather(args, lambda prompt: next(answers))
    assert got.title == "Our charter"
    assert got.organisation is None and "organisation" in got.omit  # "-": the source names none
    assert got.area == "Bristol"
    assert got.sector is None  # Enter: left as a TODO
    assert got.published == "2025-06"  # asked again after a wrong date
    assert "no month 13" in capsys.readouterr().err
    text = render_template(got)
    assert "# organisation: (the source gives none)" in text
    assert 'sector: "TODO:' in text


def test_help_has_examples_and_exit_codes(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("new", "--help", cwd=tmp_path)
    assert result.code == 0
    assert "examples:" in result.out and "exit codes:" in result.out


def test_the_editors_guide_shows_the_template_as_it_is() -> None:
    guide = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
    assert f"```yaml\n{render_template(Answers())}```" in guide, (
        "docs/editors.md is out of date: paste the output of `charterkit new --print` into its template block"
    )


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Wolverhampton Children & Families", "wolverhampton-children-families"),
        ("Cyngor Sir Ynys Môn", "cyngor-sir-ynys-mon"),
        ("", ""),
    ],
)
def test_slugs(text: str, slug: str) -> None:
    assert make_slug(text) == slug
