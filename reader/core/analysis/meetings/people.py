"""Who took part in a meeting, and at what level.

A meeting is people meeting: a passage counts only when it names two or more
people, or one person and a named counterpart (a delegation, a government,
a country, "his Russian counterpart"). The people are the entities the
recogniser found (gazetteer and model alike); a reported speaker ("Lavrov
said") or a possessive ("Putin's visit") is left out when two others remain.

The level comes from the highest rank among the participants: a title in
the article itself ("Foreign Minister Taro Kono", "Hiroshige Seko, minister
of economy") first, then the gazetteer's description of a known person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reader.core.analysis.meetings.model import LEVELS

_LEADER = (
    r"president|prime[ ]minister|premier|chancellor|king|queen|emperor|empress|sultan|emir"
    r"|crown[ ]prince|supreme[ ]leader|head[ ]of[ ]state|taoiseach|pope|monarch|leader"
)
_MINISTER = (
    r"minister|secretary[ ]of[ ]state|(?:foreign|defen[cs]e|home|treasury|commerce|energy"
    r"|trade)[ ]secretary|secretary[ ]of[ ](?:defen[cs]e|the[ ]treasury|commerce|energy"
    r"|homeland[ ]security|state)|foreign[ ]secretary"
)
# Deputies and vice presidents are ministers here, not leaders.
_DEPUTY = r"vice[ -]?president|deputy[ ]prime[ ]minister|deputy|vice"
_TITLE = re.compile(
    rf"\b(?:(?P<deputy>{_DEPUTY})|(?P<leader>{_LEADER})|(?P<minister>{_MINISTER}))\b",
    re.IGNORECASE,
)
# Between a title and the name: nationality, "of Veloria", other capitalised words.
_TITLE_GAP = re.compile(r"^(?:[ \u00a0]+(?:of[ ]|the[ ])?[A-Z][\w.'’-]*)*[ \u00a0]*$")
_APPOSITIVE = re.compile(
    rf"^,[ \u00a0]+(?:the[ ]|a[ ])?(?:[\w'’-]+[ ]){{0,3}}?(?:(?P<deputy>{_DEPUTY})|"
    rf"(?P<leader>{_LEADER})|(?P<minister>{_MINISTER}))\b",
    re.IGNORECASE,
)
_SPEAKER_AFTER = re.compile(
    r"[ \u00a0]*(?:,[^,]{0,40},[ \u00a0]*)?(?:said|says|told|noted|added|stated|explained"
    r"|declared|wrote|tweeted|announced|recalled|insisted|warned)\b"
)
_SPEAKER_BEFORE = re.compile(r"\b(?:said|says|told|according[ ]to)[ \u00a0]+$")
_POSSESSIVE = re.compile(r"['’]s?\b")
# Words that stand for the people an article has already named; "their foreign
# ministers" are other people.
GROUP = re.compile(
    r"\b(?:the[ ]two(?:[ ](?:leaders|men|women|sides|presidents|heads[ ]of[ ]state))?"
    r"|both[ ](?:leaders|men|women|sides)|the[ ](?:leaders|pair)|they|them"
    r"|their(?![ ](?:[\w-]+[ ])?(?:ministers?|officials|aides|envoys|delegations?|negotiators"
    r"|deputies|advis[eo]rs|teams?|representatives|staff|counterparts)\b))\b",
    re.IGNORECASE,
)
# A counterpart named by role: "his Russian counterpart", "the Chinese delegation".
_COUNTERPART = re.compile(
    r"\b(?:his|her|their|its|the|a)[ ](?:[\w-]+[ ]){0,2}?(?:counterparts?|delegations?"
    r"|government|prime[ ]minister|president|premier|chancellor|foreign[ ]ministers?"
    r"|king|queen|emperor|envoys?|leader)\b",
    re.IGNORECASE,
)
_COUNTRY_CUE = re.compile(r"\b(?:with|to|and)[ \u00a0]+(?:the[ ])?$")
_PLACE_WORDS = re.compile(
    r"\b(?:in|at|from|visit|visits|visited|visiting|trip[ ]to|travel(?:l?ed)?[ ]to|flew[ ]to"
    r"|went[ ]to|arrived[ ]in)[ \u00a0]+(?:the[ ])?$"
)


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    key: str
    # A speaker ("Lavrov said") or a possessive ("Putin's visit"): see :func:`person_mention`.
    aside: bool = False


def person_mention(text: str, start: int, end: int, key: str) -> PersonMention:
    """A person's mention, marked when it is a speaker or a possessive (checked once)."""
    aside = bool(
        _SPEAKER_AFTER.match(text, end)
        or _SPEAKER_BEFORE.search(text[max(0, start - 20) : start])
        or _POSSESSIVE.match(text, end)
    )
    return PersonMention(start, end, key, aside)


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    key: str


def _level_of(m: re.Match[str]) -> str:
    if m.group("deputy"):
        return "ministers"
    if m.group("leader"):
        return "leaders"
    return "ministers"


def _description_level(description: str) -> str | None:
    head = re.split(r"[(,;]", description, maxsplit=1)[0]
    m = _TITLE.search(head)
    return _level_of(m) if m else None


def person_levels(
    text: str, people: Sequence[PersonMention], descriptions: Mapping[str, str]
) -> dict[str, str]:
    """The level of every person in the article: titled in the text, else as the gazetteer says.

    A person with no title either way is an official.
    """
    found: dict[str, str] = {}
    for p in people:
        if p.key in found:
            continue
        level = _title_before(text, p) or _title_after(text, p)
        if level:
            found[p.key] = level
    out: dict[str, str] = {}
    for p in people:
        if p.key in out:
            continue
        out[p.key] = (
            found.get(p.key) or _description_level(descriptions.get(p.key, "")) or "officials"
        )
    return out


def _title_before(text: str, p: PersonMention) -> str | None:
    inside = _TITLE.search(text, p.start, p.end)  # "Prime Minister Abe" as one name
    if inside:
        return _level_of(inside)
    lo = max(0, p.start - 60)
    window = text[lo : p.start]
    best = None
    for m in _TITLE.finditer(window):
        if _TITLE_GAP.match(window[m.end() :]):
            best = m
    return _level_of(best) if best else None


def _title_after(text: str, p: PersonMention) -> str | None:
    m = _APPOSITIVE.match(text[p.end : p.end + 70])
    return _level_of(m) if m else None


def highest_level(levels: Iterable[str]) -> str:
    """The highest of ``levels`` (leaders over ministers over officials)."""
    ranks = [LEVELS.index(level) for level in levels if level in LEVELS]
    return LEVELS[min(ranks)] if ranks else "officials"


def participants_in(
    text: str,
    lo: int,
    hi: int,
    people: Sequence[PersonMention],
) -> list[str]:
    """The people of ``text[lo:hi]`` in order of mention, speakers and possessives left out
    when two others remain."""
    here = [p for p in people if lo <= p.start and p.end <= hi]
    keys = _unique(p.key for p in here)
    if len(keys) < 2:
        return keys
    # A person who is also named plainly in the span stays.
    plain = {p.key for p in here if not p.aside}
    kept = [k for k in keys if k in plain]
    return kept if len(kept) >= 2 else keys


def counterpart_in(
    text: str,
    lo: int,
    hi: int,
    people: Sequence[PersonMention],
    countries: Sequence[CountryMention],
) -> str | None:
    """A named counterpart in ``text[lo:hi]``: a country's key ("proposed to Russia"), or
    ``""`` for one named by role ("his Russian counterpart"); ``None`` when there is none."""
    for c in countries:
        if lo <= c.start and c.end <= hi:
            before = text[max(lo, c.start - 25) : c.start]
            if _COUNTRY_CUE.search(before) and not _PLACE_WORDS.search(before):
                return c.key
    starts = {p.start for p in people}
    for m in _COUNTERPART.finditer(text, lo, hi):
        # A title right before a name ("the President Lena Marsh") is not a counterpart.
        rest = m.end()
        while rest < hi and text[rest] == " ":
            rest += 1
        if rest not in starts:
            return ""
    return None


def _unique(keys: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for k in keys:
        seen.setdefault(k, None)
    return list(seen)
