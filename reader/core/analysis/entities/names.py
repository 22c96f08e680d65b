"""The shape of a name: cleaning a model span down to the name in it, and telling
a name from a title, a head word, a quote code or page shouting.

Word lists come from :mod:`lexicon`; everything here looks at the text of one
span and the words right around it, never at the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from reader.core.analysis.entities import lexicon as lx
from reader.core.analysis.entities.gazetteer import GazetteerEntry
from reader.core.analysis.entities.text import normalise_surface

WORD = re.compile(r"\S+")

POSSESSIVE = re.compile(r"['\u2019]s?$")

EDGE_PUNCT = "\"'“”‘’()[]{},.;:!?*•|/\\-–—_"

CONNECTORS = frozenset({"of", "the", "and", "for", "&", "de", "du", "la", "on", "in", "at"})

# Words that are titles or honorifics in front of a name, beyond the lexicon's
# political titles: the rest of the ranks and roles news reports put there.
MORE_TITLES = lx._words(
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

TITLES = lx.TITLE_WORDS | MORE_TITLES | {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen"}
# Roles written "<Role> of <Organisation>" that the model takes into the name.
ROLES_OF = lx._words(
    "founder co-founder cofounder ceo chairman chairwoman director head dean owner"
)
# Title words that are adjectives too, opening organisations' names.
ORG_OPENING_TITLES = lx._words("national general senior state first executive royal")

# The last word of a name settles its type over the model's guess where it is
# unambiguous: "Tampere Accord" is a document, "Kerch Strait" a place.
DOCUMENT_HEADS = lx.DOCUMENT_HEADS - {"statement", "resolution"}

EVENT_HEADS = lx.EVENT_HEADS - {"forum", "talks", "meeting", "dialogue", "crisis", "conference"}

PLACE_HEADS = lx._words(
    """
    island islands islet isle strait straits sea ocean gulf bay river lake mountain mountains
    mount peninsula prefecture province county district street avenue airport canal valley
    desert coast park st ave blvd rd road boulevard lane stadium arena ground amphitheatre
    amphitheater ballpark speedway raceway racecourse
    """
)

ORG_HEADS = lx.ORG_HEADS - {"forces", "force", "front", "movement", "news", "kremlin"}

GENERIC_HEADS = lx.ORG_HEADS | lx.PLACE_HEADS | lx.EVENT_HEADS | lx.DOCUMENT_HEADS

# Head words that end a place's name and never a person's (not "Lake", "Bay" or
# "Hill": Ricki Lake, Michael Bay, Lauryn Hill).
PLACE_ONLY_HEADS = lx._words(
    """
    falls heights springs creek county province prefecture island islands airport strait
    peninsula canyon district oblast
    """
)

# Head words that end an organisation's name and never a person's, so they settle a
# name the model took for a person's: not "Post", "Court" or "Banks", which are surnames.
CORPORATE_HEADS = lx.CORPORATE_HEADS | lx._words(
    """
    ministry department agency bureau organization organisation committee commission
    association federation corporation company companies university institute academy
    foundation airlines airways railways industries herald tribune gazette journal times
    books press publishing publishers hospital clinic library hotel
    """
)

# Words that open a region's name and no one's: "East Java", "South Sulawesi".
COMPASS_OPENERS = lx._words(
    "east west north south northern southern eastern western central northeast northwest "
    "southeast southwest"
)

# What an award's name ends in ("Faculty Award", "Nobel Prize") or opens with before
# "of" ("Medal of Freedom"): honours, which are none of our types. (A plural names
# the ceremony, an event: "the Music Awards".)
AWARD_HEADS = lx._words("award prize medal trophy")


def is_award(name: str) -> bool:
    words = [w.casefold() for w in name.split()]
    if len(words) < 2:
        return False
    return words[-1] in AWARD_HEADS or any(
        w in AWARD_HEADS and nxt == "of" for w, nxt in pairwise(words)
    )


# The model words that end products' names, never a company's or a place's.
PRODUCT_TAILS = frozenset({"Pro", "Max", "Ultra", "Mini"})

# A country's legislature and forces are called by their head alone ("passed by the
# Senate", "a Navy veteran").
LEGISLATURES = lx._words("senate parliament congress navy army")

# A lower-case article or particle joined to a name by a hyphen: "al-Qaeda",
# "Ansar al-Sharia", "el-Sisi"; the word is a name's, not an ordinary one.
PARTICLE_WORD = re.compile(r"(?:al|el|ad|as|ash|at|an|ar|az|bin|ibn|abu|ul|ud|d|l)[-'\u2019][A-Z]")

NEVER_ALONE = (
    lx.STOPWORDS
    | lx.DEMONYMS
    | TITLES
    | frozenset(lx.MONTHS)
    | frozenset(lx.WEEKDAYS)
    | lx.ACRONYM_STOPWORDS
    # "the Government", "the Opposition": a body named by its role, not by a name.
    | lx._words("government opposition administration authorities")
    # A suffix, and faiths, which are none of our types ("Nation of Islam" is a body).
    | lx._words("jr jr. sr sr. islam christianity judaism hinduism buddhism catholicism")
)


@dataclass
class Mention:
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
    canonical: str = ""  # the entity's name where the text abbreviates it ("Fla.")


NAME_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "dos", "das"}
    | {"bin", "al"}
)


def clean(text: str, start: int, end: int, label: str) -> list[Mention]:
    """The names inside a model span: none, one, or (for "Starship, Blue Origin") several."""
    inner = text[start:end]
    if "/" in inner:
        # "Nintendo/Apple", "Dan Reyes / Dan": no name holds a slash; each side is one.
        out: list[Mention] = []
        pos = start
        for part in re.finditer(r"[ \u00a0]*/[ \u00a0]*", inner):
            out += clean(text, pos, start + part.start(), label)
            pos = start + part.end()
        return out + clean(text, pos, end, label)
    inner = text[start:end]
    owned = _OWNED_BODY.search(inner) if label == "organization" else None
    if owned is not None:
        # "Netanyahu's Likud party": the owner, and the body the owner leads, which
        # is named ("Likud") where a described thing is not ("Cleveland's Public
        # Auditorium"): the lower-case noun after the name says it is a body.
        first = clean_one(text, start, start + owned.start(), label)
        body = clean_one(text, start + owned.start(1), start + owned.end(1), label)
        return [m for m in (first, body) if m is not None]
    halves = _coordinated(text, start, end) if label == "organization" else None
    if halves is not None:
        return [m for s, e in halves if (m := clean_one(text, s, e, label)) is not None]
    if label != "place" and not LISTED_INSIDE.search(inner):
        # A comma inside a person's or organisation's span lists two names, unless the
        # list is inside one ("Ministry of Trade, Industry and Energy").
        out = []
        pos = start
        for part in re.finditer(r",[ \u00a0]+", text[start:end]):
            m = clean_one(text, pos, start + part.start(), label)
            if m is not None:
                out.append(m)
            pos = start + part.end()
        m = clean_one(text, pos, end, label)
        return [*out, m] if m is not None else out
    m = clean_one(text, start, end, label)
    return [] if m is None else [m]


# "'s Likud party", "'s Ennahda movement": after an owner's possessive, a body's name
# and the lower-case noun that says what it is.
_OWNED_BODY = re.compile(
    r"['\u2019]s[ \u00a0]+([A-Z][\w-]*(?:[ \u00a0][A-Z][\w-]*){0,2})[ \u00a0]+"
    r"(?:party|movement|faction|coalition|bloc)$"
)


# How far around a span the article is searched for another use of a name: most of
# a news story, and a bounded window of a book-length text.
NEARBY = 8_000


def _coordinated(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """ "Whole Foods and QFC": two names around "and" when the article also names the
    first alone elsewhere ("Procter and Gamble" stays one)."""
    inner = text[start:end]
    parts = inner.split(" and ")
    if len(parts) != 2 or not all(p[:1].isupper() for p in parts) or parts[0] == parts[1]:
        return None
    if not named_nearby(text, parts[0], start, (" and ",)):
        return None
    cut = start + len(parts[0])
    return [(start, cut), (cut + len(" and "), end)]


LISTED_INSIDE = re.compile(r"\bof [A-Z][\w-]*(?:, [A-Z][\w-]*)+,? (?:and|&) [A-Z]")


# Words that open a sentence and never a person's or a place's name, which the model
# sometimes takes into one: "Among Ghani's aides", "Despite Kabul's pleas".
LEADING_FUNCTION_WORDS = lx._words(
    "among amid amidst despite unlike although though whereas meanwhile besides throughout "
    "toward towards upon via whether because unless until during against including "
    "according"
)

# A web address's path up to here: "t.co/", "www.example.com/news/" (not "AP/", "Photo/").
_IN_A_LINK = re.compile(r"[\w-]+\.[\w.-]*/(?:[\w.-]*/)*$")

_NUMBER_NEXT = re.compile(r"[ \u00a0]+[A-Z]{0,3}\d")

# A flight number or a model's code: capitals then digits ("MH370", "QZ8501", "A380").
CODE = re.compile(r"[A-Z]{1,3}\d{2,}[A-Z]?")


def clean_one(text: str, start: int, end: int, label: str) -> Mention | None:
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
    if start > 0 and (
        text[start - 1] in "#@" or _IN_A_LINK.search(text, max(0, start - 200), start)
    ):
        return None  # "#PrayForAirAsia", "@jdoe", "t.co/PhMGY3": a tag, handle or link
    if label != "person" and CODE.fullmatch(span):
        return None  # "MH370", "QZ8501": a flight's or a model's code, not a name
    words = [(m.start(), m.end()) for m in WORD.finditer(text, start, end)]
    if words:
        suffix = OWNED_SUFFIX.search(text, words[-1][0], words[-1][1])
        if suffix is not None and suffix.start() > words[-1][0]:
            words[-1] = (words[-1][0], suffix.start())
    titled = False
    # Edge punctuation and a trailing possessive are not part of a name.
    while words:
        s, e = words[0]
        while s < e and text[s] in EDGE_PUNCT:
            s += 1
        words[0] = (s, e)
        s, e = words[-1]
        while e > s and text[e - 1] in EDGE_PUNCT:
            e -= 1
        if e > s and POSSESSIVE.search(text, s, e):
            e = POSSESSIVE.search(text, s, e).start()  # type: ignore[union-attr]
        while e > s and text[e - 1] in EDGE_PUNCT:
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
        if first in LEADING_FUNCTION_WORDS and len(words) > 1 and label in ("person", "place"):
            words = words[1:]  # "Among Ghani", "Despite Kabul": the sentence's, not the name's
            continue
        if (
            len(words) > 3
            and bare in ROLES_OF
            and text[words[1][0] : words[1][1]] == "of"
            and label == "organization"
        ):
            words = words[2:]  # "Founder of Ceres Robotics Inc": the role is not the name
            continue
        if len(words) > 1 and len(first) == 1 and first.isalpha():
            words = words[1:]  # "F Hamidou Diallo": a position or a stray letter, not an initial
            continue
        if (
            len(words) > 1
            and first.isalpha()
            and text[words[0][0] : words[0][1]].islower()
            and first not in NAME_PARTICLES | CONNECTORS
            and text[words[1][0]].isupper()
        ):
            words = words[1:]  # "rookie Emil Bemstrom", "striker Dele Alli": a role, not a name
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
                    and (
                        label == "person"
                        or (
                            person_shaped(text, words[1:])
                            # "National Archives", "General Electric": an adjective
                            # before one word opens an organisation's name.
                            and not (len(words) == 2 and bare in ORG_OPENING_TITLES)
                        )
                    )
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
        if len(words) > 1 and last in CONNECTORS:
            words = words[:-1]  # "the Sabres and": the model ran into the next name
            continue
        if len(words) > 1 and last in TITLES and label == "person" and text[words[-1][0]].islower():
            words = words[:-1]
            continue
        if len(words) > 1 and not any(c.isalpha() for c in text[words[-1][0] : words[-1][1]]):
            words = words[:-1]  # "Nicolas Jarry 6-4": a score, not part of the name
            continue
        if len(words) > 1 and TICKER.fullmatch(text[words[-1][0] : words[-1][1]]):
            words = words[:-1]  # "London Metal Exchange CMAL3": a quote code follows
            continue
        if len(words) > 1 and last == "flight" and _NUMBER_NEXT.match(text, words[-1][1]):
            words = words[:-1]  # "AirAsia Flight 8501": the airline; the flight is none
            continue
        break
    if not words:
        return None
    weak = False  # the model's label was for a longer name than the one kept
    for k, (ws, we) in enumerate(words[:-1]):
        if plural_possessive(text[ws:we]):
            continue  # "People's Daily", "Workers' Party": a plural's, part of the name
        if is_holiday(text[ws : words[-1][1]]):
            break  # "Mother's Day": the possessive is the holiday's own
        if (
            ((k == 0 and len(words) == 2) or _owns_one_head(text, words, k))
            and POSSESSIVE.search(text, ws, we)
            and not named_nearby(text, POSSESSIVE.sub("", text[ws:we]), ws, ("'s", "\u2019s"))
        ):
            # "Sam's Club", "Fisherman's Terminal", "St. Martin's Press": no owner
            # named alone, one name.
            break
        owner = POSSESSIVE.sub("", text[ws:we]).casefold()
        if POSSESSIVE.search(text, ws, we) and text[we - 1] in "sS" and owner not in TITLES:
            # ("King's College London", "Queen's University": a title owns no name.)
            # "Cleveland's Public Auditorium", "the Hall of Fame's Class of": the
            # name is the owner's; what it owns is described, not named.
            words = words[: k + 1]
            weak = True
            s0, e0 = words[-1]
            words[-1] = (s0, POSSESSIVE.search(text, s0, e0).start())  # type: ignore[union-attr]
            break
    for k, (ws, we) in enumerate(words[1:], 1):
        word = text[ws:we]
        if (
            label == "person"
            and word in NAME_PARTICLES
            and any(text[s2:e2][:1].isupper() for s2, e2 in words[k + 1 :])
        ):
            continue  # "Botic van de Zandschulp", "Ursula von der Leyen"
        if (
            label == "organization"
            and k == len(words) - 1
            and k >= 1
            and word in ORG_HEADS
            and text[words[k - 1][0]].isupper()
        ):
            continue  # "the Communist party": a name whose head the paper writes small
        if (
            word[:1].islower()
            and word.casefold() not in CONNECTORS
            and not PARTICLE_WORD.match(word)
        ):
            # "American Music Awards after Swift": the name ends before the first
            # ordinary word; connectors join ("Bank of Japan").
            words = words[:k]
            while len(words) > 1 and text[words[-1][0] : words[-1][1]].casefold() in CONNECTORS:
                words = words[:-1]
            break
    s, e = words[0][0], words[-1][1]
    name = text[s:e]
    if not looks_like_a_name(name, words, text, label):
        return None
    if label == "person" and any(c.isdigit() for c in name):
        return None  # "Progress MS-04", "Falcon 9": a craft or a product, no one's name
    if len(words) > 1 and text[words[-1][0] : words[-1][1]] in PRODUCT_TAILS:
        return None  # "Vision Pro", "Galaxy Ultra": a product's model, not a maker's name
    return Mention(s, e, name, label, titled=titled, cue=-1 if weak else 0)


def named_nearby(text: str, name: str, at: int, unless: tuple[str, ...]) -> bool:
    """Whether ``name`` occurs as whole words within :data:`NEARBY` of ``at`` without
    one of ``unless`` right after it. Plain string search: it runs once per span."""
    if len(name) < 2:
        return False
    lo, hi = max(0, at - NEARBY), min(len(text), at + NEARBY)
    i = text.find(name, lo, hi)
    while i != -1:
        j = i + len(name)
        whole = (i == 0 or not _word_char(text[i - 1])) and (
            j == len(text) or not _word_char(text[j])
        )
        if whole and not text.startswith(unless, j):
            return True
        i = text.find(name, i + 1, hi)
    return False


def _owns_one_head(text: str, words: list[tuple[int, int]], k: int) -> bool:
    """Whether word ``k`` is followed by one organisation head word and, at most, "of"
    and a name: "St. Martin's Press", "Alzheimer's Foundation of America"."""
    rest = [text[s:e] for s, e in words[k + 1 :]]
    return bool(rest) and rest[0].casefold() in ORG_HEADS and (len(rest) == 1 or rest[1] == "of")


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "-_"


# "Kroger-owned", "Seattle-based": the name is the part before the hyphen.
OWNED_SUFFIX = re.compile(
    r"-(?:owned|based|led|backed|run|controlled|funded|born|made|listed|linked|bound)$"
)


# English plurals that do not end in "s", whose possessive opens names
# ("People's Liberation Army", "Children's Hospital", "Women's Institute"); a plural
# in "s'" is left alone, as it cannot be told from "Jones'".
IRREGULAR_PLURALS = frozenset({"people", "children", "women", "men"})


def plural_possessive(word: str) -> bool:
    return word[-2:] in ("'s", "\u2019s") and word[:-2].casefold() in IRREGULAR_PLURALS


# A market quote code after a name ("CMAL3", "GBP=", "LCOc1", ".SPX"): capitals,
# digits and the marks codes use, with a digit or a mark among them.
TICKER = re.compile(r"\.?(?=[A-Za-z0-9.=#]*[0-9=#])[A-Z][A-Za-z0-9.=#]*|\.[A-Z]{2,}")


def person_shaped(text: str, words: list[tuple[int, int]]) -> bool:
    """Whether these words could be a person's name ("Jerome Powell" after "Chairman")."""
    return 1 <= len(words) <= 3 and all(plain_name_word(text[s:e]) for s, e in words)


def looks_like_a_name(name: str, words: list[tuple[int, int]], text: str, label: str = "") -> bool:
    if len(name) < 2 or len(words) > 8 or not any(c.isalpha() for c in name):
        return False
    tokens = [text[s:e] for s, e in words]
    if not (tokens[0][:1].isupper() or tokens[0][:1].isdigit() or PARTICLE_WORD.match(tokens[0])):
        return False  # "the ministry": no capital, no name
    folded = [t.casefold().rstrip(".") for t in tokens]
    if all(f in NEVER_ALONE or f in CONNECTORS for f in folded):
        return False  # "Despite Mr.", "President", "Room" alone after cleaning
    if len(tokens) == 1:
        f = folded[0]
        if f in lx.DEMONYMS or (f.endswith("s") and f[:-1] in lx.DEMONYMS and label != "place"):
            # "Russians", "Islamist": what people are, not a name ("the Philippines",
            # which the model calls a place, is a country's).
            return False
        if (f in GENERIC_HEADS and f not in LEGISLATURES) or tokens[0][:1].isdigit():
            return False  # "Court", "Council" alone: the rest of the name is elsewhere
        parts = tokens[0].split("-")
        if len(parts) > 1 and (
            parts[-1].islower()
            or (
                any(p.casefold() in lx.DEMONYMS for p in parts)
                and all(
                    p.casefold() in lx.DEMONYMS or p.endswith(("an", "ese", "ish")) for p in parts
                )
            )
        ):
            return False  # "Bradman-esque", "Twitter-like", "Cuban-Guatemalan": adjectives
    if len(tokens) == 2 and len(tokens[1]) == 1 and tokens[1].isupper() and label != "person":
        return False  # "Group A", "Path C": a label in a draw or a table, not a name
    if len(tokens) > 1 and all(t.isupper() and len(t) > 1 for t in tokens if t.isalpha()):
        # Shouted page furniture ("GET OUT", "READ MORE"): a name in capitals
        # is a headline's, and the body names it again in normal case. Not a
        # photographer's in a credit, which agencies set in capitals ("JIM
        # WATSON/AFP").
        return label == "person" and text.startswith("/", words[-1][1])
    return not (len(tokens) == 1 and name.isupper() and len(name) > 6)


ROMAN = frozenset({"II", "III", "IV", "VI", "VII", "VIII", "XI", "XII", "XIV", "XVI"})


def display(surface: str) -> str:
    """The form a name is shown in: one space, and an all-capitals place in title case."""
    name = normalise_surface(surface)
    if name.isupper() and len(name) > 6:
        return " ".join(w.capitalize() for w in name.split())
    return name


def is_holiday(name: str) -> bool:
    """ "Easter", "Mother's Day", "Labor Day", "New Year's Eve": days of the calendar."""
    words = normalise_surface(name).casefold().split()
    if len(words) == 1 or (len(words) == 2 and words[0] in ("good", "orthodox", "chinese")):
        return words[-1] in lx.HOLIDAYS
    if words[-1] not in ("day", "eve"):
        return False
    first = POSSESSIVE.sub("", words[-2])
    return words[-2] != first or first in lx.HOLIDAYS or words[0] in lx.HOLIDAY_DAYS


def head_type(name: str, label: str) -> str:
    words = name.split()
    if is_holiday(name):
        return "event"
    if (
        label == "person"
        and any(len(w) >= 3 and w.isalpha() and w.isupper() and w not in ROMAN for w in words)
        and not name.isupper()
    ):
        return "organization"  # "Orbital ATK": an acronym is no part of anyone's name
    if len(words) < 2:
        # "SpaceX", "YouTube", "AirAsia": a brand's capitals, never "LeBron", "McKay" or
        # a town's.
        brand = label in ("person", "place") and BRAND_CAPITALS.match(name)
        return "organization" if brand else label
    last = words[-1].casefold().rstrip(".")
    if last in lx.MASTHEADS:
        return "organization"  # "Miami Herald", "Manchester United": a paper, a club
    if last in EVENT_HEADS:
        return "event"  # no one is called "… Cup" or "… Olympics", whatever the model said
    if label == "person":
        # "Masten Space Systems", "Dick Clark Productions", "Sioux Falls": no one's
        # surname; nor is anyone named with a possessive ("Sam's Club").
        if last in DOCUMENT_HEADS | {"bill"}:
            return "document"  # "the Data Retention Bill": no one's name ends so
        if last in CORPORATE_HEADS or (
            any(POSSESSIVE.search(w) for w in words[:-1]) and last not in PLACE_HEADS
        ):
            return "organization"
        if words[0].casefold() in COMPASS_OPENERS and words[1][:1].isupper():
            return "place"  # "East Java", "South Sulawesi": a region, no one's name
        return "place" if last in PLACE_ONLY_HEADS else label
    if last in DOCUMENT_HEADS or (last == "bill" and label == "organization"):
        return "document"
    if last in PLACE_HEADS and label in ("organization", "place"):
        return "place"
    if last in ORG_HEADS and label in ("place", "organization"):
        return "organization"
    return label


# A capital inside a word after a stem of three or more letters, where people's names
# have one only after a prefix: Mc, Mac, De, Le, La, Di, Van, Von, Fitz.
BRAND_CAPITALS = re.compile(
    r"^(?!(?:Mac|Van|Von|Del|Des|Dos|Fitz|Della)[A-Z])[A-Z][a-z]{2,}[A-Z]|^[A-Z][a-z]+[A-Z]$"
)


def plain_name_word(word: str) -> bool:
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
        and folded not in NEVER_ALONE
        and folded not in GENERIC_HEADS
        and folded not in CONNECTORS
    )


def sentence_initial(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \u00a0\"'“‘(":
        i -= 1
    return i < 0 or text[i] in "\n.!?:"
