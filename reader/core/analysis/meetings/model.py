"""The typed facts of the timeline: mentions in one article, and meetings across the corpus.

* :class:`Mention` — one passage of one article that speaks of one meeting;
* :class:`ReportedMeeting` — the meeting an article itself reports (its news);
* :class:`ArticleMeetings` — all an article says about meetings, cached with
  its analysis as JSON;
* :class:`MeetingEvent` — one meeting on the timeline, merged from the
  mentions of every article about it.

Each has ``to_json`` and ``from_json``, and ``from_json(to_json())`` gives
the same object back. Dates are ISO strings at their ``precision``
(``2019-01-22`` day, ``2019-01`` month, ``2019`` year) or ``None``;
``participants`` are entity keys (``person:shinzo-abe``); ``level`` is one of
:data:`LEVELS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

REPORTED, MENTIONED = "reported", "mentioned"
# Who met, from the highest rank that took part: heads of state or government,
# ministers, anyone else named.
LEVELS = ("leaders", "ministers", "officials")


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list | tuple) else []


# The facts every kind of meeting record carries: when, where, which one, at what level.
_WHEN_WHERE = ("date", "precision", "place", "place_key", "place_in", "ordinal", "level")


def _when_where_json(record: Any) -> dict[str, Any]:
    out = {name: getattr(record, name) for name in _WHEN_WHERE}
    out["place_in"] = list(record.place_in)
    return out


def _when_where_from(data: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments for :data:`_WHEN_WHERE`, each checked for its type."""
    out: dict[str, Any] = {
        name: _str_or_none(data.get(name))
        for name in ("date", "precision", "place", "place_key", "level")
    }
    out["place_in"] = tuple(_strings(data.get("place_in")))
    out["ordinal"] = _int_or_none(data.get("ordinal"))
    return out


@dataclass
class Mention:
    """One passage that speaks of one meeting.

    ``start``/``end`` delimit the passage (a sentence) in the article's body
    text; ``match`` the words that date or place it. ``doc`` is filled in
    when the mention joins an event.
    """

    start: int
    end: int
    passage: str
    match: tuple[int, int]
    date: str | None = None
    precision: str | None = None
    place: str | None = None
    place_key: str | None = None
    place_in: tuple[str, ...] = ()
    ordinal: int | None = None
    kind: str = MENTIONED
    what: str = "meeting"
    participants: list[str] = field(default_factory=list)
    level: str | None = None
    doc: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            **_when_where_json(self),
            "kind": self.kind,
            "what": self.what,
            "start": self.start,
            "end": self.end,
            "passage": self.passage,
            "match": list(self.match),
            "participants": list(self.participants),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Mention:
        start, end = int(data.get("start", 0)), int(data.get("end", 0))
        match = data.get("match") or (start, end)
        return cls(
            start=start,
            end=end,
            passage=str(data.get("passage", "")),
            match=(int(match[0]), int(match[1])),
            **_when_where_from(data),
            kind=REPORTED if data.get("kind") == REPORTED else MENTIONED,
            what=str(data.get("what") or "meeting"),
            participants=_strings(data.get("participants", data.get("people"))),
            doc=str(data.get("doc") or ""),
        )


@dataclass
class ReportedMeeting:
    """The meeting an article reports: from the corpus manifest, or from its lead."""

    date: str | None = None
    precision: str | None = None
    place: str | None = None
    place_key: str | None = None
    place_in: tuple[str, ...] = ()
    ordinal: int | None = None
    occasion: str | None = None
    source: str = "text"  # "manifest" or "text"
    participants: list[str] = field(default_factory=list)
    level: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            **_when_where_json(self),
            "occasion": self.occasion,
            "source": self.source,
            "participants": list(self.participants),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReportedMeeting:
        return cls(
            **_when_where_from(data),
            occasion=_str_or_none(data.get("occasion")),
            source="manifest" if data.get("source") == "manifest" else "text",
            participants=_strings(data.get("participants")),
        )


@dataclass
class ArticleMeetings:
    """What one article says about meetings: the one it reports, and every mention.

    ``names`` gives the display name of each participant key, so the timeline
    can say who met without reloading the article's entities.
    """

    reported: ReportedMeeting | None = None
    mentions: list[Mention] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The ``reported``, ``meetings`` and ``participant_names`` of an article's analysis."""
        return {
            "reported": self.reported.to_json() if self.reported else None,
            "meetings": [m.to_json() for m in self.mentions],
            "participant_names": dict(self.names),
        }

    @classmethod
    def from_json(cls, analysis: Mapping[str, Any]) -> ArticleMeetings:
        """From a cached analysis (or :meth:`to_json`'s output)."""
        rep = analysis.get("reported")
        stored = analysis.get("participant_names")
        # A copy: the entities below must not be written into the cached analysis.
        names: dict[str, str] = dict(stored) if isinstance(stored, Mapping) else {}
        # Older analyses name participants only through their entities.
        for ent in analysis.get("entities", ()) or ():
            if isinstance(ent, Mapping) and isinstance(ent.get("key"), str):
                names.setdefault(ent["key"], str(ent.get("name") or ent["key"]))
        return cls(
            reported=ReportedMeeting.from_json(rep) if isinstance(rep, Mapping) else None,
            mentions=[
                Mention.from_json(m)
                for m in analysis.get("meetings", ()) or ()
                if isinstance(m, Mapping)
            ],
            names={str(k): str(v) for k, v in names.items()},
        )


@dataclass
class MeetingEvent:
    """One meeting on the timeline, merged from every article that reports or mentions it.

    ``kind`` is ``"reported"`` when some article reports the meeting itself,
    ``"mentioned"`` when articles only refer to it. ``participants`` are
    entity keys and ``participant_names`` their names, in the same order.
    ``documents`` lists the reporting articles first.
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
    level: str | None = None
    documents: list[str] = field(default_factory=list)
    reported_by: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    participant_names: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    place_in: tuple[str, ...] = ()

    @property
    def dated(self) -> bool:
        """Whether the meeting has a place on the time axis."""
        return self.date is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            **_when_where_json(self),
            "title": self.title,
            "kind": self.kind,
            "occasion": self.occasion,
            "documents": list(self.documents),
            "reported_by": list(self.reported_by),
            "participants": list(self.participants),
            "participant_names": list(self.participant_names),
            "mentions": [m.to_json() for m in self.mentions],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MeetingEvent:
        return cls(
            id=str(data.get("id", "")),
            **_when_where_from(data),
            title=str(data.get("title", "")),
            kind=REPORTED if data.get("kind") == REPORTED else MENTIONED,
            occasion=_str_or_none(data.get("occasion")),
            documents=_strings(data.get("documents")),
            reported_by=_strings(data.get("reported_by")),
            participants=_strings(data.get("participants")),
            participant_names=_strings(data.get("participant_names")),
            mentions=[Mention.from_json(m) for m in data.get("mentions", ()) or ()],
        )
