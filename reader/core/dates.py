"""Dates in one place: the month tables, ISO parsing, spans at a precision, and formatting.

Every part of the reader that names a month, reads an ISO date or shows a
date to a reader uses this module, so ``22 January 2019`` is spelled the same
in the reading pane, the exports and the timeline, and "Sept." means
September to the cleaner and the meetings grammar alike.

A date the text gives is rarely a day: "last February" is a month, "in 2016"
a year. :class:`DateSpan` holds the first and last day a phrase can mean and
says its precision; the helpers below resolve month-and-day or weekday
phrases against a reference date (the article's publication date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_NAMES = (
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
MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Lower-case name or abbreviation (with "sept") -> month number.
MONTH_NUMBERS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES, start=1)},
    **{abbr.lower(): i for i, abbr in enumerate(MONTH_ABBREVIATIONS, start=1)},
    "sept": 9,
}
WEEKDAY_NUMBERS: dict[str, int] = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}

PRECISIONS = ("day", "month", "year")

_ISO_PARTS = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def month_number(word: str) -> int | None:
    """``"Sept."`` → 9; ``None`` for a word that is not a month."""
    return MONTH_NUMBERS.get(word.lower().rstrip("."))


def parse_iso_date(value: str | None) -> date | None:
    """The day of a ``YYYY-MM-DD`` string (a date-time is cut to its date), else ``None``."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_parts(published: str | None) -> list[int]:
    """``[2019, 1, 22]`` from an ISO date or date-time (as many parts as it has)."""
    match = _ISO_PARTS.match((published or "").strip())
    if not match:
        return []
    parts = [int(p) for p in match.groups() if p]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return parts[:2]
    return parts


def human_date(iso: str | None, precision: str | None = None) -> str:
    """``22 January 2019``, ``January 2019`` or ``2019``: month names spelled out so no
    reader misreads the order of day and month.

    ``precision`` (``day``/``month``/``year``) cuts the date to what is known;
    without it the date shows as many parts as it has. Text that is not an
    ISO date is returned as it is.
    """
    parts = date_parts(iso)
    if not parts:
        return (iso or "").strip()
    keep = {"day": 3, "month": 2, "year": 1}.get(precision or "", 3)
    parts = parts[:keep]
    if len(parts) == 1:
        return str(parts[0])
    month = MONTH_NAMES[parts[1] - 1]
    return f"{parts[2]} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def short_date(iso: str | None, precision: str | None = None) -> str:
    """A compact label: ``29 Jun`` (day), ``Jun`` (month), the year alone, ``undated``."""
    parts = date_parts(iso)
    if not parts:
        return "undated"
    keep = {"day": 3, "month": 2, "year": 1}.get(precision or "", 3)
    parts = parts[:keep]
    if len(parts) == 3:
        return f"{parts[2]} {MONTH_ABBREVIATIONS[parts[1] - 1]}"
    if len(parts) == 2:
        return MONTH_ABBREVIATIONS[parts[1] - 1]
    return str(parts[0])


# -- spans of days ---------------------------------------------------------------


@dataclass(frozen=True)
class DateSpan:
    """The first and last day a date phrase can mean ("in June 2019": 1 to 30 June)."""

    lo: date
    hi: date

    @classmethod
    def day(cls, d: date) -> DateSpan:
        return cls(d, d)

    @classmethod
    def month(cls, year: int, month: int) -> DateSpan:
        first = date(year, month, 1)
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        return cls(first, following - timedelta(days=1))

    @classmethod
    def year(cls, year: int) -> DateSpan:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def precision(self) -> str | None:
        """``day``, ``month`` or ``year``: the finest unit the whole span lies in (else None)."""
        if self.lo == self.hi:
            return "day"
        if (self.lo.year, self.lo.month) == (self.hi.year, self.hi.month):
            return "month"
        if self.lo.year == self.hi.year:
            return "year"
        return None

    @property
    def iso(self) -> str | None:
        """``2019-01-22``, ``2019-01`` or ``2019`` at :attr:`precision`."""
        p = self.precision
        if p == "day":
            return self.lo.isoformat()
        if p == "month":
            return f"{self.lo.year:04d}-{self.lo.month:02d}"
        if p == "year":
            return f"{self.lo.year:04d}"
        return None


def add_months(d: date, n: int) -> tuple[int, int]:
    """(year, month) ``n`` months after ``d``'s month (before, for negative ``n``)."""
    idx = d.year * 12 + d.month - 1 + n
    return idx // 12, idx % 12 + 1


def isos_agree(a: str | None, b: str | None) -> bool:
    """Whether two ISO dates of any precision can be the same day ("2019-01" and "2019-01-22")."""
    if a is None or b is None:
        return False
    n = min(len(a), len(b))
    return a[:n] == b[:n]


# -- resolving against a reference date ----------------------------------------------


def nearest_month(month: int, ref: date, tense: str | None) -> tuple[int, int]:
    """The (year, month) a bare month name means, said on ``ref``.

    ``tense`` "past" takes the latest such month up to ``ref``'s, "future" the
    first from it on; without a tense, the closest (the earlier on a tie).
    """
    here = (ref.year, ref.month)
    options = [(ref.year - 1, month), (ref.year, month), (ref.year + 1, month)]
    if tense == "future":
        return min(o for o in options if o >= here)
    if tense == "past":
        return max(o for o in options if o <= here)
    return min(options, key=lambda o: (abs((o[0] - here[0]) * 12 + o[1] - here[1]), o > here))


def nearest_day(month: int, day: int, ref: date, tense: str | None) -> date | None:
    """The date "March 3" means, said on ``ref`` (see :func:`nearest_month`)."""
    options = []
    for y in (ref.year - 1, ref.year, ref.year + 1):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    if not options:
        return None
    if tense == "future":
        later = [o for o in options if o >= ref]
        return min(later) if later else None
    if tense == "past":
        earlier = [o for o in options if o <= ref]
        return max(earlier) if earlier else None
    return min(options, key=lambda o: (abs((o - ref).days), o > ref))


def weekday_near(weekday: int, ref: date, *, future: bool, strictly: bool = False) -> date:
    """The ``weekday`` (Monday 0) on or before ``ref`` (news reports what happened), or
    the first after it when ``future``; ``strictly`` skips ``ref`` itself ("last Monday")."""
    if future:
        return ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    delta = (ref.weekday() - weekday) % 7
    if strictly and delta == 0:
        delta = 7
    return ref - timedelta(days=delta)
