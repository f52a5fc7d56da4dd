"""A charter full of HTML, Markdown, Jinja and script payloads is published as harmless text.

The payload charter (``tests/fixtures/payload-charter.yml``) puts payloads in every text field. The site
is built with it, PDFs included, and every page, the search index and every PDF are read back: the
payloads must show as the text the editor wrote, and nothing may become markup, a link or a script.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from charterkit.format.schema import charter_schema
from charterkit.load.loader import load_charter

from tests.conftest import BuildResult
from tests.pagefind_index import read_site_index

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "payload-charter.yml"
SAFE_SCHEMES = {"http", "https", "mailto"}
# Markup a payload might have smuggled in. The site's own pages use none of these with these values.
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "frame", "base", "form"}
FRAGMENT = re.compile(r"^[\w-]*$")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcdoc", "data", "xlink:href", "poster", "srcset"}


class Page(HTMLParser):
    """A page read the way a browser would: its elements, their attributes, and its visible text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.texts: list[str] = []
        self.title = ""
        self._in: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "title", "style"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        where = self._in[-1] if self._in else ""
        if where == "script":
            self.scripts.append(data)
        elif where == "title":
            self.title += data
        elif where != "style":
            self.texts.append(data)

    @property
    def text(self) -> str:
        """The visible text, with runs of white space made single spaces."""
        return " ".join("".join(self.texts).split())

    def attribute_values(self) -> Iterator[str]:
        for _, attrs in self.elements:
            yield from attrs.values()


@pytest.fixture(scope="module")
def pages(payload_site: BuildResult) -> dict[str, Page]:
    site = payload_site.site
    return {
        p.relative_to(site).as_posix(): Page(p.read_text(encoding="utf-8"))
        for p in sorted(site.rglob("*.html"))
    }


def charter_texts() -> list[str]:
    """Every piece of text the editor wrote in the payload charter (not addresses, dates or names of pictures)."""
    charter = load_charter(FIXTURE).charter
    skip = {"url", "email", "picture", "date", "published", "language", "kind", "slug", "themes", "numbered"}
    found: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k not in skip:
                    walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            found.append(value)

    walk(charter.model_dump())
    return found


def test_the_fixture_has_a_payload_in_every_text_field() -> None:
    texts = charter_texts()
    assert len(texts) >= 30
    for text in texts:
        assert "<script>" in text or "<img" in text or "<svg" in text, text


def test_no_page_has_a_script_or_handler_from_the_charter(pages: dict[str, Page]) -> None:
    assert "charters/payload-charter/index.html" in pages
    for name, page in pages.items():
        for script in page.scripts:
            assert "__pwned" not in script, name
        for tag, attrs in page.elements:
            assert not (tag in DANGEROUS_TAGS and any("__pwned" in v for v in attrs.values())), (name, tag)
            assert tag not in ("iframe", "object", "embed"), (name, tag)
            assert not (tag == "img" and attrs.get("src") == "x"), name
            for attr, value in attrs.items():
                assert not attr.startswith("on"), (name, tag, attr, value)
                if attr in URL_ATTRIBUTES:
                    # Links to headings carry ids made from charter text: letters, digits and hyphens only.
                    address, _, fragment = value.partition("#")
                    assert "__pwned" not in address, (name, tag, attr, value)
                    assert FRAGMENT.match(fragment), (name, tag, attr, value)


def test_every_link_is_to_the_site_or_a_web_or_mail_address(pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        for tag, attrs in page.elements:
            for attr in URL_ATTRIBUTES & attrs.keys():
                scheme = urlsplit(attrs[attr].strip()).scheme.lower()
                assert scheme in SAFE_SCHEMES | {""}, (name, tag, attr, attrs[attr])


def test_payloads_show_as_the_text_the_editor_wrote(pages: dict[str, Page]) -> None:
    standard = pages["charters/payload-charter/index.html"]
    easy = pages["charters/payload-charter/easy-read/index.html"]
    listing = pages["charters/index.html"]  # the summary is shown in the list of charters
    shown = " ".join(
        [standard.text, easy.text, listing.text, *(v for p in (standard, easy) for v in p.attribute_values())]
    )
    for text in charter_texts():
        assert " ".join(text.split()) in shown, text
    # Markdown, Jinja and markers stay as written: nothing was rendered or filled in.
    for literal in (
        "**bold**",
        "{{ 7*7 }}",
        "{% raw %}{{ config }}{% endraw %}",
        "[x](javascript:window.__pwned=1)",
        "<!-- charterkit:charter-list -->",
        "&lt;script&gt;window.__pwned=1&lt;/script&gt;",
    ):
        assert literal in standard.text, literal


def test_page_titles_are_text(pages: dict[str, Page], payload_site: BuildResult) -> None:
    page = pages["charters/payload-charter/index.html"]
    assert page.title.startswith("Payload charter <script>window.__pwned=1</script> </title><script>")
    raw = payload_site.html("charters/payload-charter/")
    assert "<title>Payload charter &lt;script&gt;window.__pwned=1&lt;/script&gt; &lt;/title&gt;" in raw


def test_the_search_index_holds_payloads_as_the_text_readers_see(payload_site: BuildResult) -> None:
    # Pagefind keeps each page's text, not its HTML: a payload is there as the words the page shows, and
    # the search page puts titles and excerpts into the page as text (tests/browser/test_payloads.py).
    pages = {p.url: p for p in read_site_index(payload_site.site)}
    charter = pages["/charters/payload-charter/"]
    assert charter.title.startswith("Payload charter <script>window.__pwned=1</script>")
    assert '<img src=x onerror="window.__pwned=1">' in charter.content
    assert "{{ 7*7 }}" in charter.content


def test_the_json_schema_is_unaffected(payload_site: BuildResult) -> None:
    published = json.loads((payload_site.site / "schema" / "charter.schema.json").read_text(encoding="utf-8"))
    assert published == charter_schema()
    assert "__pwned" not in json.dumps(published)


# -- the PDFs ----------------------------------------------------------------------------------------------


def _pdfs(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.pdf"))
    assert found, "the payload site was built with PDFs, but has none"
    return found


def _walk(obj: Any, seen: set[int]) -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair in a PDF object graph, following references once each."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return
        seen.add(obj.idnum)
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        for key, value in obj.items():
            yield str(key), value.get_object() if isinstance(value, IndirectObject) else value
            yield from _walk(value, seen)
    elif isinstance(obj, ArrayObject):
        for item in obj:
            yield from _walk(item, seen)


def test_pdfs_show_payloads_as_text(payload_site: BuildResult) -> None:
    from pypdf import PdfReader

    payload_pdfs = [p for p in _pdfs(payload_site.site) if "payload-charter" in p.name or "booklet" in p.name]
    assert len(payload_pdfs) >= 3
    for path in payload_pdfs:
        text = "".join("".join(page.extract_text() for page in PdfReader(path).pages).split())
        for literal in (
            "<script>window.__pwned=1</script>",
            '"><svgonload=window.__pwned=1>',
            "{{7*7}}",
            "**bold**",
            "&lt;script&gt;",
        ):
            assert literal in text, (path.name, literal)


def test_pdfs_hold_no_scripts_and_only_safe_links(payload_site: BuildResult) -> None:
    from pypdf import PdfReader

    for path in _pdfs(payload_site.site):
        reader = PdfReader(path)
        seen: set[int] = set()
        for key, value in _walk(reader.trailer, seen):
            assert key not in (
                "/JavaScript",
                "/JS",
                "/Launch",
                "/SubmitForm",
                "/ImportData",
                "/AA",
                "/RichMedia",
                "/EmbeddedFile",
            ), (path.name, key)
            if key == "/OpenAction":
                assert "/S" not in value or value["/S"] not in ("/JavaScript", "/Launch"), path.name
            if key == "/S" and value == "/URI":
                continue
            if key == "/URI":
                assert urlsplit(str(value)).scheme in SAFE_SCHEMES, (path.name, value)
        assert os.path.getsize(path) > 0
