"""Ingest: incremental updates, recovery from damage, locking, the real cleaner."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reader.core import ingest as ingest_module
from reader.core.corpus import discover
from reader.core.docstore import DocStore
from reader.core.ingest import BUSY_MESSAGE, IndexBusy, IngestReport, ingest
from reader.core.model import Document, DocumentError
from reader.core.paths import bundled_corpus_dir
from reader.core.search.index import SearchIndex

CLEANED: list[str] = []


def simple_clean(path: str | os.PathLike[str], *, doc_id: str | None = None, manifest=None):
    """A stand-in cleaner: first line is the title, blank lines split paragraphs."""
    p = Path(path)
    CLEANED.append(p.name)
    data = p.read_bytes()
    if not data.strip():
        raise DocumentError(p.name, "empty file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DocumentError(p.name, "not text") from None
    title, _, rest = text.partition("\n")
    paragraphs = [part.strip() for part in rest.split("\n\n") if part.strip()]
    return Document(
        id=doc_id or p.stem,
        title=title.strip(),
        published=(manifest or {}).get("published"),
        publisher=(manifest or {}).get("publisher") or "",
        paragraphs=paragraphs,
    )


def simple_analyze(doc: Document) -> dict:
    return {"entities": [{"key": f"title:{doc.title.split()[0].lower()}"}] if doc.title else []}


ARTICLES = {
    "harbour": "Harbour talks\n\nNegotiators met in Valparaiso over the quota.",
    "summit": "Summit closes\n\nThe summit in Lima ended without a treaty.",
    "glacier": "Glacier report\n\nGlaciers retreated sharply near Tromsø.",
}


@dataclass
class Setup:
    corpus: Path
    store: DocStore
    index: SearchIndex

    def run(self, **kwargs: object) -> IngestReport:
        CLEANED.clear()
        params: dict[str, object] = {"clean": simple_clean, "analyze": simple_analyze}
        params.update(kwargs)
        return ingest(discover([self.corpus]), store=self.store, index=self.index, **params)

    def found(self, query: str) -> list[str]:
        return sorted(h.id for h in self.index.search(query, limit=None).hits)

    def reopen_store(self) -> None:
        self.store.close()
        self.store = DocStore.in_folder(self.index.directory.parent)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[Setup]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    s = Setup(corpus, DocStore.in_folder(cache), SearchIndex(cache / "index"))
    first = s.run()
    assert (first.added, first.unchanged, first.rebuilt, first.messages) == (3, 0, False, [])
    yield s
    s.index.close()
    s.store.close()


def bump_mtime(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


# -- incremental -------------------------------------------------------------


def test_first_ingest_indexes_and_caches_everything(setup: Setup) -> None:
    assert setup.found("valparaiso") == ["harbour"]
    assert setup.found("negotiate") == ["harbour"]
    assert len(setup.store) == 3
    assert setup.store.get_analysis("summit") == {"entities": [{"key": "title:summit"}]}
    assert setup.found("entities:title:glacier") == ["glacier"]


def test_nothing_changed_reads_nothing(setup: Setup) -> None:
    report = setup.run()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 3)
    assert CLEANED == []


def test_touched_file_is_not_recleaned(setup: Setup) -> None:
    bump_mtime(setup.corpus / "summit.txt")
    report = setup.run()
    assert report.unchanged == 3 and report.updated == 0
    assert CLEANED == []
    # The new stat was recorded, so the next run does not even hash it.
    assert setup.store.fingerprints()["summit"].mtime_ns == (
        (setup.corpus / "summit.txt").stat().st_mtime_ns
    )


def test_modified_file_is_exactly_what_is_redone(setup: Setup) -> None:
    path = setup.corpus / "summit.txt"
    path.write_text("Summit closes\n\nThe summit in Quito ended with a ceasefire.", "utf-8")
    bump_mtime(path)
    report = setup.run()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 0, 2)
    assert CLEANED == ["summit.txt"]
    assert setup.found("quito") == ["summit"]
    assert setup.found("lima") == []
    assert "Quito" in setup.store.get("summit").body_text


def test_same_size_edit_is_caught_by_the_hash(setup: Setup) -> None:
    path = setup.corpus / "summit.txt"
    text = path.read_text("utf-8")
    path.write_text(text.replace("Lima", "Rome"), "utf-8")
    bump_mtime(path)
    report = setup.run()
    assert report.updated == 1 and CLEANED == ["summit.txt"]
    assert setup.found("rome") == ["summit"]


def test_deleted_file_is_removed(setup: Setup) -> None:
    (setup.corpus / "glacier.txt").unlink()
    report = setup.run()
    assert (report.removed, report.unchanged) == (1, 2)
    assert CLEANED == []
    assert setup.found("glaciers") == []
    assert "glacier" not in setup.store


def test_new_file_is_added(setup: Setup) -> None:
    (setup.corpus / "storm.txt").write_text("Storm\n\nA storm closed the strait.", "utf-8")
    report = setup.run()
    assert (report.added, report.unchanged) == (1, 3)
    assert CLEANED == ["storm.txt"]
    assert setup.found("strait") == ["storm"]


def test_new_analysis_version_reanalyses_without_recleaning(setup: Setup) -> None:
    report = setup.run(analysis_version="next")
    assert report.updated == 3
    assert CLEANED == []
    assert setup.run(analysis_version="next").unchanged == 3


def test_new_cleaner_version_recleans_everything(setup: Setup) -> None:
    report = setup.run(cleaner_version="next")
    assert report.updated == 3
    assert sorted(CLEANED) == ["glacier.txt", "harbour.txt", "summit.txt"]


def test_manifest_change_recleans_that_article(tmp_path: Path) -> None:
    corpus = tmp_path / "bundled"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / "a.txt").write_text("A\n\nAlpha text.", "utf-8")
    (corpus / "articles" / "b.txt").write_text("B\n\nBravo text.", "utf-8")
    manifest = corpus / "manifest.json"
    manifest.write_text('{"articles": {"a": {"published": "2019-01-22"}}}', "utf-8")
    s = Setup(corpus, DocStore.in_folder(tmp_path / "c"), SearchIndex(tmp_path / "c" / "ix"))
    s.run()
    assert s.found("published:2019") == ["a"]
    manifest.write_text('{"articles": {"a": {"published": "2016-11-19"}}}', "utf-8")
    report = s.run()
    assert report.updated == 1 and CLEANED == ["a.txt"]
    assert s.found("published:2016") == ["a"]
    s.index.close()
    s.store.close()


def test_bad_file_is_reported_each_time_but_read_once(setup: Setup) -> None:
    (setup.corpus / "broken.txt").write_bytes(b"\xff\xfe\x00binary")
    report = setup.run()
    assert [f.reason for f in report.failures] == ["not text"]
    assert report.added == 0 and report.unchanged == 3
    again = setup.run()
    assert [f.reason for f in again.failures] == ["not text"]
    assert CLEANED == []
    (setup.corpus / "broken.txt").write_text("Fixed\n\nNow readable.", "utf-8")
    fixed = setup.run()
    assert fixed.added == 1 and fixed.ok
    (setup.corpus / "broken.txt").unlink()
    assert setup.run().removed == 1
    assert setup.store.failures() == {}


def test_article_that_turns_bad_keeps_its_last_good_version(setup: Setup) -> None:
    path = setup.corpus / "summit.txt"
    path.write_bytes(b"")
    report = setup.run()
    assert [f.reason for f in report.failures] == ["empty file"]
    assert setup.found("lima") == ["summit"]


def test_progress_is_reported(setup: Setup) -> None:
    (setup.corpus / "storm.txt").write_text("Storm\n\nA storm.", "utf-8")
    calls: list[tuple[int, int, str]] = []
    setup.run(progress=lambda d, t, m="": calls.append((d, t, m)))
    assert calls[0][:2] == (0, 1) and calls[-1][:2] == (1, 1)


def test_report_to_json(setup: Setup) -> None:
    (setup.corpus / "bad.txt").write_bytes(b"")
    data = setup.run().to_json()
    assert data["unchanged"] == 3
    assert data["failures"] == [{"path": "bad.txt", "reason": "empty file"}]


# -- recovery ----------------------------------------------------------------


def _segment(index: SearchIndex, suffix: str) -> Path:
    return max(index.directory.glob(f"*{suffix}"), key=lambda p: p.stat().st_size)


def _assert_rebuilt_and_working(report: IngestReport, setup: Setup) -> None:
    assert report.rebuilt
    assert any("rebuilt" in m for m in report.messages), report.messages
    assert setup.found("valparaiso") == ["harbour"]
    assert setup.found("glaciers") == ["glacier"]
    assert setup.index.doc_count() == 3


def test_truncated_segment_is_rebuilt_from_the_cache(setup: Setup) -> None:
    victim = _segment(setup.index, ".trm")
    with open(victim, "r+b") as f:
        f.truncate(victim.stat().st_size // 3)
    report = setup.run()
    _assert_rebuilt_and_working(report, setup)
    assert CLEANED == []  # the cached documents were still good
    assert not setup.run().rebuilt


def test_garbled_segment_is_rebuilt(setup: Setup) -> None:
    victim = _segment(setup.index, ".pst")
    victim.write_bytes(os.urandom(victim.stat().st_size))
    _assert_rebuilt_and_working(setup.run(), setup)


def test_deleted_index_is_rebuilt(setup: Setup) -> None:
    setup.index.close()
    for path in setup.index.directory.iterdir():
        path.unlink()
    _assert_rebuilt_and_working(setup.run(), setup)


def test_commit_the_cache_never_recorded_is_rebuilt(setup: Setup) -> None:
    # As if the process died between committing the index and the cache.
    with setup.index.writer() as w:
        w.add(Document(id="ghost", paragraphs=["A ghost document."]))
    report = setup.run()
    _assert_rebuilt_and_working(report, setup)
    assert setup.found("ghost") == []


@pytest.mark.skipif(
    sys.platform == "win32", reason="holds the lock from a second process with POSIX flock"
)
def test_stale_whoosh_lock_is_cleared(setup: Setup) -> None:
    import fcntl

    (setup.corpus / "storm.txt").write_text("Storm\n\nA storm.", "utf-8")
    lock_path = setup.index.directory / "MAIN_WRITELOCK"
    fd = os.open(lock_path, os.O_CREAT | os.O_WRONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a writer that never finished
        report = setup.run()
    finally:
        os.close(fd)
    assert report.added == 1
    assert any("stale lock" in m for m in report.messages)
    assert setup.found("storm") == ["storm"]


def test_leftover_lock_file_is_harmless(setup: Setup) -> None:
    (setup.index.directory / "MAIN_WRITELOCK").write_text("")
    (setup.corpus / "storm.txt").write_text("Storm\n\nA storm.", "utf-8")
    assert setup.run().added == 1


def test_deleted_document_cache_is_rebuilt(setup: Setup) -> None:
    setup.store.close()
    for path in setup.index.directory.parent.glob("documents.sqlite3*"):
        path.unlink()
    setup.reopen_store()
    report = setup.run()
    _assert_rebuilt_and_working(report, setup)
    assert report.added == 3


def test_corrupt_document_cache_is_rebuilt(setup: Setup) -> None:
    setup.store.close()
    db = setup.index.directory.parent / "documents.sqlite3"
    for extra in db.parent.glob("documents.sqlite3-*"):
        extra.unlink()
    db.write_bytes(b"garbage" * 1000)
    setup.reopen_store()
    report = setup.run()
    assert any("started afresh" in m for m in report.messages)
    _assert_rebuilt_and_working(report, setup)


def test_failure_while_writing_rebuilds_once(setup: Setup, monkeypatch: pytest.MonkeyPatch) -> None:
    (setup.corpus / "storm.txt").write_text("Storm\n\nA storm.", "utf-8")
    calls = {"n": 0}
    real_add = ingest_module.IndexWriter.add

    def flaky_add(self, doc, analysis=None):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("disk hiccup")
        return real_add(self, doc, analysis)

    monkeypatch.setattr(ingest_module.IndexWriter, "add", flaky_add)
    report = setup.run()
    assert report.rebuilt
    assert "failed while updating" in report.messages[0]
    assert setup.found("storm") == ["storm"]
    assert setup.found("glaciers") == ["glacier"]


# -- two instances -----------------------------------------------------------


@pytest.mark.skipif(
    sys.platform == "win32", reason="holds the lock from a second process with POSIX flock"
)
def test_second_instance_waits_then_reports_busy(setup: Setup) -> None:
    import fcntl

    with open(setup.index.directory.parent / "ingest.lock", "a+b") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(IndexBusy) as info:
            setup.run(lock_timeout=0.2)
    assert str(info.value) == BUSY_MESSAGE
    assert setup.run().unchanged == 3


def test_concurrent_ingests_do_not_corrupt(setup: Setup) -> None:
    for i in range(30):
        (setup.corpus / f"extra{i}.txt").write_text(f"Extra {i}\n\nExtra body {i}.", "utf-8")
    cache = setup.index.directory.parent
    reports: list[IngestReport] = []
    errors: list[BaseException] = []

    def other_instance() -> None:
        store, index = DocStore.in_folder(cache), SearchIndex(cache / "index")
        try:
            reports.append(
                ingest(
                    discover([setup.corpus]),
                    store=store,
                    index=index,
                    clean=simple_clean,
                    analyze=simple_analyze,
                    lock_timeout=30,
                )
            )
        except BaseException as exc:
            errors.append(exc)
        finally:
            index.close()
            store.close()

    threads = [threading.Thread(target=other_instance) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    assert sorted(r.added for r in reports) == [0, 0, 30]
    assert not any(r.rebuilt for r in reports)
    assert setup.index.doc_count() == 33
    assert setup.run().unchanged == 33


# -- the real cleaner ----------------------------------------------------------


def test_bundled_corpus_through_the_real_cleaner(tmp_path: Path) -> None:
    store, index = DocStore.in_folder(tmp_path), SearchIndex(tmp_path / "index")
    sources = discover([bundled_corpus_dir()])
    report = ingest(sources, store=store, index=index)
    assert (report.added, report.ok) == (5, True)
    hits = index.search("negotiate").hits
    assert hits
    for hit in hits:
        body = store.get(hit.id).body_text
        assert all(body[s:e].lower().startswith("negotia") for s, e in hit.matches)
    assert [h.id for h in index.search("lima AND published:2016").hits] == ["004_7e4fc252ac36b584"]
    assert {h.id for h in index.search("published:2019-01-22").hits} == {
        "002_88f331eb946bdea1",
        "003_f58378006adc5005",
    }
    assert ingest(sources, store=store, index=index).unchanged == 5
    index.close()
    store.close()


def test_worker_processes_clean_a_larger_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "POOL_THRESHOLD", 20)
    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(60):
        (corpus / f"n{i:03d}.txt").write_text(
            f"Report number {i}\n\n"
            f"The council of district {i} met on Monday to discuss the harbour budget. "
            f"Councillor Ada Brenner{i} proposed a new ferry timetable for the islands.\n\n"
            "Residents welcomed the plan, officials said.\n",
            encoding="utf-8",
        )
    (corpus / "bad.txt").write_bytes(b"\x00" * 100)
    store, index = DocStore.in_folder(tmp_path / "c"), SearchIndex(tmp_path / "c" / "ix")
    report = ingest(discover([corpus]), store=store, index=index, workers=2)
    assert report.added == 60
    assert [Path(f.path).name for f in report.failures] == ["bad.txt"]
    assert index.search("ferry", limit=None).total == 60
    assert [h.id for h in index.search("brenner17").hits] == ["n017"]
    index.close()
    store.close()
