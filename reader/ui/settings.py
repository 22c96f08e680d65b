"""The window's remembered state: geometry, layout, search history, last article.

One small typed wrapper over ``QSettings`` so widgets never read or write
settings keys themselves. The window keeps them in an INI file in the
config folder of its library (:meth:`UiSettings.in_folder`), so
``--data-dir`` and ``CORPUS_READER_HOME`` hold the settings too and a test or
a portable install never touches the user's real ones.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

HISTORY_LIMIT = 50
SETTINGS_FILE = "settings.ini"


class UiSettings:
    """Typed access to the window's settings."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    @classmethod
    def in_folder(cls, folder: str | os.PathLike[str]) -> UiSettings:
        """The settings kept in ``folder``/settings.ini (the library's config folder)."""
        path = Path(folder) / SETTINGS_FILE
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def file_name(self) -> str:
        """Where the settings are written."""
        return self._settings.fileName()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    # -- window layout ---------------------------------------------------

    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    def set_geometry(self, value: QByteArray) -> None:
        self._settings.setValue("window/geometry", value)

    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    def set_window_state(self, value: QByteArray) -> None:
        self._settings.setValue("window/state", value)

    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    def set_splitter_state(self, value: QByteArray) -> None:
        self._settings.setValue("window/splitter", value)

    # -- reading ---------------------------------------------------------

    def last_article(self) -> str:
        value = self._settings.value("reading/last_article", "")
        return value if isinstance(value, str) else ""

    def set_last_article(self, doc_id: str) -> None:
        self._settings.setValue("reading/last_article", doc_id)

    def zoom(self, default: int) -> int:
        value = self._settings.value("reading/zoom", default)
        if isinstance(value, int):
            return value
        try:  # an INI file gives numbers back as text
            return int(str(value))
        except ValueError:
            return default

    def set_zoom(self, step: int) -> None:
        self._settings.setValue("reading/zoom", step)

    # -- search history --------------------------------------------------

    def search_history(self) -> list[str]:
        value = self._settings.value("search/history", [])
        if isinstance(value, str):  # QSettings returns a lone item as a string
            value = [value]
        if not isinstance(value, list):
            return []
        return [v for v in value if isinstance(v, str) and v][:HISTORY_LIMIT]

    def remember_search(self, query: str) -> list[str]:
        """Put ``query`` first in the history and return the new history."""
        query = query.strip()
        history = [q for q in self.search_history() if q != query]
        if query:
            history.insert(0, query)
        history = history[:HISTORY_LIMIT]
        self._settings.setValue("search/history", history)
        return history

    def sync(self) -> None:
        self._settings.sync()
