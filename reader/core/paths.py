"""Where Corpus Reader keeps its files.

Per-user folders come from platformdirs. Each can be redirected: by
``--data-dir`` on the command line (one folder holding ``data/``, ``cache/``
and ``config/``), or by the environment variable ``CORPUS_READER_HOME`` to
the same effect, so tests and portable installs never touch the real ones.
The bundled corpus and resources are found the same way from a source tree,
an installed wheel (which carries them in ``reader/_bundled/``) and a
PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "corpus-reader"
HOME_ENV = "CORPUS_READER_HOME"


@dataclass(frozen=True)
class AppPaths:
    """The three per-user folders: data (precious), cache (rebuildable), config."""

    data: Path
    cache: Path
    config: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
        base = data_dir or os.environ.get(HOME_ENV)
        if base:
            root = Path(base).expanduser().resolve()
            return cls(root / "data", root / "cache", root / "config")
        return cls(
            Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)),
        )

    def ensure(self) -> AppPaths:
        for folder in (self.data, self.cache, self.config):
            folder.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def imported_dir(self) -> Path:
        """Documents the researcher imported (copied in, so they are never lost)."""
        return self.data / "documents"

    @property
    def index_dir(self) -> Path:
        return self.cache / "index"

    @property
    def annotations_db(self) -> Path:
        return self.data / "annotations.sqlite3"

    @property
    def corrections_db(self) -> Path:
        return self.data / "corrections.sqlite3"


# Where a wheel build puts the corpus and resources (setup.py copies them there).
_WHEEL_DATA = Path(__file__).resolve().parents[1] / "_bundled"


def install_root() -> Path:
    """The folder holding ``corpus/`` and ``resources/``: the bundle, the installed
    package's copy, or the source tree."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    if (_WHEEL_DATA / "corpus").is_dir():
        return _WHEEL_DATA
    return Path(__file__).resolve().parents[2]


def bundled_corpus_dir() -> Path:
    return install_root() / "corpus"


def resources_dir() -> Path:
    return install_root() / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
