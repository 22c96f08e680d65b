"""Anchors that tie an annotation to a passage of an article, and find it again.

An anchor is the pair of W3C Web Annotation selectors over
:attr:`Document.body_text`: a TextQuoteSelector (``exact`` with some
``prefix``/``suffix`` context) and a TextPositionSelector (``start``/``end``,
``str`` indices, which are Unicode code points as the W3C model asks), plus a
hash of the text they were taken from.

Positions are fast but brittle; quotes are robust but may be ambiguous. So an
anchor is made from either (a quote that must occur exactly once, or a range)
and, when the cleaned text changes, found again in this order:

1. the exact quote, the occurrence whose context agrees best (ties: nearest
   the old position);
2. the same after normalising whitespace, quote marks, dashes and Unicode
   compatibility forms (a cleaner that changes ``"`` to ``”`` or re-wraps
   lines must not lose annotations);
3. a fuzzy match seeded by n-grams of the quote and by its prefix/suffix,
   scored with :mod:`difflib`, accepted above a similarity threshold and, among
   equally good candidates, the one nearest the old position.

If none succeeds the annotation is orphaned by the caller: kept, never lost.
Standard library only; :mod:`difflib` is enough for article-sized texts.
"""

from __future__ import annotations

import hashlib
import unicodedata
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from reader.core.model import ReaderError

#: Characters of context kept on each side of a quote (what Hypothesis keeps too).
CONTEXT_CHARS = 32

#: How similar a fuzzy candidate must be to the old quote to be accepted.
FUZZY_THRESHOLD = 0.75
#: Lower bar for a candidate bracketed by both the old prefix and suffix,
#: whose context already vouches for it.
BRACKETED_THRESHOLD = 0.5
#: Characters of the old context's edge used to bracket a changed quote.
BRACKET_CHARS = 16
#: The most fuzzy candidates scored in full; bounds the work on long texts.
MAX_FUZZY_CANDIDATES = 24


class AnchorError(ReaderError):
    """A quote or range that cannot be anchored in an article."""


class QuoteNotFound(AnchorError):
    def __init__(self, quote: str, doc_id: str = "") -> None:
        where = f" in {doc_id}" if doc_id else ""
        super().__init__(f"quote not found{where}: {_shorten(quote)!r}")
        self.quote = quote
        self.doc_id = doc_id


class AmbiguousQuote(AnchorError):
    def __init__(self, quote: str, count: int, doc_id: str = "") -> None:
        where = f" in {doc_id}" if doc_id else ""
        super().__init__(
            f"quote matches {count} places{where}; give more text: {_shorten(quote)!r}"
        )
        self.quote = quote
        self.count = count
        self.doc_id = doc_id


class InvalidRange(AnchorError):
    def __init__(self, start: int, end: int, length: int, doc_id: str = "") -> None:
        where = f" of {doc_id}" if doc_id else ""
        super().__init__(
            f"range {start}..{end} is not a passage{where} (text is {length} characters)"
        )
        self.start = start
        self.end = end


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def text_hash(text: str) -> str:
    """A stable fingerprint of a body text: ``sha256:`` and the hex digest of its UTF-8."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Anchor:
    """Where a passage is: quote with context, position, and the text it was taken from."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str

    def quote_selector(self) -> dict[str, Any]:
        return {
            "type": "TextQuoteSelector",
            "exact": self.exact,
            "prefix": self.prefix,
            "suffix": self.suffix,
        }

    def position_selector(self) -> dict[str, Any]:
        return {"type": "TextPositionSelector", "start": self.start, "end": self.end}

    def holds_in(self, text: str) -> bool:
        """True if the position still points at the quote in ``text``."""
        return 0 <= self.start < self.end <= len(text) and text[self.start : self.end] == self.exact


def anchor_range(text: str, start: int, end: int, *, doc_id: str = "") -> Anchor:
    """The anchor of ``text[start:end]``, trimmed of surrounding whitespace.

    A selection in the window often takes a space or line break at either
    end; such a margin is no part of the passage and would only make the
    quote harder to find again.
    """
    if not (0 <= start < end <= len(text)):
        raise InvalidRange(start, end, len(text), doc_id)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise InvalidRange(start, end, len(text), doc_id)
    return _make_anchor(text, start, end)


def anchor_quote(text: str, quote: str, *, near: int | None = None, doc_id: str = "") -> Anchor:
    """The anchor of ``quote`` in ``text``.

    The quote must occur exactly once, unless ``near`` is given (the window
    knows where the selection was), in which case the occurrence nearest that
    position is taken. A quote that differs from the text only in whitespace,
    quote marks or dashes (typed on a command line, pasted from elsewhere) is
    still found, and the anchor holds the article's own spelling.
    """
    quote = quote.strip()
    if not quote:
        raise AnchorError("an annotation needs a quote: the text given is empty")
    spans = _find_all(text, quote)
    if not spans:
        spans = _find_all_normalised(text, quote)
    if not spans:
        raise QuoteNotFound(quote, doc_id)
    if len(spans) > 1 and near is None:
        raise AmbiguousQuote(quote, len(spans), doc_id)
    if near is not None:
        spans.sort(key=lambda span: (abs(span[0] - near), span[0]))
    start, end = spans[0]
    return _make_anchor(text, start, end)


def reanchor(anchor: Anchor, text: str) -> tuple[Anchor, bool] | None:
    """Find ``anchor`` again in a changed ``text``.

    Returns the new anchor and whether the quote itself was found intact
    (``False``: it was matched approximately and ``exact`` now holds the new
    wording), or ``None`` if the passage is gone.
    """
    if anchor.text_hash == text_hash(text) and anchor.holds_in(text):
        return anchor, True
    spans = _find_all(text, anchor.exact)
    if spans:
        start, end = _best_by_context(text, spans, anchor)
        return _make_anchor(text, start, end), True
    spans = _find_all_normalised(text, anchor.exact)
    if spans:
        start, end = _best_by_context(text, spans, anchor)
        new = _make_anchor(text, start, end)
        return new, _normalise(new.exact)[0] == _normalise(anchor.exact)[0]
    found = _fuzzy_find(text, anchor)
    if found is None:
        return None
    start, end = found
    return _make_anchor(text, start, end), False


def _make_anchor(text: str, start: int, end: int) -> Anchor:
    return Anchor(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        text_hash=text_hash(text),
    )


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    """Every occurrence, overlapping ones included (``aa`` is twice in ``aaa``)."""
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    pos = text.find(needle)
    while pos != -1:
        spans.append((pos, pos + len(needle)))
        pos = text.find(needle, pos + 1)
    return spans


# --- normalised matching --------------------------------------------------------------

_CHAR_FOLDS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00ad": "",  # soft hyphen: invisible, often inserted or dropped by cleaners
        "\u200b": "",  # zero-width space
        "\ufeff": "",
    }
)


@lru_cache(maxsize=16)
def _normalise(text: str) -> tuple[str, Sequence[int]]:
    """A folded copy of ``text`` and, for each of its characters, the index it came from.

    Whitespace runs become one space; NFKC folds compatibility forms
    (ligatures, full-width letters, no-break spaces); quote marks and dashes
    fold to ASCII. The index map lets a match in the folded copy be reported
    as a range of the original. Cached: re-anchoring an article's annotations
    folds the same body text once, not once per annotation.
    """
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isascii() and ch != "`":
            folded = ch  # NFKC and the folds leave ASCII alone; skip the slow path
        else:
            folded = unicodedata.normalize("NFKC", ch).translate(_CHAR_FOLDS)
        for piece in folded:
            if piece.isspace():
                if in_space:
                    continue
                in_space = True
                out.append(" ")
            else:
                in_space = False
                out.append(piece)
            origin.append(i)
    # A compact, immutable copy: the cache may hold a few long article texts.
    return "".join(out), array("q", origin)


def _to_original(origin: Sequence[int], start: int, end: int) -> tuple[int, int]:
    return origin[start], origin[end - 1] + 1


def _find_all_normalised(text: str, needle: str) -> list[tuple[int, int]]:
    norm_text, origin = _normalise(text)
    norm_needle = _normalise(needle)[0].strip()
    return [_to_original(origin, s, e) for s, e in _find_all(norm_text, norm_needle)]


# --- choosing among candidates ---------------------------------------------------------


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _context_score(text: str, start: int, end: int, anchor: Anchor) -> float:
    """How well the text around ``start..end`` agrees with the anchor's old context."""
    scores: list[float] = []
    if anchor.prefix:
        before = text[max(0, start - len(anchor.prefix)) : start]
        scores.append(_similarity(_normalise(before)[0], _normalise(anchor.prefix)[0]))
    if anchor.suffix:
        after = text[end : end + len(anchor.suffix)]
        scores.append(_similarity(_normalise(after)[0], _normalise(anchor.suffix)[0]))
    return sum(scores) / len(scores) if scores else 1.0


def _best_by_context(text: str, spans: list[tuple[int, int]], anchor: Anchor) -> tuple[int, int]:
    if len(spans) == 1:
        return spans[0]
    # Round so that near-equal contexts count as a tie and the old position decides.
    return min(
        spans,
        key=lambda s: (
            -round(_context_score(text, s[0], s[1], anchor), 2),
            abs(s[0] - anchor.start),
        ),
    )


def _fuzzy_find(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """The best approximate match of the anchor's quote, or ``None``."""
    norm_text, origin = _normalise(text)
    quote = _normalise(anchor.exact)[0].strip()
    prefix = _normalise(anchor.prefix)[0]
    suffix = _normalise(anchor.suffix)[0]
    if not quote or not norm_text:
        return None
    # The old position, carried into the folded text, to prefer nearby matches.
    old_pos = _folded_position(origin, anchor.start)

    candidates: Counter[int] = Counter()
    k = max(3, min(8, len(quote) // 4))
    for offset in range(0, max(1, len(quote) - k + 1), max(1, k // 2)):
        gram = quote[offset : offset + k]
        for s, _ in _find_all(norm_text, gram):
            # Bucket nearby guesses so a run of matching grams votes for one place.
            candidates[(s - offset) // 4 * 4] += 1
    # The context nearest the quote is the likeliest to survive an edit, so the
    # brackets are the end of the prefix and the start of the suffix, not all of them.
    prefix_ends = [e for _, e in _context_hits(norm_text, prefix, tail=True)]
    suffix_starts = [s for s, _ in _context_hits(norm_text, suffix, tail=False)]
    for pend in prefix_ends:
        candidates[pend // 4 * 4] += 1
    for sstart in suffix_starts:
        candidates[max(0, sstart - len(quote)) // 4 * 4] += 1
    bracketed: list[tuple[int, int]] = []
    longest = 2 * len(quote) + 16
    for pend in prefix_ends:
        following = [q for q in suffix_starts if pend <= q <= pend + longest]
        if following:
            bracketed.append((pend, min(following)))

    scored: list[tuple[float, int, int, int]] = []
    for guess, _votes in candidates.most_common(MAX_FUZZY_CANDIDATES):
        span = _align(norm_text, quote, guess)
        if span is None:
            continue
        s, e = span
        score = _similarity(norm_text[s:e], quote)
        if score >= FUZZY_THRESHOLD:
            scored.append((score, s, e, abs(s - old_pos)))
    for s, e in bracketed:
        s, e = _strip_span(norm_text, s, e)
        if s >= e:
            continue
        score = _similarity(norm_text[s:e], quote)
        if score >= BRACKETED_THRESHOLD:
            # Both contexts agree, so weigh it as a match at the threshold at least.
            scored.append((max(score, FUZZY_THRESHOLD), s, e, abs(s - old_pos)))
    if not scored:
        return None
    best = max(score for score, *_ in scored)
    near_best = [c for c in scored if c[0] >= best - 0.02]
    _, s, e, _ = min(near_best, key=lambda c: (c[3], c[1]))
    return _to_original(origin, s, e)


def _context_hits(text: str, context: str, *, tail: bool) -> list[tuple[int, int]]:
    """Occurrences of the end (``tail``) or start of a context string, longest piece first."""
    for size in (BRACKET_CHARS, BRACKET_CHARS // 2):
        piece = context[-size:] if tail else context[:size]
        if len(piece.strip()) < 3:
            return []
        hits = _find_all(text, piece)
        if hits:
            return hits
    return []


def _folded_position(origin: Sequence[int], original_index: int) -> int:
    # origin is non-decreasing, so a binary search finds the first folded char at or after it.
    lo, hi = 0, len(origin)
    while lo < hi:
        mid = (lo + hi) // 2
        if origin[mid] < original_index:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _align(text: str, quote: str, guess: int) -> tuple[int, int] | None:
    """Align ``quote`` to ``text`` around ``guess``; the span it covers there, or ``None``."""
    slack = max(16, len(quote) // 4)
    ws = max(0, guess - slack)
    we = min(len(text), guess + len(quote) + slack)
    window = text[ws:we]
    matcher = SequenceMatcher(None, quote, window, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    # Unmatched ends of the quote (a word changed at either edge) extend the span by
    # their length, then snap outwards to whole words so no word is cut in half.
    start = max(0, ws + first.b - first.a)
    end = min(len(text), ws + last.b + last.size + (len(quote) - last.a - last.size))
    start, end = _snap_to_words(text, start, end)
    start, end = _strip_span(text, start, end)
    return (start, end) if start < end else None


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
