"""Start the window: the application object, its theme, one instance per data folder, the library.

``main(argv)`` takes the window's own arguments (not the program name):
``[--data-dir DIR] [--corpus DIR] [FILE ...]``, the files to import. With
``argv=None`` it reads ``sys.argv[1:]``, which is what the ``corpus-reader-gui``
launcher passes.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from reader import APP_NAME, __version__
from reader.core.model import ReaderError
from reader.core.paths import AppPaths, resource
from reader.ui import theme
from reader.ui.single_instance import InstanceServer, send_to_running_instance, server_name

log = logging.getLogger(__name__)

ORGANIZATION = "corpus-reader"
APPLICATION = "corpus-reader"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="corpus-reader gui", description="Open the window.")
    parser.add_argument("--data-dir", help="folder for the per-user data, cache and settings")
    parser.add_argument("--corpus", help="corpus folder (default: the bundled corpus)")
    parser.add_argument("files", nargs="*", help="files or folders to import")
    # Qt's own options (-style, -platform …) are left for QApplication.
    args, _unknown = parser.parse_known_args(list(argv))
    return args


# How long a worker thread may hold the interpreter before the UI thread can
# take it back (Python's default is 5 ms). The window's background reads are
# pure Python, and every paint calls Python (models, delegates, the
# timeline), so each call could wait a full slice: 1 ms keeps a paint while
# they run to a few milliseconds' delay instead of tens.
SWITCH_INTERVAL_S = 0.001


def make_application(argv: Sequence[str] = ()) -> QApplication:
    """The one QApplication: named for QSettings, Fusion, a palette that follows the system."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        app = QApplication([sys.argv[0] if sys.argv else APPLICATION, *argv])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName("org.corpusreader.CorpusReader")
    apply_theme(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    icon = _app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    app.setPalette(theme.dark_palette() if dark else theme.light_palette())
    qss = resource("style.qss")
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def _app_icon() -> QIcon:
    icon = QIcon()
    folder = resource("icons")
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = folder / f"corpus-reader-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = make_application()

    paths = AppPaths.resolve(args.data_dir)
    files = [str(Path(f).resolve()) for f in args.files]
    name = server_name(paths.data)
    # A second start on the same data folder raises the first window instead
    # of opening another one over the same index.
    if send_to_running_instance(name, files):
        return 0
    server = InstanceServer(name, app)
    server.listen()

    # The engine, and the window built on it, load after the instance check:
    # a second start only hands its files over and quits.
    from reader.core.library import Library
    from reader.ui.main_window import MainWindow

    try:
        library = Library.open(args.data_dir, args.corpus)
    except ReaderError as error:
        from PySide6.QtWidgets import QMessageBox  # only on failure; its type is slow to create

        QMessageBox.critical(None, APP_NAME, f"Corpus Reader cannot open its library:\n{error}")
        return 1

    window = MainWindow(library)
    server.activated.connect(window.raise_and_import)
    window.show()
    # The list fills from the library at once; the index, if needed, is built
    # in the background after the window is on screen.
    QTimer.singleShot(0, window.start)
    if files:
        QTimer.singleShot(0, lambda: window.import_paths([Path(f) for f in files]))
    try:
        return app.exec()
    finally:
        server.close()
        library.close()
