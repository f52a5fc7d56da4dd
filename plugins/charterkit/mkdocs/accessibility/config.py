"""Options of ``charterkit/accessibility``: the accessibility statement and the reader settings' fonts.

Each option is documented where it is declared; docs/configuration.md explains them for councils.
"""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import BaseConfigOption

from charterkit.format.rules import is_email, is_web_address
from charterkit.mkdocs.options import SitePath
from charterkit.render.statement import COMPLIANCE, REASONS, REGIONS


class _Date(BaseConfigOption[dt.date | None]):
    """A day, written ``2026-01-15`` (YAML may already have read it as a date)."""

    def run_validation(self, value: object) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise base.ValidationError(f"{value!r} is not a date. Write it as 2026-01-15.") from None


class EmailAddress(c.Type[str]):
    """An email address such as ``access@example.gov.uk``, or empty."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value).strip()
        if value and not is_email(value):
            raise base.ValidationError(
                f'"{value}" is not an email address. Write it as name@example.gov.uk, '
                "with no mailto: and no spaces."
            )
        return value


class WebAddress(c.Type[str]):
    """A web address starting ``https://`` or ``http://``, or empty."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value).strip()
        if value and not is_web_address(value):
            raise base.ValidationError(
                f'"{value}" is not a web address. Write the whole address, starting '
                "with https://, such as https://www.example.gov.uk/contact."
            )
        return value


class KnownIssueConfig(base.Config):
    """One part of the site that is not accessible."""

    issue = c.Type(str)
    """What is not accessible and who it affects, in plain words."""

    reason = c.Choice(REASONS)
    """Why: ``non-compliance`` (in scope, not yet fixed), ``disproportionate-burden`` or ``out-of-scope``."""

    criterion = c.Type(str, default="")
    """The WCAG success criterion it fails, such as "1.4.3 Contrast (Minimum)". Only shown for
    ``non-compliance``."""

    plan = c.Type(str, default="")
    """What you will do about it and when, such as "We plan to fix this by March 2027."."""


class AccessibilityConfig(base.Config):
    """Options of ``charterkit/accessibility``."""

    page = SitePath(example="accessibility.md", suffixes=(".md",), default="accessibility.md")
    """Where the statement page goes (``accessibility.md`` is served at ``/accessibility/``). A file of
    the same name in docs/ replaces the generated statement; the footer still links to it."""

    website = c.Optional(c.Type(str))
    """The website's name in the heading. Default: ``site_name``."""

    organisation = c.Type(str, default="")
    """The organisation that runs the website, such as "Example Borough Council". Required for a real site:
    while it is empty the build warns and the statement says "the organisation that runs this website"."""

    scope = c.Type(str, default="")
    """What the statement covers, such as "the website https://charters.example.gov.uk". Default: the
    website named by ``site_url``, or "this website"."""

    email = EmailAddress()
    """The email address for requests for other formats and for reporting problems, such as
    ``access@example.gov.uk`` (without ``mailto:``)."""

    phone = c.Type(str, default="")
    """A phone number for the same."""

    address = c.Type(str, default="")
    """A postal address for the same."""

    contact_url = WebAddress()
    """A contact form or contact page: a whole address starting ``https://`` (or ``http://``)."""

    response_days = c.Type(int, default=10)
    """How many working days you take to answer a request for another format (GOV.UK's model asks for a
    number of days)."""

    region = c.Choice(REGIONS, default="england")
    """Where the organisation is: ``england``, ``scotland``, ``wales`` or ``northern-ireland``. It decides
    which body enforces the regulations (the EHRC and EASS, or in Northern Ireland the Equality
    Commission)."""

    compliance = c.Optional(c.Choice(COMPLIANCE))
    """``full``, ``partial`` or ``not``: your decision after testing. Only say ``full`` after a full audit.
    While it is empty the build warns and the statement says the site is not compliant and not yet fully
    tested."""

    known_issues = c.ListOfItems(c.SubConfig(KnownIssueConfig), default=[])
    """The parts that are not accessible, each with ``issue``, ``reason`` and optionally ``criterion`` and
    ``plan``."""

    prepared = _Date()
    """When the statement was first prepared, such as 2026-01-15. The build warns while it is empty."""

    reviewed = _Date()
    """When the statement was last reviewed."""

    tested = _Date()
    """When you last tested the website yourselves or had it audited."""

    tested_by = c.Type(str, default="")
    """Who carried out that test, such as "Example Audits Ltd" or "our web team"."""

    testing_notes = c.ListOfItems(c.Type(str), default=[])
    """More about how you tested (which pages, which assistive technologies), one paragraph each."""

    features = c.Optional(c.ListOfItems(c.Type(str)))
    """What visitors should be able to do (the model's "you should be able to" list). Default: what this
    site's software provides (reader settings, easy read, PDFs when they are built, pages readable
    without JavaScript). Set it to an empty list to leave the list out."""

    automated_tests = c.Optional(c.Type(bool))
    """Describe the project's automated browser tests in the statement. Default: yes when the project has
    axe-core (``node_modules/axe-core`` or ``package.json``), because then its test suite runs them. Set it
    to false if your site is published without running the tests."""

    fonts = c.Type(bool, default=True)
    """Copy the Atkinson Hyperlegible fonts (OFL) to ``assets/fonts/`` for the reader settings' "more
    legible font"."""
