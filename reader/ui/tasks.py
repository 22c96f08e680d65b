"""The one way the window runs work off the UI thread.

A :class:`TaskRunner` runs a plain function on a ``QThreadPool`` and hands
its result, its error or its progress back on the main thread, where the
callbacks may touch widgets. The function itself never sees a widget: it
receives a thread-safe ``progress(done, total, message)`` callable — the same
shape the core accepts — and returns a value.

The runner keeps to one worker thread by default, so library work done in
the window's process (searching, reading entities and the timeline) is
serialised.

Index updates and imports run in a worker process instead
(:meth:`TaskRunner.run_job`, :mod:`reader.core.worker`), which reports its
progress and its result as JSON lines on stdout. Whoosh sorts its buffers in
long C calls that hold the GIL, so on a thread they would freeze the window
for a second or more; a process has its own GIL. The worker is a core
module, not the command line: the window and the CLI do not know of each other.

Tests swap in :class:`SyncTaskRunner`, which runs the function at once on the
calling thread — and a job in-process instead of in a worker — so they are
deterministic (Picard's fake pool does the same).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QDeadlineTimer,
    QObject,
    QProcess,
    QProcessEnvironment,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

import reader
from reader.core.progress import Progress
from reader.core.worker import (
    Event,
    WorkerError,
    read_event,
    run_in_process,
    worker_arguments,
    worker_program,
)

if TYPE_CHECKING:
    from reader.core.library import Library

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


def _child_environment() -> QProcessEnvironment:
    env = QProcessEnvironment.systemEnvironment()
    if not getattr(sys, "frozen", False):
        # The child imports the same ``reader`` package as this process,
        # whatever the working folder and however it was installed.
        source_root = str(Path(reader.__file__).resolve().parent.parent)
        paths = [source_root, *filter(None, env.value("PYTHONPATH", "").split(os.pathsep))]
        env.insert("PYTHONPATH", os.pathsep.join(paths))
    return env


class _ChildJob(QObject):
    """Runs one worker job in a QProcess and reports through its task's signals.

    Lives on the main thread: the worker's events arrive in its slots as
    the event loop reads the pipes, so reading them never blocks the window.
    """

    def __init__(self, task: Task, job: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task = task
        self._job = job
        self._stdout_tail = b""
        self._stderr = bytearray()
        self._outcome: Event | None = None  # the result or the error, once said
        self._unreadable = ""
        self.process = QProcess(self)
        self.process.setProcessEnvironment(_child_environment())
        self.process.readyReadStandardOutput.connect(self._read_stdout)
        self.process.readyReadStandardError.connect(self._read_stderr)
        self.process.finished.connect(self._on_finished)
        self.process.errorOccurred.connect(self._on_error)

    def start(self, arguments: Sequence[str]) -> None:
        program, first = worker_program()
        args = [*first, *arguments]
        log.debug("task %s: %s %s", self.task.name, program, " ".join(args))
        self.process.start(program, args)

    def is_running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    @Slot()
    def _read_stdout(self) -> None:
        data = self._stdout_tail + bytes(self.process.readAllStandardOutput().data())
        *lines, self._stdout_tail = data.split(b"\n")
        for line in lines:
            self._stdout_line(line.decode("utf-8", "replace"))

    def _stdout_line(self, line: str) -> None:
        try:
            event = read_event(self._job, line)
        except WorkerError as error:
            log.debug("task %s: unreadable report", self.task.name, exc_info=True)
            self._unreadable = str(error)
            return
        if event is None:
            return
        if event.kind == "progress":
            self.task.report_progress(event.done, event.total, event.message)
        else:
            self._outcome = event

    @Slot()
    def _read_stderr(self) -> None:
        # Free-form: tracebacks of a bug, warnings. Kept for the log, last part only.
        self._stderr += bytes(self.process.readAllStandardError().data())
        del self._stderr[:-20_000]

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_stdout()
        self._read_stderr()
        if self._stdout_tail:
            self._stdout_line(self._stdout_tail.decode("utf-8", "replace"))
            self._stdout_tail = b""
        outcome = self._outcome
        if outcome is not None and outcome.kind == "result":
            self.task._on_result(outcome.result)
        elif outcome is not None:
            self._fail(outcome.message or f"the {self.task.name} job failed")
        elif self._unreadable:
            self._fail(self._unreadable)
        elif status == QProcess.ExitStatus.CrashExit:
            self._fail(f"the {self.task.name} process stopped unexpectedly")
        else:
            self._fail(f"the {self.task.name} process ended with status {code} and no report")
        self.deleteLater()

    @Slot(QProcess.ProcessError)
    def _on_error(self, error: QProcess.ProcessError) -> None:
        # Only a failure to start ends without ``finished``.
        if error == QProcess.ProcessError.FailedToStart:
            self._fail(
                f"the {self.task.name} process could not be started: {self.process.errorString()}"
            )
            self.deleteLater()

    def _fail(self, message: str) -> None:
        if self._stderr:
            said = bytes(self._stderr).decode("utf-8", "replace")
            log.debug("task %s said:\n%s", self.task.name, said)
        self.task._on_error(WorkerError(" ".join(message.split())))


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
        self._children: set[_ChildJob] = set()

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
        self._start(task, fn)
        return task

    def run_job(
        self,
        name: str,
        library: Library,
        arguments: Sequence[str] = (),
        *,
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Task:
        """Run the background job ``name`` (see :mod:`reader.core.worker`) on ``library``.

        It runs in a worker process opened at the library's location; the
        result is the job's report, read back into the core's own type. A
        worker that fails, crashes or cannot start delivers a
        :class:`~reader.core.worker.WorkerError` with a one-line message.
        """
        task = self._make_task(name, on_result, on_error, on_progress)
        self._start_job(task, library, arguments)
        return task

    def is_busy(self) -> bool:
        return bool(self._active)

    def runs_in_background(self) -> bool:
        """True: work runs beside the event loop (on the pool, or in a child process)."""
        return True

    def wait_for_done(self, timeout_ms: int = -1) -> bool:
        """Block until the pool and the child processes are done (for shutting down).

        A child still running when the time is up is stopped: the core keeps
        its files consistent whenever a process ends.
        """
        deadline = QDeadlineTimer(timeout_ms)
        done = self._pool.waitForDone(timeout_ms)
        for job in list(self._children):
            if not job.is_running():
                continue
            remaining = deadline.remainingTime()
            if not job.process.waitForFinished(remaining):
                job.process.kill()
                job.process.waitForFinished(5_000)
                done = False
        return done

    # How work starts once its task exists: the only part a runner that works
    # elsewhere (at once, or held by a test) needs to replace.
    def _start(self, task: Task, fn: TaskFunction) -> None:
        self._pool.start(_Job(task, fn))

    def _start_job(self, task: Task, library: Library, arguments: Sequence[str]) -> None:
        job = _ChildJob(task, task.name, self)
        self._children.add(job)
        job.destroyed.connect(lambda: self._children.discard(job))
        job.start(worker_arguments(task.name, library.location, arguments))

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

    def runs_in_background(self) -> bool:
        return False

    def _start(self, task: Task, fn: TaskFunction) -> None:
        def progress(done: int, total: int, message: str = "") -> None:
            task._on_progress(int(done), int(total), str(message))

        try:
            result = fn(progress)
        except Exception as error:
            log.debug("task %s failed", task.name, exc_info=True)
            task._on_error(error)
        else:
            task._on_result(result)

    def _start_job(self, task: Task, library: Library, arguments: Sequence[str]) -> None:
        """Do the job's work in this process, at once (no worker process)."""
        name = task.name
        self._start(task, lambda progress: run_in_process(name, library, arguments, progress))


def _log_error(name: str) -> ErrorCallback:
    def on_error(error: BaseException) -> None:
        log.error("%s failed: %s", name, error, exc_info=error)

    return on_error
