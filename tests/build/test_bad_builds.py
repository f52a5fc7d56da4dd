"""A bad charter stops ``mkdocs build`` before it writes anything: the last good site stays as it was.

Each test starts from a project whose ``site/`` holds a good build, breaks it the way a pull request
might, builds again, and checks what an editor and a reader would see: a non-zero exit, the problem in
plain words, no traceback, and not one file of the old site written, changed or deleted.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, BuildResult, make_project, run_build

Snapshot = dict[str, tuple[int, str]]


def snapshot(site: Path) -> Snapshot:
    """Every file under ``site``: its modification time (ns) and a hash of its bytes."""
    return {
        p.relative_to(site).as_posix(): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with two valid charters and a good build in ``site/``."""
    root = tmp_path_factory.mktemp("good")
    project = make_project(
        root, {"alpha.yml": MINIMAL, "beta.yml": MINIMAL.replace("A test charter", "Beta")}
    )
    result = run_build(project)
    assert result.returncode == 0, result.output
    return project


@pytest.fixture
def project(good_project: Path, tmp_path: Path) -> Path:
    """A copy of the good project, site included, with file times kept."""
    copy = tmp_path / "project"
    shutil.copytree(good_project, copy, symlinks=True)
    return copy


def build_must_fail(project: Path, *lines: str) -> BuildResult:
    before = snapshot(project / "site")
    assert before, "the good build wrote a site"
    result = run_build(project)
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    for line in lines:
        assert line in result.output.splitlines(), result.output
    assert snapshot(project / "site") == before, "the old site must be left exactly as it was"
    return result


def test_a_yaml_syntax_error(project: Path) -> None:
    path = project / "charters" / "beta.yml"
    path.write_text(path.read_text().replace("title: Beta", "title: Our aim: working together"))
    build_must_fail(
        project,
        "charters/beta.yml:1: a colon followed by a space in this text makes YAML read it as a new field. "
        'Put the whole text in double quotes: title: "Our aim: working together"',
        "1 problem in 1 charter file. Nothing was built.",
    )


def test_an_unknown_key_and_a_problem_in_another_file(project: Path) -> None:
    alpha = project / "charters" / "alpha.yml"
    alpha.write_text(alpha.read_text().replace("summary:", "sumary:"))
    beta = project / "charters" / "beta.yml"
    beta.write_text(beta.read_text().replace("[listening]", "[listenning]"))
    build_must_fail(
        project,
        'charters/alpha.yml:2: sumary: "sumary" is not a field here. Did you mean "summary"? Rename it.',
        'charters/beta.yml:12: sections[0].principles[0].themes[0]: "listenning" is not one of the '
        'co-production themes. Did you mean "listening"? The themes are listed on the site\'s format page '
        "and in charterkit/data/themes.yml.",
        "2 problems in 2 charter files. Nothing was built.",
    )


def test_a_duplicate_slug(project: Path) -> None:
    (project / "charters" / "gamma.yml").write_text(MINIMAL + "slug: alpha\n")
    build_must_fail(
        project,
        'charters/gamma.yml:21: slug: "alpha" is also used by charters/alpha.yml. '
        "Give one of the charters a different slug (or rename its file).",
    )


def test_a_slug_that_would_overwrite_an_index_page(project: Path) -> None:
    (project / "charters" / "by-sector.yml").write_text(MINIMAL)
    build_must_fail(
        project,
        'charters/by-sector.yml:1: slug: "by-sector" is already used by one of the site\'s own pages. '
        "Give the charter a different slug (such as slug: by-sector-charter), or rename its file.",
    )


def test_a_file_that_is_not_utf8(project: Path) -> None:
    text = MINIMAL.replace("Text by the test suite.", "Text © Test Council.")
    (project / "charters" / "gamma.yml").write_bytes(text.encode("cp1252"))
    build_must_fail(
        project,
        "charters/gamma.yml:6: the file is not saved as UTF-8 text (the first wrong byte is on this line). "
        'Save it again with the encoding "UTF-8".',
    )


def test_a_link_out_of_the_project(project: Path) -> None:
    outside = project.parent / "outside.yml"
    outside.write_text(MINIMAL)
    (project / "charters" / "gamma.yml").symlink_to(outside)
    build_must_fail(
        project,
        "charters/gamma.yml: is a link to a file outside the charters folder. "
        "Replace the link with the charter file itself.",
    )


@pytest.mark.parametrize("where", ["../elsewhere", "/tmp", "charters/../../elsewhere"])
def test_charters_dir_outside_the_project(project: Path, where: str) -> None:
    (project.parent / "elsewhere").mkdir(exist_ok=True)
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "charters_dir: charters\n" in text
    config.write_text(text.replace("charters_dir: charters\n", f"charters_dir: {where}\n"))
    result = build_must_fail(project)
    assert (
        f"charterkit: charters_dir ({where}) leads outside the project folder. Keep the charters in a "
        "folder next to mkdocs.yml, such as charters_dir: charters."
    ) in result.output


def test_a_charters_folder_that_is_a_link_out_of_the_project(project: Path) -> None:
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    shutil.move(project / "charters", elsewhere / "charters")
    os.symlink(elsewhere / "charters", project / "charters")
    result = build_must_fail(project)
    assert "charterkit: charters_dir (charters) leads outside the project folder." in result.output


def test_the_good_project_still_builds(project: Path) -> None:
    # The copies above are broken on purpose; this shows the copy itself was sound.
    result = run_build(project)
    assert result.returncode == 0, result.output
