"""The two offscreen modes the command line offers: --smoke-test and screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from reader.ui.screenshot import render_screenshot
from reader.ui.smoke import run_smoke_test


def test_smoke_test_passes_and_reports_each_step(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_smoke_test() == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out[:-1]] == [
        "ok   start Qt",
        "ok   open the library",
        "ok   open the window and build the index",
        "ok   index ready",
        "ok   search",
        "ok   open the first hit",
        "ok   highlight shown",
    ]
    assert out[-1].startswith("PASS")


def test_screenshot_renders_the_window_at_the_asked_size(library: object, tmp_path: Path) -> None:
    out = tmp_path / "shots" / "window.png"
    render_screenshot(out, query="Lavrov AND Munich", size=(1000, 700), library=library)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
