"""Zip files that are the same bytes on every build: fixed dates, fixed order, fixed permissions.

Word, OpenDocument and EPUB files are zips. A zip records each member's date, which would make every
build's files differ; here every member carries the earliest date a zip can hold.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

__all__ = ["ZIP_DATE", "make_zip", "normalise_zip"]

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def make_zip(members: Sequence[tuple[str, bytes]], *, stored_first: str = "") -> bytes:
    """A zip of ``members`` in the order given. ``stored_first`` names a member that must come first and
    uncompressed (the ``mimetype`` of OpenDocument and EPUB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever system builds it
            stored = name == stored_first
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=None if stored else 9)
    return out.getvalue()


def normalise_zip(data: bytes, *, first: Sequence[str] = ()) -> bytes:
    """``data`` (a zip another library wrote) rewritten with fixed dates, ``first`` members first and the
    rest sorted by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        ordered = [n for n in first if n in names] + sorted(n for n in names if n not in first)
        return make_zip([(n, z.read(n)) for n in ordered])
