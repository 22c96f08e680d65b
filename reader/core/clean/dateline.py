"""Datelines ("OSAKA --", "WASHINGTON (Reuters) -", "Tokyo, March 3 (Kyodo) —") and bylines.

A wire-style article opens its first paragraph with the place it was filed
from. The cleaner lifts that prefix into :attr:`Document.dateline` so the body
starts with the first real sentence, and keeps a news agency named in it as
the byline when the page names no author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_UPPER_PLACE = r"[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
_MIXED_PLACE = r"[A-Z][a-zà-ÿ'’-]+(?:\s+[A-Z][a-zà-ÿ'’-]+){0,2}"
_REGION = r"(?:,\s*(?!" + _MONTH + r"\s)[A-Z][A-Za-z.'’-]*(?:\s+[A-Z][A-Za-z.'’-]*){0,2})"
_DATE = r"(?:,\s*" + _MONTH + r"\s+\d{1,2}(?:,\s*\d{4})?)"
_AGENCY = r"\s*\((?P<{}>[A-Z][\w.&'’/ -]{{1,30}})\)"
# " -- ", " — ", " – " or a lone hyphen with spaces round it; the body must then
# start like a sentence.
_SEP = r"\s*(?:--|—|–|\s-)\s+(?=[\"“‘'A-Z0-9])"

# Upper-case places stand alone ("KYIV --"); a mixed-case one ("Tokyo") counts
# only with a date or an agency after it, or any sentence could pass for one.
_DATELINE = re.compile(
    r"^(?:(?P<upper>"
    + _UPPER_PLACE
    + _REGION
    + r"?)"
    + _DATE
    + r"?(?:"
    + _AGENCY.format("a1")
    + r")?"
    r"|(?P<mixed>" + _MIXED_PLACE + _REGION + r"?)"
    r"(?:" + _DATE + r"(?:" + _AGENCY.format("a2") + r")?|" + _AGENCY.format("a3") + r"))" + _SEP
)

_BULLET_BYLINE = re.compile(r"^[•·▪‣*]\s*(?P<name>[^\s•·].{0,60})$")
_BY_BYLINE = re.compile(r"^(?:by|from)\s+(?P<name>[A-Z][^.!?]{1,80}?)\.?$", re.IGNORECASE)


@dataclass
class Dateline:
    place: str
    agency: str
    rest: str


def split_dateline(paragraph: str) -> Dateline | None:
    """Split a leading dateline off ``paragraph``, or ``None`` if it has none."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("upper") or match.group("mixed") or ""
    agency = match.group("a1") or match.group("a2") or match.group("a3") or ""
    rest = paragraph[match.end() :].strip()
    if not rest:
        return None
    return Dateline(place=" ".join(place.split()), agency=agency.strip(), rest=rest)


def byline_of(line: str) -> str | None:
    """The author or agency a byline line names ("• Kyodo", "By Jane Doe"), else ``None``."""
    if len(line) > 90:
        return None
    match = _BULLET_BYLINE.match(line) or _BY_BYLINE.match(line)
    if not match:
        return None
    name = match.group("name").strip()
    words = name.split()
    # A byline is a name or two, not a sentence.
    if (
        not words
        or len(words) > 10
        or not all(w[0].isupper() or w.lower() in _NAME_JOINERS for w in words)
    ):
        return None
    return name


_NAME_JOINERS = frozenset(
    {"and", "&", "de", "van", "von", "der", "da", "del", "la", "le", "bin", "al", "in"}
)
