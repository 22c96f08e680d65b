"""Entities of an article from the gazetteer first and the statistical model for the rest.

The gazetteer is the authority for the names it holds (canonical name, type,
Wikidata id, aliases): wherever one of its names occurs, that is the entity,
whatever the model thinks. Every other name comes from the model's spans,
cleaned (titles and honorifics, "the", possessives and quotes are not part
of a name; page shouting and lone titles are not names) and linked within
the article: a surname, "Mr. X" or "President X" joins the full name used
there, an acronym joins the name it abbreviates, and a name the gazetteer
holds under another form becomes that known entity. Across articles an
entity is one key: the gazetteer's, else its type and full form.

The model sees the article in chunks of at most :data:`MAX_CHUNK`
characters cut at paragraph (else sentence, else word) breaks, so no text
length makes one spaCy call large, and a deadline is checked between
chunks.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from reader.core.analysis.entities import lexicon as lx
from reader.core.analysis.entities.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    KnownMatch,
    default_gazetteer,
    entity_key,
)
from reader.core.analysis.entities.model import MAX_CHUNK, ModelStatus, NerModel
from reader.core.analysis.entities.recognize import Recognized
from reader.core.analysis.entities.text import normalise_surface, sentence_spans

# spaCy's OntoNotes labels → ours. NORP (nationalities, religious and
# political groups as adjectives), dates, numbers and works are not entities here.
LABELS = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organization",
    "EVENT": "event",
    "LAW": "document",
}

_DATELINE = re.compile(
    r"^[ \u00a0]*([A-Z][A-Z.'\u2019 -]*[A-Z])"  # "BUENOS AIRES"
    r"(?:,[ \u00a0]*([A-Z][\w .]*?))?"  # ", Argentina"
    r"(?:[ \u00a0]*\(([^)\n]{1,40})\))?"  # " (Reuters)"
    r"[ \u00a0]*(?:--|\u2014|\u2013|-)[ \u00a0]"
)
_WORD = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_EDGE_PUNCT = "\"'“”‘’()[]{},.;:!?*•|/\\-–—_"
_CONNECTORS = frozenset({"of", "the", "and", "for", "&", "de", "du", "la", "on", "in", "at"})
# Words that are titles or honorifics in front of a name, beyond the lexicon's
# political titles: the rest of the ranks and roles news reports put there.
_MORE_TITLES = lx._words(
    """
    adviser advisor national security attorney counsel counselor commissioner officer
    ceo cfo coo founder co-founder cofounder chairman coach manager captain judge justice
    lawyer analyst inspector agent detective sergeant sgt. corporal lieutenant colonel major
    commander brigadier marshal bishop archbishop cardinal father rabbi imam reverend rev.
    professor prof. doctor nurse superintendent chief sheriff constable mp mep
    congressman congresswoman councillor councilman councilwoman assemblyman delegate
    minister ministers ambassador consul star actor actress singer rapper striker
    midfielder defender goalkeeper quarterback forward guard center pitcher player
    veteran legend champion head coordinator
    """
)
TITLES = lx.TITLE_WORDS | _MORE_TITLES | {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen"}
# The last word of a name settles its type over the model's guess where it is
# unambiguous: "Tampere Accord" is a document, "Kerch Strait" a place.
_DOCUMENT_HEADS = lx.DOCUMENT_HEADS - {"statement", "resolution"}
_EVENT_HEADS = lx.EVENT_HEADS - {"forum", "talks", "meeting", "dialogue", "crisis", "conference"}
_PLACE_HEADS = lx._words(
    """
    island islands islet isle strait straits sea ocean gulf bay river lake mountain mountains
    mount peninsula prefecture province county district street avenue airport canal valley
    desert coast
    """
)
_ORG_HEADS = lx.ORG_HEADS - {"forces", "force", "front", "movement", "news", "kremlin"}
_GENERIC_HEADS = lx.ORG_HEADS | lx.PLACE_HEADS | lx.EVENT_HEADS | lx.DOCUMENT_HEADS
# Head words that end a place's name and never a person's (not "Lake", "Bay" or
# "Hill": Ricki Lake, Michael Bay, Lauryn Hill).
_PLACE_ONLY_HEADS = lx._words(
    """
    falls heights springs creek county province prefecture island islands airport strait
    peninsula canyon district oblast
    """
)
# Head words that end an organisation's name and never a person's, so they settle a
# name the model took for a person's: not "Post", "Court" or "Banks", which are surnames.
_CORPORATE_HEADS = lx.CORPORATE_HEADS | lx._words(
    """
    ministry department agency bureau organization organisation committee commission
    association federation corporation company companies university institute academy
    foundation airlines airways railways industries
    """
)
_NEVER_ALONE = (
    lx.STOPWORDS
    | lx.DEMONYMS
    | TITLES
    | frozenset(lx.MONTHS)
    | frozenset(lx.WEEKDAYS)
    | lx.ACRONYM_STOPWORDS
)


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    label: str  # our type
    # Set when linking: the name of the entity this mention belongs to.
    target: str = ""
    known: GazetteerEntry | None = None
    titled: bool = False
    # Extra half-votes for the mention's label from its context (a dateline's
    # agency, a job title in lower case before a name, "X said").
    cue: int = 0
    sure: bool = False  # placed by a structural rule (a dateline), kept even if one short word
    person_cue: int = 0  # half-votes for "person" from the words around it
    inferred: bool = False  # found by the article's structure, not by the model


@dataclass
class _Group:
    name: str
    mentions: list[_Mention] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)
    known: GazetteerEntry | None = None
    person_cues: int = 0


class TooLong(Exception):
    """An article whose analysis ran past its time budget."""


# Capitalised words past a sentence's first that are never a name of ours on their
# own: "I", "Tuesday", "November" (not "May", "June", "April" or "August": people too).
_NOT_NAMES = (
    lx.STOPWORDS
    | (frozenset(lx.MONTHS) - {"may", "june", "april", "august"})
    | frozenset(lx.WEEKDAYS)
)


def _may_hold_a_name(sentence: str) -> bool:
    """False for a sentence with no capital past its first word but "I" or a day or
    month, and that word a common one ("The", "But", "He"): no name of ours can be in
    it, so the model need not read it (about a sixth of news text)."""
    words = sentence.split()
    if not words:
        return False
    for w in words[1:]:
        w = w.strip(_EDGE_PUNCT)
        if w[:1].isupper() and w.casefold() not in _NOT_NAMES:
            return True
    first = words[0].strip(_EDGE_PUNCT).casefold()
    return bool(first) and first not in lx.STOPWORDS


def _runs_with_names(text: str, sentences: list[tuple[int, int]] | None) -> list[tuple[int, str]]:
    """``(offset, text)`` of the runs of consecutive sentences that may hold a name."""
    if sentences is None:
        sentences = sentence_spans(text)
    runs: list[tuple[int, int]] = []
    for start, end in sentences:
        if not _may_hold_a_name(text[start:end]):
            continue
        if runs and not _may_hold_gap(text, runs[-1][1], start):
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return [(s, text[s:e]) for s, e in runs]


def _may_hold_gap(text: str, end: int, start: int) -> bool:
    """Whether anything but space lies between two kept sentences (a skipped one)."""
    return bool(text[end:start].strip())


def chunks(text: str, limit: int = MAX_CHUNK) -> list[tuple[int, str]]:
    """``(offset, piece)`` covering ``text`` with pieces of at most ``limit`` characters.

    Cut at paragraph breaks, else after a full stop, else at a space, else
    anywhere: a name is split only when a paragraph has no break at all for
    ``limit`` characters.
    """
    out: list[tuple[int, str]] = []
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            window = text[start:end]
            cut = window.rfind("\n\n")
            if cut < limit // 4:
                cut = window.rfind(". ")
                cut = cut + 1 if cut >= limit // 4 else window.rfind(" ")
            if cut >= limit // 4:
                end = start + cut
        out.append((start, text[start:end]))
        start = end
    return out


class ModelRecognizer:
    """Gazetteer plus statistical model; build once, call :meth:`recognize` per article."""

    def __init__(self, model: NerModel, gazetteer: Gazetteer | None = None) -> None:
        self.model = model
        self.gazetteer = gazetteer or default_gazetteer()
        self._known_surnames: dict[str, list[GazetteerEntry]] = {}
        for entry in self.gazetteer.entries.values():
            if entry.type == "person" and " " in entry.name:
                self._known_surnames.setdefault(entry.name.split()[-1], []).append(entry)

    @property
    def status(self) -> ModelStatus:
        return self.model.status

    def recognize(
        self,
        text: str,
        sentences: list[tuple[int, int]] | None = None,
        *,
        deadline: float | None = None,
        dateline: str = "",
        agency: str = "",
    ) -> list[Recognized]:
        """The entities of ``text`` in order of first mention.

        ``deadline`` (a :func:`time.monotonic` value) raises :class:`TooLong`
        between chunks once passed. ``dateline`` is the one the cleaner took
        off the body ("MADRID"): a place, named in the body or not.
        """
        spans = list(self._model_spans(text, deadline, sentences))
        return self.assemble(text, spans, dateline=dateline, agency=agency)

    def _model_spans(
        self, text: str, deadline: float | None, sentences: list[tuple[int, int]] | None = None
    ) -> Iterator[tuple[int, int, str]]:
        pieces = [
            (start + offset, piece)
            for start, run in _runs_with_names(text, sentences)
            for offset, piece in chunks(run)
        ]
        docs = self.model.pipe([p for _, p in pieces], batch_size=4)
        for (offset, _), doc in zip(pieces, docs, strict=True):
            for ent in doc.ents:
                label = LABELS.get(ent.label_)
                if label is not None:
                    yield offset + ent.start_char, offset + ent.end_char, label
            if deadline is not None and time.monotonic() > deadline:
                raise TooLong()

    # -- putting it together ------------------------------------------------

    def assemble(
        self,
        text: str,
        spans: Iterable[tuple[int, int, str]],
        *,
        dateline: str = "",
        agency: str = "",
    ) -> list[Recognized]:
        """Entities from the gazetteer's matches and the model's ``(start, end, type)`` spans."""
        known = list(self.gazetteer.find(text))
        mentions: list[_Mention] = []
        in_text = _DATELINE.match(text)
        if in_text and not any(m.start < in_text.end(1) for m in known):
            s, e = in_text.span(1)
            mentions.append(_Mention(s, e, text[s:e], "place"))
        if in_text:
            # "CLEVELAND, Ohio (AP) —": the region after the comma is a place too,
            # and the agency in brackets the organisation that filed the report.
            for group, label in ((2, "place"), (3, "organization")):
                s, e = in_text.span(group)
                name = text[s:e].strip() if s >= 0 else ""
                plausible = len(name) >= 2 and name[0].isupper()
                if (
                    plausible
                    and name.replace(" ", "").isalpha()
                    and not any(k.start < e and s < k.end for k in known)
                ):
                    mentions.append(_Mention(s, e, text[s:e], label, cue=2, sure=True))
        spans = _party_state_places(text, [_whole_person_name(text, *span) for span in spans])
        spans += _titled_people(text, spans)
        for start, end, label in self._split_place_pairs(text, _join_split_names(text, spans)):
            for m in _clean(text, start, end, label):
                if not (in_text and m.start < in_text.end()):
                    mentions.append(m)
        known, mentions = _resolve_overlaps(known, mentions)
        mentions += _listed_and_prefix_names(text, known, mentions)
        quoted = _quoted_titles(text)
        headlines = _headline_lines(text)
        if quoted or headlines:
            inside = [
                m
                for m in mentions
                if any(s <= m.start and m.end <= e for s, e in quoted)
                or (m.label != "place" and any(s <= m.start and m.end <= e for s, e in headlines))
            ]
            outside = {_display(m.text).casefold() for m in mentions if m not in inside}
            # Kept when the article also names it outside the title ("Paris" in a song
            # title and in the report). A headline line is treated the same way: in
            # title case every word looks like a name, so the model's people and
            # organisations there ("Man Shot", "Help Shape") count only where the
            # story confirms them; its places ("... in North Richland Hills") stand.
            mentions = [
                m for m in mentions if m not in inside or _display(m.text).casefold() in outside
            ]
        for m in mentions:
            m.person_cue = _person_context(text, m.start, m.end)
            kind = _kind_context(text, m.start)
            if kind and not m.sure:
                m.label, m.cue = kind, m.cue + 1
            elif m.label == "place" and not m.sure and _ORG_AFTER.match(text, m.end):
                m.label = "organization"  # "a Netflix documentary", "Bloomberg reported"
        _side_with_listed_people(text, mentions)
        _side_with_opponents(text, mentions)
        known.extend(self._short_forms(text, known, mentions))
        recognized = self._link(text, known, mentions)
        return self._with_dateline(recognized, dateline, agency)

    def _split_place_pairs(
        self, text: str, spans: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """ "U.S.-Mexico border", "Baghdad-Damascus highway": two places joined by a
        hyphen are two place mentions, not one name of any type."""
        out: list[tuple[int, int, str]] = []
        places = {text[s:e] for s, e, label in spans if label == "place"}
        for start, end, label in spans:
            pair = _PLACE_PAIR.search(text, start, end)
            if pair is not None and text[start : pair.start()].strip().casefold() in ("", "the"):
                parts = [pair.span(1), pair.span(2)]
                names = [text[s:e] for s, e in parts]
                # Each half a place by the gazetteer or by the model elsewhere in
                # the article; otherwise the name stays whole ("Guinea-Bissau").
                if all(self._is_place(n) or n in places for n in names) and pair.end() >= end - 2:
                    out.extend((s, e, "place") for s, e in parts)
                    continue
            out.append((start, end, label))
        return out

    def _is_place(self, name: str) -> bool:
        entry = self.gazetteer.lookup(name)
        return entry is not None and entry.type == "place"

    def _with_dateline(
        self, recognized: list[Recognized], dateline: str, agency: str = ""
    ) -> list[Recognized]:
        """The cleaner's dateline ("LOS ANGELES", "CLEVELAND, Ohio") as places and the
        agency it named ("AP") as an organisation, each if no entity has it yet."""
        found = [(p, "place") for p in _dateline_places(dateline)]
        if agency:
            found.append((agency, "organization"))
        out = list(recognized)
        for name, type_ in found:
            entry = self.gazetteer.lookup(name)
            key = entry.key if entry else entity_key(type_, name)
            same = [r for r in out if r.key == key or r.name.casefold() == name.casefold()]
            if same:
                for r in same:
                    if type_ == "place" and not r.known and r.type != "place":
                        # The dateline says where the report was filed: a place,
                        # whatever the model made of the name in the text.
                        r.type, r.key = "place", entity_key("place", r.name)
                continue
            if entry is not None:
                out.append(Recognized(entry.key, entry.name, entry.type, True, entry.wikidata))
            else:
                out.append(Recognized(key, name, type_, False, None))
        return out

    def _short_forms(
        self, text: str, known: list[KnownMatch], mentions: list[_Mention]
    ) -> list[KnownMatch]:
        present = {m.entry.key for m in known}
        taken = sorted([(m.start, m.end) for m in known] + [(m.start, m.end) for m in mentions])
        return [m for m in self.gazetteer.find_short_forms(text, present) if not _hits(taken, m)]

    def _link(
        self, text: str, known: list[KnownMatch], mentions: list[_Mention]
    ) -> list[Recognized]:
        out: dict[str, Recognized] = {}

        def add_known(entry: GazetteerEntry, start: int, end: int) -> None:
            rec = out.get(entry.key)
            if rec is None:
                rec = out[entry.key] = Recognized(
                    entry.key, entry.name, entry.type, True, entry.wikidata
                )
            rec.mentions.append((start, end))

        for k in known:
            add_known(k.entry, k.start, k.end)
        known_people = {
            k.entry.name.split()[-1]: k.entry
            for k in known
            if k.entry.type == "person" and " " in k.entry.name
        }

        # A name the gazetteer holds under this form (or after cleaning) is that entity.
        rest: list[_Mention] = []
        for m in mentions:
            entry = self.gazetteer.lookup(m.text) or self.gazetteer.lookup(_display(m.text))
            if entry is not None:
                add_known(entry, m.start, m.end)
            else:
                rest.append(m)

        groups = _group(rest)
        self._surname_votes(groups)
        persons = [g for g in groups.values() if _is_person(g) and len(g.name.split()) > 1]
        orgs = [g for g in groups.values() if len(g.name.split()) > 1]
        by_surname: dict[str, list[_Group]] = {}
        by_first: dict[str, list[_Group]] = {}
        for g in persons:
            by_surname.setdefault(g.name.split()[-1].casefold(), []).append(g)
            by_first.setdefault(g.name.split()[0].casefold(), []).append(g)

        final: dict[str, _Group] = {}
        for g in groups.values():
            words = g.name.split()
            target: _Group | None = None
            if len(words) == 1:
                word = words[0]
                if word in known_people:
                    for m in g.mentions:
                        add_known(known_people[word], m.start, m.end)
                    continue
                candidates = by_surname.get(word.casefold())
                first = by_first.get(word.casefold(), [])
                if candidates:
                    target = max(candidates, key=lambda c: len(c.mentions))
                elif len(first) == 1:
                    target = first[0]  # "Kevin" after "Kevin King", when only one Kevin
                elif word.isupper() and 2 <= len(word) <= 6:
                    target = _expansion(word, orgs)
                if target is None and not _standalone(g) and not any(m.sure for m in g.mentions):
                    continue
                if (
                    target is None
                    and _is_person(g)
                    and not g.person_cues
                    and all(_sentence_initial(text, m.start) for m in g.mentions)
                ):
                    # A lone capitalised word that opens sentences ("Ferry talks"),
                    # never seen with a first name or anything only people have
                    # ("Orlov, 61,"): an ordinary word the model misread.
                    continue
            home = final.setdefault((target or g).name, _Group((target or g).name))
            home.mentions.extend(g.mentions)
            home.votes.update(g.votes)
            if target is not None and _is_person(target):
                home.votes["person"] += 2 * len(g.mentions)
            elif target is None and len(words) == 1 and _is_person(g) and not g.person_cues:
                # One word taken for a person, yet no full name of anyone it could be
                # in the whole article: news names people in full first, brands not.
                home.votes["organization"] += g.votes["person"] + 1

        self._spread(text, final, known, out)
        for g in final.values():
            type_ = g.votes.most_common(1)[0][0] if g.votes else "place"
            type_ = _head_type(g.name, type_)
            key = entity_key(type_, g.name)
            rec = out.get(key)
            if rec is None:
                rec = out[key] = Recognized(key, g.name, type_, False, None)
            rec.mentions.extend((m.start, m.end) for m in g.mentions)

        for rec in out.values():
            rec.mentions = sorted(set(rec.mentions))
        return sorted(out.values(), key=lambda r: r.mentions[0][0])

    def _surname_votes(self, groups: dict[str, _Group]) -> None:
        """A name of two or three plain words whose last word the article also uses alone
        ("Rajon Rondo" ... "Rondo had eight points") is a person's, whatever the model
        said: news refers to people by surname, to organisations by their full name.
        Not when the first word is a place ("Houston Rockets" ... "the Rockets")."""
        singles = {
            k
            for k, g in groups.items()
            if " " not in g.name and not all(m.inferred for m in g.mentions)
        }
        for g in groups.values():
            words = g.name.split()
            if not 2 <= len(words) <= 3 or _is_person(g) or words[-1].casefold() not in singles:
                continue
            if _is_place_name(self.gazetteer, groups, words[-1]):
                continue  # "Inner Mongolia" ... "Mongolia": a place's name, not a surname
            if not all(_plain_name_word(w) for w in words):
                continue
            lead = groups.get(words[0].casefold())
            entry = self.gazetteer.lookup(words[0])
            if (entry is not None and entry.type != "person") or (
                lead is not None and not _is_person(lead)
            ):
                continue
            if any(
                _is_place_name(self.gazetteer, groups, " ".join(words[:k]))
                for k in range(1, len(words))
            ):
                continue
            g.votes["person"] = max(g.votes.values(), default=0) + 1

    @staticmethod
    def _spread(
        text: str, final: dict[str, _Group], known: list[KnownMatch], out: dict[str, Recognized]
    ) -> None:
        """Every other occurrence of a found name in the article is a mention of it too,
        and so is a found person's bare surname ("Valtonen said") where the model missed it."""
        taken = sorted(
            [(m.start, m.end) for g in final.values() for m in g.mentions]
            + [(s, e) for r in out.values() for s, e in r.mentions]
        )
        forms: dict[str, _Group] = {}
        for g in final.values():
            for m in g.mentions:
                forms.setdefault(m.text, g)
            words = g.name.split()
            if _is_person(g) and len(words) > 1 and words[-1].casefold() not in _NEVER_ALONE:
                forms.setdefault(words[-1], g)
        if not forms:
            return
        pattern = re.compile(
            r"(?<![\w.])(?:"
            + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            + r")(?![\w])"
        )
        starts = [s for s, _ in taken]
        for hit in pattern.finditer(text):
            s, e = hit.span()
            i = bisect_right(starts, s) - 1
            if any(0 <= j < len(taken) and taken[j][0] < e and s < taken[j][1] for j in (i, i + 1)):
                continue
            g = forms[hit.group()]
            g.mentions.append(_Mention(s, e, hit.group(), "person" if _is_person(g) else ""))


# Job words that, in lower case right before a name, say it is a person's
# ("executive chair Ana Ruiz", "coach Tim Berg"); modifiers such as "former"
# or "national" also stand before organisations and are left out.
_ROLE_BEFORE = (
    _MORE_TITLES
    | lx._words(
        """
        president minister secretary chairman chairwoman chair spokesman spokeswoman
        spokesperson director leader governor mayor senator ambassador envoy speaker
        chancellor premier representative
        """
    )
) - lx._words(
    """
    national security major head chief center forward guard champion legend veteran
    player minister ministers
    """
)
_WORD_BEFORE = re.compile(r"([a-z][a-z.-]*)[ \u00a0]+$")
_SAID_AFTER = re.compile(r"[ \u00a0]+(?:said|says|told|added|explained|recalled)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|added|told)[ \u00a0]+$")
# What only a person is or has, right after the name: "Hitler was born", "the Assad
# regime", "the Marr administration".
_PERSON_AFTER = re.compile(
    r"(?:['\u2019]s)?[ \u00a0]+(?:was[ \u00a0]+born|died|regime|administration)\b"
)
# An age in apposition, the way news introduces people: "Braun, 38, who ...",
# "Ana Ruiz, 41 -", "Tom Price (62)". Companies and places are not given ages.
_AGE_AFTER = re.compile(
    r",[ \u00a0]*(\d{1,3})(?=[ \u00a0]*(?:,|;|\u2013|\u2014|-[ \u00a0]|[ \u00a0]+(?:who|and|was|is"
    r"|said|had|has|died)\b))|[ \u00a0]+\((\d{1,3})\)"
)


# Common nouns that, in lower case right before a name, say what it names
# ("the fact-checking website Full Fact", "the city of", "the band Low").
_ORG_BEFORE = lx._words(
    """
    website site company firm group organization organisation agency startup start-up bank
    broadcaster newspaper magazine network charity party band team club union app platform
    airline carrier retailer insurer lender fund university outlet publisher studio label
    """
)
# Words right after a name that only a company's or a newsroom's name takes: places
# do not report, have no subscribers and make no documentaries (not "shares",
# "headquarters" or "special": "Tokyo shares", "a Texas special session").
_ORG_AFTER = re.compile(
    r"(?:['\u2019]s)?[ \u00a0]+(?:reported|ceo|co-?founder|founder|subscribers|users"
    r"|shareholders|documentary|app|spokesperson|executives)\b"
)
_PLACE_BEFORE = lx._words("city town village province region country county island capital")


def _kind_context(text: str, start: int) -> str:
    """ "organization" or "place" when a common noun right before the name says so."""
    word = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if word is None:
        return ""
    w = word.group(1)
    return "organization" if w in _ORG_BEFORE else "place" if w in _PLACE_BEFORE else ""


# A short quotation in title case is a work's title or a coined term ("Takin' It to
# the Streets", "Cleggmania"), not speech: the names inside it are not the article's.
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{1,60}?)[\"\u201d]")


def _quoted_titles(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text):
        words = m.group(1).strip(" ,.!?").split()
        if not words or len(words) > 8:
            continue
        content = [w for w in words if len(w.strip("'\u2019,.!?")) > 3]
        if content and all(w[:1].isupper() for w in content):
            out.append(m.span(1))
    return out


_LINE = re.compile(r"[^\n]+")


def _headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines set in title case, as headlines are ("Man Shot at Gas Station Dies at
    Hospital"): four words or more, most words longer than three letters capitalised,
    no full stop at the end, no list of names (two commas or more) and no brackets."""
    out: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        words = line.group().split()
        if len(words) < 4 or len(words) > 20 or line.group().rstrip()[-1:] in ".;,":
            continue
        if line.group().count(",") >= 2 or "(" in line.group():
            continue  # a list of names, or a table's row ("Chile (Pool B): 2nd")
        long = [w for w in words if len(w.strip("\"'\u201c\u201d\u2018\u2019()")) > 3]
        capital = [w for w in long if w.strip("\"'\u201c\u2018(")[:1].isupper()]
        if len(long) >= 3 and len(capital) >= 0.8 * len(long) and not line.group().isupper():
            out.append(line.span())
    return out


_CAP_WORD = re.compile(r"(?<![\w.'\u2019-])([A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*)(?![\w-])")
_JOINER = re.compile(
    r"^(?:,[ \u00a0]*(?:and[ \u00a0]+|or[ \u00a0]+)?|[ \u00a0]+(?:and|or|&)[ \u00a0]+)$"
)


def _listed_and_prefix_names(
    text: str, known: list[KnownMatch], mentions: list[_Mention]
) -> list[_Mention]:
    """Names the model missed that the article's structure gives away, typed by the name
    that gives them away:

    * a capitalised word listed with a found name ("Uber or Lyft or Postmates", "Paris,
      Lyon and Nantes") is a name of the same type;
    * the first word of a found organisation's name, used on its own at least twice
      ("Uber Money" ... "Uber got into", "for Uber") is that organisation's owner.

    Only single plain words outside every found name, never a sentence's first word.
    """
    taken = sorted(
        [(k.start, k.end, k.entry.type) for k in known]
        + [(m.start, m.end, m.label) for m in mentions]
    )
    starts = [t[0] for t in taken]

    def covered(s: int, e: int) -> bool:
        i = bisect_right(starts, s) - 1
        return any(0 <= j < len(taken) and taken[j][0] < e and s < taken[j][1] for j in (i, i + 1))

    free: list[tuple[int, int, str]] = []
    for m in _CAP_WORD.finditer(text):
        word = m.group(1)
        s, e = m.span(1)
        if _POSSESSIVE.search(word):
            e = s + _POSSESSIVE.search(word).start()  # type: ignore[union-attr]
            word = text[s:e]
        if (
            not word
            or covered(s, e)
            or _sentence_initial(text, s)
            or not _plain_name_word(word)
            or (word.casefold().endswith("s") and word.casefold()[:-1] in lx.DEMONYMS)
            or text[e : e + 2].strip()[:1].isupper()  # part of a longer capitalised run
        ):
            continue
        free.append((s, e, word))
    out: list[_Mention] = []
    typed: dict[str, str] = {}
    # The first word of an organisation's name, used alone at least twice.
    counts = Counter(w for _, _, w in free)
    for s, e, label in taken:
        first = text[s:e].split()[0] if " " in text[s:e] else ""
        if label == "organization" and first and counts[first] >= 2:
            typed.setdefault(first, label)
    # Listed beside a found name: repeat, so a list is followed along.
    spans = [(s, e, label) for s, e, label in taken if label in ("organization", "place")]
    changed = True
    while changed:
        changed = False
        for s, e, word in free:
            if word in typed:
                continue
            for s2, e2, label in spans:
                gap = text[e2:s] if e2 <= s else text[e:s2] if e <= s2 else None
                if gap is not None and len(gap) <= 8 and _JOINER.match(gap):
                    typed[word] = label
                    spans.append((s, e, label))
                    changed = True
                    break
    for s, e, word in free:
        if word in typed:
            out.append(_Mention(s, e, word, typed[word], cue=-1, inferred=True))
    return out


def _side_with_listed_people(text: str, mentions: list[_Mention]) -> None:
    """A name shaped like a person's, listed among people ("Justin Bieber, Demi Lovato
    and Ariana Grande"), is a person's too, whatever the model made of it: a list in
    news names things of one kind. Only when most of the list's other names, and at
    least two, are people's; never a name a structural rule placed."""
    ordered = sorted(mentions, key=lambda m: m.start)
    lists: list[list[_Mention]] = []
    for m in ordered:
        last = lists[-1][-1] if lists else None
        gap = text[last.end : m.start] if last is not None and last.end <= m.start else None
        if gap is not None and len(gap) <= 8 and _JOINER.match(gap):
            lists[-1].append(m)
        else:
            lists.append([m])
    for run in lists:
        if len(run) < 3:
            continue
        for m in run:
            others = [o.label for o in run if o is not m]
            people = others.count("person")
            words = _display(m.text).split()
            if (
                m.label != "person"
                and not m.sure
                and people >= 2
                and 2 * people > len(others)
                and 2 <= len(words) <= 3
                and all(_plain_name_word(w) for w in words)
            ):
                m.label = "person"


# A result between two sides: "Vasek Pospisil edged Reilly Opelka", "Mara Lind
# defeating Ilse Ro", "Tsonga cruised past Uchiyama". Both sides are of one kind.
_OPPONENTS = re.compile(
    r"[ \u00a0]+(?:beat|beats|beating|defeated|defeats|defeating|edged|edges|edging|topped"
    r"|tops|upset|outlasted|overcame|eliminated|(?:cruised|rallied|eased|swept)[ \u00a0]+past)"
    r"[ \u00a0]+"
)


def _side_with_opponents(text: str, mentions: list[_Mention]) -> None:
    """A name shaped like a person's that beat a person, or lost to one, is a person's:
    players play players, teams play teams."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in pairwise(ordered):
        if a.end > b.start or not _OPPONENTS.fullmatch(text, a.end, b.start):
            continue
        for one, other in ((a, b), (b, a)):
            words = _display(one.text).split()
            if (
                other.label == "person"
                and one.label != "person"
                and not one.sure
                and 2 <= len(words) <= 3
                and all(_plain_name_word(w) for w in words)
            ):
                one.label = "person"


def _person_context(text: str, start: int, end: int) -> int:
    """Half-votes for "person" from the words around a name: a job title in lower
    case or a person's title ("President") before it, an age after it, or "was born",
    "died", "regime" after it (a full vote and a half each); "X said" or "said X"
    (half a vote: companies speak too)."""
    before = text[max(0, start - 30) : start]
    cue = 0
    word = _WORD_BEFORE.search(before)
    if (word and word.group(1) in _ROLE_BEFORE) or _TITLE_BEFORE.search(before):
        cue += 3
    age = _AGE_AFTER.match(text, end, end + 16)
    if age and 1 <= int(age.group(1) or age.group(2)) <= 110:
        cue += 3
    if _PERSON_AFTER.match(text, end, end + 24):
        cue += 3
    if _SAID_AFTER.match(text, end, end + 20) or _SAID_BEFORE.search(before):
        cue += 1
    return cue


# A title that only ever stands before a person's name, then one to three
# capitalised words: the model misses some unfamiliar names even so
# ("Swedish Foreign Minister Per Lindqvist").
_PERSON_TITLES = (
    r"(?:Minister|President|Secretary|Senator|Sen\.|Rep\.|Governor|Gov\.|Mayor|Ambassador"
    r"|Chancellor|Premier|Spokesman|Spokeswoman|Spokesperson|Mr\.?|Mrs\.?|Ms\.?|Dr\.|Prof\."
    r"|Gen\.|Judge|King|Queen|Prince|Princess|Pope|Chairman|Chairwoman|Commissioner)"
)
_TITLED = re.compile(
    r"\b" + _PERSON_TITLES + r"[ \u00a0]+((?:[A-Z][a-z\u00c0-\u024f'\u2019-]+[ \u00a0]+){0,2}"
    r"[A-Z][a-z\u00c0-\u024f\u2019'-]+)"
)
# The same titles right before a span the model cut them from ("Vice President" +
# "Pence", "Chairman" + "Schiff").
_TITLE_BEFORE = re.compile(r"\b" + _PERSON_TITLES + r"[ \u00a0]+$")


# What the model leaves off the end of a person's name: a regnal number or a
# generational suffix ("Elizabeth II", "James Kennedy Jr."), the rest of a hyphenated
# given name ("Moon Jae-in").
_NAME_TAIL = re.compile(r"[ \u00a0]+(?:II|III|IV|VI|VII|VIII|Jr|Sr)\b\.?|-[a-z]+\b")


def _whole_person_name(text: str, start: int, end: int, label: str) -> tuple[int, int, str]:
    if label == "person":
        tail = _NAME_TAIL.match(text, end)
        if tail is not None:
            end = tail.end()
    return start, end, label


# A US politician's party and state: "Sen. Ben Sasse, R-Neb.", "(D-N.Y.)", "R-Texas".
_PARTY_STATE = re.compile(
    r"(?<![\w-])[RDI]-((?:[A-Z][a-z]{0,3}\.){1,2}|[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+)?)"
)


def _party_state_places(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The state in a party-and-state tag is a place, whatever the model made of the tag."""
    tags = [m.span(1) for m in _PARTY_STATE.finditer(text)]
    if not tags:
        return spans
    kept = [
        (s, e, label) for s, e, label in spans if not any(s < te and ts - 2 < e for ts, te in tags)
    ]
    return sorted(kept + [(s, e, "place") for s, e in tags])


def _titled_people(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Person spans after a title that no model span covers."""
    taken = sorted((s, e) for s, e, _ in spans)
    starts = [s for s, _ in taken]
    out: list[tuple[int, int, str]] = []
    for m in _TITLED.finditer(text):
        s, e = m.span(1)
        i = bisect_right(starts, s) - 1
        if any(0 <= j < len(taken) and taken[j][0] < e and s < taken[j][1] for j in (i, i + 1)):
            continue
        out.append((s, e, "person"))
    return out


_NAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos", "das"}
    | {"bin", "al"}
)
_PARTICLES = re.compile(r"[ \u00a0]+(?:(?:" + "|".join(sorted(_NAME_PARTICLES)) + r")[ \u00a0]+)*$")


def _join_split_names(
    text: str, spans: Iterable[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Two person spans with only a space or name particles between them are one name
    ("Frank" + "Vogel", "Botic" + "van de" + "Zandschulp"), and two one-word spans a
    space apart of which one is an organisation's are one organisation's ("Lockheed" +
    "Martin"): slips of the model, which never puts two names side by side. So are two
    organisation spans around "and" or "of" when the article names the whole elsewhere."""
    spans = sorted(spans)
    whole = {text[s:e] for s, e, label in spans if label == "organization"}
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out:
            prev_start, prev_end, prev = out[-1]
            gap = text[prev_end:start]
            if (
                gap == " of "
                and label == "place"
                and prev in ("organization", "place")
                and text[prev_start:prev_end].split()[-1].casefold() in lx.OF_HEADS
            ):
                # "the Southern District" + "of" + "New York", "Bank" + "of" + "Erland"
                out[-1] = (prev_start, end, prev)
                continue
            if (
                label == prev == "organization"
                and gap in (" and ", " & ", " of ")
                and text[prev_start:end] in whole
            ):
                # "Customs" + "Border Protection", where the article also has
                # "Customs and Border Protection" as one name.
                out[-1] = (prev_start, end, label)
                continue
            if label == "person" and prev == "person":
                if gap and len(gap) <= 12 and _PARTICLES.fullmatch(gap):
                    out[-1] = (prev_start, end, label)
                    continue
            elif (
                gap == " "
                and "organization" in (label, prev)
                and {label, prev} <= {"organization", "person"}
                and _plain_name_word(text[prev_start:prev_end])
                and _plain_name_word(text[start:end])
            ):
                out[-1] = (prev_start, end, "organization")
                continue
        out.append((start, end, label))
    return out


def _dateline_places(dateline: str) -> list[str]:
    """ "BUENOS AIRES, Argentina" → ["Buenos Aires", "Argentina"]: the names in it that
    are place names (none for anything else)."""
    out: list[str] = []
    for part in dateline.split("(")[0].split(",")[:2]:
        head = part.strip(" .-–—")
        if not head or len(head) > 40 or not all(c.isalpha() or c in " .'-’" for c in head):
            break
        if head.isupper():
            head = " ".join(w.capitalize() for w in head.split())
        out.append(head)
    return out


def _word_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for m in _WORD.finditer(text, start, end):
        yield m.start(), m.end()


def _hits(taken: list[tuple[int, int]], m: KnownMatch) -> bool:
    starts = [s for s, _ in taken]
    i = bisect_right(starts, m.start) - 1
    return any(
        0 <= j < len(taken) and taken[j][0] < m.end and m.start < taken[j][1] for j in (i, i + 1)
    )


def _clean(text: str, start: int, end: int, label: str) -> list[_Mention]:
    """The names inside a model span: none, one, or (for "Starship, Blue Origin") several."""
    inner = text[start:end]
    if label != "place" and not _LISTED_INSIDE.search(inner):
        # A comma inside a person's or organisation's span lists two names, unless the
        # list is inside one ("Ministry of Trade, Industry and Energy").
        out: list[_Mention] = []
        pos = start
        for part in re.finditer(r",[ \u00a0]+", text[start:end]):
            m = _clean_one(text, pos, start + part.start(), label)
            if m is not None:
                out.append(m)
            pos = start + part.end()
        m = _clean_one(text, pos, end, label)
        return [*out, m] if m is not None else out
    m = _clean_one(text, start, end, label)
    return [] if m is None else [m]


_LISTED_INSIDE = re.compile(r"\bof [A-Z][\w-]*(?:, [A-Z][\w-]*)+,? (?:and|&) [A-Z]")


def _clean_one(text: str, start: int, end: int, label: str) -> _Mention | None:
    """The name inside a model span, or ``None`` when there is none."""
    span = text[start:end]
    if "\n" in span:
        # A span across a line break joins two blocks of the page: keep the first line.
        end = start + span.index("\n")
        span = text[start:end]
    for stop in (" (", ": "):
        if stop in span:
            end = start + span.index(stop)  # "Croatia (Group E", "Path B: Bosnia"
            span = text[start:end]
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    titled = False
    # Edge punctuation and a trailing possessive are not part of a name.
    while words:
        s, e = words[0]
        while s < e and text[s] in _EDGE_PUNCT:
            s += 1
        words[0] = (s, e)
        s, e = words[-1]
        while e > s and text[e - 1] in _EDGE_PUNCT:
            e -= 1
        if e > s and _POSSESSIVE.search(text, s, e):
            e = _POSSESSIVE.search(text, s, e).start()  # type: ignore[union-attr]
        while e > s and text[e - 1] in _EDGE_PUNCT:
            e -= 1
        words[-1] = (s, e)
        words = [(s, e) for s, e in words if e > s]
        if not words:
            return None
        first = text[words[0][0] : words[0][1]].casefold()
        bare = first.rstrip(".")
        if first in ("the", "a", "an") and len(words) > 1:
            words = words[1:]
            continue
        if len(words) > 1 and len(first) == 1 and first.isalpha():
            words = words[1:]  # "F Hamidou Diallo": a position or a stray letter, not an initial
            continue
        # Titles, honorifics and a nationality in front of a person's name:
        # "National Security Adviser John Bolton", "Finnish Foreign Minister X".
        if (
            len(words) > 1
            and (
                (
                    (first in TITLES or bare in TITLES)
                    # "Labour Party", "National Institute on Drug Abuse": a word that is
                    # also a title opens an organisation's name; a title is cut only
                    # from a person's, or from what is left shaped like one.
                    and (label == "person" or _person_shaped(text, words[1:]))
                )
                or (
                    label == "person"
                    and (first in lx.DEMONYMS or text[words[0][0]].islower())
                    and any(text[s:e].casefold().rstrip(".") in TITLES for s, e in words[1:-1])
                )
            )
        ):
            words = words[1:]
            titled = True
            continue
        last = text[words[-1][0] : words[-1][1]].casefold().rstrip(".")
        if len(words) > 1 and last in TITLES and label == "person" and text[words[-1][0]].islower():
            words = words[:-1]
            continue
        if len(words) > 1 and not any(c.isalpha() for c in text[words[-1][0] : words[-1][1]]):
            words = words[:-1]  # "Nicolas Jarry 6-4": a score, not part of the name
            continue
        if len(words) > 1 and _TICKER.fullmatch(text[words[-1][0] : words[-1][1]]):
            words = words[:-1]  # "London Metal Exchange CMAL3": a quote code follows
            continue
        break
    if not words:
        return None
    weak = False  # the model's label was for a longer name than the one kept
    for k, (ws, we) in enumerate(words[:-1]):
        if _plural_possessive(text[ws:we]):
            continue  # "People's Daily", "Workers' Party": a plural's, part of the name
        if _POSSESSIVE.search(text, ws, we) and text[we - 1] in "sS":
            # "Cleveland's Public Auditorium", "the Hall of Fame's Class of": the
            # name is the owner's; what it owns is described, not named.
            words = words[: k + 1]
            weak = True
            s0, e0 = words[-1]
            words[-1] = (s0, _POSSESSIVE.search(text, s0, e0).start())  # type: ignore[union-attr]
            break
    for k, (ws, we) in enumerate(words[1:], 1):
        word = text[ws:we]
        if (
            label == "person"
            and word in _NAME_PARTICLES
            and any(text[s2:e2][:1].isupper() for s2, e2 in words[k + 1 :])
        ):
            continue  # "Botic van de Zandschulp", "Ursula von der Leyen"
        if (
            label == "organization"
            and k == len(words) - 1
            and k >= 1
            and word in _ORG_HEADS
            and text[words[k - 1][0]].isupper()
        ):
            continue  # "the Communist party": a name whose head the paper writes small
        if word[:1].islower() and word.casefold() not in _CONNECTORS:
            # "American Music Awards after Swift": the name ends before the first
            # ordinary word; connectors join ("Bank of Japan").
            words = words[:k]
            while len(words) > 1 and text[words[-1][0] : words[-1][1]].casefold() in _CONNECTORS:
                words = words[:-1]
            break
    s, e = words[0][0], words[-1][1]
    name = text[s:e]
    if not _looks_like_a_name(name, words, text, label):
        return None
    return _Mention(s, e, name, label, titled=titled, cue=-1 if weak else 0)


# English plurals that do not end in "s", whose possessive opens names
# ("People's Liberation Army", "Children's Hospital", "Women's Institute"); a plural
# in "s'" is left alone, as it cannot be told from "Jones'".
_IRREGULAR_PLURALS = frozenset({"people", "children", "women", "men"})


def _plural_possessive(word: str) -> bool:
    return word[-2:] in ("'s", "\u2019s") and word[:-2].casefold() in _IRREGULAR_PLURALS


_PLACE_PAIR = re.compile(r"([A-Z][\w.]*[\w.])[-\u2013]([A-Z][\w.]*\w)")
# A market quote code after a name ("CMAL3", "GBP=", "LCOc1", ".SPX"): capitals,
# digits and the marks codes use, with a digit or a mark among them.
_TICKER = re.compile(r"\.?(?=[A-Za-z0-9.=#]*[0-9=#])[A-Z][A-Za-z0-9.=#]*|\.[A-Z]{2,}")


def _person_shaped(text: str, words: list[tuple[int, int]]) -> bool:
    """Whether these words could be a person's name ("Jerome Powell" after "Chairman")."""
    return 1 <= len(words) <= 3 and all(_plain_name_word(text[s:e]) for s, e in words)


def _looks_like_a_name(name: str, words: list[tuple[int, int]], text: str, label: str = "") -> bool:
    if len(name) < 2 or len(words) > 8 or not any(c.isalpha() for c in name):
        return False
    tokens = [text[s:e] for s, e in words]
    if not any(t[:1].isupper() or t[:1].isdigit() for t in tokens):
        return False  # "the ministry": no capital, no name
    if not tokens[0][:1].isupper() and not tokens[0][:1].isdigit():
        return False
    folded = [t.casefold().rstrip(".") for t in tokens]
    if all(f in _NEVER_ALONE or f in _CONNECTORS for f in folded):
        return False  # "Despite Mr.", "President", "Room" alone after cleaning
    if len(tokens) == 1:
        f = folded[0]
        if f.endswith("s") and f[:-1] in lx.DEMONYMS:
            return False  # "Russians"
        if f in _GENERIC_HEADS or tokens[0][:1].isdigit():
            return False  # "Court", "Council" alone: the rest of the name is elsewhere
    if len(tokens) == 2 and len(tokens[1]) == 1 and tokens[1].isupper() and label != "person":
        return False  # "Group A", "Path C": a label in a draw or a table, not a name
    if len(tokens) > 1 and all(t.isupper() and len(t) > 1 for t in tokens if t.isalpha()):
        # Shouted page furniture ("GET OUT", "READ MORE"): a name in capitals
        # is a headline's, and the body names it again in normal case.
        return False
    return not (len(tokens) == 1 and name.isupper() and len(name) > 6)


def _resolve_overlaps(
    known: list[KnownMatch], mentions: list[_Mention]
) -> tuple[list[KnownMatch], list[_Mention]]:
    """Where a known name and a model name overlap, the gazetteer wins unless the
    model's name is longer and adds capitalised words of its own ("Hunter Biden"
    over the known "Biden", "Japan Fisheries Agency" over "Japan")."""
    if not known or not mentions:
        return known, mentions
    starts = [k.start for k in known]
    drop_known: set[int] = set()
    kept: list[_Mention] = []
    for m in mentions:
        i = bisect_right(starts, m.end) - 1
        inside: list[int] = []
        while i >= 0 and known[i].end > m.start:
            if known[i].start < m.end:
                inside.append(i)
            i -= 1
        if not inside:
            kept.append(m)
            continue
        covered = all(m.start <= known[j].start and known[j].end <= m.end for j in inside)
        extra = _uncovered_words(m, [known[j] for j in inside])
        if covered and extra:
            drop_known.update(inside)
            kept.append(m)
    return [k for i, k in enumerate(known) if i not in drop_known], kept


def _uncovered_words(m: _Mention, known: list[KnownMatch]) -> bool:
    for w in _WORD.finditer(m.text):
        s, e = m.start + w.start(), m.start + w.end()
        if any(k.start <= s and e <= k.end for k in known):
            continue
        word = w.group().strip(_EDGE_PUNCT)
        if word[:1].isupper() and word.casefold() not in _NEVER_ALONE:
            return True
    return False


def _display(surface: str) -> str:
    """The form a name is shown in: one space, and an all-capitals place in title case."""
    name = normalise_surface(surface)
    if name.isupper() and len(name) > 6:
        return " ".join(w.capitalize() for w in name.split())
    return name


def _group(mentions: list[_Mention]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        name = _display(m.text)
        g = groups.get(name.casefold())
        if g is None:
            g = groups[name.casefold()] = _Group(name)
        g.mentions.append(m)
        g.votes[m.label] += 2 + m.cue  # in halves: a title is half a vote
        if m.titled:
            # "Prince Andrew", "President Marr": a title before even one word is a
            # person's, so it counts as the words around a name do.
            g.votes["person"] += 1
            g.person_cues += 1
        g.votes["person"] += m.person_cue
        g.person_cues += m.person_cue
    return groups


def _head_type(name: str, label: str) -> str:
    words = name.split()
    if len(words) < 2:
        # "SpaceX", "YouTube", "PayPal": a brand's capitals, never "LeBron" or "McKay".
        return "organization" if label == "person" and _BRAND_CAPITALS.match(name) else label
    last = words[-1].casefold().rstrip(".")
    if last in _EVENT_HEADS:
        return "event"  # no one is called "… Cup" or "… Olympics", whatever the model said
    if label == "person":
        # "Masten Space Systems", "Dick Clark Productions", "Sioux Falls": no one's
        # surname.
        if last in _CORPORATE_HEADS:
            return "organization"
        return "place" if last in _PLACE_ONLY_HEADS else label
    if last in _DOCUMENT_HEADS:
        return "document"
    if last in _PLACE_HEADS and label in ("organization", "place"):
        return "place"
    if last in _ORG_HEADS and label in ("place", "organization"):
        return "organization"
    return label


# A capital inside a word after a stem of three or more letters, where people's names
# have one only after a prefix: Mc, Mac, De, Le, La, Di, Van, Von, Fitz.
_BRAND_CAPITALS = re.compile(
    r"^(?!(?:Mac|Van|Von|Del|Des|Dos|Fitz|Della)[A-Z])[A-Z][a-z]{2,}[A-Z]|^[A-Z][a-z]+[A-Z]$"
)


def _plain_name_word(word: str) -> bool:
    """A word shaped like part of a person's name: capitalised, not shouted, letters only,
    not a common, title or head word."""
    bare = word.replace("-", "").replace("'", "").replace("\u2019", "")
    folded = word.casefold().rstrip(".")
    return (
        word[:1].isupper()
        # "Caldwell-Pope", never "Russian-held"
        and all(part[:1].isupper() for part in word.split("-"))
        and not word.isupper()
        and bare.isalpha()
        and folded not in _NEVER_ALONE
        and folded not in _GENERIC_HEADS
        and folded not in _CONNECTORS
    )


def _is_place_name(gazetteer: Gazetteer, groups: dict[str, _Group], name: str) -> bool:
    entry = gazetteer.lookup(name)
    if entry is not None:
        return entry.type == "place"
    g = groups.get(name.casefold())
    return g is not None and bool(g.votes) and g.votes.most_common(1)[0][0] == "place"


def _is_person(g: _Group) -> bool:
    return bool(g.votes) and g.votes.most_common(1)[0][0] == "person"


def _standalone(g: _Group) -> bool:
    """A one-word name that links to nothing is kept unless it is a bare common word."""
    word = g.name.casefold()
    return word not in _NEVER_ALONE


def _sentence_initial(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \u00a0\"'“‘(":
        i -= 1
    return i < 0 or text[i] in "\n.!?:"


def _initials(name: str) -> str:
    return "".join(
        w[0] for w in name.split() if w.casefold() not in _CONNECTORS and w[:1].isupper()
    )


def _expansion(acronym: str, groups: list[_Group]) -> _Group | None:
    """The longer name of this article that ``acronym`` abbreviates ("NASA")."""
    best: _Group | None = None
    for g in groups:
        if _initials(g.name) == acronym and (best is None or len(g.mentions) > len(best.mentions)):
            best = g
    return best
