"""The search box: query entry, history drop-down, and the message for a malformed query."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from reader.ui import theme
from reader.ui.completion import hide_popup, popup_visible

PLACEHOLDER = 'Search the corpus — words AND words, "a phrase", prefix*, title:word, published:2019'


class SearchLineEdit(QLineEdit):
    """A line edit whose Down key opens the whole history when the box is empty."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        completer = self.completer()
        if (
            event.key() == Qt.Key.Key_Down
            and completer is not None
            and not self.text()
            and not popup_visible(completer)
        ):
            completer.setCompletionPrefix("")
            completer.complete()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Query entry with history; shows a query error beneath the box.

    Signals:
        search_requested(str): Enter was pressed, or the box was emptied (✕, or
            the text deleted): the stripped query, "" to leave search.
    """

    search_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = SearchLineEdit(self)
        self.line_edit.setObjectName("searchBox")
        self.line_edit.setAccessibleName("Search")
        self.line_edit.setPlaceholderText(PLACEHOLDER)
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.returnPressed.connect(self._on_return)
        self.line_edit.textEdited.connect(lambda _: self.clear_error())
        # An emptied box lists the whole corpus at once, as the list follows the box.
        self._had_text = False
        self.line_edit.textChanged.connect(self._on_text_changed)

        self._history = QStringListModel(self)
        completer = QCompleter(self._history, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.line_edit.setCompleter(completer)

        self.error_label = QLabel(self)
        self.error_label.setObjectName("queryError")
        self.error_label.setAccessibleName("Query error")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.error_label)

    def text(self) -> str:
        return self.line_edit.text().strip()

    def set_text(self, text: str) -> None:
        self.line_edit.setText(text)

    def focus(self) -> None:
        self.line_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line_edit.selectAll()

    def set_history(self, history: list[str]) -> None:
        self._history.setStringList(history)

    def history(self) -> list[str]:
        return self._history.stringList()

    def show_error(self, message: str) -> None:
        palette = self.error_label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, theme.error_text(self.palette()))
        self.error_label.setPalette(palette)
        self.error_label.setText(message)
        self.error_label.show()
        self.line_edit.setProperty("invalid", True)
        self._repolish()

    def clear_error(self) -> None:
        if not self.error_label.isHidden() or self.line_edit.property("invalid"):
            self.error_label.clear()
            self.error_label.hide()
            self.line_edit.setProperty("invalid", False)
            self._repolish()

    def error(self) -> str:
        return "" if self.error_label.isHidden() else self.error_label.text()

    def _on_text_changed(self, text: str) -> None:
        has_text = bool(text.strip())
        if self._had_text and not has_text:
            self.clear_error()
            self.search_requested.emit("")
        self._had_text = has_text

    def _on_return(self) -> None:
        completer = self.line_edit.completer()
        if completer is not None and popup_visible(completer):
            hide_popup(completer)
        self.search_requested.emit(self.text())

    def _repolish(self) -> None:
        # The style sheet keys the red frame on the "invalid" property.
        style = self.line_edit.style()
        style.unpolish(self.line_edit)
        style.polish(self.line_edit)
