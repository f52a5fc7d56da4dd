"""What a council says in its accessibility statement (:class:`StatementSettings`), what the project's
tests check (:class:`AutomatedChecks`), and which settings a real site must still set
(:func:`missing_settings`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "AXE_TAGS",
    "COMPLIANCE",
    "REASONS",
    "REGIONS",
    "STANDARD",
    "UNNAMED_ORGANISATION",
    "AutomatedChecks",
    "Compliance",
    "KnownIssue",
    "Reason",
    "Region",
    "StatementSettings",
    "missing_settings",
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
