"""The index itself: writing, replacing, health checks and damage, snippets."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.core.model import Document
from reader.core.search.index import (
    INDEX_FORMAT,
    IndexDamaged,
    LockedIndex,
    SearchIndex,
    make_snippet,
)

BUNDLED_ARTICLES = Path(__file__).resolve().parents[2] / "corpus" / "articles"


def doc(doc_id: str, *paragraphs: str, **meta: str) -> Document:
    return Document(id=doc_id, paragraphs=list(paragraphs), **meta)


@pytest.fixture
def index(tmp_path: Path) -> SearchIndex:
    ix = SearchIndex(tmp_path / "index")
    ix.reset()
    with ix.writer(fresh=True) as w:
        w.add(doc("a", "The ferry crossed the strait at dawn.", title="Ferry"))
        w.add(doc("b", "A storm closed the strait for two days.", title="Storm"))
    yield ix
    ix.close()


def test_index_lives_in_its_folder_without_compound_files(index: SearchIndex) -> None:
    names = os.listdir(index.directory)
    assert any(n.endswith(".toc") for n in names)
    # compound=False: segments stay separate files, which Whoosh maps rather
    # than copying into memory.
    assert not any(n.endswith(".seg") for n in names)
    assert index.doc_count() == 2
    assert index.ids() == {"a", "b"}


def test_add_replaces_a_document_with_the_same_id(index: SearchIndex) -> None:
    with index.writer() as w:
        w.add(doc("a", "The ferry was cancelled.", title="Ferry"))
    assert index.doc_count() == 2
    assert [h.id for h in index.search("cancelled").hits] == ["a"]
    assert index.search("dawn").total == 0


def test_delete_and_cancel(index: SearchIndex) -> None:
    with index.writer() as w:
        w.delete("b")
    assert index.ids() == {"a"}
    with pytest.raises(RuntimeError), index.writer() as w:
        w.delete("a")
        raise RuntimeError("interrupted")
    assert index.ids() == {"a"}  # cancelled, not half-applied


def test_cached_searcher_sees_new_commits(index: SearchIndex) -> None:
    assert index.search("harbour").total == 0
    other = SearchIndex(index.directory)  # as another instance would write it
    with other.writer() as w:
        w.add(doc("c", "The harbour froze over."))
    other.close()
    assert [h.id for h in index.search("harbour").hits] == ["c"]


def test_entities_are_indexed_from_analysis(tmp_path: Path) -> None:
    ix = SearchIndex(tmp_path / "ix")
    ix.reset()
    analysis = {"entities": [{"key": "person:mirela ostrovska"}, {"key": "place:lima"}, {}]}
    with ix.writer() as w:
        w.add(doc("a", "Text."), analysis)
        w.add(doc("b", "Text."), {"unexpected": "shape"})
    assert [h.id for h in ix.search('entities:"person:mirela ostrovska"').hits] == ["a"]
    assert [h.id for h in ix.search("entities:place:lima").hits] == ["a"]
    ix.close()


def test_healthy_index_has_no_problem(index: SearchIndex) -> None:
    assert index.problem() is None
    sig = index.signature()
    assert sig["format"] == INDEX_FORMAT
    assert index.problem(sig) is None


def test_missing_index_is_reported(tmp_path: Path) -> None:
    ix = SearchIndex(tmp_path / "nothing")
    assert not ix.exists()
    assert "not been built" in (ix.problem() or "")
    with pytest.raises(IndexDamaged):
        ix.search("ferry")


def _segment_files(ix: SearchIndex) -> list[Path]:
    return sorted(p for p in ix.directory.iterdir() if p.suffix in (".trm", ".pst", ".col"))


def test_truncated_segment_file_is_detected(index: SearchIndex) -> None:
    sig = index.signature()
    victim = next(p for p in _segment_files(index) if p.suffix == ".trm")
    with open(victim, "r+b") as f:
        f.truncate(victim.stat().st_size // 2)
    assert index.problem(sig) is not None


def test_garbled_segment_file_is_detected_even_at_the_same_size(index: SearchIndex) -> None:
    sig = index.signature()
    victim = next(p for p in _segment_files(index) if p.suffix == ".pst")
    victim.write_bytes(os.urandom(victim.stat().st_size))
    assert "changed" in (index.problem(sig) or "")


def test_garbled_toc_is_detected_without_a_signature(index: SearchIndex) -> None:
    toc = next(index.directory.glob("*.toc"))
    toc.write_bytes(b"\x00garbage" * 10)
    assert index.problem() is not None


def test_unfinished_commit_is_detected(index: SearchIndex) -> None:
    sig = index.signature()
    with index.writer() as w:  # a commit the caller never recorded
        w.add(doc("c", "Late news."))
    assert "not saved completely" in (index.problem(sig) or "")


def test_search_on_a_damaged_index_raises_index_damaged(index: SearchIndex) -> None:
    for path in _segment_files(index):
        path.write_bytes(b"garbage")
    index.close()
    with pytest.raises(IndexDamaged) as info:
        index.search("ferry")
    assert "\n" not in str(info.value)


def test_reset_gives_an_empty_working_index(index: SearchIndex) -> None:
    (index.directory / "stray-file").write_text("x")
    index.reset()
    assert index.doc_count() == 0
    assert not (index.directory / "stray-file").exists()
    with index.writer() as w:
        w.add(doc("z", "Fresh start."))
    assert index.search("fresh").total == 1


def test_held_write_lock_is_reported_and_can_be_cleared(index: SearchIndex) -> None:
    first = index.writer()
    with pytest.raises(LockedIndex):
        index.writer()
    first.cancel()
    # A lock file left behind by a killed process (no process holds it).
    (index.directory / "MAIN_WRITELOCK").write_text("")
    with index.writer() as w:
        w.add(doc("c", "Works."))
    assert index.clear_stale_lock() in (True, False)


def test_snippet_around_the_first_match() -> None:
    body = "First paragraph is short.\n\n" + "word " * 40 + "TARGET " + "tail " * 60
    start = body.index("TARGET")
    snippet = make_snippet(body, [(start, start + 6)])
    assert "TARGET" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert snippet.strip("…") in body
    assert len(snippet) <= 230
    assert make_snippet("", []) == ""
    assert make_snippet("Only one line.", []) == "Only one line."


def test_fast_tokenizer_gives_the_analyzers_tokens() -> None:
    from reader.core.search.highlight import _StemTokens
    from reader.core.search.schema import build_schema

    analyzer = build_schema()["body"].analyzer
    fast = _StemTokens(analyzer)
    assert fast.fast
    texts = [p.read_text(encoding="utf-8") for p in BUNDLED_ARTICLES.glob("*.txt")]
    texts.append("U.S. officials' talks — Tromsø, naïve café 3.5% e.g. A I an X-ray über_cool")
    for text in texts:
        expected = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True)]
        assert list(fast.tokens(text)) == expected
