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
        if m is matching.NullMatcher or kind is matching.NullMatcherClass:
            return {}
        raise _NotBulk(kind.__name__)

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
