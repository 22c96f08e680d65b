"""The timeline of meetings: what each article reports and mentions, merged across the corpus.

Two halves:

* :func:`extract_meetings` runs at ingest (from :func:`reader.core.analysis.pipeline.analyze`)
  and finds, in one article, the meeting it reports (from the manifest, or
  from the text: a meeting word, a weekday resolved against the published
  date, the dateline) and every other meeting it mentions ("talks in
  Singapore two weeks ago", "next summit in June", "in Moscow on Jan. 14"),
  each with its date resolved against the article's own date, the precision
  the words allow (day, month or year), the place, the ordinal ("the 24th
  meeting") and the passage that says so.
* :func:`build_timeline` runs over the cached analyses and merges the
  mentions of one meeting from different articles into one
  :class:`MeetingEvent`.

Nothing is invented: an unknown date, place or ordinal stays ``None``.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reader.core.analysis.entities.gazetteer import Gazetteer, default_gazetteer
from reader.core.analysis.entities.recognize import Recognized
from reader.core.analysis.entities.text import slugify
from reader.core.model import Document

PRECISIONS = ("day", "month", "year")

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
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
_ORDINAL_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}

# Full names end at a word boundary; abbreviations may carry their full stop.
_MON = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_DATE = re.compile(
    rf"""
    (?P<iso>\b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{2}})-(?P<iso_d>\d{{2}})\b)
    |(?P<md>\b(?P<md_m>{_MON})[ \u00a0](?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?\b
        (?:,?[ \u00a0](?P<md_y>\d{{4}})\b)?)
    |(?P<dm>\b(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?[ \u00a0](?:of[ ])?(?P<dm_m>{_MON})
        (?:,?[ \u00a0](?P<dm_y>\d{{4}})\b)?)
    |(?P<my>\b(?:(?P<my_mod>last|next|this|early|late|mid|earlier[ ]this|later[ ]this)[ -])?
        (?P<my_m>{_MON})
        (?:[ \u00a0](?P<my_y>\d{{4}})\b|[ ](?P<my_rel>last|next|this)[ ]year\b)?)
    |(?P<yr>\b(?:in|since|until|by|early|late|mid)[ -](?P<yr_y>(?:19|20)\d{{2}})\b)
    |(?P<ago>\b(?P<ago_n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve
        |several|a[ ]few|\d+)[ ](?P<ago_u>day|week|month|year)s?[ ]
        (?P<ago_d>ago|earlier|before|beforehand|later|after|afterwards?)\b)
    |(?P<rel>\b(?P<rel_mod>last|next|this|earlier[ ]this|later[ ]this)[ ]
        (?P<rel_u>week|month|year)\b)
    |(?P<wd>\b(?:(?P<wd_mod>last|next|this)[ ])?
        (?P<wd_d>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)
    |(?P<td>\b(?P<td_w>today|yesterday|tomorrow)\b)
    """,
    re.VERBOSE,
)
# Every date expression contains one of these; the full pattern above is only
# tried around them, because trying it at every position costs milliseconds.
_DATE_CORE = re.compile(
    r"\d|\b(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow|ago|earlier|before|beforehand"
    r"|later|after|afterwards?|weeks?|months?|years?)\b"
)


def _date_matches(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The date expressions in ``text[start:end]``, left to right, not overlapping."""
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
        for m in _DATE.finditer(text, lo, hi):
            found.setdefault((m.start(), m.end()), m)
        last_window = hi - 10
    chosen: list[re.Match[str]] = []
    for (_, _), m in sorted(found.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        if chosen and m.start() < chosen[-1].end():
            continue
        chosen.append(m)
    return chosen


# Words that make a sentence about a meeting.
_TRIGGER = re.compile(
    r"\b(?:meet|meets|met|meeting|meetings|summit|summits|talks|visit|visits|visited|visiting"
    r"|agreed|sat[ ]down|held[ ]talks)\b"
)
_TRIGGER_NOUN = re.compile(r"\b(meeting|summit|talks|visit|meet|met)s?\b")
_NOUN_FOR = {"meet": "meeting", "met": "meeting"}
_FUTURE = re.compile(
    r"\b(?:will|would|next|slated|scheduled|planned|plans?|expected|upcoming|due|set[ ]to"
    r"|intends?|hopes?[ ]to|aims?[ ]to|is[ ]to|are[ ]to|to[ ]be[ ]held|ahead[ ]of|forthcoming"
    r"|to[ ](?:hold|meet|visit|host)|again)\b"
)
_PAST = re.compile(
    r"\b(?:ago|last|met|held|agreed|visited|was|were|had|did|signed|proposed|previous|earlier)\b"
)
_ORDINAL = re.compile(
    r"\b(?:the|their|its|a|for[ ]the)[ ](?:(?P<num>\d{1,3})(?:st|nd|rd|th)|(?P<word>"
    + "|".join(_ORDINAL_WORDS)
    + r"))[ ](?:time|meeting|summit|round|session|encounter|talks|face-to-face|between|such)\b"
)
# A place word right before a place name: "in Hanoi", "visit Japan", "the city of Vladivostok".
_PLACE_CUE = re.compile(
    r"(?:\b(?:in|at|visit|visits|visited|visiting|(?:visit|trip|travel|travell?ed|went|flew)[ ]to"
    r"|city[ ]of|capital[ ]of|town[ ]of)[ ](?:the[ ])?)$"
)
# Words that open another clause: a place or an ordinal beyond one belongs to another meeting.
_CLAUSE_WORDS = re.compile(
    r"\b(?:after|since|before|following|while|when|but|although|whereas|until|ahead[ ]of)\b"
)
_CLAUSE_BREAK = re.compile(r"[,;:]|" + _CLAUSE_WORDS.pattern)
_DATELINE_PLACE = re.compile(r"^([^,\-—–]+)")


@dataclass
class _Resolved:
    lo: date
    hi: date

    @property
    def precision(self) -> str | None:
        if self.lo == self.hi:
            return "day"
        if (self.lo.year, self.lo.month) == (self.hi.year, self.hi.month):
            return "month"
        if self.lo.year == self.hi.year:
            return "year"
        return None

    @property
    def iso(self) -> str | None:
        p = self.precision
        if p == "day":
            return self.lo.isoformat()
        if p == "month":
            return f"{self.lo.year:04d}-{self.lo.month:02d}"
        if p == "year":
            return f"{self.lo.year:04d}"
        return None


def _month_range(y: int, m: int) -> _Resolved:
    return _Resolved(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]))


def _add_months(d: date, n: int) -> tuple[int, int]:
    idx = d.year * 12 + d.month - 1 + n
    return idx // 12, idx % 12 + 1


def parse_iso_date(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` string as a date, else ``None``."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _tense(text: str, start: int, lo: int) -> str | None:
    """ "future" or "past" by the cue word nearest before ``start`` (back to ``lo``)."""
    window = text[max(lo, start - 90) : start]
    best: tuple[int, str] | None = None
    for pat, tense in ((_FUTURE, "future"), (_PAST, "past")):
        for m in pat.finditer(window):
            if best is None or m.start() > best[0]:
                best = (m.start(), tense)
    return best[1] if best else None


def _pick_year_month(month: int, ref: date, tense: str | None) -> tuple[int, int]:
    here = (ref.year, ref.month)
    options = [(ref.year - 1, month), (ref.year, month), (ref.year + 1, month)]
    if tense == "future":
        return min(o for o in options if o >= here)
    if tense == "past":
        return max(o for o in options if o <= here)
    return min(options, key=lambda o: (abs((o[0] - here[0]) * 12 + o[1] - here[1]), o > here))


def _pick_day(month: int, day: int, ref: date, tense: str | None) -> date | None:
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


def _resolve(
    m: re.Match[str], text: str, sent_start: int, ref: date | None, previous: _Resolved | None
) -> _Resolved | None:
    """The dates an expression can mean, given the article's date ``ref``."""
    g = m.groupdict()
    tense = _tense(text, m.start(), sent_start)
    try:
        if g["iso"]:
            d = date(int(g["iso_y"]), int(g["iso_m"]), int(g["iso_d"]))
            return _Resolved(d, d)
        if g["md"] or g["dm"]:
            mon = _MONTHS[(g["md_m"] or g["dm_m"]).lower().rstrip(".")]
            day = int(g["md_d"] or g["dm_d"])
            year = g["md_y"] or g["dm_y"]
            if year:
                d = date(int(year), mon, day)
                return _Resolved(d, d)
            if ref is None:
                return None
            d2 = _pick_day(mon, day, ref, tense)
            return _Resolved(d2, d2) if d2 else None
        if g["my"]:
            mon = _MONTHS[g["my_m"].lower().rstrip(".")]
            mod, rel, year = g["my_mod"], g["my_rel"], g["my_y"]
            if mon == 5 and not (mod or rel or year):
                # "May" alone may be the verb; only "in/since/until/by May" is the month.
                before = text[max(sent_start, m.start() - 7) : m.start()].lower()
                if not re.search(r"\b(?:in|since|until|by|from|during|of)\s$", before):
                    return None
            if year:
                return _month_range(int(year), mon)
            if ref is None:
                return None
            if rel:
                y = ref.year + {"last": -1, "next": 1, "this": 0}[rel]
                return _month_range(y, mon)
            if mod == "last":
                tense = "past"
                y, mo = _pick_year_month(mon, ref - timedelta(days=1), "past")
                if (y, mo) == (ref.year, ref.month):
                    y -= 1
                return _month_range(y, mo)
            if mod == "next":
                y, mo = _pick_year_month(mon, ref, "future")
                if (y, mo) == (ref.year, ref.month):
                    y += 1
                return _month_range(y, mo)
            if mod in ("this", "earlier this", "later this"):
                return _month_range(ref.year, mon)
            return _month_range(*_pick_year_month(mon, ref, tense))
        if g["yr"]:
            y = int(g["yr_y"])
            return _Resolved(date(y, 1, 1), date(y, 12, 31))
        if g["ago"]:
            n_word = g["ago_n"].lower()
            if n_word in ("several", "a few"):
                return None
            n = int(n_word) if n_word.isdigit() else _NUMBERS[n_word]
            unit, direction = g["ago_u"], g["ago_d"]
            sign = 1 if direction in ("later", "after", "afterward", "afterwards") else -1
            if direction in ("after", "before") and _opens_clause(text, m.end()):
                # "a week after their ministers met in Hanoi": the meeting named next
                # came that long *before* the anchor ("before" the other way round).
                sign = -sign
            # "a day beforehand" counts from the date just named; "two weeks ago" from today.
            anchor_range = previous if direction != "ago" and previous else None
            if anchor_range is not None and anchor_range.precision == "day":
                anchor = anchor_range.lo
            elif ref is not None:
                anchor = ref
            else:
                return None
            if unit == "day":
                d = anchor + timedelta(days=sign * n)
                return _Resolved(d, d)
            if unit == "week":
                centre = anchor + timedelta(days=sign * 7 * n)
                return _Resolved(centre - timedelta(days=3), centre + timedelta(days=3))
            if unit == "month":
                return _month_range(*_add_months(anchor, sign * n))
            y = anchor.year + sign * n
            return _Resolved(date(y, 1, 1), date(y, 12, 31))
        if g["rel"]:
            if ref is None:
                return None
            mod, unit = g["rel_mod"], g["rel_u"]
            step = {"last": -1, "next": 1}.get(mod, 0)
            if unit == "week":
                centre = ref + timedelta(days=7 * step)
                return _Resolved(centre - timedelta(days=3), centre + timedelta(days=3))
            if unit == "month":
                return _month_range(*_add_months(ref, step))
            y = ref.year + step
            return _Resolved(date(y, 1, 1), date(y, 12, 31))
        if g["wd"]:
            if ref is None:
                return None
            wd = _WEEKDAYS[g["wd_d"].lower()]
            mod = g["wd_mod"]
            if mod == "next" or (mod is None and tense == "future"):
                delta = (wd - ref.weekday()) % 7 or 7
                d = ref + timedelta(days=delta)
            else:
                # News reports what happened: the latest such weekday up to the article's date.
                delta = (ref.weekday() - wd) % 7
                if mod == "last" and delta == 0:
                    delta = 7
                d = ref - timedelta(days=delta)
            return _Resolved(d, d)
        if g["td"]:
            if ref is None:
                return None
            d = ref + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[g["td_w"]])
            return _Resolved(d, d)
    except (ValueError, KeyError, OverflowError):
        return None
    return None


_CLAUSE_OPENER = re.compile(r"[ \u00a0]+(?:their|the|a|an|our|his|her|its|they|he|she|we|[A-Z])")


def _opens_clause(text: str, pos: int) -> bool:
    """Whether "after"/"before" at ``pos`` introduces what happened, not ends the phrase."""
    return bool(_CLAUSE_OPENER.match(text, pos))


# -- per article -----------------------------------------------------------------

# The longest passage looked at as one sentence. Every step within a sentence
# may look at the whole sentence, so an article with no full stops (a page of
# one endless line) must be cut into pieces or the work grows with its square.
MAX_PASSAGE = 1000


def bounded_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` with every one longer than :data:`MAX_PASSAGE` cut at spaces into pieces."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        while end - start > MAX_PASSAGE:
            cut = text.rfind(" ", start + MAX_PASSAGE // 2, start + MAX_PASSAGE)
            if cut < 0:
                cut = start + MAX_PASSAGE
            out.append((start, cut))
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            out.append((start, end))
    return out


@dataclass
class _Place:
    start: int
    end: int
    key: str
    name: str
    within: tuple[str, ...]
    # Named by an event held there ("the Munich Security Conference"): no "in" needed.
    implied: bool = False


def extract_meetings(
    doc: Document,
    text: str,
    sentences: list[tuple[int, int]],
    entities: list[Recognized],
    gazetteer: Gazetteer | None = None,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The meeting ``doc`` reports (or ``None``) and every meeting mention in ``text``.

    ``entities`` are the article's recognised entities: their place mentions
    give meetings their places, their person mentions the people in a passage.
    """
    gaz = gazetteer or default_gazetteer()
    ref = parse_iso_date(doc.published)
    sentences = bounded_spans(text, sentences)
    places: list[_Place] = []
    people: list[tuple[int, str]] = []
    for ent in entities:
        entry = gaz.get(ent.key)
        if ent.type == "event" and entry is not None and entry.part_of:
            # "the security conference in Munich" places a meeting in Munich.
            where = gaz.get(entry.part_of[0])
            if where is not None:
                for s, e in ent.mentions:
                    places.append(
                        _Place(s, e, where.key, where.name, gaz.containers(where.key), True)
                    )
        if ent.type == "place":
            within = gaz.containers(ent.key)
            for s, e in ent.mentions:
                places.append(_Place(s, e, ent.key, ent.name, within))
        elif ent.type == "person":
            people.extend((s, ent.key) for s, _ in ent.mentions)
    places.sort(key=lambda p: p.start)
    place_starts = [p.start for p in places]
    people.sort()
    people_starts = [pos for pos, _ in people]

    mentions: list[dict[str, Any]] = []
    ordinals: list[tuple[int, int, int]] = []  # (start, end, value)
    undated: list[dict[str, Any]] = []
    for s_start, s_end in sentences:
        if not _TRIGGER.search(text, s_start, s_end):
            continue
        lo_i, hi_i = bisect_left(place_starts, s_start), bisect_left(place_starts, s_end)
        in_sentence = [
            p
            for p in places[lo_i:hi_i]
            if p.implied or _PLACE_CUE.search(text[max(s_start, p.start - 20) : p.start])
        ]
        lo_i, hi_i = bisect_left(people_starts, s_start), bisect_left(people_starts, s_end)
        who = sorted({k for _, k in people[lo_i:hi_i]})
        for om in _ORDINAL.finditer(text, s_start, s_end):
            value = int(om.group("num")) if om.group("num") else _ORDINAL_WORDS[om.group("word")]
            ordinals.append((om.start(), om.end(), value))
        previous: _Resolved | None = None
        dated_here: list[tuple[re.Match[str], _Resolved]] = []
        for dm in _date_matches(text, s_start, s_end):
            resolved = _resolve(dm, text, s_start, ref, previous)
            if resolved is None or resolved.precision is None:
                continue
            previous = resolved
            dated_here.append((dm, resolved))
        for i, (dm, resolved) in enumerate(dated_here):
            lo_bound = dated_here[i - 1][0].end() if i else s_start
            hi_bound = dated_here[i + 1][0].start() if i + 1 < len(dated_here) else s_end
            forward = bool(
                dm.group("ago_d") in ("after", "before") and _opens_clause(text, dm.end())
            )
            place = _nearest_place(
                text, in_sentence, dm.start(), dm.end(), lo_bound, hi_bound, forward
            )
            mentions.append(
                _mention(
                    text,
                    s_start,
                    s_end,
                    dm.start(),
                    dm.end(),
                    resolved.iso,
                    resolved.precision,
                    place,
                    who,
                )
            )
        if not dated_here:
            for p in in_sentence:
                undated.append(_mention(text, s_start, s_end, p.start, p.end, None, None, p, who))

    reported = _reported(doc, text, sentences, ref, places, gaz)
    # A place named without a date is the meeting the same article dates elsewhere
    # (the first mention of that place decides; a dict keeps this linear).
    first_at: dict[str | None, dict[str, Any]] = {}
    for m in mentions:
        first_at.setdefault(m["place_key"], m)
    for u in undated:
        same = first_at.get(u["place_key"])
        if same is not None:
            u.update(date=same["date"], precision=same["precision"])
            mentions.append(u)
        elif reported is not None and _places_fit(reported, u, exact=True):
            u.update(date=reported["date"], precision=reported["precision"])
            mentions.append(u)
            first_at.setdefault(u["place_key"], u)
    mentions.sort(key=lambda m: (m["start"], m["match"][0]))

    for m in mentions:
        if reported is not None and _same_meeting(reported, m):
            m["kind"] = "reported"
    _assign_ordinals(text, ordinals, mentions, reported, sentences)
    if reported is not None and reported["ordinal"] is None:
        values = [m["ordinal"] for m in mentions if m["kind"] == "reported" and m["ordinal"]]
        if values:
            reported["ordinal"] = values[0]
    return reported, mentions


def _nearest_place(
    text: str,
    places: list[_Place],
    start: int,
    end: int,
    lo: int,
    hi: int,
    forward: bool = False,
) -> _Place | None:
    """The place named closest to a date, in its clause, not past another date.

    Names before the date are likelier its place ("in Hanoi last month");
    ``forward`` turns that round for "a week after they met in Hanoi".
    """
    best: tuple[int, _Place] | None = None
    for p in places:
        if lo <= p.start and p.end <= start:
            between = text[p.end : start]
            dist = len(between) + (100 if forward else 0)
        elif end <= p.start and p.end <= hi:
            between = text[end : p.start]
            if len(between) > 40:
                continue
            dist = len(between) + (0 if forward else 15)
        else:
            continue
        if _CLAUSE_WORDS.search(between):
            continue
        if best is None or dist < best[0]:
            best = (dist, p)
    return best[1] if best else None


def _mention(
    text: str,
    s_start: int,
    s_end: int,
    m_start: int,
    m_end: int,
    iso: str | None,
    precision: str | None,
    place: _Place | None,
    who: list[str],
) -> dict[str, Any]:
    nouns = list(_TRIGGER_NOUN.finditer(text, s_start, s_end))
    noun = min(nouns, key=lambda n: abs(n.start() - m_start), default=None)
    return {
        "date": iso,
        "precision": precision,
        "place": place.name if place else None,
        "place_key": place.key if place else None,
        "place_in": list(place.within) if place else [],
        "ordinal": None,
        "kind": "mentioned",
        "what": _NOUN_FOR.get(noun.group(1), noun.group(1)) if noun else "meeting",
        "start": s_start,
        "end": s_end,
        "passage": text[s_start:s_end],
        "match": [m_start, m_end],
        "people": who,
    }


def _reported(
    doc: Document,
    text: str,
    sentences: list[tuple[int, int]],
    ref: date | None,
    places: list[_Place],
    gaz: Gazetteer,
) -> dict[str, Any] | None:
    """The meeting the article reports: the manifest's, or what its lead says."""
    meeting = doc.meeting
    if isinstance(meeting, Mapping):
        d = parse_iso_date(meeting.get("date"))
        place = meeting.get("place") or None
        key, within = _place_key(place, gaz)
        return {
            "date": d.isoformat() if d else None,
            "precision": "day" if d else None,
            "place": place,
            "place_key": key,
            "place_in": list(within),
            "ordinal": meeting.get("ordinal"),
            "occasion": meeting.get("occasion") or None,
            "source": "manifest",
        }
    # No manifest: the lead paragraph decides. It must speak of a meeting.
    lead_end = _lead_end(text)
    lead = [(s, e) for s, e in sentences if s < lead_end]
    trigger_sentence = next((se for se in lead if _TRIGGER.search(text, se[0], se[1])), None)
    if trigger_sentence is None:
        return None
    s_start, s_end = trigger_sentence
    when: _Resolved | None = None
    for dm in _date_matches(text, s_start, s_end):
        when = _resolve(dm, text, s_start, ref, None)
        if when is not None and when.precision is not None:
            break
        when = None
    place_name: str | None = None
    if doc.dateline:
        dl = _DATELINE_PLACE.match(doc.dateline.strip())
        if dl:
            place_name = " ".join(w.capitalize() for w in dl.group(1).split())
    if place_name is None:
        cued = [
            p
            for p in places
            if s_start <= p.start < s_end
            and _PLACE_CUE.search(text[max(s_start, p.start - 20) : p.start])
        ]
        if cued:
            place_name = cued[0].name
    key, within = _place_key(place_name, gaz)
    occasion = None
    noun = _TRIGGER_NOUN.search(text, s_start, s_end)
    if noun:
        occasion = _NOUN_FOR.get(noun.group(1), noun.group(1))
    return {
        "date": when.iso if when else None,
        "precision": when.precision if when else None,
        "place": place_name,
        "place_key": key,
        "place_in": list(within),
        "ordinal": None,
        "occasion": occasion,
        "source": "text",
    }


def _lead_end(text: str) -> int:
    """End of the first two paragraphs: where an article says what it reports."""
    first = text.find("\n\n")
    if first < 0:
        return len(text)
    second = text.find("\n\n", first + 2)
    return len(text) if second < 0 else second


def _place_key(name: str | None, gaz: Gazetteer) -> tuple[str | None, tuple[str, ...]]:
    if not name:
        return None, ()
    entry = gaz.lookup(name)
    if entry is not None and entry.type == "place":
        return entry.key, gaz.containers(entry.key)
    return f"place:{slugify(name)}", ()


def _places_fit(a: Mapping[str, Any], b: Mapping[str, Any], exact: bool = False) -> bool:
    ka, kb = a.get("place_key"), b.get("place_key")
    if ka is None or kb is None:
        return not exact
    return ka == kb or (not exact and (ka in b.get("place_in", ()) or kb in a.get("place_in", ())))


def _dates_fit(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    da, db = a.get("date"), b.get("date")
    if da is None or db is None:
        return False
    n = min(len(da), len(db))
    return da[:n] == db[:n]


def _same_meeting(reported: Mapping[str, Any], m: Mapping[str, Any]) -> bool:
    if reported.get("date") is None:
        return _places_fit(reported, m, exact=True)
    return (
        (m.get("precision") == "day" or m.get("place_key") is not None)
        and _dates_fit(reported, m)
        and _places_fit(reported, m)
        and (m.get("precision") == "day" or m.get("precision") == reported.get("precision"))
    )


def _assign_ordinals(
    text: str,
    ordinals: list[tuple[int, int, int]],
    mentions: list[dict[str, Any]],
    reported: dict[str, Any] | None,
    sentences: list[tuple[int, int]],
) -> None:
    """Give "the 24th meeting" to the meeting it counts.

    The ordinal belongs to a mention whose date or place is in the same clause
    ("met in Jakarta on March 3 for their 3rd meeting"); otherwise to the
    meeting the article reports ("met for the 25th time, just one month after
    their talks in Argentina" counts the Moscow summit, not Argentina).
    """
    # Mentions by their sentence, so each ordinal looks only at its own sentence.
    by_sentence: dict[int, list[dict[str, Any]]] = {}
    for m in mentions:
        by_sentence.setdefault(m["start"], []).append(m)
    sentence_starts = [s for s, _ in sentences]
    for o_start, o_end, value in ordinals:
        i = bisect_right(sentence_starts, o_start) - 1
        sent = sentences[i] if i >= 0 and o_start < sentences[i][1] else None
        here = by_sentence.get(sent[0], []) if sent is not None else []
        target: dict[str, Any] | None = None
        best = None
        for m in here:
            a, b = m["match"]
            between = text[b:o_start] if b <= o_start else text[o_end:a]
            if _CLAUSE_BREAK.search(between) or len(between) > 60:
                continue
            dist = len(between)
            if best is None or dist < best:
                best, target = dist, m
        if target is not None:
            target["ordinal"] = value
            continue
        if reported is None or sent is None:
            continue
        if reported["ordinal"] is None:
            reported["ordinal"] = value
        reported_here = [m for m in here if m["kind"] == "reported"]
        if reported_here:
            for m in reported_here:
                m["ordinal"] = value
            continue
        added = {
            "date": reported["date"],
            "precision": reported["precision"],
            "place": reported["place"],
            "place_key": reported["place_key"],
            "place_in": reported["place_in"],
            "ordinal": value,
            "kind": "reported",
            "what": "meeting",
            "start": sent[0],
            "end": sent[1],
            "passage": text[sent[0] : sent[1]],
            "match": [o_start, o_end],
            "people": [],
        }
        mentions.append(added)
        by_sentence.setdefault(sent[0], []).append(added)
    mentions.sort(key=lambda m: (m["start"], m["match"][0]))


# -- across the corpus -------------------------------------------------------------


@dataclass
class MeetingMention:
    """One passage of one article that speaks of a meeting."""

    doc: str
    start: int
    end: int
    passage: str
    match: tuple[int, int]
    date: str | None
    precision: str | None
    kind: str

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "start": self.start,
            "end": self.end,
            "passage": self.passage,
            "match": list(self.match),
            "date": self.date,
            "precision": self.precision,
            "kind": self.kind,
        }


@dataclass
class MeetingEvent:
    """One meeting on the timeline, merged from every article that reports or mentions it.

    ``date`` is ISO at its ``precision``: ``"2019-01-22"`` (day), ``"2018-11"``
    (month), ``"2016"`` (year), or ``None`` when no article dates it.
    ``kind`` is ``"reported"`` when some article reports the meeting itself,
    ``"mentioned"`` when articles only refer to it.
    """

    id: str
    date: str | None
    precision: str | None
    place: str | None
    place_key: str | None
    title: str
    ordinal: int | None
    kind: str
    occasion: str | None = None
    documents: list[str] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    mentions: list[MeetingMention] = field(default_factory=list)
    place_in: tuple[str, ...] = ()
    # Membership checks for merging thousands of articles.
    _doc_set: set[str] = field(default_factory=set, repr=False, compare=False)
    _people_set: set[str] = field(default_factory=set, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "precision": self.precision,
            "place": self.place,
            "place_key": self.place_key,
            "title": self.title,
            "ordinal": self.ordinal,
            "kind": self.kind,
            "occasion": self.occasion,
            "documents": list(self.documents),
            "reported_by": list(self.reported_by),
            "participants": list(self.participants),
            "mentions": [m.to_json() for m in self.mentions],
        }


def build_timeline(analyses: Iterable[tuple[str, Mapping[str, Any]]]) -> list[MeetingEvent]:
    """Every meeting the corpus reports or mentions, merged, in date order (undated last).

    ``analyses`` yields ``(doc_id, analysis)`` as cached by
    :func:`reader.core.analysis.pipeline.analyze`.
    """
    events = _EventIndex()
    pending: list[tuple[str, Mapping[str, Any]]] = []
    reported_event: dict[str, MeetingEvent] = {}
    for doc_id, analysis in analyses:
        rep = analysis.get("reported")
        if rep:
            ev = _find_event(events, rep, reported_only=True)
            if ev is None:
                ev = _new_event(rep, "reported")
                ev.occasion = rep.get("occasion")
                events.append(ev)
            if ev.ordinal is None:
                ev.ordinal = rep.get("ordinal")
            _add_doc(ev, doc_id, reported=True)
            reported_event[doc_id] = ev
        for m in analysis.get("meetings", ()):
            pending.append((doc_id, m))

    def order(item: tuple[str, Mapping[str, Any]]) -> tuple[int, int, int]:
        m = item[1]
        prec = m.get("precision")
        rank = PRECISIONS.index(prec) if prec in PRECISIONS else 3
        return (0 if m.get("kind") == "reported" else 1, rank, 0 if m.get("place_key") else 1)

    for doc_id, m in sorted(pending, key=order):
        if m.get("kind") == "reported" and doc_id in reported_event:
            ev = reported_event[doc_id]
        else:
            ev = _find_event(events, m, reported_only=False)
            if ev is None:
                if m.get("date") is None:
                    continue
                ev = _new_event(m, "mentioned")
                events.append(ev)
        if m.get("ordinal") and ev.ordinal is None:
            ev.ordinal = m["ordinal"]
        if ev.place_key is None and m.get("place_key"):
            ev.place, ev.place_key, ev.place_in = m["place"], m["place_key"], tuple(m["place_in"])
        elif m.get("place_key") and ev.place_key in m.get("place_in", ()):
            # A city is a better answer than its country.
            ev.place, ev.place_key, ev.place_in = m["place"], m["place_key"], tuple(m["place_in"])
        _add_doc(ev, doc_id, reported=False)
        for person in m.get("people", ()):
            if person not in ev._people_set:
                ev._people_set.add(person)
                ev.participants.append(person)
        ev.mentions.append(
            MeetingMention(
                doc_id,
                m["start"],
                m["end"],
                m.get("passage", ""),
                tuple(m.get("match") or (m["start"], m["end"])),
                m.get("date"),
                m.get("precision"),
                m.get("kind", "mentioned"),
            )
        )

    seen_ids: dict[str, int] = {}
    result = events.all()
    for ev in result:
        ev.title = _title(ev)
        base = f"{ev.date or 'undated'}-{slugify(ev.place) if ev.place else 'somewhere'}"
        n = seen_ids.get(base, 0) + 1
        seen_ids[base] = n
        ev.id = base if n == 1 else f"{base}-{n}"
        ev.mentions.sort(key=lambda mm: (mm.doc, mm.start, mm.match))
    result.sort(key=lambda e: (e.date is None, e.date or "", e.place or ""))
    return result


def _event_view(ev: MeetingEvent) -> dict[str, Any]:
    return {
        "date": ev.date,
        "precision": ev.precision,
        "place_key": ev.place_key,
        "place_in": ev.place_in,
    }


class _EventIndex:
    """Events by year, so a mention is compared only with meetings it could be."""

    def __init__(self) -> None:
        self._by_year: dict[str | None, list[MeetingEvent]] = {}
        self._order: list[MeetingEvent] = []

    def append(self, ev: MeetingEvent) -> None:
        self._by_year.setdefault(ev.date[:4] if ev.date else None, []).append(ev)
        self._order.append(ev)

    def near(self, date_: str | None) -> list[MeetingEvent]:
        return self._by_year.get(date_[:4] if date_ else None, [])

    def all(self) -> list[MeetingEvent]:
        return list(self._order)


def _find_event(
    events: _EventIndex, m: Mapping[str, Any], *, reported_only: bool
) -> MeetingEvent | None:
    best: tuple[tuple[int, int, str], MeetingEvent] | None = None
    for ev in events.near(m.get("date")):
        if reported_only and ev.kind != "reported":
            continue
        view = _event_view(ev)
        if reported_only:
            if ev.date != m.get("date") or not _places_fit(view, m):
                continue
            if ev.date is None and not _places_fit(view, m, exact=True):
                continue
        elif not (_dates_fit(view, m) and _places_fit(view, m)):
            continue
        # Reported meetings first, then an exact place, then the earliest.
        score = (
            0 if ev.kind == "reported" else 1,
            0 if ev.place_key == m.get("place_key") else 1,
            ev.date or "",
        )
        if best is None or score < best[0]:
            best = (score, ev)
    return best[1] if best else None


def _new_event(m: Mapping[str, Any], kind: str) -> MeetingEvent:
    return MeetingEvent(
        id="",
        date=m.get("date"),
        precision=m.get("precision"),
        place=m.get("place"),
        place_key=m.get("place_key"),
        title="",
        ordinal=m.get("ordinal"),
        kind=kind,
        occasion=m.get("what"),
        place_in=tuple(m.get("place_in", ())),
    )


def _add_doc(ev: MeetingEvent, doc_id: str, *, reported: bool) -> None:
    # Reports are all added before any mention, so reporting articles come first.
    if doc_id in ev._doc_set:
        return
    ev._doc_set.add(doc_id)
    ev.documents.append(doc_id)
    if reported:
        ev.reported_by.append(doc_id)


def _title(ev: MeetingEvent) -> str:
    what = (ev.occasion or "meeting").strip()
    what = what[:1].upper() + what[1:]
    if ev.place:
        return f"{what} in {ev.place}"
    if ev.date:
        return f"{what}, {_human_date(ev.date, ev.precision)}"
    return what


def _human_date(iso: str, precision: str | None) -> str:
    parts = iso.split("-")
    if precision == "day" and len(parts) == 3:
        return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
    if precision == "month" and len(parts) >= 2:
        return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
    return parts[0]
