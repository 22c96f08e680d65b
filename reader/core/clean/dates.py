"""Reading publication dates in the forms pages use, as ISO ``yyyy-mm-dd``."""

from __future__ import annotations

import re
from datetime import date

from reader.core.dates import MONTH_NUMBERS

# Month names and abbreviations ("sept" too), lower case -> number: one table for the reader.
_MONTHS = MONTH_NUMBERS
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)

_ISO = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"
)
_COMPACT = re.compile(r"^(?P<year>(?:19|20)\d\d)(?P<month>\d\d)(?P<day>\d\d)(?:$|[T\s])")
_MONTH_DAY_YEAR = re.compile(
    r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
)
_DAY_MONTH_YEAR = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I
)


def parse_date(value: str | None) -> str | None:
    """ISO date of a metadata value ("2019-06-29T10:00:00+09:00", "June 29, 2019"…)."""
    if not value:
        return None
    value = value.strip()
    match = _COMPACT.match(value)
    if match:
        return _iso(match.group("year"), match.group("month"), match.group("day"))
    return find_date(value)


def find_date(text: str) -> str | None:
    """The first plausible calendar date written in ``text``."""
    for pattern in (_ISO, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR):
        match = pattern.search(text)
        if match:
            month = match.group("month")
            number = (
                _MONTHS.get(month.lower().rstrip("."))
                if month.isalpha() or month.endswith(".")
                else month
            )
            iso = _iso(match.group("year"), number, match.group("day"))
            if iso:
                return iso
    return None


def _iso(year: str | int, month: str | int | None, day: str | int) -> str | None:
    try:
        return date(int(year), int(month or 0), int(day)).isoformat()
    except (TypeError, ValueError):
        return None


# /2019/11/18/, /2019/nov/18/, /2019-11-18-…, /20191118/ in a page address.
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[/_-](?P<month>\d{1,2}|[a-z]{3,9})[/_-](?P<day>\d{1,2})(?:[/_.-]|$)"
    r"|/(?P<cyear>(?:19|20)\d\d)(?P<cmonth>[01]\d)(?P<cday>[0-3]\d)(?:/|$)",
    re.I,
)


def url_date(url: str) -> str | None:
    """The date a page address is built on ("…/2019/11/18/slug"), or ``None``."""
    match = _URL_DATE.search(url) if url else None
    if not match:
        return None
    if match.group("cyear"):
        return _iso(match.group("cyear"), match.group("cmonth"), match.group("cday"))
    month = match.group("month")
    number = month if month.isdigit() else _MONTHS.get(month.lower())
    return _iso(match.group("year"), number, match.group("day"))


def page_date(html: str, url: str = "", *, search_text: bool = False) -> str | None:
    """The publication date htmldate reads from a page's markup and address, or ``None``.

    Only where the page states it (its markup, its address), unless
    ``search_text``: htmldate's extensive search reads dates out of the text,
    which may be any date the article mentions, so its answer is an inference.
    """
    import htmldate  # imported here: slow to import, and most pages state their date

    try:
        found = htmldate.find_date(
            html,
            url=url or None,
            original_date=True,
            extensive_search=search_text,
            outputformat="%Y-%m-%d",
        )
    except Exception:
        # A third-party parser on a hostile page: no date rather than a failed batch.
        return None
    return parse_date(found) if isinstance(found, str) else None
