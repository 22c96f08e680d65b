"""Start-up sequencing: work that waits until the window has drawn its first frame.

At start-up the window paints the list and the open article first. The
panels' reads run on the worker thread, whose Python would compete with the
first paint for the interpreter, so they are held back until the frame is
drawn — but only when work runs in the background: a synchronous runner
(tests, screenshots) does everything in order, at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

# The held work waits for the window's first frame at most this long.
FIRST_FRAME_WAIT_MS = 1000


class FirstFrameGate(QObject):
    """Holds work until ``window``'s first frame is drawn.

    Signals:
        opened(): the first frame is drawn (or the wait is over); emitted
            once, before the held work runs.
        released(): the held work has run.
    """

    opened = Signal()
    released = Signal()

    def __init__(self, window: QWidget, background: Callable[[], bool]) -> None:
        super().__init__(window)
        self._window = window
        self._background = background
        self._painted = False
        self._held: list[Callable[[], object]] = []
        window.installEventFilter(self)

    def pending(self) -> bool:
        """True while work should wait: the window is shown, not yet drawn, work is background."""
        return not self._painted and self._window.isVisible() and self._background()

    def later(self, work: Callable[[], object]) -> None:
        """Do ``work`` once the first frame is drawn (at once if drawn, hidden, or synchronous)."""
        if self.pending():
            self._held.append(work)
        else:
            work()

    def start_waiting(self) -> None:
        """A window the platform never exposes (minimised at start) still gets its work done."""
        if self.pending():
            QTimer.singleShot(FIRST_FRAME_WAIT_MS, self, self.open)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint and not self._painted:
            # The window paints first and its children next, in one pass
            # that a zero timer waits for. (A window is painted once the
            # platform has exposed it, some time after show().)
            QTimer.singleShot(0, self, self.open)
        return False

    def open(self) -> None:
        """The frame is drawn: run what was held, in order."""
        if self._painted:
            return
        self._painted = True
        self._window.removeEventFilter(self)
        self.opened.emit()
        held, self._held = self._held, []
        for work in held:
            work()
        self.released.emit()
