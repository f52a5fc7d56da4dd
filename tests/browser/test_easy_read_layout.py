"""The easy-read page as a reader sees it: large text, wide spacing, a picture at least 120 px wide on the
left of its words (GUIDE.md), or above them where the screen is too narrow for both side by side."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser

PAGE = "charters/north-somerset-send-partnership/easy-read/"


@pytest.mark.parametrize("width", [1280, 320])
def test_easy_read_text_is_large_widely_spaced_plain_and_beside_its_picture(
    browser: Any, site_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url + PAGE)
        points = page.eval_on_selector_all(
            ".ck-er-point",
            """items => items.map(li => {
                const text = li.querySelector('.ck-er-text');
                const picture = li.querySelector('.ck-er-picture');
                const style = getComputedStyle(text);
                const t = text.getBoundingClientRect(), p = picture.getBoundingClientRect();
                return {
                    size: parseFloat(style.fontSize),
                    spacing: parseFloat(style.lineHeight) / parseFloat(style.fontSize),
                    align: style.textAlign, italic: style.fontStyle, underline: style.textDecorationLine,
                    pictureLeft: p.right <= t.left + 1, pictureAbove: p.bottom <= t.top + 1,
                    pictureShown: p.width >= 120 && p.height >= 120,
                };
            })""",
        )
        assert len(points) >= 20
        for point in points:
            assert point["size"] >= 20, point  # at least 20 px on screen
            assert point["spacing"] >= 1.5, point
            assert point["align"] in ("left", "start"), point
            assert point["italic"] == "normal", point
            assert point["underline"] == "none", point
            assert point["pictureShown"], point
            # Side by side on a wide screen; at 320 px a 120 px picture beside the words would leave
            # them about 13 characters a line, so it goes above them.
            assert point["pictureLeft"] if width >= 1280 else point["pictureAbove"], point
    finally:
        context.close()
