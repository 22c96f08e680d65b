"""The document cache: cleaned articles and their analysis, in SQLite.

Cleaning and analysis are the slow part of ingest, so their results are kept
here, keyed by article id, beside the fingerprint of the source they came
from (path, size, mtime, content hash and the cleaner/analysis versions).
Ingest compares fingerprints to decide what to redo; the window reads
documents and the light list columns from here instead of re-cleaning.

It is a cache, in the per-user cache folder: a file that SQLite cannot read
is deleted and started afresh, and ingest refills it from the corpus.
WAL mode lets one instance read while another writes.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.model import Document

DB_NAME = "documents.sqlite3"

# Bump when the tables change: an older file is replaced, not migrated.
STORE_FORMAT = "2"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    cleaner_version TEXT NOT NULL,
    analysis_version TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    publisher TEXT NOT NULL DEFAULT '',
    published TEXT,
    dateline TEXT NOT NULL DEFAULT '',
    document TEXT NOT NULL,
    analysis TEXT NOT NULL
);
-- Which articles name which entities, so one entity's articles are found
-- without reading every analysis: "key:<entity key>" for each recognised
-- entity and "name:<case-folded name or mention text>" (aliases added by the
-- researcher pull entities in by name).
CREATE TABLE IF NOT EXISTS entity_terms (
    term TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (term, doc_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entity_terms_by_doc ON entity_terms (doc_id);
CREATE TABLE IF NOT EXISTS failures (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    cleaner_version TEXT NOT NULL,
    reason TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Fingerprint:
    """What a cached document was made from; equal fingerprints mean nothing to redo."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    cleaner_version: str
    analysis_version: str


@dataclass(frozen=True)
class DocSummary:
    """The columns of the article list, without loading the article."""

    id: str
    title: str
    publisher: str
    published: str | None
    dateline: str


@dataclass(frozen=True)
class CachedFailure:
    """A source that could not be cleaned, remembered so an unchanged bad file is not re-read."""

    id: str
    path: str
    size: int
    mtime_ns: int
    cleaner_version: str
    reason: str


class DocStore:
    """Cleaned documents and their analysis, keyed by id.

    ``rebuilt`` is True (and ``message`` says why) when an unreadable file
    was thrown away on opening. Writes happen inside :meth:`transaction`;
    one connection is shared by threads under a lock.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.rebuilt = False
        self.message = ""
        # _lock serialises statements on the shared connection; _write_lock
        # serialises whole transactions, so readers on other threads are only
        # held up for one statement at a time, never for a whole ingest.
        self._lock = threading.RLock()
        self._write_lock = threading.RLock()
        self._conn = self._connect_or_rebuild()

    @classmethod
    def in_folder(cls, cache_dir: str | os.PathLike[str]) -> DocStore:
        """The store in the given cache folder (``AppPaths.cache``)."""
        return cls(Path(cache_dir) / DB_NAME)

    # -- opening -----------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            self.path, timeout=30.0, check_same_thread=False, isolation_level=None
        )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # A cache: losing the last transaction on power loss is fine; the
            # fingerprints then say to redo it.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            row = conn.execute("SELECT value FROM meta WHERE key='format'").fetchone()
            if row is None:
                with conn:
                    conn.execute("INSERT INTO meta VALUES ('format', ?)", (STORE_FORMAT,))
            elif row[0] != STORE_FORMAT:
                raise sqlite3.DatabaseError(f"store format {row[0]}, expected {STORE_FORMAT}")
            # Touch every table so a garbled file fails now, not mid-ingest.
            conn.execute("SELECT id, size FROM docs LIMIT 1").fetchall()
            conn.execute("SELECT id FROM failures LIMIT 1").fetchall()
        except BaseException:
            conn.close()
            raise
        return conn

    def _connect_or_rebuild(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except sqlite3.DatabaseError as exc:
            self._delete_files()
            self.rebuilt = True
            self.message = f"the document cache was unreadable ({exc}) and was started afresh"
            return self._connect()

    def _delete_files(self) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            with suppress(FileNotFoundError):
                os.remove(f"{self.path}{suffix}")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> DocStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM docs").fetchone()[0])

    def __contains__(self, doc_id: object) -> bool:
        with self._lock:
            row = self._conn.execute("SELECT 1 FROM docs WHERE id=?", (doc_id,)).fetchone()
            return row is not None

    def data_version(self) -> int:
        """A number that changes whenever another connection (another process) commits.

        SQLite's ``PRAGMA data_version``: cheap enough to poll, and blind to
        this connection's own writes, which the caller knows about already.
        """
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def get(self, doc_id: str) -> Document:
        """The cleaned document; KeyError if it is not in the store."""
        with self._lock:
            row = self._conn.execute("SELECT document FROM docs WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return Document.from_json(json.loads(row[0]))

    def get_analysis(self, doc_id: str) -> dict[str, Any]:
        """The analysis dict stored with the document; KeyError if absent."""
        with self._lock:
            row = self._conn.execute("SELECT analysis FROM docs WHERE id=?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return dict(json.loads(row[0]))

    def summaries(self) -> list[DocSummary]:
        """Every document's list columns, ordered by id."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, title, publisher, published, dateline FROM docs ORDER BY id"
            ).fetchall()
        return [DocSummary(*row) for row in rows]

    def analyses(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(id, analysis)`` for every document, ordered by id, read in batches."""
        yield from self._iter_column("analysis")

    def documents(self) -> Iterator[tuple[Document, dict[str, Any]]]:
        """Every cached ``(document, analysis)``, for rebuilding the index without re-cleaning."""
        with self._lock:
            ids = [r[0] for r in self._conn.execute("SELECT id FROM docs ORDER BY id")]
        sql = "SELECT document, analysis FROM docs WHERE id IN ({marks}) ORDER BY id"
        for doc_json, analysis_json in self._rows_in(sql, ids):
            yield Document.from_json(json.loads(doc_json)), json.loads(analysis_json)

    def _rows_in(self, sql: str, values: list[str]) -> Iterator[tuple[Any, ...]]:
        """Rows of ``sql`` whose ``IN ({marks})`` takes ``values``, 500 at a time: SQLite
        caps the parameters of one statement, and the lock is not held across yields."""
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            with self._lock:
                rows = self._conn.execute(
                    sql.format(marks=",".join("?" * len(chunk))), chunk
                ).fetchall()
            yield from rows

    def _iter_column(self, column: str) -> Iterator[tuple[str, dict[str, Any]]]:
        last = ""
        while True:
            # Keyset pagination: no cursor stays open across yields, so a
            # writer is never blocked by a slow consumer.
            with self._lock:
                rows = self._conn.execute(
                    f"SELECT id, {column} FROM docs WHERE id > ? ORDER BY id LIMIT 1000",
                    (last,),
                ).fetchall()
            if not rows:
                return
            for doc_id, value in rows:
                yield doc_id, json.loads(value)
            last = rows[-1][0]

    def docs_naming(self, keys: Iterable[str], names: Iterable[str] = ()) -> list[str]:
        """Ids of the articles that recognised any of ``keys`` or any of ``names``."""
        terms = [f"key:{k}" for k in keys] + [f"name:{n.casefold()}" for n in names]
        sql = "SELECT DISTINCT doc_id FROM entity_terms WHERE term IN ({marks})"
        return sorted({row[0] for row in self._rows_in(sql, terms)})

    def key_document_counts(self, keys: Iterable[str] | None = None) -> dict[str, int]:
        """How many articles recognised each entity key: every key, or only ``keys``."""
        if keys is None:
            # "key;" is the first string after every "key:…" one: a range scan of the index.
            sql = (
                "SELECT term, COUNT(*) FROM entity_terms "
                "WHERE term >= 'key:' AND term < 'key;' GROUP BY term"
            )
            with self._lock:
                rows = self._conn.execute(sql).fetchall()
        else:
            sql = "SELECT term, COUNT(*) FROM entity_terms WHERE term IN ({marks}) GROUP BY term"
            rows = list(self._rows_in(sql, sorted({f"key:{k}" for k in keys})))
        return {term[4:]: n for term, n in rows}

    def analyses_of(self, doc_ids: Iterable[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """``(id, analysis)`` for the given documents that are in the store, ordered by id."""
        sql = "SELECT id, analysis FROM docs WHERE id IN ({marks}) ORDER BY id"
        for doc_id, value in self._rows_in(sql, sorted(set(doc_ids))):
            yield doc_id, json.loads(value)

    def fingerprints(self) -> dict[str, Fingerprint]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, path, size, mtime_ns, sha256, cleaner_version, analysis_version "
                "FROM docs"
            ).fetchall()
        return {r[0]: Fingerprint(*r[1:]) for r in rows}

    def failures(self) -> dict[str, CachedFailure]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, path, size, mtime_ns, cleaner_version, reason FROM failures"
            ).fetchall()
        return {r[0]: CachedFailure(*r) for r in rows}

    def analysis_pending(self, version: str, limit: int | None = None) -> list[str]:
        """Ids of the documents whose analysis is not of ``version`` (queued), by id."""
        sql = "SELECT id FROM docs WHERE analysis_version != ? ORDER BY id"
        params: tuple[Any, ...] = (version,)
        if limit is not None:
            sql += " LIMIT ?"
            params = (version, limit)
        with self._lock:
            return [r[0] for r in self._conn.execute(sql, params).fetchall()]

    def count_analysis_pending(self, version: str) -> int:
        with self._lock:
            row = self._conn.execute(
                "SELECT count(*) FROM docs WHERE analysis_version != ?", (version,)
            ).fetchone()
        return int(row[0])

    def get_for_analysis(self, doc_id: str) -> tuple[Document, str] | None:
        """The document and the content hash it was cleaned from (None if gone)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT document, sha256 FROM docs WHERE id=?", (doc_id,)
            ).fetchone()
        if row is None:
            return None
        return Document.from_json(json.loads(row[0])), str(row[1])

    def put_analysis(
        self, doc_id: str, sha256: str, analysis: dict[str, Any], analysis_version: str
    ) -> bool:
        """Store one document's analysis in its own short transaction.

        Written only if the document is still the one analysed (same content
        hash): a re-clean in between wins. False when it was not written.
        """
        data = json.dumps(analysis, ensure_ascii=False)
        with self._write_lock, self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            cur = self._conn.execute(
                "UPDATE docs SET analysis=?, analysis_version=? WHERE id=? AND sha256=?",
                (data, analysis_version, doc_id, sha256),
            )
            if cur.rowcount == 0:
                return False
            self._conn.execute("DELETE FROM entity_terms WHERE doc_id=?", (doc_id,))
            self._conn.executemany(
                "INSERT OR IGNORE INTO entity_terms VALUES (?, ?)",
                [(term, doc_id) for term in _entity_terms(analysis)],
            )
        return True

    def get_meta(self, key: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    # -- writing -----------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[DocStore]:
        """Group writes; committed on success, rolled back on any exception."""
        with self._write_lock:
            with self._lock:
                self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                with self._lock:
                    self._conn.rollback()
                raise
            else:
                with self._lock:
                    self._conn.commit()

    def put(
        self,
        doc: Document,
        analysis: dict[str, Any],
        fingerprint: Fingerprint,
        *,
        document_json: str | None = None,
        analysis_json: str | None = None,
    ) -> None:
        """Store a document; pre-serialised JSON may be passed to skip re-encoding."""
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    fingerprint.path,
                    fingerprint.size,
                    fingerprint.mtime_ns,
                    fingerprint.sha256,
                    fingerprint.cleaner_version,
                    fingerprint.analysis_version,
                    doc.title or "",
                    doc.publisher or "",
                    doc.published,
                    doc.dateline or "",
                    document_json or json.dumps(doc.to_json(), ensure_ascii=False),
                    analysis_json or json.dumps(analysis, ensure_ascii=False),
                ),
            )
            self._conn.execute("DELETE FROM failures WHERE id=?", (doc.id,))
            self._conn.execute("DELETE FROM entity_terms WHERE doc_id=?", (doc.id,))
            self._conn.executemany(
                "INSERT OR IGNORE INTO entity_terms VALUES (?, ?)",
                [(term, doc.id) for term in _entity_terms(analysis)],
            )

    def update_fingerprint(self, doc_id: str, fingerprint: Fingerprint) -> None:
        """Record a new stat (or path) for a source whose content did not change."""
        with self._lock:
            self._conn.execute(
                "UPDATE docs SET path=?, size=?, mtime_ns=?, sha256=?, cleaner_version=?, "
                "analysis_version=? WHERE id=?",
                (
                    fingerprint.path,
                    fingerprint.size,
                    fingerprint.mtime_ns,
                    fingerprint.sha256,
                    fingerprint.cleaner_version,
                    fingerprint.analysis_version,
                    doc_id,
                ),
            )

    def put_failure(self, failure: CachedFailure) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT OR REPLACE INTO failures VALUES (?,?,?,?,?,?)",
                (
                    failure.id,
                    failure.path,
                    failure.size,
                    failure.mtime_ns,
                    failure.cleaner_version,
                    failure.reason,
                ),
            )

    def delete(self, doc_id: str) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM docs WHERE id=?", (doc_id,))
            self._conn.execute("DELETE FROM entity_terms WHERE doc_id=?", (doc_id,))
            self._conn.execute("DELETE FROM failures WHERE id=?", (doc_id,))

    def delete_failure(self, doc_id: str) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM failures WHERE id=?", (doc_id,))

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def _entity_terms(analysis: dict[str, Any]) -> set[str]:
    terms: set[str] = set()
    for item in analysis.get("entities", ()):
        if "key" in item:
            terms.add(f"key:{item['key']}")
        if item.get("name"):
            terms.add(f"name:{str(item['name']).casefold()}")
        for mention in item.get("mentions", ()):
            if mention.get("text"):
                terms.add(f"name:{str(mention['text']).casefold()}")
    return terms
