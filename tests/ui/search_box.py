"""Searching as a reader does: typing into the window's search box and pressing Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow


def type_query(qtbot: QtBot, window: MainWindow, query: str) -> None:
    """Type ``query`` over what the box holds and press Enter; an empty one empties the box."""
    box = window.search_bar.line_edit
    box.selectAll()  # typed over, as a reader does (an emptied box leaves the search)
    if not query:
        qtbot.keyClick(box, Qt.Key.Key_Backspace)
    qtbot.keyClicks(box, query)
    qtbot.keyClick(box, Qt.Key.Key_Return)
