"""Dates as a reader sees them: ``22 January 2019`` rather than ``2019-01-22``.

Month names are spelled out so no reader misreads the order of day and
month; partial dates (``2019-01``, ``2019``) keep the precision they have.
"""

from __future__ import annotations

import re

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_parts(published: str | None) -> list[int]:
    """``[2019, 1, 22]`` from an ISO date or date-time (as many parts as it has)."""
    match = _DATE.match((published or "").strip())
    if not match:
        return []
    parts = [int(p) for p in match.groups() if p]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return parts[:2]
    return parts


def human_date(published: str | None) -> str:
    """``22 January 2019``; month names are spelled out so no reader misreads the order."""
    parts = date_parts(published)
    if not parts:
        return (published or "").strip()
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS[parts[1] - 1]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
