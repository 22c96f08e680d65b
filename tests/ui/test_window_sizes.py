"""The window at every size, its title, its status line, and where its settings go."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.ui.article_model import HITS_COLUMN
from reader.ui.main_window import MainWindow
from reader.ui.tasks import TaskRunner

NOTE = (
    "Crews at the Hakodate ferry terminal walked out on Monday over rosters,"
    " stranding some 900 passengers bound for Aomori.\n\n"
    "The operator, Tsugaru Kaisen, said sailings would resume on Wednesday."
)


def _settle(qtbot: QtBot, window: MainWindow) -> None:
    for _ in range(6):
        QApplication.processEvents()
    qtbot.wait(20)
    for _ in range(6):
        QApplication.processEvents()


@pytest.mark.parametrize(("size", "wanted"), [((900, 600), 400), ((1100, 700), 520)])
def test_the_reading_pane_gets_the_room_first(
    qtbot: QtBot, library: Any, make_window: Any, size: tuple[int, int], wanted: int
) -> None:
    window = make_window(library, resize=False)
    window.resize(*size)
    _settle(qtbot, window)
    pane = window.reading_pane.width()
    assert pane >= wanted, (pane, window.article_list.width(), window.entity_dock.width())
    assert pane > window.article_list.width()
    assert pane > window.entity_dock.width()
    # A line of the article holds words, not letters.
    assert window.reading_pane.browser.viewport().width() >= wanted - 40


def test_a_window_made_narrow_then_wide_keeps_its_reading_room(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library)
    window.resize(1600, 900)
    _settle(qtbot, window)
    wide = window.reading_pane.width()
    window.resize(900, 600)
    _settle(qtbot, window)
    assert window.reading_pane.width() >= 400
    window.resize(1600, 900)
    _settle(qtbot, window)
    assert window.reading_pane.width() >= wide  # what the others gave up stays given


def test_the_window_is_called_corpus_reader(library: Any, make_window: Any) -> None:
    window = make_window(library)
    assert window.windowTitle() == "Corpus Reader"


def test_hit_counts_are_never_cut_off(qtbot: QtBot, library: Any, make_window: Any) -> None:
    window = make_window(library, resize=False)
    window.resize(900, 600)
    with qtbot.waitSignal(window.search_finished):
        window.search("Putin OR Abe OR Japan")
    view = window.article_list.view
    metrics = view.fontMetrics()
    width = view.columnWidth(HITS_COLUMN)
    model = view.model()
    texts = [str(model.index(r, HITS_COLUMN).data() or "") for r in range(model.rowCount())]
    assert any(texts)
    for text in [*texts, "123,456"]:
        assert metrics.horizontalAdvance(text) + 8 <= width, (text, width)


def test_the_status_never_says_ready_while_the_index_updates(
    qtbot: QtBot, library: Any, make_window: Any, tmp_path: Path
) -> None:
    note = tmp_path / "ferry strike.txt"
    note.write_text(NOTE, encoding="utf-8")
    window = make_window(library, runner=TaskRunner(), start=False)
    with qtbot.waitSignal(window.index_updated, timeout=120_000):
        window.start()  # and the check for changed files a moment later
        assert "index ready" in window.status_label.text()
    assert "index ready" in window.status_label.text()
    with qtbot.waitSignal(window.import_finished, timeout=120_000):
        window.import_paths([note])
        assert window.progress_bar.isVisible()
        assert "index ready" not in window.status_label.text()
        assert "updating the index" in window.status_label.text()
    assert "index ready" in window.status_label.text()
    assert not window.progress_bar.isVisible()
    window.runner.wait_for_done(10_000)


def test_the_data_folder_holds_the_window_settings(
    qtbot: QtBot, tmp_path: Path, isolated_settings: Path
) -> None:
    home = tmp_path / "portable"
    library = Library.open(home)
    library.update_index()
    try:
        from reader.ui.tasks import SyncTaskRunner

        window = MainWindow(library, runner=SyncTaskRunner())
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        window.start()
        with qtbot.waitSignal(window.search_finished):
            window.search("Lavrov")
        window.close()
    finally:
        library.close()
    ini = home / "config" / "settings.ini"
    assert ini.is_file()
    saved = QSettings(str(ini), QSettings.Format.IniFormat)
    assert saved.value("search/history") in (["Lavrov"], "Lavrov")
    assert saved.value("window/geometry") is not None
    assert saved.value("reading/last_article")
    # Nothing went to the user's own settings (here, the tests' stand-in for them).
    assert not [p for p in isolated_settings.rglob("*") if p.is_file()]


def test_a_chosen_entity_is_named_in_full_in_a_narrow_window(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library, resize=False)
    window.resize(900, 600)
    with qtbot.waitSignal(window.search_finished):
        window.search("Lavrov")
    _settle(qtbot, window)
    assert window.show_entity("Sergey Lavrov")
    _settle(qtbot, window)
    label = window.entity_sidebar.selection_label
    assert "Sergey Lavrov" in label.text()
    # Every wrapped line of the sentence fits in the label: none is cut off.
    assert label.height() >= label.heightForWidth(label.width()), (
        label.height(),
        label.heightForWidth(label.width()),
    )


def test_at_900_by_600_the_entity_list_keeps_its_rows_with_an_entity_chosen(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library, resize=False)
    window.resize(900, 600)
    with qtbot.waitSignal(window.search_finished):
        window.search("Lavrov")
    _settle(qtbot, window)
    assert window.show_entity("Sergey Lavrov")
    _settle(qtbot, window)
    sidebar = window.entity_sidebar
    tree = sidebar.tree
    row = tree.sizeHintForRow(0)
    # Six rows of names at least, beside the chosen entity's sentence and its articles.
    assert tree.viewport().height() >= 6 * row, (tree.viewport().height(), row)
    assert sidebar.articles.isVisible() and sidebar.articles.height() >= row
    # The model's status line folds into the legend's tooltip; it is still there.
    assert not sidebar.model_label.isVisible()
    assert "spaCy" in sidebar.legend_found.toolTip()
    window.resize(1400, 1000)
    _settle(qtbot, window)
    assert sidebar.model_label.isVisible()
