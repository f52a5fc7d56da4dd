"""The charters as plain data (JSON) and their principles as rows (CSV).

The JSON holds every word of each charter, so every other format could be made from it; it adds where
each charter and principle is on the site and the files it comes in. Keys are sorted and nothing in it
depends on when or where it was built.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from charterkit.format.model import Charter, Principle, Section
from charterkit.format.themes import load_themes
from charterkit.load.loader import LoadedCharter
from charterkit.render.views import Block, build_view

__all__ = [
    "CSV_COLUMNS",
    "TERMS",
    "FormatLink",
    "charter_record",
    "collection_record",
    "dumps",
    "principle_rows_csv",
    "principles_csv",
]

TERMS = (
    "Each charter's text belongs to the organisation that wrote it: its credit says whose it is and must "
    "go with any copy. The arrangement of the data is free to reuse."
)
"""The terms of reuse, stated in the JSON and on the downloads page."""

CSV_COLUMNS = ("charter", "organisation", "area", "sector", "title", "text", "themes", "url")
"""The columns of ``principles.csv``, one row per principle."""


@dataclass(frozen=True)
class FormatLink:
    """A file or page a charter comes as: its media type, address and a label a person reads."""

    type: str
    url: str
    label: str


def dumps(data: Any) -> str:
    """JSON as published: sorted keys, two-space indents, UTF-8 characters kept, a final newline.

    Written by orjson, which writes exactly what Python's ``json.dumps(data, indent=2, sort_keys=True,
    ensure_ascii=False)`` writes for this data (strings, whole numbers, lists, mappings with text keys:
    a test compares them) in a tenth of the time: Python's encoder is pure Python once indents are
    asked for. What orjson refuses (a number too big for it) is written by Python's."""
    try:
        return orjson.dumps(data, option=_ORJSON).decode("utf-8")
    except orjson.JSONEncodeError:
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


_ORJSON = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE


def _principle(p: Principle, block: Block, page_url: str) -> dict[str, Any]:
    return {
        "title": block.title or "",
        "id": block.id,
        "url": f"{page_url}#{block.id}",
        "themes": list(p.themes),
        # The view's plain strings: a named point as "Name: text", a gap as its label and note.
        "text": list(block.text),
        "points": list(block.points),
        "numbered": p.numbered,
    }


def _section(s: Section, block: Block, page_url: str) -> dict[str, Any]:
    # The view's blocks mirror the sections: a section's children are its principles, then its sections.
    kids = block.children
    principles = kids[: len(s.principles)]
    subsections = kids[len(s.principles) :]
    return {
        "title": s.title,
        "kind": s.kind,
        "id": block.id,
        "url": f"{page_url}#{block.id}" if block.id else None,
        "text": list(block.text),
        "points": list(block.points),
        "numbered": s.numbered,
        "after": list(block.after),
        "principles": [_principle(p, b, page_url) for p, b in zip(s.principles, principles, strict=True)],
        "sections": [_section(x, b, page_url) for x, b in zip(s.sections, subsections, strict=True)],
    }


def _themes_of(charter: Charter) -> list[str]:
    named: set[str] = set()

    def visit(sections: Sequence[Section]) -> None:
        for s in sections:
            for p in s.principles:
                named.update(p.themes)
            visit(s.sections)

    visit(charter.sections)
    return [t for t in load_themes() if t in named]


def charter_record(
    loaded: LoadedCharter,
    *,
    page_url: str,
    easy_read_url: str | None,
    formats: Sequence[FormatLink] = (),
    reserved: Sequence[str] = (),
) -> dict[str, Any]:
    """One charter as data. ``page_url`` is its page's address (anchors are added to it); ``formats``
    lists its files besides the web pages (PDFs now; more types may be appended)."""
    c = loaded.charter
    view = build_view(loaded, reserved=reserved)
    links = [FormatLink("text/html", page_url, "Web page")]
    if easy_read_url:
        links.append(FormatLink("text/html", easy_read_url, "Easy read web page"))
    links.extend(formats)
    return {
        "slug": loaded.slug,
        "title": c.title,
        "summary": c.summary,
        "organisation": c.organisation,
        "area": c.area,
        "sector": c.sector,
        "published": c.published,
        "language": c.language,
        "credit": c.credit,
        "source": c.source.model_dump(mode="json"),
        "contact": c.contact.model_dump(mode="json") if c.contact else None,
        "url": page_url,
        "themes": _themes_of(c),
        "sections": [_section(s, b, page_url) for s, b in zip(c.sections, view.blocks, strict=True)],
        "easy_read": c.easy_read.model_dump(mode="json") if c.easy_read else None,
        "formats": [{"type": f.type, "url": f.url, "label": f.label} for f in links],
    }


def collection_record(records: Sequence[Mapping[str, Any]], *, site_name: str) -> dict[str, Any]:
    """Every charter (A to Z by title, as given) with the themes list and the terms of reuse."""
    return {
        "site": site_name,
        "terms": TERMS,
        "themes": [
            {"id": t.id, "label": t.label, "definition": t.definition} for t in load_themes().values()
        ],
        "charters": list(records),
    }


def _principle_rows(record: Mapping[str, Any], sections: Sequence[Mapping[str, Any]]) -> list[list[str]]:
    rows = []
    for s in sections:
        for p in s["principles"]:
            words = [*p["text"], *(f"- {point}" for point in p["points"])]
            rows.append(
                [
                    record["title"],
                    record["organisation"] or "",
                    record["area"] or "",
                    record["sector"] or "",
                    p["title"],
                    "\n".join(words),
                    " ".join(p["themes"]),
                    p["url"],
                ]
            )
        rows.extend(_principle_rows(record, s["sections"]))
    return rows


def principles_csv(records: Sequence[Mapping[str, Any]], rows: Sequence[str] | None = None) -> str:
    """One row per principle (columns :data:`CSV_COLUMNS`); its paragraphs and its points ("- " first)
    on separate lines of one cell; themes as ids separated by spaces. ``rows``: each record's
    :func:`principle_rows_csv`, when made already."""
    return _csv([CSV_COLUMNS]) + "".join(rows if rows is not None else map(principle_rows_csv, records))


def principle_rows_csv(record: Mapping[str, Any]) -> str:
    """The rows of :func:`principles_csv` for one charter's record."""
    return _csv(_principle_rows(record, record["sections"]))


def _csv(rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
