"""The meetings one article reports and mentions, found in its text.

:func:`analyse_meetings` runs at ingest, inside the per-article analysis.
It reads the article sentence by sentence (a sentence longer than
:data:`MAX_PASSAGE` in pieces, so the work stays linear in the article's
length) and keeps a passage only when all three parts of a meeting are
there:

* a meeting said of people — met, meeting, held talks, summit, "visited
  Hanoi to meet" — and not a use of the words ("meet the deadline", "meet
  demand", "if we haven't met", "contract talks", "meet-and-greet", a link);
* named participants (see :mod:`.people`);
* a time the text gives ("on Jan. 14", "in May 2016") or implies ("last
  February", "two weeks ago", "on Tuesday", resolved against the article's
  publication date), or a place the article dates elsewhere.

Year-only dates far from the article's own ("the 1945 summit") are history,
not news, and are left out. When in doubt a passage is not a meeting.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from reader.core.analysis.entities.gazetteer import Gazetteer, default_gazetteer
from reader.core.analysis.entities.recognize import Recognized
from reader.core.analysis.entities.text import slugify
from reader.core.analysis.meetings import grammar
from reader.core.analysis.meetings.model import (
    MENTIONED,
    REPORTED,
    ArticleMeetings,
    Mention,
    ReportedMeeting,
)
from reader.core.analysis.meetings.people import (
    GROUP,
    CountryMention,
    PersonMention,
    counterpart_in,
    highest_level,
    participants_in,
    person_levels,
    person_mention,
)
from reader.core.dates import DateSpan, isos_agree, parse_iso_date
from reader.core.model import Document

# The longest passage looked at as one sentence. Every step within a sentence
# may look at the whole sentence, so an article with no full stops (a page of
# one endless line) must be cut into pieces or the work grows with its square.
MAX_PASSAGE = 1000
# The sentences with meeting words read in one article. A news article has a
# few dozen; a page with thousands is a listing or a dump, and reading its
# first few thousand bounds the work whatever its length.
MAX_MEETING_SENTENCES = 1000
# A year-only date further than this from the article's own is history.
HISTORY_YEARS = 10

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

# Words that say people met.
_TRIGGER = re.compile(
    r"\b(?:meet|meets|met|meeting|meetings|summit|summits|talks|sat[ ]down[ ]with"
    r"|face[ -]to[ -]face|agreed)\b"
)
_WEAK = frozenset({"agreed"})
# The same words used for something else: each such use is struck out.
_USE = re.compile(
    r"\bmeet(?:s|ing)?[ ](?:(?:the|their|its|our|your|his|her|this|these|all|any|every|growing"
    r"|rising|strong|high|higher|increased|new|future|current|local|global|consumer|customer"
    r"|market|energy|such)[ ])*(?:deadlines?|demands?|needs?|requirements?|targets?|goals?"
    r"|expectations?|standards?|criteria|challenges?|obligations?|thresholds?|quotas?|costs?"
    r"|conditions|budgets?|commitments?|specifications?|eligibility|minimum|payroll|bills?"
    r"|objectives?|terms|capacity|supply|quality|end|ends|match|criterion)\b"
    r"|\bmeet[- ]and[- ]greets?\b|\bmeet-?ups?\b|\bmeet[ ]up\b|\bmeeting[ ]rooms?\b"
    r"|\b(?:was|were|been|be|is|are|being|get|got)[ ]met[ ]with\b"
    r"|\bmet[ ]with[ ](?:criticism|skepticism|scepticism|resistance|protests?|applause|silence"
    r"|derision|outrage|approval|success|opposition|backlash|anger|praise|cheers|boos)\b"
    r"|\b(?:haven['’]t|have[ ]not|hasn['’]t|has[ ]not|hadn['’]t|never|not[ ]yet|nice[ ]to"
    r"|pleased[ ]to|pleasure[ ]to|glad[ ]to|happy[ ]to|come[ ]and|come[ ]to|want[ ]to"
    r"|love[ ]to|get[ ]to)[ ](?:yet[ ])?(?:meet|met)\b"
    r"|\bmeet[ ](?:the|our)[ ](?:team|staff|cast|author|artists?|candidates?|family|people"
    r"|press|makers?|experts?|players?|new|winners?)\b"
    r"|\b(?:contract|transfer|salary|pay|wage|merger|acquisition|takeover|buyout|sponsorship"
    r"|licensing|union|labou?r|settlement|extension|TED)[ ]talks\b"
    r"|\btalks[ ](?:over|on|about)[ ](?:a[ ]|an[ ]|his[ ]|her[ ]|their[ ])?(?:new[ ])?"
    r"(?:contract|extension|transfer|move|merger|acquisition|takeover|sale|deal)\b"
    r"|\bin[ ](?:advanced[ ]|early[ ]|final[ ]|exclusive[ ])?talks[ ](?:to|over|about)\b"
    r"|\bsummit[ ]of[ ](?:Mount|Mt\.?|the[ ]mountain|Everest|K2)\b"
    r"|\b(?:reached|reach|reaching|climbed|climb|to)[ ]the[ ]summit\b"
    r"|\b(?:annual|general|shareholders?['’]?|town[- ]hall|AGM|zoom|online|virtual|video"
    r"|board|staff|parents?['’]?|PTA)[ ]meetings?\b"
    r"|\b(?:club|group|committee|council|board|society|team|class|circle|association|panel"
    r"|jury|court|parliament|congress|senate|cabinet|commission)[ ](?:that[ ]|which[ ]|who[ ])?"
    r"(?:meets|met|will[ ]meet|meet)\b"
    # Sport: players and teams "meet" in a final, "met" in the last round.
    r"|\b(?:meet|meets|met|meeting|meetings)\b(?=[^.;]{0,50}\b(?:finals?|semi-?finals?"
    r"|quarter-?finals?|round|match|game|tie|bout|fight|showdown|play-?offs?|rematch|derby"
    r"|tournament|championship|league|cup|open|grand[ ]slam|title)\b)"
    # Someone's patients, clients, fans: an appointment or an audience, not a meeting.
    r"|\bmet(?:[ ]with)?[ ](?:(?:his|her|their|a|the)[ ])?(?:patients?|doctors?|physicians?"
    r"|nurses?|therapists?|dentists?|lawyers?|attorneys?|clients?|fans|students|voters"
    r"|supporters|residents|reporters|journalists)\b"
    # How a couple met: a life story, not a meeting the news reports.
    r"|\b(?:first[ ])?met\b(?=[^.;]{0,30}\b(?:college|university|high[ ]school|school|a[ ]party"
    r"|a[ ]bar|online|dating|a[ ]wedding|church|camp)\b)",
    re.IGNORECASE,
)
# Sentences that are a link, a listing or an invitation, whatever words they use.
_NOT_NEWS = re.compile(
    r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|io)\b|\b(?:tickets?|rsvp|register|registration"
    r"|admission|sign[ ]up|subscribe|click|cocktail[ ]hour)\b",
    re.IGNORECASE,
)
_TRIGGER_NOUN = re.compile(r"\b(meeting|summit|talks|meet|met)s?\b")
_NOUN_FOR = {"meet": "meeting", "met": "meeting"}
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
# Words that open another clause: a place, an ordinal or people beyond one
# belong to another meeting.
_CLAUSE_WORDS = re.compile(
    r"\b(?:after|since|before|following|while|when|but|although|whereas|until|ahead[ ]of)\b"
)
_CLAUSE_BREAK = re.compile(r"[,;:]|" + _CLAUSE_WORDS.pattern)
_CLAUSE_EDGE = re.compile(r";|[ \u00a0](?:--|—|–)[ \u00a0]|" + _CLAUSE_WORDS.pattern)
_DATELINE_PLACE = re.compile(r"^([^,\-—–]+)")


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


@dataclass
class _Article:
    """What the steps of one article's extraction share."""

    doc: Document
    text: str
    ref: date | None
    gaz: Gazetteer
    places: list[_Place]
    place_starts: list[int]
    people: list[PersonMention]
    people_starts: list[int]
    countries: list[CountryMention]
    levels: dict[str, str]
    group: list[str]  # who "the two leaders" are: the people of the reported meeting

    def people_between(self, lo: int, hi: int) -> list[PersonMention]:
        return self.people[
            bisect_left(self.people_starts, lo) : bisect_left(self.people_starts, hi)
        ]

    def places_between(self, lo: int, hi: int) -> list[_Place]:
        return self.places[bisect_left(self.place_starts, lo) : bisect_left(self.place_starts, hi)]

    def who(self, lo: int, hi: int, s_lo: int, s_hi: int) -> list[str] | None:
        """The participants of a meeting said in ``text[lo:hi]`` (its clause), within the
        sentence ``[s_lo, s_hi)``; ``None`` when the passage names no one who met."""
        text = self.text
        keys = participants_in(text, lo, hi, self.people_between(lo, hi))
        if len(keys) < 2 and GROUP.search(text, lo, hi):
            # "the two leaders", "their talks": the people the article is about, when
            # the clause names none of its own; else the others of the sentence.
            if not keys and len(self.group) >= 2:
                keys = list(self.group)
            else:
                wider = participants_in(text, s_lo, s_hi, self.people_between(s_lo, s_hi))
                keys = _merge(keys, wider)
                if len(keys) < 2 and len(self.group) >= 2 and (not keys or keys[0] in self.group):
                    keys = _merge(keys, self.group)
        if len(keys) >= 2:
            return keys
        if len(keys) == 1:
            counterpart = counterpart_in(
                text, s_lo, s_hi, self.people_between(s_lo, s_hi), self.countries
            )
            if counterpart is not None:
                return [*keys, counterpart] if counterpart else keys
        return None

    def level(self, participants: list[str]) -> str:
        return highest_level(self.levels[k] for k in participants if k in self.levels)


def analyse_meetings(
    doc: Document,
    text: str,
    sentences: list[tuple[int, int]],
    entities: list[Recognized],
    gazetteer: Gazetteer | None = None,
) -> ArticleMeetings:
    """The meeting ``doc`` reports (if any) and every meeting its text mentions.

    ``entities`` are the article's recognised entities: their person mentions
    give meetings their participants, their place mentions the places.
    """
    gaz = gazetteer or default_gazetteer()
    sentences = bounded_spans(text, sentences)
    art = _article(doc, text, gaz, entities)
    lead = _lead_people(art, sentences)
    art.group = lead
    mentions: list[Mention] = []
    undated: list[Mention] = []
    ordinals: list[tuple[int, int, int]] = []
    nameless: list[Mention] = []
    read = 0
    for s_lo, s_hi in sentences:
        if read >= MAX_MEETING_SENTENCES:
            break
        found = _sentence(art, s_lo, s_hi, ordinals, nameless)
        if found is None:
            continue
        read += 1
        dated, places_only = found
        mentions.extend(dated)
        undated.extend(places_only)
    mentions.extend(_named_elsewhere(nameless, mentions))

    reported = _reported(art, sentences, lead)
    # A place named without a date is the meeting the same article dates elsewhere
    # (the first mention of that place decides; a dict keeps this linear).
    first_at: dict[str | None, Mention] = {}
    for m in mentions:
        first_at.setdefault(m.place_key, m)
    for u in undated:
        same = first_at.get(u.place_key)
        if same is not None:
            u.date, u.precision = same.date, same.precision
            mentions.append(u)
        elif reported is not None and _places_fit(reported, u, exact=True):
            u.date, u.precision = reported.date, reported.precision
            mentions.append(u)
            first_at.setdefault(u.place_key, u)
    mentions.sort(key=lambda m: (m.start, m.match[0]))
    if reported is not None:
        for m in mentions:
            if _same_meeting(reported, m):
                m.kind = REPORTED
    _assign_ordinals(text, ordinals, mentions, reported, sentences)
    if reported is not None and reported.ordinal is None:
        values = [m.ordinal for m in mentions if m.kind == REPORTED and m.ordinal]
        if values:
            reported.ordinal = values[0]
    if reported is not None and not reported.participants:
        for m in mentions:
            if m.kind == REPORTED and m.participants:
                reported.participants = list(m.participants)
                reported.level = m.level
                break
    keys = {k for m in mentions for k in m.participants}
    if reported is not None:
        keys.update(reported.participants)
    names = {e.key: e.name for e in entities if e.key in keys}
    return ArticleMeetings(reported=reported, mentions=mentions, names=names)


def extract_meetings(
    doc: Document,
    text: str,
    sentences: list[tuple[int, int]],
    entities: list[Recognized],
    gazetteer: Gazetteer | None = None,
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """:func:`analyse_meetings` as the JSON the per-article analysis caches:
    ``(reported or None, mentions)``."""
    found = analyse_meetings(doc, text, sentences, entities, gazetteer)
    data = found.to_json()
    return data["reported"], data["meetings"]


# -- the steps -------------------------------------------------------------------


def _article(doc: Document, text: str, gaz: Gazetteer, entities: list[Recognized]) -> _Article:
    places: list[_Place] = []
    people: list[PersonMention] = []
    countries: list[CountryMention] = []
    descriptions: dict[str, str] = {}
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
            if entry is not None and not entry.part_of:
                # A known place inside no other: a country, which can be a counterpart.
                countries.extend(CountryMention(s, e, ent.key) for s, e in ent.mentions)
        elif ent.type == "person":
            people.extend(person_mention(text, s, e, ent.key) for s, e in ent.mentions)
            if entry is not None:
                descriptions[ent.key] = entry.description
    places.sort(key=lambda p: p.start)
    people.sort(key=lambda p: p.start)
    countries.sort(key=lambda c: c.start)
    return _Article(
        doc=doc,
        text=text,
        ref=parse_iso_date(doc.published),
        gaz=gaz,
        places=places,
        place_starts=[p.start for p in places],
        people=people,
        people_starts=[p.start for p in people],
        countries=countries,
        levels=person_levels(text, people, descriptions),
        group=[],
    )


def _lead_end(text: str) -> int:
    """End of the first two paragraphs: where an article says what it reports."""
    first = text.find("\n\n")
    if first < 0:
        return len(text)
    second = text.find("\n\n", first + 2)
    return len(text) if second < 0 else second


def _lead_people(art: _Article, sentences: list[tuple[int, int]]) -> list[str]:
    """The people of the first lead sentence that names two: who the article is about."""
    lead_end = _lead_end(art.text)
    for s_lo, s_hi in sentences:
        if s_lo >= lead_end:
            break
        keys = participants_in(art.text, s_lo, s_hi, art.people_between(s_lo, s_hi))
        if len(keys) >= 2:
            return keys
    return []


def _triggers(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """The meeting words of ``text[lo:hi]`` that are not some other use of them."""
    found = list(_TRIGGER.finditer(text, lo, hi))
    if not found:
        return []
    # Every use contains its meeting word, so only the words' surroundings are searched.
    kept = []
    for t in found:
        w_lo, w_hi = max(lo, t.start() - 45), min(hi, t.end() + 45)
        if not any(u.start() <= t.start() < u.end() for u in _USE.finditer(text, w_lo, w_hi)):
            kept.append(t)
    return kept


def _clause_edges(text: str, lo: int, hi: int, dates: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Where clauses of ``text[lo:hi]`` meet, edges inside a date phrase ("a week after")
    not counted."""
    return [
        (m.start(), m.end())
        for m in _CLAUSE_EDGE.finditer(text, lo, hi)
        if not any(d.start() <= m.start() < d.end() for d in dates)
    ]


def _clause(lo: int, hi: int, at: int, edges: list[tuple[int, int]]) -> tuple[int, int]:
    """The clause of ``[lo, hi)`` around ``at``, between the clause edges either side."""
    start, end = lo, hi
    for e_lo, e_hi in edges:
        if e_hi <= at:
            start = e_hi
        elif e_lo > at:
            end = e_lo
            break
    return start, end


def _sentence(
    art: _Article,
    s_lo: int,
    s_hi: int,
    ordinals: list[tuple[int, int, int]],
    nameless: list[Mention],
) -> tuple[list[Mention], list[Mention]] | None:
    """The dated mentions of one sentence, and its places named without a date.

    Dated passages that name no one who met go to ``nameless``.
    """
    text = art.text
    triggers = _triggers(text, s_lo, s_hi)
    if not triggers or _NOT_NEWS.search(text, s_lo, s_hi):
        return None
    weak_only = all(t.group() in _WEAK for t in triggers)
    in_sentence = [
        p
        for p in art.places_between(s_lo, s_hi)
        if p.implied or _PLACE_CUE.search(text[max(s_lo, p.start - 20) : p.start])
    ]
    counted_to: set[int] = set()
    for om in _ORDINAL.finditer(text, s_lo, s_hi):
        value = int(om.group("num")) if om.group("num") else _ORDINAL_WORDS[om.group("word")]
        ordinals.append((om.start(), om.end(), value))
        counted_to.add(om.end() + 1)
    previous: DateSpan | None = None
    all_dates = grammar.date_matches(text, s_lo, s_hi)
    dated_here: list[tuple[re.Match[str], DateSpan]] = []
    for dm in all_dates:
        span = grammar.resolve(dm, text, s_lo, art.ref, previous)
        if span is None or span.precision is None:
            continue
        previous = span
        if not _is_news(span, art.ref) or dm.start() in counted_to:
            # History, or the period a count runs over ("their fourth meeting this year").
            continue
        dated_here.append((dm, span))
    nouns = list(_TRIGGER_NOUN.finditer(text, s_lo, s_hi))
    edges = _clause_edges(text, s_lo, s_hi, all_dates)
    dated: list[Mention] = []
    for i, (dm, span) in enumerate(dated_here):
        lo_bound = dated_here[i - 1][0].end() if i else s_lo
        hi_bound = dated_here[i + 1][0].start() if i + 1 < len(dated_here) else s_hi
        forward = grammar.counts_forward(dm, text)
        anchor = dm.end() + 1 if forward else dm.start()
        c_lo, c_hi = _clause(s_lo, s_hi, anchor, edges)
        if forward:
            c_lo = max(c_lo, dm.end())  # "a week after | their ministers met in Hanoi"
        who = art.who(c_lo, c_hi, s_lo, s_hi)
        place = _nearest_place(text, in_sentence, dm.start(), dm.end(), lo_bound, hi_bound, forward)
        if weak_only and place is None:
            continue
        found = _mention(art, s_lo, s_hi, dm.start(), dm.end(), span, place, who or [], nouns)
        if who is None:
            # Named elsewhere in the article, perhaps: "our foreign ministers ... in
            # Munich in February" is the meeting "Lavrov and Kono" have "in February".
            found.level = _level_cue(text, c_lo, c_hi)
            nameless.append(found)
        else:
            dated.append(found)
    places_only: list[Mention] = []
    if not dated_here:
        for p in in_sentence:
            c_lo, c_hi = _clause(s_lo, s_hi, p.start, edges)
            who = art.who(c_lo, c_hi, s_lo, s_hi)
            if who is not None:
                places_only.append(_mention(art, s_lo, s_hi, p.start, p.end, None, p, who, nouns))
    return dated, places_only


_MINISTERS_CUE = re.compile(r"\bministers?\b", re.IGNORECASE)
_LEADERS_CUE = re.compile(r"\b(?:leaders?|summit|presidents?|heads[ ]of[ ]state)\b", re.IGNORECASE)


def _level_cue(text: str, lo: int, hi: int) -> str | None:
    """The level a passage names without naming anyone ("our foreign ministers")."""
    if _MINISTERS_CUE.search(text, lo, hi):
        return "ministers"
    if _LEADERS_CUE.search(text, lo, hi):
        return "leaders"
    return None


def _named_elsewhere(nameless: list[Mention], named: list[Mention]) -> list[Mention]:
    """The nameless passages that date a meeting the article names people for elsewhere.

    One passage gives the date and the people, another the same date and the
    place: both are that meeting, and the named one learns its place. Every
    other nameless passage is dropped.
    """
    by_date: dict[tuple[str | None, str | None], list[Mention]] = {}
    for m in named:
        by_date.setdefault((m.date, m.precision), []).append(m)
    kept: list[Mention] = []
    for n in nameless:
        for m in by_date.get((n.date, n.precision), []):
            if n.level is not None and n.level != m.level:
                continue
            if m.place_key is not None and n.place_key not in (None, m.place_key):
                continue
            n.participants, n.level = list(m.participants), m.level
            if m.place_key is None and n.place_key is not None:
                m.place, m.place_key, m.place_in = n.place, n.place_key, n.place_in
            kept.append(n)
            break
    return kept


def _is_news(span: DateSpan, ref: date | None) -> bool:
    """Whether a date can be a meeting the news speaks of, not a year of history."""
    if span.lo.year < 1900:
        return False
    if span.precision != "year":
        return True
    return ref is not None and abs(span.lo.year - ref.year) <= HISTORY_YEARS


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
    art: _Article,
    s_lo: int,
    s_hi: int,
    m_lo: int,
    m_hi: int,
    span: DateSpan | None,
    place: _Place | None,
    who: list[str],
    nouns: list[re.Match[str]],
) -> Mention:
    # The meeting word nearest before the date names it ("met ... on 3 February to
    # prepare the talks" is a meeting); else the nearest after.
    noun = min(nouns, key=lambda n: (n.start() > m_lo, abs(n.start() - m_lo)), default=None)
    return Mention(
        start=s_lo,
        end=s_hi,
        passage=art.text[s_lo:s_hi],
        match=(m_lo, m_hi),
        date=span.iso if span else None,
        precision=span.precision if span else None,
        place=place.name if place else None,
        place_key=place.key if place else None,
        place_in=place.within if place else (),
        kind=MENTIONED,
        what=_NOUN_FOR.get(noun.group(1), noun.group(1)) if noun else "meeting",
        participants=who,
        level=art.level(who),
    )


def _reported(
    art: _Article, sentences: list[tuple[int, int]], lead_people: list[str]
) -> ReportedMeeting | None:
    """The meeting the article reports: the manifest's, or what its lead says of people."""
    meeting = art.doc.meeting
    if isinstance(meeting, Mapping):
        d = parse_iso_date(meeting.get("date"))
        place = meeting.get("place") or None
        key, within = _place_key(place, art.gaz)
        return ReportedMeeting(
            date=d.isoformat() if d else None,
            precision="day" if d else None,
            place=place,
            place_key=key,
            place_in=within,
            ordinal=meeting.get("ordinal"),
            occasion=meeting.get("occasion") or None,
            source="manifest",
            participants=list(lead_people),
            level=art.level(lead_people) if lead_people else None,
        )
    # No manifest: the lead decides. It must say that named people met.
    text = art.text
    lead_end = _lead_end(text)
    for s_lo, s_hi in sentences:
        if s_lo >= lead_end:
            return None
        triggers = [t for t in _triggers(text, s_lo, s_hi) if t.group() not in _WEAK]
        if not triggers or _NOT_NEWS.search(text, s_lo, s_hi):
            continue
        edges = _clause_edges(text, s_lo, s_hi, [])
        c_lo, c_hi = _clause(s_lo, s_hi, triggers[0].start(), edges)
        who = art.who(c_lo, c_hi, s_lo, s_hi)
        if who is None:
            continue
        found = _reported_from(art, s_lo, s_hi, who)
        if found is not None:
            return found
    return None


def _reported_from(art: _Article, s_lo: int, s_hi: int, who: list[str]) -> ReportedMeeting | None:
    """The meeting a lead sentence reports; ``None`` when its only dates are history."""
    text = art.text
    when: DateSpan | None = None
    history = False
    for dm in grammar.date_matches(text, s_lo, s_hi):
        span = grammar.resolve(dm, text, s_lo, art.ref, None)
        if span is None or span.precision is None:
            continue
        if not _is_news(span, art.ref):
            history = True
        elif span.precision in ("day", "month"):
            when = span
            break
    if when is None and history:
        return None
    place_name: str | None = None
    if art.doc.dateline:
        dl = _DATELINE_PLACE.match(art.doc.dateline.strip())
        if dl:
            place_name = " ".join(w.capitalize() for w in dl.group(1).split())
    if place_name is None:
        cued = [
            p
            for p in art.places_between(s_lo, s_hi)
            if _PLACE_CUE.search(text[max(s_lo, p.start - 20) : p.start])
        ]
        if cued:
            place_name = cued[0].name
    key, within = _place_key(place_name, art.gaz)
    noun = _TRIGGER_NOUN.search(text, s_lo, s_hi)
    return ReportedMeeting(
        date=when.iso if when else None,
        precision=when.precision if when else None,
        place=place_name,
        place_key=key,
        place_in=within,
        occasion=_NOUN_FOR.get(noun.group(1), noun.group(1)) if noun else None,
        source="text",
        participants=who,
        level=art.level(who),
    )


def _place_key(name: str | None, gaz: Gazetteer) -> tuple[str | None, tuple[str, ...]]:
    if not name:
        return None, ()
    entry = gaz.lookup(name)
    if entry is not None and entry.type == "place":
        return entry.key, gaz.containers(entry.key)
    return f"place:{slugify(name)}", ()


def _places_fit(
    a: ReportedMeeting | Mention, b: ReportedMeeting | Mention, exact: bool = False
) -> bool:
    ka, kb = a.place_key, b.place_key
    if ka is None or kb is None:
        return not exact
    return ka == kb or (not exact and (ka in b.place_in or kb in a.place_in))


def _same_meeting(reported: ReportedMeeting, m: Mention) -> bool:
    """Whether a mention in the reporting article is of the meeting it reports."""
    if reported.date is None:
        return _places_fit(reported, m, exact=True)
    return (
        (m.precision == "day" or m.place_key is not None)
        and isos_agree(reported.date, m.date)
        and _places_fit(reported, m)
        and (m.precision == "day" or m.precision == reported.precision)
    )


def _assign_ordinals(
    text: str,
    ordinals: list[tuple[int, int, int]],
    mentions: list[Mention],
    reported: ReportedMeeting | None,
    sentences: list[tuple[int, int]],
) -> None:
    """Give "the 24th meeting" to the meeting it counts.

    The ordinal belongs to a mention whose date or place is in the same clause
    ("met in Jakarta on March 3 for their 3rd meeting"); otherwise to the
    meeting the article reports ("met for the 25th time, just one month after
    their talks in Argentina" counts the Moscow summit, not Argentina).
    """
    # Mentions by their sentence, so each ordinal looks only at its own sentence.
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.start, []).append(m)
    sentence_starts = [s for s, _ in sentences]
    for o_start, o_end, value in ordinals:
        i = bisect_right(sentence_starts, o_start) - 1
        sent = sentences[i] if i >= 0 and o_start < sentences[i][1] else None
        here = by_sentence.get(sent[0], []) if sent is not None else []
        target: Mention | None = None
        best = None
        for m in here:
            a, b = m.match
            between = text[b:o_start] if b <= o_start else text[o_end:a]
            if _CLAUSE_BREAK.search(between) or len(between) > 60:
                continue
            dist = len(between)
            if best is None or dist < best:
                best, target = dist, m
        if target is not None:
            target.ordinal = value
            continue
        if reported is None or sent is None:
            continue
        if reported.ordinal is None:
            reported.ordinal = value
        reported_here = [m for m in here if m.kind == REPORTED]
        if reported_here:
            for m in reported_here:
                m.ordinal = value
            continue
        added = Mention(
            start=sent[0],
            end=sent[1],
            passage=text[sent[0] : sent[1]],
            match=(o_start, o_end),
            date=reported.date,
            precision=reported.precision,
            place=reported.place,
            place_key=reported.place_key,
            place_in=reported.place_in,
            ordinal=value,
            kind=REPORTED,
            participants=list(reported.participants),
            level=reported.level,
        )
        mentions.append(added)
        by_sentence.setdefault(sent[0], []).append(added)
    mentions.sort(key=lambda m: (m.start, m.match[0]))


def _merge(a: list[str], b: list[str]) -> list[str]:
    return a + [k for k in b if k not in a]
