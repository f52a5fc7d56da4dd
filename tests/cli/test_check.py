"""``charterkit check``: plain messages on the right lines, GitHub annotations, exit codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from charterkit.cli.annotations import annotation, escape_data, escape_property

from tests.cli.conftest import Run, run_script
from tests.conftest import MINIMAL, REPO, run_build, write_charter

BROKEN = """\
title: A broken charter
summary: "A charter with: many problems, 100% of them on purpose"
sector: Testing
published: 2025-13
organisaton: Example Council
source:
  title: A test document
  url: www.example.org
credit: Text by the test suite.
sections:
  - title: Our principles
    kind: principles
    principles:
      - title: Listening
        themes: [listen]
        text:
          - We will listen to each other.
easy_read:
  sections:
    - heading: Our promise
      points:
        - text: We will listen to you.
          picture: material/ear-hear
"""
"""Five problems, on lines 4, 5, 8, 15 and 23 (the lines an editor would be sent to)."""

BROKEN_LINES = {
    4: "published",
    5: "organisaton",
    8: "source.url",
    15: "sections[0].principles[0].themes[0]",
    23: "easy_read.sections[0].points[0].picture",
}

LONG_EASY_READ = MINIMAL.replace(
    "We will listen to you.",
    "We will listen to you and we will always make sure that everyone in every meeting is heard.",
)


AS_PUBLISHED = (
    MINIMAL.replace(
        "          - We will listen to each other.",
        "          - We will listen to each other and we will make sure that the people who use our services and "
        "their families and carers are part of every meeting we hold about them.",
    )
    + "readability:\n  accept_over_target: [standard]\n  reason: Text as published.\n"
)


def _project(tmp_path: Path, charters: dict[str, str], mkdocs_yml: str | None = None) -> Path:
    project = tmp_path / "site"
    for name, text in charters.items():
        write_charter(project, name, text)
    (project / "charters").mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(
        mkdocs_yml if mkdocs_yml is not None else (REPO / "mkdocs.yml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return project


def test_the_real_charters_pass(cli: Callable[..., Run]) -> None:
    result = cli("check", cwd=REPO)
    assert result.code == 0, result.out
    assert "Checked 5 charter files: no problems found." in result.out
    assert "reproduced as published" in result.out  # the seeds record accepted readability
    assert not result.annotations


def test_a_broken_file_names_each_line(cli: Callable[..., Run], tmp_path: Path) -> None:
    project = _project(tmp_path, {"ok.yml": MINIMAL, "broken.yml": BROKEN})
    result = cli("check", cwd=project)
    assert result.code == 1
    for line, field in BROKEN_LINES.items():
        assert re.search(rf"^charters/broken\.yml:{line}: {re.escape(field)}: .+", result.out, re.M), field
    assert "charters/ok.yml" not in result.out
    assert 'Did you mean "organisation"?' in result.out
    assert "Found 5 problems in 1 of 2 charter files." in result.out
    assert not result.annotations  # not in GitHub Actions


def test_github_actions_annotations_name_the_lines(cli: Callable[..., Run], tmp_path: Path) -> None:
    project = _project(tmp_path, {"broken.yml": BROKEN})
    result = cli("check", "charters/broken.yml", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.code == 1
    plain = [line for line in result.lines if line.startswith("charters/broken.yml:")]
    assert len(plain) == len(BROKEN_LINES)  # the plain lines are printed too
    assert len(result.annotations) == len(BROKEN_LINES)
    for note, (line, field) in zip(result.annotations, sorted(BROKEN_LINES.items()), strict=True):
        assert note.startswith(
            f"::error file=charters/broken.yml,line={line},title=Charter check::{field}: "
        ), note
    assert any(
        n.endswith('"organisaton" is not a field here. Did you mean "organisation"? Rename it.')
        for n in result.annotations
    )


def test_annotation_paths_are_relative_to_the_repository(cli: Callable[..., Run], tmp_path: Path) -> None:
    # A site kept in a sub-folder of the repository: GitHub needs the path from the repository's root.
    project = _project(tmp_path, {"broken.yml": BROKEN})
    result = cli("check", "--format", "github", cwd=project, env={"GITHUB_WORKSPACE": str(tmp_path)})
    assert result.annotations[0].startswith("::error file=site/charters/broken.yml,line=4,")


def test_format_github_outside_actions(cli: Callable[..., Run], tmp_path: Path) -> None:
    project = _project(tmp_path, {"broken.yml": BROKEN})
    assert len(cli("check", "--format", "github", cwd=project).annotations) == len(BROKEN_LINES)
    assert not cli("check", "--format", "text", cwd=project, env={"GITHUB_ACTIONS": "true"}).annotations


def test_syntax_error_points_at_its_line(cli: Callable[..., Run], tmp_path: Path) -> None:
    text = MINIMAL.replace("summary: A charter used in tests.", "summary: Our aim: working together")
    project = _project(tmp_path, {"colon.yml": text})
    result = cli("check", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.code == 1
    assert re.search(r"^charters/colon\.yml:2: .*colon.* double quotes", result.out, re.M), result.out
    assert result.annotations[0].startswith("::error file=charters/colon.yml,line=2,title=Charter check::")
    assert "double quotes" in result.annotations[0]


def test_readability_targets_from_mkdocs_yml(cli: Callable[..., Run], tmp_path: Path) -> None:
    project = _project(tmp_path, {"long.yml": LONG_EASY_READ})
    result = cli("check", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.code == 1
    line = (
        LONG_EASY_READ.splitlines().index(
            "        - text: We will listen to you and we will always make sure that everyone in every meeting is "
            "heard."
        )
        + 1
    )
    assert re.search(
        rf"^charters/long\.yml:{line}: easy_read\.sections\[0\]\.points\[0\]\.text: a sentence has 18 "
        r"words \(target: at most 15\)",
        result.out,
        re.M,
    ), result.out
    assert result.annotations[0].startswith(
        f"::error file=charters/long.yml,line={line},title=Readability target::"
    )
    assert cli("check", "--no-targets", cwd=project).code == 0

    # The same limits as the build: raise the easy-read limit in mkdocs.yml and the charter passes.
    config = (
        (REPO / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace(
            "  - charterkit/readability\n",
            "  - charterkit/readability:\n      easy_read:\n        max_sentence_words: 20\n        max_reading_age: 20\n",
        )
    )
    assert "max_sentence_words: 20" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert cli("check", cwd=project).code == 0


def test_accepted_text_is_a_notice_not_an_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    project = _project(tmp_path, {"published.yml": AS_PUBLISHED})
    result = cli("check", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.code == 0, result.out
    assert [a for a in result.annotations if a.startswith("::error")] == []
    notices = [a for a in result.annotations if a.startswith("::notice")]
    assert len(notices) == 1
    line = AS_PUBLISHED.splitlines().index("readability:") + 1
    assert notices[0].startswith(
        f"::notice file=charters/published.yml,line={line},title=Readability (accepted)::"
    )
    assert "Text as published." in notices[0]
    verbose = cli("check", "--verbose", cwd=project)
    assert "(accepted: text as published)" in verbose.out


def test_missing_easy_read_follows_the_site_setting(cli: Callable[..., Run], tmp_path: Path) -> None:
    plain = MINIMAL.split("easy_read:")[0]
    project = _project(tmp_path, {"plain.yml": plain})
    result = cli("check", cwd=project)
    assert result.code == 1
    assert "charters/plain.yml:1: easy_read: this charter has no easy-read version" in result.out
    config = (
        (REPO / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace(
            "      charters_dir: charters\n",
            "      charters_dir: charters\n      missing_easy_read: ignore\n",
        )
    )
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    assert cli("check", cwd=project).code == 0


def test_duplicate_slug_is_found_when_checking_one_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    project = _project(tmp_path, {"a.yml": MINIMAL, "b.yml": "slug: a\n" + MINIMAL})
    result = cli("check", "charters/b.yml", cwd=project)
    assert result.code == 1
    assert 'charters/b.yml:1: slug: "a" is also used by charters/a.yml.' in result.out
    result = cli("check", "charters/a.yml", cwd=project)
    assert 'charters/a.yml:1: slug: "a" is also used by charters/b.yml.' in result.out


def test_missing_file_is_a_usage_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    project = _project(tmp_path, {"a.yml": MINIMAL})
    result = cli("check", "charters/nope.yml", cwd=project)
    assert result.code == 2
    assert result.err.strip() == (
        "charterkit: charters/nope.yml: no such file. Give a charter file (.yml) or a folder of them."
    )


def test_broken_mkdocs_yml_is_a_usage_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    project = _project(
        tmp_path,
        {"a.yml": MINIMAL},
        mkdocs_yml="plugins:\n  - charterkit/readability:\n"
        "      standard:\n        max_sentence_words: many\n",
    )
    result = cli("check", cwd=project)
    assert result.code == 2
    assert "max_sentence_words: expected a whole number of words, such as 15, but found 'many'." in result.err


BAD_TARGETS = [
    ("easy_read", "max_sentence_words", 0, "0 is too small: a sentence has at least 1 word"),
    ("standard", "max_sentence_words", -5, "-5 is too small: a sentence has at least 1 word"),
    ("easy_read", "max_reading_age", 0, "0 is not a reading age: write a number of years above 0"),
    ("standard", "max_reading_age", -2.5, "-2.5 is not a reading age: write a number of years above 0"),
]


def _with_target(variant: str, option: str, value: object) -> Callable[[dict[str, Any]], None]:
    def edit(config: dict[str, Any]) -> None:
        plugins = config["plugins"]
        index = next(
            i
            for i, p in enumerate(plugins)
            if p == "charterkit/readability" or (isinstance(p, dict) and "charterkit/readability" in p)
        )
        plugins[index] = {"charterkit/readability": {variant: {option: value}}}

    return edit


@pytest.mark.parametrize(("variant", "option", "value", "message"), BAD_TARGETS)
def test_impossible_targets_are_refused_plainly_by_the_check_and_the_build(
    cli: Callable[..., Run],
    project_factory: Callable[..., Path],
    variant: str,
    option: str,
    value: object,
    message: str,
) -> None:
    project = project_factory({"a.yml": MINIMAL}, config=_with_target(variant, option, value))
    result = cli("check", cwd=project)
    assert result.code == 2, result.out + result.err
    assert result.err.startswith(
        f"charterkit: mkdocs.yml: plugins.charterkit/readability.{variant}.{option}: {message}"
    ), result.err
    assert "internal error" not in result.err
    build = run_build(project)
    assert build.returncode != 0
    assert (
        f"Plugin 'charterkit/readability' option '{variant}': Sub-option '{option}': {message}"
        in build.output
    ), build.output
    assert "Traceback" not in build.output


def test_the_build_keeps_targets_as_written() -> None:
    # The readability report prints the target: "reading age 12 or under", never "12.0".
    from charterkit.mkdocs.readability.config import ReadingAge, SentenceWords

    assert repr(ReadingAge().run_validation(12)) == "12"
    assert ReadingAge().run_validation(8.5) == 8.5
    assert SentenceWords().run_validation(1) == 1


def test_the_smallest_possible_targets_are_accepted(cli: Callable[..., Run], tmp_path: Path) -> None:
    config = (
        (REPO / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace(
            "  - charterkit/readability\n",
            "  - charterkit/readability:\n      easy_read:\n        max_sentence_words: 1\n        max_reading_age: 0.5\n",
        )
    )
    project = _project(tmp_path, {"a.yml": MINIMAL}, mkdocs_yml=config)
    result = cli("check", cwd=project)
    assert result.code == 1  # every easy-read sentence is over these targets: problems, not a crash
    assert "target: at most 1)" in result.out


def test_mkdocs_tags_and_a_sub_folder(cli: Callable[..., Run], tmp_path: Path) -> None:
    config = (
        "site_name: !ENV [SITE_NAME, Charters]\nsite_url: !ENV CHARTERKIT_SITE_URL\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - charterkit/charters:\n      charters_dir: content/charters\n  - charterkit/readability\n"
    )
    project = tmp_path / "site"
    (project / "content" / "charters").mkdir(parents=True)
    (project / "content" / "charters" / "a.yml").write_text(MINIMAL, encoding="utf-8")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = cli("check", cwd=project / "content")  # mkdocs.yml is found in the folder above
    assert result.code == 0, result.out + result.err
    assert "Checked 1 charter file: no problems found." in result.out


def test_internal_errors_say_so_without_a_traceback(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import charterkit.cli.check as check

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(check, "check_files", boom)
    result = cli("check", cwd=_project(tmp_path, {"a.yml": MINIMAL}))
    assert result.code == 3
    assert result.err.startswith("charterkit: internal error (RuntimeError: boom).")
    assert "Traceback" not in result.err


def test_help_documents_the_exit_codes(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("check", "--help", cwd=tmp_path)
    assert result.code == 0
    for code in ("0  every charter is fine", "1  problems were found", "2  the command could not run"):
        assert code in result.out
    assert "examples:" in result.out


def test_installed_script_in_actions(tmp_path: Path) -> None:
    project = _project(tmp_path, {"broken.yml": BROKEN})
    result = run_script("check", cwd=project, env={"GITHUB_ACTIONS": "true"})
    assert result.code == 1
    assert len(result.annotations) == len(BROKEN_LINES)


def test_workflow_command_escaping() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    assert (
        annotation("error", "x: 50%", file="c/a,b.yml", line=3, title="T: t")
        == "::error file=c/a%2Cb.yml,line=3,title=T%3A t::x: 50%25"
    )


def test_easy_read_pending_publishes_one_charter_without_easy_read(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    pending = MINIMAL.split("easy_read:")[0] + "easy_read: pending\n"
    project = _project(tmp_path, {"pending.yml": pending})
    result = cli("check", cwd=project)
    assert result.code == 0, result.out


def test_published_text_over_target_is_a_note_that_names_the_line_to_add(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    text = AS_PUBLISHED.split("readability:")[0]
    project = _project(tmp_path, {"published.yml": text})
    result = cli("check", "--format", "github", cwd=project)
    assert result.code == 0, result.out  # information, not an error
    assert "This is the charter's published wording, so keep it word for word" in result.out
    assert "readability: {accept_over_target: [standard], reason: " in result.out
    assert "(information, not an error)" in result.out
    assert "Split it into shorter sentences" not in result.out
    notices = [a for a in result.annotations if a.startswith("::notice")]
    assert any("title=Readability (published text)" in n for n in notices)


def test_a_sector_nearly_like_another_charters_gets_did_you_mean(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    near = MINIMAL.replace("sector: Testing", "sector: Testng")
    project = _project(
        tmp_path, {"a.yml": MINIMAL, "b.yml": MINIMAL.replace("A test", "B test"), "c.yml": near}
    )
    result = cli("check", cwd=project)
    assert result.code == 1
    assert 'charters/c.yml:3: sector: "Testng" is nearly the same as "Testing"' in result.out
    assert 'Did you mean "Testing"?' in result.out


def test_a_letter_no_pdf_font_has_fails_the_check_as_it_fails_the_strict_build(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """``check`` passed a CJK letter that then failed the strict build on an empty box in the PDFs; now it
    reports it, in the build's words (tests/pdf/test_build.py checks the build's), when the site makes PDFs."""
    text = MINIMAL.replace("We will listen to each other.", "We will listen to each other (中).")
    project = _project(tmp_path, {"alpha.yml": text})
    result = cli("check", cwd=project, env={"CHARTERKIT_PDF": ""})
    assert result.code == 1
    assert (
        "charters/alpha.yml:14: sections[0].principles[0].text[0]: the PDF fonts cannot show the "
        "character “中” (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D), so the PDFs print an empty box for it. "
        "Write it another way, or add a font that has it" in result.out
    )
    # A site that makes no PDFs has no empty box: the letter shows on the web page. (The braille tables
    # have no sign for it either, so the braille files are off here too.)
    assert cli("check", cwd=project, env={"CHARTERKIT_PDF": "0", "CHARTERKIT_FORMATS": "0"}).code == 0
    # Welsh and other Latin letters are in the fonts: no problem.
    welsh = MINIMAL.replace("We will listen to each other.", "Byddwn yn gwrando ar ein gilydd, ŵ ŷ Ŵ Ŷ.")
    (project / "charters" / "alpha.yml").write_text(welsh, encoding="utf-8")
    assert cli("check", cwd=project, env={"CHARTERKIT_PDF": ""}).code == 0


def test_a_character_braille_cannot_translate_is_found_as_the_build_finds_it(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    text = MINIMAL.replace("We will listen to each other.", "We will listen to each other ☃.")
    project = _project(tmp_path, {"snow.yml": text})
    result = cli("check", cwd=project)
    assert result.code == 1
    assert (
        'charters/snow.yml:14: sections[0].principles[0].text[0]: the braille file cannot be made: "☃" (U+2603)'
        in result.out
    )
    # A site that makes no braille files has no such problem.
    off = cli("check", cwd=project, env={"CHARTERKIT_FORMATS": "0"})
    assert off.code == 0, off.out
