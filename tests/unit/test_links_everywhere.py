"""One rule makes links of addresses in running text: the web page and every other format agree."""

from __future__ import annotations

import html
import re

import pytest
from charterkit.formats.content import spans
from charterkit.render.jinja import linkify

_A = re.compile(r'<a [^>]*href="([^"]+)">([^<]+)</a>')


@pytest.mark.parametrize(
    "text",
    [
        "Write to team@example.org or see https://example.org/charter.",
        "anne!team@example.org is not an address to write to.",
        "o'brien@example.org answers, and so does www.example.gov.uk/help.",
        "Call us (https://example.org/a_b), then write: x.y+z@example.co.uk.",
        "No address here, only words.",
    ],
)
def test_the_page_and_the_other_formats_link_the_same_addresses(text: str) -> None:
    on_page = [(html.unescape(m[2]), html.unescape(m[1])) for m in _A.finditer(str(linkify(text)))]
    in_files = [(s.text, s.href) for s in spans(text) if s.href]
    assert in_files == on_page
    assert "".join(s.text for s in spans(text)) == text  # nothing lost


def test_an_address_glued_to_other_characters_is_not_linked_anywhere() -> None:
    assert [s.href for s in spans("anne!team@example.org") if s.href] == []
