"""The launcher: the ``corpus-reader`` command, and the window it opens.

:func:`main` is the ``corpus-reader`` command: the command line of
:mod:`reader.cli`, with this module's window modes plugged in (``gui``, the
default; ``screenshot``; ``--smoke-test``), so the command line never imports
the window. :func:`gui_main` starts the window: the application object, its
theme, one instance per data folder, the library. It takes the window's own
arguments (not the program name): ``[--data-dir DIR] [--corpus DIR] [FILE ...]``,
the files to import; with ``argv=None`` it reads ``sys.argv[1:]``, which is
what the ``corpus-reader-gui`` launcher passes.

Qt is imported only by the window modes: a headless command through
:func:`main` never loads it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader import APP_NAME, __version__
from reader.core.model import ReaderError
from reader.core.paths import AppPaths, resource

if TYPE_CHECKING:
    import argparse

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

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


def make_application(argv: Sequence[str] = (), theme_name: str | None = None) -> QApplication:
    """The one QApplication: named for QSettings, Fusion, a palette that follows the system.

    ``theme_name`` ("light" or "dark") fixes the palette instead (screenshots).
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

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
    global _fixed_theme
    _fixed_theme = theme_name
    apply_palette(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    icon = _app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    apply_palette(app)


# A palette chosen on the command line ("light", "dark"), or None: the system's.
_fixed_theme: str | None = None


def apply_palette(app: QApplication) -> None:
    """The palette for the system's colour scheme (or the one asked for), and the stylesheet."""
    from PySide6.QtCore import Qt

    from reader.ui import theme

    if _fixed_theme is not None:
        dark = _fixed_theme == "dark"
    else:
        dark = app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    app.setPalette(theme.dark_palette() if dark else theme.light_palette())
    qss = resource("style.qss")
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))


def _app_icon() -> QIcon:
    from PySide6.QtGui import QIcon

    icon = QIcon()
    folder = resource("icons")
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = folder / f"corpus-reader-{size}.png"
        if png.is_file():
            icon.addFile(str(png))
    return icon


def gui_main(argv: Sequence[str] | None = None) -> int:
    """Open the window (the ``corpus-reader-gui`` launcher; ``corpus-reader gui``)."""
    # The engine loads before PySide6 although a second start only hands its
    # files over: PySide6 reads the source of every module imported after it
    # (looking for its name, for its __feature__ switches), ~0.15 ms a module,
    # and the engine with the standard modules it needs is some 35 of them.
    import reader.core.library  # noqa: F401

    # isort: split
    from PySide6.QtCore import QTimer

    from reader.ui.single_instance import (
        STARTING_WAIT_MS,
        InstanceLock,
        InstanceServer,
        send_to_running_instance,
        server_name,
    )

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


# -- the ``corpus-reader`` command ---------------------------------------------------


def _gui_mode(args: argparse.Namespace) -> int:
    gui_argv = []
    if args.data_dir:
        gui_argv += ["--data-dir", str(args.data_dir)]
    if args.corpus:
        gui_argv += ["--corpus", str(args.corpus)]
    return gui_main(gui_argv)


def _parse_size(text: str | None) -> tuple[int, int]:
    if not text:
        return (1400, 900)
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise ReaderError(f"--size {text!r}: give it as WIDTHxHEIGHT, e.g. 1400x900") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise ReaderError(f"--size {text!r}: each side must be 200 to 8000 pixels")
    return (width, height)


def _screenshot_mode(args: argparse.Namespace) -> int:
    from reader.ui.screenshot import render_screenshot

    render_screenshot(
        Path(args.out),
        query=args.query,
        doc_id=args.doc,
        entity=args.entity,
        size=_parse_size(args.size),
        theme_name=args.theme,
        data_dir=args.data_dir,
        corpus_dir=args.corpus,
    )
    print(f"Wrote {args.out}")
    return 0


def _smoke_mode(args: argparse.Namespace) -> int:
    from reader.ui.smoke import run_smoke_test

    return run_smoke_test()


def main(argv: Sequence[str] | None = None) -> int:
    """The ``corpus-reader`` command: every headless command, and the window's modes."""
    from reader.cli import WindowModes
    from reader.cli import main as cli_main

    modes = WindowModes(gui=_gui_mode, screenshot=_screenshot_mode, smoke_test=_smoke_mode)
    return cli_main(argv, window=modes)


if __name__ == "__main__":
    sys.exit(main())
