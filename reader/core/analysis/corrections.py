"""The researcher's corrections to recognised entities, kept in SQLite.

Recognition runs at ingest and its output is cached; corrections are stored
apart (in the per-user data folder, :attr:`AppPaths.corrections_db`) and
applied when entities are read (:mod:`reader.core.analysis.entities.corpus`). So a
re-index, which re-runs recognition, never loses them.

Five operations, each one row in an append-only log, applied in order:

* ``rename``  — give an entity another canonical name (the old one becomes an alias);
* ``merge``   — fold one entity into another (its mentions move there);
* ``alias``   — add a surface form; an entity found under that name elsewhere joins it;
* ``type``    — change an entity's type;
* ``hide``    — drop a false entity from every view (``unhide`` brings it back).

A correction can be withdrawn with :meth:`Corrections.remove`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from reader.core.model import ReaderError

OPERATIONS = ("rename", "merge", "alias", "type", "hide", "unhide")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    op TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT,
    created TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Correction:
    """One stored correction."""

    id: int
    op: str
    key: str
    value: str | None
    created: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "op": self.op,
            "key": self.key,
            "value": self.value,
            "created": self.created,
        }


@dataclass
class CorrectionSet:
    """All corrections folded into lookups, ready to apply to cached analyses."""

    renames: dict[str, str] = field(default_factory=dict)
    merges: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    # Case-folded alias → key it was added to.
    alias_index: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_log(cls, log: list[Correction]) -> CorrectionSet:
        cs = cls()
        for c in log:
            if c.op == "rename" and c.value:
                cs.renames[c.key] = c.value
            elif c.op == "merge" and c.value and c.value != c.key:
                cs._break_cycle(c.key, c.value)
                cs.merges[c.key] = c.value
            elif c.op == "alias" and c.value:
                cs.aliases.setdefault(c.key, []).append(c.value)
                cs.alias_index[c.value.casefold()] = c.key
            elif c.op == "type" and c.value:
                cs.types[c.key] = c.value
            elif c.op == "hide":
                cs.hidden.add(c.key)
            elif c.op == "unhide":
                cs.hidden.discard(c.key)
        return cs

    def _break_cycle(self, source: str, target: str) -> None:
        # The newer merge wins: undo an older one that would lead back to ``source``.
        node, seen = target, {target}
        while node in self.merges:
            nxt = self.merges[node]
            if nxt == source:
                del self.merges[node]
                return
            if nxt in seen:
                return
            seen.add(nxt)
            node = nxt

    def canonical(self, key: str) -> str:
        """Where ``key`` ends up after every merge (a merge cycle stops where it closes)."""
        seen = {key}
        while key in self.merges:
            nxt = self.merges[key]
            if nxt in seen:
                break
            seen.add(nxt)
            key = nxt
        return key

    def merged_into(self, key: str) -> list[str]:
        """Every key that now resolves to ``key`` (not including itself)."""
        return [k for k in self.merges if k != key and self.canonical(k) == key]

    def __bool__(self) -> bool:
        return bool(self.renames or self.merges or self.aliases or self.types or self.hidden)


class Corrections:
    """The correction log in one SQLite file; each call opens a short transaction."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(db_path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.executescript(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        # A fresh connection per call: safe from any thread, and never holds the
        # file open between edits, so a second running instance sees each change.
        with closing(sqlite3.connect(self.path, timeout=10)) as conn, conn:
            yield conn

    def _add(self, op: str, key: str, value: str | None) -> Correction:
        if not key:
            raise ReaderError("a correction needs an entity key")
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO corrections (op, key, value, created) VALUES (?, ?, ?, ?)",
                (op, key, value, created),
            )
            row_id = int(cur.lastrowid or 0)
        return Correction(row_id, op, key, value, created)

    def rename(self, key: str, name: str) -> Correction:
        """Give entity ``key`` the canonical name ``name``."""
        name = name.strip()
        if not name:
            raise ReaderError("an entity's new name cannot be empty")
        return self._add("rename", key, name)

    def merge(self, source_key: str, target_key: str) -> Correction:
        """Fold entity ``source_key`` into ``target_key``."""
        if source_key == target_key:
            raise ReaderError("cannot merge an entity into itself")
        return self._add("merge", source_key, target_key)

    def add_alias(self, key: str, alias: str) -> Correction:
        """Make ``alias`` another name of ``key``; an entity found under that name joins it."""
        alias = alias.strip()
        if not alias:
            raise ReaderError("an alias cannot be empty")
        return self._add("alias", key, alias)

    def change_type(self, key: str, type_: str) -> Correction:
        """Change the type of ``key`` (person, place, organization, event, document)."""
        # Imported here: the entities package imports this module.
        from reader.core.analysis.entities.gazetteer import ENTITY_TYPES

        if type_ not in ENTITY_TYPES:
            raise ReaderError(
                f"unknown entity type {type_!r}; use one of {', '.join(ENTITY_TYPES)}"
            )
        return self._add("type", key, type_)

    def hide(self, key: str) -> Correction:
        """Drop ``key`` from every view: a false entity."""
        return self._add("hide", key, None)

    def unhide(self, key: str) -> Correction:
        """Show a hidden entity again."""
        return self._add("unhide", key, None)

    def reapply(self, correction: Correction) -> Correction:
        """Store a withdrawn correction again, as the newest (redo after an undo)."""
        if correction.op not in OPERATIONS:
            raise ReaderError(f"unknown correction {correction.op!r}")
        return self._add(correction.op, correction.key, correction.value)

    def remove(self, correction_id: int) -> bool:
        """Withdraw one correction; ``False`` if there was none with that id."""
        with self._connect() as conn:
            cur = conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))
            return cur.rowcount > 0

    def list(self) -> list[Correction]:
        """Every correction, oldest first."""
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, op, key, value, created FROM corrections ORDER BY id"
            ).fetchall()
        return [Correction(int(r[0]), r[1], r[2], r[3], r[4]) for r in rows]

    def resolved(self) -> CorrectionSet:
        """All corrections folded into lookups (read once, apply to many analyses)."""
        return CorrectionSet.from_log(self.list())
