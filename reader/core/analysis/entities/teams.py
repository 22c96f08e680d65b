"""Teams, bands and parties: names a news model reads as peoples or leaves out.

Two shapes of text name them with no cue word a tagger could use:

* a results line, "Bruins 5, Devils 1: David Pastrnak scored twice", where
  both names before the scores are sides of a game;
* a plural after "the" that the model took for a nationality or a group of
  people ("the Islanders", "the Tories", "the Beatles"), which is a team, a
  party or a band unless it is a people ("the Kurds") or the inhabitants of
  a place ("the Londoners").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.core.analysis.entities import lexicon as lx

_SIDE = r"((?:[A-Z][\w.'\u2019&-]*)(?:[ \u00a0][A-Z][\w.'\u2019&-]*){0,3})"
# At a line start: "Wild 4, Sabres 1:", "No. 5 Oregon 38, Arizona 24.", "Jets 3, Stars 2 (OT)".
SCORE_LINE = re.compile(
    rf"^(?:No\. \d+ )?{_SIDE} \d{{1,3}}, (?:No\. \d+ )?{_SIDE} \d{{1,3}}"
    r"(?: \((?:\d?OT|SO)\))?(?=[:.;]| ?$| ?\n)",
    re.M,
)

# Peoples named by a plural that no nationality adjective gives ("the Kurds").
PEOPLES = lx._words(
    """
    kurd jew serb croat turk pole dane swede finn scot brit arab sikh hindu uighur uyghur
    tamil hutu tutsi copt slav celt maori pashtun baloch druze yazidi rohingya bedouin
    """
)
# Plurals that are groups of people, not the name of any one body.
GROUPS = lx._words(
    """
    american asian african european westerner easterner northerner southerner native
    local resident citizen veteran elder immigrant migrant refugee baby boomer millennial
    """
)


def score_line_sides(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each side's name in the article's results lines."""
    out: list[tuple[int, int]] = []
    for m in SCORE_LINE.finditer(text):
        sides = [m.span(1), m.span(2)]
        names = [text[s:e] for s, e in sides]
        if any(_generic(n) for n in names) or names[0] == names[1]:
            continue  # "Chapter 5, Section 2.", "Game 3, Game 4"
        out.extend(sides)
    return out


def _generic(name: str) -> bool:
    words = name.casefold().split()
    calendar = {*lx.MONTHS, *lx.WEEKDAYS}
    common = any(w.rstrip(".") in lx.STOPWORDS or w in calendar for w in words)
    return common or words[-1] in _GENERIC_SIDES


_GENERIC_SIDES = lx._words(
    "chapter section article page game week day round race heat stage part act scene "
    "question item rule step level grade room floor gate platform route highway"
)


_PARTY_AFTER = re.compile(r"[ \u00a0]+(?:[Pp]arty|[Mm]ovement|[Ff]action|[Bb]loc)\b")


def is_group_name(text: str, start: int, end: int, places: Iterable[str]) -> bool:
    """Whether a model's nationality-or-group span is a team, band or party's name.

    ``places`` are the place names the article and the gazetteer know, to tell
    "the Londoners" (people of London) from "the Islanders" (a team).
    """
    name = text[start:end]
    words = name.split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() and w.isalpha() for w in words):
        return False
    last = words[-1]
    if _PARTY_AFTER.match(text, end):
        # "Netanyahu's Likud party", "the Ennahda movement": the name of the party,
        # unless it is a people's ("a Kurdish party", "the Somali faction").
        folded = last.casefold()
        return folded not in lx.DEMONYMS | PEOPLES and not folded.endswith(
            ("ian", "ean", "ese", "ish", "ic")
        )
    if not last.endswith("s") or last.isupper() or len(last) < 4:
        return False
    if not re.search(r"\b[Tt]he[ \u00a0]+$", text[max(0, start - 5) : start]):
        return False
    stem = last[:-1].casefold()  # "Islanders" -> "islander", "Tories" -> "torie"
    stems = {stem, stem[:-1], stem[:-2] + "y" if stem.endswith("ie") else stem}
    if stems & (lx.DEMONYMS | PEOPLES | GROUPS):
        return False
    if stem.endswith(("ian", "ean", "ese", "ish", "i")) and stem != "republican":
        return False  # a nationality the lexicon lacks ("the Hondurans", "the Somalis")
    if stem.endswith("er"):
        # "the New Yorkers", "the Dresdners": a place's people. The place is the
        # name less "-ers", give or take a letter.
        home = " ".join([*words[:-1], last[: -len("ers")]]).casefold()
        if any(
            p.casefold()[: len(home) - 1] == home[:-1] and abs(len(p) - len(home)) <= 2
            for p in places
        ):
            return False
    return True
