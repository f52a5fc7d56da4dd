"""The readability report is one set of data shown three ways (web page, Markdown, terminal text).

They had drifted: the page listed every hard word and the others only the first 30; words to avoid were
made unique by different rules. Now each list comes from the scores once, and all three show the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from charterkit.load.loader import load_charter
from charterkit.readability.report import report_markdown, report_terminal
from charterkit.readability.scoring import DEFAULT_TARGETS, EASY_READ, STANDARD, score_charter
from charterkit.render.jinja import make_env

from tests.conftest import MINIMAL

HARD = [f"{w}" for w in ("communication", "opportunity", "responsibility", "community", "information")]
MANY_HARD = " ".join(
    f"{prefix}{w}" for prefix in ("", "re", "pre", "co", "un", "over", "under", "inter") for w in HARD
)


def test_hard_words_and_words_to_avoid_are_the_same_in_every_format(
    tmp_path: Path, write_charter: Callable[..., Path]
) -> None:
    text = MINIMAL.replace(
        "We will listen to each other.",
        f"We will Collaborate. We will collaborate and collaborate again. {MANY_HARD}.",
    )
    item = load_charter(write_charter(tmp_path, "alpha", text), "charters/alpha.yml")
    scores = score_charter(item, DEFAULT_TARGETS)
    sc = scores.standard
    assert len(sc.hard_words) > 30
    assert [w.word for w in sc.words_to_avoid] == ["Collaborate"]

    markdown = report_markdown([scores], DEFAULT_TARGETS)
    terminal = report_terminal([scores], DEFAULT_TARGETS)
    html = (
        make_env([])
        .get_template("charterkit/readability-report.html")
        .render(
            rows=[{"scores": scores, "href": "", "id": "charter-alpha"}],
            targets=DEFAULT_TARGETS,
            STANDARD=STANDARD,
            EASY_READ=EASY_READ,
            method_href="",
        )
    )
    for shown in (markdown, terminal, html):
        assert all(word in shown for word in sc.hard_words), shown
        assert not re.search(r"and \d+ more", shown), shown
    assert markdown.count("(try: work with)") == terminal.count("(try: work with)") == 1
    assert html.count("try “work with”") == 1
