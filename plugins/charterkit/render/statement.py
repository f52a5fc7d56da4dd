"""The accessibility statement of a charter site, without MkDocs.

The statement follows GOV.UK's model statement for the Public Sector Bodies (Websites and Mobile
Applications) (No. 2) Accessibility Regulations 2018: what it covers, how accessible the site is, what is
not accessible and why, how to ask for another format, how to report a problem, the enforcement
procedure, the compliance status, and when it was prepared and how the site was tested.

A council fills in the facts only it knows (its name, its contact details, its compliance status, its
own testing). What the software knows for itself is filled in here: the standard the test suite checks
(WCAG 2.2 AA), how it checks it (axe-core in headless Chromium, the version read from the project, and
the keyboard tests), and the date of the build. The publishing workflow (.github/workflows/pages.yml)
runs the whole test suite and publishes only when it passes, which is what the statement says. Nothing
is claimed that was not set or measured: with no organisation the statement says "the organisation that
runs this website", and :func:`missing_settings` lists what a council still has to set so the build can
warn.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from jinja2 import Environment

from charterkit.render.pages import Rendered
from charterkit.render.views import Heading

__all__ = [
    "AXE_TAGS",
    "COMPLIANCE",
    "REASONS",
    "REGIONS",
    "STANDARD",
    "AutomatedChecks",
    "KnownIssue",
    "StatementSettings",
    "axe_core_version",
    "build_date",
    "format_date",
    "missing_settings",
    "render_statement",
]

Region = Literal["england", "scotland", "wales", "northern-ireland"]
Compliance = Literal["full", "partial", "not"]
Reason = Literal["non-compliance", "disproportionate-burden", "out-of-scope"]

REGIONS: tuple[Region, ...] = ("england", "scotland", "wales", "northern-ireland")
COMPLIANCE: tuple[Compliance, ...] = ("full", "partial", "not")
REASONS: tuple[Reason, ...] = ("non-compliance", "disproportionate-burden", "out-of-scope")

STANDARD = "WCAG 2.2 AA"
"""The standard the test suite checks every page against."""

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
"""The axe-core rule tags the browser tests run (GUIDE.md, "Web pages")."""

UNNAMED_ORGANISATION = "the organisation that runs this website"


@dataclass(frozen=True)
class KnownIssue:
    """A part of the site that is not accessible, and why (the model statement's three reasons)."""

    issue: str
    """What the problem is and who it affects, in plain words."""
    reason: Reason
    """``non-compliance``, ``disproportionate-burden`` or ``out-of-scope``."""
    criterion: str = ""
    """The WCAG success criterion it fails, such as "1.1.1 Non-text Content" (may be empty)."""
    plan: str = ""
    """What will be done about it and when, such as "We plan to fix this by March 2027." (may be empty)."""


@dataclass(frozen=True)
class StatementSettings:
    """What a council says in its statement. Every field has a default, so a new site builds at once;
    :func:`missing_settings` names the ones a real site must still set."""

    website: str = "this website"
    """The website's name, shown in the heading ("Accessibility statement for ...")."""
    organisation: str = ""
    """The organisation that runs the website. Never invented: empty means "not set yet"."""
    scope: str = ""
    """What the statement covers (a web address or a sentence). Empty: this website."""
    email: str = ""
    """The email address for requests for other formats and for reporting problems (may be empty)."""
    phone: str = ""
    """A phone number for the same, as it should be read, such as "01234 567890" (may be empty)."""
    address: str = ""
    """A postal address for the same, on one line (may be empty)."""
    contact_url: str = ""
    """A contact form or contact page, an ``https://`` or ``http://`` address (may be empty)."""
    fallback_contact: str = ""
    """The site's general contact (an email address or a sentence), used when none of the above is set."""
    response_days: int = 10
    """How many working days a reply to a request for another format takes."""
    region: Region = "england"
    """Where the organisation is: Northern Ireland has its own enforcement body."""
    compliance: Compliance | None = None
    """``full``, ``partial`` or ``not``, decided by the council after testing. Unset is shown as ``not``
    with a sentence saying the website has not been fully tested (the cautious reading)."""
    known_issues: tuple[KnownIssue, ...] = ()
    """The parts of the site that are not accessible, each under its reason."""
    prepared: dt.date | None = None
    """When the statement was first prepared."""
    reviewed: dt.date | None = None
    """When it was last reviewed."""
    tested: dt.date | None = None
    """When the council last tested the website (by hand or by an audit)."""
    tested_by: str = ""
    """Who carried out that test, such as "an external auditor, Example Ltd" or "our web team"."""
    testing_notes: tuple[str, ...] = ()
    """More about how the website was tested, one paragraph each."""
    features: tuple[str, ...] = ()
    """What disabled visitors can do on the site ("you should be able to ..."), one item each."""


@dataclass(frozen=True)
class AutomatedChecks:
    """What the project's own test suite checks on every build, as far as the project shows it."""

    axe_version: str = ""
    """The axe-core version; empty when the project has no browser tests (then none are described)."""
    standard: str = STANDARD
    """The standard axe-core checks every page against."""
    tags: tuple[str, ...] = AXE_TAGS
    """The axe-core rule tags the tests run."""
    widths: tuple[int, ...] = (1280, 320)
    """The window widths, in CSS pixels, every page is checked at (320: 1280 zoomed to 400%)."""
    schemes: tuple[str, ...] = ("light", "dark")
    """The colour schemes every page is checked in."""
    keyboard_pages: tuple[str, ...] = ("the home page", "a charter", "its easy read version")
    """The pages the keyboard tests use (tests/browser/test_keyboard.py)."""


@dataclass(frozen=True)
class _Issues:
    non_compliance: list[KnownIssue] = field(default_factory=list)
    disproportionate_burden: list[KnownIssue] = field(default_factory=list)
    out_of_scope: list[KnownIssue] = field(default_factory=list)

    @property
    def reasons_phrase(self) -> str:
        """The model statement's "due to the ... listed below": non-compliances, exemptions or both."""
        exemptions = bool(self.disproportionate_burden or self.out_of_scope)
        if self.non_compliance and exemptions:
            return "non-compliances and exemptions"
        if exemptions:
            return "exemptions"
        return "non-compliances"


def axe_core_version(root: Path) -> str:
    """The axe-core version the project's browser tests use, or "" when it has none.

    The installed package (``node_modules/axe-core/package.json``) wins; otherwise the version declared
    in ``package.json``, without range signs such as ``^``.
    """
    installed = _read_json(root / "node_modules" / "axe-core" / "package.json")
    if isinstance(installed.get("version"), str):
        return str(installed["version"])
    declared = _read_json(root / "package.json")
    for key in ("devDependencies", "dependencies"):
        deps = declared.get(key)
        if isinstance(deps, dict) and isinstance(deps.get("axe-core"), str):
            return str(deps["axe-core"]).lstrip("^~=v ")
    return ""


def _read_json(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def build_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """The date of the build: ``SOURCE_DATE_EPOCH`` when set (reproducible builds), else today (UTC)."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def format_date(value: dt.date) -> str:
    """``2026-11-22`` → ``22 November 2026`` (GOV.UK style)."""
    return f"{value.day} {value:%B} {value.year}"


def missing_settings(settings: StatementSettings) -> list[str]:
    """What a real site must still set, each as a sentence naming the setting and how to fix it."""
    out: list[str] = []
    if not settings.organisation:
        out.append(
            'organisation is not set, so the statement says "the organisation that runs this '
            "website\". Set it to your organisation's name."
        )
    if not (
        settings.email
        or settings.phone
        or settings.address
        or settings.contact_url
        or settings.fallback_contact
    ):
        out.append(
            "no contact details are set, so nobody can ask for another format or report a problem. "
            "Set email, phone, address or contact_url."
        )
    if settings.compliance is None:
        out.append(
            "compliance is not set, so the statement says the website is not compliant and has not "
            "been fully tested. After testing, set it to full, partial or not."
        )
    elif settings.compliance != "full" and not settings.known_issues:
        out.append(
            f"compliance is {settings.compliance}, but known_issues lists nothing. "
            "List each part that is not accessible, with its reason."
        )
    if settings.prepared is None:
        out.append(
            "prepared is not set. Set it to the date the statement was first prepared, such as 2026-01-15."
        )
    return out


def render_statement(
    env: Environment,
    settings: StatementSettings,
    *,
    method: AutomatedChecks,
    built: dt.date,
) -> Rendered:
    """The statement page body (``h1`` and all) and its outline, headed as in GOV.UK's model."""
    issues = _Issues()
    for issue in settings.known_issues:
        getattr(issues, issue.reason.replace("-", "_")).append(issue)
    org = settings.organisation or UNNAMED_ORGANISATION
    ids = {
        "h1": "accessibility-statement",
        "how": "how-accessible-this-website-is",
        "feedback": "feedback-and-contact-information",
        "reporting": "reporting-accessibility-problems-with-this-website",
        "enforcement": "enforcement-procedure",
        "technical": "technical-information-about-this-websites-accessibility",
        "compliance": "compliance-status",
        "non_accessible": "non-accessible-content",
        "non_compliance": "non-compliance-with-the-accessibility-regulations",
        "burden": "disproportionate-burden",
        "scope": "content-thats-not-within-the-scope-of-the-accessibility-regulations",
        "preparation": "preparation-of-this-accessibility-statement",
    }
    html = env.get_template("charterkit/accessibility-statement.html").render(
        s=settings,
        org=org,
        org_named=bool(settings.organisation),
        Org=org[:1].upper() + org[1:],
        issues=issues,
        method=method,
        built=format_date(built),
        prepared=format_date(settings.prepared) if settings.prepared else "",
        reviewed=format_date(settings.reviewed) if settings.reviewed else "",
        tested=format_date(settings.tested) if settings.tested else "",
        ids=ids,
    )
    outline = [
        Heading(2, ids["how"], "How accessible this website is"),
        Heading(2, ids["feedback"], "Feedback and contact information"),
        Heading(2, ids["reporting"], "Reporting accessibility problems with this website"),
        Heading(2, ids["enforcement"], "Enforcement procedure"),
        Heading(
            2,
            ids["technical"],
            "Technical information about this website’s accessibility",
            [Heading(3, ids["compliance"], "Compliance status")],
        ),
    ]
    if settings.compliance != "full":
        outline.append(
            Heading(
                2,
                ids["non_accessible"],
                "Non-accessible content",
                [
                    Heading(3, ids["non_compliance"], "Non-compliance with the accessibility regulations"),
                    Heading(3, ids["burden"], "Disproportionate burden"),
                    Heading(
                        3,
                        ids["scope"],
                        "Content that’s not within the scope of the accessibility regulations",
                    ),
                ],
            )
        )
    outline.append(Heading(2, ids["preparation"], "Preparation of this accessibility statement"))
    return Rendered(html, outline)
