"""Annotating through the window: select, annotate, see it tinted and listed, undo, export."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reader.ui.annotate_dialog import SWATCHES, AnnotateDialog, TagLineEdit
from reader.ui.annotation_model import (
    ARTICLE_COLUMN,
    AnnotationIdRole,
    AnnotationTableModel,
    OrphanedRole,
)
from reader.ui.annotation_tools import AnnotationTools
from reader.ui.export_dialog import CURRENT_ARTICLE, FORMATS, ExportDialog
from reader.ui.main_window import MainWindow

OSAKA = "000_5f0500b3071f7868"
MOSCOW = "002_88f331eb946bdea1"


def _window(
    library: Any, make_window: Any, doc_id: str = OSAKA
) -> tuple[MainWindow, AnnotationTools]:
    window = make_window(library)
    window.open_article_at(doc_id)
    return window, window.annotation_tools


def _select(window: MainWindow, quote: str) -> tuple[int, int]:
    """Select ``quote`` in the reading pane as a researcher would, by its text on screen."""
    browser = window.reading_pane.browser
    cursor = browser.document().find(quote)
    while not cursor.isNull():
        browser.setTextCursor(cursor)
        span = window.reading_pane.selected_span()
        # The same words may stand in the headline; the body is what is annotated.
        if span is not None and window.reading_pane.document.body_text[slice(*span)] == quote:
            return span
        cursor = browser.document().find(quote, cursor)
    raise AssertionError(f"{quote!r} is not in the body text")


def _annotate(
    window: MainWindow, tools: AnnotationTools, quote: str, note: str, tags: str
) -> tuple[int, int]:
    span = _select(window, quote)
    assert tools.annotate_action.isEnabled()
    tools.annotate_action.trigger()
    dialog = tools.dialog
    assert isinstance(dialog, AnnotateDialog) and dialog.isVisible()
    assert quote in dialog.quote_label.text()
    dialog.note_edit.setPlainText(note)
    dialog.tags_edit.setText(tags)
    dialog.accept()
    return span


def test_annotating_a_selection_lists_and_tints_it(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window, tools = _window(library, make_window)
    body = window.reading_pane.document.body_text
    quote = "peace treaty"
    start, end = _annotate(window, tools, quote, "The recurring goal.", "treaty, Kurils")

    assert body[start:end] == quote
    [ann] = library.list_annotations()
    assert (ann.doc_id, ann.start, ann.end, ann.quote) == (OSAKA, start, end, quote)
    assert ann.note == "The recurring goal." and ann.tags == ("treaty", "Kurils")
    assert ann.color == SWATCHES[0].color

    # Listed in the panel…
    panel = tools.panel
    assert panel.proxy.rowCount() == 1
    assert panel.proxy.index(0, 0).data() == quote
    assert panel.proxy.index(0, ARTICLE_COLUMN).data() == window.reading_pane.document.title
    assert panel.count_label.text() == "1 annotation"
    # …and tinted in the text, with the note on hover.
    pane = window.reading_pane
    assert quote in pane.extra_selection_texts()
    assert [(a.start, a.end, a.note) for a in pane._annotations] == [
        (start, end, "The recurring goal.")
    ]
    # Reopening the article keeps the tint.
    window.open_article_at(MOSCOW)
    assert quote not in window.reading_pane.extra_selection_texts()
    window.open_article_at(OSAKA)
    assert quote in window.reading_pane.extra_selection_texts()


def test_the_annotate_action_is_offered_everywhere_and_needs_a_selection(
    library: Any, make_window: Any
) -> None:
    window, tools = _window(library, make_window)
    action = tools.annotate_action
    assert action.shortcut().toString() == "Ctrl+Shift+A"
    assert action in window.reading_pane.browser._extra_actions  # the text's context menu
    assert action in tools.toolbar.actions()
    assert not action.isEnabled()
    _select(window, "peace treaty")
    assert action.isEnabled()
    assert tools.export_action in window.file_menu.actions()
    assert tools.undo_action in window.edit_menu.actions()


def test_the_annotate_action_follows_a_selection_dragged_from_the_headline_into_the_body(
    library: Any, make_window: Any
) -> None:
    window, tools = _window(library, make_window)
    browser = window.reading_pane.browser
    headline = browser.document().find("Japan and Russia look for momentum")
    browser.setTextCursor(headline)
    assert not tools.annotate_action.isEnabled()  # only body text is annotated
    extended = QTextCursor(headline)
    body_words = browser.document().find("Shinzo Abe and Russian President", headline)
    extended.setPosition(body_words.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(extended)
    assert window.reading_pane.selected_span() is not None
    assert tools.annotate_action.isEnabled()


def test_double_click_opens_the_passage(qtbot: QtBot, library: Any, make_window: Any) -> None:
    window, tools = _window(library, make_window)
    start, _end = _annotate(window, tools, "Osaka", "", "")
    window.open_article_at(MOSCOW)
    window.annotations_dock.show()
    window.annotations_dock.raise_()  # its tab, beside the entities
    view = tools.panel.view
    qtbot.waitExposed(view)
    with qtbot.waitSignal(tools.panel.annotationActivated) as blocker:
        index = tools.panel.proxy.index(0, 0)
        rect = view.visualRect(index)
        # A real double-click starts with a press; the view needs it to know the row.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [OSAKA, start]
    assert window.reading_pane.document.id == OSAKA


def test_delete_and_undo_and_edit(qtbot: QtBot, library: Any, make_window: Any) -> None:
    window, tools = _window(library, make_window)
    _annotate(window, tools, "peace treaty", "first note", "treaty")
    [ann] = library.list_annotations()
    panel = tools.panel

    # Edit through the dialog: new note, tags and colour.
    panel.select_annotation(ann.id)
    panel.edit_button.click()
    dialog = tools.dialog
    assert dialog is not None and dialog.note_edit.toPlainText() == "first note"
    dialog.note_edit.setPlainText("second note")
    dialog.tags_edit.setText("treaty, islands")
    dialog.swatches.set_color(SWATCHES[2].color)
    dialog.accept()
    [edited] = library.list_annotations()
    assert (edited.note, edited.tags, edited.color) == (
        "second note",
        ("treaty", "islands"),
        SWATCHES[2].color,
    )

    # Delete with the Delete key, then Ctrl+Z brings it back.
    panel.select_annotation(ann.id)
    panel.view.setFocus()
    panel.delete_action.trigger()
    assert library.list_annotations() == []
    assert panel.proxy.rowCount() == 0
    assert "peace treaty" not in window.reading_pane.extra_selection_texts()
    assert tools.controller.undo_stack.undoText() == "Delete annotation"

    window.activateWindow()
    qtbot.waitActive(window)
    window.reading_pane.browser.setFocus()
    qtbot.keyClick(window.reading_pane.browser, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.note for a in library.list_annotations()] == ["second note"]
    assert panel.proxy.rowCount() == 1
    assert "peace treaty" in window.reading_pane.extra_selection_texts()

    # Undo the edit, then redo it.
    tools.undo_action.trigger()
    assert library.list_annotations()[0].note == "first note"
    tools.redo_action.trigger()
    assert library.list_annotations()[0].note == "second note"
    # Undo everything, back to before the annotation was made.
    tools.undo_action.trigger()
    tools.undo_action.trigger()
    tools.undo_action.trigger()
    assert library.list_annotations() == []


def test_panel_filters_by_tag_article_and_text(library: Any, make_window: Any) -> None:
    window, tools = _window(library, make_window)
    _annotate(window, tools, "peace treaty", "goal", "treaty")
    window.open_article_at(MOSCOW)
    _annotate(window, tools, "Lavrov", "the minister", "people")
    panel = tools.panel
    assert panel.proxy.rowCount() == 2
    panel.set_tag_filter("people")
    assert [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())] == ["Lavrov"]
    panel.set_tag_filter(None)
    panel.set_article_filter(OSAKA)
    assert [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())] == [
        "peace treaty"
    ]
    panel.set_article_filter(None)
    panel.set_text_filter("MINISTER")
    assert panel.proxy.rowCount() == 1
    assert panel.count_label.text() == "1 of 2 annotations"


def test_an_orphaned_annotation_is_shown_as_orphaned(library: Any, make_window: Any) -> None:
    from dataclasses import replace

    window, tools = _window(library, make_window)
    _annotate(window, tools, "peace treaty", "kept", "")
    [ann] = library.list_annotations()
    library.restore_annotation(replace(ann, orphaned=True))
    tools.controller.reload()
    model = tools.controller.model
    assert model.index(0, 0).data(OrphanedRole) is True
    assert model.index(0, ARTICLE_COLUMN).data().endswith("— orphaned")
    assert "Orphaned" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "orphaned" in tools.panel.count_label.text()
    window.open_article_at(MOSCOW)
    window.open_article_at(OSAKA)
    assert "peace treaty" not in window.reading_pane.extra_selection_texts()


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


@pytest.mark.parametrize("fmt", [f.key for f in FORMATS])
def test_export_through_the_dialog_writes_a_parseable_file(
    fmt: str, tmp_path: Path, library: Any, make_window: Any
) -> None:
    window, tools = _window(library, make_window)
    _annotate(window, tools, "peace treaty", 'a note with "quotes", commas & <tags>', "treaty")
    window.open_article_at(MOSCOW)
    _annotate(window, tools, "Lavrov", "=SUM(A1)", "people")

    window.open_article_at(OSAKA)
    tools.export_action.trigger()
    dialog = tools.export_dialog
    assert isinstance(dialog, ExportDialog)
    dialog.set_format(fmt)
    dialog.set_scope(CURRENT_ARTICLE)
    target = tmp_path / "out" / "excerpts"
    target.parent.mkdir()
    dialog.set_path(target)
    written = dialog.request().path  # the format's suffix is added to a bare name
    assert written.suffix == next(f.suffix for f in FORMATS if f.key == fmt)
    dialog.accept()

    assert written.is_file()
    assert str(written) in window.statusBar().currentMessage()
    raw = written.read_bytes()
    text = raw.decode("utf-8-sig")
    if fmt == "json":
        data = json.loads(text)
        assert "peace treaty" in json.dumps(data)
        assert "Lavrov" not in json.dumps(data)  # only the current article
    elif fmt == "jsonld":
        data = json.loads(text)
        assert "http://www.w3.org/ns/anno.jsonld" in json.dumps(data)
    elif fmt == "csv":
        assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf" * 2)
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == 1
        assert "peace treaty" in rows[0].values()
    elif fmt == "html":
        parser = _TextOf()
        parser.feed(text)
        assert "<tags>" in "".join(parser.chunks)  # escaped, so it came back as text
    else:
        assert "peace treaty" in text


def test_export_every_annotation_with_a_tag(tmp_path: Path, library: Any, make_window: Any) -> None:
    window, tools = _window(library, make_window)
    _annotate(window, tools, "peace treaty", "", "treaty")
    window.open_article_at(MOSCOW)
    _annotate(window, tools, "Lavrov", "", "people")
    dialog = tools.export_annotations()
    dialog.set_format("json")
    dialog.set_scope("tag", "people")
    dialog.set_path(tmp_path / "people.json")
    dialog.accept()
    exported = json.dumps(json.loads((tmp_path / "people.json").read_text(encoding="utf-8")))
    assert "Lavrov" in exported and "peace treaty" not in exported


def test_an_export_into_a_missing_folder_says_so_in_one_line(
    tmp_path: Path, library: Any, make_window: Any
) -> None:
    window, tools = _window(library, make_window)
    _annotate(window, tools, "peace treaty", "", "treaty")
    dialog = tools.export_annotations()
    dialog.set_format("markdown")
    dialog.set_path(tmp_path / "no such folder" / "excerpts.md")
    dialog.accept()
    message = window.statusBar().currentMessage()
    assert message == (
        f"Export failed: {tmp_path / 'no such folder' / 'excerpts.md'}: cannot write it,"
        f" the folder {tmp_path / 'no such folder'} does not exist"
    )
    assert not (tmp_path / "no such folder").exists()


def test_the_export_dialog_labels_show_no_ampersand(qtbot: QtBot) -> None:
    dialog = ExportDialog(["treaty"])
    qtbot.addWidget(dialog)
    dialog.show()
    labels = [label for label in dialog.findChildren(QLabel) if label.isVisible()]
    shown = [label.text().replace("&&", "") for label in labels if label.buddy() is None]
    assert not [text for text in shown if "&" in text], shown
    assert dialog.path_label.buddy() is dialog.path_edit


def test_tag_completion_completes_the_tag_being_typed(qtbot: QtBot) -> None:
    edit = TagLineEdit(["negotiations", "Kurils", "treaty"])
    qtbot.addWidget(edit)
    edit.setText("treaty, ku")
    edit.setCursorPosition(len(edit.text()))
    assert edit.current_prefix() == "ku"
    edit.completer_.setCompletionPrefix(edit.current_prefix())
    assert edit.completer_.currentCompletion() == "Kurils"
    edit.insert_completion("Kurils")
    assert edit.text() == "treaty, Kurils, "


def test_annotation_model_passes_the_model_tester(
    qtmodeltester: Any, library: Any, make_window: Any
) -> None:
    window, tools = _window(library, make_window)
    _annotate(window, tools, "peace treaty", "note", "treaty")
    qtmodeltester.check(tools.controller.model)
    qtmodeltester.check(tools.panel.proxy)
    empty = AnnotationTableModel()
    qtmodeltester.check(empty)
    assert tools.controller.model.index(0, 0).data(AnnotationIdRole)


def test_choosing_a_format_gives_the_file_its_suffix(qtbot: QtBot) -> None:
    dialog = ExportDialog(["treaty"], current_doc=None, current_query="")
    qtbot.addWidget(dialog)
    dialog.set_path("/tmp/excerpts.md")
    dialog.set_format("csv")
    assert dialog.path_edit.text().endswith("excerpts.csv")
    dialog.set_format("jsonld")
    assert dialog.path_edit.text().endswith("excerpts.jsonld")
    # Nothing to filter on: only "all" and "tag" can be chosen.
    assert not dialog.article_radio.isEnabled() and not dialog.search_radio.isEnabled()
    assert dialog.tag_radio.isEnabled()


def test_a_removed_articles_annotation_is_listed_as_an_orphan_until_it_comes_back(
    library: Any, make_window: Any, tmp_path: Path
) -> None:
    source = tmp_path / "dyke-repair.txt"
    source.write_text(
        "Dyke repairs begin near Den Oever\n\nMarch 3, 2023\n\n"
        "DEN OEVER -- Engineers began strengthening the dyke at Den Oever on Friday, "
        "a year after a spring tide breached its outer slope.\n",
        encoding="utf-8",
    )
    library.import_paths([source])
    [doc_id] = [hit.id for hit in library.search("Oever").hits]
    quote = "strengthening the dyke at Den Oever"
    window, tools = _window(library, make_window, doc_id)
    library.annotate(doc_id, quote=quote, note="second breach?")
    tools.controller.reload()

    window.remove_articles([doc_id], confirm=False)
    model = tools.controller.model
    assert model.rowCount() == 1
    assert model.index(0, 0).data(OrphanedRole) is True
    assert model.index(0, ARTICLE_COLUMN).data().endswith("— orphaned")
    assert quote in [model.index(0, c).data() for c in range(model.columnCount())]
    assert "1 orphaned" in tools.panel.count_label.text()

    library.import_paths([source])
    tools.controller.reload()
    assert model.index(0, 0).data(OrphanedRole) is False
    [ann] = library.list_annotations()
    assert library.document(doc_id).body_text[ann.start : ann.end] == quote
