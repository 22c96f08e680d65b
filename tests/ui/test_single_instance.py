"""A second start hands its files to the running window instead of opening another."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.ui.single_instance import (
    InstanceLock,
    InstanceServer,
    send_to_running_instance,
    server_name,
)


def test_a_second_instance_passes_its_files_to_the_first(qtbot: QtBot, tmp_path: Path) -> None:
    name = server_name(tmp_path / "data")
    assert not send_to_running_instance(name, [])  # nobody listening yet
    server = InstanceServer(name)
    assert server.listen()
    try:
        with qtbot.waitSignal(server.activated, timeout=5_000) as blocker:
            assert send_to_running_instance(name, ["/tmp/a.html", "/tmp/b.txt"])
        assert blocker.args == [["/tmp/a.html", "/tmp/b.txt"]]
    finally:
        server.close()


def test_names_differ_per_data_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "one") != server_name(tmp_path / "two")
    assert len(server_name(tmp_path / "one")) < 40


def test_the_lock_is_held_by_one_instance_at_a_time(tmp_path: Path) -> None:
    name = server_name(tmp_path / "data")
    first, second = InstanceLock(name), InstanceLock(name)
    assert first.acquire()
    try:
        assert not second.acquire()
    finally:
        first.release()
    assert second.acquire()
    second.release()


def test_without_a_server_waiting_gives_up_after_the_time_given(tmp_path: Path) -> None:
    name = server_name(tmp_path / "data")
    began = time.monotonic()
    assert not send_to_running_instance(name, [], wait_ms=200)
    assert time.monotonic() - began >= 0.2


# A first instance that holds the lock but listens only later (it does once
# its window is painted): the second start waits for it and hands over.
LATE_LISTENER = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from reader.ui.single_instance import InstanceServer

    app = QCoreApplication([])
    server = InstanceServer(sys.argv[1])
    server.activated.connect(lambda files: (print(files, flush=True), app.quit()))
    QTimer.singleShot(300, server.listen)
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    server.close()
    """
)


def test_a_second_start_waits_for_a_first_that_is_still_starting(tmp_path: Path) -> None:
    name = server_name(tmp_path / "data")
    first = subprocess.Popen(
        [sys.executable, "-c", LATE_LISTENER, name], stdout=subprocess.PIPE, text=True
    )
    try:
        assert send_to_running_instance(name, ["/tmp/a.html"], wait_ms=5_000)
        out, _ = first.communicate(timeout=10)
    finally:
        first.kill()
        first.wait()
    assert out.strip() == "['/tmp/a.html']"
