"""Queries as Whoosh objects: the checked text parsed, prefixes made stem-aware.

:func:`parse_query` runs the Whoosh-free checks of
:mod:`reader.core.search.checker`, then Whoosh's own parser, and turns
anything the parser could not read into a one-line
:class:`~reader.core.model.QueryError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh import fields, qparser, query
from whoosh.analysis import StemFilter
from whoosh.qparser import MultifieldParser
from whoosh.qparser.syntax import ErrorNode

from reader.core.model import QueryError
from reader.core.search.checker import SEARCH_FIELDS, check_text
from reader.core.search.schema import build_schema


def _error_nodes(node: Any) -> Iterator[Any]:
    if isinstance(node, ErrorNode):
        yield node
    for child in getattr(node, "nodes", None) or ():
        yield from _error_nodes(child)


def make_parser(schema: fields.Schema) -> MultifieldParser:
    parser = MultifieldParser(list(SEARCH_FIELDS), schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    return parser


def parse_query(text: str, parser: MultifieldParser) -> query.Query:
    """Parse a query, or raise QueryError saying in one line what is wrong with it."""
    rewritten = check_text(text)
    try:
        tree = parser.process(rewritten)
        for bad in _error_nodes(tree):
            raise QueryError(f"cannot parse the query: {bad.message}")
        q = tree.query(parser)
        if not q:
            return query.NullQuery
        return _stem_prefixes(q, parser.schema).normalize()
    except QueryError:
        raise
    except Exception as exc:  # Whoosh raises assorted types on odd input
        raise QueryError(f"cannot parse the query: {exc}") from None


# How much shorter than a typed prefix the stem of the words it begins may be
# ("negotiat" -> "negoti", "agreem" -> "agre"); more would let short stems in.
_STEM_SLACK = 3


class _StemAwarePrefix(query.Prefix):
    """A prefix query for a stemmed field that also finds the words' stems.

    The field holds ``negoti`` for "negotiations", so ``negotiat*`` as typed
    would miss it: besides the terms that begin with the prefix, this takes
    the indexed terms the prefix itself begins with, down to a few letters
    shorter (the stem of a longer word is a prefix of it).
    """

    def _btexts(self, ixreader: Any) -> Iterator[bytes]:
        yield from super()._btexts(ixreader)
        field = ixreader.schema[self.fieldname]
        text = self.text
        for cut in range(len(text) - 1, max(2, len(text) - _STEM_SLACK - 1), -1):
            btext = field.to_bytes(text[:cut])
            if (self.fieldname, btext) in ixreader:
                yield btext


def _stem_prefixes(q: query.Query, schema: fields.Schema) -> query.Query:
    """Swap prefix queries on stemmed fields for :class:`_StemAwarePrefix`."""
    if isinstance(q, query.Prefix) and type(q) is query.Prefix:
        field = schema[q.fieldname] if q.fieldname in schema else None  # noqa: SIM401 (no .get)
        if isinstance(field, fields.TEXT) and _has_stemmer(field):
            return _StemAwarePrefix(q.fieldname, q.text, boost=q.boost)
        return q
    return q.apply(lambda child: _stem_prefixes(child, schema))


def _has_stemmer(field: fields.FieldType) -> bool:
    items = getattr(field.analyzer, "items", ())
    return any(isinstance(item, StemFilter) for item in items)


def check_query(text: str) -> None:
    """Raise QueryError if ``text`` is not a valid query; for validating as the user types."""
    parse_query(text, make_parser(build_schema()))
