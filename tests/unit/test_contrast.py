"""WCAG contrast: known pairs, and the nearest colour that passes."""

from __future__ import annotations

import colorsys

import pytest
from charterkit.render.contrast import (
    contrast_ratio,
    format_ratio,
    nearest_passing,
    parse_colour,
    relative_luminance,
    shade,
    to_hex,
)

WHITE = (255, 255, 255)
BLACK = (0, 0, 0)
SLATE = (30, 33, 41)


@pytest.mark.parametrize(
    ("fg", "bg", "ratio"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
        ("#777777", "#ffffff", 4.48),  # one step lighter: fails
        ("#0000ff", "#ffffff", 8.59),
        ("#ff0000", "#ffffff", 4.0),
        ("#1d5a8e", "#ffffff", 7.23),  # charterkit's default brand colour
    ],
)
def test_known_pairs(fg: str, bg: str, ratio: float) -> None:
    got = contrast_ratio(parse_colour(fg), parse_colour(bg))
    assert round(got, 2) == ratio
    assert contrast_ratio(parse_colour(bg), parse_colour(fg)) == got  # order does not matter


def test_luminance_ends() -> None:
    assert relative_luminance(BLACK) == 0
    assert relative_luminance(WHITE) == pytest.approx(1)


def test_ratios_are_shown_rounded_down() -> None:
    # 4.4999 must never read as "4.50:1" next to "needs 4.5:1".
    assert format_ratio(4.4999) == "4.49:1"
    assert format_ratio(contrast_ratio(parse_colour("#777777"), WHITE)) == "4.47:1"
    assert format_ratio(21) == "21.00:1"


@pytest.mark.parametrize("text", ["#1D5A8E", "1d5a8e", " #1d5a8e "])
def test_parse(text: str) -> None:
    assert parse_colour(text) == (29, 90, 142)
    assert to_hex(parse_colour(text)) == "#1d5a8e"


def test_parse_short_form() -> None:
    assert parse_colour("#fa0") == (255, 170, 0)


@pytest.mark.parametrize("text", ["blue", "#12345", "#gggggg", "rgb(0,0,0)", ""])
def test_parse_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="is not a colour"):
        parse_colour(text)


def _hue(colour: tuple[int, int, int]) -> float:
    return colorsys.rgb_to_hls(*(c / 255 for c in colour))[0]


@pytest.mark.parametrize(
    ("colour", "against", "ratio"),
    [
        ("#5a9bd5", WHITE, 4.5),
        ("#777777", WHITE, 4.5),
        ("#ffbf47", WHITE, 3.0),
        ("#1d5a8e", SLATE, 4.5),
        ("#e0457b", WHITE, 4.5),
        ("#2e7d32", SLATE, 7.0),
    ],
)
def test_nearest_passing(colour: str, against: tuple[int, int, int], ratio: float) -> None:
    original = parse_colour(colour)
    found = nearest_passing(original, against, ratio)
    assert contrast_ratio(found, against) >= ratio
    assert (
        abs(_hue(found) - _hue(original)) < 0.02 or max(found) - min(found) < 3
    )  # same hue (greys have none)
    # Nearest: one step less change in lightness would not pass.
    lightness = colorsys.rgb_to_hls(*(c / 255 for c in original))[1]
    new_lightness = colorsys.rgb_to_hls(*(c / 255 for c in found))[1]
    step_back = shade(found, 0.01 if new_lightness < lightness else -0.01)
    assert contrast_ratio(step_back, against) < ratio


def test_known_suggestion() -> None:
    assert to_hex(nearest_passing(parse_colour("#777777"), WHITE, 4.5)) == "#767676"
    assert to_hex(nearest_passing(parse_colour("#5a9bd5"), WHITE, 4.5)) == "#307abd"


def test_a_passing_colour_is_kept() -> None:
    assert nearest_passing(parse_colour("#1d5a8e"), WHITE, 4.5) == (29, 90, 142)


def test_lighter_against_a_dark_background() -> None:
    found = nearest_passing(parse_colour("#1d5a8e"), SLATE, 4.5)
    assert relative_luminance(found) > relative_luminance(parse_colour("#1d5a8e"))
