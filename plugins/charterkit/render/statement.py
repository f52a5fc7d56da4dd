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

from jinja2 import Environment

from charterkit.render.pages import Rendered
from charterkit.render.statement_settings import (
    AXE_TAGS,
    COMPLIANCE,
    REASONS,
    REGIONS,
    STANDARD,
    UNNAMED_ORGANISATION,
    AutomatedChecks,
    Compliance,
    KnownIssue,
    Reason,
    Region,
    StatementSettings,
    missing_settings,
)
from charterkit.render.views import Heading

__all__ = [
    "AXE_TAGS",
    "COMPLIANCE",
    "REASONS",
    "REGIONS",
    "STANDARD",
    "AutomatedChecks",
    "Compliance",
    "KnownIssue",
    "Reason",
    "Region",
    "StatementSettings",
    "axe_core_version",
    "build_date",
    "format_date",
    "missing_settings",
    "render_statement",
]

_IDS = {
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
"""The id of each heading: the words of GOV.UK's model headings."""


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
        ids=_IDS,
    )
    return Rendered(html, _outline(settings))


def _outline(settings: StatementSettings) -> list[Heading]:
    """The statement's headings, as GOV.UK's model has them; without "Non-accessible content" when the
    site is fully compliant."""
    ids = _IDS
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
    return outline
