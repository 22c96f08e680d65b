"""Shared test set-up: offscreen Qt, and per-user folders that never touch the real ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PROJECT_ROOT = Path(__file__).resolve().parents[1]
BUNDLED_ARTICLES = PROJECT_ROOT / "corpus" / "articles"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every per-user folder at a fresh temporary one."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("CORPUS_READER_HOME", str(home))
    return home


@pytest.fixture
def app_home(_isolated_home: Path) -> Path:
    """The temporary folder that stands in for the per-user folders."""
    return _isolated_home
