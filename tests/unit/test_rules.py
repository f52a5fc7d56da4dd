"""Each rule for a value lives once (charterkit.format.rules) and matches the whole value.

Tricky inputs: a trailing newline (``re.match`` with ``$`` let ``abc\\n`` through), look-alike letters from
other scripts, invisible characters, and lengths at the limit. The model, the linkifier, the MkDocs
options and ``charterkit new`` all answer the same way, because they all ask the one rule.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from charterkit.errors import CharterError
from charterkit.format.rules import (
    SLUG_MAX,
    date_parts,
    is_email,
    is_language_tag,
    is_picture_name,
    is_slug,
    is_web_address,
)
from charterkit.load.loader import find_charter_files, load_charters
from charterkit.render.jinja import linkify

# Suffixes that must make any value invalid: a newline (the old "$" bug), other line ends, a zero-width
# space, a right-to-left mark, a byte-order mark, a NUL and an escape.
BAD_TAILS = ["\n", "\r\n", "\r", "\u2028", "\u200b", "\u200f", "\ufeff", "\x00", "\x1b[31m"]

GOOD = {
    is_slug: ["a", "north-somerset-send", "2025-charter", "a" * SLUG_MAX],
    is_email: ["team@example.org", "o'brien@example.org", "first.last+tag@mail.example.gov.uk", "a_b@x.co"],
    is_web_address: ["https://example.org", "http://example.org/a/b?c=d#e", "HTTPS://EXAMPLE.ORG/"],
    is_language_tag: ["en", "en-GB", "cy", "pl", "zh-Hant-TW"],
    is_picture_name: ["material/handshake", "fontawesome/solid/heart"],
}
BAD = {
    is_slug: [
        "",
        "A",
        "a--b",
        "-a",
        "a-",
        "a b",
        "a_b",
        "a" * (SLUG_MAX + 1),
        "сharter",
        "ａbc",
        "a/b",
        "../a",
    ],
    is_email: [
        "anne!team@example.org",
        "a&b@example.org",
        "a?b@example.org",
        "team@example",
        "team@@example.org",
        "mailto:team@example.org",
        "'team@example.org",
        "team.@example.org",
        "tеam@example.org",  # a Cyrillic "е"
        "team@exаmple.org",  # a Cyrillic "а"
        "team@example.org <x@y.org>",
    ],
    is_web_address: [
        "example.org",
        "javascript:alert(1)",
        "https://",
        "https://exa mple.org",
        'https://example.org/"onmouseover',
        "https://example.org\\@evil.org",
        "https://exam\u200bple.org",
    ],
    is_language_tag: ["", "EN", "english", "e", "en_GB", "en-", "еn"],
    is_picture_name: ["handshake", "material/", "Material/handshake", "a/b/c/d", "material/hand shake"],
}
RULES = list(GOOD)


@pytest.mark.parametrize(("rule", "value"), [(r, v) for r in RULES for v in GOOD[r]])
def test_good_values_pass(rule: object, value: str) -> None:
    assert rule(value)  # type: ignore[operator]


@pytest.mark.parametrize(("rule", "value"), [(r, v) for r in RULES for v in BAD[r]])
def test_bad_values_fail(rule: object, value: str) -> None:
    assert not rule(value)  # type: ignore[operator]


@pytest.mark.parametrize("tail", BAD_TAILS, ids=repr)
@pytest.mark.parametrize(("rule", "value"), [(r, GOOD[r][0]) for r in RULES])
def test_no_good_value_passes_with_an_invisible_or_line_ending_tail(
    rule: object, value: str, tail: str
) -> None:
    assert not rule(value + tail)  # type: ignore[operator]
    assert not rule(tail + value)  # type: ignore[operator]


@pytest.mark.parametrize(
    "value", ["2025\n", "２０２５", "2025-6", "25-06-2025", "2025-06-30T00:00", "2025-٠٦"]
)
def test_dates_are_ascii_digits_in_the_whole_value(value: str) -> None:
    assert date_parts(value) is None


def test_dates_give_their_parts() -> None:
    assert date_parts("2025") == (2025, None, None)
    assert date_parts("2025-06-30") == (2025, 6, 30)


@pytest.mark.parametrize(
    "text",
    [
        "Write to anne!team@example.org.",
        "Write to a&b@example.org.",
        "Write to x.@example.org",
        "tеam@example.org",
    ],
)
def test_linkify_never_links_a_different_address_from_the_one_written(text: str) -> None:
    html = str(linkify(text))
    assert "mailto:" not in html, html


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Write to o'brien@example.org.", "o&#39;brien@example.org"),
        ("(team@example.org)", "team@example.org"),
        ("'team@example.org'", "team@example.org"),
        ("team@example.org, or call", "team@example.org"),
    ],
)
def test_linkify_links_every_valid_address_exactly(text: str, address: str) -> None:
    html = str(linkify(text))
    assert f'href="mailto:{address}">{address}</a>' in html, html


def test_a_long_file_name_is_refused_as_a_slug_like_the_same_slug_field(
    tmp_path: Path, write_charter: object
) -> None:
    """A 90-character file name was accepted as a slug, though ``slug:`` with the same text was refused."""
    name = "-".join(["north-somerset-send"] * 5)[:90].rstrip("-")
    assert len(name) > SLUG_MAX
    path = write_charter(tmp_path, name)  # type: ignore[operator]
    with pytest.raises(CharterError) as info:
        load_charters(find_charter_files(path.parent), base=tmp_path)
    [problem] = info.value.problems
    assert problem.field == "slug" and f"{SLUG_MAX} characters at most" in problem.fix


def test_text_refuses_every_invisible_control_character_and_keeps_tabs_and_new_lines() -> None:
    from charterkit.format.fields import _no_control_chars
    from pydantic_core import PydanticCustomError

    refused = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]  # C0 (but tab, new line), C1
    for code in refused:
        with pytest.raises(PydanticCustomError, match="invisible control character"):
            _no_control_chars(f"We will listen{chr(code)} to each other.")
    for text in ("Tabs\tand\nnew lines.", "A no-break\u00a0space, an é and a ✓."):
        assert _no_control_chars(text) == text
