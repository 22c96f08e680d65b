"""Index orchestration: building and refreshing the index, and importing, in the background.

Both are long writes done by the core's worker process (see
:meth:`reader.ui.tasks.TaskRunner.run_job`); the window's library then reads
what the worker wrote. This controller starts them, shows their progress in
the window's :class:`~reader.ui.status_area.StatusArea`, and says when the
index is ready and when the corpus changed, so the list and the panels
reload.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reader.ui.article_model import ArticleRow, browse_rows
from reader.ui.status_area import IndexState

if TYPE_CHECKING:
    from reader.core.library import ImportResult, IngestReport
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class IndexController(QObject):
    """Starts index updates and imports for one window and reports how they went.

    Signals:
        index_ready(): the index is usable (found, or built in the background).
        index_updated(object): the :class:`~reader.core.library.IngestReport` of an
            index update or build that finished.
        corpus_changed(): the articles changed (an update that changed some, an
            import); the list has been told to reload.
        import_finished(object): the :class:`~reader.core.library.ImportResult`
            once an import is done.
        analysis_progressed(): more articles have their entities (the analysis
            that follows indexing, in its own worker process).
        analysis_finished(object): that analysis is done; its
            :class:`~reader.core.library.AnalysisReport`.
    """

    index_ready = Signal()
    index_updated = Signal(object)
    corpus_changed = Signal()
    import_finished = Signal(object)
    analysis_progressed = Signal()
    analysis_finished = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.indexing = False
        self.analysing = False
        self.index_ok = not window.library.needs_index()

    def state(self) -> IndexState:
        if self.indexing:
            return IndexState.UPDATING if self.index_ok else IndexState.BUILDING
        return IndexState.READY if self.index_ok else IndexState.MISSING

    def _show_state(self) -> None:
        self._window.status.set_index_state(self.state())

    # -- the index -----------------------------------------------------------

    def update_index(self) -> None:
        """Build or refresh the index in the background, with progress in the status bar."""
        if self.indexing:
            return
        self.indexing = True
        self._show_state()
        if not self.index_ok:
            self._window.article_list.caption.setText("Reading the corpus for the first time…")
        window = self._window
        window.status.begin_progress(
            "Building the index…" if not self.index_ok else "Checking for changes…"
        )
        window.runner.run_job(
            "index",
            window.library,
            on_result=self._on_index_built,
            on_error=self._on_index_failed,
            # Looked up when called, so a benchmark can watch the window's progress.
            on_progress=lambda done, total, message: window._on_progress(done, total, message),
        )

    def _on_index_built(self, report: IngestReport) -> None:
        self.indexing = False
        first_build = not self.index_ok
        self.index_ok = True
        window = self._window
        window.status.end_progress()
        for message in report.messages:
            window.status.message(message)
        self._show_state()
        if first_build:
            # The list is read off the UI thread; the index is ready once it shows.
            def ready(rows: list[ArticleRow]) -> None:
                window._show_rows(rows)
                self.index_ready.emit()

            self._read_rows(ready)
        elif report.changed:
            self.reload_corpus()
        self.index_updated.emit(report)
        self.analyse_pending()

    def _on_index_failed(self, error: BaseException) -> None:
        self.indexing = False
        self._window.status.end_progress()
        log.error("index update failed: %s", one_line(error))
        what = "built" if not self.index_ok else "updated"
        self._window.status.message(f"The index could not be {what}: {one_line(error)}", 0)
        self._show_state()

    def reload_corpus(self) -> None:
        """New or changed articles: the list reloads (read off the UI thread), the panels too."""
        self._read_rows(self._window._show_rows)
        self.corpus_changed.emit()

    def _read_rows(self, then: object) -> None:
        library = self._window.library
        self._window.runner.run(
            "list",
            lambda _progress: browse_rows(library.summaries()),
            on_result=then,  # type: ignore[arg-type]
            on_error=lambda error: log.error("the articles could not be listed", exc_info=error),
        )

    # -- importing -----------------------------------------------------------

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Copy files or folders into the corpus and index them, in the background."""
        paths = [Path(p) for p in paths]
        if not paths:
            return
        window = self._window
        window.notices.show_lines([])
        window.status.begin_progress(f"Importing {count(len(paths), 'item')}…")
        if self.index_ok:
            window.status.set_index_state(IndexState.UPDATING)
        window.runner.run_job(
            "import",
            window.library,
            [str(p) for p in paths],
            on_result=self._on_imported,
            on_error=self._on_import_failed,
            on_progress=lambda done, total, message: window._on_progress(done, total, message),
        )

    def _on_imported(self, report: ImportResult) -> None:
        window = self._window
        window.status.end_progress()
        if report.ingest is not None:
            self.index_ok = True
        self._show_state()
        failures = report.failures
        summary = f"Imported {count(len(report.imported), 'article')}"
        if failures:
            summary += f"; {count(len(failures), 'file')} could not be read"
            window.notices.show_lines([one_line(f) for f in failures])
        window.status.message(summary)
        if report.imported:
            self.reload_corpus()
        self.import_finished.emit(report)
        self.analyse_pending()

    def _on_import_failed(self, error: BaseException) -> None:
        window = self._window
        window.status.end_progress()
        self._show_state()
        log.error("import failed: %s", one_line(error))
        message = f"The import failed: {one_line(error)}"
        window.notices.show_lines([message])
        window.status.message(message)

    # -- entities, after indexing ---------------------------------------------

    def analyse_pending(self) -> None:
        """Find the entities of the articles still pending, in a worker process of its own.

        Indexing leaves them pending so the corpus is searchable at once; this
        runs after every index update and import. The worker commits each
        article as it goes, so closing the window (which stops it) loses only
        the article in progress; the next start resumes.
        """
        if self.analysing:
            return
        self.analysing = True
        window = self._window
        window.runner.run_job(
            "analyse",
            window.library,
            on_result=self._on_analysed,
            on_error=self._on_analysis_failed,
            on_progress=self._on_analysis_progress,
        )

    def _on_analysis_progress(self, done: int, total: int, _message: str) -> None:
        if total and not self.indexing:
            self._window.status.message(f"Finding entities: {done:,} of {total:,} articles", 0)
        self.analysis_progressed.emit()

    def _on_analysed(self, report: object) -> None:
        self.analysing = False
        if not self.indexing:
            self._window.status.message(str(getattr(report, "summary", lambda: "")()))
        self.analysis_progressed.emit()
        self.analysis_finished.emit(report)

    def _on_analysis_failed(self, error: BaseException) -> None:
        self.analysing = False
        log.error("entity analysis failed: %s", one_line(error))
        self._window.status.message(f"Entities could not be found: {one_line(error)}")


def one_line(error: object) -> str:
    text = str(error).strip() or type(error).__name__
    return " ".join(text.split())


def count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
