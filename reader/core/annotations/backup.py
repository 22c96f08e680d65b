"""Rolling backups of the annotation store, the checks that find a damaged one, and restore.

Annotations cannot be rebuilt from anything else, so the store keeps copies
of itself in ``backups/`` beside it (in the per-user data folder): one when
it is opened, one every :data:`BACKUP_EVERY` changes and one when it is
closed after a change, each taken with SQLite's online backup API (a
consistent snapshot even while another instance writes), written to a
temporary name and moved into place whole. A copy identical in content to
the newest one is not taken again, so opening the store a hundred times
does not push the older generations out. :data:`KEEP` generations are kept.

:func:`check_file` looks at the file before SQLite does: SQLite reads a
zero-length file as a new, empty database, and the researcher's work would
silently vanish. A store Corpus Reader made is never empty (it is built
aside and moved in place whole), so an empty, truncated or foreign file is
refused with a message naming the newest good backup, and
:func:`restore_backup` puts that backup back, keeping the damaged file aside
(never deleting it).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from reader.core.model import ReaderError

#: Generations kept in ``backups/``; the oldest goes when a new one is taken.
KEEP = 5
#: Committed changes after which the store backs itself up again.
BACKUP_EVERY = 25

BACKUP_DIR = "backups"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_STAMP = "%Y%m%dT%H%M%S%fZ"


class StoreError(ReaderError):
    """The annotation file cannot be opened or written; the message says why."""


class StoreDamaged(StoreError):
    """The annotations file is empty, truncated or unreadable; it was left untouched.

    ``backup`` is the newest good backup, if there is one.
    """

    def __init__(self, path: Path, reason: str, backup: Backup | None) -> None:
        self.path = path
        self.reason = reason
        self.backup = backup
        if backup is not None:
            advice = (
                f"the newest good backup is {backup.path} ({backup.describe()}); "
                "restore it with `corpus-reader annotations restore`"
            )
        else:
            advice = "no good backup was found; move the file aside to start a new store"
        super().__init__(f"{path}: {reason}; it was left untouched; {advice}")


@dataclass(frozen=True)
class Backup:
    """One good backup: where it is, when it was taken and how many annotations it holds."""

    path: Path
    taken: datetime
    annotations: int

    def describe(self) -> str:
        when = self.taken.strftime("%Y-%m-%d %H:%M:%S UTC")
        count = f"{self.annotations} annotation{'s' if self.annotations != 1 else ''}"
        return f"{count}, taken {when}"

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "taken": self.taken.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "annotations": self.annotations,
        }


@dataclass(frozen=True)
class Restored:
    """What :func:`restore_backup` did: the backup put back, and where the old file went."""

    backup: Backup
    set_aside: Path | None

    def summary(self) -> str:
        aside = f"; the previous file was kept as {self.set_aside}" if self.set_aside else ""
        return f"Restored the annotations from {self.backup.path} ({self.backup.describe()}){aside}"


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / BACKUP_DIR


def _prefix(db_path: Path) -> str:
    return f"{db_path.stem}-"


def backup_files(db_path: Path) -> list[Path]:
    """Every backup file of this store, newest first (the names sort by time)."""
    folder = backup_dir(db_path)
    try:
        found = [
            p
            for p in folder.iterdir()
            if p.name.startswith(_prefix(db_path)) and p.suffix == db_path.suffix and p.is_file()
        ]
    except OSError:
        return []
    return sorted(found, key=lambda p: p.name, reverse=True)


def _taken(db_path: Path, backup: Path) -> datetime:
    stamp = backup.name[len(_prefix(db_path)) : -len(backup.suffix) or None]
    try:
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=timezone.utc)
    except ValueError:
        return datetime.fromtimestamp(backup.stat().st_mtime, timezone.utc)


def _connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def inspect_backup(db_path: Path, backup: Path) -> Backup | None:
    """The backup if it is a whole annotation store SQLite can read, else None."""
    if not backup.is_file() or check_header(backup) is not None:
        return None
    try:
        conn = _connect_read_only(backup)
    except sqlite3.Error:
        return None
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return None
        if int(conn.execute("PRAGMA user_version").fetchone()[0]) < 1:
            return None
        count = int(conn.execute("SELECT COUNT(*) FROM annotations").fetchone()[0])
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return Backup(backup, _taken(db_path, backup), count)


def good_backups(db_path: Path) -> list[Backup]:
    """The backups that pass :func:`inspect_backup`, newest first."""
    found = (inspect_backup(db_path, p) for p in backup_files(db_path))
    return [b for b in found if b is not None]


def newest_good_backup(db_path: Path) -> Backup | None:
    for path in backup_files(db_path):
        good = inspect_backup(db_path, path)
        if good is not None:
            return good
    return None


def check_header(path: Path) -> str | None:
    """Why ``path`` cannot be an SQLite database, judged from its size and header; None if it may.

    Only what SQLite itself would miss or misread: a zero-length file (which
    it takes for a new database) and a file that is not SQLite at all.
    """
    try:
        size = path.stat().st_size
        if size == 0:
            return "the annotations file is empty (0 bytes)"
        with path.open("rb") as f:
            head = f.read(100)
    except OSError as exc:
        return f"the annotations file cannot be read ({exc.strerror or exc})"
    if not head.startswith(_SQLITE_MAGIC[: len(head)]) or len(head) < len(_SQLITE_MAGIC):
        return "the annotations file is not an SQLite database"
    if len(head) < 100:
        return f"the annotations file is truncated ({size} bytes)"
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or size % page_size:
        return f"the annotations file is truncated ({size} bytes)"
    return None


def check_file(db_path: Path) -> None:
    """Refuse an annotations file that is damaged, or missing where backups show there was one.

    Raises :class:`StoreDamaged`. A missing file with no backups is a new store.
    """
    if not db_path.exists():
        if backup_files(db_path):
            raise StoreDamaged(
                db_path,
                "the annotations file is missing but backups of it exist",
                newest_good_backup(db_path),
            )
        return
    reason = check_header(db_path)
    if reason is not None:
        raise StoreDamaged(db_path, reason, newest_good_backup(db_path))


def fingerprint(conn: sqlite3.Connection) -> str:
    """A digest of every annotation and tag: equal digests, equal content."""
    digest = hashlib.sha256()
    for table, order in (("annotations", "id"), ("annotation_tags", "annotation_id, position")):
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        digest.update(b"\x01")
    return digest.hexdigest()


def take_backup(conn: sqlite3.Connection, db_path: Path, keep: int = KEEP) -> Path | None:
    """Copy the store behind ``conn`` into ``backups/``; None if it is the same as the newest.

    Raises ``OSError`` or ``sqlite3.Error`` if the copy cannot be written.
    """
    folder = backup_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    current = fingerprint(conn)
    newest = newest_good_backup(db_path)
    if newest is not None:
        try:
            with _closing(_connect_read_only(newest.path)) as old:
                if fingerprint(old) == current:
                    return None
        except sqlite3.Error:
            pass
    stamp = datetime.now(timezone.utc).strftime(_STAMP)
    final = folder / f"{_prefix(db_path)}{stamp}{db_path.suffix}"
    temp = folder / f".{final.name}.{os.getpid()}.tmp"
    try:
        with _closing(sqlite3.connect(temp, isolation_level=None)) as copy:
            conn.backup(copy)
            # A backup is one self-contained file: no -wal beside it to lose.
            copy.execute("PRAGMA journal_mode = DELETE").fetchone()
        _fsync(temp)
        os.replace(temp, final)
    finally:
        temp.unlink(missing_ok=True)
    for old_backup in backup_files(db_path)[keep:]:
        old_backup.unlink(missing_ok=True)
    return final


def restore_backup(db_path: Path, backup: Path | None = None) -> Restored:
    """Put a backup (the newest good one by default) back as the store.

    The file it replaces, damaged or not, is moved aside next to it (with its
    ``-wal`` and ``-shm``), never deleted. Raises :class:`StoreError` when
    there is no good backup to restore.
    """
    if backup is None:
        chosen = newest_good_backup(db_path)
        if chosen is None:
            raise StoreError(f"{backup_dir(db_path)}: no good backup of the annotations to restore")
    else:
        chosen = inspect_backup(db_path, Path(backup))
        if chosen is None:
            raise StoreError(f"{backup}: not a readable backup of the annotations")
    stamp = datetime.now(timezone.utc).strftime(_STAMP)
    temp = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}.tmp")
    try:
        with (
            _closing(_connect_read_only(chosen.path)) as source,
            _closing(sqlite3.connect(temp, isolation_level=None)) as target,
        ):
            source.backup(target)
        _fsync(temp)
        set_aside: Path | None = None
        if db_path.exists() or db_path.is_symlink():
            set_aside = db_path.with_name(f"{db_path.name}.set-aside-{stamp}")
            for suffix in ("-wal", "-shm", "-journal"):
                side = db_path.with_name(db_path.name + suffix)
                if side.exists():
                    side.replace(set_aside.with_name(set_aside.name + suffix))
            db_path.replace(set_aside)
        os.replace(temp, db_path)
    except OSError as exc:
        raise StoreError(
            f"{db_path}: the backup could not be restored ({exc.strerror or exc})"
        ) from exc
    finally:
        temp.unlink(missing_ok=True)
    return Restored(chosen, set_aside)


class _closing:
    """``contextlib.closing`` for a connection, typed for what it holds."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc_info: object) -> None:
        self.conn.close()


def _fsync(path: Path) -> None:
    with path.open("rb+") as f:
        os.fsync(f.fileno())
