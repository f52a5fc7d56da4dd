"""Every file of the open data, in the order a site publishes them.

Takes the charters and the PDFs made of each, returns each file's name (under :data:`OPEN_DATA`), what it
holds (empty for the one-per-charter files, which the downloads page does not list) and its text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from charterkit.load.loader import LoadedCharter
from charterkit.memo import BytesStore, Memo
from charterkit.opendata.feed import atom_feed
from charterkit.opendata.records import (
    FormatLink,
    charter_record,
    collection_record,
    dumps,
    principle_rows_csv,
    principles_csv,
)
from charterkit.opendata.schema import opendata_schema
from charterkit.render.pages import RESERVED_IDS, Link

__all__ = ["OPEN_DATA", "DataFile", "open_data_files"]

OPEN_DATA = "data"
"""The folder of the open data, under the site's root."""


@dataclass(frozen=True)
class DataFile:
    name: str
    """The file's path under :data:`OPEN_DATA`."""
    what: str
    """What it holds, for the downloads page; empty for files that page does not list."""
    content: str


def _charter_records(
    charters: Sequence[LoadedCharter],
    pdf_links: Mapping[str, Sequence[Link]],
    *,
    prefix: str,
    base: str,
    store: BytesStore | None,
) -> list[tuple[dict[str, Any], str]]:
    """Each charter's record and its JSON text, by title, with the addresses of its pages and PDFs."""
    made = []
    for item in sorted(charters, key=lambda c: (c.charter.title.lower(), c.slug)):
        pdfs = [FormatLink("application/pdf", prefix + p.href, p.label) for p in pdf_links.get(item.slug, [])]
        made.append(_record(item, pdfs, prefix, base, store))
    return made


def open_data_files(
    charters: Sequence[LoadedCharter],
    pdf_links: Mapping[str, Sequence[Link]],
    *,
    site_url: str,
    base: str,
    site_name: str,
    store: BytesStore | None = None,
) -> list[DataFile]:
    """The open data of ``charters``: a file per charter, then the collection, CSV, feed and schema.

    ``site_url`` is the site's address (may be empty), ``base`` the folder of the charter pages. Each
    charter's record is kept in ``store`` (the build's cache) while its file and links are the same.
    """
    site = site_url.rstrip("/")
    prefix = f"{site}/" if site else ""
    made = _charter_records(charters, pdf_links, prefix=prefix, base=base, store=store)
    records = [record for record, _ in made]
    rows = _again(_LAST_ROWS, made, lambda record, _: principle_rows_csv(record))
    files = [DataFile(f"charters/{record['slug']}.json", "", text) for record, text in made]
    files.append(
        DataFile(
            "charters.json",
            "Every charter: its details, sections, principles with their themes, and links to its formats",
            _collection(_again(_LAST_NESTED, made, lambda _, text: _nested(text)), site_name),
        )
    )
    files.append(
        DataFile(
            "principles.csv",
            "One row per principle: charter, organisation, area, sector, title, text, themes, address",
            principles_csv(records, rows),
        )
    )
    feed = atom_feed(
        records,
        title=site_name,
        feed_url=f"{prefix}{OPEN_DATA}/charters.atom",
        site_url=prefix or "../",
    )
    files.append(DataFile("charters.atom", "An Atom feed of the charters, newest first", feed))
    files.append(
        DataFile(
            "charters.schema.json",
            "The JSON Schema that charters.json and each charter's file follow",
            dumps(opendata_schema()),
        )
    )
    return files


def _record(
    item: LoadedCharter, pdfs: list[FormatLink], prefix: str, base: str, store: BytesStore | None
) -> tuple[dict[str, Any], str]:
    """The charter's record and its JSON text (Python's encoder is slow with indents). Each is kept, in
    this process for the preview's next rebuild and in ``store`` for the next build, under the charter
    file's fingerprint (its bytes and name) and its links."""
    memo: Memo[tuple[dict[str, Any], str]] = Memo("open-data-record", store)
    key = memo.key(item.source, item.slug, repr(pdfs), prefix, base) if item.source else ""
    found = memo.get(key) if key else None
    if found is not None:
        return found
    record = charter_record(
        item,
        page_url=f"{prefix}{base}/{item.slug}/",
        easy_read_url=f"{prefix}{base}/{item.slug}/easy-read/" if item.charter.easy_read else None,
        formats=pdfs,
        reserved=RESERVED_IDS,
    )
    text = dumps(record)
    if key:
        memo.put(key, (record, text))
    return record, text


def _collection(nested: Sequence[str], site_name: str) -> str:
    """``dumps(collection_record(records))``, made from each record's own JSON text, nested
    (:func:`_nested`)."""
    marks = [f"\0{i}\0" for i in range(len(nested))]
    out = dumps(collection_record(marks, site_name=site_name))  # type: ignore[arg-type]
    return _MARK.sub(lambda m: nested[int(m.group(1))], out)


def _nested(text: str) -> str:
    """A record's JSON text as the collection holds it, two levels in: four more spaces on each line."""
    return text.rstrip("\n").replace("\n", "\n    ")


_LAST_ROWS: dict[str, str] = {}
_LAST_NESTED: dict[str, str] = {}


def _again(
    last: dict[str, str],
    made: Sequence[tuple[dict[str, Any], str]],
    make: Callable[[dict[str, Any], str], str],
) -> list[str]:
    """``make(record, text)`` of each record, taken from ``last`` (what the last call made, by the record's
    JSON text) when its text is the same: the preview's rebuilds make it again only for the charters that
    changed (a thousand charters' CSV rows and nesting took 0.1 s a rebuild). ``last`` then holds this
    call's, and no more."""
    out = [last[text] if text in last else make(record, text) for record, text in made]
    last.clear()
    last.update(zip((text for _, text in made), out, strict=True))
    return out


_MARK = re.compile(r'"\\u0000(\d+)\\u0000"')
