"""The article list over a 20,000-article library: every match listed, the last one reachable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.ui.article_model import HIT_PAGE, ArticleTableModel, browse_rows
from reader.ui.main_window import MainWindow
from reader.ui.roles import DocIdRole, HitCountRole, SnippetRole


@pytest.fixture
def big_library(big_library_dir: Path) -> Iterator[Library]:
    lib = Library.open(data_dir=big_library_dir)
    yield lib
    lib.close()


def _window(make_window: Callable[..., MainWindow], lib: Library) -> MainWindow:
    # Not started: starting refreshes the index from the corpus folders,
    # which this read-only library has none of.
    window = make_window(lib, start=False)
    window.article_list.show_rows(browse_rows(lib.summaries()))
    return window


def test_every_match_is_listed_and_scrolling_reaches_the_last(
    make_window: Callable[..., MainWindow], big_library: Library, qtbot: QtBot
) -> None:
    expected = big_library.search("election", limit=None)
    assert expected.total > 2000
    window = _window(make_window, big_library)
    with qtbot.waitSignal(window.search_finished) as finished:
        window.search("election")
    assert finished.args == ["election", expected.total]
    article_list = window.article_list
    assert article_list.caption.text() == f"{expected.total:,} articles match"
    model = article_list.model
    assert model.rowCount() == expected.total
    assert model.doc_ids() == [h.id for h in expected.hits]
    # Only what was shown has been fetched, not every match.
    assert model.fetched_count() < 4 * HIT_PAGE

    view = article_list.view
    view.scrollToBottom()
    qtbot.wait(50)
    last = article_list.proxy.index(article_list.proxy.rowCount() - 1, 0)
    assert view.visualRect(last).intersects(view.viewport().rect())
    want = expected.hits[-1]
    assert last.data(DocIdRole) == want.id
    assert last.data(SnippetRole) == want.snippet
    assert last.data(HitCountRole) == len(want.matches) > 0
    assert model.fetched_count() < 6 * HIT_PAGE

    # Opening the last match marks its hits in the reading pane.
    assert article_list.select(want.id)
    assert window.reading_pane.hit_label.text() == f"hit 1 of {len(want.matches)}"


def test_sorting_by_hits_ranks_every_match_by_its_count(
    make_window: Callable[..., MainWindow], big_library: Library, qtbot: QtBot
) -> None:
    window = _window(make_window, big_library)
    with qtbot.waitSignal(window.search_finished):
        window.search('"peace treaty" OR harbour')
    model = window.article_list.model
    expected = big_library.search('"peace treaty" OR harbour', limit=None)
    counts = {h.id: len(h.matches) for h in expected.hits}
    model.sort(3, model.sort_order().DescendingOrder)
    shown = [model.index(r, 3).data(HitCountRole) for r in range(model.rowCount())]
    assert shown == sorted(counts.values(), reverse=True)
    assert sorted(model.doc_ids()) == sorted(counts)


def test_a_paged_search_passes_the_model_tester(
    qtmodeltester: ModelTester, big_library: Library
) -> None:
    model = ArticleTableModel()
    model.set_browse_rows(browse_rows(big_library.summaries()))
    result = big_library.search("mobile", limit=HIT_PAGE, every_match=True)
    fetched: list[Any] = []

    def fetch(ranked: list[tuple[str, float]]) -> list[Any]:
        fetched.append(len(ranked))
        return big_library.hits("mobile", ranked)

    model.set_ranking(result.ranked, result.hits, fetch)
    assert model.rowCount() == result.total > 1000
    assert model.index(result.total - 1, 0).data(SnippetRole)
    # One fetch: the last page (partly filled), not the pages before it.
    assert fetched == [result.total % HIT_PAGE or HIT_PAGE]
    qtmodeltester.check(model)
