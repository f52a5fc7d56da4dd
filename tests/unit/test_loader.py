"""The loader and validation: plain-words problems with file, line and field, all reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from charterkit.errors import CharterError, Problem
from charterkit.format.model import display_date
from charterkit.load.loader import find_charter_files, load_charter, load_charters

from tests.conftest import MINIMAL, write_charter


def write(tmp_path: Path, text: str, name: str = "test-charter.yml") -> Path:
    return write_charter(tmp_path, name, text)


def problems(tmp_path: Path, text: str) -> list[Problem]:
    path = write(tmp_path, text)
    with pytest.raises(CharterError) as info:
        load_charter(path, "charters/test-charter.yml")
    return info.value.problems


def test_minimal_charter_loads_with_slug_from_file_name(tmp_path: Path) -> None:
    loaded = load_charter(write(tmp_path, MINIMAL))
    assert loaded.slug == "test-charter"
    assert loaded.charter.title == "A test charter"
    assert loaded.charter.language == "en-GB"
    assert loaded.charter.sections[0].principles[0].text == ["We will listen to each other."]


def test_every_problem_is_reported_at_once_with_lines(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace("title: A test charter", "titel: A test charter")
        .replace("sector: Testing", "sector: [a, b]")
        .replace("themes: [listening]", "themes: [lisening]")
    )
    found = problems(tmp_path, text)
    rendered = [str(p) for p in found]
    assert (
        'charters/test-charter.yml:1: titel: "titel" is not a field here. Did you mean "title"? Rename it.'
        in rendered
    )
    assert any(
        r.startswith("charters/test-charter.yml:3: sector: expected text, found a list.") for r in rendered
    )
    assert any(
        r.startswith("charters/test-charter.yml:12: sections[0].principles[0].themes[0]: ")
        and 'Did you mean "listening"?' in r
        for r in rendered
    )
    # The misspelt "titel" is reported once, as "did you mean", not also as a missing "title".
    assert not any(p.field == "title" and '"title" is missing' in p.message for p in found)


def test_duplicate_keys_are_an_error_not_silently_collapsed(tmp_path: Path) -> None:
    found = problems(tmp_path, MINIMAL + "title: Another title\n")
    assert [str(p) for p in found] == [
        'charters/test-charter.yml:21: title: "title" appears twice in the same place (first on line 1). '
        "Keep one of them and delete the other."
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-13", '"2025-13" has no month 13.'),
        ("2023-02-29", '"2023-02-29" is not a real day: February 2023 has no day 29.'),
        ("June 2025", '"June 2025" is not a date in the form the format uses.'),
        ("1066", "the year 1066 is not plausible."),
    ],
)
def test_bad_dates(tmp_path: Path, value: str, message: str) -> None:
    found = problems(tmp_path, MINIMAL + f"published: {value}\n")
    assert found[0].field == "published"
    assert found[0].message == message
    assert "2025-06" in found[0].fix


def test_dates_keep_the_precision_of_the_source(tmp_path: Path) -> None:
    for value, shown in (("2025", "2025"), ("2025-06", "June 2025"), ("2025-06-30", "30 June 2025")):
        loaded = load_charter(write(tmp_path, MINIMAL + f"published: {value}\n"))
        assert loaded.charter.published == value
        assert loaded.charter.published_display == shown == display_date(value)


def test_unknown_picture_suggests_close_names(tmp_path: Path) -> None:
    found = problems(tmp_path, MINIMAL.replace("material/ear-hearing", "material/ear-hearin"))
    assert found[0].field == "easy_read.sections[0].points[0].picture"
    assert found[0].line == 20
    assert "material/ear-hearing" in found[0].fix


def test_empty_required_text(tmp_path: Path) -> None:
    found = problems(tmp_path, MINIMAL.replace("credit: Text by the test suite.", 'credit: ""'))
    assert str(found[0]) == 'charters/test-charter.yml:6: credit: is empty. Write the text after "credit:".'


def test_empty_optional_text_may_be_deleted(tmp_path: Path) -> None:
    found = problems(tmp_path, MINIMAL.replace("summary: A charter used in tests.", 'summary: ""'))
    assert str(found[0]) == (
        'charters/test-charter.yml:2: summary: is empty. Write the text after "summary:", or delete the line.'
    )


def test_only_web_and_mail_links_are_allowed(tmp_path: Path) -> None:
    found = problems(tmp_path, MINIMAL + "contact:\n  url: javascript:alert(1)\n")
    assert found[0].field == "contact.url"
    assert "only https:// and http:// links are allowed" in found[0].fix


def test_a_single_paragraph_may_be_written_without_a_list(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "        text:\n          - We will listen to each other.",
        "        text: We will listen to each other.",
    )
    loaded = load_charter(write(tmp_path, text))
    assert loaded.charter.sections[0].principles[0].text == ["We will listen to each other."]


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    found = problems(
        tmp_path, MINIMAL.replace("summary: A charter used in tests.", "summary: Our aim: working together")
    )
    assert found[0].line == 2
    assert "double quotes" in found[0].fix


def test_duplicate_slugs_across_files(tmp_path: Path) -> None:
    write(tmp_path, MINIMAL, "one.yml")
    write(tmp_path, MINIMAL + "slug: one\n", "two.yml")
    with pytest.raises(CharterError) as info:
        load_charters(find_charter_files(tmp_path / "charters"), base=tmp_path)
    assert [str(p) for p in info.value.problems] == [
        'charters/one.yml:1: slug: "one" is also used by charters/two.yml. '
        "Give one of the charters a different slug (or rename its file).",
        'charters/two.yml:21: slug: "one" is also used by charters/one.yml. '
        "Give one of the charters a different slug (or rename its file).",
    ]


def test_report_counts_problems_and_says_nothing_was_built(tmp_path: Path) -> None:
    path = write(tmp_path, "title: x\n")
    with pytest.raises(CharterError) as info:
        load_charter(path, "charters/test-charter.yml")
    assert info.value.report().splitlines()[-1].endswith("in 1 charter file. Nothing was built.")


def test_seed_charters_are_valid() -> None:
    repo = Path(__file__).resolve().parents[2]
    loaded = load_charters(find_charter_files(repo / "charters"), base=repo)
    assert len(loaded) == 5
    assert all(c.charter.easy_read is not None for c in loaded)
    by_slug = {c.slug: c.charter for c in loaded}
    # The mental health charter names no organisation: none may be invented.
    assert by_slug["mental-health-service-charter"].organisation is None
    assert by_slug["gloucestershire-collaborative-partnership-board"].published_display == "June 2025"
    assert by_slug["changing-futures-bristol"].published_display == "October 2022"
    assert by_slug["north-somerset-send-partnership"].published is None
    # The Gloucestershire source states no sector.
    assert by_slug["gloucestershire-collaborative-partnership-board"].sector is None
    # Nobody has checked the easy-read versions yet: the software never claims it.
    assert all(not c.easy_read.checked_by for c in by_slug.values() if c.easy_read)


def test_example_text_from_charterkit_new_is_refused_by_the_loader(tmp_path: Path) -> None:
    """The build shares this rule with "charterkit check": a half-filled charter is never published."""
    text = MINIMAL.replace("summary: A charter used in tests.", 'summary: "TODO: one line saying what it is"')
    found = problems(tmp_path, text)
    assert [str(p) for p in found] == [
        "charters/test-charter.yml:2: summary: still has the example text. "
        "Replace it with one line saying what it is."
    ]
