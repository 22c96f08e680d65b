"""A second start hands its files to the running window instead of opening another."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.ui.single_instance import InstanceServer, send_to_running_instance, server_name


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
