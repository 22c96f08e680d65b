"""Index updates and imports in a worker process, seen from the window; its failures."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from reader.core.library import ImportResult, IngestReport, Library
from reader.core.paths import bundled_corpus_dir
from reader.ui.tasks import TaskRunner


def test_the_index_is_built_by_a_child_process(
    qtbot: QtBot, fresh_library: Any, make_window: Any
) -> None:
    window = make_window(fresh_library, runner=TaskRunner(), start=False)
    with (
        qtbot.waitSignal(window.index_ready, timeout=120_000),
        qtbot.waitSignal(window.index_updated, timeout=120_000) as updated,
    ):
        window.start()
    report = updated.args[0]
    # Read back from the child's JSON into the core's own report type.
    assert isinstance(report, IngestReport) and report.added == 5 and report.changed
    assert window.article_list.proxy.rowCount() == 5
    assert "index ready" in window.status_label.text()
    assert fresh_library.summaries()  # the window's library sees what the child wrote


def test_an_import_runs_in_a_child_and_the_list_and_panels_reload(
    qtbot: QtBot, library: Any, make_window: Any, kuril_talks: Path
) -> None:
    window = make_window(library, runner=TaskRunner())
    with (
        qtbot.waitSignal(window.corpus_changed, timeout=120_000),
        qtbot.waitSignal(window.import_finished, timeout=120_000) as finished,
    ):
        window.import_paths([kuril_talks])
    assert isinstance(finished.args[0], ImportResult)
    assert finished.args[0].imported
    qtbot.waitUntil(lambda: window.article_list.proxy.rowCount() == 6, timeout=10_000)
    assert "kuril_talks" in window.article_list.visible_doc_ids()
    window.runner.wait_for_done(10_000)


def test_a_failing_child_leaves_one_line_and_a_working_window(
    qtbot: QtBot, make_window: Any, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(bundled_corpus_dir(), corpus)
    with Library.open(tmp_path / "home", corpus) as library:
        window = make_window(library, runner=TaskRunner(), start=False)
        shutil.rmtree(corpus)  # the child will not find it
        window.start()
        qtbot.waitUntil(lambda: not window._indexing, timeout=60_000)
        message = window.statusBar().currentMessage()
        assert message.startswith("The index could not be built: corpus folder not found")
        assert "\n" not in message
        assert not window.progress_bar.isVisible()
        window.search_bar.set_text("Lavrov")  # still answers
        assert "no index" in window.status_label.text()
