"""The index's lifecycle: opening, checking, writing and searching the Whoosh folder.

The package ``reader.core.search`` is the only code that imports Whoosh, so
the distribution (we pin ``whoosh-reloaded``) can be swapped without
touching the rest of the core. Query checking lives in
:mod:`~reader.core.search.checker` (no Whoosh) and
:mod:`~reader.core.search.parsing`; match offsets and snippets in
:mod:`~reader.core.search.highlight`; the schema in
:mod:`~reader.core.search.schema`. The rest of the program sees
:class:`SearchIndex`, :class:`IndexWriter`, the
:class:`~reader.core.model.SearchResult` a search returns, and
:class:`IndexDamaged` when the files on disk cannot be trusted.
"""

from __future__ import annotations

import gc
import heapq
import os
import re
import shutil
import threading
import warnings
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import whoosh.index
from whoosh import collectors, query
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.tokenizers import default_pattern
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from reader.core.model import Document, Hit, QueryError, ReaderError, SearchResult
from reader.core.search import bulk
from reader.core.search.checker import QUERY_FIELDS, SEARCH_FIELDS
from reader.core.search.counting import DateFiltered
from reader.core.search.dates import TabledRange
from reader.core.search.highlight import (
    SNIPPET_CHARS,
    _Locator,
    _loose_terms,
    _phrases,
    _StemTokens,
    make_snippet,
)
from reader.core.search.parsing import check_query, make_parser, parse_query
from reader.core.search.schema import INDEX_FORMAT, _document_fields, build_schema

__all__ = [
    "DEFAULT_LIMIT",
    "INDEX_FORMAT",
    "QUERY_FIELDS",
    "SEARCH_FIELDS",
    "SNIPPET_CHARS",
    "IndexDamaged",
    "IndexWriter",
    "LockedIndex",
    "SearchIndex",
    "WriterOptions",
    "build_schema",
    "check_query",
    "make_snippet",
    "parse_query",
]

INDEX_NAME = "MAIN"
_WRITELOCK = f"{INDEX_NAME}_WRITELOCK"
# Written when a search fails to read the files; the next update rebuilds.
_DAMAGED_MARK = "REBUILD_NEEDED"

DEFAULT_LIMIT = 50


class IndexDamaged(ReaderError):
    """The index on disk is missing, unreadable or not the one we wrote; rebuild it."""


@dataclass(frozen=True)
class WriterOptions:
    """Whoosh writer tuning (see tests/perf/bench_ingest.py for the figures)."""

    limitmb: int = 128
    procs: int = 1
    multisegment: bool = False
    # Let Whoosh's own token chain analyse each body: the same terms, three
    # times slower (see _BodyTerms); for comparison only.
    whoosh_analysis: bool = False


# Whoosh's word pattern without its capturing group (``findall`` then gives
# whole matches); greedy, it matches exactly the same spans.
_WORD_PATTERNS = {default_pattern.pattern: r"[\w\*]+(?:\.?[\w\*]+)*"}


class _BodyTerms:
    """The terms the body's analyzer makes of a text, in order, at a third of its cost.

    Whoosh runs every word through a chain of generators (tokenizer,
    lowercase, stop words, stemmer): 10 s for a 20 MB article. Here each
    distinct word goes through the same steps once, and the text is split
    with one ``findall``. A field value given as a list of terms is indexed
    by Whoosh as it stands, each term one position on from the last: the
    same postings as the analyzer's, counted from the first kept word
    rather than from the first word, which no query can tell apart (a
    phrase compares positions with each other). Only the analyzer the
    schema builds is recognised; for any other, :meth:`of` gives None and
    Whoosh analyses the text itself.
    """

    # Distinct words remembered; past it the memory is dropped and refilled.
    _CACHE_MAX = 200_000

    def __init__(self, words: re.Pattern[str], stop: StopFilter, stem: StemFilter) -> None:
        self._words = words
        self._stops = stop.stops
        self._min = stop.min
        self._max = stop.max
        self._ignore = stem.ignore
        self._stem = stem._stem
        self._cache: dict[str, str | None] = {}

    @classmethod
    def of(cls, analyzer: Any) -> _BodyTerms | None:
        items = list(getattr(analyzer, "items", ()))
        kinds = [type(item) for item in items]
        if kinds != [RegexTokenizer, LowercaseFilter, StopFilter, StemFilter]:
            return None
        tokenizer, _lower, stop, stem = items
        words = _WORD_PATTERNS.get(tokenizer.expression.pattern)
        if tokenizer.gaps or not stop.renumber or words is None:
            return None
        return cls(re.compile(words, tokenizer.expression.flags), stop, stem)

    def _term(self, word: str) -> str | None:
        text = word.lower()
        if len(text) < self._min or (self._max is not None and len(text) > self._max):
            return None
        if text in self._stops:
            return None
        return text if text in self._ignore else str(self._stem(text))

    def __call__(self, text: str) -> list[str]:
        words = self._words.findall(text)
        cache = self._cache
        new = set(words).difference(cache)
        if len(cache) + len(new) > self._CACHE_MAX:
            cache.clear()
            new = set(words)
        for word in new:
            cache[word] = self._term(word)
        return [term for term in map(cache.__getitem__, words) if term is not None]


class IndexWriter:
    """Adds and removes documents; nothing is visible until :meth:`commit`.

    Holds Whoosh's write lock until committed or cancelled; use as a context
    manager so an exception cancels the batch instead of leaving it locked.
    """

    def __init__(self, writer: Any, *, fresh: bool, body_terms: _BodyTerms | None = None) -> None:
        self._w = writer
        self._fresh = fresh
        self._open = True
        self._body_terms = body_terms

    def add(self, doc: Document, analysis: dict[str, Any] | None = None) -> None:
        """Index ``doc`` (replacing any earlier version with the same id)."""
        values = _document_fields(doc, analysis)
        body = values.get("body")
        if self._body_terms is not None and body:
            # Indexed as its terms, stored as its text.
            values["body"] = self._body_terms(body)
            values["_stored_body"] = body
        if self._fresh:
            self._w.add_document(**values)  # nothing to replace: skip the lookup
        else:
            self._w.update_document(**values)

    def delete(self, doc_id: str) -> None:
        self._w.delete_by_term("id", doc_id)

    def commit(self) -> None:
        if self._open:
            self._open = False
            self._w.commit()

    def cancel(self) -> None:
        if self._open:
            self._open = False
            self._w.cancel()

    def __enter__(self) -> IndexWriter:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.cancel()


class SearchIndex:
    """The Whoosh index in one folder, with a cached searcher.

    Opening is lazy; :meth:`problem` says whether the files can be trusted,
    :meth:`reset` wipes and recreates them. Searches are serialised by a lock
    because a Whoosh searcher is not thread-safe.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        self.schema = build_schema()
        self._parser = make_parser(self.schema)
        self._body_tokens = _StemTokens(self.schema["body"].analyzer)
        self._ix: Any = None
        self._searcher: Any = None
        self._lock = threading.RLock()
        self._cache: OrderedDict[str, _Prepared] = OrderedDict()
        # The id column of the current searcher: opening it reads its whole
        # offset table (3 ms at 20,000 articles), so it is opened once per searcher.
        self._id_column: tuple[Any, Any] | None = None
        self._id_list: tuple[Any, list[str]] | None = None

    # -- opening and health ------------------------------------------------

    def exists(self) -> bool:
        return self.directory.is_dir() and whoosh.index.exists_in(
            str(self.directory), indexname=INDEX_NAME
        )

    def _storage(self) -> FileStorage:
        return FileStorage(str(self.directory))

    def _open(self) -> Any:
        if self._ix is None:
            if not self.exists():
                raise IndexDamaged("the search index has not been built yet")
            failure = ""
            with _leaks_ignored():
                try:
                    ix = self._storage().open_index(INDEX_NAME)
                except Exception as exc:
                    failure = type(exc).__name__
                if failure:
                    gc.collect()  # the half-read table of contents, while quiet
            if failure:
                raise IndexDamaged(f"the search index cannot be opened ({failure})")
            if set(ix.schema.names()) != set(self.schema.names()):
                ix.close()
                raise IndexDamaged("the search index was written by another version")
            self._ix = ix
        return self._ix

    def problem(self, expected: dict[str, Any] | None = None) -> str | None:
        """Why the index cannot be trusted, or None if it can.

        ``expected`` is the :meth:`signature` recorded after the last commit:
        any file changed behind our back (truncated, overwritten, a commit
        that never finished) makes the index suspect. Without it, only
        whether the index opens and reads is checked.
        """
        with self._lock:
            self.close()
            marker = self.directory / _DAMAGED_MARK
            if marker.is_file():
                reason = marker.read_text(encoding="utf-8", errors="replace").strip()
                return f"the search index could not be read during a search ({reason})"
            if expected is not None and self.directory.is_dir():
                mismatch = self._signature_mismatch(expected)
                if mismatch:
                    return mismatch
            failure: str | None = None
            with _leaks_ignored():
                try:
                    ix = self._open()
                    with ix.searcher() as s:
                        s.doc_count()
                        # Read a little of the id terms so a garbled segment
                        # fails here rather than in the middle of a search.
                        for _ in zip(range(3), s.reader().lexicon("id"), strict=False):
                            pass
                except IndexDamaged as exc:
                    failure = str(exc)
                except Exception as exc:
                    failure = f"the search index is damaged ({type(exc).__name__})"
                if failure is not None:
                    self.close()
                    gc.collect()
            return failure

    def _signature_mismatch(self, expected: dict[str, Any]) -> str | None:
        current = self.signature()
        if current.get("format") != expected.get("format"):
            return "the search index was written by another version"
        if current.get("generation") != expected.get("generation"):
            return "the search index was not saved completely last time"
        have = current.get("files", {})
        for name, stat in expected.get("files", {}).items():
            if have.get(name) != stat:
                return f"the search index file {name} has been changed or lost"
        return None

    def signature(self) -> dict[str, Any]:
        """What the index folder looks like now: generation and file sizes/mtimes."""
        files: dict[str, list[int]] = {}
        for entry in os.scandir(self.directory):
            if entry.is_file() and not entry.name.endswith("LOCK") and entry.name != _DAMAGED_MARK:
                st = entry.stat()
                files[entry.name] = [st.st_size, st.st_mtime_ns]
        try:
            generation = whoosh.index.TOC._latest_generation(self._storage(), INDEX_NAME)
        except Exception:
            generation = -1
        return {"format": INDEX_FORMAT, "generation": generation, "files": files}

    def reset(self) -> None:
        """Delete whatever is in the folder and create an empty index."""
        with self._lock:
            self.close()
            folder = self.directory
            if folder.exists() and not folder.is_dir():
                raise ReaderError(
                    f"{folder} is a file, but the search index needs a folder there: "
                    "move the file away"
                )
            try:
                if folder.exists():
                    shutil.rmtree(folder)
                folder.mkdir(parents=True, exist_ok=True)
                self._storage().create_index(self.schema, indexname=INDEX_NAME).close()
            except OSError as error:
                raise self._unwritable(error) from None

    def _unwritable(self, error: OSError) -> ReaderError:
        why = error.strerror or type(error).__name__
        return ReaderError(
            f"the search index folder {self.directory} cannot be written ({why}): "
            "check that it is yours and not read-only"
        )

    def clear_stale_lock(self) -> bool:
        """Remove Whoosh's write lock file; call only while holding the ingest lock."""
        lock = self.directory / _WRITELOCK
        try:
            lock.unlink()
        except FileNotFoundError:
            return False
        return True

    def writer(self, options: WriterOptions | None = None, *, fresh: bool = False) -> IndexWriter:
        """A writer for one batch; ``fresh`` promises no indexed id is added again.

        Raises :class:`LockedIndex` if another writer holds Whoosh's lock.
        """
        opts = options or WriterOptions()
        with self._lock:
            ix = self._open()
            kwargs: dict[str, Any] = {"limitmb": opts.limitmb, "compound": False}
            if opts.procs > 1:
                kwargs.update(procs=opts.procs, multisegment=opts.multisegment)
            try:
                w = ix.writer(**kwargs)
            except LockError:
                raise LockedIndex("the search index is locked by another writer") from None
            except OSError as error:
                raise self._unwritable(error) from None
            # Worker processes (procs > 1) analyse in parallel themselves.
            fast = opts.procs <= 1 and not opts.whoosh_analysis
            terms = _BodyTerms.of(w.schema["body"].analyzer) if fast else None
            return IndexWriter(w, fresh=fresh, body_terms=terms)

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            if self._ix is not None:
                self._ix.close()
                self._ix = None

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------

    def _current_searcher(self) -> Any:
        if self._searcher is None:
            self._searcher = self._open().searcher()
        elif not self._searcher.up_to_date():
            if self._searcher.reader().segments() and not self._deletions_changed():
                # Reuses the readers of unchanged segments.
                self._searcher = self._searcher.refresh()
            else:
                # Whoosh cannot refresh a searcher over an empty index.
                self._searcher.close()
                self._searcher = self._open().searcher()
        return self._searcher

    def _deletions_changed(self) -> bool:
        """Whether a segment the searcher reads has had articles deleted since.

        Whoosh's refresh reuses the reader of every segment still in the
        index, by segment name; one that only gained deletions (an article
        removed or replaced by another process) keeps its old reader and
        would go on finding the removed articles.
        """
        old = {seg.segment_id(): seg.deleted_count() for seg in self._searcher.reader().segments()}
        return any(
            old.get(seg.segment_id(), seg.deleted_count()) != seg.deleted_count()
            for seg in self._open()._segments()
        )

    def doc_count(self) -> int:
        with self._lock:
            try:
                return int(self._current_searcher().doc_count())
            except IndexDamaged:
                return 0

    def ids(self) -> set[str]:
        """Every indexed id (for consistency checks)."""
        with self._lock:
            s = self._current_searcher()
            reader = s.reader()
            return {reader.stored_fields(n)["id"] for n in reader.all_doc_ids()}

    def search(
        self, text: str, *, limit: int | None = DEFAULT_LIMIT, every_match: bool = False
    ) -> SearchResult:
        """Ranked hits for a query, each with a snippet and body offsets, and the exact total.

        ``every_match`` also ranks every matching article into
        :attr:`SearchResult.ranked` (ids and scores, no snippets), for a list
        that fetches the rest with :meth:`hits` as it scrolls.

        Raises QueryError for a malformed query and IndexDamaged when the
        index cannot be read (the caller should re-run ingest to rebuild).
        """
        return self._reading(lambda: self._search(text, limit, every_match))

    def hits(self, text: str, ranked: Iterable[tuple[str, float]]) -> list[Hit]:
        """The hits of ``text`` in these ``(id, score)`` articles, in the order given.

        For a list that shows a search page by page: ``ranked`` comes from
        :attr:`SearchResult.ranked`, and the parsed query and its expanded
        terms are reused from the search that ranked them. Ids no longer in
        the index are left out.
        """
        return self._reading(lambda: self._hits_by_id(self._prepared(text), list(ranked)))

    def search_ids(self, text: str) -> list[str]:
        """Ids of every matching article, best first, without snippets or offsets.

        For filtering a list by a query: reads ids from the id column, so
        neither stored bodies nor offsets are computed (a broad query over
        100,000 articles stays cheap). Raises like :meth:`search`.
        """
        return self._reading(lambda: [doc_id for _, doc_id, _ in self._ranked(text)])

    def _reading(self, work: Callable[[], _T]) -> _T:
        """Run a read under the lock; a failure of the files becomes IndexDamaged."""
        with self._lock, _leaks_ignored():
            failure = ""
            try:
                return work()
            except (QueryError, IndexDamaged):
                raise
            except Exception as exc:
                failure = type(exc).__name__
            # Raised outside the except clause so the failed reader, and the
            # files it holds, are collected here, not by whoever catches this.
            self.close()
            gc.collect()
            self._mark_damaged(failure)
            raise IndexDamaged(
                f"the search index cannot be read ({failure}); it is rebuilt at the next index "
                "update (corpus-reader index, or File → Update Index)"
            )

    def _mark_damaged(self, reason: str) -> None:
        """Leave a note that the files failed to read, so the next update rebuilds them.

        Damage inside a file that kept its size and time is invisible to the
        signature check; this note is how the next ``index`` learns of it.
        """
        # A folder we cannot write: the message still says to rebuild.
        with suppress(OSError):
            (self.directory / _DAMAGED_MARK).write_text(reason + "\n", encoding="utf-8")

    def _prepared(self, text: str) -> _Prepared:
        """The parsed query and what to mark for it, kept while the index is unchanged.

        A list scrolling through a search asks for the same query page after
        page; parsing and expanding prefix or fuzzy terms once pays there.
        """
        searcher = self._current_searcher()
        found = self._cache.get(text)
        if found is not None and found.searcher is searcher:
            self._cache.move_to_end(text)
            return found
        reader = searcher.reader()
        q = _with_expansions_kept(parse_query(text, self._parser), reader)
        body_terms, body_phrases = self._field_terms(q, reader, "body")
        title_terms, title_phrases = self._field_terms(q, reader, "title")
        locator = _Locator(self._body_tokens, body_terms, body_phrases)
        # The header is marked for the words sought in the title or the body.
        header = _Locator(self._body_tokens, body_terms | title_terms, body_phrases + title_phrases)
        prepared = _Prepared(q, searcher, locator, header)
        self._cache[text] = prepared
        while len(self._cache) > _CACHED_QUERIES:
            self._cache.popitem(last=False)
        return prepared

    def _ids(self, searcher: Any) -> Any:
        """docnum -> id for ``searcher``, read from the id column."""
        if self._id_column is None or self._id_column[0] is not searcher:
            self._id_column = (searcher, searcher.reader().column_reader("id"))
        return self._id_column[1]

    def _ranked(self, text: str) -> list[tuple[int, str, float]]:
        """``(docnum, id, score)`` of every match, best first."""
        prepared = self._prepared(text)
        searcher = prepared.searcher
        items = bulk.scores(prepared.query, searcher)
        if items is None:
            collector = collectors.UnlimitedCollector()
            searcher.search_with_collector(prepared.query, collector)
            items = collector.items
        items = sorted(items, key=lambda item: (-item[0], item[1]))
        # Thousands of ids: read from a list, not one column read each (35 ms
        # for 17,000 matches at 100,000 articles).
        ids = self._all_ids(searcher) if len(items) > _FEW else self._ids(searcher)
        return [(docnum, ids[docnum], float(score)) for score, docnum in items]

    def _all_ids(self, searcher: Any) -> list[str]:
        """docnum -> id for every document of ``searcher``, as a list."""
        if self._id_list is None or self._id_list[0] is not searcher:
            every: list[str] = []
            for leaf, offset in searcher.leaf_searchers():
                assert offset == len(every)
                every.extend(_segment_ids(leaf.reader()))
            self._id_list = (searcher, every)
        return self._id_list[1]

    def _search(self, text: str, limit: int | None, every_match: bool) -> SearchResult:
        prepared = self._prepared(text)
        searcher = prepared.searcher
        if every_match or limit is None:
            ranked = self._ranked(text)
            top = ranked if limit is None else ranked[:limit]
            hits = self._hits_of(prepared, top)
            return SearchResult(
                query=text,
                total=len(ranked),
                hits=hits,
                ranked=[(doc_id, score) for _, doc_id, score in ranked] if every_match else [],
            )
        ids = self._ids(searcher)
        scored = bulk.scores(prepared.query, searcher)
        if scored is not None:
            # Best first, and among equal scores the earlier article, as Whoosh ranks them.
            best = heapq.nsmallest(max(0, limit), scored, key=lambda item: (-item[0], item[1]))
            top = [(docnum, ids[docnum], float(score)) for score, docnum in best]
            return SearchResult(query=text, total=len(scored), hits=self._hits_of(prepared, top))
        # Otherwise (a phrase; a small index, whose ORs Whoosh preloads) every
        # match is stepped through once, scored and counted. Not Whoosh's
        # default TopCollector: it skips blocks that cannot reach the top N
        # and replaces its matcher as the minimum score rises (an OR over
        # title and body becomes an AND), so its count stops early, and over
        # several segments with deletions it drops top hits as well.
        collector = collectors.TopCollector(max(1, limit), usequality=False, replace=0)
        searcher.search_with_collector(prepared.query, collector)
        results = collector.results()
        top = [(hit.docnum, ids[hit.docnum], float(hit.score or 0.0)) for hit in results][:limit]
        total = collector.count()
        return SearchResult(query=text, total=total, hits=self._hits_of(prepared, top))

    def _hits_by_id(self, prepared: _Prepared, ranked: list[tuple[str, float]]) -> list[Hit]:
        searcher = prepared.searcher
        found: list[tuple[int, str, float]] = []
        for doc_id, score in ranked:
            docnum = searcher.document_number(id=doc_id)
            if docnum is not None:
                found.append((docnum, doc_id, score))
        return self._hits_of(prepared, found)

    def _hits_of(self, prepared: _Prepared, ranked: list[tuple[int, str, float]]) -> list[Hit]:
        """The hits of these ``(docnum, id, score)`` matches, snippets and offsets included."""
        searcher = prepared.searcher
        locator = prepared.locator
        hits: list[Hit] = []
        for docnum, doc_id, score in ranked:
            stored = searcher.stored_fields(docnum)
            body = stored.get("body", "")
            matches = locator.locate(body)
            header = prepared.header
            header_matches = [("title", s, e) for s, e in header.locate(stored.get("title", ""))]
            header_matches += [
                ("subtitle", s, e) for s, e in header.locate(stored.get("subtitle", ""))
            ]
            for n, caption in enumerate(stored.get("captions") or ()):
                header_matches += [(f"caption {n}", s, e) for s, e in header.locate(caption)]
            hits.append(
                Hit(
                    id=doc_id,
                    title=stored.get("title", ""),
                    publisher=stored.get("publisher", ""),
                    published=stored.get("published_text"),
                    score=round(float(score or 0.0), 4),
                    snippet=make_snippet(body, matches),
                    matches=matches,
                    header_matches=header_matches,
                )
            )
        return hits

    @staticmethod
    def _field_terms(
        q: query.Query, reader: Any, fieldname: str
    ) -> tuple[set[str], list[list[str]]]:
        """A field's terms to mark wherever they occur, and the phrases to mark as phrases.

        Worked out once per query rather than per hit with
        ``search(terms=True)``: the terms collector tracks every term
        matcher on every matching document, which tripled the cost of a
        date-range query (whose numeric range expands to many terms) and
        can miss terms Whoosh's block-skipping never visits. A query term
        found in a hit's body is exactly a term that matched it, so the
        result is the same. Prefix, wildcard and fuzzy leaves are expanded
        against the index as Whoosh itself expands them.
        """
        loose, multi = _loose_terms(q, fieldname)
        for leaf in multi:
            for _field, btext in leaf.expanded_terms(reader):
                loose.add(btext.decode("utf-8") if isinstance(btext, bytes) else btext)
        return loose, _phrases(q, fieldname)


@dataclass
class _Prepared:
    """A parsed query, the searcher it was prepared against, and what to mark for it."""

    query: query.Query
    searcher: Any
    locator: _Locator  # the body's marks
    header: _Locator  # the title's, subtitle's and captions' marks


_CACHED_QUERIES = 32

# Up to this many matches, their ids are read from the id column one by one.
_FEW = 2000

# Each segment's ids in document order, read once per segment: Whoosh hands
# the same reader of an unchanged segment to every refreshed searcher.
_SEGMENT_IDS: weakref.WeakKeyDictionary[Any, list[str]] = weakref.WeakKeyDictionary()


def _segment_ids(reader: Any) -> list[str]:
    found = _SEGMENT_IDS.get(reader)
    if found is None:
        found = _SEGMENT_IDS[reader] = list(reader.column_reader("id"))
    return found


# A prefix, wildcard or fuzzy word may stand for at most this many indexed
# words: more (``s*``, ``e~2`` over a large corpus) takes seconds to search
# and is never what a reader meant.
MAX_EXPANSION = 1000

# Nor may the words a query's prefixes, wildcards and fuzzy words stand for
# occur, all told, in more than this many article-word pairs: each is scored
# (about 1.3 µs apiece when scored at once, see bulk.py), so at this bound a
# search stays near two thirds of a second. Over 100,000 real articles ``re*``
# and ``co*`` (400,000 pairs, half a second) are answered, ``a*`` (876,000)
# and ``e~2`` (1.4 million, two seconds) refused.
MAX_EXPANDED_POSTINGS = 500_000


def _with_expansions_kept(q: query.Query, reader: Any) -> query.Query:
    """``q`` with each prefix, wildcard and fuzzy word expanded once, against ``reader``.

    Whoosh expands such a word again at every search (a fuzzy word walks
    the whole term list: a quarter of a second at 2,000 real articles); a
    query kept for the list's next pages, or run again while the reader
    refines it, reuses the words found here. Scoring is Whoosh's own: only
    where the words come from changes. Raises QueryError for a word that
    stands for more than :data:`MAX_EXPANSION` indexed words, or a query
    whose expanded words occur in more than :data:`MAX_EXPANDED_POSTINGS`
    article-word pairs. A date range is answered from the segments' date
    tables (:mod:`~reader.core.search.dates`).
    """
    budget = [MAX_EXPANDED_POSTINGS]
    return DateFiltered.around(_expanded(q, reader, budget))


def _expanded(q: query.Query, reader: Any, budget: list[int]) -> query.Query:
    if isinstance(q, query.NumericRange):
        return TabledRange.of(q)
    if isinstance(q, query.MultiTerm):
        btexts = list(islice(q._btexts(reader), MAX_EXPANSION + 1))
        shown = _as_typed(q)
        if len(btexts) > MAX_EXPANSION:
            raise QueryError(
                f"{shown!r} stands for more than {MAX_EXPANSION:,} different words in the "
                "corpus: make it more precise"
            )
        field = q.field()
        budget[0] -= sum(reader.doc_frequency(field, btext) for btext in btexts)
        if budget[0] < 0:
            raise QueryError(
                f"{shown!r} stands for words found in too many articles to rank quickly "
                f"({MAX_EXPANDED_POSTINGS - budget[0]:,} article matches): make it more precise"
            )
        return _Expanded(q, btexts)
    return q.apply(lambda child: _expanded(child, reader, budget))


def _as_typed(q: query.MultiTerm) -> str:
    """A prefix, wildcard or fuzzy word as the reader typed it (``tele*``, ``mobile~2``)."""
    text = str(getattr(q, "text", "") or q)
    if isinstance(q, query.FuzzyTerm):
        return f"{text}~" if q.maxdist == 1 else f"{text}~{q.maxdist}"
    if isinstance(q, query.Prefix):
        return f"{text}*"
    return text


class _Expanded(query.MultiTerm):
    """A multi-term query whose words were found once; it searches as the original would."""

    def __init__(self, original: query.MultiTerm, btexts: list[bytes]) -> None:
        self.original = original
        self.fieldname = original.fieldname
        self.text = getattr(original, "text", "")
        self.boost = original.boost
        self.constantscore = original.constantscore
        self._found = btexts

    def _btexts(self, ixreader: Any) -> list[bytes]:
        # Whoosh expands per segment; the words a segment lacks are left out
        # likewise, so each segment's OR (and the order its scores are
        # added in) is the one Whoosh would build there.
        fieldname = self.fieldname
        return [btext for btext in self._found if (fieldname, btext) in ixreader]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Expanded) and other.original == self.original

    def __hash__(self) -> int:
        return hash(self.original)

    def __str__(self) -> str:
        return str(self.original)

    def __repr__(self) -> str:
        return f"_Expanded({self.original!r})"


_T = TypeVar("_T")


@contextmanager
def _leaks_ignored() -> Iterator[None]:
    """Silence the ResourceWarnings of files Whoosh leaves open when a segment fails to load.

    They are noise once the failure itself is reported (and fatal under the
    test suite's warnings-as-errors); the files are collected on the way out.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        yield


class LockedIndex(ReaderError):
    """Whoosh's own write lock is held; under our ingest lock that means it is stale."""
