"""Every file of the open data, in the order a site publishes them.

Takes the charters and the PDFs made of each, returns each file's name (under :data:`OPEN_DATA`), what it
holds (empty for the one-per-charter files, which the downloads page does not list) and its text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from charterkit.load.loader import LoadedCharter
from charterkit.opendata.feed import atom_feed
from charterkit.opendata.records import (
    FormatLink,
    charter_record,
    collection_record,
    dumps,
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
    charters: Sequence[LoadedCharter], pdf_links: Mapping[str, Sequence[Link]], *, prefix: str, base: str
) -> list[dict[str, Any]]:
    """Each charter's record, by title, with the addresses of its pages and PDFs."""
    records = []
    for item in sorted(charters, key=lambda c: (c.charter.title.lower(), c.slug)):
        pdfs = [FormatLink("application/pdf", prefix + p.href, p.label) for p in pdf_links.get(item.slug, [])]
        records.append(
            charter_record(
                item,
                page_url=f"{prefix}{base}/{item.slug}/",
                easy_read_url=f"{prefix}{base}/{item.slug}/easy-read/" if item.charter.easy_read else None,
                formats=pdfs,
                reserved=RESERVED_IDS,
            )
        )
    return records


def open_data_files(
    charters: Sequence[LoadedCharter],
    pdf_links: Mapping[str, Sequence[Link]],
    *,
    site_url: str,
    base: str,
    site_name: str,
) -> list[DataFile]:
    """The open data of ``charters``: a file per charter, then the collection, CSV, feed and schema.

    ``site_url`` is the site's address (may be empty), ``base`` the folder of the charter pages.
    """
    site = site_url.rstrip("/")
    prefix = f"{site}/" if site else ""
    records = _charter_records(charters, pdf_links, prefix=prefix, base=base)
    files = [DataFile(f"charters/{r['slug']}.json", "", dumps(r)) for r in records]
    files.append(
        DataFile(
            "charters.json",
            "Every charter: its details, sections, principles with their themes, and links to its formats",
            dumps(collection_record(records, site_name=site_name)),
        )
    )
    files.append(
        DataFile(
            "principles.csv",
            "One row per principle: charter, organisation, area, sector, title, text, themes, address",
            principles_csv(records),
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
