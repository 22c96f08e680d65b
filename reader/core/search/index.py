"""The full-text index: every line of Whoosh in Corpus Reader lives in this module.

Keeping Whoosh behind one module lets the distribution (we pin
``whoosh-reloaded``) be swapped without touching the rest of the core. The
rest of the program sees :class:`SearchIndex`, :class:`IndexWriter`, the
:class:`~reader.core.model.SearchResult` a search returns, and
:class:`IndexDamaged` when the files on disk cannot be trusted.

Search speaks the Whoosh query language over title and body (AND, OR, NOT,
``-word``, "phrases", ``prefix*``, ``fuzzy~``, ``field:value`` and date
ranges on ``published``). Whoosh's parser accepts nearly anything and
silently drops what it does not understand, so :func:`parse_query` checks
the raw text first and raises :class:`~reader.core.model.QueryError` with a
one-line explanation instead of returning surprising results.

Every hit carries the ``[start, end]`` offsets of each matched word in
:attr:`Document.body_text`: the stored body is re-tokenised with the body
field's own analyzer, so stemmed forms and prefix/fuzzy expansions line up
exactly with what the index matched.
"""

from __future__ import annotations

import calendar
import gc
import os
import re
import shutil
import threading
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import whoosh.index
from whoosh import fields, qparser, query
from whoosh.analysis import (
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StemmingAnalyzer,
    StopFilter,
)
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError
from whoosh.qparser import MultifieldParser
from whoosh.qparser.syntax import ErrorNode

from reader.core.model import Document, Hit, QueryError, ReaderError, SearchResult

# Bump when the schema or what goes into a field changes: an index written
# with another format is rebuilt rather than read.
INDEX_FORMAT = "1"

INDEX_NAME = "MAIN"
_WRITELOCK = f"{INDEX_NAME}_WRITELOCK"

DEFAULT_LIMIT = 50
SNIPPET_CHARS = 220

# Fields a query may name, and the ones plain words search.
SEARCH_FIELDS = ("title", "body")
QUERY_FIELDS = ("id", "title", "publisher", "published", "body", "entities")


class IndexDamaged(ReaderError):
    """The index on disk is missing, unreadable or not the one we wrote; rebuild it."""


def build_schema() -> fields.Schema:
    """The index schema; ``INDEX_FORMAT`` must change whenever this does."""
    stem = StemmingAnalyzer()
    return fields.Schema(
        # sortable: a column gives docnum -> id without unpickling stored bodies.
        id=fields.ID(unique=True, stored=True, sortable=True),
        title=fields.TEXT(analyzer=stem, stored=True, field_boost=2.0),
        publisher=fields.TEXT(stored=True),
        published=fields.DATETIME(),
        # The exact ISO string the article gave, to hand back unchanged.
        published_text=fields.STORED(),
        body=fields.TEXT(analyzer=stem, stored=True),
        entities=fields.KEYWORD(commas=True, lowercase=True, scorable=True),
    )


@dataclass(frozen=True)
class WriterOptions:
    """Whoosh writer tuning (see tests/perf/bench_ingest.py for the figures)."""

    limitmb: int = 128
    procs: int = 1
    multisegment: bool = False


# --------------------------------------------------------------------------
# Query checking and rewriting
# --------------------------------------------------------------------------

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_BINARY = _OPERATORS - {"NOT"}
_FIELD_RE = re.compile(r"^([A-Za-z_]\w*):(.*)$", re.S)
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_RANGE_RE = re.compile(r"^([\[{])\s*(.*?)\s*([\]}])$", re.S)


def _tokens(text: str) -> list[str]:
    """Split a raw query into quoted phrases, brackets, ranges and words.

    Raises QueryError for an unbalanced quote, parenthesis or range bracket,
    which Whoosh would otherwise silently repair in its own way.
    """
    tokens: list[str] = []
    i, n = 0, len(text)
    depth = 0
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c in "()":
            depth += 1 if c == "(" else -1
            if depth < 0:
                raise QueryError("unbalanced parenthesis: ')' without a matching '('")
            tokens.append(c)
            i += 1
            continue
        # A word runs to whitespace or a parenthesis, but a quoted phrase or a
        # [range] inside it (title:"...", published:[a TO b]) belongs to it.
        start = i
        while i < n and not text[i].isspace() and text[i] not in "()":
            if text[i] == '"':
                end = text.find('"', i + 1)
                if end < 0:
                    raise QueryError('unbalanced quote: a phrase is opened with " but not closed')
                i = end + 1
            elif text[i] in "[{":
                close = re.compile(r"[\]}]").search(text, i + 1)
                if close is None:
                    raise QueryError(
                        f"unbalanced bracket: range opened with {text[i]!r} but not closed"
                    )
                i = close.end()
            elif text[i] in "]}":
                raise QueryError(f"unbalanced bracket: {text[i]!r} without an opening bracket")
            else:
                i += 1
        tokens.append(text[start:i])
    if depth > 0:
        raise QueryError("unbalanced parenthesis: '(' without a matching ')'")
    return tokens


def _check_operators(tokens: list[str]) -> None:
    prev: str | None = None  # None: at the start of the query or of a group
    # The sentinel ")" closes the whole query the way ")" closes a group.
    for tok in [*tokens, ")"]:
        if tok in _BINARY and (prev is None or prev in _OPERATORS):
            where = "at the start" if prev is None else f"right after {prev}"
            raise QueryError(f"{tok} {where} has nothing to join")
        if tok == ")" and prev in _OPERATORS:
            raise QueryError(f"{prev} at the end has nothing to apply to")
        if tok == ")" and prev is None and tokens:
            raise QueryError("empty parentheses: () has nothing inside")
        prev = None if tok == "(" else tok


def _parse_day(text: str, *, end: bool) -> date:
    """``2019``, ``2019-06`` or ``2019-06-29`` (also ``20190629``) as the first or last day."""
    raw = text.strip()
    if re.fullmatch(r"\d{8}", raw):
        raw = f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    elif re.fullmatch(r"\d{6}", raw):
        raw = f"{raw[:4]}-{raw[4:]}"
    m = _DATE_RE.match(raw)
    if not m:
        raise QueryError(f"bad date {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        mon = int(month)
        if day is None:
            last = calendar.monthrange(year, mon)[1] if 1 <= mon <= 12 else 0
            return date(year, mon, last if end else 1)
        return date(year, mon, int(day))
    except ValueError:
        raise QueryError(f"bad date {text!r}: there is no such date") from None


def _day_after(d: date) -> date:
    return date.fromordinal(d.toordinal() + 1)


def _day_before(d: date) -> date:
    return date.fromordinal(d.toordinal() - 1)


def _rewrite_date(value: str) -> str:
    """Turn a ``published:`` value into a range Whoosh's DATETIME field reads right.

    Whoosh's own date parser misreads ISO dates inside ranges (it takes
    ``[2019-01-01 TO 2019-06-30]`` as all of 2019), so every form is turned
    into ``[YYYYMMDD TO YYYYMMDD]`` here, with partial dates widened to the
    whole month or year.
    """
    fmt = "%Y%m%d"
    for op in (">=", "<=", ">", "<"):
        if value.startswith(op):
            rest = value[len(op) :]
            if op == ">=":
                return f"[{_parse_day(rest, end=False):{fmt}} TO]"
            if op == ">":
                return f"[{_day_after(_parse_day(rest, end=True)):{fmt}} TO]"
            if op == "<=":
                return f"[TO {_parse_day(rest, end=True):{fmt}}]"
            return f"[TO {_day_before(_parse_day(rest, end=False)):{fmt}}]"
    m = _RANGE_RE.match(value)
    if m:
        opening, inner, closing = m.groups()
        halves = re.split(r"(?:^|\s+)TO(?:\s+|$)", inner, maxsplit=1, flags=re.I)
        if len(halves) != 2:
            raise QueryError(f"bad date range {value!r}: write [START TO END]")
        lo_text, hi_text = (h.strip() for h in halves)
        if not lo_text and not hi_text:
            raise QueryError(f"bad date range {value!r}: give a start, an end or both")
        lo = hi = ""
        if lo_text:
            lo_day = (
                _day_after(_parse_day(lo_text, end=True))
                if opening == "{"
                else _parse_day(lo_text, end=False)
            )
            lo = f"{lo_day:{fmt}}"
        if hi_text:
            hi_day = (
                _day_before(_parse_day(hi_text, end=False))
                if closing == "}"
                else _parse_day(hi_text, end=True)
            )
            hi = f"{hi_day:{fmt}}"
        if lo and hi and lo > hi:
            raise QueryError(f"bad date range {value!r}: the start is after the end")
        return f"[{lo} TO {hi}]".replace("[ TO", "[TO").replace("TO ]", "TO]")
    lo_day, hi_day = _parse_day(value, end=False), _parse_day(value, end=True)
    return f"[{lo_day:{fmt}} TO {hi_day:{fmt}}]"


def _rewrite(tokens: list[str]) -> str:
    out: list[str] = []
    for tok in tokens:
        if tok.startswith("-") and len(tok) > 1 and tok[1] not in "-":
            # "-word" means NOT word; Whoosh would otherwise search for "word".
            out.append("NOT")
            tok = tok[1:]
        elif tok in ("-", "+"):
            raise QueryError(f"{tok!r} on its own has nothing to apply to")
        elif tok.startswith("+") and len(tok) > 1:
            tok = tok[1:]  # required is what AND already means
        m = _FIELD_RE.match(tok)
        if m:
            name, value = m.group(1), m.group(2)
            if name not in QUERY_FIELDS:
                known = ", ".join(QUERY_FIELDS)
                raise QueryError(f"unknown field {name!r}: search one of {known}")
            if not value:
                raise QueryError(f"{name}: is missing a value")
            if name == "published":
                tok = f"published:{_rewrite_date(value)}"
            elif name == "entities" and ":" in value and not value.startswith('"'):
                # Entity keys contain colons ("person:..."); quoted, Whoosh
                # does not read the part before the colon as a field name.
                tok = f'entities:"{value}"'
        out.append(tok)
    return " ".join(out)


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
    if not text or not text.strip():
        raise QueryError("empty query: type some words to search for")
    tokens = _tokens(text)
    if not tokens:
        raise QueryError("empty query: type some words to search for")
    _check_operators(tokens)
    if all(t in _OPERATORS or t in "()" for t in tokens):
        raise QueryError("the query has operators but no words to search for")
    rewritten = _rewrite(tokens)
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


# --------------------------------------------------------------------------
# Locating matches
# --------------------------------------------------------------------------


def _phrases(q: query.Query, fieldname: str) -> list[list[str]]:
    found: list[list[str]] = []
    if isinstance(q, query.Phrase) and q.fieldname == fieldname:
        found.append([w for w in q.words if w])
    elif not isinstance(q, query.Not):
        for child in q.children():
            found.extend(_phrases(child, fieldname))
    return found


def _loose_terms(q: query.Query, fieldname: str) -> tuple[set[str], list[query.Query]]:
    """Plain terms, and multi-term leaves (prefix, fuzzy...), outside phrases and NOTs."""
    words: set[str] = set()
    multi: list[query.Query] = []
    if isinstance(q, query.Not | query.Phrase):
        return words, multi
    if isinstance(q, query.AndNot):
        return _loose_terms(q.a, fieldname)
    if isinstance(q, query.Term) and q.field() == fieldname:
        words.add(q.text)
    elif isinstance(q, query.MultiTerm) and q.field() == fieldname:
        multi.append(q)
    for child in q.children():
        w, m = _loose_terms(child, fieldname)
        words |= w
        multi.extend(m)
    return words, multi


class _StemTokens:
    """The body field's analyzer, unrolled: the same tokens, several times faster.

    Whoosh's analyzers chain generators of Token objects, which costs more
    than the search itself when 20 bodies are re-tokenised per query. When
    the analyzer is the plain StemmingAnalyzer chain (tokenizer, lowercase,
    stop words, stemmer) this does the same steps inline with a memo of
    stems; for any other analyzer :func:`tokens` runs the analyzer itself.
    A test checks both give the same tokens.
    """

    _MEMO_LIMIT = 200_000

    def __init__(self, analyzer: Any) -> None:
        self.analyzer = analyzer
        self.fast = False
        items = getattr(analyzer, "items", None)
        if (
            items
            and len(items) == 4
            and type(items[0]) is RegexTokenizer
            and not items[0].gaps
            and type(items[1]) is LowercaseFilter
            and type(items[2]) is StopFilter
            and type(items[3]) is StemFilter
        ):
            tok, _, stop, stem = items
            self.fast = True
            self._finditer = tok.expression.finditer
            self._stops = stop.stops
            self._min = stop.min
            self._max = stop.max
            self._ignore = stem.ignore
            self._stemfn = stem.stemfn
            self._memo: dict[str, str] = {}

    def _stem(self, word: str) -> str:
        if word in self._ignore:
            return word
        if len(self._memo) > self._MEMO_LIMIT:
            self._memo.clear()
        stem = self._stemfn(word)
        self._memo[word] = stem
        return stem

    def tokens(self, text: str) -> Iterator[tuple[str, int, int]]:
        """``(term, start, end)`` for every indexed token of ``text``."""
        if not self.fast:
            for t in self.analyzer(text, chars=True, mode="index"):
                yield t.text, t.startchar, t.endchar
            return
        stops, lo, hi, memo = self._stops, self._min, self._max, self._memo
        for m in self._finditer(text):
            word = m.group().lower()
            n = len(word)
            if n < lo or (hi is not None and n > hi) or word in stops:
                continue
            stem = memo.get(word)
            if stem is None:
                stem = self._stem(word)
            yield stem, m.start(), m.end()


@dataclass
class _Locator:
    """What to mark in a body, worked out once per query."""

    tokenizer: _StemTokens
    loose: set[str]  # terms marked wherever they occur
    phrases: list[list[str]]  # marked only where the words form the phrase

    def locate(self, body: str) -> list[tuple[int, int]]:
        loose, phrases = self.loose, [p for p in self.phrases if p]
        if not loose and not phrases:
            return []
        if not phrases:
            return [(s, e) for term, s, e in self.tokenizer.tokens(body) if term in loose]
        tokens = list(self.tokenizer.tokens(body))
        spans = [(s, e) for term, s, e in tokens if term in loose]
        for words in phrases:
            n = len(words)
            first = words[0]
            for i in range(len(tokens) - n + 1):
                if tokens[i][0] == first and all(tokens[i + k][0] == words[k] for k in range(1, n)):
                    spans.extend((tokens[i + k][1], tokens[i + k][2]) for k in range(n))
        return sorted(set(spans))


def make_snippet(body: str, matches: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> str:
    """A plain-text excerpt around the first matches, cut at word boundaries.

    The excerpt (without the "…" marks) is an exact substring of ``body``
    that never crosses a paragraph break, so a caller can find it again.
    """
    if not body:
        return ""
    first = matches[0][0] if matches else 0
    para_start = body.rfind("\n\n", 0, first)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = body.find("\n\n", first)
    para_end = len(body) if para_end < 0 else para_end
    start = max(para_start, first - width // 4)
    if start > para_start:
        space = body.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(para_end, start + width)
    if end < para_end:
        space = body.rfind(" ", max(first, start), end)
        end = space if space > start else end
    text = body[start:end].strip()
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")


# --------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------


def _published_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def _entity_keys(analysis: dict[str, Any] | None) -> str:
    keys: list[str] = []
    for item in (analysis or {}).get("entities") or []:
        key = item.get("key") if isinstance(item, dict) else None
        if key:
            keys.append(str(key).replace(",", " "))
    return ",".join(dict.fromkeys(keys))


def _document_fields(doc: Document, analysis: dict[str, Any] | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title or "",
        "publisher": doc.publisher or "",
        "published_text": doc.published,
        "body": doc.body_text,
    }
    when = _published_datetime(doc.published)
    if when is not None:
        values["published"] = when
    entities = _entity_keys(analysis)
    if entities:
        values["entities"] = entities
    return values


class IndexWriter:
    """Adds and removes documents; nothing is visible until :meth:`commit`.

    Holds Whoosh's write lock until committed or cancelled; use as a context
    manager so an exception cancels the batch instead of leaving it locked.
    """

    def __init__(self, writer: Any, *, fresh: bool) -> None:
        self._w = writer
        self._fresh = fresh
        self._open = True

    def add(self, doc: Document, analysis: dict[str, Any] | None = None) -> None:
        """Index ``doc`` (replacing any earlier version with the same id)."""
        values = _document_fields(doc, analysis)
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
            if entry.is_file() and not entry.name.endswith("LOCK"):
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
            if self.directory.exists():
                shutil.rmtree(self.directory)
            self.directory.mkdir(parents=True, exist_ok=True)
            self._storage().create_index(self.schema, indexname=INDEX_NAME).close()

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
            return IndexWriter(w, fresh=fresh)

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
            if self._searcher.reader().segments():
                # Reuses the readers of unchanged segments.
                self._searcher = self._searcher.refresh()
            else:
                # Whoosh cannot refresh a searcher over an empty index.
                self._searcher.close()
                self._searcher = self._open().searcher()
        return self._searcher

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

    def search(self, text: str, *, limit: int | None = DEFAULT_LIMIT) -> SearchResult:
        """Ranked hits for a query, each with a snippet and body offsets.

        Raises QueryError for a malformed query and IndexDamaged when the
        index cannot be read (the caller should re-run ingest to rebuild).
        """
        q = parse_query(text, self._parser)
        with self._lock, _leaks_ignored():
            failure = ""
            try:
                return self._search(text, q, limit)
            except (QueryError, IndexDamaged):
                raise
            except Exception as exc:
                failure = type(exc).__name__
            # Raised outside the except clause so the failed reader, and the
            # files it holds, are collected here, not by whoever catches this.
            self.close()
            gc.collect()
            raise IndexDamaged(f"the search index cannot be read ({failure}); rebuild it")

    def search_ids(self, text: str) -> list[str]:
        """Ids of every matching article, best first, without snippets or offsets.

        For filtering a list by a query: reads ids from the id column, so
        neither stored bodies nor offsets are computed (a broad query over
        100,000 articles stays cheap). Raises like :meth:`search`.
        """
        q = parse_query(text, self._parser)
        with self._lock, _leaks_ignored():
            failure = ""
            try:
                searcher = self._current_searcher()
                results = searcher.search(q, limit=None, optimize=False)
                ids = searcher.reader().column_reader("id")
                return [ids[docnum] for docnum, _score in results.items()]
            except (QueryError, IndexDamaged):
                raise
            except Exception as exc:
                failure = type(exc).__name__
            self.close()
            gc.collect()
            raise IndexDamaged(f"the search index cannot be read ({failure}); rebuild it")

    def _search(self, text: str, q: query.Query, limit: int | None) -> SearchResult:
        searcher = self._current_searcher()
        # optimize=False: Whoosh then scores every match in one pass, so the
        # exact total comes with it; with its block-skipping on, len()
        # re-runs the whole query to count (measured: up to 2x slower).
        results = searcher.search(q, limit=limit, optimize=False)
        locator = _Locator(self._body_tokens, *self._body_terms(q, searcher.reader()))
        hits: list[Hit] = []
        for hit in results:
            stored = hit.fields()
            body = stored.get("body", "")
            matches = locator.locate(body)
            hits.append(
                Hit(
                    id=stored["id"],
                    title=stored.get("title", ""),
                    publisher=stored.get("publisher", ""),
                    published=stored.get("published_text"),
                    score=round(float(hit.score or 0.0), 4),
                    snippet=make_snippet(body, matches),
                    matches=matches,
                )
            )
        return SearchResult(query=text, total=len(results), hits=hits)

    @staticmethod
    def _body_terms(q: query.Query, reader: Any) -> tuple[set[str], list[list[str]]]:
        """The body terms to mark wherever they occur, and the phrases to mark as phrases.

        Worked out once per query rather than per hit with
        ``search(terms=True)``: the terms collector tracks every term
        matcher on every matching document, which tripled the cost of a
        date-range query (whose numeric range expands to many terms) and
        can miss terms Whoosh's block-skipping never visits. A query term
        found in a hit's body is exactly a term that matched it, so the
        result is the same. Prefix, wildcard and fuzzy leaves are expanded
        against the index as Whoosh itself expands them.
        """
        loose, multi = _loose_terms(q, "body")
        for leaf in multi:
            for _field, btext in leaf.expanded_terms(reader):
                loose.add(btext.decode("utf-8") if isinstance(btext, bytes) else btext)
        return loose, _phrases(q, "body")


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


def add_all(writer: IndexWriter, docs: Iterable[tuple[Document, dict[str, Any] | None]]) -> int:
    """Index many documents; returns how many."""
    n = 0
    for doc, analysis in docs:
        writer.add(doc, analysis)
        n += 1
    return n
