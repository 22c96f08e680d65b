"""Start the window: the application object, its theme, one instance per data folder, the library.

``main(argv)`` takes the window's own arguments (not the program name):
``[--data-dir DIR] [--corpus DIR] [FILE ...]``, the files to import. With
``argv=None`` it reads ``sys.argv[1:]``, which is what the ``corpus-reader-gui``
launcher passes.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# The engine loads before PySide6 although a second start only hands its
# files over: PySide6 reads the source of every module imported after it
# (looking for its name, for its __feature__ switches), ~0.15 ms a module,
# and the engine with the standard modules it needs is some 35 of them.
import reader.core.library  # noqa: F401

# isort: split
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from reader import APP_NAME, __version__
from reader.core.model import ReaderError
from reader.core.paths import AppPaths, resource
from reader.ui import theme
from reader.ui.single_instance import (
    STARTING_WAIT_MS,
    InstanceLock,
    InstanceServer,
    send_to_running_instance,
    server_name,
)

log = logging.getLogger(__name__)

ORGANIZATION = "corpus-reader"
APPLICATION = "corpus-reader"


@dataclass
class Arguments:
    """The window's command line."""

    data_dir: str | None = None
    corpus: str | None = None
    files: list[str] = field(default_factory=list)
    # Qt's own options (-platform, -reverse, …), passed on to QApplication.
    qt_options: list[str] = field(default_factory=list)


def parse_args(argv: Sequence[str]) -> Arguments:
    if not argv:
        # The usual start (a double-click) has no arguments: argparse and its
        # translation look-ups would add ~5 ms of start-up to say so.
        return Arguments()
    import argparse

    parser = argparse.ArgumentParser(prog="corpus-reader gui", description="Open the window.")
    parser.add_argument("--data-dir", help="folder for the per-user data, cache and settings")
    parser.add_argument("--corpus", help="corpus folder (default: the bundled corpus)")
    parser.add_argument("files", nargs="*", help="files or folders to import")
    # Qt's own options (-platform, -reverse …) are left for QApplication.
    args, qt_options = parser.parse_known_args(list(argv))
    return Arguments(
        data_dir=args.data_dir, corpus=args.corpus, files=list(args.files), qt_options=qt_options
    )


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
        app.setStyle("Fusion")
    else:
        # Fusion is named as the application is made rather than set after:
        # setStyle() would build a second style and have PySide create its
        # QStyle type and enums, about 7 ms of start-up before the first paint.
        app = QApplication([sys.argv[0] if sys.argv else APPLICATION, "-style", "Fusion", *argv])
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    QGuiApplication.setDesktopFileName("org.corpusreader.CorpusReader")
    apply_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    icon = _app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    apply_palette(app)


def apply_palette(app: QApplication) -> None:
    """The palette for the system's colour scheme, and the small stylesheet."""
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
    app = make_application(args.qt_options)

    paths = AppPaths.resolve(args.data_dir)
    files = [str(Path(f).resolve()) for f in args.files]
    name = server_name(paths.data)
    # A second start on the same data folder raises the first window instead
    # of opening another one over the same index. The lock says whether a
    # first is there; it may still be starting, so its answer is waited for.
    lock = InstanceLock(name)
    if not lock.acquire() and send_to_running_instance(name, files, STARTING_WAIT_MS):
        handed = f" and passed it {len(files)} file(s) to import" if files else ""
        print(f"Corpus Reader is already running: raised its window{handed}.", file=sys.stderr)
        return 0
    server = InstanceServer(name, app)

    # The window loads after the instance check: a second start only hands
    # its files over and quits.
    from reader.core.library import Library
    from reader.ui.main_window import MainWindow

    try:
        library = Library.open(args.data_dir, args.corpus)
    except ReaderError as error:
        from PySide6.QtWidgets import QMessageBox  # only on failure; its type is slow to create

        QMessageBox.critical(None, APP_NAME, f"Corpus Reader cannot open its library:\n{error}")
        return 1

    window = MainWindow(library, defer_panels=True)
    server.activated.connect(window.raise_and_import)
    window.show()
    # Listening loads QtNetwork, which the first frame can do without: a
    # later start finds the lock taken and waits for the server meanwhile.
    window.after_first_frame(server.listen)
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
        lock.release()
