"""Every match of a query scored at once, with Whoosh's own matcher tree and scorers.

Whoosh scores a search by stepping its tree of matchers one document at a
time: each step and each score is a chain of Python calls through every
node (``id``, ``is_active``, ``next``, ``score`` and a column read for the
field length), about 5 µs a match; at 100,000 real articles a prefix over
15,000 articles took 90 ms. Here the same tree, built by Whoosh for the
same query, is evaluated node by node over whole posting blocks: a leaf
scores its block's weights with its own scorer and a cached table of field
lengths, a union adds its two sides where both match, an intersection
keeps the documents on both sides, exactly as the matchers would. The
scores are the same floats, added in the same order, so the ranking and
the total are Whoosh's own.

A tree holding a matcher not handled here (a phrase, whose words must also
stand together) makes :func:`scores` return None; the caller then lets
Whoosh step through it as before.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

from whoosh import matching
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.matching import binary, wrappers
from whoosh.query.spans import Span, SpanNear2
from whoosh.scoring import BM25FScorer
from whoosh.util.numeric import byte_to_length

from reader.core.search.counting import _Visiting
from reader.core.search.dates import _SortedIds


class _NotBulk(Exception):
    """A matcher whose matches are not worked out here."""


def scores(q: Any, searcher: Any) -> list[tuple[float, int]] | None:
    """``(score, docnum)`` of every match of ``q``, in no particular order; None if not here."""
    context = searcher.context()
    found: list[tuple[float, int]] = []
    try:
        for leaf, offset in searcher.leaf_searchers():
            m = q.matcher(leaf, context)
            evaluated = _Evaluator(leaf.reader()).scores(m)
            found.extend((score, offset + docnum) for docnum, score in evaluated.items())
    except _NotBulk:
        return None
    return found


# Field lengths per segment reader, as doc_field_length(docnum, field, 1) gives them.
_LENGTHS: weakref.WeakKeyDictionary[Any, dict[str, list[int | None]]] = weakref.WeakKeyDictionary()
_LENGTHS_LOCK = threading.Lock()


def _lengths(reader: Any, fieldname: str) -> list[int | None]:
    with _LENGTHS_LOCK:
        per_field = _LENGTHS.setdefault(reader, {})
        table = per_field.get(fieldname)
        if table is None:
            table = per_field[fieldname] = _read_lengths(reader, fieldname)
        return table


def _read_lengths(reader: Any, fieldname: str) -> list[int | None]:
    """Every document's length in the field, read in one pass over the length column.

    The same values as ``doc_field_length(docnum, fieldname, 1)``: the
    encoded byte decoded, 1 with no column (None for a zero byte, which no
    document holding a term of the field has).
    """
    column = None
    perdoc = getattr(reader, "_perdoc", None)
    if perdoc is not None and hasattr(perdoc, "_cached_reader"):
        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None:
        dfl = reader.doc_field_length
        return [dfl(n, fieldname, 1) for n in range(reader.doc_count_all())]
    return [byte_to_length(b) if b else None for b in column]


class _Inverse:
    """The documents a NOT leaves: from ``start`` on, every one but ``excluded``, each
    weighing ``weight``."""

    def __init__(self, excluded: set[int], weight: float, start: int) -> None:
        self.excluded = excluded
        self.weight = weight
        self.start = start

    def keeps(self, d: int) -> bool:
        return d >= self.start and d not in self.excluded


_NEAR = SpanNear2.SpanNear2Matcher


class _AtOneDocument:
    """Stands in for a word's matcher at one document: its spans there."""

    found: list[Any]

    def spans(self) -> list[Any]:
        return self.found


class _NearTest:
    """What Whoosh's phrase span test reads of its matcher."""

    def __init__(self, slop: int, mindist: int, ordered: bool, ms: list[_AtOneDocument]) -> None:
        self.slop = slop
        self.mindist = mindist
        self.ordered = ordered
        self.ms = ms


def _tree_sum(scores: list[float]) -> float:
    """Scores added as a binary tree of intersections adds them (whoosh.util.make_binary_tree)."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])


class _Evaluator:
    def __init__(self, reader: Any) -> None:
        self.reader = reader

    def scores(self, m: Any) -> dict[int, float]:
        found = self._eval(m)
        if isinstance(found, _Inverse):
            raise _NotBulk("a NOT alone")
        return found

    def _eval(self, m: Any) -> dict[int, float] | _Inverse:
        kind = type(m)
        if kind is W3LeafMatcher:
            return self._leaf(m, None)
        if kind is wrappers.FilterMatcher:
            return self._filtered(m)
        if kind is binary.UnionMatcher:
            a, b = self.scores(m.a), self.scores(m.b)
            if len(a) < len(b):
                # a + b and b + a are the same float; only which is walked changes.
                merged = dict(b)
                for d, s in a.items():
                    other = merged.get(d)
                    merged[d] = s if other is None else s + other
                return merged
            merged = dict(a)
            for d, s in b.items():
                other = merged.get(d)
                merged[d] = s if other is None else other + s
            return merged
        if kind is binary.IntersectionMatcher:
            return self._intersection(self._eval(m.a), self._eval(m.b))
        if kind is binary.AndNotMatcher:
            excluded = self.scores(m.b)
            return {d: s for d, s in self.scores(m.a).items() if d not in excluded}
        if kind is binary.AndMaybeMatcher:
            a, b = self.scores(m.a), self.scores(m.b)
            return {d: (s + b[d] if d in b else s) for d, s in a.items()}
        if kind is wrappers.WrappingMatcher:
            boost = m.boost
            return {d: s * boost for d, s in self.scores(m.child).items()}
        if kind is wrappers.InverseMatcher:
            if not m.is_active():
                return {}
            # Its child stands at or past its own position, so what the child
            # still matches is what it excludes from there on.
            return _Inverse(set(self.scores(m.child)), m._weight, m._id)
        if kind is _SortedIds or kind is matching.ListMatcher:
            if m._scorer is not None or m._weights is not None:
                raise _NotBulk("a weighted list")
            weight = m._all_weights or 1.0
            return dict.fromkeys(m._ids[m._i :], weight)
        if kind is _Visiting:
            child = self.scores(m.child)
            constant = m._constant
            return {d: child[d] + constant for d in m._ids[m._i :]}
        if kind is _NEAR:
            return self._phrase(m)
        if m is matching.NullMatcher or kind is matching.NullMatcherClass:
            return {}
        raise _NotBulk(kind.__name__)

    def _phrase(self, m: Any) -> dict[int, float]:
        """A phrase: the documents holding all its words, kept where they stand as it asks.

        Whoosh's phrase matcher intersects the words' matchers (a binary tree
        of them, whose scores it adds) and keeps a document where its own
        span test, run here unchanged on the words' positions, finds the
        phrase.
        """
        subs: list[tuple[Any, Any]] = []
        for sub in m.ms:
            excluded = None
            if type(sub) is wrappers.FilterMatcher and sub._exclude:
                excluded, sub = sub._ids, sub.child
            if type(sub) is not W3LeafMatcher or not sub._term:
                raise _NotBulk("a phrase of other matchers")
            subs.append((sub, excluded))
        # The rarest word first: the others then keep only the documents it holds.
        leaves: list[dict[int, tuple[float, Any]]] = [{} for _ in subs]
        common: set[int] | None = None
        for n in sorted(
            range(len(subs)), key=lambda n: self.reader.doc_frequency(*subs[n][0]._term)
        ):
            sub, excluded = subs[n]
            leaves[n] = self._leaf_values(sub, excluded, common)
            common = set(leaves[n]) if common is None else common & leaves[n].keys()
        decoders = [sub.format.decoder("positions") for sub, _ in subs]
        holders = [_AtOneDocument() for _ in subs]
        near = _NearTest(m.slop, m.mindist, m.ordered, holders)
        adjacent = m.slop == 1 and m.mindist == 1 and m.ordered
        found: dict[int, float] = {}
        for d in sorted(common or ()):
            if adjacent:
                # Whoosh's span test with slop 1, read off: each next word at the
                # position right after where the phrase so far ends.
                ends = set(decoders[0](leaves[0][d][1]))
                for leaf, decode in zip(leaves[1:], decoders[1:], strict=True):
                    ends = {e + 1 for e in ends}.intersection(decode(leaf[d][1]))
                    if not ends:
                        break
                matched = bool(ends)
            else:
                for holder, leaf, decode in zip(holders, leaves, decoders, strict=True):
                    holder.found = [Span(pos) for pos in decode(leaf[d][1])]
                matched = bool(_NEAR._get_spans(near))
            if matched:
                score = _tree_sum([leaf[d][0] for leaf in leaves])
                found[d] = score * m.boost if m.boost != 1.0 else score
        return found

    def _leaf_values(
        self, m: Any, excluded: Any, only: set[int] | None
    ) -> dict[int, tuple[float, Any]]:
        """A term's postings (those in ``only``, if given) with scores and encoded positions."""
        scorer = m.scorer
        if type(scorer) is not BM25FScorer or not m._term:
            raise _NotBulk("another scorer")
        lengths = _lengths(self.reader, m._term[0])
        score = scorer._score
        found: dict[int, tuple[float, Any]] = {}
        while m.is_active():
            if m._ids is None:
                m._read_ids()
            if m._weights is None:
                m._read_weights()
            if m._values is None:
                m._read_values()
            start = m._i
            ids, weights, values = m._ids[start:], m._weights[start:], m._values[start:]
            for d, w, v in zip(ids, weights, values, strict=True):
                if only is None or d in only:
                    found[d] = (score(w, lengths[d]), v)
            m._next_block()
        if excluded:
            for d in excluded:
                found.pop(d, None)
        return found

    def _intersection(
        self, a: dict[int, float] | _Inverse, b: dict[int, float] | _Inverse
    ) -> dict[int, float]:
        if isinstance(a, _Inverse):
            if isinstance(b, _Inverse):
                raise _NotBulk("two NOTs")
            keeps, weight = a.keeps, a.weight
            return {d: weight + s for d, s in b.items() if keeps(d)}
        if isinstance(b, _Inverse):
            keeps, weight = b.keeps, b.weight
            return {d: s + weight for d, s in a.items() if keeps(d)}
        if len(a) > len(b):
            return {d: a[d] + s for d, s in b.items() if d in a}
        return {d: s + b[d] for d, s in a.items() if d in b}

    def _filtered(self, m: Any) -> dict[int, float]:
        if type(m.child) is not W3LeafMatcher or not m._exclude:
            raise _NotBulk("a filter")
        return self._leaf(m.child, m._ids)

    def _leaf(self, m: Any, excluded: Any) -> dict[int, float]:
        """A term's postings scored as its matcher would score each, a block at a time."""
        scorer = m.scorer
        if type(scorer) is not BM25FScorer or not m._term:
            raise _NotBulk("another scorer")
        # BM25FScorer.score(matcher) is _score(weight, doc_field_length(docnum, field, 1)).
        lengths = _lengths(self.reader, m._term[0])
        score = scorer._score
        found: dict[int, float] = {}
        # From where the matcher stands: building the tree may have moved it
        # past documents its parent no longer needs (an AND's first match).
        while m.is_active():
            if m._ids is None:
                m._read_ids()
            if m._weights is None:
                m._read_weights()
            start = m._i
            ids, weights = m._ids, m._weights
            if start:
                ids, weights = ids[start:], weights[start:]
            for d, w in zip(ids, weights, strict=True):
                found[d] = score(w, lengths[d])
            m._next_block()
        if excluded:
            for d in excluded:
                found.pop(d, None)
        return found
