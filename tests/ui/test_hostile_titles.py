"""A page whose title and text are markup: every view shows the characters, none renders them.

Qt guesses: a tooltip, or a label left in ``AutoText``, that *looks* like
HTML is drawn as HTML, so a title ``<img src="/some/local.png">…`` would load
a local file and print big red letters. Each view below is driven in the
real window and checked for what a researcher would read: the title, angle
brackets and all, as literal text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.plain_text import shown_as

HOSTILE = '<img src="/some/local.png"><font color=red size=6>RICH</font>'
PUBLISHER = "<b>Bold</b> Tribune"
DOC_ID = "hostile_title"

PAGE = f"""<!doctype html><html><head><meta charset="utf-8">
<title>{HOSTILE.replace("<", "&lt;").replace(">", "&gt;")}</title>
<meta property="og:site_name" content="{PUBLISHER.replace("<", "&lt;").replace(">", "&gt;")}">
<meta property="article:published_time" content="2024-03-12">
</head><body><article>
<p>TAMPERE -- Finnish Prime Minister Kaarlo Vesterinen met Austrian Chancellor Ilse Marwick
in Tampere on Tuesday, 12 March 2024, to discuss a new energy treaty. The two leaders agreed
to meet again in Vienna.</p>
<p>Vesterinen said the talks were useful and that officials of both governments would
continue the work on the treaty in the spring, and Marwick agreed.</p>
</article></body></html>
"""


@pytest.fixture
def hostile_library(tmp_path: Path) -> Iterator[Library]:
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / f"{DOC_ID}.html").write_text(PAGE, encoding="utf-8")
    lib = Library.open(tmp_path / "home", corpus)
    lib.update_index()
    assert lib.document(DOC_ID).title == HOSTILE  # the cleaner kept the characters
    yield lib
    lib.close()


def assert_literal(shown: object, *texts: str) -> None:
    """A tooltip (or guessed-format text) that a researcher reads as exactly ``texts``."""
    assert isinstance(shown, str), shown
    seen = shown_as(shown)
    for text in texts:
        assert text in seen, f"{text!r} is not shown literally: {seen!r}"
    assert "\ufffc" not in seen  # the object-replacement character of a rendered image


def assert_plain_label(label: QLabel, text: str) -> None:
    assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    assert text in label.text()


def tooltip_of(model: Any, row: int, column: int = 0, parent: QModelIndex | None = None) -> Any:
    index = model.index(row, column, parent or QModelIndex())
    return index.data(Qt.ItemDataRole.ToolTipRole)


def _window(library: Library, make_window: Any) -> MainWindow:
    window: MainWindow = make_window(library)
    window.open_article_at(DOC_ID)
    return window


def test_article_list_tooltips_show_the_title_as_text(
    qtbot: QtBot, hostile_library: Library, make_window: Any
) -> None:
    window = _window(hostile_library, make_window)
    proxy = window.article_list.proxy
    assert proxy.rowCount() == 1
    assert_literal(tooltip_of(proxy, 0), HOSTILE)
    window.search("Vesterinen")
    qtbot.waitUntil(lambda: window.article_list.caption.text().startswith("1 article"))
    assert_literal(tooltip_of(proxy, 0), HOSTILE)
    assert_plain_label(window.article_list.caption, "1 article")


def test_filter_bar_reading_pane_and_status_show_text(
    qtbot: QtBot, hostile_library: Library, make_window: Any
) -> None:
    window = _window(hostile_library, make_window)
    pane = window.reading_pane
    shown = pane.browser.document()
    assert HOSTILE in shown.toPlainText()
    assert PUBLISHER.upper() in shown.toPlainText().upper()  # set in capitals
    assert "\ufffc" not in shown.toPlainText()  # no image was inserted anywhere
    window.filter_articles({DOC_ID}, f"Articles like {HOSTILE}")
    labels = [w for w in window.article_list.findChildren(QLabel) if HOSTILE in w.text()]
    assert labels
    for label in labels:
        assert_plain_label(label, HOSTILE)
        assert_literal(label.toolTip(), HOSTILE)
    for label in (window.status_label, window.progress_label):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert "<" not in window.windowTitle()


def test_entity_sidebar_lists_the_article_by_its_literal_title(
    qtbot: QtBot, hostile_library: Library, make_window: Any
) -> None:
    window = _window(hostile_library, make_window)
    assert window.show_entity("Kaarlo Vesterinen")
    sidebar = window.entity_sidebar
    qtbot.waitUntil(lambda: sidebar.articles_model.rowCount() == 1)
    assert_literal(tooltip_of(sidebar.articles_model, 0), HOSTILE)
    assert sidebar.selection_label.textFormat() == Qt.TextFormat.PlainText
    assert sidebar.caption.textFormat() == Qt.TextFormat.PlainText
    tree = sidebar.tree_model
    for group in range(tree.rowCount()):
        parent = tree.index(group, 0)
        for row in range(tree.rowCount(parent)):
            tip = tooltip_of(tree, row, 0, parent)
            name = tree.index(row, 0, parent).data()
            assert_literal(tip, name)


def test_timeline_tooltip_names_the_article_literally(
    qtbot: QtBot, hostile_library: Library, make_window: Any
) -> None:
    window = _window(hostile_library, make_window)
    window._make_panels()
    model = window.timeline.model
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10_000)
    assert_literal(tooltip_of(model, 0), HOSTILE, "Tampere")


def test_annotation_views_and_dialogs_show_the_title_as_text(
    qtbot: QtBot, hostile_library: Library, make_window: Any
) -> None:
    note = "<h1>NOTE</h1><img src='file:///etc/hostname'>"
    hostile_library.annotate(DOC_ID, quote="a new energy treaty", note=note)
    window = _window(hostile_library, make_window)
    tools = window.annotation_tools
    tools.controller.reload()
    model = tools.controller.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    for column in range(model.columnCount()):
        tip = tooltip_of(model, 0, column)
        if tip:
            assert_literal(tip)
    from reader.ui.annotation_model import ARTICLE_COLUMN, NOTE_COLUMN

    assert_literal(tooltip_of(model, 0, ARTICLE_COLUMN), HOSTILE)
    assert_literal(tooltip_of(model, 0, NOTE_COLUMN), note)
    panel = tools.panel
    combo = panel.article_combo
    tips = [combo.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(combo.count())]
    assert any(t and HOSTILE in shown_as(t) for t in tips)
    for tip in filter(None, tips):
        assert_literal(tip)
    assert panel.count_label.textFormat() == Qt.TextFormat.PlainText

    export = tools.export_annotations()
    assert_plain_label(export.article_hint, "RICH")
    export.reject()

    window.reading_pane.browser.selectAll()
    span = window.reading_pane.selected_span()
    assert span is not None
    dialog = tools.annotate_selection()
    assert dialog is not None
    assert_plain_label(dialog.source_label, HOSTILE)
    dialog.reject()
