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
from reader.core.analysis.entities.credits import credit_in, with_credits
from reader.core.analysis.entities.cues import (
    ORG_AFTER,
    PLACE_AFTER,
    Spans,
    given_names,
    headline_lines,
    join_split_names,
    kind_context,
    listed_and_prefix_names,
    overlaps_neighbour,
    party_state_places,
    person_context,
    placed_over,
    possessive_bodies,
    quoted_titles,
    shared_surname_people,
    shouted_lines,
    side_with_family,
    side_with_listed_people,
    side_with_opponents,
    titled_people,
    whole_person_name,
)
from reader.core.analysis.entities.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    KnownMatch,
    default_gazetteer,
    entity_key,
)
from reader.core.analysis.entities.model import MAX_CHUNK, ModelStatus, NerModel
from reader.core.analysis.entities.names import (
    CONNECTORS,
    CORPORATE_HEADS,
    EDGE_PUNCT,
    NEVER_ALONE,
    WORD,
    Mention,
    clean,
    display,
    head_type,
    is_award,
    is_holiday,
    plain_name_word,
    sentence_initial,
)
from reader.core.analysis.entities.recognize import Recognized
from reader.core.analysis.entities.regions import city_region_places
from reader.core.analysis.entities.teams import is_group_name, score_line_sides
from reader.core.analysis.entities.text import sentence_spans

_IN_PLACE = re.compile(r"\b(?:in|at|from|near|outside|across)[ \u00a0]+$")

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

# A work's or a product's name that something is told or given to is an outlet's: "Martin
# told The Daily Beast", "in an interview with Vanity Fair".
_WORK_LABELS = ("WORK_OF_ART", "PRODUCT")
_TOLD = re.compile(r"\b(?:told|in an interview with)[ \u00a0]+$")

_DATELINE = re.compile(
    r"^[ \u00a0]*([A-Z][A-Z.'\u2019 -]*[A-Z])"  # "BUENOS AIRES"
    r"(?:,[ \u00a0]*([A-Z][\w .]*?))?"  # ", Argentina"
    r"(?:[ \u00a0]*\(([^)\n]{1,40})\))?"  # " (Reuters)"
    r"[ \u00a0]*(?:--|\u2014|\u2013|-)[ \u00a0]"
)


_DATELINE_AT = re.compile(_DATELINE.pattern.removeprefix("^"))  # anchored by match(pos)
# Paragraphs from the start of the body in which a report's dateline may open
# one: photo captions and credits often come first on a syndicated page.
_DATELINE_PARAGRAPHS = 4


def _datelines(text: str) -> list[re.Match[str]]:
    """The datelines that open the body, or one of its first paragraphs when it
    names its agency ("MOSCOW (AP) —" after a caption): without one, a capitalised
    word and a dash there is as likely a label ("UPDATE —") as a place."""
    first = _DATELINE.match(text)
    if first:
        return [first]
    found = []
    start = 0
    for _ in range(_DATELINE_PARAGRAPHS - 1):
        start = text.find("\n\n", start)
        if start < 0:
            break
        start += 2
        m = _DATELINE_AT.match(text, start)
        if m and m.group(3):
            found.append(m)
            break
    return found


@dataclass
class _Group:
    name: str
    mentions: list[Mention] = field(default_factory=list)
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
        w = w.strip(EDGE_PUNCT)
        if w[:1].isupper() and w.casefold() not in _NOT_NAMES:
            return True
    first = words[0].strip(EDGE_PUNCT).casefold()
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
    """Whether two kept sentences must go to the model apart: something but space
    lies between them (a skipped sentence), or a line break. The model reads a
    break as mere space and runs names across it ("West Mercia Police" closing a
    caption and "Eloise" opening the next paragraph, as one organisation)."""
    gap = text[end:start]
    return bool(gap.strip()) or "\n" in gap


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
        self._place_names = {
            name
            for entry in self.gazetteer.entries.values()
            if entry.type == "place"
            for name in (entry.name, *entry.aliases)
        }
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
        # Pieces are sentences of a paragraph: many and short, so a batch of them
        # keeps the model's matrices full (measured: 32 is quickest per article).
        docs = self.model.pipe([p for _, p in pieces], batch_size=32)
        for (offset, piece), doc in zip(pieces, docs, strict=True):
            for ent in doc.ents:
                label = LABELS.get(ent.label_) or ("group" if ent.label_ == "NORP" else None)
                if ent.label_ in _WORK_LABELS and _TOLD.search(piece, 0, ent.start_char):
                    label = "organization"  # "told The Daily Beast": an outlet, not a work
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
        known = [
            k
            for k in self.gazetteer.find(text)
            if not _opens_a_holiday(text, k) and not _names_a_landscape(text, k)
        ]
        mentions: list[Mention] = []
        datelines = _datelines(text)
        for in_text in datelines:
            if not any(in_text.start(1) <= m.start < in_text.end(1) for m in known):
                s, e = in_text.span(1)
                mentions.append(Mention(s, e, text[s:e], "place"))
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
                    mentions.append(Mention(s, e, text[s:e], label, cue=2, sure=True))
        spans = self._group_names(text, list(spans))
        spans = given_names(text, with_credits(text, spans))
        spans = party_state_places(text, [whole_person_name(text, *span) for span in spans])
        spans += titled_people(text, spans)
        spans = join_split_names(text, spans, lambda name: self.gazetteer.lookup(name) is not None)
        spans = possessive_bodies(text, spans, self._is_place)
        for start, end, label in self._split_place_pairs(text, spans):
            for m in clean(text, start, end, label):
                if not any(d.start() <= m.start < d.end() for d in datelines):
                    mentions.append(m)
        mentions = self._with_score_line_sides(text, known, mentions)
        mentions = _with_region_places(text, known, mentions)
        known, mentions = _resolve_overlaps(known, mentions)
        mentions = _without_degrees(text, mentions)
        known, mentions = self._us_parties(text, known, mentions)
        mentions += listed_and_prefix_names(text, known, mentions)
        mentions = shared_surname_people(text, mentions)
        quoted = quoted_titles(text)
        # A caption that ends in a photo credit is not a related story's headline.
        headlines = [h for h in headline_lines(text) if not credit_in(text, *h)]
        shouted = [h for h in shouted_lines(text) if not credit_in(text, *h)]
        if quoted or headlines or shouted:
            inside = [
                m
                for m in mentions
                if any(s <= m.start and m.end <= e for s, e in quoted + shouted)
                or (m.label != "place" and any(s <= m.start and m.end <= e for s, e in headlines))
            ]
            outside = {display(m.text).casefold() for m in mentions if m not in inside}
            # Kept when the article also names it outside the title ("Paris" in a song
            # title and in the report). A headline line is treated the same way: in
            # title case every word looks like a name, so the model's people and
            # organisations there ("Man Shot", "Help Shape") count only where the
            # story confirms them; its places ("... in North Richland Hills") stand.
            # In a line shouted in capitals ("GET OUT AND VOTE") any short word
            # looks like an acronym: nothing there counts unless confirmed.
            mentions = [
                m for m in mentions if m not in inside or display(m.text).casefold() in outside
            ]
        for m in mentions:
            m.person_cue = person_context(text, m.start, m.end)
            kind = kind_context(text, m.start)
            if kind and not m.sure:
                m.label, m.cue = kind, m.cue + 1
            elif m.label == "place" and not m.sure and ORG_AFTER.match(text, m.end):
                m.label = "organization"  # "a Netflix documentary", "Bloomberg reported"
            elif m.label != "place" and not m.sure and PLACE_AFTER.match(text, m.end):
                m.label, m.cue = "place", m.cue + 1  # "Hoa Lo prison", "Logar province"
        side_with_listed_people(text, mentions)
        side_with_family(mentions)
        side_with_opponents(text, mentions)
        known.extend(self._short_forms(text, known, mentions))
        recognized = self._link(text, known, mentions)
        return self._with_dateline(recognized, dateline, agency)

    def _us_parties(
        self, text: str, known: list[KnownMatch], mentions: list[Mention]
    ) -> tuple[list[KnownMatch], list[Mention]]:
        """ "Democrats" and "Republicans" as the two US parties, in an article that names
        both ("Senate Democrats", "House Republicans"): alone, either word may be another
        country's ("Christian Democrats", "Les Républicains"), so neither is an alias."""
        if not (_REPUBLICAN.search(text) and _DEMOCRAT.search(text)):
            return known, mentions
        gop = self.gazetteer.lookup("Republican Party")
        found: list[Mention] = []
        extra: list[KnownMatch] = []
        for m in _US_PARTY_PLURAL.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()].split()
            prev = before[-1] if before else ""
            if prev[:1].isupper() and prev.casefold() not in _US_PARTY_OPENERS:
                continue  # "Christian Democrats", "Sweden Democrats"
            if m.group() == "Republicans" and gop is not None:
                extra.append(KnownMatch(m.start(), m.end(), gop))
            elif m.group() == "Democrats":
                found.append(
                    Mention(
                        m.start(),
                        m.end(),
                        m.group(),
                        "organization",
                        cue=2,
                        sure=True,
                        canonical="Democratic Party",
                    )
                )
        if not found and not extra:
            return known, mentions
        taken = Spans([(x.start, x.end) for x in found] + [(k.start, k.end) for k in extra])
        kept = [x for x in mentions if not taken.overlaps(x.start, x.end)]
        known = sorted(
            [k for k in known if not taken.overlaps(k.start, k.end)] + extra, key=lambda k: k.start
        )
        return known, sorted(kept + found, key=lambda x: x.start)

    def _group_names(
        self, text: str, spans: list[tuple[int, int, str]]
    ) -> list[tuple[int, int, str]]:
        """The model's nationality-or-group spans ("group") that name a team, band or
        party become organisations; the rest are dropped."""
        if not any(label == "group" for _, _, label in spans):
            return spans
        places = {text[s:e] for s, e, label in spans if label == "place"} | self._place_names
        verdicts: dict[tuple[str, str], bool] = {}  # one verdict per name and lead-in

        def is_group(s: int, e: int) -> bool:
            key = (text[s:e], text[max(0, s - 5) : s])
            if key not in verdicts:
                verdicts[key] = is_group_name(text, s, e, places)
            return verdicts[key]

        return [
            (s, e, "organization" if label == "group" else label)
            for s, e, label in spans
            if label != "group" or is_group(s, e)
        ]

    def _with_score_line_sides(
        self, text: str, known: list[KnownMatch], mentions: list[Mention]
    ) -> list[Mention]:
        """The sides named in results lines ("Bruins 5, Devils 1:") as organisations,
        in place of whatever the model made of them; a place stays a place
        ("Pittsburgh 5, Toronto 3": the city, which the team is named after)."""
        sides = score_line_sides(text)
        if not sides:
            return mentions
        # A place where the model says so in the results line itself, or where the text
        # puts something in it ("in Pittsburgh"); not where the model only guessed one
        # elsewhere ("for the Wild").
        in_lines = Spans(sides)
        places = {
            display(m.text)
            for m in mentions
            if m.label == "place"
            and (
                _IN_PLACE.search(text, max(0, m.start - 12), m.start)
                or in_lines.overlaps(m.start, m.end)
            )
        }
        people = {display(m.text) for m in mentions if m.label == "person"}
        gazetteer = Spans((k.start, k.end) for k in known)
        teams: list[Mention] = []
        for s, e in sides:
            name = text[s:e]
            if name in places or name in people or self._is_place(name) or gazetteer.overlaps(s, e):
                continue
            teams.append(Mention(s, e, name, "organization", cue=4, sure=True, inferred=True))
        return placed_over(mentions, teams)

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
        self, text: str, known: list[KnownMatch], mentions: list[Mention]
    ) -> list[KnownMatch]:
        present = {m.entry.key for m in known}
        taken = sorted([(m.start, m.end) for m in known] + [(m.start, m.end) for m in mentions])
        starts = [s for s, _ in taken]
        return [
            m
            for m in self.gazetteer.find_short_forms(text, present)
            if not overlaps_neighbour(taken, starts, m.start, m.end)
        ]

    def _link(
        self, text: str, known: list[KnownMatch], mentions: list[Mention]
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
        rest: list[Mention] = []
        for m in mentions:
            entry = self.gazetteer.lookup(m.text) or self.gazetteer.lookup(display(m.text))
            if entry is not None and entry.type == "organization" and _names_a_landscape(text, m):
                entry, m.label = None, "place"  # "the Amazon rainforest"
            if entry is not None:
                add_known(entry, m.start, m.end)
            else:
                rest.append(m)

        lower_words = _lower_words(text)
        groups = {k: g for k, g in _group(rest).items() if not _a_common_phrase(g, lower_words)}
        self._surname_votes(groups)
        self._given_name_votes(text, groups)
        _place_votes(text, groups)
        persons = [g for g in groups.values() if _is_person(g) and len(g.name.split()) > 1]
        orgs = [g for g in groups.values() if len(g.name.split()) > 1]
        companies = _companies(orgs)
        by_surname: dict[str, list[_Group]] = {}
        by_first: dict[str, list[_Group]] = {}
        for g in persons:
            by_surname.setdefault(g.name.split()[-1].casefold(), []).append(g)
            by_first.setdefault(g.name.split()[0].casefold(), []).append(g)

        final: dict[str, _Group] = {}
        for g in groups.values():
            words = g.name.split()
            target: _Group | None = None
            company = False
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
                elif not _is_person(g) and not _placed(text, g):
                    found = companies.get(word, [])  # "Alibaba" after "Alibaba Group"
                    target = found[0] if len(found) == 1 else None
                    company = target is not None
                if target is None and not _standalone(g) and not any(m.sure for m in g.mentions):
                    continue
                if (
                    target is None
                    and _is_person(g)
                    and not g.person_cues
                    and all(sentence_initial(text, m.start) for m in g.mentions)
                ):
                    # A lone capitalised word that opens sentences ("Ferry talks"),
                    # never seen with a first name or anything only people have
                    # ("Orlov, 61,"): an ordinary word the model misread.
                    continue
                if target is None and _an_ordinary_word(g, lower_words):
                    continue
            home = final.setdefault((target or g).name, _Group((target or g).name))
            home.mentions.extend(g.mentions)
            if company:
                # The short form of a company's name is the company's, whatever the
                # model made of it alone ("sold to Alibaba" read as a place).
                home.votes["organization"] += sum(g.votes.values()) + 1
            else:
                home.votes.update(g.votes)
            if target is not None and _is_person(target):
                home.votes["person"] += 2 * len(g.mentions)
            elif (
                target is None
                and len(words) == 1
                and _is_person(g)
                and not g.person_cues
                and not _told_of_as_a_person(text, g)
                and not _a_given_name(text, g)  # "Maggie helped"
            ):
                # One word taken for a person, yet no full name of anyone it could be
                # in the whole article: news names people in full first, brands not.
                home.votes["organization"] += g.votes["person"] + 1

        self._spread(text, final, known, out)
        for g in final.values():
            type_ = g.votes.most_common(1)[0][0] if g.votes else "place"
            type_ = head_type(g.name, type_)
            if is_award(g.name):
                continue  # "Faculty Award", "Medal of Freedom": an honour, not a body
            key = entity_key(type_, g.name)
            rec = out.get(key)
            if rec is None:
                rec = out[key] = Recognized(key, g.name, type_, False, None)
            rec.mentions.extend((m.start, m.end) for m in g.mentions)

        for rec in out.values():
            rec.mentions = sorted(set(rec.mentions))
        return sorted(out.values(), key=lambda r: r.mentions[0][0])

    def _given_name_votes(self, text: str, groups: dict[str, _Group]) -> None:
        """A name that opens with a common given name ("Candace Fleming", "Maggie"), of
        plain name words, is a person's where the model said a body or a place and
        nothing in the text says so: not where the article puts something in it
        ("in Beverly"), nor where a cue or the gazetteer typed it."""
        # Names that open a longer name of a body or a place ("Walter Reed" in "Walter
        # Reed National Military Medical Center"), found once for the whole article.
        openings = {
            " ".join(o.name.split()[:k])
            for o in groups.values()
            if not _is_person(o)
            for k in range(1, len(o.name.split()))
        }
        for g in groups.values():
            words = g.name.split()
            if not 1 <= len(words) <= 3 or _is_person(g) or not g.votes:
                continue
            if not _a_given_name(text, g) or not all(plain_name_word(w) for w in words):
                continue
            if any(m.sure or m.cue for m in g.mentions) or _placed(text, g):
                continue
            if any(_FACILITY_AFTER.match(text, m.end) for m in g.mentions):
                continue  # "Walter Reed hospital": a place named after someone
            if any(self.gazetteer.lookup(w) is not None for w in words[1:]):
                continue  # "Jack London", "Paul Washington": a place is in it
            if g.name in openings:
                continue  # "Walter Reed" after "Walter Reed ... Medical Center": its short form
            g.votes["person"] = max(g.votes.values()) + 1

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
            if not all(plain_name_word(w) for w in words):
                continue
            entry = self.gazetteer.lookup(words[0])
            if entry is not None and entry.type != "person":
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
            if _is_person(g) and len(words) > 1 and words[-1].casefold() not in NEVER_ALONE:
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
            if overlaps_neighbour(taken, starts, s, e):
                continue
            if hit.group() in _DEGREES and text[max(0, s - 2) : s] == ", ":
                continue  # "Ana Ruiz, MD": a degree, though the state is named too
            g = forms[hit.group()]
            g.mentions.append(Mention(s, e, hit.group(), "person" if _is_person(g) else ""))


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
    for m in WORD.finditer(text, start, end):
        yield m.start(), m.end()


_PLACE_PAIR = re.compile(r"([A-Z][\w.]*[\w.])[-\u2013]([A-Z][\w.]*\w)")


_NEXT_WORD = re.compile(r"[ \u00a0]([A-Z][\w'\u2019]*)")


def _opens_a_holiday(text: str, k: KnownMatch) -> bool:
    """ "Labour Day", "Canada Day": a known name that opens a day of the calendar is
    no mention of the party or the country."""
    nxt = _NEXT_WORD.match(text, k.end)
    return nxt is not None and is_holiday(f"{text[k.start : k.end]} {nxt.group(1)}")


_REPUBLICAN = re.compile(r"\bRepublicans?\b|\bGOP\b")
_DEMOCRAT = re.compile(r"\bDemocrats?\b|\bDemocratic\b")
_US_PARTY_PLURAL = re.compile(r"\b(?:Democrats|Republicans)\b")
# Capitalised words that may stand before the parties' plural names in US news.
_US_PARTY_OPENERS = lx._words(
    "house senate congressional the many most some all two few several both"
)

# A lower-case word after a company's name that makes it a landscape's: "the Amazon
# rainforest", "the Amazon basin".
_LANDSCAPE_AFTER = re.compile(r"[ \u00a0]+(?:rainforest|river|basin|jungle|delta|forest)s?\b")


def _names_a_landscape(text: str, name: KnownMatch | Mention) -> bool:
    """A known organisation's name that the next word makes a river or a forest."""
    if isinstance(name, KnownMatch) and name.entry.type != "organization":
        return False
    return _LANDSCAPE_AFTER.match(text, name.end) is not None


def _resolve_overlaps(
    known: list[KnownMatch], mentions: list[Mention]
) -> tuple[list[KnownMatch], list[Mention]]:
    """Where a known name and a model name overlap, the gazetteer wins unless the
    model's name is longer and adds capitalised words of its own ("Hunter Biden"
    over the known "Biden", "Japan Fisheries Agency" over "Japan")."""
    if not known or not mentions:
        return known, mentions
    starts = [k.start for k in known]
    drop_known: set[int] = set()
    kept: list[Mention] = []
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
        ordered = sorted((known[j] for j in inside), key=lambda k: k.start)
        if covered and (extra or _company_of_a_place(m, ordered)):
            drop_known.update(inside)
            kept.append(m)
    return [k for i, k in enumerate(known) if i not in drop_known], kept


# A word in lower case, not part of an address ("jdoe@bloomberg.net", "ft.com/x").
_LOWER_WORD = re.compile(r"(?<![\w'\u2019@./-])[a-z][a-z]+(?![\w@/-]|\.\w)")


def _lower_words(text: str) -> frozenset[str]:
    return frozenset(_LOWER_WORD.findall(text))


# The types of the one-word names that a lower-case use of the word makes ordinary.
ORDINARY_WORD_TYPES = ("organization", "place")


def _an_ordinary_word(g: _Group, lower: frozenset[str]) -> bool:
    """A lone capitalised word the model took for a body's name, which the article
    also writes in lower case ("Community", "Credit", "Purpose" heading a list, with
    "community" and "credit" in the text): a common word, not a name."""
    word = g.name
    if word.isupper() or g.person_cues or any(m.sure or m.cue for m in g.mentions):
        return False
    if not g.votes or g.votes.most_common(1)[0][0] not in ORDINARY_WORD_TYPES:
        return False
    return word.casefold() in lower


def _a_common_phrase(g: _Group, lower: frozenset[str]) -> bool:
    """A phrase of title-case words the model took for a person's name, each of which
    the article also writes in lower case ("Spotty Recovery" over "the spotty
    recovery", "Find Autos By Brand"): a heading or a slogan, not someone's name."""
    words = g.name.split()
    if len(words) < 2 or not _is_person(g) or g.person_cues:
        return False
    if any(m.sure or m.cue for m in g.mentions):
        return False
    return all(w.casefold() in lower or w.casefold() in lx.STOPWORDS for w in words)


def _company_of_a_place(m: Mention, known: list[KnownMatch]) -> bool:
    """ "Yahoo Japan", "Google China": a known company's name run into a known place's
    is the company's arm there, one organisation (typed so here)."""
    if len(known) < 2 or known[0].start != m.start or known[0].entry.type != "organization":
        return False
    if not all(k.entry.type == "place" for k in known[1:]):
        return False
    gaps = [(a.end, b.start) for a, b in pairwise(known)] + [(known[-1].end, m.end)]
    if any(m.text[s - m.start : e - m.start].strip().strip(EDGE_PUNCT) for s, e in gaps):
        return False  # "Google and Japan", "Yahoo, Japan"
    m.label, m.sure = "organization", True
    return True


def _uncovered_words(m: Mention, known: list[KnownMatch]) -> bool:
    for w in WORD.finditer(m.text):
        s, e = m.start + w.start(), m.start + w.end()
        if any(k.start <= s and e <= k.end for k in known):
            continue
        word = w.group().strip(EDGE_PUNCT)
        if word[:1].isupper() and word.casefold() not in NEVER_ALONE:
            return True
        if m.label == "organization" and word.casefold() in lx.ORG_HEADS | lx.MASTHEADS:
            return True  # "U.S. News", "Yahoo Finance": a body named after the known name
        if m.label == "place" and word.casefold() in _REGION_WORDS | _PLACE_OPENERS:
            # "Eastern Europe", "Western Australia": a region, not the whole;
            # "New Mexico", "Port Sudan": another place named after the known one.
            return True
    return False


# Words that make a region of a known place's name when they open it.
_REGION_WORDS = lx._words(
    "eastern western northern southern central north south east west northeast northwest "
    "southeast southwest upper lower inner outer greater"
)


# Words that open a place's name made from another's ("New Mexico", "Port Sudan").
_PLACE_OPENERS = lx._words("new old port fort mount lake cape little")


# A personal pronoun soon after a name, in the same clause: "offered by Rahane when
# he was on 22", "Kohli's impetuosity almost cost him". Companies are "it".
_PRONOUN_AFTER = re.compile(
    r"(?:['\u2019]s)?(?:[ \u00a0]+(?!(?:and|but|or|so|yet)\b)[a-z'\u2019]+){0,4}?"
    r"[ \u00a0]+(?:he|she|him|his|her)\b"
)


# What stands before a place and hardly ever before a person: "in Walla Walla", "near
# Pangkalan Bun" (not "at" or "from": "a letter from Smith", "a look at Jones").
_PLACE_BEFORE = re.compile(r"\b(?:[Ii]n|[Nn]ear|[Oo]utside)[ \u00a0]+$")
# "shares in X", "a stake in X": what one owns of a company, not a place.
_STAKE_IN = re.compile(
    r"\b(?:shares?|stakes?|invest(?:ed|ing|ment|ments)?|interest)[ \u00a0]+in[ \u00a0]+$"
)
_PERSON_AFTER_IN = re.compile(r"['\u2019]s?\b|[ \u00a0]+(?:and|or)[ \u00a0]+[a-z]")


def _place_votes(text: str, groups: dict[str, _Group]) -> None:
    """A name the model took for a person's or a body's that the article puts things
    in ("in São Paulo", "near Garmsir"), with no cue for its type, is a place's. Not
    "in Smith's view", nor "faith in Biden and ...": a possessive, or a clause going
    on, reads as a person."""
    for g in groups.values():
        if not g.votes or g.person_cues or any(m.titled or m.sure for m in g.mentions):
            continue
        top = g.votes.most_common(1)[0][0]
        if top == "organization" and (
            " " in g.name or g.name.isupper() or g.name.casefold() in lx.ORG_HEADS
        ):
            continue  # "in NATO", "in Congress", "in Korvo Freight": a body's name
        if top == "organization" and any(m.cue for m in g.mentions):
            continue  # "the company X": typed by the words around it
        if top not in ("person", "organization"):
            continue
        placed = [
            m
            for m in g.mentions
            if _PLACE_BEFORE.search(text, max(0, m.start - 10), m.start)
            and not _PERSON_AFTER_IN.match(text, m.end)
            and not _STAKE_IN.search(text, max(0, m.start - 24), m.start)
        ]
        if placed and not _told_of_as_a_person(text, g):
            g.votes["place"] = max(g.votes.values()) + 1


def _told_of_as_a_person(text: str, g: _Group) -> bool:
    """Whether the article treats a one-word name as a person's though it never gives the
    full name (a sports report's "Kohli"): a pronoun for a person follows it."""
    return any(_PRONOUN_AFTER.match(text, m.end) for m in g.mentions)


def _with_region_places(
    text: str, known: list[KnownMatch], mentions: list[Mention]
) -> list[Mention]:
    """The towns, states and venues of "Tinley Park, Ill." and "Tampa, FL @ Venue" as
    places, in place of the model's spans there; each state under its full name."""
    people = {display(m.text) for m in mentions if m.label == "person"}
    places = {display(m.text) for m in mentions if m.label == "place"}
    gazetteer = Spans((k.start, k.end) for k in known)
    found = [
        Mention(
            r.start,
            r.end,
            text[r.start : r.end],
            "place",
            cue=2,
            sure=True,
            inferred=True,
            canonical=r.name,
        )
        for r in city_region_places(text, people, places)
        if not gazetteer.overlaps(r.start, r.end)
    ]
    return placed_over(mentions, found)


def _group(mentions: list[Mention]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        name = m.canonical or display(m.text)
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
    return word not in NEVER_ALONE


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.casefold() not in CONNECTORS and w[:1].isupper())


# Degrees after a name: "Ana Ruiz, MD", "Tom Berg, MD, PhD" (not Maryland).
_DEGREES = frozenset({"MD", "M.D", "DO", "RN", "NP", "PA-C", "DDS", "DMD", "JD"})


def _without_degrees(text: str, mentions: list[Mention]) -> list[Mention]:
    people_ends = {m.end for m in mentions if m.label == "person"}
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.start):
        before = text[max(0, m.start - 2) : m.start]
        if m.text.rstrip(".") in _DEGREES and before == ", " and m.start - 2 in people_ends:
            people_ends.add(m.end)  # "MD, PhD": a second degree follows the first
            continue
        out.append(m)
    return out


def _a_given_name(text: str, g: _Group) -> bool:
    """Whether the name opens with a common given name, and is not only ever used in
    the possessive, as shops and titles named after someone are ("Jane's", "Macy's")."""
    if g.name.split()[0].casefold() not in lx.GIVEN_NAMES:
        return False
    return not all(text.startswith(("'s", "\u2019s"), m.end) for m in g.mentions)


# A lower-case noun after a name that makes it a building's or an institution's.
_FACILITY_AFTER = re.compile(
    r"[ \u00a0]+(?:hospital|clinic|school|college|university|airport|stadium|arena|center"
    r"|centre|museum|library|hotel|church|park|station|base|campus|foundation|institute)\b"
)


def _placed(text: str, g: _Group) -> bool:
    """Whether the article puts something in the place a one-word group names ("at
    Fisherman's Terminal in Seattle"): a town, whatever company bears its name (the
    Seattle Times), and not that company's short form."""
    return any(
        m.label == "place" and _IN_PLACE.search(text, max(0, m.start - 12), m.start)
        for m in g.mentions
    )


def _companies(groups: list[_Group]) -> dict[str, list[_Group]]:
    """This article's companies named by a word and designators ("Alibaba Group",
    "Halden Media Inc."), by that word: a paper's short form for each."""
    out: dict[str, list[_Group]] = {}
    for g in groups:
        first, *rest = g.name.split()
        if rest and all(w.casefold() in CORPORATE_HEADS for w in rest) and not _is_person(g):
            out.setdefault(first, []).append(g)
    return out


def _expansion(acronym: str, groups: list[_Group]) -> _Group | None:
    """The longer name of this article that ``acronym`` abbreviates ("NASA")."""
    best: _Group | None = None
    for g in groups:
        if _initials(g.name) == acronym and (best is None or len(g.mentions) > len(best.mentions)):
            best = g
    return best
