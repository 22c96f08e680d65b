"""What the words around a name say about it, and repairs to the model's spans.

Context cues ("spokesman X", "X, 38,", "X said", "the band X", "X reported"),
the structure of the article (names listed together, the two sides of a
result, headline and title lines) and slips of the model (a name cut in two,
a title or a regnal number left outside the span, a party-and-state tag).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from collections.abc import Callable, Iterable
from itertools import pairwise

from reader.core.analysis.entities import lexicon as lx
from reader.core.analysis.entities.gazetteer import KnownMatch
from reader.core.analysis.entities.names import (
    MORE_TITLES,
    NAME_PARTICLES,
    POSSESSIVE,
    Mention,
    display,
    named_nearby,
    plain_name_word,
    sentence_initial,
)

# Job words that, in lower case right before a name, say it is a person's
# ("executive chair Ana Ruiz", "coach Tim Berg"); modifiers such as "former"
# or "national" also stand before organisations and are left out.
ROLE_BEFORE = (
    MORE_TITLES
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

WORD_BEFORE = re.compile(r"([a-z][a-z.-]*)[ \u00a0]+$")

SAID_AFTER = re.compile(r"[ \u00a0]+(?:said|says|told|added|explained|recalled)\b")

SAID_BEFORE = re.compile(r"\b(?:said|says|added|told)[ \u00a0]+$")

# What only a person is or has, right after the name: "Hitler was born", "the Assad
# regime", "the Marr administration".
PERSON_AFTER = re.compile(
    r"(?:['\u2019]s)?[ \u00a0]+(?:was[ \u00a0]+born|died|regime|administration)\b"
    # "Madonna's ex-husband", "Kohli's wife": only people have kin.
    r"|['\u2019]s[ \u00a0]+(?:(?:ex|late|former)-?[ \u00a0]?)?(?:husband|wife|son|daughter"
    r"|mother|father|brother|sister|boyfriend|girlfriend|fianc[e\u00e9]e?|widow|widower"
    r"|children|parents|grandson|granddaughter)\b"
)

# An age in apposition, the way news introduces people: "Braun, 38, who ...",
# "Ana Ruiz, 41 -", "Tom Price (62)". Companies and places are not given ages.
AGE_AFTER = re.compile(
    r",[ \u00a0]*(\d{1,3})(?=[ \u00a0]*(?:,|;|\u2013|\u2014|-[ \u00a0]|[ \u00a0]+(?:who|and|was|is"
    r"|said|had|has|died)\b))|[ \u00a0]+\((\d{1,3})\)"
)

# Common nouns that, in lower case right before a name, say what it names
# ("the fact-checking website Full Fact", "the city of", "the band Low").
ORG_BEFORE = lx._words(
    """
    website site company firm group organization organisation agency startup start-up bank
    broadcaster newspaper magazine network charity party band team club union app platform
    airline carrier retailer insurer lender fund university outlet publisher studio label
    """
)

# Words right after a name that only a company's or a newsroom's name takes: places
# do not report, have no subscribers and make no documentaries (not "shares",
# "headquarters" or "special": "Tokyo shares", "a Texas special session").
ORG_AFTER = re.compile(
    r"(?:['\u2019]s)?[ \u00a0]+(?:reported|ceo|co-?founder|founder|subscribers|users"
    r"|shareholders|documentary|app|spokesperson|executives|employees|plane|planes|jet|jets"
    r"|airliner)\b"
)

PLACE_BEFORE = lx._words("city town village province region country county island capital")

# A common noun in lower case right after a name that makes it a place's: "the
# city's Hoa Lo prison", "in Logar province", "the Pangram area".
PLACE_AFTER = re.compile(
    r"[ \u00a0]+(?:prison|jail|airport|district|province|county|region|village|neighbou?rhood"
    r"|suburb|valley|river|highway|street|bridge|stadium|arena|area)\b"
)


# What stands before a place's name only: "the regional capital of X", "the coast of
# X", and a point of the compass in lower case, "eastern X", "north-west X".
PLACE_OF = re.compile(
    r"\b(?:capital|city|town|village|province|region|county|island|coast|port|suburb"
    r"|suburbs|outskirts|district|state)[ \u00a0]+of[ \u00a0]+$"
)
COMPASS_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?"
    r"|central)[ \u00a0]+$"
)


def overlaps_neighbour(
    taken: list[tuple[int, int]], starts: list[int], start: int, end: int
) -> bool:
    """Whether the span of the sorted ``taken`` (``starts`` its starts) that begins last
    before ``start``, or the next one, overlaps ``[start, end)``."""
    i = bisect_right(starts, start) - 1
    return any(
        0 <= j < len(taken) and taken[j][0] < end and start < taken[j][1] for j in (i, i + 1)
    )


class Spans:
    """Intervals, asked whether any of them overlaps ``[start, end)`` in log time: the
    rules that place names over the model's spans test every mention this way."""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(intervals)
        self._starts = [s for s, _ in ordered]
        self._reach: list[int] = []  # the furthest end among the first i + 1 intervals
        for _, e in ordered:
            self._reach.append(max(e, self._reach[-1]) if self._reach else e)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end) - 1  # the last interval that starts before end
        return i >= 0 and self._reach[i] > start


def placed_over(mentions: list[Mention], placed: list[Mention]) -> list[Mention]:
    """``placed`` (names a structural rule set) in place of every mention they overlap,
    in text order."""
    if not placed:
        return mentions
    taken = Spans((p.start, p.end) for p in placed)
    kept = [m for m in mentions if not taken.overlaps(m.start, m.end)]
    return sorted(kept + placed, key=lambda m: m.start)


def kind_context(text: str, start: int) -> str:
    """ "organization" or "place" when a common noun right before the name says so."""
    before = text[max(0, start - 40) : start]
    if PLACE_OF.search(before) or COMPASS_BEFORE.search(before):
        return "place"
    word = WORD_BEFORE.search(text, max(0, start - 30), start)
    if word is None:
        return ""
    w = word.group(1)
    return "organization" if w in ORG_BEFORE else "place" if w in PLACE_BEFORE else ""


# A short quotation in title case is a work's title or a coined term ("Takin' It to
# the Streets", "Cleggmania"), not speech: the names inside it are not the article's.
QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{1,60}?)[\"\u201d]")


def quoted_titles(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in QUOTED.finditer(text):
        words = m.group(1).strip(" ,.!?").split()
        if not words or len(words) > 8:
            continue
        content = [w for w in words if len(w.strip("'\u2019,.!?")) > 3]
        if content and all(w[:1].isupper() for w in content):
            out.append(m.span(1))
    return out


LINE = re.compile(r"[^\n]+")


def headline_lines(text: str) -> list[tuple[int, int]]:
    """Lines set in title case, as headlines are ("Man Shot at Gas Station Dies at
    Hospital"): four words or more, most words longer than three letters capitalised,
    no full stop at the end, no list of names (two commas or more) and no brackets."""
    out: list[tuple[int, int]] = []
    for line in LINE.finditer(text):
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


def shouted_lines(text: str) -> list[tuple[int, int]]:
    """Lines of two words or more set wholly in capitals ("GET OUT AND VOTE", "SIGN UP
    FOR OUR NEWSLETTER"): page furniture, or a headline shouted, where a short word
    looks like an acronym. Each word of at least two letters is a capital one."""
    out: list[tuple[int, int]] = []
    for line in LINE.finditer(text):
        words = [w for w in line.group().split() if sum(c.isalpha() for c in w) >= 2]
        if len(words) >= 2 and all(w.isupper() for w in words):
            out.append(line.span())
    return out


CAP_WORD = re.compile(r"(?<![\w.'\u2019-])([A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*)(?![\w-])")

JOINER = re.compile(
    r"^(?:,[ \u00a0]*(?:and[ \u00a0]+|or[ \u00a0]+)?|[ \u00a0]+(?:and|or|&)[ \u00a0]+)$"
)


def listed_and_prefix_names(
    text: str, known: list[KnownMatch], mentions: list[Mention]
) -> list[Mention]:
    """Names the model missed that the article's structure gives away, typed by the name
    that gives them away:

    * a capitalised word listed with a found name ("Uber or Lyft or Postmates", "Paris,
      Lyon and Nantes") is a name of the same type;
    * the first word of a found organisation's name, used on its own at least twice
      ("Uber Money" ... "Uber got into", "for Uber") is that organisation's owner;
    * the word before "CEO" or "founder" ("Facebook CEO Mark Zuckerberg") is a company.

    Only single plain words outside every found name, never a sentence's first word.
    """
    taken = sorted(
        [(k.start, k.end, k.entry.type) for k in known]
        + [(m.start, m.end, m.label) for m in mentions]
    )
    bounds = [(s, e) for s, e, _ in taken]
    starts = [s for s, _ in bounds]

    def covered(s: int, e: int) -> bool:
        return overlaps_neighbour(bounds, starts, s, e)

    free: list[tuple[int, int, str]] = []
    for m in CAP_WORD.finditer(text):
        word = m.group(1)
        s, e = m.span(1)
        if POSSESSIVE.search(word):
            e = s + POSSESSIVE.search(word).start()  # type: ignore[union-attr]
            word = text[s:e]
        if (
            not word
            or covered(s, e)
            or sentence_initial(text, s)
            or not plain_name_word(word)
            or (word.casefold().endswith("s") and word.casefold()[:-1] in lx.DEMONYMS)
            or text[e : e + 2].strip()[:1].isupper()  # part of a longer capitalised run
        ):
            continue
        free.append((s, e, word))
    out: list[Mention] = []
    typed: dict[str, str] = {}
    # The first word of an organisation's name, used alone at least twice.
    counts = Counter(w for _, _, w in free)
    for s, e, label in taken:
        first = text[s:e].split()[0] if " " in text[s:e] else ""
        if label == "organization" and first and counts[first] >= 2:
            typed.setdefault(first, label)
    # Listed beside a found name, and so along the list: a word typed here types the
    # free words next to it in turn. Spans are looked up by where they end and start,
    # so a list of any length costs linear time.
    ends: dict[int, str] = {}
    begins: dict[int, str] = {}
    for s, e, label in taken:
        if label in ("organization", "place"):
            ends.setdefault(e, label)
            begins.setdefault(s, label)

    def beside(s: int, e: int) -> str:
        for gap in range(9):
            label = ends.get(s - gap)
            if label and JOINER.match(text[s - gap : s]):
                return label
            label = begins.get(e + gap)
            if label and JOINER.match(text[e : e + gap]):
                return label
        return ""

    queue = deque(range(len(free)))
    while queue:
        i = queue.popleft()
        s, e, word = free[i]
        label = "" if word in typed else beside(s, e)
        if label:
            typed[word] = label
            ends.setdefault(e, label)
            begins.setdefault(s, label)
            queue.extend(j for j in (i - 1, i + 1) if 0 <= j < len(free))
    for s, e, word in free:
        if word in typed:
            out.append(Mention(s, e, word, typed[word], cue=-1, inferred=True))
    # "Facebook CEO Mark Zuckerberg", "Acme's founder": only a company has a chief
    # executive or a founder, so the word before is one, found by the model or not.
    for m in HEAD_OF_COMPANY.finditer(text):
        s, e = m.span(1)
        word = m.group(1)
        folded = word.casefold()
        if covered(s, e) or folded in NOT_A_COMPANY:
            continue
        if not plain_name_word(word) and not word[1:].islower():
            continue
        out.append(Mention(s, e, word, "organization", inferred=True))
    return out


NOT_A_COMPANY = (
    lx.STOPWORDS | lx.DEMONYMS | lx.TITLE_WORDS | lx.ORG_HEADS | lx._words("company firm")
)
HEAD_OF_COMPANY = re.compile(
    r"(?<![\w.'\u2019-])([A-Z][\w\u2019'-]*[a-z][\w-]*)(?:['\u2019]s)?[ \u00a0]+"
    r"(?:CEO|co-founder|cofounder|founder|chief executive)\b"
)


def side_with_listed_people(text: str, mentions: list[Mention]) -> None:
    """A name shaped like a person's, listed among people ("Justin Bieber, Demi Lovato
    and Ariana Grande"), is a person's too, whatever the model made of it: a list in
    news names things of one kind. Only when most of the list's other names, and at
    least two, are people's; never a name a structural rule placed."""
    ordered = sorted(mentions, key=lambda m: m.start)
    lists: list[list[Mention]] = []
    for m in ordered:
        last = lists[-1][-1] if lists else None
        gap = text[last.end : m.start] if last is not None and last.end <= m.start else None
        if gap is not None and len(gap) <= 8 and JOINER.match(gap):
            lists[-1].append(m)
        else:
            lists.append([m])
    for run in lists:
        if len(run) < 2:
            continue
        pair = len(run) == 2 and text[run[0].end : run[1].start] in (" and ", " & ")
        if len(run) == 2 and not pair:
            continue
        for m in run:
            others = [o.label for o in run if o is not m]
            people = others.count("person")
            words = display(m.text).split()
            # Two full names joined by "and" ("Eric Robinson and Boone Jenner also
            # scored") are as telling as a longer list.
            # Only where the model said organisation: "Klaasen of South Africa and
            # Michael Venus" pairs a place with a person.
            enough = people >= 2 or (
                pair
                and people == 1
                and m.label == "organization"
                and all(len(display(o.text).split()) > 1 for o in run)
            )
            if (
                m.label != "person"
                and not m.sure
                and enough
                and 2 * people > len(others)
                and 2 <= len(words) <= 3
                and all(plain_name_word(w) for w in words)
            ):
                m.label = "person"
            elif (
                # "Marvel Entertainment, Lucasfilm and BamTech": a name the model
                # called a place, listed among organisations only, is one of them.
                m.label == "place"
                and not m.sure
                and len(run) >= 3
                and others.count("organization") == len(others)
                and len(words) <= 2
            ):
                m.label = "organization"


# First words shared by teams and other bodies that differ only there ("Red Sox",
# "White Sox"): colours and sides, never a family's given names.
_NOT_GIVEN = lx._words(
    "red white blue black green gold golden silver grey gray brown orange new old "
    "north south east west northern southern eastern western upper lower central great"
)


def side_with_family(mentions: list[Mention]) -> None:
    """Full names that share a surname under different given names ("Kent Jordan",
    "Stephanie Jordan", "Marlon Jordan") are a family's, so people's, whatever the
    model made of them; never a place, nor a name a structural rule placed."""
    shaped: dict[str, set[str]] = {}
    for m in mentions:
        words = display(m.text).split()
        if (
            m.label != "place"
            and 2 <= len(words) <= 3
            and all(plain_name_word(w) for w in words)
            and words[0].casefold() not in _NOT_GIVEN
        ):
            shaped.setdefault(words[-1], set()).add(words[0])
    families = {surname for surname, given in shaped.items() if len(given) >= 2}
    if not families:
        return
    for m in mentions:
        words = display(m.text).split()
        if (
            m.label == "organization"
            and not m.sure
            and 2 <= len(words) <= 3
            and words[-1] in families
            and words[0].casefold() not in _NOT_GIVEN
            and all(plain_name_word(w) for w in words)
        ):
            m.label = "person"


# Given names before one surname: "Kent, Stephanie, Marlon and Rachel Jordan",
# "George and Joyce Wein", "Joe and Hunter Biden".
_GIVEN_RUN = re.compile(
    r"(?<![\w'\u2019.-])((?:[A-Z][a-z]+,[ \u00a0]+)+[A-Z][a-z]+,?|[A-Z][a-z]+)"
    r"[ \u00a0]+(?:and|&)[ \u00a0]+$"
)


def shared_surname_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """Each given name of a run that shares the surname after it is that person, under
    the full name: "Kent" in "Kent, Stephanie and Rachel Jordan" is Kent Jordan."""
    out: list[Mention] = []
    for m in mentions:
        if m.label != "person":
            continue
        words = list(WORD_SPANS.finditer(text, m.start, m.end))
        given: list[tuple[int, int]] = []
        if len(words) == 4 and words[1].group() in ("and", "&"):
            # One span for the couple, "George and Joyce Wein": the second is the span.
            given = [words[0].span()]
            m.start, m.text = words[2].start(), text[words[2].start() : m.end]
        elif len(words) == 2:
            run = _GIVEN_RUN.search(text, max(0, m.start - 80), m.start)
            # The run's first word is no one's surname: "Josh Bailey and Ryan Pulock".
            before = text[max(0, run.start(1) - 30) : run.start(1)] if run else ""
            if run is not None and not re.search(
                r"(?:[A-Z][\w.'\u2019-]*|\b(?:the|a|an|of|for|to|with|by))[ \u00a0]+$", before
            ):
                given = [g.span() for g in GIVEN_WORD.finditer(text, run.start(1), run.end(1))]
        surname = words[-1].group() if words else ""
        for start, end in given:
            name = text[start:end]
            if name.casefold() in lx.STOPWORDS or not plain_name_word(name):
                continue
            out.append(
                Mention(
                    start, end, name, "person", cue=2, inferred=True, canonical=f"{name} {surname}"
                )
            )
    return placed_over(mentions, out)


GIVEN_WORD = re.compile(r"[A-Z][a-z]+")
WORD_SPANS = re.compile(r"[^\s,]+|&")


# A result between two sides: "Vasek Pospisil edged Reilly Opelka", "Mara Lind
# defeating Ilse Ro", "Tsonga cruised past Uchiyama". Both sides are of one kind.
OPPONENTS = re.compile(
    r"[ \u00a0]+(?:beat|beats|beating|defeated|defeats|defeating|edged|edges|edging|topped"
    r"|tops|upset|outlasted|overcame|eliminated|(?:cruised|rallied|eased|swept)[ \u00a0]+past)"
    r"[ \u00a0]+"
)


def side_with_opponents(text: str, mentions: list[Mention]) -> None:
    """A name shaped like a person's that beat a person, or lost to one, is a person's:
    players play players, teams play teams."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for a, b in pairwise(ordered):
        if a.end > b.start or not OPPONENTS.fullmatch(text, a.end, b.start):
            continue
        for one, other in ((a, b), (b, a)):
            words = display(one.text).split()
            if (
                other.label == "person"
                and one.label != "person"
                and not one.sure
                and 2 <= len(words) <= 3
                and all(plain_name_word(w) for w in words)
            ):
                one.label = "person"


# A relative or a prophet right before a name, with or without a comma: "his wife
# Grace", "his first wife, Sally,", "the prophet Muhammad". Only people have them.
KIN_BEFORE = re.compile(
    r"\b(?:wife|husband|son|daughter|mother|father|brother|sister|widow|widower|grandson"
    r"|granddaughter|grandmother|grandfather|nephew|niece|cousin|uncle|aunt|fianc[e\u00e9]e?"
    r"|girlfriend|boyfriend|stepson|stepdaughter|stepfather|stepmother|prophet"
    # "was previously married to Madonna": only people marry.
    r"|married[ \u00a0]+to|engaged[ \u00a0]+to|divorced),?[ \u00a0]+$"
)


# An apposition after a name that says what someone is: "Hadi Tjahjanto, a senior
# air-force officer,", "Iriyanto, an Indonesian who ...".
_PERSON_NOUNS = (
    "officer|official|spokesman|spokeswoman|spokesperson|lawyer|attorney|professor|student"
    "|resident|author|analyst|engineer|pilot|captain|teacher|doctor|nurse|executive|founder"
    "|researcher|scientist|economist|actor|actress|singer|writer|journalist|reporter|editor"
    "|photographer|coach|mother|father|son|daughter|wife|husband|man|woman|boy|girl|veteran"
    "|farmer|activist|politician|lawmaker|diplomat|soldier|priest|nun|artist|novelist|poet"
)
APPOSITIVE_AFTER = re.compile(
    r",[ \u00a0]+(?:a|an)[ \u00a0]+(?:[\w-]+[ \u00a0]+){0,4}?"
    rf"(?:(?:{_PERSON_NOUNS})\b(?![ \u00a0-](?:company|firm|group|agency|body))"
    r"|[A-Z][a-z]+[ \u00a0]+who\b)"
)


def person_context(text: str, start: int, end: int) -> int:
    """Half-votes for "person" from the words around a name: a job title in lower
    case or a person's title ("President") before it, an age after it, or "was born",
    "died", "regime" after it (a full vote and a half each); "X said" or "said X"
    (half a vote: companies speak too)."""
    before = text[max(0, start - 30) : start]
    cue = 0
    word = WORD_BEFORE.search(before)
    if (
        (word and word.group(1) in ROLE_BEFORE)
        or TITLE_BEFORE.search(before)
        or KIN_BEFORE.search(before)
    ):
        cue += 3
    age = AGE_AFTER.match(text, end, end + 16)
    if age and 1 <= int(age.group(1) or age.group(2)) <= 110:
        cue += 3
    if PERSON_AFTER.match(text, end, end + 24) or APPOSITIVE_AFTER.match(text, end, end + 80):
        cue += 3
    if SAID_AFTER.match(text, end, end + 20) or SAID_BEFORE.search(before):
        cue += 1
    return cue


# A title that only ever stands before a person's name, then one to three
# capitalised words: the model misses some unfamiliar names even so
# ("Swedish Foreign Minister Per Lindqvist").
PERSON_TITLES = (
    r"(?:Minister|President|Secretary|Senator|Sen\.|Rep\.|Governor|Gov\.|Mayor|Ambassador"
    r"|Chancellor|Premier|Spokesman|Spokeswoman|Spokesperson|Mr\.?|Mrs\.?|Ms\.?|Dr\.|Prof\."
    r"|Gen\.|Judge|King|Queen|Prince|Princess|Pope|Chairman|Chairwoman|Commissioner)"
)

TITLED = re.compile(
    r"\b" + PERSON_TITLES + r"[ \u00a0]+((?:[A-Z][a-z\u00c0-\u024f'\u2019-]+[ \u00a0]+){0,2}"
    r"[A-Z][a-z\u00c0-\u024f\u2019'-]+)"
)

# The same titles right before a span the model cut them from ("Vice President" +
# "Pence", "Chairman" + "Schiff").
TITLE_BEFORE = re.compile(r"\b" + PERSON_TITLES + r"[ \u00a0]+$")

# What the model leaves off the end of a person's name: a regnal number or a
# generational suffix ("Elizabeth II", "James Kennedy Jr."), the rest of a hyphenated
# given name ("Moon Jae-in").
NAME_TAIL = re.compile(r"[ \u00a0]+(?:II|III|IV|VI|VII|VIII|Jr|Sr)\b\.?|-[a-z]+\b")


NOT_A_GIVEN_NAME = lx.STOPWORDS | lx.TITLE_WORDS | lx.DEMONYMS | MORE_TITLES
GIVEN_BEFORE = re.compile(r"(?<![\w.'\u2019-])([A-Z][a-z]+)[ \u00a0]$")


def given_names(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A one-word person span right after a capitalised word no span holds takes that
    word as the given name the model left out ("with Rolfe" + "McCartney")."""
    out: list[tuple[int, int, str]] = []
    taken = sorted((s, e) for s, e, _ in spans)
    starts = [s for s, _ in taken]
    for start, end, label in spans:
        word = GIVEN_BEFORE.search(text, max(0, start - 20), start)
        if (
            label == "person"
            and word is not None
            and " " not in text[start:end].strip()
            and not overlaps_neighbour(taken, starts, word.start(1), word.end(1))
            and word.group(1).casefold() not in NOT_A_GIVEN_NAME
            and not sentence_initial(text, word.start(1))
        ):
            start = word.start(1)
        out.append((start, end, label))
    return out


def whole_person_name(text: str, start: int, end: int, label: str) -> tuple[int, int, str]:
    if label == "person":
        tail = NAME_TAIL.match(text, end)
        if tail is not None:
            end = tail.end()
    return start, end, label


# A US politician's party and state: "Sen. Ben Sasse, R-Neb.", "(D-N.Y.)", "R-Texas".
PARTY_STATE = re.compile(
    r"(?<![\w-])[RDI]-((?:[A-Z][a-z]{0,3}\.){1,2}|[A-Z][a-z]+(?:[ \u00a0][A-Z][a-z]+)?)"
)


def party_state_places(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The state in a party-and-state tag is a place, whatever the model made of the tag."""
    tags = [m.span(1) for m in PARTY_STATE.finditer(text)]
    if not tags:
        return spans
    kept = [
        (s, e, label) for s, e, label in spans if not any(s < te and ts - 2 < e for ts, te in tags)
    ]
    return sorted(kept + [(s, e, "place") for s, e in tags])


def titled_people(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Person spans after a title that no model span covers."""
    taken = sorted((s, e) for s, e, _ in spans)
    starts = [s for s, _ in taken]
    out: list[tuple[int, int, str]] = []
    for m in TITLED.finditer(text):
        s, e = m.span(1)
        if overlaps_neighbour(taken, starts, s, e):
            continue
        out.append((s, e, "person"))
    return out


PARTICLES = re.compile(r"[ \u00a0]+(?:(?:" + "|".join(sorted(NAME_PARTICLES)) + r")[ \u00a0]+)*$")


# Head words of a body named after two things ("World Travel and Tourism Council",
# "Louis Prima and Gia Maione Prima Foundation"); not the mastheads' ("News",
# "Times"), which end the second of two papers named together.
_JOINED_HEADS = lx._words(
    "council foundation institute association society center centre fund club clubs "
    "committee commission alliance coalition network federation union league academy"
)


def _one_body_of_two_halves(
    text: str,
    first: tuple[int, int, str],
    second: tuple[int, int, str],
    gap: str,
    known: Callable[[str], bool],
) -> bool:
    """Whether two organisation spans around "and" are one body's name: the second ends
    in a body's head word, the first has none, is not a known name and is never named
    alone in the article ("Bank of America and Wells Fargo", "Microsoft and Gates
    Foundation" stay two)."""
    if gap not in (" and ", " & ") or first[2] != "organization" or second[2] != "organization":
        return False
    if known(text[first[0] : first[1]]):
        return False
    head = text[first[0] : first[1]].split()
    tail = text[second[0] : second[1]].split()
    if not head or not tail or not tail[0][:1].isupper() or "of" in head:
        return False  # "the UN Security Council", "International Court of Justice"
    if tail[-1].casefold() not in _JOINED_HEADS or head[-1].casefold() in lx.ORG_HEADS:
        return False
    return not named_nearby(text, text[first[0] : first[1]], first[0], (" and ", " & "))


def join_split_names(
    text: str,
    spans: Iterable[tuple[int, int, str]],
    known: Callable[[str], bool] = lambda _name: False,
) -> list[tuple[int, int, str]]:
    """Two person spans with only a space or name particles between them are one name
    ("Frank" + "Vogel", "Botic" + "van de" + "Zandschulp"), and two one-word spans a
    space apart of which one is an organisation's, or both places, are one
    organisation's ("Lockheed" + "Martin", "Cambridge" + "Analytica"): slips of the
    model, which never puts two names side by side. So are two organisation spans
    around "and" or "of" when the article names the whole elsewhere."""
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
            if _one_body_of_two_halves(
                text, (prev_start, prev_end, prev), (start, end, label), gap, known
            ):
                # "World Travel" + "and" + "Tourism Council": the model cut one name
                out[-1] = (prev_start, end, label)
                continue
            if (
                gap == " & "
                and {label, prev} <= {"organization", "person"}
                and plain_name_word(text[prev_start:prev_end])
                and plain_name_word(text[start:end])
            ):
                # "Larsen" + "&" + "Toubro", "Liskow & Lewis": a firm named after its
                # founders, whatever the model made of each.
                out[-1] = (prev_start, end, "organization")
                continue
            if label == "person" and prev == "person":
                if gap and len(gap) <= 12 and PARTICLES.fullmatch(gap):
                    out[-1] = (prev_start, end, label)
                    continue
            elif (
                gap == " "
                # "Cambridge" + "Analytica": nor do two places stand side by side with
                # nothing between them; one name, a company's named after a place.
                and ({label, prev} in ({"organization"}, {"organization", "person"}, {"place"}))
                and plain_name_word(text[prev_start:prev_end])
                and plain_name_word(text[start:end])
            ):
                out[-1] = (prev_start, end, "organization")
                continue
        out.append((start, end, label))
    return out


# The head words that end a body's name after an owner's possessive: "Clackamas
# Women's Services", "Yamhill County Sheriff's Office", "St. Martin's Press".
_POSSESSIVE_HEADS = (
    "Office|Services|Press|Foundation|Association|Hospital|Club|Society|Fund|Alliance"
    "|Network|League|College|School|Academy|Institute|University|Center|Centre|Church"
    "|Museum|Council|Union"
)
_POSSESSIVE_BODY = re.compile(
    r"(?<![\w'\u2019-])((?:[A-Z][\w.-]*[ \u00a0]){0,3}[A-Z][\w.-]*)['\u2019]s[ \u00a0]"
    rf"(?:{_POSSESSIVE_HEADS})"
    r"(?:[ \u00a0]of(?:[ \u00a0]the)?(?:[ \u00a0][A-Z][\w-]*)+)?"
    r"(?![\w-]|[ \u00a0][A-Z])"
)


def possessive_bodies(
    text: str, spans: list[tuple[int, int, str]], is_place: Callable[[str], bool]
) -> list[tuple[int, int, str]]:
    """One organisation where a body's name holds a possessive, in place of the
    model's cut at it ("Clackamas Women" as a person, "St. Martin" as a place).

    Only where the model saw a name in it, and not after a place's possessive
    ("Britain's Council": the country and its council) or a lone common word
    ("The city's Museum")."""
    if "'s " not in text and "\u2019s " not in text:
        return spans
    bodies = []
    for m in _POSSESSIVE_BODY.finditer(text):
        owner_start = m.start(1)
        words = m.group(1).split()
        while words and words[0].casefold() in lx.STOPWORDS:
            owner_start += len(words[0]) + 1
            words = words[1:]
        if not words or is_place(" ".join(words)):
            continue
        if named_nearby(text, words[-1], m.start(), ("'s", "\u2019s")):
            continue  # "Kevin Marsh's Office", with "Marsh said": the owner, named alone
        s, e = owner_start, m.end()
        if any(ss < e and s < se for ss, se, _ in spans):
            bodies.append((s, e))
    if not bodies:
        return spans
    taken = Spans(bodies)
    kept = [span for span in spans if not taken.overlaps(span[0], span[1])]
    return sorted(kept + [(s, e, "organization") for s, e in bodies])
