"""Small text helpers shared by the entity recogniser and the timeline extractor.

Sentence spans and slugs. Everything works on ``str`` offsets into the body
text, so what these return can be sliced straight out of
:attr:`reader.core.model.Document.body_text`.
"""

from __future__ import annotations

import re
import unicodedata

# A full stop (or ! ?), optional closing quotes/brackets, white space, then
# something that can open a sentence.
_SENT_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_PARA_BREAK = re.compile(r"\n\s*\n")
# Words ending in a full stop that do not end a sentence ("Jan. 14", "U.S. President").
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "jr",
        "sr",
        "gen",
        "sen",
        "rep",
        "gov",
        "lt",
        "col",
        "sgt",
        "capt",
        "adm",
        "prof",
        "rev",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "no",
        "vs",
        "co",
        "corp",
        "inc",
        "ltd",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
    ]
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every sentence; paragraphs never share a sentence."""
    spans: list[tuple[int, int]] = []
    para_start = 0
    for brk in [*_PARA_BREAK.finditer(text), None]:
        para_end = brk.start() if brk else len(text)
        start = para_start
        for m in _SENT_END.finditer(text, para_start, para_end):
            word = _WORD_BEFORE.search(text, max(start, m.start() - 12), m.start())
            if word:
                w = word.group(1).lower()
                # "J." (an initial) or an abbreviation: not the end of a sentence.
                if w in _ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                    continue
            spans.append(_strip(text, start, m.start() + 1))
            start = m.end()
        if start < para_end:
            spans.append(_strip(text, start, para_end))
        para_start = brk.end() if brk else len(text)
    return [s for s in spans if s[1] > s[0]]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def slugify(name: str) -> str:
    """ASCII, lower case, hyphen-separated: the stable part of an entity key."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug or "x"


_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "‘": "'", "\u00a0": " "})
_SPACES = re.compile(r"\s+")


def normalise_surface(text: str) -> str:
    """The form under which surface strings are compared: one space, ASCII dashes and quotes."""
    return _SPACES.sub(" ", text.translate(_DASHES)).strip()
