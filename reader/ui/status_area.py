"""The status bar: what the corpus is and what the window is doing, said once.

The left label names the articles, the state of the index and the search in
force; on the right a progress label and bar show while long work runs. One
state says what the index is doing (:class:`IndexState`), so the label and
the progress never disagree: no "index ready" beside "Updating the index".
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget


class IndexState(Enum):
    """What the index is doing, in the words the status bar uses."""

    MISSING = "no index"
    BUILDING = "building the index"
    UPDATING = "updating the index"
    READY = "index ready"


class StatusArea(QObject):
    """The window's status label and progress, kept in one place."""

    def __init__(self, status_bar: QStatusBar, parent: QWidget) -> None:
        super().__init__(parent)
        self._bar = status_bar
        self.article_count = 0
        self.index_state = IndexState.MISSING
        self.query = ""

        self.label = QLabel(parent)
        self.label.setAccessibleName("Corpus status")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMinimumWidth(0)
        self.progress_label = QLabel(parent)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_bar = QProgressBar(parent)
        self.progress_bar.setAccessibleName("Progress")
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.progress_label.hide()
        self.progress_bar.hide()
        status_bar.addWidget(self.label, 1)
        status_bar.addPermanentWidget(self.progress_label)
        status_bar.addPermanentWidget(self.progress_bar)
        status_bar.setSizeGripEnabled(False)

    def update(self) -> None:
        """Say the articles, the index and the search as they are now."""
        n = self.article_count
        parts = [f"{n:,} {'article' if n == 1 else 'articles'}", self.index_state.value]
        if self.query:
            parts.append(f"search: {self.query}")
        self.label.setText("  ·  ".join(parts))

    def set_index_state(self, state: IndexState) -> None:
        self.index_state = state
        self.update()

    # -- progress ----------------------------------------------------------

    def begin_progress(self, message: str) -> None:
        self.progress_label.setText(message)
        self.progress_bar.setRange(0, 0)  # busy until the first report
        self.progress_label.show()
        self.progress_bar.show()

    def show_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)
        if message:
            self.progress_label.setText(message)

    def end_progress(self) -> None:
        self.progress_bar.hide()
        self.progress_label.hide()

    # -- messages ----------------------------------------------------------

    def message(self, text: str, timeout_ms: int = 10_000) -> None:
        """A passing message over the label (``timeout_ms`` 0: until the next one)."""
        self._bar.showMessage(text, timeout_ms)
