"""Child process for the start-up figure of ``bench_ui.py``: one start, then exit.

Run as ``python tests/perf/ui_startup.py ours|bare [--profile FILE]``. It
imports nothing but the standard library before the clock it reports, so
both variants pay the same interpreter start:

* ``ours`` runs the real launcher, :func:`reader.app.gui_main` (the
  ``corpus-reader-gui`` entry point), on the library named by
  ``CORPUS_READER_HOME``. ``MainWindow.start`` — which ``main`` schedules
  right after ``show()`` and which fills the article list and opens the
  first article — is wrapped so that the first frame painted after it
  marks the window ready.
* ``bare`` shows a plain ``QMainWindow`` with the same three panes: a
  ``QTableView`` of five rows and a ``QTextBrowser`` in a splitter, a
  ``QTreeView`` in a dock, at the same 1400×900, and marks ready after its
  first frame is painted.

Both count the same thing: "ready" is the first event processed after the
window's first frame (a ``Paint`` of the top-level window, which Qt sends
once the platform has exposed it, and then the children's paints in the
same pass). A window is not exposed the moment ``show()`` returns, so
repainting it then draws nothing: waiting for its paint is what makes the
figure include drawing the window for both. At "ready" the child prints
one JSON line of wall-clock marks (``time.time()``, comparable with the
parent's clock) and leaves at once with ``os._exit`` — tear-down is not
part of the figure.
"""

from __future__ import annotations

import time

T_MODULE = time.time()

import json  # noqa: E402 - the clock above comes first on purpose
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

MARKS: dict[str, Any] = {"module": T_MODULE}


def _finish(window: Any, profiler: Any = None, profile_path: str = "") -> None:
    MARKS["ready"] = time.time()
    MARKS["painted"] = window.windowHandle().isExposed()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_path)
    print(json.dumps(MARKS), flush=True)
    os._exit(0)


def _finish_after_first_frame(window: Any, profiler: Any = None, profile_path: str = "") -> Any:
    """Watch ``window`` and finish on the first event after its next frame is painted.

    Returns the watcher, which the caller keeps alive.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstFrame(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "frame" not in MARKS:
                # The top-level window paints first, its children next in
                # the same pass; a zero timer runs once the pass is over.
                MARKS["frame"] = time.time()
                QTimer.singleShot(0, lambda: _finish(window, profiler, profile_path))
            return False

    watcher = FirstFrame()
    window.installEventFilter(watcher)
    return watcher


def run_ours(profile_path: str = "") -> None:
    profiler = None
    if profile_path:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()

    from reader import app
    from reader.ui import main_window

    MARKS["imported"] = time.time()
    watchers: list[Any] = []
    original_start = main_window.MainWindow.start
    original_show = main_window.MainWindow.show

    def show(self: main_window.MainWindow) -> None:
        MARKS["window_built"] = time.time()
        original_show(self)
        MARKS["shown"] = time.time()

    def start(self: main_window.MainWindow) -> None:
        MARKS["start_called"] = time.time()
        original_start(self)
        MARKS["populated"] = time.time()
        MARKS["rows"] = self.article_list.proxy.rowCount()
        MARKS["article"] = self.reading_pane.document.id if self.reading_pane.document else ""
        watchers.append(_finish_after_first_frame(self, profiler, profile_path))

    main_window.MainWindow.show = show  # type: ignore[method-assign]
    main_window.MainWindow.start = start  # type: ignore[method-assign]
    app.gui_main([])
    raise SystemExit("the window closed before it was ready")


def run_bare(profile_path: str = "") -> None:
    profiler = None
    if profile_path:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QApplication,
        QDockWidget,
        QMainWindow,
        QSplitter,
        QTableView,
        QTextBrowser,
        QTreeView,
    )

    MARKS["imported"] = time.time()
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    rows = QStandardItemModel(0, 3, window)
    rows.setHorizontalHeaderLabels(["Title", "Publisher", "Date"])
    for n in range(5):
        rows.appendRow(
            [QStandardItem(f"Article {n}"), QStandardItem("Publisher"), QStandardItem("2019-06-29")]
        )
    table = QTableView()
    table.setModel(rows)
    text = QTextBrowser()
    text.setPlainText("\n\n".join(f"Paragraph {n} of the article. " * 12 for n in range(15)))
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(table)
    splitter.addWidget(text)
    window.setCentralWidget(splitter)
    tree_model = QStandardItemModel(window)
    for group in ("Person", "Place", "Organization"):
        item = QStandardItem(group)
        for n in range(3):
            item.appendRow(QStandardItem(f"{group} {n}"))
        tree_model.appendRow(item)
    tree = QTreeView()
    tree.setModel(tree_model)
    tree.expandAll()
    dock = QDockWidget("Entities", window)
    dock.setWidget(tree)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(1400, 900)
    MARKS["window_built"] = time.time()
    watcher = _finish_after_first_frame(window, profiler, profile_path)
    window.show()
    MARKS["shown"] = time.time()
    MARKS["rows"] = rows.rowCount()
    app.exec()
    del watcher
    raise SystemExit("the window closed before it was ready")


def main() -> None:
    variant = sys.argv[1] if len(sys.argv) > 1 else ""
    profile_path = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--profile" else ""
    if variant == "ours":
        run_ours(profile_path)
    elif variant == "bare":
        run_bare(profile_path)
    else:
        raise SystemExit("usage: ui_startup.py ours|bare [--profile FILE]")


if __name__ == "__main__":
    main()
