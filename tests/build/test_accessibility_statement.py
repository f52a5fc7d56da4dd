"""Full builds: the accessibility statement page, the footer link to it on every page, the reader fonts."""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from charterkit.mkdocs.accessibility.config import EmailAddress, WebAddress
from mkdocs.config.base import ValidationError

from tests.conftest import MINIMAL, REPO, BuildResult, make_project, run_build

PLUGIN = "charterkit/accessibility"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _plugin_options(data: dict[str, Any]) -> dict[str, Any]:
    for item in data["plugins"]:
        if isinstance(item, dict) and PLUGIN in item:
            options: dict[str, Any] = item[PLUGIN]
            return options
    raise AssertionError(f"{PLUGIN} is not in mkdocs.yml")


def _set_options(**options: Any) -> Callable[[dict[str, Any]], None]:
    def edit(data: dict[str, Any]) -> None:
        for i, item in enumerate(data["plugins"]):
            if isinstance(item, dict) and PLUGIN in item:
                data["plugins"][i] = {PLUGIN: options}

    return edit


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own site settings with one small charter."""
    project = make_project(tmp_path_factory.mktemp("statement"), {"test.yml": MINIMAL})
    # The project's test kit: the statement describes the browser tests only where the project has them.
    shutil.copy(REPO / "package.json", project / "package.json")
    result = run_build(project, env={"SOURCE_DATE_EPOCH": "1795348800"})
    assert result.returncode == 0, result.output
    return result


def test_the_statement_page_exists_with_the_model_headings(built: BuildResult) -> None:
    page = built.html("accessibility/")
    body = page.split('class="md-content"')[1]
    assert body.count("<h1") == 1
    assert re.search(r"<h1[^>]*>Accessibility statement for Co-production charters</h1>", body)
    for heading in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Compliance status",
        "Preparation of this accessibility statement",
    ):
        assert f">{heading}</h" in body, heading
    assert "<title>Accessibility statement - Co-production charters</title>" in page
    text = _text(body)
    # Filled from mkdocs.yml and from what the build measured.
    assert "This website is run by the charterkit project." in text
    assert "charters@example.invalid" in text
    assert "built on 22 November 2026" in text
    assert re.search(r"axe-core \d+\.\d+\.\d+ in headless Chromium", text)
    assert "published only if every test passes" in text
    assert "check with a keyboard alone, on the home page, a charter and its easy read version" in text
    # The table of contents lists the statement's sections.
    toc = page.split('class="md-content"')[0]
    assert 'href="#enforcement-procedure"' in toc


def test_every_page_links_to_the_statement_from_its_footer(built: BuildResult) -> None:
    site = built.site
    statement = site / "accessibility" / "index.html"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        footer = html.split('<footer class="md-footer">')[1].split("</footer>")[0]
        match = re.search(r'<a href="([^"]*)">Accessibility statement</a>', footer)
        assert match, f"{path.relative_to(site)}: no link to the accessibility statement in the footer"
        href = match.group(1)
        rel = path.relative_to(site).as_posix()
        if rel == "404.html":
            # The 404 page is shown at any address, so MkDocs links it from the site root.
            assert href.endswith("accessibility/"), href
            continue
        assert not href.startswith(("/", "http")), f"{rel}: {href} is not relative"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), href))
        resolved = site / target / "index.html" if href.endswith("/") else site / target
        assert resolved == statement or resolved.resolve() == statement.resolve(), f"{rel}: {href}"
        credits = re.search(r'<a href="([^"]*)">Credits</a>', footer)
        assert credits, f"{rel}: no link to the credits"


def test_reader_settings_are_on_every_page_and_hidden_without_javascript(built: BuildResult) -> None:
    for path in built.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        bar = re.search(r'<section class="ck-reader" id="ck-reader"[^>]*>', html)
        assert bar and " hidden" in bar.group(0), path
        assert 'aria-controls="ck-reader-panel"' in html, path
        for legend in ("Text size", "Font", "Line spacing", "Colours"):
            assert f"<legend>{legend}</legend>" in html, (path, legend)
        assert 'value="ck-high-contrast"' in html, path
        assert "reader-settings.js" in html and "reader-settings.css" in html, path


def test_the_legible_font_is_served_from_the_site_with_its_licence(built: BuildResult) -> None:
    css = (built.site / "assets" / "reader-settings.css").read_text(encoding="utf-8")
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert urls and all(not u.startswith(("http", "//", "/")) for u in urls)
    for url in urls:
        assert (built.site / "assets" / url).is_file(), url
    assert (built.site / "assets" / "fonts" / "OFL.txt").is_file()


def test_missing_settings_stop_a_strict_build_and_invent_nothing(
    project_factory: Callable[..., Path],
) -> None:
    project = project_factory({"test.yml": MINIMAL}, config=_set_options())
    strict = run_build(project)
    assert strict.returncode != 0
    for setting in ("organisation is not set", "compliance is not set", "prepared is not set"):
        assert setting in strict.output, strict.output
    assert "Traceback" not in strict.output
    relaxed = run_build(project, strict=False)
    assert relaxed.returncode == 0, relaxed.output
    text = _text(relaxed.html("accessibility/").split('class="md-content"')[1])
    assert "The organisation that runs this website is committed to making its website accessible" in text
    assert "This website is run by" not in text
    # The site contact of charterkit/charters is the way to ask for another format.
    assert "charters@example.invalid" in text
    # This project has no test kit (no package.json): no browser tests are claimed.
    assert "axe-core" not in text and "Each build of this website is tested" not in text


def test_northern_ireland_and_a_full_set_of_settings(project_factory: Callable[..., Path]) -> None:
    project = project_factory(
        {"test.yml": MINIMAL},
        config=_set_options(
            organisation="Example Council",
            phone="028 9000 0000",
            region="northern-ireland",
            compliance="not",
            prepared="2026-01-15",
            reviewed="2026-02-01",
            known_issues=[
                {
                    "issue": "Our forms time out after 5 minutes.",
                    "reason": "non-compliance",
                    "criterion": "2.2.1 Timing Adjustable",
                    "plan": "We will fix this by May 2027.",
                }
            ],
            features=[],
        ),
    )
    result = run_build(project)
    assert result.returncode == 0, result.output
    text = _text(result.html("accessibility/").split('class="md-content"')[1])
    assert "The Equality Commission for Northern Ireland (ECNI) is responsible" in text
    assert "Equality Advisory and Support Service" not in text
    assert "call 028 9000 0000" in text
    assert "This fails WCAG 2.2 success criterion 2.2.1 Timing Adjustable." in text
    assert "prepared on 15 January 2026. It was last reviewed on 1 February 2026." in text
    assert "you should be able to" not in text


def test_a_bad_setting_is_a_clear_error(project_factory: Callable[..., Path]) -> None:
    project = project_factory(
        {"test.yml": MINIMAL},
        config=_set_options(organisation="X", compliance="mostly", prepared="15/01/2026"),
    )
    result = run_build(project)
    assert result.returncode != 0
    assert "compliance" in result.output and "mostly" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "email",
    [
        "mailto:access@example.gov.uk",
        "access@example",
        "access at example.gov.uk",
        'a"@example.gov.uk',
        "a@example.gov.uk?cc=b@example.org",
        "a@b@example.org",
        "<a@example.gov.uk>",
        "a@example.gov.uk&x",
        "javascript:alert(1)//@example.org",
    ],
)
def test_an_email_that_is_not_an_address_is_refused(email: str) -> None:
    with pytest.raises(
        ValidationError, match=re.escape("is not an email address. Write it as name@example.gov.uk")
    ):
        EmailAddress().run_validation(email)


@pytest.mark.parametrize(
    "email", ["access@example.gov.uk", "o'brien@example.gov.uk", "a.b+c@mail.example.org", ""]
)
def test_ordinary_email_addresses_are_accepted(email: str) -> None:
    assert EmailAddress().run_validation(email) == email


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "//example.org",
        "www.example.gov.uk/contact",
        "contact/",
        "https://",
        "https://example.org/a b",
        "https:\\\\example.org",
        "ftp://example.org",
        "https://example.org/\x01",
    ],
)
def test_a_contact_url_that_is_not_a_web_address_is_refused(url: str) -> None:
    with pytest.raises(
        ValidationError,
        match=re.escape("is not a web address. Write the whole address, starting with https://"),
    ):
        WebAddress().run_validation(url)


@pytest.mark.parametrize(
    "url", ["https://www.example.gov.uk/contact", "http://example.org", "HTTPS://EXAMPLE.ORG/a?b=c&d=e", ""]
)
def test_web_addresses_are_accepted(url: str) -> None:
    assert WebAddress().run_validation(url) == url


def test_a_harmful_contact_stops_the_build(project_factory: Callable[..., Path]) -> None:
    project = project_factory(
        {"test.yml": MINIMAL},
        config=_set_options(
            organisation="X", compliance="not", prepared="2026-01-15", contact_url="javascript:alert(1)"
        ),
    )
    result = run_build(project)
    assert result.returncode != 0
    assert (
        "option 'contact_url': \"javascript:alert(1)\" is not a web address. Write the whole address, "
        "starting with https://"
    ) in result.output
    assert "Traceback" not in result.output
    project = project_factory(
        {"test.yml": MINIMAL},
        config=_set_options(
            organisation="X", compliance="not", prepared="2026-01-15", email="x@example.org?subject=<b>"
        ),
    )
    result = run_build(project)
    assert result.returncode != 0
    assert "option 'email': \"x@example.org?subject=<b>\" is not an email address." in result.output


def test_a_councils_own_statement_page_is_kept(project_factory: Callable[..., Path]) -> None:
    project = project_factory({"test.yml": MINIMAL})
    (project / "docs" / "accessibility.md").write_text(
        "# Accessibility statement for our charters\n\nWritten by hand.\n", encoding="utf-8"
    )
    result = run_build(project)
    assert result.returncode == 0, result.output
    page = result.html("accessibility/")
    assert "Written by hand." in page
    assert "Enforcement procedure" not in page
    assert '<a href="./">Accessibility statement</a>' in page
