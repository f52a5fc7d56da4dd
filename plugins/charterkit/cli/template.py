"""The file ``charterkit new`` writes, and the check that its example text has all been replaced.

Every value the editor must write starts as ``"TODO: what to write"``. The check turns each one still
there into a problem whose fix is the rest of that text, so the file itself says what is left to do.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass

from charterkit.format.placeholders import PLACEHOLDER
from charterkit.format.themes import load_themes

__all__ = ["Answers", "render_template"]


@dataclass(frozen=True)
class Answers:
    """What the editor has told ``charterkit new``; ``None`` leaves the example text in the file."""

    title: str | None = None
    organisation: str | None = None
    area: str | None = None
    sector: str | None = None
    published: str | None = None
    omit: frozenset[str] = frozenset()
    """Optional fields the editor said the source does not give: left out, with their comment."""


def _quote(text: str) -> str:
    # JSON strings are valid YAML double-quoted strings; non-ASCII text stays readable.
    return json.dumps(text, ensure_ascii=False)


def _todo(what: str) -> str:
    return _quote(f"{PLACEHOLDER} {what}")


def _field(name: str, value: str | None, todo: str, omit: frozenset[str]) -> str:
    if name in omit:
        return f"# {name}: (the source gives none)"
    return f"{name}: {_quote(value) if value is not None else _todo(todo)}"


def _themes_comment() -> str:
    ids = ", ".join(load_themes())
    return "\n".join("        # " + line for line in textwrap.wrap(ids, 90))


def _opening(a: Answers, omit: frozenset[str], schema_path: str) -> str:
    """The header that says how to fill the file in, the title, subtitle and summary."""
    return f"""\
# yaml-language-server: $schema={schema_path}
#
# A co-production charter for the charters website, made by "charterkit new".
#
# How to fill it in:
# - Replace every "TODO: ..." with the charter's own words, keeping the double quotes around them.
# - Copy the text exactly as the source publishes it. Fix only layout mistakes, such as a word split
#   across two lines. Never add facts the source does not give: if it names no organisation, area or
#   date, delete that line.
# - A line starting with # is a comment, for you: the website ignores it.
# - Indent with spaces, never tabs. Items of a list start with "- ".
# Then run "charterkit check", or open a pull request: its check says, line by line, what is left to do.

# The charter's title, as the source gives it.
{_field("title", a.title, "the charter's title, exactly as the source gives it", omit)}
# A subtitle or tagline under the title, if the source has one. To use it, delete the "# ".
# subtitle: "Working together for better services"

# One sentence shown in the list of charters, in the source's own words. Delete this line if the
# source has no such sentence: the list then shows the charter's first sentence. Never invent one.
summary: {_todo("one sentence saying what the charter is, in the source's own words (or delete it)")}

"""


def _who_where_when(a: Answers, omit: frozenset[str]) -> str:
    """The organisation, area, sector, dates, language and contact."""
    return f"""\
# The organisation that wrote the charter, as the source names it. Delete this line if it names none.
# Written by several organisations? Use "organisations:" instead, one "- " line each:
# organisations:
#   - "Healthwatch Exampleshire"
#   - "Healthwatch Testshire"
{_field("organisation", a.organisation, "the organisation, as the source names it (or delete it)", omit)}

# The place the charter covers, such as Bristol. Delete this line if the source names none.
{_field("area", a.area, "the place the charter covers (or delete this line)", omit)}

# The kind of service, as the source states it, such as adult social care, mental health, or children
# and families. Charters are grouped by this on the "By sector" page, so use the same words as other
# charters. Delete this line if the source does not say: never guess.
{_field("sector", a.sector, "the kind of service, such as adult social care (or delete this line)", omit)}

# When it was published, as exactly as the source says: 2025 (a year), 2025-06 (a month) or
# 2025-06-30 (a day). Delete this line if the source gives no date. ("Dec 2013" is written 2013-12,
# "15/11/2021" is written 2021-11-15.)
{_field("published", a.published, "the date, such as 2025-06 (or delete this line)", omit)}
# When it was last updated, if the source says. To use it, delete the "# ".
# updated: 2026-01

# The language of the charter's text: en-GB for English, cy for Welsh.
language: en-GB

# How readers can contact the organisation, for example to ask for another format. To use it, delete
# the "# " at the start of the lines you need, and fill them in as the source gives them.
# contact:
#   name: "The team or person to contact"
#   email: "name@example.org"
#   phone: "01234 567890"
#   url: "https://www.example.org/contact"

"""


def _source() -> str:
    """Where the text comes from, and who owns it."""
    return f"""\
# Where the text comes from: the document the organisation published.
source:
  # Its title, as published.
  title: {_todo("the title of the published document")}
  # Where it is online, starting with https://. To use it, delete the "# " at the start.
  # url: "https://www.example.org/our-charter.pdf"
  # Anything a reader should know about the source, such as how the text was taken from it.
  # note: "Text taken from the published document."
  # The charter's text is the source's own words, copied word for word. If you wrote or adapted
  # it yourself, delete the "# " at the start of the next line.
  # as_published: false

# Who owns the charter's text. Shown on the charter's page and on the credits page.
credit: {_todo("who owns the text, such as: Text © Example Council. Reproduced with permission.")}

"""


def _sections() -> str:
    """The charter's parts, with one principle to copy."""
    return f"""\
# The charter's parts, in the source's order. Each part starts with "- " and can have:
#   title:      the heading, as the source writes it (leave it out for an untitled opening)
#   kind:       what the part is: introduction, definition, principles, promises, values,
#               commitments, success, mission, vision, get-involved or other
#   text:       paragraphs, one "- " line each
#   points:     a list (promises, values, "I" statements), one "- " line each
#   principles: principles, each with a title, themes, text and points
#   numbered:   true if the source numbers the points or principles ("1. Be open"); leave out if not
#   sections:   parts inside this part (such as "Our mission" inside "Our mission and vision")
# A point with a name before its text ("Be open: Be open to engaging...") is written as two fields:
#       - name: "Be open"
#         text: "Be open to engaging..."
# Text the source has but you could not get (a list cut short, a page missing) is marked where it is
# missing, and readers are told so in that place. Never fill it in yourself:
#       - missing: "The source lists three things; only two were retrieved."
# A principle whose heading is missing has "title_missing: true" instead of "title:".
# Add as many parts, paragraphs and principles as the source has. The format page of the website
# explains every field, with examples.
sections:
  - kind: introduction
    text:
      - {_todo("the charter's first paragraph, word for word")}

  - title: {_todo("the heading of the principles, as the source writes it")}
    kind: principles
    principles:
      - title: {_todo("the first principle's title")}
        # The co-production themes this principle is about (you can leave the list empty), from:
{_themes_comment()}
        themes: []
        # The principle's paragraphs, one "- " line each.
        text:
          - {_todo("the principle's text, word for word")}
        # The principle's list of commitments, if it has one. To use it, delete the "# " at the start.
        # points:
        #   - "We will ..."

"""


def _readability_and_easy_read() -> str:
    """The note about published wording, and the easy-read version."""
    return """\
# Readability: the check scores the text and tells you about long sentences. The charter's text is
# published wording that you copy word for word, so those messages are information, not errors, and
# you never rewrite it. To record that it is published wording (the messages then stop), delete the
# "# " at the start of the next three lines and keep or change the reason:
# readability:
#   accept_over_target: [standard]
#   reason: "The charter as its owner published it, reproduced word for word."

# The easy-read version: short sentences of at most 15 words, each with a picture. The website asks
# for one. If it is not written yet, you can publish the charter now: write "easy_read: pending" and
# readers are told they can ask for easy read. To write it, delete the "# " at the start of each line
# below and put your own words in. Pictures are written as set/name, such as openmoji/handshake: the
# "Pictures" page of the website lists every name. Only fill in checked_by when people with a learning
# disability have checked it.
# easy_read: pending
# easy_read:
#   summary: "This charter says how we will work with you."
#   sections:
#     - heading: "Our promises"
#       points:
#         - text: "We will listen to you."
#           picture: openmoji/ear
#   words:
#     - word: "Co-production"
#       meaning: "People working together as equals."
#   checked_by: []
"""


def render_template(answers: Answers, *, schema_path: str = "../schema/charter.schema.json") -> str:
    """The text of a new charter file: every field explained in a comment above it."""
    a, omit = answers, answers.omit
    return (
        _opening(a, omit, schema_path)
        + _who_where_when(a, omit)
        + _source()
        + _sections()
        + _readability_and_easy_read()
    )
