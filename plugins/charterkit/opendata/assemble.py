"""Every file of the open data, in the order a site publishes them.

Takes the charters and the PDFs made of each, returns each file's name (under :data:`OPEN_DATA`), what it
holds (empty for the one-per-charter files, which the downloads page does not list) and its text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
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
class _Made:
    """One charter's open data, made once: its record, the record's JSON text and its rows of the CSV."""

    record: dict[str, Any]
    text: str
    rows: str


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
) -> list[_Made]:
    """Each charter's record, its JSON text and CSV rows, by title, with the addresses of its pages and
    PDFs."""
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
    records = [m.record for m in made]
    files = [DataFile(f"charters/{m.record['slug']}.json", "", m.text) for m in made]
    files.append(
        DataFile(
            "charters.json",
            "Every charter: its details, sections, principles with their themes, and links to its formats",
            _collection([m.text for m in made], site_name),
        )
    )
    files.append(
        DataFile(
            "principles.csv",
            "One row per principle: charter, organisation, area, sector, title, text, themes, address",
            principles_csv(records, [m.rows for m in made]),
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
) -> _Made:
    """The charter's record, its JSON text (Python's encoder is slow with indents) and its CSV rows. Each
    is kept, in this process for the preview's next rebuild and in ``store`` for the next build, under
    the charter file's fingerprint (its bytes and name) and its links: a rebuild at 1,000 charters makes
    them only for the charter edited."""
    memo: Memo[_Made] = Memo("open-data-record", store)
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
    made = _Made(record, dumps(record), principle_rows_csv(record))
    if key:
        memo.put(key, made)
    return made


def _collection(texts: Sequence[str], site_name: str) -> str:
    """``dumps(collection_record(records))``, made from each record's own JSON text: the collection
    holds each record two levels in, so its text is the record's with four more spaces on each line."""
    marks = [f"\0{i}\0" for i in range(len(texts))]
    out = dumps(collection_record(marks, site_name=site_name))  # type: ignore[arg-type]
    nested = [text.rstrip("\n").replace("\n", "\n    ") for text in texts]
    return _MARK.sub(lambda m: nested[int(m.group(1))], out)


_MARK = re.compile(r'"\\u0000(\d+)\\u0000"')
