"""The one way to run work off the UI thread, and its synchronous stand-in."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from reader.core.model import ReaderError
from reader.ui.tasks import SyncTaskRunner, TaskRunner


def test_work_runs_off_the_ui_thread_and_results_arrive_on_it(qtbot: QtBot) -> None:
    runner = TaskRunner()
    main = threading.get_ident()
    seen: dict[str, object] = {}

    def work(progress: object) -> int:
        seen["worker"] = threading.get_ident()
        for n in range(3):
            progress(n + 1, 3, f"step {n + 1}")  # type: ignore[operator]
        return 42

    def on_result(value: object) -> None:
        seen["result"] = value
        seen["callback_thread"] = QThread.currentThread()

    progress: list[tuple[int, int, str]] = []
    with qtbot.waitSignal(runner.busy_changed, timeout=10_000, check_params_cb=lambda b: not b):
        runner.run("work", work, on_result=on_result, on_progress=lambda *a: progress.append(a))
    assert seen["result"] == 42
    assert seen["worker"] != main
    assert seen["callback_thread"] is QThread.currentThread()
    assert progress[-1] == (3, 3, "step 3")  # the last report is never thinned away


def test_errors_are_delivered_not_raised(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def fail(_progress: object) -> None:
        raise ReaderError("the index is busy")

    task = runner.run("fail", fail, on_error=errors.append)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        pass
    assert [str(e) for e in errors] == ["the index is busy"]
    assert not runner.is_busy()


def test_the_synchronous_runner_is_done_on_return() -> None:
    runner = SyncTaskRunner()
    results: list[object] = []
    errors: list[BaseException] = []
    runner.run("ok", lambda progress: progress(1, 1) or "done", on_result=results.append)
    runner.run("bad", lambda _p: 1 / 0, on_error=errors.append)
    assert results == ["done"]
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)
    assert not runner.is_busy()


@pytest.mark.parametrize("threads", [1])
def test_one_worker_keeps_library_work_in_order(qtbot: QtBot, threads: int) -> None:
    runner = TaskRunner(max_threads=threads)
    order: list[str] = []
    release = threading.Event()

    def slow(_p: object) -> None:
        release.wait(5)
        order.append("index")

    runner.run("index", slow)
    last = runner.run("search", lambda _p: order.append("search"))
    release.set()
    with qtbot.waitSignal(last.finished, timeout=10_000):
        pass
    assert order == ["index", "search"]
