"""Places written "City, State": the way North American news names a town.

"Tinley Park, Ill.", "Alpharetta, GA", "Saskatoon, Saskatchewan": the part
before the comma is a place because of the state after it, whatever the model
made of either, and the state is one place however it is written (its postal
code, its AP abbreviation or its name). In a listing line ("June 9 – Tampa,
FL @ MidFlorida Amphitheatre") the venue after the "@" is a place too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.core.analysis.entities import lexicon as lx

# Name: (postal code, AP abbreviation). The AP style has no abbreviation for
# Alaska, Hawaii, Idaho, Iowa, Maine, Ohio, Texas and Utah.
US_STATES: dict[str, tuple[str, str]] = {
    "Alabama": ("AL", "Ala."),
    "Alaska": ("AK", ""),
    "Arizona": ("AZ", "Ariz."),
    "Arkansas": ("AR", "Ark."),
    "California": ("CA", "Calif."),
    "Colorado": ("CO", "Colo."),
    "Connecticut": ("CT", "Conn."),
    "Delaware": ("DE", "Del."),
    "Florida": ("FL", "Fla."),
    "Georgia": ("GA", "Ga."),
    "Hawaii": ("HI", ""),
    "Idaho": ("ID", ""),
    "Illinois": ("IL", "Ill."),
    "Indiana": ("IN", "Ind."),
    "Iowa": ("IA", ""),
    "Kansas": ("KS", "Kan."),
    "Kentucky": ("KY", "Ky."),
    "Louisiana": ("LA", "La."),
    "Maine": ("ME", ""),
    "Maryland": ("MD", "Md."),
    "Massachusetts": ("MA", "Mass."),
    "Michigan": ("MI", "Mich."),
    "Minnesota": ("MN", "Minn."),
    "Mississippi": ("MS", "Miss."),
    "Missouri": ("MO", "Mo."),
    "Montana": ("MT", "Mont."),
    "Nebraska": ("NE", "Neb."),
    "Nevada": ("NV", "Nev."),
    "New Hampshire": ("NH", "N.H."),
    "New Jersey": ("NJ", "N.J."),
    "New Mexico": ("NM", "N.M."),
    "New York": ("NY", "N.Y."),
    "North Carolina": ("NC", "N.C."),
    "North Dakota": ("ND", "N.D."),
    "Ohio": ("OH", ""),
    "Oklahoma": ("OK", "Okla."),
    "Oregon": ("OR", "Ore."),
    "Pennsylvania": ("PA", "Pa."),
    "Rhode Island": ("RI", "R.I."),
    "South Carolina": ("SC", "S.C."),
    "South Dakota": ("SD", "S.D."),
    "Tennessee": ("TN", "Tenn."),
    "Texas": ("TX", ""),
    "Utah": ("UT", ""),
    "Vermont": ("VT", "Vt."),
    "Virginia": ("VA", "Va."),
    "Washington": ("WA", "Wash."),
    "West Virginia": ("WV", "W.Va."),
    "Wisconsin": ("WI", "Wis."),
    "Wyoming": ("WY", "Wyo."),
    "District of Columbia": ("DC", "D.C."),
}
CANADIAN_PROVINCES: dict[str, tuple[str, str]] = {
    "Alberta": ("AB", "Alta."),
    "British Columbia": ("BC", "B.C."),
    "Manitoba": ("MB", "Man."),
    "New Brunswick": ("NB", "N.B."),
    "Newfoundland and Labrador": ("NL", ""),
    "Nova Scotia": ("NS", "N.S."),
    "Ontario": ("ON", "Ont."),
    "Prince Edward Island": ("PE", "P.E.I."),
    "Quebec": ("QC", "Que."),
    "Saskatchewan": ("SK", "Sask."),
}


def _forms() -> dict[str, str]:
    out: dict[str, str] = {}
    for table in (US_STATES, CANADIAN_PROVINCES):
        for name, (code, abbreviation) in table.items():
            out[name] = name
            out[code] = name
            if abbreviation:
                out[abbreviation] = name
    return out


# Every way of writing a state or province, to its name.
REGION_NAMES = _forms()
_FORM = "|".join(re.escape(f) for f in sorted(REGION_NAMES, key=len, reverse=True))
# "St. Louis", "Cuyahoga Falls", "Fort Lauderdale": no dot but in a leading "St.".
_TOWN = (
    r"(?:(?:St|Ste|Ft|Mt|Pt)\.[ \u00a0])?[A-Z][\w'\u2019-]*"
    # At most four words, so a run of capitals costs linear time, not quadratic.
    r"(?:[ \u00a0](?:[A-Z][\w'\u2019-]*|of|de|la)){0,4}"
)
CITY_REGION = re.compile(
    rf"(?<![\w.])({_TOWN}),[ \u00a0]({_FORM})(?![\w])"
    # The state ends the phrase ("Hawaii Rep. Tulsi" is a title, not a state), or its
    # abbreviation's full stop ends the sentence ("in Tampa, Fla. The storm").
    r"(?:(?<=\.)|(?=[,.;:)\u2013\u2014-]|[ \u00a0]+(?:@|[a-z\d(])|[ \u00a0]*$|[ \u00a0]*\n))"
    # "... FL @ Coral Sky Amphitheatre": the venue of a listing line.
    r"(?:[ \u00a0]+@[ \u00a0]+([^\n(]*[^\s(]))?"
)
_OPENERS = lx._words("in at on from near until since by the and but for of to with as when")
# A town is at most four words ("Cuyahoga Falls", "Saratoga Springs").
_MAX_TOWN_WORDS = 4


@dataclass(frozen=True)
class RegionPlace:
    start: int
    end: int
    name: str  # the place's name: the state's whatever its written form, else the text


def city_region_places(text: str, people: set[str], places: set[str]) -> list[RegionPlace]:
    """The towns, states and venues of the article's "City, State" forms.

    ``people`` and ``places`` are the names the model gave people and places:
    "Ana Ruiz, MD" stays a doctor's name and not a town in Maryland.
    """
    out: list[RegionPlace] = []
    for m in CITY_REGION.finditer(text):
        town_start, town_end = m.span(1)
        words = m.group(1).split()
        # "In Tinley Park, Ill.", "Until Tuesday, Calif.": the opening word or a day is
        # no part of a town ("New" in "New Jersey, Ohio" is).
        while words and (
            words[0].casefold() in _OPENERS
            or words[0].casefold() in lx.MONTHS
            or words[0].casefold() in lx.WEEKDAYS
        ):
            words = words[1:]
            town_start = text.index(words[0], town_start + 1) if words else town_end
        if not words or len(words) > _MAX_TOWN_WORDS or words[-1] in ("of", "de", "la"):
            continue
        town = text[town_start:town_end]
        form = m.group(2)
        if town in people or words[-1].casefold().rstrip(".") in lx.ORG_HEADS:
            continue  # "Jon Sopel, BBC News, Washington": a correspondent's byline
        if len(form) == 2 and not (
            _listing(text, m) or _address_like(text, m) or town in places or _after_in(text, m)
        ):
            continue  # a bare postal code is too short to trust in prose ("Smith, MD")
        out.append(RegionPlace(town_start, town_end, town))
        out.append(RegionPlace(m.start(2), m.end(2), REGION_NAMES[form]))
        if m.group(3):
            out.append(RegionPlace(m.start(3), m.end(3), m.group(3)))
    return out


def _after_in(text: str, m: re.Match[str]) -> bool:
    return bool(
        re.search(r"\b(?:in|at|from|near)[ \u00a0]+$", text[max(0, m.start(1) - 8) : m.start(1)])
    )


def _listing(text: str, m: re.Match[str]) -> bool:
    """Whether the match is a line of a listing: a venue after "@", or a line that
    starts with a date and a dash ("June 9 – Tampa, FL")."""
    if m.group(3):
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    return bool(re.match(r"[A-Z][a-z]{2,8}\.? \d{1,2}[ \u00a0]*[\u2013\u2014-]", text[line_start:]))


def _address_like(text: str, m: re.Match[str]) -> bool:
    """ "Boise, ID 83702", "(Tulsa, OK)": a postal code in an address or a dateline."""
    after = text[m.end(2) : m.end(2) + 7]
    before = text[max(0, m.start(1) - 1) : m.start(1)]
    return bool(re.match(r"[ \u00a0]\d{5}", after)) or (before == "(" and after[:1] == ")")
