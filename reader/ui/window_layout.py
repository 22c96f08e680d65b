"""The window's layout: the central area (search, notices, list beside reader), the docks.

Built once by :class:`~reader.ui.main_window.MainWindow`; kept apart so the
window's wiring reads on its own. The reading pane is the one part that
grows: the list and the side docks keep their widths as the window widens
and give up room first as it narrows (see :data:`READING_MIN_WIDTH`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.settings import UiSettings

# The side docks' width on a first start (the researcher's own is remembered).
SIDE_DOCK_WIDTH = 340
# The room the timeline dock keeps while its panel is still to be made: the
# timeline's own minimum (timeline_view.STRIP_HEIGHT; a test checks they agree).
TIMELINE_HEIGHT = 112
# The window's size on a first start.
DEFAULT_SIZE = (1400, 900)
# The reading pane is never narrower than this (a line of some 30 characters)…
READING_MIN_WIDTH = 320
# …and when the window narrows below the room for this much, the article list
# and the side docks give up their width first, down to their own minimums.
READING_WANTED_WIDTH = 560
LIST_MIN_WIDTH = 260
SIDE_MIN_WIDTH = 200


class NoticeBar(QWidget):
    """A dismissible strip of one-line messages (for example files an import could not read).

    A notice may offer one action (a button beside the text), such as showing
    the annotations it is about.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAccessibleName("Notices")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.action_button.hide()
        self.action_button.clicked.connect(self._act)
        self._action: Callable[[], None] | None = None
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss notices")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_lines(
        self,
        lines: Sequence[str],
        *,
        action: str = "",
        on_action: Callable[[], None] | None = None,
    ) -> None:
        """Show ``lines`` (none: hide); ``action`` labels a button that calls ``on_action``."""
        self.label.setText("\n".join(lines))
        self._action = on_action if action else None
        self.action_button.setText(action)
        self.action_button.setVisible(bool(action and on_action))
        self.setVisible(bool(lines))

    def lines(self) -> list[str]:
        return self.label.text().splitlines() if not self.isHidden() else []

    def _act(self) -> None:
        if self._action is not None:
            self._action()


def build_central_area(
    window: QMainWindow,
    search_bar: QWidget,
    notices: QWidget,
    article_list: QWidget,
    reading_pane: QWidget,
) -> QSplitter:
    """Put the search bar, the notices and the list beside the reader in the window's centre.

    Returns the splitter between the list and the reading pane, whose state
    the window remembers.
    """
    splitter = QSplitter(Qt.Orientation.Horizontal, window)
    splitter.setObjectName("mainSplitter")
    splitter.setChildrenCollapsible(False)
    splitter.setHandleWidth(1)
    splitter.addWidget(article_list)
    splitter.addWidget(reading_pane)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([420, 900])  # the list's width on a first start; the reader takes the rest
    article_list.setMinimumWidth(LIST_MIN_WIDTH)
    reading_pane.setMinimumWidth(READING_MIN_WIDTH)

    top = QWidget(window)
    top.setObjectName("searchArea")
    top_layout = QVBoxLayout(top)
    top_layout.setContentsMargins(10, 8, 10, 8)
    top_layout.addWidget(search_bar)

    central = QWidget(window)
    layout = QVBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(top)
    layout.addWidget(notices)
    layout.addWidget(splitter, 1)
    window.setCentralWidget(central)
    return splitter


def make_dock(window: QMainWindow, title: str, name: str, area: Qt.DockWidgetArea) -> QDockWidget:
    """An empty dock in ``area``, closable and movable, remembered under ``name``."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)  # the key under which saveState() remembers it
    dock.setAccessibleName(title)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetClosable
        | QDockWidget.DockWidgetFeature.DockWidgetMovable
    )
    window.addDockWidget(area, dock)
    return dock


class LayoutMemory:
    """Remembers the window's geometry, its docks and the list/reader splitter in the settings."""

    def __init__(self, window: QMainWindow, splitter: QSplitter, settings: UiSettings) -> None:
        self._window = window
        self._splitter = splitter
        self._settings = settings

    def restore(self) -> bool:
        """Put the remembered layout back; False on a first start (nothing remembered)."""
        window, settings = self._window, self._settings
        geometry = settings.geometry()
        if geometry is None or not window.restoreGeometry(geometry):
            window.resize(*DEFAULT_SIZE)
        state = settings.window_state()
        if state is not None:
            window.restoreState(state)
        splitter = settings.splitter_state()
        if splitter is not None:
            self._splitter.restoreState(splitter)
        return splitter is not None

    def save(self) -> None:
        settings = self._settings
        settings.set_geometry(self._window.saveGeometry())
        settings.set_window_state(self._window.saveState())
        settings.set_splitter_state(self._splitter.saveState())
        settings.sync()


class ReadingRoom(QObject):
    """Gives the reading pane the room first whenever the window is resized.

    A splitter's stretch factor only shares out what the window gains; the
    docks and the list keep the widths they had, so a narrow window used to
    leave the reader a column of one word. After each resize, if the pane is
    narrower than :data:`READING_WANTED_WIDTH`, the list and then the side
    docks give up width, down to :data:`LIST_MIN_WIDTH` and
    :data:`SIDE_MIN_WIDTH`. A wide window is left as the researcher set it.
    """

    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        reading_pane: QWidget,
        side_docks: Sequence[QDockWidget],
        *,
        fit_when_shown: bool = True,
    ) -> None:
        """``fit_when_shown``: fit at the first show too (not when a layout was restored)."""
        super().__init__(window)
        self._window = window
        self._splitter = splitter
        self._pane = reading_pane
        self._docks = list(side_docks)
        self._queued = False
        self._passes = 0
        self._fit_when_shown = fit_when_shown
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._window or self._queued:
            return False
        kind = event.type()
        # Only a window that narrows asks the others for room: a layout
        # restored (or widened) stays as the researcher left it.
        narrowed = (
            kind == QEvent.Type.Resize
            and isinstance(event, QResizeEvent)
            and 0 <= event.size().width() < event.oldSize().width()
        )
        if narrowed or (kind == QEvent.Type.Show and self._fit_when_shown):
            self._passes = 0
            self._queue()
        return False

    def _queue(self) -> None:
        # After the layout has shared out the new size.
        self._queued = True
        QTimer.singleShot(0, self, self.fit)

    def fit(self) -> None:
        """Widen the reading pane to :data:`READING_WANTED_WIDTH` if the others can spare it."""
        self._queued = False
        need = READING_WANTED_WIDTH - self._pane.width()
        if need <= 0 or not self._window.isVisible():
            return
        # Moving a dock's edge lays the centre out again, after this call:
        # look once more then (twice at most, so it always settles).
        self._passes += 1
        if self._passes < 3:
            self._queue()
        sizes = self._splitter.sizes()
        if len(sizes) == 2:
            give = min(need, max(0, sizes[0] - LIST_MIN_WIDTH))
            if give:
                self._splitter.setSizes([sizes[0] - give, sizes[1] + give])
                need -= give
        if need <= 0:
            return
        side = {Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea}
        for dock in self._docks:
            if dock.isFloating() or not dock.isVisible():
                continue
            if self._window.dockWidgetArea(dock) not in side:
                continue
            take = min(need, max(0, dock.width() - SIDE_MIN_WIDTH))
            if take:
                self._window.resizeDocks([dock], [dock.width() - take], Qt.Orientation.Horizontal)
                need -= take
            if need <= 0:
                return
