"""The article list follows the search box, and the library as other processes change it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from tests.ui.search_box import type_query

QUERY = "Lavrov AND Munich"
NEW_ARTICLE = """Quarry workers in Szentendre end strike

By Ilona Várkonyi

March 3, 2021

SZENTENDRE -- Workers at the Dunabogdány limestone quarry ended a nine-day strike on
Wednesday after the owners agreed to restore the night-shift bonus.

The union's chair, Bence Koltai, said the agreement would be put to a vote next week.
"""


def test_emptying_the_box_lists_every_article_at_once(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library)
    type_query(qtbot, window, QUERY)
    article_list = window.article_list
    assert article_list.proxy.rowCount() == 1
    box = window.search_bar.line_edit
    box.selectAll()
    qtbot.keyClick(box, Qt.Key.Key_Backspace)  # no Enter
    assert not article_list.model.is_searching()
    assert article_list.proxy.rowCount() == 5
    assert article_list.caption.text() == "5 articles"
    assert window.reading_pane.hits() == []


def test_a_malformed_query_greys_the_earlier_results(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library)
    type_query(qtbot, window, QUERY)
    article_list = window.article_list
    assert article_list.view.isEnabled()
    type_query(qtbot, window, '"peace treaty')
    message = window.search_bar.error()
    assert message.startswith("unbalanced quote")
    assert not article_list.view.isEnabled()
    assert article_list.caption.text().startswith("Earlier results, not for the query in the box")
    assert message in article_list.caption.text()
    # Set rather than typed: typed, the history's completer would pop up.
    window.search_bar.line_edit.setText("Putin")
    qtbot.keyClick(window.search_bar.line_edit, Qt.Key.Key_Return)
    assert article_list.view.isEnabled()
    assert article_list.caption.text() == "5 articles match"


def test_an_import_by_another_process_shows_up_in_the_running_window(
    qtbot: QtBot, library: Any, make_window: Any, tmp_path: Path
) -> None:
    window = make_window(library)
    window.library_watcher.stop()  # looked at by hand below, not by the timer
    type_query(qtbot, window, "strike OR Putin")
    assert window.article_list.proxy.rowCount() == 5
    source = tmp_path / "quarry-strike.txt"
    source.write_text(NEW_ARTICLE, encoding="utf-8")
    # Another library on the same folders: its own connections, as a CLI run has.
    other = Library.at(library.location)
    try:
        result = other.import_paths([source])
        assert result.imported
    finally:
        other.close()
    assert window.library_watcher.check()
    ids = window.article_list.visible_doc_ids()
    assert len(ids) == 6
    assert any("quarry" in doc_id for doc_id in ids)
    # Leaving the search, the new article is in the whole list too.
    window.search_bar.line_edit.clear()
    assert window.article_list.proxy.rowCount() == 6
    assert not window.library_watcher.check()  # nothing new since
