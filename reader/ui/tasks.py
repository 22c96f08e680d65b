"""The one way the window runs work off the UI thread.

A :class:`TaskRunner` runs a plain function on a ``QThreadPool`` and hands
its result, its error or its progress back on the main thread, where the
callbacks may touch widgets. The function itself never sees a widget: it
receives a thread-safe ``progress(done, total, message)`` callable — the same
shape the core accepts — and returns a value.

The runner keeps to one worker thread by default, so library work done in
the window's process (searching, reading entities and the timeline) is
serialised.

Index updates and imports run in a child process instead
(:meth:`TaskRunner.run_command`): the ``corpus-reader`` command line with
``--json --progress-json``, whose progress arrives as JSON lines on stderr and
whose report is JSON on stdout. Whoosh sorts its buffers in long C calls that
hold the GIL, so on a thread they would freeze the window for a second or
more; a process has its own GIL.

Tests swap in :class:`SyncTaskRunner`, which runs the function at once on the
calling thread — and a command's in-process equivalent instead of the child —
so they are deterministic (Picard's fake pool does the same).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
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

log = logging.getLogger(__name__)

TaskFunction = Callable[[Progress], Any]
ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]
ProgressCallback = Callable[[int, int, str], None]
Decoder = Callable[[Any], Any]

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


class ChildProcessError(Exception):
    """A command run in a child process failed; the message is one line for the status bar."""


def command_line(arguments: Sequence[str]) -> tuple[str, list[str]]:
    """The program and arguments that run ``corpus-reader ARGUMENTS`` in a child process.

    From source it is this interpreter with ``-m reader.cli``; a frozen
    build's executable takes the command line's arguments itself.
    """
    if getattr(sys, "frozen", False):
        return sys.executable, list(arguments)
    return sys.executable, ["-m", "reader.cli", *arguments]


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
    """Runs one command in a QProcess and reports through its task's signals.

    Lives on the main thread: the process's output arrives in its slots as
    the event loop reads the pipes, so parsing it never blocks the window.
    """

    def __init__(self, task: Task, decode: Decoder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.task = task
        self._decode = decode
        self._stdout = QByteArray()
        self._stderr_tail = b""
        self._messages: list[str] = []  # stderr lines that are not progress
        self.process = QProcess(self)
        self.process.setProcessEnvironment(_child_environment())
        self.process.readyReadStandardOutput.connect(self._read_stdout)
        self.process.readyReadStandardError.connect(self._read_stderr)
        self.process.finished.connect(self._on_finished)
        self.process.errorOccurred.connect(self._on_error)

    def start(self, arguments: Sequence[str]) -> None:
        program, args = command_line(arguments)
        log.debug("task %s: %s %s", self.task.name, program, " ".join(args))
        self.process.start(program, args)

    def is_running(self) -> bool:
        return self.process.state() != QProcess.ProcessState.NotRunning

    @Slot()
    def _read_stdout(self) -> None:
        self._stdout.append(self.process.readAllStandardOutput())

    @Slot()
    def _read_stderr(self) -> None:
        data = self._stderr_tail + bytes(self.process.readAllStandardError().data())
        *lines, self._stderr_tail = data.split(b"\n")
        for line in lines:
            self._stderr_line(line.decode("utf-8", "replace").strip())

    def _stderr_line(self, line: str) -> None:
        if not line:
            return
        if line.startswith("{"):
            try:
                report = json.loads(line)
                self.task.report_progress(
                    int(report["done"]), int(report["total"]), str(report.get("message", ""))
                )
                return
            except (ValueError, KeyError, TypeError):
                pass
        self._messages.append(line)

    @Slot(int, QProcess.ExitStatus)
    def _on_finished(self, code: int, status: QProcess.ExitStatus) -> None:
        self._read_stdout()
        self._read_stderr()
        self._stderr_line(self._stderr_tail.decode("utf-8", "replace").strip())
        self._stderr_tail = b""
        if status == QProcess.ExitStatus.CrashExit:
            self._fail(f"the {self.task.name} process stopped unexpectedly")
        else:
            self._deliver(code)
        self.deleteLater()

    @Slot(QProcess.ProcessError)
    def _on_error(self, error: QProcess.ProcessError) -> None:
        # Only a failure to start ends without ``finished``.
        if error == QProcess.ProcessError.FailedToStart:
            self._fail(
                f"the {self.task.name} process could not be started: {self.process.errorString()}"
            )
            self.deleteLater()

    def _deliver(self, code: int) -> None:
        # Exit status 1 with a report means some files could not be read;
        # the report says which. Without a report, the last line says why.
        text = bytes(self._stdout.data()).decode("utf-8", "replace").strip()
        if code in (0, 1) and text:
            try:
                result = self._decode(json.loads(text))
            except Exception as error:  # a report this window cannot read
                log.debug("task %s: unreadable report", self.task.name, exc_info=True)
                self._fail(f"the {self.task.name} report could not be read: {error}")
                return
            self.task._on_result(result)
            return
        self._fail(self._last_message() or f"the {self.task.name} process ended with status {code}")

    def _last_message(self) -> str:
        if not self._messages:
            return ""
        line = self._messages[-1]
        return line.removeprefix("corpus-reader:").strip()

    def _fail(self, message: str) -> None:
        if self._messages:
            log.debug("task %s said:\n%s", self.task.name, "\n".join(self._messages))
        self.task._on_error(ChildProcessError(message))


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
        self._pool.start(_Job(task, fn))
        return task

    def run_command(
        self,
        name: str,
        arguments: Sequence[str] | None,
        *,
        decode: Decoder,
        in_process: TaskFunction,
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Task:
        """Run ``corpus-reader ARGUMENTS`` in a child process; the result is its decoded report.

        The command must be given ``--json --progress-json``. ``in_process``
        is the same work as a function: what :class:`SyncTaskRunner` runs,
        and what runs on the pool when ``arguments`` is None (a library the
        command line cannot name). A child that fails, crashes or cannot
        start delivers a :class:`ChildProcessError` with a one-line message.
        """
        if arguments is None:
            return self.run(
                name, in_process, on_result=on_result, on_error=on_error, on_progress=on_progress
            )
        task = self._make_task(name, on_result, on_error, on_progress)
        job = _ChildJob(task, decode, self)
        self._children.add(job)
        job.destroyed.connect(lambda: self._children.discard(job))
        job.start(arguments)
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

    def run_command(
        self,
        name: str,
        arguments: Sequence[str] | None,
        *,
        decode: Decoder,
        in_process: TaskFunction,
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> Task:
        """Do the command's work in-process, at once (no child process)."""
        return self.run(
            name, in_process, on_result=on_result, on_error=on_error, on_progress=on_progress
        )


def _log_error(name: str) -> ErrorCallback:
    def on_error(error: BaseException) -> None:
        log.error("%s failed: %s", name, error, exc_info=error)

    return on_error
