"""The window driven as a researcher drives it, on the real library and the bundled corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from reader.ui.annotation_model import ARTICLE_COLUMN
from reader.ui.article_model import TITLE_COLUMN
from reader.ui.main_window import MainWindow
from reader.ui.tasks import TaskRunner
from reader.ui.theme import muted_text
from tests.ui.search_box import type_query

QUERY = "Lavrov AND Munich"
# The Moscow summit article is the only one naming both.
MOSCOW = "002_88f331eb946bdea1"


def _current_mark_in_view(window: MainWindow) -> bool:
    pane = window.reading_pane
    selections = pane.browser.extraSelections()  # keeps the cursors alive
    rect = pane.browser.cursorRect(selections[-1].cursor)
    return rect.top() >= 0 and rect.bottom() <= pane.browser.viewport().height()


def test_search_lists_the_matching_articles_and_marks_every_hit(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library)
    assert window.article_list.proxy.rowCount() == 5

    type_query(qtbot, window, QUERY)

    assert window.article_list.visible_doc_ids() == [MOSCOW]
    assert window.article_list.caption.text() == "1 article matches"
    # The first result opened by itself, with hit 1 current and in view.
    pane = window.reading_pane
    assert pane.document is not None and pane.document.id == MOSCOW
    body = pane.document.body_text
    hits = pane.hits()
    assert len(hits) == 3
    assert {body[s:e] for s, e in hits} == {"Lavrov", "Munich"}
    assert hits == sorted(library.search(QUERY).hits[0].matches)
    marks = pane.extra_selection_texts()
    assert marks[:3] == [body[s:e] for s, e in hits]
    assert marks[-1] == body[slice(*hits[0])]  # the current hit, painted on top
    assert pane.hit_label.text() == "hit 1 of 3"
    assert _current_mark_in_view(window)


def test_f3_and_shift_f3_step_through_the_hits(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library)
    type_query(qtbot, window, QUERY)
    pane = window.reading_pane

    qtbot.keyClick(pane.browser, Qt.Key.Key_F3)
    assert pane.hit_label.text() == "hit 2 of 3"
    assert pane.extra_selection_texts()[-1] == pane.document.body_text[slice(*pane.hits()[1])]
    assert _current_mark_in_view(window)
    qtbot.keyClick(pane.browser, Qt.Key.Key_F3)
    qtbot.keyClick(pane.browser, Qt.Key.Key_F3)
    assert pane.hit_label.text() == "hit 1 of 3"  # wraps round
    qtbot.keyClick(pane.browser, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert pane.hit_label.text() == "hit 3 of 3"


# Typing a query opens the history drop-down (a popup window), which the
# offscreen platform can neither raise nor give the keyboard to.
@pytest.mark.qt_log_ignore(
    r"^This plugin does not support raise\(\)$",
    r"^This plugin does not support grabbing the keyboard$",
)
def test_a_malformed_query_says_what_is_wrong_and_breaks_nothing(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library)
    type_query(qtbot, window, QUERY)
    failures: list[str] = []
    window.search_failed.connect(failures.append)

    type_query(qtbot, window, "Lavrov AND (")

    message = window.search_bar.error()
    assert "parenthesis" in message
    assert failures == [message]
    assert window.search_bar.error_label.isVisible()
    # The previous results and article stay, greyed as not the box's answer.
    assert window.article_list.visible_doc_ids() == [MOSCOW]
    assert not window.article_list.view.isEnabled()
    assert window.reading_pane.hit_label.text() == "hit 1 of 3"
    # Typing clears the message; a good query works again.
    type_query(qtbot, window, "Osaka")
    assert window.search_bar.error() == ""
    assert window.article_list.proxy.rowCount() >= 1


def test_clearing_the_search_lists_every_article_again(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library)
    type_query(qtbot, window, QUERY)
    type_query(qtbot, window, "")
    assert window.article_list.proxy.rowCount() == 5
    assert window.reading_pane.hits() == []
    assert not window.reading_pane.hit_bar.isVisible()


def test_search_history_is_kept_across_windows(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library)
    type_query(qtbot, window, "Osaka")
    type_query(qtbot, window, QUERY)
    assert window.search_bar.history()[:2] == [QUERY, "Osaka"]
    again = make_window(library)
    assert again.search_bar.history()[:2] == [QUERY, "Osaka"]


def _drop(window: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(QPoint(200, 200)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_dropped_files_are_imported_and_a_bad_one_gets_one_line(
    qtbot: QtBot, library: Any, make_window: Any, kuril_talks: Path
) -> None:
    good = kuril_talks
    bad = kuril_talks.parent / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\x00\x01\x02\xff\xfe" * 200)
    window = make_window(library)
    reports: list[object] = []
    window.import_finished.connect(reports.append)

    _drop(window, [good, bad])

    assert len(reports) == 1
    lines = window.notices.lines()
    assert len(lines) == 1 and "scan.pdf" in lines[0]
    assert "kuril_talks" in window.article_list.visible_doc_ids()
    assert window.article_list.proxy.rowCount() == 6


def test_the_index_is_built_in_the_background_with_progress(
    qtbot: QtBot, fresh_library: Any, make_window: Any
) -> None:
    assert fresh_library.needs_index()
    runner = TaskRunner()
    window = make_window(fresh_library, runner=runner, start=False)
    with qtbot.waitSignal(window.index_ready, timeout=60_000):
        window.start()
        # The window is up and says what it is doing while the worker reads.
        assert window.progress_bar.isVisible()
        assert "building the index" in window.status_label.text()
    assert window.article_list.proxy.rowCount() == 5
    assert window.reading_pane.document is not None
    assert not window.progress_bar.isVisible()
    assert "index ready" in window.status_label.text()
    with qtbot.waitSignal(window.search_finished, timeout=30_000) as blocker:
        type_query(qtbot, window, QUERY)
    assert blocker.args == [QUERY, 1]
    assert window.reading_pane.hit_label.text() == "hit 1 of 3"


def test_start_paints_the_list_and_article_before_the_panels_read(
    qtbot: QtBot, library: Any
) -> None:
    # As the launcher does it: start() right after show(), before any paint.
    runner = TaskRunner()
    window = MainWindow(library, runner=runner)
    qtbot.addWidget(window)
    window.show()
    window.start()
    assert window.article_list.proxy.rowCount() == 5
    assert window.reading_pane.document is not None
    # The panels have not been asked yet: their reads would compete with the first paint…
    assert not runner.is_busy()
    assert window.entity_sidebar.caption.text() == "No article open"
    # …and are, once the first frame is drawn.
    with qtbot.waitSignal(window.index_ready, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: window.timeline.model.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(
        lambda: "in this article" in window.entity_sidebar.caption.text(), timeout=10_000
    )
    runner.wait_for_done(10_000)


def test_the_launcher_window_makes_its_panels_after_the_first_frame_in_the_same_room(
    qtbot: QtBot, library: Any
) -> None:
    from reader.ui import main_window, timeline_view

    # The placeholder keeps the timeline's own minimum height.
    assert main_window.TIMELINE_HEIGHT == timeline_view.STRIP_HEIGHT
    runner = TaskRunner()
    window = MainWindow(library, runner=runner, defer_panels=True)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    window.start()
    assert not hasattr(window, "entity_sidebar")  # not before the first frame
    before = (window.entity_dock.geometry(), window.timeline_dock.geometry())
    with qtbot.waitSignal(window.index_ready, timeout=10_000):
        pass
    assert window.entity_dock.widget() is window.entity_sidebar
    assert window.timeline_dock.widget() is window.timeline
    qtbot.waitUntil(lambda: window.timeline.model.rowCount() > 0, timeout=10_000)
    qtbot.waitUntil(
        lambda: "in this article" in window.entity_sidebar.caption.text(), timeout=10_000
    )
    assert (window.entity_dock.geometry(), window.timeline_dock.geometry()) == before
    # The meeting keys work on the timeline made late.
    first = window.timeline.model.rowCount()
    assert first > 0
    window.next_meeting_action.trigger()
    runner.wait_for_done(10_000)


def test_geometry_layout_and_last_article_are_remembered(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library)
    # Smaller than the offscreen screen, which restoreGeometry() fits windows into.
    window.resize(790, 540)
    # The side docks closed, for room; then the researcher moves the splitter.
    window.entity_dock.close()
    window.annotations_dock.close()
    qtbot.wait(50)
    window.splitter.setSizes([330, 460])
    window.article_list.select("001_e7cd980b6579670b")
    assert window.reading_pane.document.id == "001_e7cd980b6579670b"
    window.close()

    again = make_window(library, resize=False)
    assert again.size().width() == 790 and again.size().height() == 540
    assert again.splitter.sizes()[0] == 330
    assert not again.entity_dock.isVisible() and not again.annotations_dock.isVisible()
    assert again.reading_pane.document.id == "001_e7cd980b6579670b"
    assert again.article_list.current_doc_id() == "001_e7cd980b6579670b"


def test_shortcuts_zoom_and_show_removed_text(qtbot: QtBot, library: Any, make_window: Any) -> None:
    window = make_window(library)
    pane = window.reading_pane
    zoom = pane.zoom()
    qtbot.keyClick(pane.browser, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert pane.zoom() == zoom + 1
    qtbot.keyClick(pane.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert pane.zoom() == zoom
    removed = pane.document.removed
    assert removed  # every bundled article had debris cleaned away
    window.show_removed_action.trigger()
    assert removed[0].text.split("\n")[0][:40] in pane.browser.toPlainText()
    qtbot.keyClick(window.search_bar.line_edit, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    window.find_action.trigger()
    assert window.search_bar.line_edit.hasFocus()


def test_the_list_can_be_restricted_to_a_set_of_articles(library: Any, make_window: Any) -> None:
    window = make_window(library)
    window.filter_articles({"000_5f0500b3071f7868", "004_7e4fc252ac36b584"})
    assert sorted(window.article_list.visible_doc_ids()) == [
        "000_5f0500b3071f7868",
        "004_7e4fc252ac36b584",
    ]
    assert "filtered from 5" in window.article_list.caption.text()
    window.filter_articles(None)
    assert window.article_list.proxy.rowCount() == 5


def test_panes_have_accessible_names(library: Any, make_window: Any) -> None:
    window = make_window(library)
    names = {
        window.article_list.accessibleName(),
        window.reading_pane.accessibleName(),
        window.search_bar.line_edit.accessibleName(),
        window.entity_dock.accessibleName(),
        window.timeline_dock.accessibleName(),
    }
    assert names == {"Article list", "Reading pane", "Search", "Entities", "Timeline"}


def test_an_untitled_article_is_named_the_same_everywhere(library: Any, make_window: Any) -> None:
    lima = "004_7e4fc252ac36b584"  # the scraper lost this article's headline
    name = "Untitled (The Japan Times, 19 November 2016)"
    window = make_window(library)

    # The article list.
    model = window.article_list.model
    assert model.index(model.row_for(lima), TITLE_COLUMN).data() == name

    # The reading pane's header, muted so it does not pass for the article's words.
    window.open_article_at(lima)
    pane = window.reading_pane
    heading = pane.browser.document().find(name)
    assert not heading.isNull()
    assert heading.charFormat().foreground().color() == muted_text(pane.palette())

    # The entity sidebar's list of an entity's articles (one who met at Lima, so the
    # timeline, narrowed to their meetings, still shows it).
    assert window.show_entity("Shinzo Abe")
    articles = window.entity_sidebar.articles_model
    assert articles.index(articles.row_of(lima)).data() == name

    # The timeline's tooltip for the meeting the article reports.
    meetings = window.timeline.model
    [row] = [r for r in range(meetings.rowCount()) if meetings.event_at(r).reported_by == [lima]]
    assert name in meetings.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)

    # The annotations panel.
    library.annotate(lima, quote="achieve a breakthrough")
    tools = window.annotation_tools
    tools.controller.reload()
    assert tools.panel.proxy.index(0, ARTICLE_COLUMN).data() == name

    # The citation the window exports.
    markdown = library.export("markdown", doc_id=lima)
    assert f"## {name}" in markdown.replace("\\", "")
    assert lima not in markdown
