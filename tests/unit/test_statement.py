"""Tests for charterkit.render.statement: the accessibility statement, rendered without MkDocs.

Each test reads the statement as a visitor would (its text and headings), so a change of wording that
drops a part the regulations require shows up here.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import re
from pathlib import Path

import pytest
from charterkit.render import statement as st
from charterkit.render.jinja import make_env
from charterkit.render.statement import AutomatedChecks, KnownIssue, StatementSettings, render_statement
from charterkit.render.views import Heading

ENV = make_env()
BUILT = dt.date(2026, 11, 22)
COUNCIL = StatementSettings(
    website="Co-production charters",
    organisation="Example Borough Council",
    email="access@example.invalid",
    phone="01234 567890",
    response_days=7,
    compliance="partial",
    known_issues=(
        KnownIssue(
            "Some maps have no text description.",
            "non-compliance",
            "1.1.1 Non-text Content",
            "We plan to fix this by March 2027.",
        ),
        KnownIssue("Recordings of old meetings have no captions.", "disproportionate-burden"),
        KnownIssue("Some PDFs were published before September 2018.", "out-of-scope"),
    ),
    prepared=dt.date(2026, 1, 15),
    reviewed=dt.date(2026, 6, 30),
)


def _render(settings: StatementSettings, axe: str = "4.14.1") -> str:
    return render_statement(ENV, settings, method=AutomatedChecks(axe_version=axe), built=BUILT).html


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("&#39;", "'")


def _headings(html: str) -> list[tuple[int, str]]:
    return [(int(level), _text(title)) for level, title in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html)]


def test_every_part_of_the_model_statement_is_there() -> None:
    html = _render(COUNCIL)
    assert _headings(html) == [
        (1, "Accessibility statement for Co-production charters"),
        (2, "How accessible this website is"),
        (2, "Feedback and contact information"),
        (2, "Reporting accessibility problems with this website"),
        (2, "Enforcement procedure"),
        (2, "Technical information about this website’s accessibility"),
        (3, "Compliance status"),
        (2, "Non-accessible content"),
        (3, "Non-compliance with the accessibility regulations"),
        (3, "Disproportionate burden"),
        (3, "Content that’s not within the scope of the accessibility regulations"),
        (2, "Preparation of this accessibility statement"),
    ]
    text = _text(html)
    # What it covers, and who runs the site.
    assert "This accessibility statement applies to this website." in text
    assert "This website is run by Example Borough Council." in text
    # How to ask for another format, and how long that takes.
    assert "in a different format, like large print, easy read, audio, braille, British Sign Language" in text
    assert "get back to you in 7 working days" in text
    assert 'href="mailto:access@example.invalid"' in html
    assert "call 01234 567890" in text
    # Reporting a problem.
    assert "If you find any problems not listed on this page" in text
    # The legally required sentence of the technical section.
    assert (
        "Example Borough Council is committed to making its website accessible, in accordance with the "
        "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018."
        in text
    )
    # When it was prepared.
    assert "This statement was prepared on 15 January 2026. It was last reviewed on 30 June 2026." in text


def test_known_issues_go_under_their_reason() -> None:
    html = _render(COUNCIL)
    sections = html.split("<h3 ")
    non_compliance = next(s for s in sections if s.startswith('id="non-compliance'))
    burden = next(s for s in sections if s.startswith('id="disproportionate-burden'))
    scope = next(s for s in sections if s.startswith('id="content-thats-not'))
    assert "Some maps have no text description." in non_compliance
    assert "This fails WCAG 2.2 success criterion 1.1.1 Non-text Content." in non_compliance
    assert "We plan to fix this by March 2027." in non_compliance
    assert "Recordings of old meetings" in burden and "Recordings" not in non_compliance
    assert "before September 2018" in scope
    text = _text(html)
    assert (
        "partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, due to "
        "the non-compliances and exemptions listed below."
    ) in text
    # Each known issue is also listed near the top, where a visitor looks first.
    how = _text(html.split('id="how-accessible-this-website-is"')[1].split("<h2")[0])
    assert "Some maps have no text description." in how


@pytest.mark.parametrize(
    ("reasons", "phrase"),
    [
        (("non-compliance",), "non-compliances"),
        (("out-of-scope",), "exemptions"),
        (("disproportionate-burden", "out-of-scope"), "exemptions"),
        (("non-compliance", "disproportionate-burden"), "non-compliances and exemptions"),
    ],
)
def test_the_compliance_sentence_names_the_kinds_of_issue(
    reasons: tuple[st.Reason, ...], phrase: str
) -> None:
    issues = tuple(KnownIssue(f"Problem {i}.", r) for i, r in enumerate(reasons))
    partial = _text(_render(StatementSettings(compliance="partial", known_issues=issues)))
    assert (
        f"partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, "
        f"due to the {phrase} listed below." in partial
    )
    not_ = _text(_render(StatementSettings(compliance="not", known_issues=issues)))
    assert (
        f"is not compliant with the Web Content Accessibility Guidelines version 2.2 AA standard. "
        f"The {phrase} are listed below." in not_
    )


def test_full_compliance_leaves_out_the_non_accessible_content() -> None:
    html = _render(StatementSettings(organisation="X Council", compliance="full", prepared=BUILT))
    text = _text(html)
    assert (
        "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA" in text
    )
    assert "Non-accessible content" not in text


def test_unset_compliance_is_read_cautiously() -> None:
    text = _text(_render(StatementSettings()))
    assert (
        "This website is not compliant with the Web Content Accessibility Guidelines version 2.2 AA" in text
    )
    assert "has not yet been fully tested" in text
    assert "fully compliant" not in text and "partially compliant" not in text


@pytest.mark.parametrize("region", ["england", "scotland", "wales"])
def test_great_britain_is_sent_to_the_ehrc_and_eass(region: st.Region) -> None:
    html = _render(StatementSettings(region=region))
    section = html.split('id="enforcement-procedure"')[1].split("<h2")[0]
    text = _text(section)
    assert "The Equality and Human Rights Commission (EHRC) is responsible for enforcing" in text
    assert "contact the Equality Advisory and Support Service (EASS)" in text
    assert 'href="https://www.equalityadvisoryservice.com/"' in section
    assert "Northern Ireland" not in text


def test_northern_ireland_is_sent_to_the_equality_commission() -> None:
    html = _render(StatementSettings(region="northern-ireland"))
    text = _text(html.split('id="enforcement-procedure"')[1].split("<h2")[0])
    assert "The Equality Commission for Northern Ireland (ECNI) is responsible for enforcing" in text
    assert "in Northern Ireland" in text
    assert "EASS" not in text and "Equality and Human Rights Commission" not in text


def test_no_organisation_is_ever_invented() -> None:
    html = _render(StatementSettings())
    text = _text(html)
    assert "This website is run by" not in text
    assert "The organisation that runs this website is committed to making its website accessible" in text
    assert "contact the organisation that runs this website" in text
    assert "council" not in text.lower()
    problems = " ".join(st.missing_settings(StatementSettings()))
    assert "organisation is not set" in problems
    assert "compliance is not set" in problems
    assert "prepared is not set" in problems
    assert "no contact details" in problems


def test_a_complete_statement_needs_no_warning() -> None:
    assert st.missing_settings(COUNCIL) == []


def test_partial_compliance_without_issues_is_warned_about() -> None:
    settings = StatementSettings(
        organisation="X", email="a@example.invalid", compliance="partial", prepared=BUILT
    )
    (problem,) = st.missing_settings(settings)
    assert "known_issues lists nothing" in problem


def test_the_site_contact_is_used_when_no_statement_contact_is_set() -> None:
    text = _text(_render(StatementSettings(fallback_contact="charters@example.invalid")))
    assert "charters@example.invalid" in text
    assert not [
        p
        for p in st.missing_settings(StatementSettings(fallback_contact="x@example.invalid"))
        if "contact" in p
    ]


def test_the_tests_are_described_as_measured() -> None:
    html = _render(StatementSettings(), axe="4.14.1")
    text = _text(html.split('id="preparation-of-this-accessibility-statement"')[1])
    # True because .github/workflows/pages.yml publishes only after the tests pass (tests/unit/test_workflows.py).
    assert (
        "Each build of this website is tested before it is published, and it is published only if every "
        "test passes."
    ) in text
    assert "built on 22 November 2026" in text
    assert "WCAG 2.2 AA" in text and "axe-core 4.14.1 in headless Chromium" in text
    assert "wcag22aa" in text
    assert (
        "in the light and the dark colour schemes, at 1280 and 320 pixels wide, and check that at 320 pixels "
        "nothing scrolls sideways"
    ) in text
    # The keyboard tests of tests/browser/test_keyboard.py and test_reader_settings.py, as they are.
    assert (
        "check with a keyboard alone, on the home page, a charter and its easy read version, that the first "
        "press of the Tab key reaches a “Skip to content” link, that everything that takes focus shows it, "
        "and that nothing hidden takes focus"
    ) in text
    assert (
        "check that the menu, the search and the reader settings can be reached and used with a keyboard alone"
        in text
    )
    assert "request nothing from other websites" in text
    assert "Automated tests find only some kinds of accessibility problem." in text


def test_the_keyboard_pages_are_named_as_measured() -> None:
    one = render_statement(
        ENV,
        StatementSettings(),
        built=BUILT,
        method=AutomatedChecks(axe_version="4.14.1", keyboard_pages=("the home page",)),
    ).html
    assert "check with a keyboard alone, on the home page, that" in _text(one)
    none = render_statement(
        ENV, StatementSettings(), built=BUILT, method=AutomatedChecks(axe_version="4.14.1", keyboard_pages=())
    ).html
    assert "Skip to content" not in _text(none)


def test_the_keyboard_tests_the_statement_names_exist() -> None:
    """The statement describes the project's browser tests: they must be there, on the pages it names."""
    keyboard = (Path(__file__).parents[1] / "browser" / "test_keyboard.py").read_text(encoding="utf-8")
    for test in (
        "def test_skip_link_comes_first_and_skips_to_the_content",
        "def test_every_focusable_element_shows_focus_and_none_is_hidden",
        "def test_menu_opens_and_closes_from_the_keyboard",
        "def test_search_works_from_the_keyboard",
    ):
        assert test in keyboard, test
    assert "REPRESENTATIVE = [HOME, CHARTER, EASY_READ]" in keyboard
    assert len(AutomatedChecks().keyboard_pages) == 3
    reader = (Path(__file__).parents[1] / "browser" / "test_reader_settings.py").read_text(encoding="utf-8")
    assert "def test_settings_chosen_by_keyboard_apply_and_are_remembered" in reader


def test_without_browser_tests_none_are_claimed() -> None:
    text = _text(_render(StatementSettings(), axe=""))
    assert "axe-core" not in text and "Each build of this website is tested" not in text
    assert "keyboard" not in text


def test_the_councils_own_testing_is_reported() -> None:
    settings = StatementSettings(
        tested=dt.date(2026, 5, 1),
        tested_by="Example Audits Ltd",
        testing_notes=("We tested five pages with NVDA.",),
    )
    text = _text(_render(settings))
    assert (
        "This website was last tested on 1 May 2026. The test was carried out by Example Audits Ltd." in text
    )
    assert "We tested five pages with NVDA." in text


def test_text_from_settings_is_escaped() -> None:
    html = _render(
        StatementSettings(
            organisation="<b>Bold</b> & Co",
            compliance="not",
            known_issues=(KnownIssue("<script>x</script>", "non-compliance"),),
        )
    )
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html


def test_outline_matches_the_headings() -> None:
    for settings in (COUNCIL, StatementSettings(compliance="full")):
        rendered = render_statement(ENV, settings, method=AutomatedChecks(), built=BUILT)
        ids = re.findall(r'<h[23] id="([^"]+)"', rendered.html)

        def walk(headings: list[Heading]) -> list[str]:
            return [i for h in headings for i in (h.id, *walk(h.children))]

        assert walk(rendered.outline) == ids


def test_build_date_follows_source_date_epoch() -> None:
    assert st.build_date({"SOURCE_DATE_EPOCH": "1795348800"}) == dt.date(2026, 11, 22)
    assert st.format_date(dt.date(2026, 11, 2)) == "2 November 2026"
    today = dt.datetime.now(tz=dt.UTC).date()
    assert st.build_date({}) in (today, today + dt.timedelta(days=1))


def test_axe_version_comes_from_the_installed_package_then_package_json(tmp_path: Path) -> None:
    assert st.axe_core_version(tmp_path) == ""
    (tmp_path / "package.json").write_text(json.dumps({"devDependencies": {"axe-core": "^4.10.0"}}))
    assert st.axe_core_version(tmp_path) == "4.10.0"
    installed = tmp_path / "node_modules" / "axe-core"
    installed.mkdir(parents=True)
    (installed / "package.json").write_text(json.dumps({"name": "axe-core", "version": "4.14.1"}))
    assert st.axe_core_version(tmp_path) == "4.14.1"
    (installed / "package.json").write_text("not json")
    assert st.axe_core_version(tmp_path) == "4.10.0"


def test_the_core_does_not_import_mkdocs() -> None:
    tree = ast.parse(Path(st.__file__).read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [n for n in names if n.split(".")[0] == "mkdocs"]
