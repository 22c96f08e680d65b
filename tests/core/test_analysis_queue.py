"""Entity analysis after indexing: pending articles, resumable runs, bad input that fails alone."""

from __future__ import annotations

import json
import random
from pathlib import Path

from reader.core.analysis.pipeline import analysis_version
from reader.core.analysis.queue import PENDING, analyse_pending, pending_analysis
from reader.core.docstore import DocStore, Fingerprint
from reader.core.library import Library
from reader.core.model import Document

GOOD = [
    "Harbour master Tomasz Wierzbicki met port officials in Gdynia on Friday.",
    "Wierzbicki said the Pomeranian Ferry Board would decide next month.",
]


def _put(store: DocStore, doc: Document) -> None:
    stamp = Fingerprint(f"/corpus/{doc.id}.txt", 1, 1, f"sha-{doc.id}", "c", PENDING)
    with store.transaction():
        store.put(doc, pending_analysis(doc), stamp)


def _store(tmp_path: Path, docs: list[Document]) -> DocStore:
    store = DocStore(tmp_path / "docs.sqlite3")
    for doc in docs:
        _put(store, doc)
    return store


def test_each_article_is_committed_and_a_later_run_resumes(tmp_path: Path) -> None:
    docs = [Document(id=f"a{i}", title=f"Port {i}", paragraphs=GOOD) for i in range(5)]
    store = _store(tmp_path, docs)
    version = analysis_version()
    assert store.count_analysis_pending(version) == 5
    first = analyse_pending(store, limit=2)
    assert (first.analysed, first.pending) == (2, 3)
    # What the first run did is kept: a second (after a kill, say) does only the rest.
    assert store.analysis_pending(version) == ["a2", "a3", "a4"]
    second = analyse_pending(store)
    assert (second.analysed, second.pending, second.failed) == (3, 0, 0)
    names = {e["name"] for e in store.get_analysis("a4")["entities"]}
    assert "Tomasz Wierzbicki" in names
    # The entity index is filled too, so the entity's articles are found.
    assert store.docs_naming(["person:tomasz-wierzbicki"]) == [d.id for d in docs]


def test_bad_articles_fail_one_line_each_and_the_queue_goes_on(tmp_path: Path) -> None:
    rng = random.Random(7)
    huge = Document(id="huge", paragraphs=["Gdynia port news. " * 1_200_000])  # ~21 MB
    no_sentences = Document(id="nosentences", paragraphs=["gdynia port " * 8_000])
    junk = "".join(chr(rng.randrange(0x20, 0x2FF)) for _ in range(60_000))
    binary = Document(id="binary", paragraphs=[junk])
    good = Document(id="zgood", paragraphs=GOOD)
    store = _store(tmp_path, [huge, no_sentences, binary, good])
    report = analyse_pending(store, budget=5.0)
    assert report.pending == 0
    lines = [m for m in report.messages if m.startswith("huge:")]
    size = len(huge.body_text) / 1_000_000
    assert lines == [f"huge: too long to analyse ({size:.0f} MB of text)"]
    assert all("\n" not in m for m in report.messages)
    assert store.get_analysis("huge")["error"].startswith("too long to analyse")
    # The good article after them is analysed all the same.
    assert "Tomasz Wierzbicki" in {e["name"] for e in store.get_analysis("zgood")["entities"]}
    assert report.analysed + report.failed == 4


def test_an_article_over_its_time_budget_is_marked_too_long(tmp_path: Path) -> None:
    long_doc = Document(id="long", paragraphs=[" ".join(GOOD)] * 3_000)
    good = Document(id="short", paragraphs=GOOD)
    store = _store(tmp_path, [long_doc, good])
    # Half a second: the long article needs several, the short one a few milliseconds
    # (a budget of milliseconds would also fail the short one on a busy machine).
    report = analyse_pending(store, budget=0.5)
    assert report.messages[0].startswith("long: too long to analyse (over ")
    assert report.failed == 1
    assert store.get_analysis("long")["error"].startswith("too long to analyse")
    assert store.count_analysis_pending(analysis_version()) == 0


def test_a_reclean_during_analysis_wins(tmp_path: Path) -> None:
    store = _store(tmp_path, [Document(id="a", paragraphs=GOOD)])
    doc, sha = store.get_for_analysis("a") or (None, "")
    assert doc is not None
    assert not store.put_analysis("a", "another-hash", {"entities": []}, "x")
    assert store.put_analysis("a", sha, {"entities": []}, "x")


def test_library_indexes_first_and_says_what_is_pending(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"port_{i}.txt").write_text(
            f"Port news {i}\n\n" + "\n\n".join(GOOD), encoding="utf-8"
        )
    with Library.open(tmp_path / "home", corpus) as lib:
        lib.update_index(analyse=False)
        assert lib.analysis_pending() == 3
        assert lib.search("Wierzbicki").total == 3  # searchable before analysis
        assert lib.entities("port_0") == []
        assert "waiting" in lib.analysis_note("port_0")
        report = lib.analyse_pending()
        assert report.analysed == 3 and lib.analysis_pending() == 0
        assert "Tomasz Wierzbicki" in {e.name for e in lib.entities("port_0")}
        assert lib.analysis_note("port_0") == ""
        # A later index update leaves the analyses alone.
        lib.update_index(analyse=False)
        assert lib.analysis_pending() == 0
        json.dumps(report.to_json())


def test_entity_search_finds_articles_once_they_are_analysed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kiln.txt").write_text(
        "Kiln reopens\n\nKiln master Saskia Brenholt met potters in Esbjerg on Friday.\n\n"
        "Brenholt said the old kiln would reopen next month.",
        encoding="utf-8",
    )
    (corpus / "other.txt").write_text("Other news\n\n" + "\n\n".join(GOOD), encoding="utf-8")
    query = "entities:person:saskia-brenholt"
    with Library.open(tmp_path / "home", corpus) as lib:
        lib.update_index(analyse=False)
        assert lib.search(query).total == 0  # not analysed yet: no entities to match
        lib.analyse_pending()
        assert "person:saskia-brenholt" in {e.key for e in lib.entities("kiln")}
        assert [h.id for h in lib.search(query).hits] == ["kiln"]
        assert [h.id for h in lib.search(f"kiln {query}").hits] == ["kiln"]
        # The body is still searchable as before.
        assert {h.id for h in lib.search("Wierzbicki").hits} == {"other"}


def test_entities_wait_for_a_busy_index_and_go_in_with_the_next_batch(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(2):
        (corpus / f"port_{i}.txt").write_text(
            f"Port news {i}\n\n" + "\n\n".join(GOOD), encoding="utf-8"
        )
    query = "entities:person:tomasz-wierzbicki"
    with Library.open(tmp_path / "home", corpus) as lib:
        lib.update_index(analyse=False)
        # Another writer holds the index while the first article is analysed.
        with lib._search_index.writer():
            first = lib.analyse_pending(limit=1)
        assert any("busy" in m for m in first.messages)
        assert lib.search(query).total == 0
        lib.analyse_pending()
        assert {h.id for h in lib.search(query).hits} == {"port_0", "port_1"}


def test_two_processes_share_the_queue_and_each_article_is_done_once(tmp_path: Path) -> None:
    docs = [Document(id=f"b{i:02d}", title=f"Port {i}", paragraphs=GOOD) for i in range(48)]
    store = _store(tmp_path, docs)
    handed: list[str] = []
    report = analyse_pending(
        store, workers=2, on_analysed=lambda got: handed.extend(d.id for d, _ in got), batch=10
    )
    assert (report.analysed, report.failed, report.pending) == (48, 0, 0)
    # Every article reached the index once, whichever process analysed it.
    assert sorted(handed) == [d.id for d in docs]
    names = {e["name"] for e in store.get_analysis("b47")["entities"]}
    assert "Tomasz Wierzbicki" in names


def test_a_stop_ends_both_processes_and_the_rest_stays_queued(tmp_path: Path) -> None:
    docs = [Document(id=f"c{i:02d}", title=f"Port {i}", paragraphs=GOOD) for i in range(60)]
    store = _store(tmp_path, docs)
    asked: list[int] = []

    def should_stop() -> bool:
        asked.append(1)
        return len(asked) > 5  # the researcher quits after a few articles

    report = analyse_pending(store, workers=2, should_stop=should_stop)
    assert 0 < report.analysed < 60
    assert report.pending == 60 - report.analysed
    assert analyse_pending(store, workers=2).analysed == report.pending
