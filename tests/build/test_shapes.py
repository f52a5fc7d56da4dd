"""Charters of shapes the format once could not hold, built with ``--strict`` and read on their pages.

The four fixture charters in ``tests/fixtures/shapes/``: numbered, named principles and named points;
a charter retrieved in part, with its gaps marked; one published before its easy-read version; one by
two organisations.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BuildResult, make_project, run_build

SHAPES = Path(__file__).parent.parent / "fixtures" / "shapes"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture(scope="module")
def shapes_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    def config(data: dict[str, Any]) -> None:
        data["repo_url"] = "https://github.com/example/charters"
        data["edit_uri"] = "edit/main/docs/"
        for plugin in data["plugins"]:
            if isinstance(plugin, dict) and "charterkit/charters" in plugin:
                plugin["charterkit/charters"]["other_formats"] = ["braille", "audio"]

    charters = {p.name: p.read_text(encoding="utf-8") for p in SHAPES.glob("*.yml")}
    project = make_project(tmp_path_factory.mktemp("shapes"), charters, config=config)
    result = run_build(project)
    assert result.returncode == 0, result.output
    return result


def test_every_shape_builds_strict_without_a_warning(shapes_site: BuildResult) -> None:
    assert "WARNING" not in shapes_site.output
    # Published text over a readability target is information that names the line to add.
    assert "readability: {accept_over_target: [standard]" not in shapes_site.output or (
        "INFO" in shapes_site.output
    )


def test_numbered_named_principles_keep_their_numbers_names_and_themes(shapes_site: BuildResult) -> None:
    html = shapes_site.html("charters/numbered-principles/")
    assert re.search(r'<h3 id="1-be-open">1\. Be open</h3>', html), html
    assert re.search(r'<h3 id="2-be-fair">2\. Be fair</h3>', html)
    # The principle's own numbered points are an ordered list.
    assert re.search(r"<ol class=\"ck-points\">\s*<li>We pay people for their time\.</li>", html)
    # Named points: the name in bold, then the text, in one item.
    assert '<li><strong class="ck-point-name">Listen:</strong> We will listen before we decide.</li>' in html
    # Themes are a labelled list of their own after the principle's words, never inside them.
    be_open = html[html.index('id="1-be-open"') : html.index('id="2-be-fair"')]
    assert be_open.index("Be open to engaging") < be_open.index("ck-themes")
    assert re.search(
        r'<p class="ck-themes__label" id="1-be-open-themes">Themes \(added by this website\):</p>\s*'
        r'<ul class="ck-themes__list" aria-labelledby="1-be-open-themes">',
        be_open,
    )
    assert '<li><a class="ck-theme"' in be_open
    # Subtitle and last update.
    assert '<p class="ck-subtitle">How we listen to the people of Exampleshire</p>' in html
    assert "<dt>Last updated</dt><dd>January 2025</dd>" in html


def test_a_partial_charter_shows_its_gaps_in_place(shapes_site: BuildResult) -> None:
    text = _text(shapes_site.html("charters/partial/"))
    assert (
        "We will pay people for their time. Part of this charter is missing here. "
        "The source lists three things; only two were retrieved."
    ) in text
    assert (
        "Heading missing The heading of this part of the charter is missing from the copy this "
        "website has. We share power with the people we work with."
    ) in text
    html = shapes_site.html("charters/partial/")
    assert '<li class="ck-gap"><span class="ck-gap__label">' in html
    assert re.search(r'<h3 id="heading-missing" class="ck-gap-heading">Heading missing</h3>', html)


def test_a_charter_without_a_summary_is_listed_with_its_first_sentence(shapes_site: BuildResult) -> None:
    listing = shapes_site.html("charters/")
    card = listing[listing.index("Our charter for working together") :]
    card = card[: card.index("</li>")]
    assert '<p class="ck-charter-card__summary">To make this real, we will do three things:</p>' in card
    joint = listing[listing.index("Our joint engagement charter") :]
    joint = joint[: joint.index("</li>")]
    # No summary and no paragraph starting the charter with a full sentence of its own: its first one.
    assert "We will listen to people and share what they tell us." in joint


def test_easy_read_pending_is_published_with_the_ask_for_easy_read_notice(shapes_site: BuildResult) -> None:
    html = shapes_site.html("charters/no-easy-read/")
    assert "There is no easy read version of this charter yet." in html
    assert "There is no easy read version yet: it is being written. You can ask for one." in html
    assert not (shapes_site.site / "charters" / "no-easy-read" / "easy-read").exists()


def test_two_organisations_are_both_shown(shapes_site: BuildResult) -> None:
    html = shapes_site.html("charters/two-organisations/")
    assert (
        '<dt>Organisations</dt><dd><ul class="ck-organisations"><li>Healthwatch Exampleshire</li>'
        "<li>Healthwatch Testshire</li></ul></dd>"
    ) in html
    listing = _text(shapes_site.html("charters/"))
    assert "Organisations Healthwatch Exampleshire; Healthwatch Testshire" in listing


def test_other_formats_come_from_the_charter_or_the_site(shapes_site: BuildResult) -> None:
    joint = shapes_site.html("charters/two-organisations/")
    assert "<li>British Sign Language (BSL)</li>" in joint  # the charter offers it
    site_list = shapes_site.html("charters/no-easy-read/")
    offered = site_list[site_list.index('class="ck-formats-on-request"') :]
    offered = offered[: offered.index("</ul>")]
    assert re.findall(r"<li>([^<]+)</li>", offered) == ["braille", "audio", "easy read"]
    assert "British Sign Language" not in site_list  # only where a site or charter says so


def test_each_charter_page_links_to_its_file_on_github(shapes_site: BuildResult) -> None:
    html = shapes_site.html("charters/partial/")
    assert (
        '<a href="https://github.com/example/charters/edit/main/charters/partial.yml">'
        "Edit this charter on GitHub</a>"
    ) in html


def test_the_picture_gallery_lists_pictures_with_their_names(tmp_path: Path) -> None:
    project = make_project(tmp_path, {n.name: n.read_text() for n in SHAPES.glob("no-*.yml")})
    result = run_build(project, env={"CHARTERKIT_PICTURES": "1"})
    assert result.returncode == 0, result.output
    index = result.html("pictures/")
    assert re.search(r'<a href="\.\./h/">H</a>', index) or '<a href="h/">H</a>' in index
    page = result.html("pictures/h/")
    assert re.search(r"<li><span class=\"ck-picture\" aria-hidden=\"true\"><svg ", page)
    assert "<code>material/hammer</code>" in page
    # H has hundreds of pictures: they are on several pages, in order of name, each linked from the others.
    assert re.search(r'<nav class="ck-pager" aria-label="Pages of this list">', page)
    assert re.search(r'<a href="[^"]*" aria-current="page">1</a>', page)
    assert "Pictures: H, page 1 of" in page
    second = result.html("pictures/h-2/")
    assert re.search(r'<a href="[^"]*" aria-current="page">2</a>', second)
    assert "<code>material/handshake</code></li>" in second
    sizes = {p.parent.name: p.stat().st_size for p in (result.site / "pictures").glob("*/index.html")}
    assert max(sizes.values()) < 100_000, max(sizes.items(), key=lambda kv: kv[1])
    assert "simple/" not in page  # logos are left out
    assert '<p class="ck-picture-filter" hidden>' in page  # shown by the script; a plain list without it
