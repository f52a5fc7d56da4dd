"""Which PDFs a set of charters gives: three per charter and three booklets, with their site paths."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from charterkit.format.model import EasyRead
from charterkit.load.loader import LoadedCharter

__all__ = ["BOOKLETS", "BOOKLET_PATH", "KINDS", "Document", "Kind", "documents_for", "has_easy_read"]

Kind = Literal["standard", "easy-read", "large-print", "booklet", "booklet-easy-read", "booklet-large-print"]

KINDS: dict[Kind, str] = {
    "standard": "Standard print PDF",
    "easy-read": "Easy read PDF",
    "large-print": "Large print PDF",
    "booklet": "Booklet of all charters, PDF",
    "booklet-easy-read": "Booklet of all charters in easy read, PDF",
    "booklet-large-print": "Booklet of all charters in large print, PDF",
}
"""Each kind of PDF and the words of its download link (GOV.UK style: the details follow in brackets)."""

_NOUNS: dict[Kind, str] = {
    "standard": "standard print PDF",
    "easy-read": "easy read PDF",
    "large-print": "large print PDF",
    "booklet": "booklet PDF",
    "booklet-easy-read": "easy read booklet PDF",
    "booklet-large-print": "large print booklet PDF",
}

BOOKLET_PATH = "downloads/charters-booklet.pdf"
BOOKLETS: dict[Kind, str] = {
    "booklet": BOOKLET_PATH,
    "booklet-large-print": "downloads/charters-booklet-large-print.pdf",
    "booklet-easy-read": "downloads/charters-booklet-easy-read.pdf",
}
"""Each booklet and where it goes: every charter in one PDF, in standard print, large print and easy read
(the easy-read booklet holds the charters that have an easy-read version)."""


@dataclass(frozen=True)
class Document:
    """One PDF to make: what it shows, where it goes in the site, and where its web version is."""

    kind: Kind
    path: str
    """Where the PDF goes, relative to the site root: ``charters/<slug>/<slug>-large-print.pdf``."""
    charters: tuple[LoadedCharter, ...]
    """The charter it shows; every charter for the booklet."""
    page_url: str = ""
    """The address of the web version, relative to the site root (``charters/<slug>/``); for the
    booklet, the list of charters."""
    charter_urls: tuple[str, ...] = ()
    """For the booklet: the address of each charter's page, in the order of ``charters``."""

    @property
    def label(self) -> str:
        """The words of its download link, such as "Large print PDF"."""
        return KINDS[self.kind]

    @property
    def noun(self) -> str:
        """What the PDF is called in a sentence: "the large print PDF"."""
        return _NOUNS[self.kind]

    @property
    def is_booklet(self) -> bool:
        """Whether this PDF holds every charter rather than one."""
        return self.kind in BOOKLETS

    @property
    def slug(self) -> str:
        """The charter's slug; empty for a booklet."""
        return "" if self.is_booklet else self.charters[0].slug

    @property
    def blame(self) -> str:
        """What an error message names: the charter's file, or the booklet."""
        return (
            f"the {self.noun.removesuffix(' PDF')} of all charters"
            if self.is_booklet
            else self.charters[0].display_path
        )


def has_easy_read(item: LoadedCharter) -> bool:
    """Whether the charter has an easy-read text of its own (never one we would have to invent)."""
    return isinstance(item.charter.easy_read, EasyRead)


def documents_for(
    charters: Sequence[LoadedCharter],
    *,
    base: str = "charters",
    booklet: bool = True,
    page_urls: Mapping[tuple[str, str], str] | None = None,
) -> list[Document]:
    """Every PDF of ``charters``: standard, easy read (where the charter has one) and large print, then the
    booklets (standard, large print, and easy read of the charters that have one). ``page_urls`` maps
    ``(slug, "standard" | "easy-read")`` and ``("", "index")`` to web addresses relative to the site
    root; by default ``<base>/<slug>/``, ``<base>/<slug>/easy-read/`` and ``<base>/``."""
    base = base.strip("/")
    prefix = f"{base}/" if base else ""
    urls = page_urls or {}

    def url(slug: str, kind: str) -> str:
        default = {"standard": f"{prefix}{slug}/", "easy-read": f"{prefix}{slug}/easy-read/", "index": prefix}
        return urls.get((slug, kind), default[kind])

    out: list[Document] = []
    for item in charters:
        for kind in ("standard", "easy-read", "large-print"):
            if kind == "easy-read" and not has_easy_read(item):
                continue  # never invent an easy-read text: no easy read in the data, no easy-read PDF
            page = url(item.slug, "easy-read" if kind == "easy-read" else "standard")
            out.append(Document(kind, f"{prefix}{item.slug}/{item.slug}-{kind}.pdf", (item,), page))
    if booklet and charters:
        ordered = tuple(sorted(charters, key=lambda c: c.charter.title.lower()))
        for kind, path in BOOKLETS.items():
            easy = kind == "booklet-easy-read"
            chosen = tuple(c for c in ordered if has_easy_read(c)) if easy else ordered
            if not chosen:
                continue
            pages = tuple(url(c.slug, "easy-read" if easy else "standard") for c in chosen)
            out.append(Document(kind, path, chosen, url("", "index"), pages))
    return out
