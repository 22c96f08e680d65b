"""The timeline: every article's meetings merged into one list of events.

:func:`build_timeline` runs over the cached per-article analyses. Two
mentions become one event only when their dates agree at the precision both
have *and* their participants or their places agree (and, when neither
names the other's people, their levels too). So a cocktail party in October
never joins a summit in October, and a foreign ministers' meeting never
joins the leaders' summit of the same month in the same city.

A reported meeting is made from the articles that report it and nothing
else: a mention in another article may join it (its passage is listed, the
article counted), but never changes its date, place, participants, ordinal
or level.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reader.core.analysis.entities.text import slugify
from reader.core.analysis.meetings.model import (
    MENTIONED,
    REPORTED,
    ArticleMeetings,
    MeetingEvent,
    Mention,
    ReportedMeeting,
)
from reader.core.dates import PRECISIONS, human_date, isos_agree


@dataclass
class _Building:
    """An event while it is being merged, with what matching needs at hand."""

    event: MeetingEvent
    people: set[str] = field(default_factory=set)  # person keys only
    docs: set[str] = field(default_factory=set)
    seq: int = -1  # order of creation, which decides ties


def build_timeline(analyses: Iterable[tuple[str, Mapping[str, Any]]]) -> list[MeetingEvent]:
    """Every meeting the corpus reports or mentions, merged, in date order (undated last).

    ``analyses`` yields ``(doc_id, analysis)`` as cached by
    :func:`reader.core.analysis.pipeline.analyze`.
    """
    index = _Index()
    names: dict[str, str] = {}
    pending: list[tuple[str, Mention]] = []
    reported_event: dict[str, _Building] = {}
    for doc_id, analysis in analyses:
        found = ArticleMeetings.from_json(analysis)
        names.update(found.names)
        rep = found.reported
        if rep is not None:
            b = index.find_reported(rep)
            if b is None:
                b = _from_reported(rep)
                index.add(b)
            _absorb_report(b, rep)
            index.refile(b)
            _add_doc(b, doc_id, reported=True)
            reported_event[doc_id] = b
        for m in found.mentions:
            m.doc = doc_id
            pending.append((doc_id, m))

    def order(item: tuple[str, Mention]) -> tuple[int, int, int]:
        m = item[1]
        rank = PRECISIONS.index(m.precision) if m.precision in PRECISIONS else 3
        return (0 if m.kind == REPORTED else 1, rank, 0 if m.place_key else 1)

    for doc_id, m in sorted(pending, key=order):
        own = reported_event.get(doc_id)
        if m.kind == REPORTED and own is not None:
            b = own
        else:
            b = index.find(m)
            if b is None:
                if m.date is None:
                    continue  # a meeting no article dates or reports is not on the timeline
                b = _from_mention(m)
                index.add(b)
            elif b.event.kind == MENTIONED:
                _refine(b, m)
                index.refile(b)
        _add_doc(b, doc_id, reported=False)
        b.event.mentions.append(m)

    result = [b.event for b in index.all()]
    seen_ids: dict[str, int] = {}
    for ev in result:
        ev.participant_names = [names.get(k, _name_from_key(k)) for k in ev.participants]
        ev.title = _title(ev)
        where = ev.place or (ev.participant_names[0] if ev.participant_names else "")
        base = f"{ev.date or 'undated'}-{slugify(where) if where else 'somewhere'}"
        n = seen_ids.get(base, 0) + 1
        seen_ids[base] = n
        ev.id = base if n == 1 else f"{base}-{n}"
        ev.mentions.sort(key=lambda mm: (mm.doc, mm.start, mm.match))
    result.sort(key=lambda e: (e.date is None, e.date or "", e.place or ""))
    return result


# -- matching --------------------------------------------------------------------


def _persons(keys: Iterable[str]) -> set[str]:
    return {k for k in keys if k.startswith("person:")}


def _places_fit(ev: MeetingEvent, key: str | None, within: tuple[str, ...]) -> bool | None:
    """True when both name the same place (or one lies in the other), False when they
    name different places, None when either names none."""
    if ev.place_key is None or key is None:
        return None
    return ev.place_key == key or ev.place_key in within or key in ev.place_in


def _people_fit(b: _Building, people: set[str]) -> bool | None:
    """True when they share someone (all of the smaller side when it names one person),
    False when both name people and share none, None when either names none."""
    if not b.people or not people:
        return None
    shared = b.people & people
    if not shared:
        return False
    return len(shared) >= min(2, len(b.people), len(people))


def _agrees(b: _Building, m: Mention) -> bool:
    ev = b.event
    if not isos_agree(ev.date, m.date):
        return False
    places = _places_fit(ev, m.place_key, m.place_in)
    people = _people_fit(b, _persons(m.participants))
    if places is False or people is False:
        return False
    if m.precision == "year" or ev.precision == "year":
        return bool(places and people)
    if people:
        return True
    return bool(places) and (ev.level is None or m.level is None or ev.level == m.level)


_Key = tuple[str, str | None]


class _Index:
    """Events by who and where, and by month, so a mention is compared only with the
    meetings it could be: those sharing a person or a place with it, in its month
    (or year). Without it, merging grows with the square of the corpus.

    An event is filed under each of its people and places (and the places they lie
    in) with its month (``2019-01``; the year for a year-only date, ``None`` for an
    undated one). An event that learns a place or a person is filed again; stale
    entries are harmless, every candidate is checked in full.
    """

    def __init__(self) -> None:
        self._by_key: dict[_Key, list[_Building]] = {}
        self._order: list[_Building] = []
        self._filed: dict[int, set[_Key]] = {}

    def add(self, b: _Building) -> None:
        b.seq = len(self._order)
        self._order.append(b)
        self._filed[b.seq] = set()
        self.refile(b)

    def refile(self, b: _Building) -> None:
        """File ``b`` under any person or place it has gained."""
        ev = b.event
        when = _bucket(ev.date, ev.precision)
        filed = self._filed[b.seq]
        for k in _keys(ev.participants, ev.place_key, ev.place_in):
            key = (k, when)
            if key not in filed:
                filed.add(key)
                self._by_key.setdefault(key, []).append(b)

    def all(self) -> list[_Building]:
        return list(self._order)

    def _candidates(
        self,
        participants: list[str],
        place_key: str | None,
        place_in: tuple[str, ...],
        date: str | None,
        precision: str | None,
    ) -> list[_Building]:
        if date is None:
            buckets: list[str | None] = [None]
        elif precision == "year":
            buckets = [date[:4], *(f"{date[:4]}-{m:02d}" for m in range(1, 13))]
        else:
            buckets = [date[:7], date[:4]]
        seen: dict[int, _Building] = {}
        for k in _keys(participants, place_key, place_in):
            for when in buckets:
                for b in self._by_key.get((k, when), ()):
                    seen.setdefault(b.seq, b)
        return [seen[i] for i in sorted(seen)]

    def find_reported(self, rep: ReportedMeeting) -> _Building | None:
        """The event another article already reports as this same meeting."""
        people = _persons(rep.participants)
        for b in self._candidates(
            rep.participants, rep.place_key, rep.place_in, rep.date, rep.precision
        ):
            ev = b.event
            if ev.kind != REPORTED or ev.date != rep.date:
                continue
            places = _places_fit(ev, rep.place_key, rep.place_in)
            fit = _people_fit(b, people)
            if places is False or fit is False:
                continue
            if rep.date is None and not (places and ev.place_key == rep.place_key and fit):
                continue
            if places or fit:
                return b
        return None

    def find(self, m: Mention) -> _Building | None:
        """The event a mention is of: a reported one first, then an exact place, then the
        earliest."""
        if m.date is None:
            return None  # an undated mention is dated by no other article's meeting
        best: tuple[tuple[int, int, str], _Building] | None = None
        for b in self._candidates(m.participants, m.place_key, m.place_in, m.date, m.precision):
            if not _agrees(b, m):
                continue
            ev = b.event
            score = (
                0 if ev.kind == REPORTED else 1,
                0 if ev.place_key == m.place_key else 1,
                ev.date or "",
            )
            if best is None or score < best[0]:
                best = (score, b)
        return best[1] if best else None


def _bucket(date: str | None, precision: str | None) -> str | None:
    if date is None:
        return None
    return date[:4] if precision == "year" or len(date) < 7 else date[:7]


def _keys(participants: list[str], place_key: str | None, place_in: tuple[str, ...]) -> list[str]:
    keys = [k for k in participants if k.startswith("person:")]
    if place_key:
        keys.append(place_key)
    keys.extend(place_in)
    return keys


# -- building --------------------------------------------------------------------


def _new_event(seen: ReportedMeeting | Mention, kind: str, occasion: str | None) -> MeetingEvent:
    """An event that knows only what its first report or mention says."""
    return MeetingEvent(
        id="",
        date=seen.date,
        precision=seen.precision,
        place=seen.place,
        place_key=seen.place_key,
        title="",
        ordinal=seen.ordinal,
        kind=kind,
        occasion=occasion,
        level=seen.level,
        place_in=seen.place_in,
    )


def _from_reported(rep: ReportedMeeting) -> _Building:
    return _Building(_new_event(rep, REPORTED, rep.occasion))


def _absorb_report(b: _Building, rep: ReportedMeeting) -> None:
    """Another article reports the same meeting: it may add what the first left unknown."""
    ev = b.event
    if ev.ordinal is None:
        ev.ordinal = rep.ordinal
    if ev.occasion is None:
        ev.occasion = rep.occasion
    _add_people(b, rep.participants)
    if ev.level is None or (rep.level and _rank(rep.level) < _rank(ev.level)):
        ev.level = rep.level


def _from_mention(m: Mention) -> _Building:
    b = _Building(_new_event(m, MENTIONED, m.what))
    _add_people(b, m.participants)
    return b


def _refine(b: _Building, m: Mention) -> None:
    """A meeting only mentioned learns from each mention: a city over its country, an
    ordinal, more of who took part."""
    ev = b.event
    if m.ordinal and ev.ordinal is None:
        ev.ordinal = m.ordinal
    if m.place_key and (ev.place_key is None or ev.place_key in m.place_in):
        ev.place, ev.place_key, ev.place_in = m.place, m.place_key, m.place_in
    _add_people(b, m.participants)


def _add_people(b: _Building, keys: Iterable[str]) -> None:
    for k in keys:
        if k not in b.event.participants:
            b.event.participants.append(k)
    b.people |= _persons(keys)


def _add_doc(b: _Building, doc_id: str, *, reported: bool) -> None:
    # Reports are all added before any mention, so reporting articles come first.
    if doc_id in b.docs:
        return
    b.docs.add(doc_id)
    b.event.documents.append(doc_id)
    if reported:
        b.event.reported_by.append(doc_id)


def _rank(level: str) -> int:
    from reader.core.analysis.meetings.model import LEVELS

    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def _name_from_key(key: str) -> str:
    return key.split(":", 1)[-1].replace("-", " ").title()


def surname(name: str) -> str:
    """The last word of a person's name, for short labels ("Abe", "Putin")."""
    return name.split()[-1] if name.split() else name


def _title(ev: MeetingEvent) -> str:
    """``G20 summit in Osaka``; without a place, who met: ``Meeting of Abe and Putin``."""
    what = (ev.occasion or "meeting").strip()
    what = what[:1].upper() + what[1:]
    if ev.place:
        return f"{what} in {ev.place}"
    people = [
        surname(n) if k.startswith("person:") else n
        for n, k in zip(ev.participant_names, ev.participants, strict=True)
    ]
    if people:
        return f"{what} {'between' if what == 'Talks' else 'of'} {_and(people)}"
    if ev.date:
        return f"{what}, {human_date(ev.date, ev.precision)}"
    return what


def _and(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
