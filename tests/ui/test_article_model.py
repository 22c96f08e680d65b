"""The article list model: Qt's model contract, both modes, sorting, filtering, scale."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core.model import Hit
from reader.ui.article_list import ArticleList
from reader.ui.article_model import (
    DATE_COLUMN,
    TITLE_COLUMN,
    ArticleFilterProxy,
    ArticleTableModel,
    DocIdRole,
    HitCountRole,
    SnippetRole,
)


@dataclass(frozen=True)
class Summary:
    id: str
    title: str
    publisher: str
    published: str | None
    dateline: str = ""


SUMMARIES = [
    Summary("a", "Abe meets Putin", "Nikkei", "2019-06-29"),
    Summary("b", "Buenos Aires talks", "Nikkei", "2018-12-01"),
    Summary("c", "undated piece", "", None),
]


def _ids(model: ArticleFilterProxy | ArticleTableModel) -> list[str]:
    return [model.index(r, 0).data(DocIdRole) for r in range(model.rowCount())]


def test_browse_and_search_modes_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = ArticleTableModel()
    model.set_summaries(SUMMARIES)
    qtmodeltester.check(model)
    model.set_hits(
        [Hit("b", "Buenos Aires talks", "Nikkei", "2018-12-01", 3.5, "…talks…", [(0, 5)])]
    )
    qtmodeltester.check(model)
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_browse_mode_lists_newest_first_with_undated_last() -> None:
    model = ArticleTableModel()
    model.set_summaries(SUMMARIES)
    assert _ids(model) == ["a", "b", "c"]
    assert model.index(0, DATE_COLUMN).data() == "2019-06-29"
    assert model.index(2, DATE_COLUMN).data() == ""


def test_search_mode_keeps_rank_and_exposes_snippet_and_count() -> None:
    model = ArticleTableModel()
    hits = [
        Hit("c", "undated piece", "", None, 9.0, "…first…", [(1, 2), (5, 6)]),
        Hit("a", "Abe meets Putin", "Nikkei", "2019-06-29", 2.0, "…second…", [(3, 4)]),
    ]
    model.set_hits(hits)
    assert model.is_searching()
    assert _ids(model) == ["c", "a"]
    assert model.index(0, 0).data(SnippetRole) == "…first…"
    assert model.index(0, 0).data(HitCountRole) == 2


def test_sorting_goes_through_the_proxy_and_back_to_rank(qtmodeltester: ModelTester) -> None:
    model = ArticleTableModel()
    model.set_summaries(SUMMARIES)
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(TITLE_COLUMN, Qt.SortOrder.AscendingOrder)
    assert _ids(proxy) == ["a", "b", "c"]
    proxy.sort(TITLE_COLUMN, Qt.SortOrder.DescendingOrder)
    assert _ids(proxy) == ["c", "b", "a"]
    proxy.sort(DATE_COLUMN, Qt.SortOrder.AscendingOrder)
    assert _ids(proxy) == ["c", "b", "a"]
    proxy.sort(-1)
    assert _ids(proxy) == ["a", "b", "c"]
    qtmodeltester.check(proxy)


def test_filter_by_a_set_of_ids() -> None:
    model = ArticleTableModel()
    model.set_summaries(SUMMARIES)
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_allowed_ids({"b", "c", "not-there"})
    assert _ids(proxy) == ["b", "c"]
    proxy.set_allowed_ids(None)
    assert _ids(proxy) == ["a", "b", "c"]


def test_a_hundred_thousand_articles_fill_sort_and_filter() -> None:
    # How fast is the benchmark's business (tests/perf/bench_ui.py); this
    # checks that the fast paths give the right rows.
    summaries = [
        Summary(
            f"doc{n:06d}",
            f"Title {n * 7919 % 100_000:05d}",
            f"Pub {n % 37}",
            f"20{n % 20:02d}-01-01",
        )
        for n in range(100_000)
    ]
    model = ArticleTableModel()
    proxy = ArticleFilterProxy()
    proxy.setSourceModel(model)
    model.set_summaries(summaries)
    assert proxy.rowCount() == 100_000
    assert proxy.index(0, DATE_COLUMN).data() == "2019-01-01"
    proxy.sort(TITLE_COLUMN, Qt.SortOrder.AscendingOrder)
    titles = [model.article(r).title for r in range(model.rowCount())]
    assert titles == sorted(titles)
    proxy.set_allowed_ids({f"doc{n:06d}" for n in range(0, 100_000, 10)})
    assert proxy.rowCount() == 10_000
    shown = [model.article(r) for r in range(model.rowCount())]
    assert all(int(row.doc_id[3:]) % 10 == 0 for row in shown)
    assert [r.title for r in shown] == sorted(r.title for r in shown)
    assert model.row_for("doc000010") >= 0 and model.row_for("doc000011") == -1
    proxy.set_allowed_ids(None)
    assert proxy.rowCount() == 100_000
    assert model.total_count() == 100_000


def test_the_list_keeps_the_open_article_current_through_a_filter(qtbot: QtBot) -> None:
    article_list = ArticleList()
    qtbot.addWidget(article_list)
    article_list.show_summaries(SUMMARIES)
    assert article_list.select("b", notify=False)
    with qtbot.assertNotEmitted(article_list.article_selected):
        article_list.set_allowed_ids({"b", "c"})
    assert article_list.visible_doc_ids() == ["b", "c"]
    assert article_list.current_doc_id() == "b"
    assert "filtered from 3" in article_list.caption.text()
    article_list.set_allowed_ids(None)
    assert article_list.current_doc_id() == "b"
    # Search rows are two lines high, browse rows one.
    browse_height = article_list.view.sizeHintForRow(0)
    article_list.show_hits(
        [Hit("c", "undated piece", "", None, 1.0, "…snippet…", [(0, 1)])], "piece"
    )
    assert article_list.view.sizeHintForRow(0) > browse_height
