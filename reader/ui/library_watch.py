"""Notices changes another process makes to the library (a CLI import, a second window).

The document cache is SQLite; its ``data_version`` moves whenever another
connection commits, and reading it costs microseconds, so a timer polls it
(and so does the window's becoming active again). A file-system watcher
would see the same writes but fires once per WAL write, many times for one
import.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

POLL_MS = 2000


class Watched(Protocol):
    def outside_changes(self) -> int: ...


class LibraryWatcher(QObject):
    """Polls the library for changes made elsewhere.

    Signals:
        changed(): another process changed the corpus since the last look.
    """

    changed = Signal()

    def __init__(self, library: Watched, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._last = self._read()
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(lambda _state: self.check())

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def forget(self) -> None:
        """Take the library as it is now as seen (after this window's own reload)."""
        self._last = self._read()

    def check(self) -> bool:
        """Look now; emits ``changed`` (and returns True) if something changed."""
        now = self._read()
        if now is None or now == self._last:
            return False
        self._last = now
        self.changed.emit()
        return True

    def _read(self) -> int | None:
        try:
            return self._library.outside_changes()
        except Exception as error:  # a cache being rebuilt: look again next time
            log.debug("could not read the library's change count: %s", error)
            return None
