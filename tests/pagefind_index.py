"""Read the search index Pagefind wrote into a built or served site, as the tests need it.

The index lists its pages in ``pagefind/pagefind.<hash>.pf_meta`` and keeps each page's address, title and
text in ``pagefind/fragment/<page>.pf_fragment``; both are gzip files that start with ``pagefind_dcd``, the
list in CBOR (read here by a small decoder of the few kinds it uses), each page in JSON. Only the pages
the list names are read: a ``mkdocs serve --dirty`` folder may still hold fragments of pages gone.
"""

from __future__ import annotations

import gzip
import json
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_MAGIC = b"pagefind_dcd"


@dataclass(frozen=True)
class IndexedPage:
    """One page of the index: its address from the site's root (``/charters/x/``), title and text."""

    url: str
    title: str
    content: str


def _unpack(data: bytes) -> bytes:
    raw = gzip.decompress(data)
    if not raw.startswith(_MAGIC):
        raise ValueError("not a Pagefind file")
    return raw[len(_MAGIC) :]


def _cbor(data: bytes, at: int = 0) -> tuple[Any, int]:
    head = data[at]
    major, info = head >> 5, head & 0x1F
    at += 1
    if info < 24:
        value = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        chunk = data[at : at + value]
        return (chunk if major == 2 else chunk.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = {}
        for _ in range(value):
            key, at = _cbor(data, at)
            pairs[key], at = _cbor(data, at)
        return pairs, at
    if major == 7 and info == 27:
        return struct.unpack(">d", value.to_bytes(8, "big"))[0], at
    if major == 7:
        return {20: False, 21: True, 22: None}.get(value), at
    raise ValueError(f"CBOR kind {major} is not read here")


def read_index(read: Callable[[str], bytes | None]) -> list[IndexedPage]:
    """Every page of the index; ``read`` returns a file of the ``pagefind/`` folder (or None if absent)."""
    entry = read("pagefind-entry.json")
    if entry is None:
        return []
    pages: list[IndexedPage] = []
    for language in json.loads(entry)["languages"].values():
        meta = read(f"pagefind.{language['hash']}.pf_meta")
        if meta is None:
            continue
        listing, _ = _cbor(_unpack(meta))
        for page in listing[1]:
            fragment = read(f"fragment/{page[0]}.pf_fragment")
            if fragment is None:
                continue
            data = json.loads(_unpack(fragment))
            pages.append(IndexedPage(data["url"], data["meta"].get("title", ""), data["content"]))
    return pages


def read_site_index(site: Path) -> list[IndexedPage]:
    """Every page of the index of the built site in ``site``."""
    bundle = site / "pagefind"

    def read(name: str) -> bytes | None:
        path = bundle / name
        return path.read_bytes() if path.is_file() else None

    return read_index(read)
