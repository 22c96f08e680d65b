"""The exact number of articles a query matches, counted with sets instead of scoring.

Whoosh counts a search's matches only by stepping a matcher through every
one of them, and a collector that steps through them all must also score
them all: at 20,000 real articles that doubled the cost of
``company OR investors`` over Whoosh's own early-stopping search. Most
queries are words, prefixes, dates and the operators joining them; their
matches are the set algebra of the words' posting lists, read a block of
document numbers at a time. The count is then exact and the top hits can
come from Whoosh's fast collector, which skips what cannot reach them.

A query holding anything else (a phrase, whose words must also stand
together) is not counted here: :func:`count` returns None and the caller
counts by stepping through the matches as before.
"""

from __future__ import annotations

from typing import Any

from whoosh import query
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from reader.core.search.dates import TabledRange


class _NotCountable(Exception):
    """The query holds a part whose matches are not a set of its words' postings."""


def count(q: query.Query, searcher: Any) -> int | None:
    """How many articles ``q`` matches in ``searcher``, or None if it cannot be counted here."""
    total = 0
    try:
        for leaf, _offset in searcher.leaf_searchers():
            total += len(_Counter(leaf.reader()).ids(q))
    except _NotCountable:
        return None
    return total


class _Counter:
    """The matching document numbers of one segment, query part by query part."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self._every: set[int] | None = None
        self._deleted: frozenset[int] | None = None

    def every(self) -> set[int]:
        if self._every is None:
            self._every = set(self.reader.all_doc_ids())  # deleted ones left out
        return self._every

    def ids(self, q: query.Query) -> set[int]:
        if isinstance(q, query.Term):
            return self.postings(q.fieldname, q.text)
        if isinstance(q, TabledRange):
            return set(q.docnums(self.reader))
        if isinstance(q, query.MultiTerm):
            found: set[int] = set()
            for btext in q._btexts(self.reader):
                found |= self.postings(q.fieldname, btext)
            return found
        if isinstance(q, query.Or) and not getattr(q, "minmatch", 0):
            found = set()
            for child in q.subqueries:
                found |= self.ids(child)
            return found
        if isinstance(q, query.And):
            children = sorted(q.subqueries, key=lambda c: isinstance(c, query.Not))
            found = self.ids(children[0]) if children else set()
            for child in children[1:]:
                if not found:
                    break
                if isinstance(child, query.Not):
                    found = found - self.ids(child.query)
                else:
                    found = found & self.ids(child)
            return found
        if isinstance(q, query.Not):
            return self.every() - self.ids(q.query)
        if isinstance(q, query.AndNot):
            return self.ids(q.a) - self.ids(q.b)
        if isinstance(q, query.AndMaybe):
            return self.ids(q.a)
        if isinstance(q, query.Require):
            return self.ids(q.a) & self.ids(q.b)
        if isinstance(q, query.Every) and not q.fieldname:
            return set(self.every())
        if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
            return set()
        raise _NotCountable(type(q).__name__)

    def postings(self, fieldname: str, text: Any) -> set[int]:
        """The documents holding one term, read a block at a time."""
        reader = self.reader
        if fieldname not in reader.schema:
            return set()
        field = reader.schema[fieldname]
        btext = text if isinstance(text, bytes) else field.to_bytes(text)
        if (fieldname, btext) not in reader:
            return set()
        m = reader.postings(fieldname, btext)
        if isinstance(m, FilterMatcher):
            m = m.child  # the deleted documents are taken out below, all at once
        found: set[int] = set()
        if type(m) is W3LeafMatcher:
            while m.is_active():
                if m._ids is None:
                    m._read_ids()
                found.update(m._ids)
                m._next_block()
        else:
            found.update(m.all_ids())
        if reader.has_deletions():
            if self._deleted is None:
                self._deleted = frozenset(reader.deleted_docs_set)
            found -= self._deleted
        return found
