"""Rolling backups of the annotation store; an emptied, truncated or garbled store is refused.

Each damage case is made the way it happens to a real file (a shell's ``: >``,
a copy cut short, a disk writing junk over a page) and must end with the
same researcher-visible result: a one-line refusal naming the newest good
backup, the damaged file untouched, and a restore that brings every
annotation back.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.core.annotations import backup as backup_module
from reader.core.annotations import store as store_module
from reader.core.annotations.backup import (
    KEEP,
    StoreDamaged,
    backup_files,
    good_backups,
    restore_backup,
)
from reader.core.annotations.store import AnnotationStore, StoreError
from reader.core.model import Document

PASSAGES = [
    f"the delegation from Tarsk agreed on point {n} of the fisheries plan" for n in range(6)
]


def harbour_article() -> Document:
    return Document(
        id="test_tarsk_fisheries",
        title="Tarsk and Vell sign a fisheries plan",
        publisher="The Test Mariner",
        published="2022-05-06",
        paragraphs=[f"On Friday {p}, officials said." for p in PASSAGES],
    )


def annotated_store(db: Path, count: int = 3) -> list[str]:
    """A store with ``count`` annotations, closed (so its closing backup is taken)."""
    with AnnotationStore(db) as store:
        return [
            store.add(harbour_article(), quote=PASSAGES[i], note=f"n{i}").id for i in range(count)
        ]


def ids_in(db: Path) -> set[str]:
    with AnnotationStore(db) as store:
        return {a.id for a in store.find()}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "annotations.sqlite3"


def test_closing_after_changes_leaves_a_backup_with_all_of_them(db: Path) -> None:
    ids = annotated_store(db)
    [newest, *_] = good_backups(db)
    assert newest.annotations == 3
    assert newest.path.parent == db.parent / "backups"
    conn = sqlite3.connect(newest.path)
    try:
        assert {r[0] for r in conn.execute("SELECT id FROM annotations")} == set(ids)
    finally:
        conn.close()


def test_reopening_an_unchanged_store_takes_no_new_backup(db: Path) -> None:
    annotated_store(db)
    before = backup_files(db)
    for _ in range(4):
        AnnotationStore(db).close()
    assert backup_files(db) == before


def test_every_n_changes_a_backup_and_only_a_few_generations_kept(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BACKUP_EVERY", 2)
    counts = []
    with AnnotationStore(db) as store:
        for i in range(2 * (KEEP + 2)):
            store.add(harbour_article(), quote=PASSAGES[i % 6], start=0, note=f"edit {i}")
            counts.append(len(backup_files(db)))
        # Taken while the store was open, not only when it closes.
        assert good_backups(db)[0].annotations == 2 * (KEEP + 2)
    assert max(counts) == KEEP and len(backup_files(db)) == KEEP
    assert counts[:4] == [1, 2, 2, 3]  # one at open (empty), then one per two changes


def _zero(db: Path) -> None:
    db.write_bytes(b"")


def _truncate(db: Path) -> None:
    with db.open("r+b") as f:
        f.truncate(db.stat().st_size // 2 + 100)


def _garble(db: Path) -> None:
    data = bytearray(db.read_bytes())
    data[4096:8192] = b"\xa5" * 4096  # a page of junk where a table was
    db.write_bytes(bytes(data))


def _junk(db: Path) -> None:
    db.write_bytes(b"<html>not an annotation store</html>" * 200)


def _fresh_database(db: Path) -> None:
    db.unlink()
    sqlite3.connect(db).execute("CREATE TABLE other (x)").connection.close()


def _deleted(db: Path) -> None:
    db.unlink()


DAMAGE = {
    "zero-length": (_zero, r"empty \(0 bytes\)"),
    "truncated": (_truncate, "truncated|damaged|not readable|malformed"),
    "garbled page": (_garble, "damaged|not readable|malformed"),
    "not sqlite": (_junk, "not an SQLite database"),
    "another database": (_fresh_database, "holds no annotation store"),
    "deleted": (_deleted, "missing but backups of it exist"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_store_is_refused_naming_the_backup_and_restored_whole(
    db: Path, damage: str
) -> None:
    ids = annotated_store(db, count=6)
    for side in ("-wal", "-shm"):
        db.with_name(db.name + side).unlink(missing_ok=True)
    harm, reason = DAMAGE[damage]
    harm(db)
    damaged = db.read_bytes() if db.exists() else None

    with pytest.raises(StoreDamaged, match=reason) as refused:
        AnnotationStore(db)
    message = str(refused.value)
    assert "\n" not in message
    assert refused.value.backup is not None
    assert str(refused.value.backup.path) in message and "6 annotations" in message
    assert "corpus-reader annotations restore" in message
    # Untouched: not emptied further, not "repaired", not replaced by a new store.
    assert (db.read_bytes() if db.exists() else None) == damaged

    restored = restore_backup(db)
    assert ids_in(db) == set(ids)
    if damaged is None:
        assert restored.set_aside is None
    else:
        assert restored.set_aside is not None and restored.set_aside.read_bytes() == damaged


def test_an_empty_file_is_refused_even_with_no_backup(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    with pytest.raises(StoreDamaged, match="no good backup was found") as refused:
        AnnotationStore(db)
    assert refused.value.backup is None
    assert db.stat().st_size == 0
    with pytest.raises(StoreError, match="no good backup"):
        restore_backup(db)


def test_a_damaged_newest_backup_is_passed_over_for_an_older_good_one(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BACKUP_EVERY", 1)
    annotated_store(db, count=3)
    newest, older = backup_files(db)[:2]
    newest.write_bytes(b"")
    _zero(db)
    with pytest.raises(StoreDamaged) as refused:
        AnnotationStore(db)
    assert refused.value.backup is not None and refused.value.backup.path == older
    restored = restore_backup(db)
    assert restored.backup.path == older
    assert len(ids_in(db)) == restored.backup.annotations == 2


def test_a_chosen_backup_is_restored_and_a_bad_one_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(store_module, "BACKUP_EVERY", 1)
    annotated_store(db, count=3)
    oldest_with_one = next(b for b in good_backups(db) if b.annotations == 1)
    restored = restore_backup(db, oldest_with_one.path)
    assert len(ids_in(db)) == 1
    # The good store it replaced was kept aside too, whole.
    assert restored.set_aside is not None
    assert len(ids_in(restored.set_aside)) == 3
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"junk" * 1000)
    with pytest.raises(StoreError, match="not a readable backup"):
        restore_backup(db, bogus)


def test_a_backup_that_cannot_be_written_never_fails_a_change(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(db.parent / "backups"))

    monkeypatch.setattr(store_module, "take_backup", refuse)
    with AnnotationStore(db) as store:
        ann = store.add(harbour_article(), quote=PASSAGES[0])
        assert "no backup taken: permission denied" in store.backup_error
    monkeypatch.undo()
    assert ids_in(db) == {ann.id}


def test_a_new_store_is_never_seen_empty(db: Path) -> None:
    # Made aside and moved in whole: the file is a store from its first byte.
    with AnnotationStore(db):
        assert db.stat().st_size > 0
        assert backup_module.check_header(db) is None
    assert not [p for p in db.parent.iterdir() if ".new-" in p.name]
