"""A damaged annotation store in the window: a dialog, never a traceback; the rest works."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

MOSCOW = "002_88f331eb946bdea1"
QUOTE = "Russian President Vladimir Putin"


def _close_store(library: Any) -> None:
    """As at the end of a session: the store closed (and backed up), the file free."""
    library.close_annotations()


def test_an_emptied_store_is_reported_in_a_dialog_and_restored_from_it(
    qtbot: QtBot, library: Any, make_window: Any, capfd: pytest.CaptureFixture[str]
) -> None:
    ann = library.annotate(MOSCOW, quote=QUOTE, note="the host")
    _close_store(library)
    library.paths.annotations_db.write_bytes(b"")
    capfd.readouterr()

    window = make_window(library)
    tools = window.annotation_tools
    qtbot.waitUntil(lambda: tools.store_dialog is not None)
    box = tools.store_dialog
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    text = box.text()
    assert "annotations.sqlite3: the annotations file is empty (0 bytes)" in text
    assert "backups/annotations-" in text and "Searching and reading work as usual" in text
    assert tools.controller.model.rowCount() == 0
    assert "Traceback" not in "".join(capfd.readouterr())

    # Search and reading go on without the store.
    window.search("Putin")
    qtbot.waitUntil(lambda: window.article_list.proxy.rowCount() >= 1)
    window.open_article_at(MOSCOW)
    assert window.reading_pane.document is not None
    assert window.reading_pane.document.id == MOSCOW

    [restore] = [b for b in box.buttons() if b.text() == "Restore Backup"]
    assert isinstance(restore, QPushButton)
    restore.click()
    qtbot.waitUntil(lambda: tools.controller.model.rowCount() == 1)
    [back] = tools.controller.model.annotations()
    assert (back.id, back.note) == (ann.id, "the host")
    assert "Traceback" not in "".join(capfd.readouterr())


def test_the_same_problem_is_not_shown_twice(qtbot: QtBot, library: Any, make_window: Any) -> None:
    _close_store(library)
    for backup in (library.paths.data / "backups").iterdir():
        backup.unlink()
    library.paths.annotations_db.write_bytes(b"junk" * 500)
    window = make_window(library)
    tools = window.annotation_tools
    qtbot.waitUntil(lambda: tools.store_dialog is not None)
    first = tools.store_dialog
    assert first is not None and "not an SQLite database" in first.text()
    assert "no good backup was found" in first.text()
    assert not [b for b in first.buttons() if b.text() == "Restore Backup"]
    first.close()
    qtbot.waitUntil(lambda: tools.store_dialog is None)
    tools.controller.reload()
    assert tools.store_dialog is None
