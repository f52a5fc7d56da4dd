"""Built pages as readers meet them: easy read one link from every card, an "Easy read" page written in
easy read, hard words explained where they first appear, short sentences in what the templates add, the
skip link's target, landmarks, the editors' pages out of the public menu, one wording for a missing
value, the council's own pictures, and the readability report's wording."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from charterkit.format.dates import NOT_STATED
from charterkit.readability.sentences import count_words, split_sentences

from tests.conftest import MINIMAL, BuildResult, run_build

SLUGS = [
    "changing-futures-bristol",
    "gloucestershire-collaborative-partnership-board",
    "mental-health-service-charter",
    "north-somerset-send-partnership",
    "wolverhampton-children-and-families",
]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _sentences(html: str) -> list[str]:
    """The sentences of each paragraph, list item, term or heading of ``html``, each read on its own."""
    units = re.split(r"</?(?:p|li|ul|ol|dl|dt|dd|div|h[1-6]|section|nav)\b[^>]*>", html)
    return [s for unit in units for s in split_sentences(_text(unit))]


def _main(html: str) -> str:
    return html.split('<main class="ck-main"', 1)[1].split("</main>", 1)[0]


def test_every_card_links_to_the_easy_read_page(seed_site: BuildResult) -> None:
    for page, prefix in (("index.html", "charters/"), ("charters/", ""), ("charters/by-sector/", "../")):
        html = seed_site.html(page)
        for slug in SLUGS:
            card = html.split(f'href="{prefix}{slug}/"', 1)[1].split("</li>", 1)[0]
            assert f'href="{prefix}{slug}/easy-read/"' in card, (page, slug)
            assert "Easy read version" in card


def test_the_easy_read_page_lists_every_easy_read_charter_in_easy_read(seed_site: BuildResult) -> None:
    html = seed_site.html("easy-read/")
    main = _main(html)
    for slug in SLUGS:
        assert f'href="../charters/{slug}/easy-read/"' in main
    # It is in the menu, and written in easy read: short sentences, one calm column.
    assert re.search(
        r'<a href="easy-read/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Easy read',
        seed_site.html("index.html"),
    )
    sentences = _sentences(main.split("</h1>", 1)[1])
    assert sentences and max(count_words(s) for s in sentences) <= 15, sentences
    assert 'data-md-type="navigation" hidden' in html and 'data-md-type="toc" hidden' in html


def test_hard_words_are_bold_with_their_meaning_where_they_first_appear(seed_site: BuildResult) -> None:
    main = _main(seed_site.html("charters/north-somerset-send-partnership/easy-read/"))
    first = main.index('<strong class="ck-er-term">')
    assert 'class="ck-er-summary"' in main[:first] or "ck-er-text" in main[:first]
    terms = re.findall(r'<strong class="ck-er-term">([^<]+)</strong>', main)
    assert "co-production" in [t.lower() for t in terms]
    assert len({t.lower() for t in terms}) == len(terms), "a word is explained once, the first time"
    meaning = re.search(
        r'<p class="ck-er-meaning"[^>]*><strong>Co-production</strong> means: ([^<]+)</p>', main
    )
    assert meaning and "work together as equals" in meaning.group(1)
    # The summary is plain text, not all bold.
    assert (
        "font-weight: 700"
        not in (Path(seed_site.site) / "assets/charterkit.css")
        .read_text()
        .split(".ck-er-summary", 1)[-1][:40]
    )


def test_every_sentence_the_templates_add_to_easy_read_has_at_most_15_words(seed_site: BuildResult) -> None:
    for slug in SLUGS:
        main = _main(seed_site.html(f"charters/{slug}/easy-read/"))
        # Leave out the charter's own words: its points, summary, word list and meanings.
        ours = re.sub(
            r'<(p|dl|h1|h2) class="ck-er-(?:text|summary|words|meaning)"[^>]*>.*?</\1>|<h[12][^>]*>.*?</h[12]>',
            " ",
            main,
            flags=re.DOTALL,
        )
        for sentence in _sentences(ours):
            assert count_words(sentence) <= 15, (slug, sentence)


def test_skip_link_leads_to_the_h1_inside_the_one_main_landmark(seed_site: BuildResult) -> None:
    for page in (
        "charters/north-somerset-send-partnership/",
        "charters/north-somerset-send-partnership/easy-read/",
        "readability/",
        "about/",
    ):
        html = seed_site.html(page)
        target = re.search(r'<a href="#([^"]+)" class="md-skip">', html)
        assert target, page
        main = _main(html)
        assert re.search(rf'<h1 id="{re.escape(target.group(1))}"', main), (page, target.group(1))
        assert html.count("<main") == 1 and "<nav" not in main, page


def test_a_contents_box_needs_two_entries(seed_site: BuildResult) -> None:
    # The accessibility statement has many headings; "About co-production" has fewer than two.
    statement = seed_site.html("accessibility/")
    assert 'data-md-type="toc" >' in statement or 'data-md-type="toc">' in statement
    for page in seed_site.site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        toc = re.search(r'data-md-type="toc"\s*(hidden)?', html)
        if toc and not toc.group(1):
            assert html.count('class="md-nav__link"', html.index('data-md-type="toc"')) >= 2, page


def test_editors_pages_leave_the_public_menu_and_are_linked_once_from_the_footer(
    seed_site: BuildResult,
) -> None:
    home = seed_site.html("index.html")
    menu = home.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    for title in ("Adding a charter", "Safety and bad input", "Configuring the site", "For editors"):
        assert title not in menu, title
    footer = home.split('class="ck-footer-links"', 1)[1].split("</nav>", 1)[0]
    assert footer.count("For editors") == 1 and 'href="for-editors/"' in footer
    hub = _main(seed_site.html("for-editors/"))
    pages = (
        "editors",
        "format",
        "testing",
        "pdfs",
        "readability-method",
        "configuration",
        "security",
        "developers",
    )
    for page in pages:
        assert f'href="../{page}/"' in hub, page
        assert (seed_site.site / page / "index.html").is_file()


def test_one_wording_for_a_missing_value(project_factory: Callable[..., Path]) -> None:
    charter = MINIMAL.replace("sector: Testing\n", "")
    result = run_build(project_factory({"no-details.yml": charter}))
    assert result.returncode == 0, result.output
    site = result.site
    for page in ("charters/no-details/", "charters/", "index.html"):
        text = _text((site / page / "index.html" if page.endswith("/") else site / page).read_text())
        assert f"Sector {NOT_STATED}" in text and f"Published {NOT_STATED}" in text, page
        for other in ("Not given", "Date not given"):
            assert other not in text, (page, other)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_a_council_uses_its_own_picture_file(project_factory: Callable[..., Path]) -> None:
    charter = MINIMAL.replace(
        "          picture: material/ear-hearing\n",
        '          picture: pictures/listening.png\n          alt: "Two people talking at a table"\n',
    )
    project = project_factory({"own.yml": charter})
    (project / "charters" / "pictures").mkdir()
    (project / "charters" / "pictures" / "listening.png").write_bytes(PNG)
    result = run_build(project)
    assert result.returncode == 0, result.output
    html = result.html("charters/own/easy-read/")
    assert '<img src="../pictures/listening.png" alt="Two people talking at a table">' in html
    assert (result.site / "charters" / "own" / "pictures" / "listening.png").read_bytes() == PNG
    # The other formats take it too: a PNG goes into the easy-read Word file as it is.
    from PIL import Image

    Image.new("RGB", (8, 8), "navy").save(project / "charters" / "pictures" / "listening.png")
    real = (project / "charters" / "pictures" / "listening.png").read_bytes()
    with_formats = run_build(project, env={"CHARTERKIT_FORMATS": "1"})
    assert with_formats.returncode == 0, with_formats.output
    docx = next((with_formats.site / "charters" / "own").rglob("*easy-read*.docx"))
    with zipfile.ZipFile(docx) as z:
        assert real in [z.read(n) for n in z.namelist() if n.startswith("word/media/")]


def test_a_bad_picture_file_is_a_located_error(project_factory: Callable[..., Path]) -> None:
    cases = {
        "missing.png": ("", 'there is no picture file "pictures/missing.png"'),
        "fake.png": ("not a picture", "is not a PNG picture inside"),
        "notes.txt": ("text", "is not a picture file this site can show"),
    }
    for name, (content, message) in cases.items():
        charter = MINIMAL.replace(
            "          picture: material/ear-hearing\n",
            f'          picture: pictures/{name}\n          alt: "A picture"\n',
        )
        project = project_factory({"bad.yml": charter})
        folder = project / "charters" / "pictures"
        folder.mkdir(exist_ok=True)
        if content:
            (folder / name).write_text(content)
        result = run_build(project)
        assert result.returncode != 0 and "Traceback" not in result.output, result.output
        assert re.search(
            rf"charters/bad\.yml:\d+: easy_read\.sections\[0\]\.points\[0\]\.picture: .*{message}",
            result.output,
        ), result.output
        for f in folder.iterdir():
            f.unlink()
    # A picture file needs alt text.
    charter = MINIMAL.replace(
        "          picture: material/ear-hearing\n", "          picture: pictures/ok.png\n"
    )
    project = project_factory({"bad.yml": charter})
    (project / "charters" / "pictures").mkdir(exist_ok=True)
    (project / "charters" / "pictures" / "ok.png").write_bytes(PNG)
    result = run_build(project)
    assert result.returncode != 0 and "needs alt text" in result.output, result.output


def test_the_report_reads_correctly_and_lists_no_everyday_words(seed_site: BuildResult) -> None:
    text = _text(seed_site.html("readability/"))
    assert "but not changed: The" not in text
    assert "word for word. Its readability is reported here, but its words are not changed." in text
    hard = re.findall(r"Hard words \([^)]*\): ([^.]*)\.", text)
    assert hard
    listed = {w.strip() for line in hard for w in line.split(",")}
    for everyday in ("everyone", "together", "families", "important", "community"):
        assert everyday not in listed, everyday
    for name in ("wolverhampton", "gloucestershire"):
        assert name not in listed, name
