"""Fixtures for the window tests: isolated settings, a synchronous task runner, the real library."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.model import Document, RemovedBlock
from reader.ui.main_window import MainWindow
from reader.ui.tasks import SyncTaskRunner, TaskRunner


@pytest.fixture(autouse=True)
def isolated_settings(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every test gets its own QSettings folder, under names no real install uses."""
    folder = tmp_path_factory.mktemp("settings")
    QCoreApplication.setOrganizationName("corpus-reader-tests")
    QCoreApplication.setApplicationName("corpus-reader-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def sync_runner(qapp: QApplication) -> Iterator[SyncTaskRunner]:
    runner = SyncTaskRunner()
    yield runner
    runner.deleteLater()


@pytest.fixture
def sample_document() -> Document:
    """A small article with a non-BMP character before the words the tests look for."""
    return Document(
        id="sample",
        title="Leaders meet in Osaka",
        subtitle="Talks on a peace treaty continue",
        publisher="Test Gazette",
        byline="A. Reporter",
        dateline="OSAKA",
        published="2019-06-29",
        captions=["The two leaders shake hands. (Photo by Someone)"],
        paragraphs=[
            "OSAKA -- Abe and Putin met on Saturday 🤝 in Osaka.",
            "Lavrov spoke in Munich; Lavrov said little 😶 else about Munich.",
            "A third paragraph with nothing to find.",
        ],
        removed=[RemovedBlock("Subscribe to our newsletter", "subscription plea")],
    )


@pytest.fixture
def kuril_talks(tmp_path: Path) -> Path:
    """An HTML article the bundled corpus does not hold, in a folder of its own, to import."""
    path = tmp_path / "drop" / "kuril_talks.html"
    path.parent.mkdir()
    path.write_text(
        "<html><head><title>Kuril talks resume in Tokyo</title>"
        '<meta property="article:published_time" content="2019-11-02"></head><body>'
        "<h1>Kuril talks resume in Tokyo</h1>"
        "<p>TOKYO -- Negotiators met again on Saturday to discuss the four islands"
        " at the centre of the dispute between Japan and Russia.</p>"
        "<p>Officials said the talks on joint economic activity would continue next"
        " month, and that a further round was planned before the end of the year.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    return path


def _library_class() -> Any:
    from reader.core.library import Library

    return Library


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Any]:
    """The real library on the bundled corpus, indexed, in a fresh per-user folder."""
    lib = _library_class().open(tmp_path / "home")
    lib.update_index()
    yield lib
    lib.close()


@pytest.fixture
def fresh_library(tmp_path: Path) -> Iterator[Any]:
    """The real library on the bundled corpus with no index yet."""
    lib = _library_class().open(tmp_path / "fresh-home")
    yield lib
    lib.close()


@pytest.fixture
def make_window(qtbot: QtBot, sync_runner: SyncTaskRunner) -> Iterator[Callable[..., MainWindow]]:
    """Build a shown MainWindow on a library; closed at the end of the test."""
    windows: list[MainWindow] = []

    def make(
        lib: Any, *, runner: TaskRunner | None = None, start: bool = True, resize: bool = True
    ) -> MainWindow:
        window = MainWindow(lib, runner=runner if runner is not None else sync_runner)
        qtbot.addWidget(window)
        if resize:
            window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        # Window shortcuts (F3, Ctrl+=) need the window active; the offscreen
        # platform activates only on request.
        window.windowHandle().requestActivate()
        qtbot.waitUntil(window.isActiveWindow)
        if start:
            window.start()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.runner.wait_for_done(10_000)
