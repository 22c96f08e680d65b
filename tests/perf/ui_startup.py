"""Child process for the start-up figure of ``bench_ui.py``: one start, then exit.

Run as ``python tests/perf/ui_startup.py ours|bare [--profile FILE]``. It
imports nothing but the standard library before the clock it reports, so
both variants pay the same interpreter start:

* ``ours`` runs the real launcher, :func:`reader.app.main` (the
  ``corpus-reader-gui`` entry point), on the library named by
  ``CORPUS_READER_HOME``. ``MainWindow.start`` — which ``main`` schedules
  right after ``show()`` and which fills the article list and opens the
  first article — is wrapped so that the first event processed after it
  marks the window ready.
* ``bare`` shows a plain ``QMainWindow`` with the same three panes: a
  ``QTableView`` of five rows and a ``QTextBrowser`` in a splitter, a
  ``QTreeView`` in a dock, at the same 1400×900, and marks ready on the
  first event processed after ``show()``.

At "ready" both repaint the whole window synchronously (so the first frame
is certainly drawn), print one JSON line of wall-clock marks
(``time.time()``, comparable with the parent's clock) and leave at once
with ``os._exit`` — tear-down is not part of the figure.
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
    MARKS["first_event"] = time.time()
    window.repaint()
    MARKS["ready"] = time.time()
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile_path)
    print(json.dumps(MARKS), flush=True)
    os._exit(0)


def run_ours(profile_path: str = "") -> None:
    profiler = None
    if profile_path:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    from PySide6.QtCore import QTimer

    from reader import app
    from reader.ui import main_window

    MARKS["imported"] = time.time()
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
        QTimer.singleShot(0, lambda: _finish(self, profiler, profile_path))

    main_window.MainWindow.show = show  # type: ignore[method-assign]
    main_window.MainWindow.start = start  # type: ignore[method-assign]
    app.main([])
    raise SystemExit("the window closed before it was ready")


def run_bare(profile_path: str = "") -> None:
    profiler = None
    if profile_path:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    from PySide6.QtCore import Qt, QTimer
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
    window.show()
    MARKS["shown"] = time.time()
    MARKS["rows"] = rows.rowCount()
    QTimer.singleShot(0, lambda: _finish(window, profiler, profile_path))
    app.exec()
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
