"""The date phrases of news text, and what each means said on a given day.

"on Jan. 14", "last February", "two weeks ago", "next month", "on Tuesday",
"a day beforehand": :func:`date_matches` finds them in a passage and
:func:`resolve` turns one into the :class:`~reader.core.dates.DateSpan` it
means, given the article's publication date and the tense around it. A
relative phrase with no publication date to count from resolves to nothing:
an unknown date stays unknown.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from reader.core.dates import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    WEEKDAY_NAMES,
    WEEKDAY_NUMBERS,
    DateSpan,
    add_months,
    month_number,
    nearest_day,
    nearest_month,
    weekday_near,
)

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

# Full names end at a word boundary; abbreviations may carry their full stop.
_MON = (
    r"(?:(?:" + "|".join(MONTH_NAMES) + r")\b"
    r"|(?:" + "|".join([*(a for a in MONTH_ABBREVIATIONS if a != "May"), "Sept"]) + r")\b\.?)"
)
_WEEKDAY = "|".join(WEEKDAY_NAMES)
DATE = re.compile(
    rf"""
    (?P<iso>\b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b)
    |(?P<md>\b(?P<md_m>{_MON})[ \u00a0](?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?\b
        (?:[-–](?P<md_d2>\d{{1,2}})\b)?(?:,?[ \u00a0](?P<md_y>\d{{4}})\b)?)
    |(?P<dm>\b(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?(?:[-–](?P<dm_d2>\d{{1,2}})(?:st|nd|rd|th)?)?
        [ \u00a0](?:of[ ])?(?P<dm_m>{_MON})(?:,?[ \u00a0](?P<dm_y>\d{{4}})\b)?)
    |(?P<my>\b(?:(?P<my_mod>last|next|this|early|late|mid|earlier[ ]this|later[ ]this)[ -])?
        (?P<my_m>{_MON})
        (?:[ \u00a0](?P<my_y>\d{{4}})\b|[ ](?P<my_rel>last|next|this)[ ]year\b)?)
    |(?P<yr>\b(?:in|since|until|by|early|late|mid)[ -](?P<yr_y>(?:19|20)\d{{2}})\b)
    |(?P<ago>\b(?P<ago_n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve
        |several|a[ ]few|\d+)[ ](?P<ago_u>day|week|month|year)s?[ ]
        (?P<ago_d>ago|earlier|before|beforehand|later|after|afterwards?)\b)
    |(?P<rel>\b(?P<rel_mod>last|next|this|earlier[ ]this|later[ ]this)[ ]
        (?P<rel_u>week|month|year)\b)
    |(?P<wd>\b(?:(?P<wd_mod>last|next|this)[ ])?(?P<wd_d>{_WEEKDAY})\b)
    |(?P<td>\b(?P<td_w>today|yesterday|tomorrow)\b)
    """,
    re.VERBOSE,
)
# Every date phrase contains one of these; the full pattern above is only
# tried around them, because trying it at every position costs milliseconds.
_DATE_CORE = re.compile(
    r"\d|\b(?:"
    + "|".join([*MONTH_NAMES, *MONTH_ABBREVIATIONS, "Sept", *WEEKDAY_NAMES])
    + r"|today|yesterday|tomorrow|ago|earlier|before|beforehand"
    r"|later|after|afterwards?|weeks?|months?|years?)\b"
)
_FUTURE = re.compile(
    r"\b(?:will|would|next|slated|scheduled|planned|plans?|expected|upcoming|due|set[ ]to"
    r"|intends?|hopes?[ ]to|aims?[ ]to|is[ ]to|are[ ]to|to[ ]be[ ]held|ahead[ ]of|forthcoming"
    r"|to[ ](?:hold|meet|visit|host)|again)\b"
)
_PAST = re.compile(
    r"\b(?:ago|last|met|held|agreed|visited|was|were|had|did|signed|proposed|previous|earlier)\b"
)
_CLAUSE_OPENER = re.compile(r"[ \u00a0]+(?:their|the|a|an|our|his|her|its|they|he|she|we|[A-Z])")
_MAY_AS_MONTH = re.compile(r"\b(?:in|since|until|by|from|during|of)\s$")


def date_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The date phrases in ``text[start:end]``, left to right, not overlapping."""
    found: dict[tuple[int, int], re.Match[str]] = {}
    last_window = -1
    for core in _DATE_CORE.finditer(text, start, end):
        if core.start() < last_window:
            continue  # already inside the previous window
        lo = max(start, core.start() - 30)
        # Begin the window on a word boundary: the regex sees none before ``lo``.
        space = text.rfind(" ", start, lo + 1)
        lo = space + 1 if space >= 0 else start
        hi = min(end, core.end() + 30)
        for m in DATE.finditer(text, lo, hi):
            found.setdefault((m.start(), m.end()), m)
        last_window = hi - 10
    chosen: list[re.Match[str]] = []
    for _, m in sorted(found.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if chosen and m.start() < chosen[-1].end():
            continue
        chosen.append(m)
    return chosen


def tense(text: str, start: int, lo: int) -> str | None:
    """ "future" or "past" by the cue word nearest before ``start`` (back to ``lo``)."""
    window = text[max(lo, start - 90) : start]
    best: tuple[int, str] | None = None
    for pat, name in ((_FUTURE, "future"), (_PAST, "past")):
        for m in pat.finditer(window):
            if best is None or m.start() > best[0]:
                best = (m.start(), name)
    return best[1] if best else None


def opens_clause(text: str, pos: int) -> bool:
    """Whether "after"/"before" at ``pos`` introduces what happened, not ends the phrase."""
    return bool(_CLAUSE_OPENER.match(text, pos))


def counts_forward(m: re.Match[str], text: str) -> bool:
    """ "a week after their ministers met": the place named next belongs to the date."""
    return bool(m.group("ago_d") in ("after", "before") and opens_clause(text, m.end()))


def resolve(
    m: re.Match[str], text: str, sent_start: int, ref: date | None, previous: DateSpan | None
) -> DateSpan | None:
    """The days a date phrase can mean, said on ``ref`` (the article's date, if known).

    ``previous`` is the date named just before in the same sentence, from
    which "a day beforehand" counts.
    """
    g = m.groupdict()
    when = tense(text, m.start(), sent_start)
    try:
        if g["iso"]:
            return DateSpan.day(date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"])))
        if g["md"] or g["dm"]:
            return _month_day(g, ref, when)
        if g["my"]:
            return _month(g, text, m.start(), sent_start, ref, when)
        if g["yr"]:
            return DateSpan.year(int(g["yr_y"]))
        if g["ago"]:
            return _ago(g, text, m.end(), ref, previous)
        if g["rel"]:
            return _relative(g, ref)
        if g["wd"]:
            if ref is None:
                return None
            wd = WEEKDAY_NUMBERS[g["wd_d"].lower()]
            mod = g["wd_mod"]
            future = mod == "next" or (mod is None and when == "future")
            return DateSpan.day(weekday_near(wd, ref, future=future, strictly=mod == "last"))
        if g["td"]:
            if ref is None:
                return None
            step = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["td_w"]]
            return DateSpan.day(ref + timedelta(days=step))
    except (ValueError, KeyError, OverflowError):
        return None
    return None


def _month_day(g: dict[str, str | None], ref: date | None, when: str | None) -> DateSpan | None:
    mon = month_number(g["md_m"] or g["dm_m"] or "")
    day = int(g["md_d"] or g["dm_d"] or 0)
    last_day = g["md_d2"] or g["dm_d2"]
    year = g["md_y"] or g["dm_y"]
    if mon is None:
        return None
    if year:
        first = date(int(year), mon, day)
    elif ref is None:
        return None
    else:
        found = nearest_day(mon, day, ref, when)
        if found is None:
            return None
        first = found
    if last_day:
        # "June 28-29": the meeting spans the days; it is dated by its month.
        last = date(first.year, mon, int(last_day))
        return DateSpan(first, last) if last >= first else None
    return DateSpan.day(first)


def _month(
    g: dict[str, str | None],
    text: str,
    start: int,
    sent_start: int,
    ref: date | None,
    when: str | None,
) -> DateSpan | None:
    mon = month_number(g["my_m"] or "")
    if mon is None:
        return None
    mod, rel, year = g["my_mod"], g["my_rel"], g["my_y"]
    # "May" alone may be the verb; only "in/since/until/by May" is the month.
    if (
        mon == 5
        and not (mod or rel or year)
        and not _MAY_AS_MONTH.search(text[max(sent_start, start - 7) : start].lower())
    ):
        return None
    if year:
        return DateSpan.month(int(year), mon)
    if ref is None:
        return None
    if rel:
        return DateSpan.month(ref.year + {"last": -1, "next": 1, "this": 0}[rel], mon)
    if mod == "last":
        y, mo = nearest_month(mon, ref - timedelta(days=1), "past")
        if (y, mo) == (ref.year, ref.month):
            y -= 1
        return DateSpan.month(y, mo)
    if mod == "next":
        y, mo = nearest_month(mon, ref, "future")
        if (y, mo) == (ref.year, ref.month):
            y += 1
        return DateSpan.month(y, mo)
    if mod in ("this", "earlier this", "later this"):
        return DateSpan.month(ref.year, mon)
    return DateSpan.month(*nearest_month(mon, ref, when))


def _ago(
    g: dict[str, str | None],
    text: str,
    end: int,
    ref: date | None,
    previous: DateSpan | None,
) -> DateSpan | None:
    n_word = (g["ago_n"] or "").lower()
    if n_word in ("several", "a few"):
        return None
    n = int(n_word) if n_word.isdigit() else _NUMBERS[n_word]
    unit, direction = g["ago_u"], g["ago_d"]
    sign = 1 if direction in ("later", "after", "afterward", "afterwards") else -1
    if direction in ("after", "before") and opens_clause(text, end):
        # "a week after their ministers met in Hanoi": the meeting named next
        # came that long *before* the anchor ("before" the other way round).
        sign = -sign
    # "a day beforehand" counts from the date just named; "two weeks ago" from today.
    anchor_span = previous if direction != "ago" and previous else None
    if anchor_span is not None and anchor_span.precision == "day":
        anchor = anchor_span.lo
    elif ref is not None:
        anchor = ref
    else:
        return None
    if unit == "day":
        return DateSpan.day(anchor + timedelta(days=sign * n))
    if unit == "week":
        centre = anchor + timedelta(days=sign * 7 * n)
        return DateSpan(centre - timedelta(days=3), centre + timedelta(days=3))
    if unit == "month":
        return DateSpan.month(*add_months(anchor, sign * n))
    return DateSpan.year(anchor.year + sign * n)


def _relative(g: dict[str, str | None], ref: date | None) -> DateSpan | None:
    if ref is None:
        return None
    step = {"last": -1, "next": 1}.get(g["rel_mod"] or "", 0)
    unit = g["rel_u"]
    if unit == "week":
        centre = ref + timedelta(days=7 * step)
        return DateSpan(centre - timedelta(days=3), centre + timedelta(days=3))
    if unit == "month":
        return DateSpan.month(*add_months(ref, step))
    return DateSpan.year(ref.year + step)
