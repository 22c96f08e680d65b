"""Render the real window offscreen to a PNG (for the README and for looking at changes).

The index is built synchronously first, so the picture shows a finished
window: the list, the article with its hits, and an entity's mentions.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from reader.core.model import ReaderError


def render_screenshot(
    out_png: str | os.PathLike[str],
    *,
    query: str | None = None,
    doc_id: str | None = None,
    entity: str | None = None,
    size: tuple[int, int] = (1400, 900),
    theme_name: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    corpus_dir: str | os.PathLike[str] | None = None,
    library: Any = None,
) -> None:
    """Open the window offscreen on the library, do what is asked, and save a PNG.

    Raises :class:`~reader.core.model.ReaderError` (one line, fit to print)
    when the query is malformed, the article does not exist, the entity is
    not found in it, or the image cannot be written. ``theme_name`` ("light"
    or "dark") fixes the palette; by default it follows the system.
    """
    # Offscreen unless a platform was chosen; must happen before Qt starts.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from reader.app import make_application
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import UiSettings
    from reader.ui.tasks import SyncTaskRunner

    app = make_application(theme_name=theme_name)
    if app.platformName() == "offscreen":
        quiet_offscreen_warnings()
    own_library = library is None
    if own_library:
        from reader.core.library import Library

        library = Library.open(data_dir, corpus_dir)
    runner = SyncTaskRunner()
    try:
        if library.needs_index():
            library.update_index()
        window = MainWindow(library, runner=runner, settings=UiSettings(_scratch_settings()))
        window.resize(*size)
        window.show()
        window.start()
        if query:
            window.search_bar.set_text(query)
            window.search(query)
            if window.search_bar.error():
                raise ReaderError(window.search_bar.error())
        if doc_id:
            window.open_article_at(doc_id)
            shown = window.reading_pane.document
            if shown is None or shown.id != doc_id:
                raise ReaderError(f"no article with id {doc_id!r}")
        if entity and not window.show_entity(entity):
            raise ReaderError(f"the article shown does not mention {entity!r}")
        app.processEvents()
        window.resize(*size)
        app.processEvents()
        image = window.grab()
        out = Path(out_png)
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise ReaderError(f"{out}: the image could not be written")
        window.close()
        window.deleteLater()
    finally:
        runner.deleteLater()
        if own_library:
            library.close()


def quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's notice about window size hints; pass on everything else.

    The offscreen plugin reports that it cannot forward size hints each time
    a window is shown; it is not a fault of the program and would only alarm
    whoever reads the output of ``screenshot`` or ``--smoke-test``.
    """
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    previous = None

    def handler(kind: QtMsgType, context: Any, message: str) -> None:
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)


def _scratch_settings() -> Any:
    """Settings that start empty and are never saved, so a screenshot is reproducible."""
    import tempfile

    from PySide6.QtCore import QSettings

    folder = tempfile.mkdtemp(prefix="corpus-reader-shot-")
    return QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
