"""The one way the window runs work off the UI thread.

A :class:`TaskRunner` runs a plain function on a ``QThreadPool`` and hands
its result, its error or its progress back on the main thread, where the
callbacks may touch widgets. The function itself never sees a widget: it
receives a thread-safe ``progress(done, total, message)`` callable — the same
shape the core accepts — and returns a value.

The runner keeps to one worker thread by default, so library work (indexing,
importing, searching) is serialised: an import never races the index build.

Tests swap in :class:`SyncTaskRunner`, which runs the function at once on the
calling thread, so they are deterministic (Picard's fake pool does the same).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from reader.core.progress import Progress

log = logging.getLogger(__name__)

TaskFunction = Callable[[Progress], Any]
ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[int, int, str], None]

# Progress from a tight loop is thinned to this interval so the event loop
# is never flooded with queued signals.
PROGRESS_INTERVAL_S = 0.05


class Task(QObject):
    """One piece of background work, seen from the main thread.

    Signals:
        progressed(int, int, str): done, total, message — throttled.
        succeeded(object): the function's return value.
        failed(object): the exception the function raised.
        finished(): after ``succeeded`` or ``failed``.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    # Emitted from the worker thread; received by the slots below, which run
    # on the main thread because this object lives there (queued connection).
    _worker_progress = Signal(int, int, str)
    _worker_result = Signal(object)
    _worker_error = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.done = False
        self._last_progress = 0.0
        self._worker_progress.connect(self._on_progress)
        self._worker_result.connect(self._on_result)
        self._worker_error.connect(self._on_error)

    def report_progress(self, done: int, total: int, message: str = "") -> None:
        """The ``progress`` callable given to the function; safe from any thread."""
        now = time.monotonic()
        if done < total and now - self._last_progress < PROGRESS_INTERVAL_S:
            return
        self._last_progress = now
        self._worker_progress.emit(int(done), int(total), str(message))

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if not self.done:
            self.progressed.emit(done, total, message)

    @Slot(object)
    def _on_result(self, result: object) -> None:
        self.done = True
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_error(self, error: object) -> None:
        self.done = True
        self.failed.emit(error)
        self.finished.emit()


class _Job(QRunnable):
    """Runs the function on a pool thread and reports through the task's signals."""

    def __init__(self, task: Task, fn: TaskFunction) -> None:
        super().__init__()
        self._task = task
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn(self._task.report_progress)
        except Exception as error:  # handed to the main thread, never lost
            log.debug("task %s failed", self._task.name, exc_info=True)
            self._task._worker_error.emit(error)
        else:
            self._task._worker_result.emit(result)


class TaskRunner(QObject):
    """Runs functions on a thread pool; callbacks arrive on the main thread.

    Signals:
        busy_changed(bool): true while any task is pending or running.
    """

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, max_threads: int = 1) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._active: set[Task] = set()
        self._finishing: set[Task] = set()  # finished, released on the next loop turn

    def run(
        self,
        name: str,
        fn: TaskFunction,
        *,
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Task:
        """Start ``fn(progress)`` in the background and return its :class:`Task`."""
        task = self._make_task(name, on_result, on_error, on_progress)
        self._pool.start(_Job(task, fn))
        return task

    def is_busy(self) -> bool:
        return bool(self._active)

    def wait_for_done(self, timeout_ms: int = -1) -> bool:
        """Block until the pool is idle (for shutting down); queued callbacks still follow."""
        return self._pool.waitForDone(timeout_ms)

    def _make_task(
        self,
        name: str,
        on_result: ResultCallback | None,
        on_error: ErrorCallback | None,
        on_progress: ProgressCallback | None,
    ) -> Task:
        # No Qt parent: the task is Python-owned, kept alive by ``_active``
        # while it runs and afterwards by whoever still holds it, so a caller
        # waiting on its signals never touches a deleted object.
        task = Task(name)
        if on_progress is not None:
            task.progressed.connect(on_progress)
        if on_result is not None:
            task.succeeded.connect(on_result)
        task.failed.connect(on_error if on_error is not None else _log_error(name))
        was_busy = self.is_busy()
        self._active.add(task)
        task.finished.connect(lambda: self._forget(task))
        if not was_busy:
            self.busy_changed.emit(True)
        return task

    def _forget(self, task: Task) -> None:
        # Called while ``task`` is emitting ``finished``: let go of it only
        # once that emission is over.
        QTimer.singleShot(0, lambda: self._finishing.discard(task))
        self._active.discard(task)
        self._finishing.add(task)
        if not self._active:
            self.busy_changed.emit(False)


class SyncTaskRunner(TaskRunner):
    """A runner that does the work at once, on the calling thread (for tests and scripts)."""

    def run(
        self,
        name: str,
        fn: TaskFunction,
        *,
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Task:
        task = self._make_task(name, on_result, on_error, on_progress)

        def progress(done: int, total: int, message: str = "") -> None:
            task._on_progress(int(done), int(total), str(message))

        try:
            result = fn(progress)
        except Exception as error:
            log.debug("task %s failed", name, exc_info=True)
            task._on_error(error)
        else:
            task._on_result(result)
        return task


def _log_error(name: str) -> ErrorCallback:
    def on_error(error: BaseException) -> None:
        log.error("%s failed: %s", name, error, exc_info=error)

    return on_error
