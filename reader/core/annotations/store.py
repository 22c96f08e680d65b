"""The annotation store: the researcher's notes on passages, kept in SQLite.

Annotations are the one thing in Corpus Reader that cannot be rebuilt from
the corpus, so the store is built to keep them:

- **One transaction per change**, begun with ``BEGIN IMMEDIATE`` so the write
  lock is taken up front: a second running instance waits (``busy_timeout``)
  instead of failing half-way or overwriting what the first one wrote.
- **WAL journal**: readers never block the writer, and a process killed at
  any moment leaves the file consistent; the next open replays or discards
  the log.
- **synchronous=FULL**: in WAL mode NORMAL is already safe against a crashed
  *process*, but after a power cut it may lose the last commits. Writes here
  happen at human pace (one per annotation), so an fsync per commit costs
  nothing anyone would notice and buys durability for work that cannot be
  redone.
- **Schema version** in ``PRAGMA user_version``, raised by numbered
  migrations, each in its own transaction; a file from a newer version of
  the app is refused rather than altered.
- **Rolling backups** in ``backups/`` beside the file, and a file that is
  empty, truncated or unreadable is refused, never read as an empty store
  (see :mod:`reader.core.annotations.backup`).
- Nothing is ever deleted behind the researcher's back: an annotation whose
  passage disappears from a re-cleaned article is marked *orphaned*, keeping
  its quote and note, and is re-attached if the passage comes back.

The store is safe to share between threads (one lock serialises use of its
connection); the window still funnels writes through one queue so they keep
their order.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypedDict

from reader.core.annotations.anchoring import (
    AmbiguousQuote,
    Anchor,
    AnchorError,
    InvalidRange,
    QuoteNotFound,
    anchor_quote,
    anchor_range,
    reanchor,
    text_hash,
)
from reader.core.annotations.backup import (
    BACKUP_EVERY,
    StoreDamaged,
    StoreError,
    backup_dir,
    backup_files,
    check_file,
    newest_good_backup,
    take_backup,
)
from reader.core.model import Document, ReaderError
from reader.core.paths import AppPaths

__all__ = [
    "SCHEMA_VERSION",
    "AmbiguousQuote",
    "AnchorError",
    "Annotation",
    "AnnotationNotFound",
    "AnnotationStore",
    "InvalidAnnotation",
    "InvalidRange",
    "QuoteNotFound",
    "ReanchorReport",
    "StoreDamaged",
    "StoreError",
    "matches_text",
    "normalise_tags",
]

#: Seconds a writer waits for another instance to finish its transaction.
BUSY_TIMEOUT_SECONDS = 15.0

# A colour is stored only in a form that is harmless wherever it is pasted
# (an HTML export puts it in a style attribute): #rgb, #rrggbb or a CSS name.
_COLOR = re.compile(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{1,32}")


class AnnotationNotFound(ReaderError):
    def __init__(self, annotation_id: str) -> None:
        super().__init__(f"no annotation with id {annotation_id}")
        self.annotation_id = annotation_id


class InvalidAnnotation(ReaderError):
    """A value (colour, tag) that an annotation cannot hold."""


def _reason(exc: BaseException) -> str:
    """An OS or SQLite error as words, without the errno noise."""
    if isinstance(exc, OSError) and exc.strerror:
        name = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror.lower()}{name}"
    return str(exc)


def _now() -> str:
    """UTC, to the millisecond, in the ``xsd:dateTime`` form the W3C model uses."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags as stored: inner whitespace collapsed, empties dropped, first spelling kept.

    Duplicates are found case-insensitively, so ``Kurils`` and ``kurils`` on one
    annotation are one tag.
    """
    if isinstance(tags, str):
        # A bare string is one tag, not a tag per letter.
        tags = [tags]
    seen: set[str] = set()
    out: list[str] = []
    for tag in tags:
        clean = " ".join(str(tag).split())
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            out.append(clean)
    return tuple(out)


def _check_color(color: str | None) -> str | None:
    if color is None or color.strip() == "":
        return None
    color = color.strip()
    if not _COLOR.fullmatch(color):
        raise InvalidAnnotation(
            f"colour {color!r} is not a colour: use #rrggbb, #rgb or a name such as yellow"
        )
    return color


@dataclass(frozen=True)
class Annotation:
    """One annotated passage: the anchor, the researcher's note, tags and colour.

    ``quote``/``prefix``/``suffix`` and ``start``/``end`` are the W3C
    TextQuoteSelector and TextPositionSelector over the article's body text
    whose hash is ``text_hash``. ``orphaned`` means the passage was not found
    in the article's current text; the fields then hold where it last was.
    ``modified`` is when the researcher last changed it; re-anchoring does not
    count as a change.
    """

    id: str
    doc_id: str
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str
    note: str = ""
    tags: tuple[str, ...] = ()
    color: str | None = None
    created: str = ""
    modified: str = ""
    orphaned: bool = False

    @property
    def anchor(self) -> Anchor:
        return Anchor(self.quote, self.prefix, self.suffix, self.start, self.end, self.text_hash)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "quote": self.quote,
            "prefix": self.prefix,
            "suffix": self.suffix,
            "start": self.start,
            "end": self.end,
            "text_hash": self.text_hash,
            "note": self.note,
            "tags": list(self.tags),
            "color": self.color,
            "created": self.created,
            "modified": self.modified,
            "orphaned": self.orphaned,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Annotation:
        known = set(cls.__dataclass_fields__)
        values = {k: v for k, v in data.items() if k in known}
        values["tags"] = normalise_tags(values.get("tags", ()))
        values["orphaned"] = bool(values.get("orphaned", False))
        return cls(**values)


class _AnchorFields(TypedDict):
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    text_hash: str


def _anchor_fields(anchor: Anchor) -> _AnchorFields:
    """The annotation fields that say where its passage is: inverse of ``Annotation.anchor``."""
    return {
        "quote": anchor.exact,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
        "start": anchor.start,
        "end": anchor.end,
        "text_hash": anchor.text_hash,
    }


def matches_text(annotation: Annotation, query: str) -> bool:
    """True if ``query`` occurs, ignoring case, in the quote, the note or a tag."""
    needle = query.casefold().strip()
    if not needle:
        return True
    haystacks = (annotation.quote, annotation.note, *annotation.tags)
    return any(needle in h.casefold() for h in haystacks)


@dataclass
class ReanchorReport:
    """What :meth:`AnnotationStore.reanchor` did to one article's annotations.

    ``moved``: found intact at a new place. ``approximate``: found with changed
    wording (the quote now holds the new text). ``restored``: orphaned before,
    found again (also listed in ``moved`` or ``approximate``). ``orphaned``: not
    found, kept as orphans; ``lost`` the ones among them that had their
    passage until this pass (the news: the others were orphans already).
    ``unchanged``: ids of those that needed nothing.
    """

    doc_id: str
    unchanged: list[str] = field(default_factory=list)
    moved: list[Annotation] = field(default_factory=list)
    approximate: list[Annotation] = field(default_factory=list)
    restored: list[Annotation] = field(default_factory=list)
    orphaned: list[Annotation] = field(default_factory=list)
    lost: list[Annotation] = field(default_factory=list)

    @property
    def checked(self) -> int:
        return len(self.unchanged) + len(self.moved) + len(self.approximate) + len(self.orphaned)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "checked": self.checked,
            "unchanged": list(self.unchanged),
            "moved": [a.id for a in self.moved],
            "approximate": [a.id for a in self.approximate],
            "restored": [a.id for a in self.restored],
            "orphaned": [a.id for a in self.orphaned],
            "lost": [a.id for a in self.lost],
        }


# --- schema -----------------------------------------------------------------------------


def _migration_1(conn: sqlite3.Connection) -> None:
    """The first schema: annotations, and their tags in a table of their own.

    Tags get a table so that filtering by tag and counting tags for completion
    are indexed queries, not string searches.
    """
    conn.execute(
        """
        CREATE TABLE annotations (
            id        TEXT PRIMARY KEY,
            doc_id    TEXT NOT NULL,
            quote     TEXT NOT NULL,
            prefix    TEXT NOT NULL DEFAULT '',
            suffix    TEXT NOT NULL DEFAULT '',
            start     INTEGER NOT NULL,
            "end"     INTEGER NOT NULL,
            text_hash TEXT NOT NULL,
            note      TEXT NOT NULL DEFAULT '',
            color     TEXT,
            created   TEXT NOT NULL,
            modified  TEXT NOT NULL,
            orphaned  INTEGER NOT NULL DEFAULT 0 CHECK (orphaned IN (0, 1))
        )
        """
    )
    conn.execute("CREATE INDEX annotations_by_doc ON annotations (doc_id, start)")
    conn.execute(
        """
        CREATE TABLE annotation_tags (
            annotation_id TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
            position      INTEGER NOT NULL,
            tag           TEXT NOT NULL,
            PRIMARY KEY (annotation_id, position)
        )
        """
    )
    conn.execute("CREATE INDEX annotation_tags_by_tag ON annotation_tags (tag COLLATE NOCASE)")


#: Migration ``n`` takes the schema from version ``n - 1`` to ``n``. Append, never edit.
MIGRATIONS: Sequence[Callable[[sqlite3.Connection], None]] = (_migration_1,)
SCHEMA_VERSION = len(MIGRATIONS)

_COLUMNS = (
    'id, doc_id, quote, prefix, suffix, start, "end", text_hash, note, color, '
    "created, modified, orphaned"
)


class AnnotationStore:
    """The annotations of one user, in one SQLite file.

    Open one per process (or per thread pool) and :meth:`close` it; it is also
    a context manager. Two stores on the same file, in one process or two,
    see each other's committed writes and never lose them.
    """

    def __init__(self, db_path: str | os.PathLike[str], *, backups: bool = True) -> None:
        self.path = Path(db_path)
        self._lock = threading.RLock()
        self._backups = backups
        self._changes_since_backup = 0
        #: Why the last backup could not be taken ("" when it was, or none was due).
        self.backup_error = ""
        # Before SQLite sees it: SQLite would read an emptied file as a new, empty store.
        check_file(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not os.access(self.path.parent, os.W_OK):
                # SQLite would say only "unable to open database file", or fail on
                # the first write: say which folder, and why, before anything.
                raise StoreError(
                    f"{self.path.parent}: the data folder is not writable (permission denied); "
                    "the annotations cannot be opened"
                )
            if not self.path.exists():
                self._create()
            # isolation_level=None: the module starts no transactions of its own; every
            # write below is an explicit BEGIN IMMEDIATE … COMMIT.
            self._conn = sqlite3.connect(
                self.path,
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(
                f"{self.path}: cannot open the annotations file: {_reason(exc)}"
            ) from exc
        try:
            self._verify()
            self._configure()
            self._migrate()
        except BaseException:
            self._conn.close()
            raise
        self._backup()

    def _create(self) -> None:
        """Make a new store aside and move it in place whole, so a store is never empty.

        A process killed while creating leaves at most a stray temporary file;
        two creating at once end with one store (the second link fails and
        that process opens the first one's).
        """
        temp = self.path.with_name(f".{self.path.name}.new-{os.getpid()}-{uuid.uuid4().hex}")
        try:
            conn = sqlite3.connect(temp, isolation_level=None)
            try:
                conn.execute("PRAGMA journal_mode = WAL").fetchone()
                for target, migration in enumerate(MIGRATIONS, 1):
                    conn.execute("BEGIN IMMEDIATE")
                    migration(conn)
                    conn.execute(f"PRAGMA user_version = {target}")
                    conn.execute("COMMIT")
            finally:
                conn.close()
            try:
                os.link(temp, self.path)
            except FileExistsError:
                pass  # another instance made it first: use theirs
            except OSError:
                # A file system without hard links: a tiny window, and only on first use.
                if not self.path.exists():
                    os.replace(temp, self.path)
        finally:
            for suffix in ("", "-wal", "-shm"):
                temp.with_name(temp.name + suffix).unlink(missing_ok=True)

    @classmethod
    def for_paths(cls, paths: AppPaths) -> AnnotationStore:
        """The store in the per-user data folder of an :class:`~reader.core.paths.AppPaths`."""
        return cls(paths.annotations_db)

    # --- connection -----------------------------------------------------------------------

    def _configure(self) -> None:
        """Settings that write to the file: only once :meth:`_verify` found it sound."""
        conn = self._conn
        try:
            # WAL is a property of the file; on a file system that cannot share memory
            # (some network drives) SQLite keeps the rollback journal, which is as safe.
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise self._damaged(f"the annotations file is not readable ({exc})") from exc

    def _damaged(self, reason: str) -> StoreDamaged:
        return StoreDamaged(self.path, reason, newest_good_backup(self.path))

    def _verify(self) -> None:
        """SQLite's quick check of every page: a truncated or garbled file is refused whole.

        Reads only: a refused file is left exactly as it was found.
        """
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            verdict = str(self._conn.execute("PRAGMA quick_check").fetchone()[0])
            version = int(self._conn.execute("PRAGMA user_version").fetchone()[0])
            tables = int(self._conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise self._damaged(f"the annotations file is not readable ({exc})") from exc
        if verdict != "ok":
            raise self._damaged(f"the annotations file is damaged ({verdict.splitlines()[0]})")
        if version == 0 and (tables or backup_files(self.path)):
            # Not a store this app made (it is never left without its schema), yet
            # something is there, or was: a database put in its place.
            raise self._damaged("the annotations file holds no annotation store")

    def _migrate(self) -> None:
        version = self._user_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: written by a newer Corpus Reader (schema {version}; this "
                f"version reads up to {SCHEMA_VERSION}); it was left untouched"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction() as conn:
                # Another instance may have migrated while this one waited for the lock.
                if self._user_version() >= target:
                    continue
                MIGRATIONS[target - 1](conn)
                # user_version lives in the file header and is part of the transaction.
                conn.execute(f"PRAGMA user_version = {target}")

    def _user_version(self) -> int:
        try:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.DatabaseError as exc:
            raise self._damaged(f"the annotations file is not readable ({exc})") from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot write annotations: {exc}") from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                self._rollback()
                if isinstance(exc, sqlite3.Error):
                    # Disk full, file damaged, lock lost: a message, not a traceback.
                    raise StoreError(f"{self.path}: cannot write annotations: {exc}") from exc
                raise
            self._changes_since_backup += 1
            if self._changes_since_backup >= BACKUP_EVERY:
                self._backup()

    def _backup(self) -> None:
        """A rolling backup now (see :mod:`reader.core.annotations.backup`); never fails a write."""
        if not self._backups:
            return
        with self._lock:
            try:
                take_backup(self._conn, self.path)
            except (OSError, sqlite3.Error) as exc:
                self.backup_error = f"{backup_dir(self.path)}: no backup taken: {_reason(exc)}"
                return
            self.backup_error = ""
            self._changes_since_backup = 0

    def _rollback(self) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            # SQLite rolls back by itself when it cannot; nothing half-written stays.
            pass

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, for reads; errors from a damaged file become :class:`StoreError`."""
        with self._lock:
            try:
                yield self._conn
            except sqlite3.DatabaseError as exc:
                raise self._damaged(f"the annotations cannot be read ({exc})") from exc
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot read annotations: {exc}") from exc

    def close(self) -> None:
        """Close the file, backing it up first if it changed since the last backup."""
        with self._lock:
            if self._changes_since_backup:
                self._backup()
            self._conn.close()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return self._user_version()

    def integrity_check(self) -> str:
        """SQLite's own verdict on the file: ``"ok"`` or a description of the damage."""
        with self._reading() as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)

    # --- reading --------------------------------------------------------------------------

    def _row_to_annotation(self, row: tuple[Any, ...], tags: tuple[str, ...]) -> Annotation:
        (aid, doc_id, quote, prefix, suffix, start, end, thash, note, color, created, modified,
         orphaned) = row  # fmt: skip
        return Annotation(
            id=aid,
            doc_id=doc_id,
            quote=quote,
            prefix=prefix,
            suffix=suffix,
            start=start,
            end=end,
            text_hash=thash,
            note=note,
            tags=tags,
            color=color,
            created=created,
            modified=modified,
            orphaned=bool(orphaned),
        )

    def _load(
        self, conn: sqlite3.Connection, where: str, params: Sequence[Any]
    ) -> list[Annotation]:
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM annotations {where} "
            "ORDER BY doc_id, orphaned, start, created, id",
            params,
        ).fetchall()
        if not rows:
            return []
        tags: dict[str, list[str]] = {r[0]: [] for r in rows}
        # One query for all tags; the id list is bounded by SQLite's variable limit, so
        # read them in chunks.
        ids = list(tags)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for aid, tag in conn.execute(
                f"SELECT annotation_id, tag FROM annotation_tags "
                f"WHERE annotation_id IN ({marks}) ORDER BY annotation_id, position",
                chunk,
            ):
                tags[aid].append(tag)
        return [self._row_to_annotation(r, tuple(tags[r[0]])) for r in rows]

    def get(self, annotation_id: str) -> Annotation:
        """The annotation with this id; :class:`AnnotationNotFound` if there is none."""
        with self._reading() as conn:
            found = self._load(conn, "WHERE id = ?", (annotation_id,))
        if not found:
            raise AnnotationNotFound(annotation_id)
        return found[0]

    def find(
        self,
        *,
        tag: str | None = None,
        doc_id: str | None = None,
        text: str | None = None,
        include_orphans: bool = True,
    ) -> list[Annotation]:
        """Annotations in reading order (by article, then position; orphans last).

        ``tag`` matches a whole tag, ignoring case; ``text`` is a case-insensitive
        substring of the quote, the note or a tag (see :func:`matches_text`).
        """
        clauses: list[str] = []
        params: list[Any] = []
        if doc_id is not None:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        if tag is not None:
            clauses.append(
                "id IN (SELECT annotation_id FROM annotation_tags WHERE tag = ? COLLATE NOCASE)"
            )
            params.append(" ".join(tag.split()))
        if not include_orphans:
            clauses.append("orphaned = 0")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        with self._reading() as conn:
            found = self._load(conn, where, params)
        if tag is not None and not tag.isascii():
            # NOCASE folds ASCII only; finish the job for other scripts.
            wanted = " ".join(tag.split()).casefold()
            found = [a for a in found if any(t.casefold() == wanted for t in a.tags)]
        if text:
            found = [a for a in found if matches_text(a, text)]
        return found

    def tags(self) -> list[str]:
        """Every tag in use, most used first (then alphabetically), for completion."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT tag, COUNT(*) AS uses FROM annotation_tags "
                "GROUP BY tag ORDER BY uses DESC, tag COLLATE NOCASE, tag"
            ).fetchall()
        return [r[0] for r in rows]

    def doc_ids(self) -> list[str]:
        """The articles that have annotations."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT DISTINCT doc_id FROM annotations ORDER BY doc_id"
            ).fetchall()
        return [r[0] for r in rows]

    # --- writing --------------------------------------------------------------------------

    def _write(self, conn: sqlite3.Connection, ann: Annotation) -> None:
        """Insert or replace one annotation and its tags (inside a transaction)."""
        conn.execute(
            f"INSERT OR REPLACE INTO annotations ({_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                ann.id,
                ann.doc_id,
                ann.quote,
                ann.prefix,
                ann.suffix,
                ann.start,
                ann.end,
                ann.text_hash,
                ann.note,
                ann.color,
                ann.created,
                ann.modified,
                int(ann.orphaned),
            ),
        )
        self._write_tags(conn, ann.id, ann.tags)

    @staticmethod
    def _write_tags(conn: sqlite3.Connection, annotation_id: str, tags: Sequence[str]) -> None:
        conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (annotation_id,))
        conn.executemany(
            "INSERT INTO annotation_tags (annotation_id, position, tag) VALUES (?, ?, ?)",
            [(annotation_id, i, t) for i, t in enumerate(tags)],
        )

    def add(
        self,
        doc: Document,
        *,
        quote: str | None = None,
        start: int | None = None,
        end: int | None = None,
        note: str = "",
        tags: Iterable[str] = (),
        color: str | None = None,
    ) -> Annotation:
        """Annotate a passage of ``doc`` and store it.

        The passage is ``quote`` (which must occur once in the body text; with
        ``start`` as well, the occurrence nearest ``start`` is taken), or the
        range ``start``..``end`` (trimmed of surrounding whitespace). Raises
        :class:`QuoteNotFound`, :class:`AmbiguousQuote` (with ``count``) or
        :class:`InvalidRange`, all :class:`AnchorError`, a ``ReaderError``.
        """
        body = doc.body_text
        if quote is not None:
            anchor = anchor_quote(body, quote, near=start, doc_id=doc.id)
        elif start is not None and end is not None:
            anchor = anchor_range(body, start, end, doc_id=doc.id)
        else:
            raise AnchorError("an annotation needs a quote, or a start and an end")
        stamp = _now()
        ann = Annotation(
            id=str(uuid.uuid4()),
            doc_id=doc.id,
            **_anchor_fields(anchor),
            note=note,
            tags=normalise_tags(tags),
            color=_check_color(color),
            created=stamp,
            modified=stamp,
        )
        with self._transaction() as conn:
            self._write(conn, ann)
        return ann

    def update(
        self,
        annotation_id: str,
        *,
        note: str | None = None,
        tags: Iterable[str] | None = None,
        color: str | None = None,
    ) -> Annotation:
        """Change what the researcher wrote; ``None`` leaves a field as it is.

        ``color=""`` removes the colour; ``tags=()`` removes all tags.
        """
        new_tags = normalise_tags(tags) if tags is not None else None
        new_color = _check_color(color) if color is not None else None
        with self._transaction() as conn:
            found = self._load(conn, "WHERE id = ?", (annotation_id,))
            if not found:
                raise AnnotationNotFound(annotation_id)
            ann = found[0]
            changes: dict[str, Any] = {}
            if note is not None:
                changes["note"] = note
            if new_tags is not None:
                changes["tags"] = new_tags
            if color is not None:
                changes["color"] = new_color
            if not changes:
                return ann
            ann = replace(ann, modified=_now(), **changes)
            conn.execute(
                "UPDATE annotations SET note = ?, color = ?, modified = ? WHERE id = ?",
                (ann.note, ann.color, ann.modified, ann.id),
            )
            if new_tags is not None:
                self._write_tags(conn, ann.id, ann.tags)
        return ann

    def delete(self, annotation_id: str) -> Annotation:
        """Remove an annotation and return it whole, so :meth:`restore` can undo this."""
        with self._transaction() as conn:
            found = self._load(conn, "WHERE id = ?", (annotation_id,))
            if not found:
                raise AnnotationNotFound(annotation_id)
            conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        return found[0]

    def restore(self, annotation: Annotation) -> Annotation:
        """Put an annotation back exactly as it was (same id, dates and anchor).

        Undoes :meth:`delete`, and also an :meth:`update` when given the
        annotation as it was before; an existing one with the same id is replaced.
        """
        ann = replace(
            annotation, tags=normalise_tags(annotation.tags), color=_check_color(annotation.color)
        )
        with self._transaction() as conn:
            self._write(conn, ann)
        return ann

    def orphan_article(self, doc_id: str) -> int:
        """Mark the annotations of an article that left the corpus orphaned; how many changed.

        Their quote, note and last position stay, and :meth:`reanchor`
        attaches them again if the article comes back. Nothing is written
        when they are orphans already. :meth:`orphan_article_report` says which.
        """
        with self._reading() as conn:
            pending = conn.execute(
                "SELECT COUNT(*) FROM annotations WHERE doc_id = ? AND orphaned = 0", (doc_id,)
            ).fetchone()[0]
        if not pending:
            return 0
        with self._transaction() as conn:
            conn.execute(
                "UPDATE annotations SET orphaned = 1 WHERE doc_id = ? AND orphaned = 0", (doc_id,)
            )
        return int(pending)

    def orphan_article_report(self, doc_id: str) -> ReanchorReport:
        """:meth:`orphan_article`, reporting the annotations it orphaned (in ``lost``)."""
        report = ReanchorReport(doc_id=doc_id)
        with self._reading() as conn:
            every = self._load(conn, "WHERE doc_id = ?", (doc_id,))
        if any(not a.orphaned for a in every):
            self.orphan_article(doc_id)
        for ann in every:
            orphan = replace(ann, orphaned=True)
            report.orphaned.append(orphan)
            if not ann.orphaned:
                report.lost.append(orphan)
        return report

    def reanchor(self, doc: Document) -> ReanchorReport:
        """Find the annotations of ``doc`` again in its (re-cleaned) body text.

        Every annotation whose text hash differs from the current text, and
        every orphan, is looked for again (see :mod:`reader.core.annotations.anchoring`).
        Found ones get their new anchor (and lose the orphan mark); the others
        are marked orphaned and keep their quote, note and last position.
        Nothing is deleted. One transaction for the whole article.
        """
        body = doc.body_text
        current = text_hash(body)
        report = ReanchorReport(doc_id=doc.id)
        with self._transaction() as conn:
            for ann in self._load(conn, "WHERE doc_id = ?", (doc.id,)):
                if ann.text_hash == current and not ann.orphaned and ann.anchor.holds_in(body):
                    report.unchanged.append(ann.id)
                    continue
                found = reanchor(ann.anchor, body)
                if found is None:
                    orphan = replace(ann, orphaned=True)
                    if not ann.orphaned:
                        conn.execute("UPDATE annotations SET orphaned = 1 WHERE id = ?", (ann.id,))
                        report.lost.append(orphan)
                    report.orphaned.append(orphan)
                    continue
                anchor, intact = found
                new = replace(ann, **_anchor_fields(anchor), orphaned=False)
                conn.execute(
                    "UPDATE annotations SET quote = ?, prefix = ?, suffix = ?, start = ?,"
                    ' "end" = ?, text_hash = ?, orphaned = 0 WHERE id = ?',
                    (new.quote, new.prefix, new.suffix, new.start, new.end, new.text_hash, new.id),
                )
                (report.moved if intact else report.approximate).append(new)
                if ann.orphaned:
                    report.restored.append(new)
        return report
