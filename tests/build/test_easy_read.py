"""Easy-read pages and readability in full builds."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from charterkit.load.loader import find_charter_files, load_charters
from charterkit.readability.sentences import count_words, split_sentences
from markupsafe import escape

from tests.conftest import MINIMAL, REPO, BuildResult, run_build


def seeds() -> list:  # type: ignore[type-arg]
    return load_charters(find_charter_files(REPO / "charters"), base=REPO)


def test_easy_read_pages_show_each_point_with_its_picture_first(seed_site: BuildResult) -> None:
    for item in seeds():
        page = seed_site.html(f"charters/{item.slug}/easy-read/")
        assert item.charter.easy_read is not None
        points = page.split('<li class="ck-er-point">')[1:]
        items = [html.unescape(re.sub(r"<[^>]+>", "", li)) for li in points]
        for section in item.charter.easy_read.sections:
            for point in section.points:
                match = [i for i, li in enumerate(items) if point.text in " ".join(li.split())]
                assert match, f"{item.slug}: {point.text}"
                li = points[match[0]].lstrip()
                # The picture comes first (on the left). A colour picture is a file of the site, fetched
                # once for every page that shows it; a one-colour icon is inline, in the text's colour.
                # Without its own alt it is hidden from screen readers: the words carry the meaning.
                name = point.picture
                alt = html.escape(point.alt or "")
                if name.startswith("openmoji/"):
                    expected = (
                        f'<span class="ck-er-picture"><img src="../../../assets/pictures/{name}.svg" '
                        f'alt="{alt}" data-ck-set="openmoji">'
                    )
                    assert li.startswith(expected), li[:200]
                    assert (seed_site.site / "assets" / "pictures" / f"{name}.svg").is_file()
                elif not point.alt:
                    assert li.startswith(
                        '<span class="ck-er-picture"><svg aria-hidden="true" focusable="false"'
                    ), li[:200]


def test_standard_and_easy_read_pages_link_to_each_other_near_the_top(seed_site: BuildResult) -> None:
    for item in seeds():
        standard = seed_site.html(f"charters/{item.slug}/")
        easy = seed_site.html(f"charters/{item.slug}/easy-read/")
        top_standard = standard.split('class="ck-charter"')[0]
        top_easy = easy.split('class="ck-er-point"')[0]
        assert 'href="easy-read/">Easy read version of this charter' in top_standard
        assert 'href="../">Standard version of this charter' in top_easy


def test_every_easy_read_sentence_of_the_seeds_has_at_most_15_words() -> None:
    for item in seeds():
        er = item.charter.easy_read
        assert er is not None
        texts = [p.text for s in er.sections for p in s.points] + [er.summary or ""]
        for text in texts:
            for sentence in split_sentences(text):
                assert count_words(sentence) <= 15, f"{item.slug}: {sentence}"


def test_nobody_is_claimed_to_have_checked_the_easy_read(seed_site: BuildResult) -> None:
    page = seed_site.html("charters/mental-health-service-charter/easy-read/")
    assert "People with a learning disability have not checked this easy read version yet." in page


def test_readability_summary_on_each_charter_page(seed_site: BuildResult) -> None:
    for item in seeds():
        page = seed_site.html(f"charters/{item.slug}/")
        assert re.search(r"Reading age: about \d+\. Easy read: about \d+\.", page), item.slug


def test_report_page_lists_every_charter(seed_site: BuildResult) -> None:
    report = seed_site.html("readability/")
    for item in seeds():
        assert str(escape(item.charter.title)) in report
        assert f'id="charter-{item.slug}"' in report
    assert "<caption" in report and 'scope="col"' in report
    assert "Longest sentences" in report


def test_a_charter_without_easy_read_says_so_and_the_build_warns(
    project_factory: Callable[..., Path],
) -> None:
    no_easy = MINIMAL.split("easy_read:")[0]
    project = project_factory({"plain.yml": no_easy})
    strict = run_build(project)
    assert strict.returncode == 1
    assert (
        "WARNING -  charters/plain.yml:1: easy_read: this charter has no easy-read version, "
        "and the site needs one." in strict.output
    )
    relaxed = run_build(project, strict=False)
    assert relaxed.returncode == 0
    page = relaxed.html("charters/plain/")
    assert "There is no easy read version of this charter yet." in page
    assert not (relaxed.site / "charters" / "plain" / "easy-read").exists()


def test_text_over_target_fails_a_strict_build_naming_file_field_and_sentence(
    project_factory: Callable[..., Path],
) -> None:
    long_sentence = (
        "We will make sure that every single person who takes part in our work is listened to "
        "and that their views are recorded and acted upon."
    )
    over = MINIMAL.replace("We will listen to you.", long_sentence)
    project = project_factory({"long.yml": over})
    result = run_build(project)
    assert result.returncode == 1
    assert (
        f"WARNING -  charters/long.yml:19: easy_read.sections[0].points[0].text: a sentence has 26 words "
        f'(target: at most 15): "{long_sentence}". Split it into shorter sentences.'
    ) in result.output
    assert (
        "WARNING -  charters/long.yml:15: easy_read: the easy read text has a reading age of 14.5 "
        "(target: 9 or under). Use shorter sentences and everyday words."
    ) in result.output


def test_a_charter_in_another_language_marks_only_its_own_words(project_factory: Callable[..., Path]) -> None:
    welsh = MINIMAL.replace("title: A test charter", "title: Siarter cyd-gynhyrchu\nlanguage: cy")
    result = run_build(project_factory({"cy.yml": welsh}))
    assert result.returncode == 0, result.output
    standard = result.html("charters/cy/")
    assert '<h1 id="siarter-cyd-gynhyrchu" lang="cy">Siarter cyd-gynhyrchu</h1>' in standard
    assert '<div class="ck-charter" lang="cy">' in standard
    easy = result.html("charters/cy/easy-read/")
    assert '<span lang="cy">Siarter cyd-gynhyrchu</span>: easy read' in easy
    assert '<section class="ck-er-section" lang="cy">' in easy
    # The site's own words (other formats, who checked it) stay in the site's language.
    formats = easy.split('id="other-formats"')[0].rsplit("<section", 1)[1]
    assert "lang=" not in formats
