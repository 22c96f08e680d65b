"""Fixtures for the window tests: isolated settings, a synchronous task runner, the real library."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from reader.core.model import Document, RemovedBlock
from reader.ui.tasks import SyncTaskRunner


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
