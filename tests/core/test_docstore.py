"""The document cache: round trips, fingerprints, transactions, corruption."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from reader.core.docstore import CachedFailure, DocStore, DocSummary, Fingerprint
from reader.core.model import Document, RemovedBlock


def make_doc(doc_id: str, title: str = "A title") -> Document:
    return Document(
        id=doc_id,
        title=title,
        publisher="Coastal Herald",
        published="2019-06-30",
        dateline="VALPARAISO",
        paragraphs=["First paragraph.", "Second paragraph, with ünïcode."],
        removed=[RemovedBlock("Subscribe now", "subscription plea")],
        captions=["A harbour at dusk."],
    )


def fp(path: str = "/corpus/a.txt", size: int = 10, sha: str = "abc") -> Fingerprint:
    return Fingerprint(path, size, 123, sha, "1", "0")


@pytest.fixture
def store(tmp_path: Path) -> DocStore:
    s = DocStore.in_folder(tmp_path)
    yield s
    s.close()


def test_round_trip(store: DocStore) -> None:
    doc = make_doc("a")
    with store.transaction():
        store.put(doc, {"entities": [{"key": "person:x"}]}, fp())
    assert store.get("a") == doc
    assert store.get("a").body_text == doc.body_text
    assert store.get_analysis("a") == {"entities": [{"key": "person:x"}]}
    assert "a" in store and "b" not in store
    assert len(store) == 1
    assert store.fingerprints() == {"a": fp()}
    with pytest.raises(KeyError):
        store.get("b")


def test_summaries_and_analyses_in_id_order(store: DocStore) -> None:
    with store.transaction():
        for i in (3, 1, 2):
            store.put(make_doc(f"d{i}", title=f"Title {i}"), {"n": i}, fp())
    assert store.summaries() == [
        DocSummary(f"d{i}", f"Title {i}", "Coastal Herald", "2019-06-30", "VALPARAISO")
        for i in (1, 2, 3)
    ]
    assert list(store.analyses()) == [("d1", {"n": 1}), ("d2", {"n": 2}), ("d3", {"n": 3})]
    assert [d.id for d, _ in store.documents()] == ["d1", "d2", "d3"]


def test_transaction_rolls_back_on_error(store: DocStore) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.put(make_doc("a"), {}, fp())
        raise RuntimeError("crash mid-ingest")
    assert len(store) == 0


def test_delete_update_fingerprint_and_meta(store: DocStore) -> None:
    with store.transaction():
        store.put(make_doc("a"), {}, fp())
        store.put(make_doc("b"), {}, fp())
        store.set_meta("k", "v")
    with store.transaction():
        store.delete("b")
        store.update_fingerprint("a", fp(path="/moved/a.txt"))
    assert set(store.fingerprints()) == {"a"}
    assert store.fingerprints()["a"].path == "/moved/a.txt"
    assert store.get_meta("k") == "v"
    assert store.get_meta("missing") is None


def test_failures_are_remembered_and_cleared_by_a_good_put(store: DocStore) -> None:
    bad = CachedFailure("a", "/corpus/a.txt", 0, 5, "1", "empty file")
    with store.transaction():
        store.put_failure(bad)
    assert store.failures() == {"a": bad}
    with store.transaction():
        store.put(make_doc("a"), {}, fp())
    assert store.failures() == {}


def test_persists_across_instances(tmp_path: Path) -> None:
    with DocStore.in_folder(tmp_path) as s, s.transaction():
        s.put(make_doc("a"), {}, fp())
    with DocStore.in_folder(tmp_path) as s:
        assert s.get("a").title == "A title"
        assert not s.rebuilt


def test_corrupt_file_is_deleted_and_rebuilt(tmp_path: Path) -> None:
    with DocStore.in_folder(tmp_path) as s, s.transaction():
        s.put(make_doc("a"), {}, fp())
    db = tmp_path / "documents.sqlite3"
    db.write_bytes(b"this is not a database at all" * 100)
    with DocStore.in_folder(tmp_path) as s:
        assert s.rebuilt
        assert "started afresh" in s.message
        assert len(s) == 0
        with s.transaction():
            s.put(make_doc("b"), {}, fp())
        assert s.get("b").id == "b"


def test_readers_are_not_blocked_for_a_whole_transaction(store: DocStore) -> None:
    with store.transaction():
        store.put(make_doc("a"), {}, fp())
    seen: list[int] = []
    with store.transaction():
        store.put(make_doc("b"), {}, fp())
        reader = threading.Thread(target=lambda: seen.append(len(store.summaries())))
        reader.start()
        reader.join(timeout=5)
        assert not reader.is_alive()
    assert seen


def test_summaries_list_every_document_of_a_large_corpus(store: DocStore) -> None:
    body = ["word " * 400]
    with store.transaction():
        for i in range(20_000):
            doc = Document(id=f"{i:06d}", title=f"Title {i}", paragraphs=body)
            store.put(doc, {}, fp())
    rows = store.summaries()
    assert len(rows) == 20_000
    assert [r.id for r in rows[:2]] == ["000000", "000001"]
    assert rows[-1].title == "Title 19999"
