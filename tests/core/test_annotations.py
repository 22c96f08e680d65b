"""The annotation store: annotating, editing with undo, re-anchoring, and never losing work."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.annotations import store as annotations_module
from reader.core.annotations.anchoring import text_hash
from reader.core.annotations.store import (
    SCHEMA_VERSION,
    AmbiguousQuote,
    Annotation,
    AnnotationNotFound,
    AnnotationStore,
    InvalidAnnotation,
    InvalidRange,
    QuoteNotFound,
    StoreError,
)
from reader.core.model import Document, ReaderError
from reader.core.paths import AppPaths

WRITER = Path(__file__).with_name("annotation_writer.py")
PROJECT_ROOT = Path(__file__).resolve().parents[2]

PASSAGE = "both sides would keep working towards a treaty within three years"


def islands_article(*, paragraphs: list[str] | None = None) -> Document:
    return Document(
        id="test_islands_talks",
        title="Leaders agree to keep talking about the islands",
        publisher="The Test Herald",
        published="2021-03-04",
        url="https://news.example.org/islands-talks",
        paragraphs=paragraphs
        or [
            "VLADIVOSTOK — The two leaders met for three hours on Thursday.",
            f"Officials said {PASSAGE}, though no date was fixed.",
            "The talks will resume in spring, the ministry said.",
        ],
    )


def fishing_article() -> Document:
    return Document(
        id="test_fishing_rights",
        title="Fishing rights on the agenda",
        publisher="The Test Courier",
        published="2021-03-05",
        paragraphs=[
            "Fishing crews watched the talks closely.",
            "A deal on fishing rights could come first, fishing crews said,",
            "and fishing boats would be the first to gain.",
        ],
    )


@pytest.fixture
def store(app_home: Path) -> Iterator[AnnotationStore]:
    with AnnotationStore(AppPaths.resolve().annotations_db) as opened:
        yield opened


def body_slice(doc: Document, ann: Annotation) -> str:
    return doc.body_text[ann.start : ann.end]


# --- annotating ------------------------------------------------------------------------------


def test_the_store_lives_in_the_per_user_data_folder(app_home: Path) -> None:
    paths = AppPaths.resolve()
    with AnnotationStore.for_paths(paths) as store:
        store.add(islands_article(), quote=PASSAGE)
    assert paths.annotations_db.is_file()
    assert paths.annotations_db.is_relative_to(app_home)


def test_annotating_a_quote_anchors_it_and_keeps_note_tags_and_colour(
    store: AnnotationStore,
) -> None:
    doc = islands_article()
    tags = ["treaty", " deadlines "]
    ann = store.add(doc, quote=PASSAGE, note="Three-year horizon", tags=tags, color="#ffd54f")
    assert body_slice(doc, ann) == PASSAGE == ann.quote
    assert ann.prefix and ann.suffix and ann.text_hash == text_hash(doc.body_text)
    assert ann.tags == ("treaty", "deadlines")
    assert ann.created == ann.modified and ann.created.endswith("Z")
    assert not ann.orphaned
    assert store.get(ann.id) == ann
    assert ann.to_json()["tags"] == ["treaty", "deadlines"]
    assert Annotation.from_json(ann.to_json()) == ann


def test_annotating_a_range_as_the_window_does(store: AnnotationStore) -> None:
    doc = islands_article()
    start = doc.body_text.index(PASSAGE)
    ann = store.add(doc, start=start - 1, end=start + len(PASSAGE), note="from a selection")
    assert ann.quote == PASSAGE and ann.start == start


def test_an_ambiguous_quote_is_refused_with_the_count(store: AnnotationStore) -> None:
    doc = fishing_article()
    with pytest.raises(AmbiguousQuote) as caught:
        store.add(doc, quote="fishing")
    assert caught.value.count == 3  # the capitalised "Fishing" is another word
    message = str(caught.value)
    assert "quote matches 3 places in test_fishing_rights; give more text" in message
    assert isinstance(caught.value, ReaderError)
    assert store.find() == []


def test_a_quote_with_a_position_takes_the_nearest_occurrence(store: AnnotationStore) -> None:
    doc = fishing_article()
    last = doc.body_text.rindex("fishing crews")
    ann = store.add(doc, quote="fishing crews", start=last)
    assert ann.start == last


def test_bad_anchors_and_values_are_refused(store: AnnotationStore) -> None:
    doc = islands_article()
    with pytest.raises(QuoteNotFound):
        store.add(doc, quote="a treaty by Christmas")
    with pytest.raises(InvalidRange):
        store.add(doc, start=10, end=10_000)
    with pytest.raises(ReaderError):
        store.add(doc)
    with pytest.raises(InvalidAnnotation):
        store.add(doc, quote=PASSAGE, color='red;background:url("https://evil.example")')
    assert store.find() == []


# --- editing with undo -------------------------------------------------------------------------


def test_update_changes_only_what_is_given(store: AnnotationStore) -> None:
    ann = store.add(islands_article(), quote=PASSAGE, note="first", tags=["a"], color="yellow")
    time.sleep(0.002)
    changed = store.update(ann.id, note="second")
    assert (changed.note, changed.tags, changed.color) == ("second", ("a",), "yellow")
    assert changed.modified > ann.modified and changed.created == ann.created
    changed = store.update(ann.id, tags=["b", "B", "c"], color="")
    assert (changed.tags, changed.color) == (("b", "c"), None)
    assert store.get(ann.id) == changed
    with pytest.raises(AnnotationNotFound):
        store.update("no-such-id", note="x")


def test_delete_returns_what_restore_puts_back(store: AnnotationStore) -> None:
    ann = store.add(islands_article(), quote=PASSAGE, note="keep me", tags=["x", "y"])
    deleted = store.delete(ann.id)
    assert deleted == ann
    assert store.find() == []
    with pytest.raises(AnnotationNotFound):
        store.get(ann.id)
    store.restore(deleted)
    assert store.find() == [ann]
    # Undoing an edit is restoring the annotation as it was.
    store.update(ann.id, note="changed", tags=[])
    store.restore(ann)
    assert store.get(ann.id) == ann
    with pytest.raises(AnnotationNotFound):
        store.delete("no-such-id")


def test_list_filters_by_tag_article_and_text(store: AnnotationStore) -> None:
    islands, fishing = islands_article(), fishing_article()
    a = store.add(islands, quote=PASSAGE, note="Deadline talk", tags=["Treaty", "dates"])
    b = store.add(islands, quote="resume in spring", tags=["dates"])
    c = store.add(fishing, quote="A deal on fishing rights", note="", tags=["fish"])
    assert store.find() == [c, a, b]  # by article, then position
    assert store.find(doc_id=fishing.id) == [c]
    assert store.find(tag="treaty") == [a]
    assert store.find(tag="DATES") == [a, b]
    assert store.find(text="deadline") == [a]  # note
    assert store.find(text="SPRING") == [b]  # quote
    assert store.find(text="fish", doc_id=islands.id) == []
    assert store.find(tag="dates", text="talk") == [a]
    assert store.tags() == ["dates", "fish", "Treaty"]
    assert store.doc_ids() == sorted([islands.id, fishing.id])


# --- re-anchoring after re-cleaning ------------------------------------------------------------


def test_an_annotation_follows_its_passage_through_a_re_cleaning(store: AnnotationStore) -> None:
    doc = islands_article()
    ann = store.add(doc, quote=PASSAGE, note="the key promise")
    recleaned = islands_article(
        paragraphs=[
            "Tokyo and Moscow have argued over the islands since 1945.",
            "VLADIVOSTOK — The two leaders met for nearly three hours on Thursday.",
            f"Senior officials  said   {PASSAGE},\nalthough no date was fixed.",
            "The talks will resume in spring.",
        ]
    )
    report = store.reanchor(recleaned)
    moved = store.get(ann.id)
    assert report.moved == [moved] and not report.orphaned
    assert moved.start > ann.start
    assert body_slice(recleaned, moved) == PASSAGE
    assert moved.text_hash == text_hash(recleaned.body_text)
    assert moved.note == "the key promise" and moved.modified == ann.modified
    # Nothing changed since: nothing to do.
    assert store.reanchor(recleaned).unchanged == [ann.id]


def test_whitespace_inside_the_quote_changes_with_the_text(store: AnnotationStore) -> None:
    doc = islands_article()
    ann = store.add(doc, quote=PASSAGE)
    spaced = PASSAGE.replace("towards a", "towards\na").replace("three", "three ")
    recleaned = islands_article(
        paragraphs=["New lead paragraph.", f"Officials said {spaced}, though no date was fixed."]
    )
    store.reanchor(recleaned)
    moved = store.get(ann.id)
    assert moved.quote == spaced == body_slice(recleaned, moved)


def test_a_lightly_reworded_passage_is_found_approximately(store: AnnotationStore) -> None:
    doc = islands_article()
    ann = store.add(doc, quote=PASSAGE)
    reworded = PASSAGE.replace("keep working", "continue working")
    recleaned = islands_article(paragraphs=[f"Officials said {reworded}, with no date fixed."])
    report = store.reanchor(recleaned)
    found = store.get(ann.id)
    assert report.approximate == [found]
    assert found.quote == reworded == body_slice(recleaned, found)


def test_a_lost_passage_is_orphaned_kept_and_found_again_later(store: AnnotationStore) -> None:
    doc = islands_article()
    ann = store.add(doc, quote=PASSAGE, note="must survive", tags=["treaty"])
    other = store.add(doc, quote="The talks will resume in spring")

    without = islands_article(
        paragraphs=[
            "VLADIVOSTOK — The two leaders met for three hours on Thursday.",
            "The talks will resume in spring, the ministry said.",
        ]
    )
    report = store.reanchor(without)
    orphan = store.get(ann.id)
    assert report.orphaned == [orphan] and [a.id for a in report.moved] == [other.id]
    assert orphan.orphaned
    assert (orphan.quote, orphan.note, orphan.tags) == (PASSAGE, "must survive", ("treaty",))
    assert orphan in store.find() and orphan in store.find(tag="treaty")
    assert orphan not in store.find(include_orphans=False)
    # Still orphaned after another re-cleaning that does not bring it back.
    assert store.reanchor(without).orphaned == [orphan]

    # The original text comes back (say, the cleaner's change was reverted).
    report = store.reanchor(doc)
    back = store.get(ann.id)
    assert report.restored == [back] and not back.orphaned
    assert body_slice(doc, back) == PASSAGE


def test_reanchoring_one_article_leaves_the_others_alone(store: AnnotationStore) -> None:
    fishing = store.add(fishing_article(), quote="A deal on fishing rights")
    store.add(islands_article(), quote=PASSAGE)
    store.reanchor(islands_article(paragraphs=["Entirely different text now."]))
    assert store.get(fishing.id) == fishing


# --- schema and migrations ---------------------------------------------------------------------


def test_a_new_file_has_the_current_schema_in_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "sub" / "annotations.sqlite3"
    with AnnotationStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION == 1
        assert store.integrity_check() == "ok"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    db = tmp_path / "annotations.sqlite3"
    with AnnotationStore(db) as store:
        ann = store.add(islands_article(), quote=PASSAGE, tags=["t"])
    with AnnotationStore(db) as store:
        assert store.find() == [ann]


def test_a_later_migration_upgrades_an_existing_file_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "annotations.sqlite3"
    with AnnotationStore(db) as store:
        ann = store.add(islands_article(), quote=PASSAGE, note="from version 1")

    def migration_2(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE annotations ADD COLUMN reviewed INTEGER NOT NULL DEFAULT 0")

    monkeypatch.setattr(
        annotations_module, "MIGRATIONS", (*annotations_module.MIGRATIONS, migration_2)
    )
    monkeypatch.setattr(annotations_module, "SCHEMA_VERSION", 2)
    with AnnotationStore(db) as store:
        assert store.schema_version == 2
        assert store.find() == [ann]
    with sqlite3.connect(db) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(annotations)")]
    conn.close()
    assert "reviewed" in columns


def test_a_failed_migration_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "annotations.sqlite3"
    with AnnotationStore(db) as store:
        ann = store.add(islands_article(), quote=PASSAGE)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE annotations ADD COLUMN half_done TEXT")
        raise RuntimeError("disk said no")

    monkeypatch.setattr(annotations_module, "MIGRATIONS", (*annotations_module.MIGRATIONS, broken))
    monkeypatch.setattr(annotations_module, "SCHEMA_VERSION", 2)
    with pytest.raises(RuntimeError):
        AnnotationStore(db)
    monkeypatch.undo()
    with AnnotationStore(db) as store:
        assert store.schema_version == 1 and store.find() == [ann]


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "annotations.sqlite3"
    with AnnotationStore(db) as store:
        store.add(islands_article(), quote=PASSAGE)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="newer Corpus Reader"):
        AnnotationStore(db)


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "annotations.sqlite3"
    junk = b"these are not the annotations you are looking for" * 100
    db.write_bytes(junk)
    with pytest.raises(StoreError, match="not an SQLite database; it was left untouched"):
        AnnotationStore(db)
    assert db.read_bytes() == junk


# --- never losing work: crashes and a second instance ------------------------------------------


def _writer(db: Path, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(PROJECT_ROOT))
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
    )


def _reported(stdout: str, word: str) -> set[str]:
    # Only whole lines count: a line cut off by the kill promised nothing.
    return {
        line.split()[1]
        for line in stdout.splitlines(keepends=True)
        if line.endswith("\n") and line.startswith(word + " ")
    }


def _wait_for_line(proc: subprocess.Popen[str], word: str, timeout: float = 30.0) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    lines = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith(word + " "):
            return "".join(lines)
    proc.kill()
    _, err = proc.communicate()
    pytest.fail(f"writer never printed {word!r}: {err}")


def test_a_writer_killed_at_random_moments_loses_nothing_it_committed(tmp_path: Path) -> None:
    db = tmp_path / "annotations.sqlite3"
    rng = random.Random(20190122)
    promised: set[str] = set()
    for _ in range(5):
        proc = _writer(db, "loop", "0", "crash")
        early = _wait_for_line(proc, "committed")
        time.sleep(rng.uniform(0.0, 0.4))
        proc.kill()  # SIGKILL on POSIX: no cleanup, no atexit, mid-transaction or not
        rest, _ = proc.communicate()
        promised |= _reported(early + rest, "committed")
    with AnnotationStore(db) as store:
        assert store.integrity_check() == "ok"
        stored = {a.id for a in store.find()}
        assert promised <= stored
        # Every surviving annotation is whole: its tags came in the same transaction.
        assert all("crash" in a.tags for a in store.find())
        # And the file is writable again: no lock was left behind.
        store.add(islands_article(), quote=PASSAGE)


def test_a_writer_killed_inside_an_open_transaction_leaves_no_trace_of_it(
    tmp_path: Path,
) -> None:
    db = tmp_path / "annotations.sqlite3"
    proc = _writer(db, "hold", "held")
    out = _wait_for_line(proc, "holding")
    proc.kill()
    proc.communicate()
    committed = _reported(out, "committed")
    pending = _reported(out, "holding")
    with AnnotationStore(db) as store:
        assert store.integrity_check() == "ok"
        ids = {a.id for a in store.find()}
        assert committed <= ids and not (pending & ids)
        store.add(islands_article(), quote=PASSAGE)


def test_two_instances_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "annotations.sqlite3"
    # Create the file first so neither writer's first act is the migration.
    AnnotationStore(db).close()
    writers = [_writer(db, "loop", "60", f"instance{i}") for i in range(2)]
    # Meanwhile this process edits through a third store on the same file.
    with AnnotationStore(db) as store:
        mine = [store.add(fishing_article(), quote="A deal on fishing rights") for _ in range(20)]
    results = [w.communicate(timeout=120) for w in writers]
    for w, (_, err) in zip(writers, results, strict=True):
        assert w.returncode == 0, err
    with AnnotationStore(db) as store:
        assert store.integrity_check() == "ok"
        stored = store.find()
    for i, (out, _) in enumerate(results):
        ids = _reported(out, "committed")
        assert len(ids) == 60
        assert ids <= {a.id for a in stored if f"instance{i}" in a.tags}
    assert {a.id for a in mine} <= {a.id for a in stored}
    assert len(stored) == 140


def test_two_stores_see_each_others_writes(tmp_path: Path) -> None:
    db = tmp_path / "annotations.sqlite3"
    with AnnotationStore(db) as first, AnnotationStore(db) as second:
        ann = first.add(islands_article(), quote=PASSAGE)
        assert second.get(ann.id) == ann
        second.update(ann.id, note="edited elsewhere")
        assert first.get(ann.id).note == "edited elsewhere"
        edited = first.get(ann.id)
        assert replace(edited, note="", modified=ann.modified) == ann


def test_one_store_shared_by_threads_serialises_their_writes(store: AnnotationStore) -> None:
    doc = islands_article()
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(25):
                ann = store.add(doc, quote=PASSAGE, note=f"thread {n} #{i}", tags=[f"t{n}"])
                store.update(ann.id, tags=[f"t{n}", "edited"])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(store.find(tag="edited")) == 100
    assert store.tags()[0] == "edited"
