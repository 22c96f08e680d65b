"""Find the entities an article mentions: known names from the gazetteer, new ones from the text.

One pass of the gazetteer's compiled matcher finds every known surface form.
One pass over capitalised tokens finds everything else that looks like a
name; the context around each candidate ("Foreign Minister X", "spokesman
X", "in X", "X said", a head word such as "Ministry" or "Strait") gives it a
type, and a bare surname links to the full name the same article uses. What
comes out is grouped per entity with every mention's ``[start, end)`` in the
text, ready to be cached as JSON.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reader.core.analysis.entities import lexicon as lx
from reader.core.analysis.entities.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    KnownMatch,
    default_gazetteer,
    entity_key,
)
from reader.core.analysis.entities.text import normalise_surface, sentence_spans

# A capitalised word: "Valtonen", "O'Brien", "McCain", "NATO", "Mr.".
# (Abbreviated titles keep their full stop; see _tokens.) One leading class so
# the regex engine can skip ahead to the next capital.
_TOKEN = re.compile(r"[A-Z][a-zA-Z\u00c0-\u024f]*(?:['\u2019][A-Z][a-zA-Z\u00c0-\u024f]+)?")
_DOTTED_TITLES = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Adm", "St"}
)
# What may sit between two words of one name.
_SIMPLE_GAPS = frozenset({" ", "\u00a0", "-", "\u2010", "\u2011"})
_CONNECTOR_GAP = re.compile(
    r"[ \u00a0]+(?:of|de|del|da|di|du|la|le|van|von|der|den|bin|al)[ \u00a0]+$"
)
_AMP_GAP = re.compile(r"[ \u00a0]*&[ \u00a0]*$")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)[,]?[ \u00a0]+$")
_TWO_WORDS_BEFORE = re.compile(r"([A-Za-z]+)[ \u00a0]+of[ \u00a0]+$")
_WORD_AFTER = re.compile(r"^,?[ \u00a0]+([a-z]+)")
_DATELINE = re.compile(
    r"^([A-Z][A-Z.'\u2019 -]*[A-Z])"  # "BUENOS AIRES"
    r"(?:,[ \u00a0]*[A-Z][\w .]*?)?"  # ", Argentina"
    r"[ \u00a0]+(?:--|\u2014|\u2013)[ \u00a0]"
)
_OPENERS = '"“‘([—–-:'

_ALL_HEADS = lx.ORG_HEADS | lx.PLACE_HEADS | lx.EVENT_HEADS | lx.DOCUMENT_HEADS


@dataclass
class Recognized:
    """One entity within one article, with all its mentions there."""

    key: str
    name: str
    type: str
    known: bool
    wikidata: str | None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_json(self, text: str) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "type": self.type,
            "known": self.known,
            "wikidata": self.wikidata,
            "mentions": [{"start": s, "end": e, "text": text[s:e]} for s, e in self.mentions],
        }


@dataclass
class _Candidate:
    start: int
    end: int
    words: list[str]
    initial: bool
    titled: bool = False
    dateline: bool = False
    votes: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def name(self) -> str:
        return " ".join(self.words)


class _Tok(NamedTuple):
    s: int
    e: int
    w: str


def _tokens(text: str) -> Iterator[_Tok]:
    for m in _TOKEN.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        if word in _DOTTED_TITLES and text[end : end + 1] == ".":
            end += 1
            word += "."
        yield _Tok(start, end, word)


class Recognizer:
    """Recognises entities in body text; build once, call :meth:`recognize` per article."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        # Surnames of known people, so "Mori" links to "Takeo Mori" when that is in the text.
        self._known_surnames: dict[str, list[GazetteerEntry]] = {}
        for entry in self.gazetteer.entries.values():
            if entry.type == "person" and " " in entry.name:
                self._known_surnames.setdefault(entry.name.split()[-1], []).append(entry)

    def recognize(
        self, text: str, sentences: list[tuple[int, int]] | None = None
    ) -> list[Recognized]:
        """The entities of ``text`` in order of first mention."""
        if sentences is None:
            sentences = sentence_spans(text)
        initial_positions = {_skip_openers(text, s) for s, _ in sentences}
        known = list(self.gazetteer.find(text))
        candidates, suppressed = self._candidates(text, known, initial_positions)
        known = [m for i, m in enumerate(known) if i not in suppressed]
        known.extend(self._short_forms(text, known, candidates))

        out: dict[str, Recognized] = {}
        for m in known:
            e = m.entry
            rec = out.get(e.key)
            if rec is None:
                rec = out[e.key] = Recognized(e.key, e.name, e.type, True, e.wikidata)
            rec.mentions.append((m.start, m.end))
        known_people_here = {
            e.entry.name.split()[-1]: e.entry
            for e in known
            if e.entry.type == "person" and " " in e.entry.name
        }
        self._link_discovered(candidates, known_people_here, out)
        for rec in out.values():
            rec.mentions.sort()
        return sorted(out.values(), key=lambda r: r.mentions[0][0])

    def _short_forms(
        self, text: str, known: list[KnownMatch], candidates: list[_Candidate]
    ) -> list[KnownMatch]:
        present = {m.entry.key for m in known}
        taken = sorted([(m.start, m.end) for m in known] + [(c.start, c.end) for c in candidates])
        starts = [s for s, _ in taken]
        found = []
        for m in self.gazetteer.find_short_forms(text, present):
            i = bisect_right(starts, m.start) - 1
            if any(
                0 <= j < len(taken) and taken[j][0] < m.end and m.start < taken[j][1]
                for j in (i, i + 1)
            ):
                continue
            found.append(m)
        return found

    # -- discovery -------------------------------------------------------------

    def _candidates(
        self, text: str, known: list[Any], initial_positions: set[int]
    ) -> tuple[list[_Candidate], set[int]]:
        known_starts = [m.start for m in known]

        def covering(start: int, end: int) -> int | None:
            i = bisect_right(known_starts, start) - 1
            for j in (i, i + 1):
                if 0 <= j < len(known) and known[j].start < end and start < known[j].end:
                    return j
            return None

        dateline_span = None
        dm = _DATELINE.match(text)
        if dm:
            dateline_span = (dm.start(1), dm.end(1))

        candidates: list[_Candidate] = []
        suppressed: set[int] = set()
        run: list[_Tok] = []
        for tok in _tokens(text):
            if run and _joins(text, run[-1], tok):
                run.append(tok)
                continue
            if run:
                self._take_run(text, run, covering, initial_positions, candidates, suppressed)
            run = [tok]
        if run:
            self._take_run(text, run, covering, initial_positions, candidates, suppressed)

        if dateline_span is not None:
            for c in candidates:
                if c.start >= dateline_span[0] and c.end <= dateline_span[1]:
                    c.dateline = True
                    c.votes["place"] += 10
        return candidates, suppressed

    def _take_run(
        self,
        text: str,
        run: list[_Tok],
        covering: Any,
        initial_positions: set[int],
        out: list[_Candidate],
        suppressed: set[int],
    ) -> None:
        cover = [covering(t.s, t.e) for t in run]
        if all(c is not None for c in cover):
            return
        last = run[-1].w.lower()
        # "Japan National Tourism Organization": a longer name that contains a known one.
        if (
            len(run) > 1
            and cover[-1] is None
            and last in _ALL_HEADS
            and not any(t.w.lower() in lx.TITLE_WORDS for t in run if t is not run[-1])
            and all(c is None for c in cover[1:])
        ):
            if cover[0] is not None:
                suppressed.add(cover[0])
            segments = [run]
        else:
            segments = []
            current: list[_Tok] = []
            for tok, c in zip(run, cover, strict=True):
                if c is None:
                    current.append(tok)
                elif current:
                    segments.append(current)
                    current = []
            if current:
                segments.append(current)
        for seg in segments:
            for piece in _split_stopwords(seg):
                cand = _make_candidate(text, piece, initial_positions)
                if cand is not None:
                    out.append(cand)

    def _link_discovered(
        self,
        candidates: list[_Candidate],
        known_people_here: dict[str, GazetteerEntry],
        out: dict[str, Recognized],
    ) -> None:
        if not candidates:
            return
        by_name: dict[str, list[_Candidate]] = {}
        for c in candidates:
            by_name.setdefault(c.name.casefold(), []).append(c)
        non_initial_names = {c.name.casefold() for c in candidates if not c.initial}
        # Surname → full discovered name ("Valtonen" → "Elina Valtonen").
        full_by_surname: dict[str, str] = {}
        for name, group in by_name.items():
            words = group[0].words
            if len(words) >= 2 and not any(w.lower() in _ALL_HEADS for w in words):
                full_by_surname.setdefault(words[-1].casefold(), name)

        resolved: dict[str, list[_Candidate]] = {}
        for name, group in by_name.items():
            target = name
            if len(group[0].words) == 1:
                surname = group[0].words[0]
                if surname in known_people_here:
                    entry = known_people_here[surname]
                    rec = out.setdefault(
                        entry.key,
                        Recognized(entry.key, entry.name, entry.type, True, entry.wikidata),
                    )
                    rec.mentions.extend((c.start, c.end) for c in group)
                    continue
                full = full_by_surname.get(name)
                if full is not None:
                    target = full
                elif name not in non_initial_names and not any(
                    c.titled or c.dateline for c in group
                ):
                    # Only ever at the start of a sentence ("Speaking", "Seeking"): an
                    # ordinary word, not a name.
                    continue
            resolved.setdefault(target, []).extend(group)

        for group in resolved.values():
            display = max(group, key=lambda c: (len(c.words), not c.initial)).name
            display = _display_name(display, any(c.dateline for c in group))
            listed = self.gazetteer.lookup(display)
            if listed is not None:
                key, type_, known, wikidata, display = (
                    listed.key,
                    listed.type,
                    True,
                    listed.wikidata,
                    listed.name,
                )
            else:
                votes: defaultdict[str, float] = defaultdict(float)
                for c in group:
                    for kind, weight in c.votes.items():
                        votes[kind] += weight
                # The first kind to reach the top score wins a tie, as before.
                type_ = max(votes, key=votes.__getitem__) if votes else "place"
                key, known, wikidata = entity_key(type_, display), False, None
            found = out.get(key)
            if found is None:
                found = out[key] = Recognized(key, display, type_, known, wikidata)
            found.mentions.extend((c.start, c.end) for c in group)


def _joins(text: str, prev: _Tok, tok: _Tok) -> bool:
    gap = text[prev.e : tok.s]
    if gap in _SIMPLE_GAPS:
        return True
    if len(gap) > 8:
        return False
    if _CONNECTOR_GAP.match(gap):
        return prev.w.lower() in lx.OF_HEADS
    if _AMP_GAP.match(gap):
        return True
    # An initial: "John F. Kennedy".
    return gap == ". " and len(prev.w) == 1


def _split_stopwords(seg: list[_Tok]) -> list[list[_Tok]]:
    pieces: list[list[_Tok]] = []
    current: list[_Tok] = []
    for tok in seg:
        word = tok.w.lower()
        if word in lx.STOPWORDS or word in lx.ACRONYM_STOPWORDS:
            if current:
                pieces.append(current)
            current = []
        else:
            current.append(tok)
    if current:
        pieces.append(current)
    return pieces


def _make_candidate(text: str, toks: list[_Tok], initial_positions: set[int]) -> _Candidate | None:
    words = [t.w for t in toks]
    lower = [w.lower() for w in words]
    headed = lower[-1] in _ALL_HEADS and len(words) > 1
    titled = False
    initial = _is_initial(text, toks[0].s, initial_positions)
    if not headed:
        # Strip a leading title: "Finnish Foreign Minister Elina Valtonen" → "Elina Valtonen".
        k = 0
        while k < len(words) and (
            lower[k] in lx.TITLE_WORDS
            or (lower[k] in lx.DEMONYMS and k + 1 < len(words))
            or (
                k + 1 < len(words)
                and lower[k + 1] in lx.TITLE_WORDS
                and lower[k].endswith(("ese", "ian", "ish", "an", "ch"))
            )
        ):
            if lower[k] in lx.TITLE_WORDS:
                titled = True
            k += 1
        if k:
            toks, words, lower = toks[k:], words[k:], lower[k:]
            initial = False
        if not toks:
            return None
    if len(words) == 1 and (
        lower[0] in lx.DEMONYMS
        or lower[0] in lx.TITLE_WORDS
        or lower[0] in lx.MONTHS
        or (lower[0].endswith("s") and lower[0][:-1] in lx.DEMONYMS)
    ):
        # "Russians", "May" alone: a nationality or a month, not an entity.
        return None
    if initial and len(words) > 1 and not headed and lower[0].endswith(("ing", "ly", "ed")):
        # "Speaking Monday", "Notably Moscow": the first word is an ordinary verb or adverb.
        toks, words, lower = toks[1:], words[1:], lower[1:]
        initial = False
    if len(words) == 1 and len(words[0]) < 2:
        return None
    start, end = toks[0].s, toks[-1].e
    cand = _Candidate(start, end, words, initial, titled)
    _vote(text, cand, lower, headed)
    return cand


def _vote(text: str, cand: _Candidate, lower: list[str], headed: bool) -> None:
    v = cand.votes
    last = lower[-1]
    if headed or last in lx.ORG_HEADS:
        if last in lx.ORG_HEADS:
            v["organization"] += 4
        elif last in lx.PLACE_HEADS:
            v["place"] += 4
        elif last in lx.EVENT_HEADS:
            v["event"] += 4
        elif last in lx.DOCUMENT_HEADS:
            v["document"] += 4
    if cand.titled:
        v["person"] += 3
    before = text[max(0, cand.start - 40) : cand.start]
    wb = _WORD_BEFORE.search(before)
    if wb:
        word = wb.group(1).lower()
        if word in lx.PERSON_CUES:
            v["person"] += 3
        elif word in lx.PLACE_CUES:
            v["place"] += 2
        elif word == "of":
            tw = _TWO_WORDS_BEFORE.search(before)
            if tw and tw.group(1).lower() in (
                "city",
                "capital",
                "town",
                "port",
                "province",
                "region",
            ):
                v["place"] += 3
    after = text[cand.end : cand.end + 20]
    wa = _WORD_AFTER.match(after)
    if wa:
        word = wa.group(1)
        if word in lx.PERSON_VERBS:
            v["person"] += 1
        elif word == "who":
            v["person"] += 2
    if len(cand.words) == 1 and cand.words[0].isupper() and len(cand.words[0]) <= 6:
        v["organization"] += 2
    if len(cand.words) > 1:
        v["person"] += 1
    else:
        v["place"] += 0.5


def _is_initial(text: str, pos: int, initial_positions: set[int]) -> bool:
    if pos in initial_positions:
        return True
    i = pos - 1
    while i >= 0 and text[i] in " \u00a0":
        i -= 1
    return i < 0 or text[i] in _OPENERS or text[i] == "\n"


def _skip_openers(text: str, pos: int) -> int:
    while pos < len(text) and (text[pos] in '"“‘([' or text[pos].isspace()):
        pos += 1
    return pos


def _display_name(name: str, from_dateline: bool) -> str:
    """ "CANBERRA" in a dateline is Canberra."""
    if from_dateline or (name.isupper() and len(name) > 6):
        return " ".join(w.capitalize() for w in name.split())
    return normalise_surface(name)


_DEFAULT: Recognizer | None = None


def default_recognizer() -> Recognizer:
    """A recogniser over the bundled gazetteer, built once per process."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Recognizer()
    return _DEFAULT
