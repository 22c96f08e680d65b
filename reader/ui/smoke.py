"""``--smoke-test``: prove the window works on this machine, step by step.

Opens the window offscreen on the bundled corpus with an empty per-user
folder, builds the index, searches, opens the first hit, and checks a
highlight is on screen. Prints one line per step; exit status 0 only if
every step worked. Used by CI against the frozen app.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

SMOKE_QUERY = "Putin AND Abe"


def run_smoke_test(query: str = SMOKE_QUERY) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="corpus-reader-smoke-")
    state: dict[str, Any] = {}
    started = time.perf_counter()

    def step(name: str, action: Callable[[], str]) -> bool:
        t0 = time.perf_counter()
        try:
            detail = action()
        except Exception as error:
            print(f"FAIL {name}: {' '.join(str(error).split()) or type(error).__name__}")
            traceback.print_exc(file=sys.stderr)
            return False
        print(f"ok   {name}: {detail} ({(time.perf_counter() - t0) * 1000:.0f} ms)")
        return True

    def start_qt() -> str:
        from PySide6.QtCore import QSettings

        from reader.app import make_application
        from reader.ui.screenshot import quiet_offscreen_warnings

        state["app"] = make_application()
        if state["app"].platformName() == "offscreen":
            quiet_offscreen_warnings()
        state["settings"] = QSettings(str(Path(home) / "settings.ini"), QSettings.Format.IniFormat)
        return state["app"].platformName()

    def open_library() -> str:
        from reader.core.library import Library

        state["library"] = library = Library.open(Path(home) / "home")
        return f"data in {library.paths.data.parent}"

    def open_window() -> str:
        from reader.ui.main_window import MainWindow
        from reader.ui.settings import UiSettings
        from reader.ui.tasks import SyncTaskRunner

        state["runner"] = runner = SyncTaskRunner()
        window = MainWindow(state["library"], runner=runner, settings=UiSettings(state["settings"]))
        window.resize(1200, 800)
        window.show()
        window.start()
        state["window"] = window
        state["app"].processEvents()
        return "window shown"

    def build_index() -> str:
        window = state["window"]
        if state["library"].needs_index():
            raise RuntimeError("the index was not built")
        return window.status_label.text()

    def search() -> str:
        window = state["window"]
        window.search(query)
        if window.search_bar.error():
            raise RuntimeError(window.search_bar.error())
        count = window.article_list.proxy.rowCount()
        if count == 0:
            raise RuntimeError(f"no article matches {query!r}")
        return f"{count} articles match {query!r}"

    def open_first_hit() -> str:
        window = state["window"]
        shown = window.reading_pane.document
        if shown is None or shown.id != window.article_list.visible_doc_ids()[0]:
            raise RuntimeError("the first hit did not open")
        return shown.id

    def check_highlight() -> str:
        pane = state["window"].reading_pane
        marks = pane.extra_selection_texts()
        if not marks or not pane.hits():
            raise RuntimeError("no hit is highlighted")
        if pane.hit_label.text() != f"hit 1 of {pane.hit_count()}":
            raise RuntimeError(f"hit counter says {pane.hit_label.text()!r}")
        return f"{pane.hit_label.text()}, first mark {marks[0]!r}"

    steps = [
        ("start Qt", start_qt),
        ("open the library", open_library),
        ("open the window and build the index", open_window),
        ("index ready", build_index),
        ("search", search),
        ("open the first hit", open_first_hit),
        ("highlight shown", check_highlight),
    ]
    ok = all(step(name, action) for name, action in steps)
    window = state.get("window")
    if window is not None:
        window.close()
    library = state.get("library")
    if library is not None:
        library.close()
    shutil.rmtree(home, ignore_errors=True)
    total = (time.perf_counter() - started) * 1000
    print(f"{'PASS' if ok else 'FAIL'} smoke test in {total:.0f} ms")
    return 0 if ok else 1
