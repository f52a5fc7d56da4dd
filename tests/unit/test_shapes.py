"""The format's shapes for charters the project had not seen, and the messages editors get about them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from charterkit.errors import CharterError
from charterkit.format.dates import iso_date
from charterkit.format.icons import load_icon_set
from charterkit.format.themes import closest_theme
from charterkit.load.loader import LoadedCharter, load_charter, load_charters
from charterkit.load.projectrules import sector_problems
from charterkit.readability.scoring import RECORD_AS_PUBLISHED, Targets, score_charter
from charterkit.render.credits import credit_page_count, credit_pages
from charterkit.render.views import GAP_LABEL, MISSING_HEADING, build_view, walk_blocks

from tests.conftest import MINIMAL

SHAPES = Path(__file__).parent.parent / "fixtures" / "shapes"

LONG = (
    "We will listen to each other and we will make sure that the people who use our services and "
    "their families and carers are part of every meeting we hold about them."
)


def _load(tmp_path: Path, text: str, name: str = "c.yml") -> LoadedCharter:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_charter(path, f"charters/{name}")


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("Dec 2013", "2013-12"),
        ("December 2013", "2013-12"),
        ("Sept 2020", "2020-09"),
        ("15/11/2021", "2021-11-15"),
        ("15.11.2021", "2021-11-15"),
        ("11/2021", "2021-11"),
        ("15 November 2021", "2021-11-15"),
        ("1st March 2022", "2022-03-01"),
        ("31/02/2021", None),  # no such day: nothing is suggested
        ("Winter 2021", None),
    ],
)
def test_dates_in_uk_forms_get_their_iso_form(written: str, iso: str | None) -> None:
    assert iso_date(written) == iso


def test_near_miss_themes_and_pictures_get_suggestions() -> None:
    assert closest_theme("power") == "power-sharing"
    assert closest_theme("Sharing power") == "power-sharing"
    icons = load_icon_set()
    assert icons is not None
    assert icons.suggest("city") == ["material/city"]


def test_every_fixture_shape_loads(tmp_path: Path) -> None:
    loaded = load_charters(sorted(SHAPES.glob("*.yml")), base=SHAPES.parent.parent)
    by_slug = {c.slug: c.charter for c in loaded}
    assert by_slug["two-organisations"].organisation_names == [
        "Healthwatch Exampleshire",
        "Healthwatch Testshire",
    ]
    # Every output that prints one line of organisation names shows both.
    assert by_slug["two-organisations"].organisation == "Healthwatch Exampleshire and Healthwatch Testshire"
    assert by_slug["no-easy-read"].easy_read is None and by_slug["no-easy-read"].easy_read_pending
    assert not by_slug["two-organisations"].easy_read_pending
    # No summary: the list shows the charter's own first sentence, never invented text.
    assert by_slug["partial"].summary is None
    assert by_slug["partial"].list_summary == "To make this real, we will do three things:"


def test_the_view_model_gives_gaps_numbers_and_names_to_every_format(tmp_path: Path) -> None:
    [partial, numbered] = [
        load_charter(SHAPES / f"{n}.yml", f"charters/{n}.yml") for n in ("partial", "numbered-principles")
    ]
    blocks = list(walk_blocks(build_view(partial).blocks))
    commitments = blocks[0]
    assert commitments.points[-1] == (
        f"{GAP_LABEL} The source lists three things; only two were retrieved."
    )  # plain text says so, for formats that print plain strings
    assert [e.gap for e in commitments.point_entries] == [False, False, True]
    assert commitments.has_gaps and [g.text for g in commitments.gaps] == [
        "The source lists three things; only two were retrieved."
    ]
    lost = [b for b in blocks if b.title_missing]
    assert [b.heading for b in lost] == [MISSING_HEADING]
    view = build_view(numbered)
    headings = [b.heading for b in walk_blocks(view.blocks) if b.is_principle]
    assert headings == ["1. Be open", "2. Be fair"]
    promises = next(b for b in walk_blocks(view.blocks) if b.title == "What we promise")
    assert promises.points == [
        "Listen: We will listen before we decide.",
        "Reply: We will reply within two weeks.",
    ]
    assert promises.point_entries[0].name == "Listen"


def test_published_text_over_target_is_information_naming_the_line_to_add(tmp_path: Path) -> None:
    text = MINIMAL.replace("          - We will listen to each other.", f"          - {LONG}")
    scores = score_charter(_load(tmp_path, text), {"standard": Targets(25, 14)})
    [problem] = [p for p in scores.problems if p.field.startswith("sections") and "sentence has" in p.message]
    assert problem.accepted  # information, not a warning
    assert str(problem) == (
        f'charters/c.yml:14: sections[0].principles[0].text[0]: a sentence has 32 words (target: at most 25): "{LONG}". '
        "This is the charter's published wording, so keep it word for word, and record that by adding "
        f"this line to the file: {RECORD_AS_PUBLISHED}"
    )
    # Adding that very line records it: the message no longer asks for anything.
    recorded = text + RECORD_AS_PUBLISHED + "\n"
    scores = score_charter(_load(tmp_path, recorded, "d.yml"), {"standard": Targets(25, 14)})
    [problem] = [p for p in scores.problems if p.field.startswith("sections") and "sentence has" in p.message]
    assert problem.accepted
    assert str(problem).endswith(f'"{LONG}".')


def test_text_the_editor_wrote_gets_warnings_with_advice(tmp_path: Path) -> None:
    text = MINIMAL.replace("          - We will listen to each other.", f"          - {LONG}").replace(
        "  title: A test document\n", "  title: A test document\n  as_published: false\n"
    )
    scores = score_charter(_load(tmp_path, text), {"standard": Targets(25, 14)})
    [problem] = [p for p in scores.problems if p.field.startswith("sections") and "sentence has" in p.message]
    assert not problem.accepted
    assert str(problem).endswith("Split it into shorter sentences.")


def test_a_sector_spelt_nearly_like_another_gets_did_you_mean() -> None:
    found = sector_problems(
        [
            ("charters/a.yml", "Mental health", 5),
            ("charters/b.yml", "Mental health", 5),
            ("charters/c.yml", "Mental Heath", 6),
            ("charters/d.yml", "Children and families", 4),
            ("charters/e.yml", "Children and families (SEND)", 4),  # words added: may be meant
            ("charters/f.yml", None, 1),
        ]
    )
    assert [str(p) for p in found] == [
        'charters/c.yml:6: sector: "Mental Heath" is nearly the same as "Mental health", which '
        'charters/a.yml uses. Did you mean "Mental health"? Charters are grouped by sector, so write it '
        "the same way (or leave the sector out if the source does not say)."
    ]


@pytest.mark.parametrize("charters", [0, 1, 99, 100, 101, 250, 1000])
def test_the_credits_title_counts_the_pages_the_credits_take(tmp_path: Path, charters: int) -> None:
    one = _load(tmp_path, MINIMAL)
    listed = [dataclasses.replace(one, slug=f"c{i}") for i in range(charters)]
    assert credit_page_count(charters) == len(credit_pages(listed))


def test_a_principle_may_lack_a_title_only_when_it_says_so(tmp_path: Path) -> None:
    text = MINIMAL.replace("      - title: Listening\n", "      - title_missing: true\n")
    loaded = _load(tmp_path, text)
    assert loaded.charter.sections[0].principles[0].title is None
    with pytest.raises(CharterError):
        _load(
            tmp_path, MINIMAL.replace("      - title: Listening\n        themes", "      - themes"), "e.yml"
        )
