"""Dates in charters: the forms editors write (2024, 03/2024, 5 March 2024, 2024-03-05), their check,
and how a date is shown to readers.
"""

from __future__ import annotations

import calendar
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator

from charterkit.errors import shown
from charterkit.format.fields import custom_error
from charterkit.format.rules import date_parts

__all__ = ["NOT_STATED", "PartialDate", "display_date", "iso_date"]


def _date_to_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name} | {
    name.lower(): i for i, name in enumerate(calendar.month_abbr) if name
}
_MONTHS["sept"] = 9
_UK_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_UK_MONTH = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_WORDS_DATE = re.compile(r"^(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\.?,?\s+(\d{4})$")


def iso_date(value: str) -> str | None:
    """The ISO form of a date written in a common UK way, if it is one and is real.

    ``Dec 2013`` → ``2013-12``; ``15/11/2021`` and ``15 November 2021`` → ``2021-11-15``; ``11/2021`` →
    ``2021-11``. Day first, as the UK writes dates.
    """
    text = " ".join(value.split())
    day: int | None
    if m := _UK_DAY.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    elif m := _UK_MONTH.match(text):
        day, month, year = None, int(m[1]), int(m[2])
    elif (m := _WORDS_DATE.match(text)) and m[2].lower() in _MONTHS:
        day, month, year = (int(m[1]) if m[1] else None), _MONTHS[m[2].lower()], int(m[3])
    else:
        return None
    if not (1900 <= year <= 2100 and 1 <= month <= 12):
        return None
    if day is None:
        return f"{year}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year}-{month:02d}-{day:02d}"


def _check_date(value: str) -> str:
    parts = date_parts(value.strip())
    fix = "Write the date as 2025 (a year), 2025-06 (a month) or 2025-06-30 (a day), as the source gives it."
    if parts is None:
        iso = iso_date(value)
        if iso is not None:
            raise custom_error(
                f'"{shown(value)}" is not a date in the form the format uses.',
                f"Write it as {iso} (the form is 2025, 2025-06 or 2025-06-30).",
            )
        raise custom_error(f'"{shown(value)}" is not a date in the form the format uses.', fix)
    year, month, day = parts
    if not 1900 <= year <= 2100:
        raise custom_error(f"the year {year} is not plausible.", fix)
    if month is not None and not 1 <= month <= 12:
        raise custom_error(f'"{shown(value)}" has no month {month}.', fix)
    if day is not None and month is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise custom_error(
            f'"{shown(value)}" is not a real day: {calendar.month_name[month]} {year} has no day {day}.', fix
        )
    return value.strip()


PartialDate = Annotated[str, BeforeValidator(_date_to_text), AfterValidator(_check_date)]
"""A date at the precision the source gives: ``2025``, ``2025-06`` or ``2025-06-30``."""


NOT_STATED = "Not stated"
"""What every page, list and PDF shows for a detail the source does not give (a date, a sector): one
wording everywhere, so a reader never wonders whether "Not given" and "Date not given" mean different
things."""


def display_date(value: str | None) -> str:
    """``2025-06`` → ``June 2025``; ``2025-06-30`` → ``30 June 2025`` (GOV.UK style)."""
    if not value:
        return ""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = calendar.month_name[parts[1]]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"
