"""An Atom feed (RFC 4287) of the charters, newest first by the date they were published.

A charter's date is given at the precision its source gives (2025, 2025-06, 2025-06-30); Atom needs a
full timestamp, so the first moment of that year, month or day is used. Charters with no date are not in
the feed (nothing is invented); they are in ``charters.json``. The feed's ``updated`` is its newest
charter's date, so the feed changes only when the charters do.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree as ET

__all__ = ["ATOM_NS", "atom_feed", "atom_time"]

ATOM_NS = "http://www.w3.org/2005/Atom"
_EPOCH = "1970-01-01T00:00:00Z"


def atom_time(date: str) -> str:
    """``2025`` → ``2025-01-01T00:00:00Z``; ``2025-06`` → ``2025-06-01T00:00:00Z``."""
    parts = [*date.split("-"), "01", "01"][:3]
    return f"{parts[0]}-{parts[1]}-{parts[2]}T00:00:00Z"


def _id(key: str) -> str:
    # A permanent id from the address (or the slug, when the site has no address): a UUID URN.
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def atom_feed(records: Sequence[Mapping[str, Any]], *, title: str, feed_url: str, site_url: str) -> str:
    """The feed of the charter ``records`` (as made by :func:`charter_record`); ``feed_url`` and
    ``site_url`` are the feed's and the site's addresses (absolute when the site has one)."""
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    dated = sorted(
        (r for r in records if r.get("published")),
        key=lambda r: (atom_time(r["published"]), r["title"].lower(), r["slug"]),
        reverse=True,
    )
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "en-GB")
    sub(feed, "title", title)
    sub(feed, "subtitle", "Co-production charters, newest first by the date they were published.")
    sub(feed, "id", _id(feed_url))
    sub(feed, "updated", atom_time(dated[0]["published"]) if dated else _EPOCH)
    sub(feed, "link", rel="self", href=feed_url, type="application/atom+xml")
    sub(feed, "link", rel="alternate", href=site_url, type="text/html")
    author = sub(feed, "author")
    sub(author, "name", title)
    for r in dated:
        entry = sub(feed, "entry")
        sub(entry, "title", r["title"])
        sub(entry, "id", _id(r["url"] if "://" in r["url"] else f"charterkit:{r['slug']}"))
        when = atom_time(r["published"])
        sub(entry, "updated", when)
        sub(entry, "published", when)
        sub(entry, "link", rel="alternate", href=r["url"], type="text/html")
        for f in r["formats"][1:]:
            sub(entry, "link", rel="related", href=f["url"], type=f["type"], title=f["label"])
        if r.get("organisation"):
            sub(sub(entry, "author"), "name", r["organisation"])
        sub(entry, "summary", r["summary"])
        sub(entry, "rights", r["credit"])
        for theme in r["themes"]:
            sub(entry, "category", term=theme)
    ET.indent(feed)
    return ET.tostring(feed, encoding="unicode", xml_declaration=False).join(
        ('<?xml version="1.0" encoding="utf-8"?>\n', "\n")
    )
