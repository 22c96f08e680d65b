"""Photo credits left in a body: "Credit: Ana Ruiz/Reuters", "(Tom Berg / AP)".

A credit closes a caption, so it ends its line. It names the photographer and the
agencies that distributed the picture, joined by slashes, which the model reads as
one name of one type ("Ana Ruiz/Reuters", a person or an organisation). Read by
its structure instead: in "Name/Agency[/Agency]" the photographer comes first; in
AP's style "AP Photo/Name" the agency comes first and the photographer after it.
"""

from __future__ import annotations

import re

from reader.core.analysis.entities import lexicon as lx

_WORD = r"[A-Z][\w'\u2019.&-]*"
# A photographer: two or three capitalised words ("Ellen M. Banner", "JIM WATSON").
_PERSON = rf"{_WORD}(?:[ \u00a0]{_WORD}){{1,2}}"
# An agency: capitalised words, with "of"/"and" inside ("Agence France-Presse").
_AGENCY = rf"(?:The[ \u00a0])?{_WORD}(?:[ \u00a0](?:{_WORD}|of|and|for)){{0,5}}"
_SLASH = r"[ \u00a0]?/[ \u00a0]?"
_PART = rf"(?:{_PERSON}|{_AGENCY})"
# A scraper that drops the space between a caption's elements glues the lead word
# to the caption and to the name: "... underground.CreditCreditChang W. Lee/NYT".
_GLUED = r"(?:Credit)+(?=[A-Z\u00c0-\u00de])"  # before a capital, accented ones too
_GLUED_LEAD = re.compile(_GLUED)
_GLUED_INSIDE = re.compile(rf"(?<=[.!?\u201d]){_GLUED}")
CREDIT = re.compile(
    rf"(?:(?<=Credit)|(?<![\w/.'\u2019-]))(?P<parts>{_PART}(?:{_SLASH}{_PART}){{1,3}})"
    # "— Getty Images", "photo via AP": a further agency after the slashes.
    rf"(?:[ \u00a0]?[\u2014\u2013-][ \u00a0]?(?P<dash>{_AGENCY}))?"
    rf"(?:[ \u00a0]photo)?(?:,?[ \u00a0]via[ \u00a0](?P<via>{_AGENCY}))?"
    r"[ \u00a0]*\)?[ \u00a0]*(?=\n|$)"
)
_PART_RE = re.compile(_SLASH)
# Words that end the name of a picture agency or of what it sends ("AP Photo").
_AGENCY_TAILS = lx._words(
    "photo photos photograph photography images image pictures picture press service "
    "wire pool handout agency news times post"
)
# Credit codes that name no one: a stringer, a handout, a pool picture.
_NO_ONE = lx._words("str ho pool handout file staff")


# Words a credit opens with that are not the photographer's name.
_LEADS = lx._words("credit credits photo photograph picture image source courtesy by")


def _agency_like(part: str) -> bool:
    words = part.split()
    return words[0] == "The" or words[-1].casefold().rstrip(".") in _AGENCY_TAILS | lx.ORG_HEADS


def _person_like(part: str) -> bool:
    words = part.split()
    return (
        2 <= len(words) <= 3
        and words[0] != "The"
        and not any(w.casefold().rstrip(".") in _AGENCY_TAILS | lx.ORG_HEADS for w in words)
    )


def _parts(text: str, m: re.Match[str]) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    pos = m.start("parts")
    for piece in _PART_RE.split(m.group("parts")):
        s = text.index(piece, pos)
        pos = s + len(piece)
        parts.append((s, pos))
    # The first part starts after the caption's last sentence and after the word
    # that opens the credit: "... in Oslo. Credit Ana Ruiz/Reuters".
    s, e = parts[0]
    # "CreditChang W. Lee", "Works.CreditÁngel Ruiz": the name starts after the lead.
    glued = _GLUED_LEAD.match(text, s, e) or _GLUED_INSIDE.search(text, s, e)
    if glued:
        s = glued.end()
    for word in WORD_IN.finditer(text, s, e):
        w = word.group()
        if word.end() < e and (w.casefold() in _LEADS or (len(w) > 3 and w.endswith("."))):
            s = word.end() + 1
    parts[0] = (min(s, e), e)
    return parts


WORD_IN = re.compile(r"[^ \u00a0]+")


# The longest tail of a line a credit is looked for in.
_CREDIT_TAIL = 400


def _lines_with_a_slash(text: str) -> list[tuple[int, int]]:
    """The tail of each line that holds a slash: only there can a credit end."""
    out: list[tuple[int, int]] = []
    i = text.find("/")
    while i != -1:
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        end = len(text) if end == -1 else end
        out.append((max(start, end - _CREDIT_TAIL), end))
        i = text.find("/", end)
    return out


# A credit with no slash names its photographer after a word that says it is one,
# and perhaps whom the picture was taken for: "Credit Chang W. Lee for The New York
# Times", "Photograph: Ana Ruiz", "Photo by Tom Berg". It too ends its line.
LEAD_CREDIT = re.compile(
    r"(?:(?:^|(?<=\n)|(?<=[.!?\u201d] ))(?:Credit|Credits|Photo|Photograph|Picture|Image)"
    rf"(?::|[ \u00a0]by)?[ \u00a0]+|(?<=[.!?\u201d\w]){_GLUED})"
    rf"(?P<person>{_PERSON})"
    rf"(?:[ \u00a0]+for[ \u00a0]+(?P<agency>{_AGENCY}))?[ \u00a0]*(?=\n|$)"
)


def credit_in(text: str, start: int, end: int) -> bool:
    """Whether a photo credit, of either form, ends the line ``text[start:end]``."""
    return bool(CREDIT.search(text, start, end) or LEAD_CREDIT.search(text, start, end))


def _lead_credits(text: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for m in LEAD_CREDIT.finditer(text):
        if not _person_like(m.group("person")):
            continue
        out.append((*m.span("person"), "person"))
        if m.group("agency"):
            out.append((*m.span("agency"), "organization"))
    return out


def photo_credits(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` of the photographer and the agencies of each credit line."""
    out: list[tuple[int, int, str]] = _lead_credits(text)
    matches = [m for lo, hi in _lines_with_a_slash(text) for m in CREDIT.finditer(text, lo, hi)]
    for m in matches:
        parts = _parts(text, m)
        names = [text[s:e] for s, e in parts]
        if not all(names):
            continue
        if names[0].casefold() in _NO_ONE:
            parts, names = parts[1:], names[1:]  # "STR/AFP": a stringer's picture
        # Whose is the picture: the first part's, or the one after "AP Photo".
        taker = 1 if len(names) > 1 and names[0].split()[-1].casefold() == "photo" else 0
        if not _person_like(names[taker]):
            # No photographer: a credit only if every part is an agency's, and one
            # at least shows it ("AFP", "Getty Images"), not "Ukraine/Russia".
            if not any(n.isupper() or _agency_like(n) for n in names):
                continue
            taker = -1
        for k, (s, e) in enumerate(parts):
            if k != taker and text[s:e].endswith(" Photo"):
                e -= len(" Photo")  # "AP Photo": the agency is AP
            out.append((s, e, "person" if k == taker else "organization"))
        for group in ("dash", "via"):
            if m.group(group):
                out.append((*m.span(group), "organization"))
    return out


def with_credits(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The model's spans with those on a credit replaced by the credit's own reading.

    A place the model found at the start of a photographer's part belongs to the
    caption before it ("... in Paris Ana Ruiz/Reuters"): the name starts after it."""
    credits = photo_credits(text)
    if not credits:
        return spans
    read: list[tuple[int, int, str]] = []
    for cs, ce, label in credits:
        if label == "person":
            for s, e, other in spans:
                if other == "place" and s == cs and e < ce:
                    cs = e + 1
        if ce - cs >= 2:
            read.append((cs, ce, label))
    lines = [(text.rfind("\n", 0, s) + 1, e) for s, e, _ in credits]

    def on_credit(s: int, e: int) -> bool:
        on_line = any(ls <= s and e <= le for ls, le in lines)
        return on_line and (
            any(cs < e and s < ce for cs, ce, _ in read) or text[s:e].casefold() in _NO_ONE
        )

    return sorted([span for span in spans if not on_credit(span[0], span[1])] + read)
