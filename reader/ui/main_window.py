"""The main window: search box, article list, reading pane, and the docked panels.

The window reaches the engine only through the :class:`~reader.core.library.Library`
facade. Slow calls run through the one :class:`~reader.ui.tasks.TaskRunner`:
building the index and importing in a worker process (the window's library
then reads what the worker wrote), searching, reading the
timeline and finding an entity's articles on its single worker thread,
which keeps them in order. Opening an article is a fast call made directly.

The window builds every part itself and connects them in
:meth:`MainWindow._connect_parts`, signal to slot:

* the :class:`~reader.ui.entity_sidebar.EntitySidebar` (right) opens articles,
  marks the selected entity's mentions and narrows the article list;
* the :class:`~reader.ui.timeline_view.TimelineView` (bottom) opens the
  article of a meeting at its passage and narrows the list to the meeting's
  articles;
* the :class:`~reader.ui.annotation_tools.AnnotationTools` (a tab beside the
  entities) open annotated passages and report on their changes.

The article list has one filter at a time, named in its filter bar: the
selected entity's articles or the chosen meeting's, whichever came last.
The bar's ✕ clears it (and the entity, if the filter was the entity's); the
sidebar's "Show all articles" clears the entity and whatever filter is in
force.

Each panel is told when an article opens and when the corpus changes.
At start-up the window paints the list and the open article first: the
panels are told about the index and the open article only once the first
frame is drawn (their reads run on the worker thread, whose Python would
otherwise compete with the first paint for the interpreter), and the index
is checked for changes a moment later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.model import QueryError, ReaderError, SearchResult
from reader.ui.annotation_tools import AnnotationTools
from reader.ui.article_list import ArticleList
from reader.ui.article_model import HIT_PAGE, ArticleRow, browse_rows
from reader.ui.reading_pane import ReadingPane
from reader.ui.search_bar import SearchBar
from reader.ui.settings import UiSettings
from reader.ui.tasks import TaskRunner

# QFileDialog and QMessageBox are imported where they are used: creating
# their Python types is a few milliseconds of start-up that no first paint needs.

if TYPE_CHECKING:
    from reader.core.library import ImportResult, IngestReport, Library, MeetingEvent
    from reader.ui.entity_sidebar import EntitySidebar
    from reader.ui.timeline_view import TimelineView

log = logging.getLogger(__name__)

Span = tuple[int, int]

# Previous/next meeting, window-wide. Ctrl+[ and Ctrl+] are bound to no text
# navigation on any platform (Alt+Left/Right is Back/Forward in Windows and
# KDE, Alt+PgUp/PgDn moves by page in macOS text views, so the reading pane or
# the search box would take those first). On macOS they read Cmd+[ and Cmd+],
# the browsers' back and forward, which this window has no other use for.
PREVIOUS_MEETING_SHORTCUT = "Ctrl+["
NEXT_MEETING_SHORTCUT = "Ctrl+]"
SIDE_DOCK_WIDTH = 340
# With an index already there, the check for changed files waits this long
# after start-up, so the child process that does it does not compete with
# the first paint.
REFRESH_DELAY_MS = 1500
# The panels wait for the window's first frame at most this long.
FIRST_FRAME_WAIT_MS = 1000
# The room the timeline dock keeps while its panel is still to be made: the
# timeline's own minimum (timeline_view.STRIP_HEIGHT; a test checks they agree).
TIMELINE_HEIGHT = 112


class NoticeBar(QWidget):
    """A dismissible strip of one-line messages (for example files an import could not read)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self.setAccessibleName("Notices")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.setAccessibleName("Dismiss notices")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_lines(self, lines: Sequence[str]) -> None:
        self.label.setText("\n".join(lines))
        self.setVisible(bool(lines))

    def lines(self) -> list[str]:
        return self.label.text().splitlines() if not self.isHidden() else []


class MainWindow(QMainWindow):
    """Corpus Reader's window.

    Signals:
        index_ready(): the index is usable (found, or built in the background).
        index_updated(object): the :class:`~reader.core.library.IngestReport` of an
            index update or build that finished.
        corpus_changed(): the articles changed (an update that changed some, an
            import); the list and the panels have been told to reload.
        search_finished(str, int): a query and the number of matching articles.
        search_failed(str): the message shown for a query that failed.
        article_opened(str): the id of the article now in the reading pane.
        import_finished(object): the import's
            :class:`~reader.core.library.ImportResult` once an import is done.
    """

    index_ready = Signal()
    index_updated = Signal(object)
    corpus_changed = Signal()
    search_finished = Signal(str, int)
    search_failed = Signal(str)
    article_opened = Signal(str)
    import_finished = Signal(object)

    def __init__(
        self,
        library: Library,
        *,
        runner: TaskRunner | None = None,
        settings: UiSettings | None = None,
        defer_panels: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """``defer_panels``: make the entity sidebar and the timeline after the first frame.

        Start-up does (see :func:`reader.app.main`): the panels have nothing
        to show before the first frame (they read the index after it), and
        loading and drawing them would delay it by about 15 ms. Their docks
        exist from the start, holding the same room, so the saved layout is
        restored as usual.
        """
        super().__init__(parent)
        self.library = library
        self.runner = runner if runner is not None else TaskRunner(self)
        self.settings = settings if settings is not None else UiSettings()
        self._query = ""
        self._article_count = 0
        self._indexing = False
        self._index_ok = not library.needs_index()
        # Whose filter the article list shows: "entity", "meeting" or None.
        self._filter_source: str | None = None
        # An entity the reader has just selected: its articles, when found,
        # replace a meeting's filter (a refresh of the same entity does not).
        self._entity_filter_wanted = False
        # Work held back until the window's first frame is drawn (see event()).
        self._painted = False
        self._after_first_frame: list[Callable[[], None]] = []
        self._article_for_panels: str | None = None

        self.setWindowTitle(QCoreApplication.applicationName() or "Corpus Reader")
        self.setAcceptDrops(True)
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowNestedDocks
        )

        self.search_bar = SearchBar(self)
        self.search_bar.set_history(self.settings.search_history())
        self.search_bar.search_requested.connect(self.search)
        self.notices = NoticeBar(self)
        self.article_list = ArticleList(self)
        self.article_list.article_selected.connect(self.open_article)
        self.reading_pane = ReadingPane(self)
        self.reading_pane.set_zoom(self.settings.zoom(self.reading_pane.zoom()))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(self.article_list)
        self.splitter.addWidget(self.reading_pane)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([500, 900])

        top = QWidget(self)
        top.setObjectName("searchArea")
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(10, 8, 10, 8)
        top_layout.addWidget(self.search_bar)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.notices)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        # One undo stack for every change the researcher makes (Edit → Undo):
        # annotations and entity corrections alike.
        self.undo_stack = QUndoStack(self)
        self.annotation_tools = AnnotationTools(
            library, self.runner, self.reading_pane, self, undo_stack=self.undo_stack
        )
        # Made by _make_panels(), at once or after the first frame.
        self.entity_sidebar: EntitySidebar
        self.timeline: TimelineView
        self.entity_dock = self._make_dock(
            "Entities", "entityDock", None, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.annotations_dock = self._make_dock(
            "Annotations", "annotationsDock", None, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.annotation_tools.dock_panel_in(self.annotations_dock)
        self.timeline_dock = self._make_dock(
            "Timeline", "timelineDock", None, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self._panels_made = False
        self._index_announced = False  # index_ready was sent (perhaps before the panels)
        # Only background work waits for the first frame (see _first_frame_pending).
        if defer_panels and self.runner.runs_in_background():
            self.entity_dock.setWidget(QWidget(self.entity_dock))
            placeholder = QWidget(self.timeline_dock)
            placeholder.setMinimumHeight(TIMELINE_HEIGHT)
            self.timeline_dock.setWidget(placeholder)
        else:
            self._make_panels()
        # Annotations are a tab beside the entities, which stay in front: a
        # side panel, not a second reading pane.
        self.tabifyDockWidget(self.entity_dock, self.annotations_dock)
        self.entity_dock.raise_()
        self.resizeDocks([self.entity_dock], [SIDE_DOCK_WIDTH], Qt.Orientation.Horizontal)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.annotation_tools.toolbar)

        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("Corpus status")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label = QLabel(self)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setAccessibleName("Progress")
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(False)
        self.progress_label.hide()
        self.progress_bar.hide()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.statusBar().addPermanentWidget(self.progress_bar)
        self.statusBar().setSizeGripEnabled(False)

        self._make_actions()
        self._make_menus()
        self._connect_parts()
        self._restore_layout()

    def _connect_parts(self) -> None:
        """Wire the panels to the window and to each other (see the module docs)."""
        self.reading_pane.hit_changed.connect(self._on_hit_changed)

        self.article_list.filter_cleared.connect(self._on_filter_cleared)

        tools = self.annotation_tools
        tools.annotationActivated.connect(self.open_article_at)
        tools.controller.message.connect(self._show_message)
        tools.controller.failed.connect(self._show_failure)
        tools.export_action.triggered.connect(
            lambda: tools.export_annotations(self.current_query())
        )

        self.article_opened.connect(self._tell_panels_article)
        self.index_ready.connect(self._note_index_announced)
        self.index_ready.connect(tools.controller.reload)
        self.corpus_changed.connect(tools.controller.reload)

    def _make_panels(self) -> None:
        """Make the entity sidebar and the timeline, dock them and wire them (once)."""
        if self._panels_made:
            return
        self._panels_made = True
        from reader.ui.entity_sidebar import EntitySidebar
        from reader.ui.timeline_view import TimelineView

        self.entity_sidebar = EntitySidebar(
            self.library, self.runner, self, undo_stack=self.undo_stack
        )
        self.timeline = TimelineView(self.library, self.runner, self)
        for dock, panel in (
            (self.entity_dock, self.entity_sidebar),
            (self.timeline_dock, self.timeline),
        ):
            placeholder = dock.widget()
            dock.setWidget(panel)
            if placeholder is not None:
                placeholder.deleteLater()

        sidebar = self.entity_sidebar
        sidebar.articleActivated.connect(self.open_article_at)
        sidebar.mentions_changed.connect(self.mark_mentions)
        sidebar.entitySelected.connect(self._on_entity_selected)
        sidebar.filter_changed.connect(self._on_entity_filter)
        sidebar.corrected.connect(self._show_message)

        timeline = self.timeline
        timeline.meetingChosen.connect(self.filter_by_meeting)
        timeline.meetingActivated.connect(self.open_article_at)
        for reload in (sidebar.refresh, timeline.refresh):
            self.index_ready.connect(reload)
            self.corpus_changed.connect(reload)
        if self._index_announced:  # made late: they missed it
            sidebar.refresh()
            timeline.refresh()

    def _note_index_announced(self) -> None:
        self._index_announced = True

    # -- start ---------------------------------------------------------

    def start(self) -> None:
        """Fill the list, reopen the last article, and bring the index up to date.

        With an index already there the window is ready at once and the
        index is refreshed quietly in the background a moment later (only
        changed files are read again); on the first start the list fills
        when the index is built.
        """
        self._reload_summaries()
        self._reopen_last_article()
        if self._first_frame_pending():
            # A window the platform never exposes (minimised at start) still
            # fills its panels.
            QTimer.singleShot(FIRST_FRAME_WAIT_MS, self, self._first_frame_drawn)
        if self._index_ok:
            self._update_status()
            self._after_first_paint(self.index_ready.emit)
            QTimer.singleShot(REFRESH_DELAY_MS, self, self.update_index)
        else:
            self.update_index()

    def _first_frame_pending(self) -> bool:
        # Only background work competes with the first paint; a synchronous
        # runner (tests, screenshots) does it all in order, at once.
        return not self._painted and self.isVisible() and self.runner.runs_in_background()

    def after_first_frame(self, work: Callable[[], None]) -> None:
        """Do ``work`` once the window has drawn its first frame, for start-up work that can wait.

        At once if the frame is drawn already, or if the window is hidden or
        its tasks run in the foreground.
        """
        self._after_first_paint(work)

    def _after_first_paint(self, work: Callable[[], None]) -> None:
        """Do ``work`` once the window has drawn its first frame (at once if drawn or hidden)."""
        if self._first_frame_pending():
            self._after_first_frame.append(work)
        else:
            work()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            # The window paints first and its children next, in one pass
            # that a zero timer waits for. (A window is painted once the
            # platform has exposed it, some time after show().)
            QTimer.singleShot(0, self, self._first_frame_drawn)
        return super().event(event)

    def _first_frame_drawn(self) -> None:
        if self._painted:
            return
        self._painted = True
        self._make_panels()  # first: the held work below tells them about the index
        held, self._after_first_frame = self._after_first_frame, []
        for work in held:
            work()
        # The panels learn of the article last, so the sidebar reads its
        # entities once rather than again when told the index is ready.
        doc_id, self._article_for_panels = self._article_for_panels, None
        if doc_id is not None:
            self._tell_panels_article(doc_id)

    def _tell_panels_article(self, doc_id: str) -> None:
        """The sidebar and the timeline follow the open article (from the first frame on)."""
        if self._first_frame_pending():
            self._article_for_panels = doc_id
            return
        self._make_panels()
        self.entity_sidebar.show_article(doc_id)
        self.timeline.show_article(doc_id)

    def _reopen_last_article(self) -> None:
        if self.reading_pane.document is not None:
            return
        last = self.settings.last_article()
        if not (last and self.article_list.select(last)):
            self.article_list.select_first()

    def update_index(self) -> None:
        """Build or refresh the index in the background, with progress in the status bar."""
        if self._indexing:
            return
        self._indexing = True
        self._update_status()
        self._begin_progress(
            "Building the index…" if not self._index_ok else "Checking for changes…"
        )
        self.runner.run_job(
            "index",
            self.library,
            on_result=self._on_index_built,
            on_error=self._on_index_failed,
            on_progress=self._on_progress,
        )

    def _on_index_built(self, report: IngestReport) -> None:
        self._indexing = False
        first_build = not self._index_ok
        self._index_ok = True
        self._end_progress()
        changed = report.changed
        for message in report.messages:
            self.statusBar().showMessage(message, 10000)
        self._update_status()
        if first_build:
            # The list is read off the UI thread; the index is ready once it shows.
            library = self.library

            def ready(rows: list[ArticleRow]) -> None:
                self._show_rows(rows)
                self.index_ready.emit()

            self.runner.run(
                "list",
                lambda _progress: browse_rows(library.summaries()),
                on_result=ready,
                on_error=lambda error: log.error(
                    "the articles could not be listed", exc_info=error
                ),
            )
        elif changed:
            self._corpus_changed()
        self.index_updated.emit(report)

    def _on_index_failed(self, error: BaseException) -> None:
        self._indexing = False
        self._end_progress()
        log.error("index update failed: %s", _one_line(error))
        what = "built" if not self._index_ok else "updated"
        self.statusBar().showMessage(f"The index could not be {what}: {_one_line(error)}", 0)
        self._update_status()

    def _corpus_changed(self) -> None:
        """New or changed articles: the list reloads (read off the UI thread), the panels too."""
        library = self.library
        self.runner.run(
            "list",
            lambda _progress: browse_rows(library.summaries()),
            on_result=self._show_rows,
            on_error=lambda error: log.error("the articles could not be listed", exc_info=error),
        )
        self.corpus_changed.emit()

    def _reload_summaries(self) -> None:
        self._show_rows(browse_rows(self.library.summaries()))

    def _show_rows(self, rows: list[ArticleRow]) -> None:
        self._article_count = len(rows)
        self.article_list.set_corpus_rows(rows)
        if not self._query:
            self.article_list.show_rows(rows)
            self._reopen_last_article()
        self._update_status()

    # -- search --------------------------------------------------------

    def search(self, query: str) -> None:
        """Run ``query``; the first matching article opens with hit 1 in view."""
        query = query.strip()
        self.search_bar.clear_error()
        if not query:
            self._leave_search()
            return
        history = self.settings.remember_search(query)
        self.search_bar.set_history(history)
        if self._indexing:
            self.statusBar().showMessage("Searching once the index is built…", 0)
        self.runner.run(
            "search",
            lambda _progress: self.library.search(query, limit=HIT_PAGE, every_match=True),
            on_result=lambda result: self._on_search_result(query, result),
            on_error=lambda error: self._on_search_error(query, error),
        )

    def _on_search_result(self, query: str, result: SearchResult) -> None:
        self.statusBar().clearMessage()
        self._query = query
        if self.search_bar.text() != query:
            self.search_bar.set_text(query)
        library = self.library
        self.article_list.show_result(result, lambda ranked: library.hits(query, ranked))
        self._update_status()
        first = self.article_list.select_first()
        if not first:
            self.reading_pane.set_hits([])
        self.search_finished.emit(query, result.total)

    def _on_search_error(self, query: str, error: BaseException) -> None:
        self.statusBar().clearMessage()
        if isinstance(error, QueryError):
            message = str(error)
        else:
            log.error("search for %r failed", query, exc_info=error)
            message = f"The search could not be run: {_one_line(error)}"
        self.search_bar.show_error(message)
        self.search_failed.emit(message)

    def _leave_search(self) -> None:
        self._query = ""
        self.reading_pane.set_hits([])
        self._reload_summaries()

    def current_query(self) -> str:
        return self._query

    # -- reading -------------------------------------------------------

    def open_article(self, doc_id: str) -> None:
        """Show ``doc_id`` in the reading pane, with the current search's hits marked."""
        if not doc_id:
            return
        try:
            document = self.library.document(doc_id)
        except (ReaderError, KeyError, OSError) as error:
            self.statusBar().showMessage(f"Could not open {doc_id}: {_one_line(error)}", 8000)
            return
        self.reading_pane.show_document(document, self.article_list.matches_for(doc_id))
        self.settings.set_last_article(doc_id)
        if self.article_list.current_doc_id() != doc_id:
            self.article_list.select(doc_id, notify=False)
        self.article_opened.emit(doc_id)

    def open_article_at(self, doc_id: str, offset: int | None = None) -> None:
        """Open ``doc_id`` and scroll to body ``offset`` (used by the timeline and sidebar)."""
        shown = self.reading_pane.document
        # Selecting the row opens the article; one filtered out of the list opens directly.
        if (shown is None or shown.id != doc_id) and not self.article_list.select(doc_id):
            self.open_article(doc_id)
        if offset is not None and offset >= 0:
            self.reading_pane.scroll_to_span(offset)

    def mark_mentions(self, spans: Collection[Span]) -> None:
        self.reading_pane.set_entity_mentions(spans)
        if spans:
            self.reading_pane.scroll_to_span(min(s for s, _ in spans))

    def show_entity(self, name: str) -> bool:
        """Select an entity of the open article (key, name or alias) in the sidebar.

        Its mentions are marked and the list narrowed to its articles, as if
        it had been clicked. Returns False when the open article does not
        mention it.
        """
        if self.reading_pane.document is None:
            return False
        self._make_panels()
        return self.entity_sidebar.select_entity(name)

    def filter_articles(self, doc_ids: Collection[str] | None, label: str = "") -> None:
        """Restrict the list to these articles; ``None`` for all.

        ``label`` says in the filter bar what they are about.
        """
        self.article_list.set_allowed_ids(doc_ids, label)
        if doc_ids is None:
            self._filter_source = None

    def filter_by_meeting(self, event: MeetingEvent) -> None:
        """List only the articles about this meeting (in place of any other filter)."""
        self._entity_filter_wanted = False  # an entity lookup still on its way yields
        from reader.ui.timeline_view import meeting_label  # loaded with the timeline

        self.filter_articles(event.documents, meeting_label(event))
        self._filter_source = "meeting"

    def _on_entity_selected(self, key: str) -> None:
        self._entity_filter_wanted = bool(key)

    def _on_entity_filter(self, doc_ids: Collection[str] | None) -> None:
        """The sidebar's entity filter: its articles, or ``None`` once it is cleared."""
        if doc_ids is None:
            # "Show all articles" means all, whichever filter is in force.
            self.filter_articles(None)
            return
        if self._filter_source == "meeting" and not self._entity_filter_wanted:
            return  # the entity's articles read again; the meeting chosen since stays
        self._entity_filter_wanted = False
        self.filter_articles(doc_ids, self.entity_sidebar.selected_name())
        self._filter_source = "entity"

    def _on_filter_cleared(self) -> None:
        """The filter bar's ✕: an entity's filter goes with the entity."""
        source, self._filter_source = self._filter_source, None
        if source == "entity":
            self.entity_sidebar.clear_selection()

    # -- importing -----------------------------------------------------

    def choose_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", "", "Articles (*.html *.htm *.txt);;All files (*)"
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_import_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, "Import a folder of articles")
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: Sequence[Path]) -> None:
        """Copy files or folders into the corpus and index them, in the background."""
        paths = [Path(p) for p in paths]
        if not paths:
            return
        self.notices.show_lines([])
        self._begin_progress(f"Importing {_count(len(paths), 'item')}…")
        self.runner.run_job(
            "import",
            self.library,
            [str(p) for p in paths],
            on_result=self._on_imported,
            on_error=self._on_import_failed,
            on_progress=self._on_progress,
        )

    def _on_imported(self, report: ImportResult) -> None:
        self._end_progress()
        failures = report.failures
        summary = f"Imported {_count(len(report.imported), 'article')}"
        if failures:
            summary += f"; {_count(len(failures), 'file')} could not be read"
            self.notices.show_lines([_one_line(f) for f in failures])
        self.statusBar().showMessage(summary, 10000)
        if report.imported:
            self._corpus_changed()
        self.import_finished.emit(report)

    def _on_import_failed(self, error: BaseException) -> None:
        self._end_progress()
        log.error("import failed: %s", _one_line(error))
        message = f"The import failed: {_one_line(error)}"
        self.notices.show_lines([message])
        self.statusBar().showMessage(message, 10000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if _local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if _local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- panels ----------------------------------------------------------

    def _make_dock(
        self, title: str, name: str, widget: QWidget | None, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # the key under which saveState() remembers it
        dock.setAccessibleName(title)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        if widget is not None:
            dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def _show_failure(self, text: str) -> None:
        self.statusBar().showMessage(text, 0)

    # -- actions and menus -------------------------------------------------

    def _make_actions(self) -> None:
        key = QKeySequence.StandardKey

        def action(
            text: str,
            slot: Callable[[], object],
            shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str] = (),
            tip: str = "",
        ) -> QAction:
            act = QAction(text, self)
            keys: list[QKeySequence] = []
            for s in shortcuts:
                more = (
                    QKeySequence.keyBindings(s)
                    if isinstance(s, QKeySequence.StandardKey)
                    else [QKeySequence(s)]
                )
                # A key bound twice would make the shortcut ambiguous and dead.
                keys.extend(k for k in more if k not in keys)
            act.setShortcuts(keys)
            if tip:
                act.setStatusTip(tip)
            act.triggered.connect(slot)
            self.addAction(act)  # shortcuts work even with the menu bar hidden
            return act

        self.import_action = action(
            "&Import Files…", self.choose_import, [key.Open], "Add articles to the corpus"
        )
        self.import_folder_action = action(
            "Import &Folder…", self.choose_import_folder, ["Ctrl+Shift+O"]
        )
        self.update_index_action = action("&Update Index", self.update_index)
        self.quit_action = action("&Quit", self.close, [key.Quit, "Ctrl+Q"])
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = action("&Find…", self.search_bar.focus, [key.Find])
        self.find_next_action = action(
            "Next &Hit", self.reading_pane.next_hit, [key.FindNext, "F3"], "Go to the next hit"
        )
        self.find_previous_action = action(
            "Previous Hi&t",
            self.reading_pane.previous_hit,
            [key.FindPrevious, "Shift+F3"],
            "Go to the previous hit",
        )
        self.clear_search_action = action("&Clear Search", self._clear_search)
        self.zoom_in_action = action("Zoom &In", self._zoom_in, [key.ZoomIn, "Ctrl+="])
        self.zoom_out_action = action("Zoom &Out", self._zoom_out, [key.ZoomOut])
        self.zoom_reset_action = action("&Actual Size", self._zoom_reset, ["Ctrl+0"])
        self.show_removed_action = QAction("Show &Removed Text", self)
        self.show_removed_action.setCheckable(True)
        self.show_removed_action.setStatusTip("Show, greyed, what cleaning dropped and why")
        self.show_removed_action.toggled.connect(self.reading_pane.set_show_removed)
        self.previous_meeting_action = action(
            "&Previous Meeting",
            self._previous_meeting,
            [PREVIOUS_MEETING_SHORTCUT],
            "Open the meeting before the current one on the timeline",
        )
        self.next_meeting_action = action(
            "&Next Meeting",
            self._next_meeting,
            [NEXT_MEETING_SHORTCUT],
            "Open the meeting after the current one on the timeline",
        )
        self.about_action = action("&About Corpus Reader", self._about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        for act in (self.find_next_action, self.find_previous_action):
            act.setEnabled(False)
        # Shortcuts work with the menu bar hidden.
        self.addActions(self.annotation_tools.shortcut_actions())

    def _make_menus(self) -> None:
        bar = self.menuBar()
        tools = self.annotation_tools
        file_menu = bar.addMenu("&File")
        file_menu.addActions([self.import_action, self.import_folder_action])
        file_menu.addSeparator()
        file_menu.addAction(self.update_index_action)
        file_menu.addSeparator()
        file_menu.addAction(tools.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.file_menu = file_menu

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([tools.undo_action, tools.redo_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addActions([self.find_next_action, self.find_previous_action])
        edit_menu.addAction(self.clear_search_action)
        edit_menu.addSeparator()
        edit_menu.addAction(tools.annotate_action)
        self.edit_menu = edit_menu

        view_menu = bar.addMenu("&View")
        view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        view_menu.addSeparator()
        view_menu.addAction(self.show_removed_action)
        view_menu.addSeparator()
        view_menu.addActions([self.previous_meeting_action, self.next_meeting_action])
        view_menu.addSeparator()
        view_menu.addAction(self.entity_dock.toggleViewAction())
        view_menu.addAction(self.annotations_dock.toggleViewAction())
        view_menu.addAction(self.timeline_dock.toggleViewAction())
        self.view_menu = view_menu

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _previous_meeting(self) -> None:
        self._make_panels()
        self.timeline.previous_meeting()

    def _next_meeting(self) -> None:
        self._make_panels()
        self.timeline.next_meeting()

    def _clear_search(self) -> None:
        self.search_bar.set_text("")
        self.search("")

    def _zoom_in(self) -> None:
        self.reading_pane.zoom_in()
        self.settings.set_zoom(self.reading_pane.zoom())

    def _zoom_out(self) -> None:
        self.reading_pane.zoom_out()
        self.settings.set_zoom(self.reading_pane.zoom())

    def _zoom_reset(self) -> None:
        self.reading_pane.reset_zoom()
        self.settings.set_zoom(self.reading_pane.zoom())

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        app = QCoreApplication.instance()
        version = app.applicationVersion() if app is not None else ""
        QMessageBox.about(
            self,
            "About Corpus Reader",
            f"<h3>Corpus Reader {version}</h3>"
            "<p>Read, search, link and annotate a corpus of news reporting.</p>"
            "<p>Full-text search with Whoosh; the window is built with Qt for Python.</p>",
        )

    def _on_hit_changed(self, current: int, total: int) -> None:
        for act in (self.find_next_action, self.find_previous_action):
            act.setEnabled(total > 0)

    # -- status and progress -----------------------------------------------

    def _update_status(self) -> None:
        parts = [f"{self._article_count:,} {'article' if self._article_count == 1 else 'articles'}"]
        if self._indexing:
            parts.append("building the index")
        elif self._index_ok:
            parts.append("index ready")
        else:
            parts.append("no index")
        if self._query:
            parts.append(f"search: {self._query}")
        self.status_label.setText("  ·  ".join(parts))
        if self._indexing and not self._article_count:
            self.article_list.caption.setText("Reading the corpus for the first time…")

    def _begin_progress(self, message: str) -> None:
        self.progress_label.setText(message)
        self.progress_bar.setRange(0, 0)  # busy until the first report
        self.progress_label.show()
        self.progress_bar.show()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(done)
        if message:
            self.progress_label.setText(message)

    def _end_progress(self) -> None:
        self.progress_bar.hide()
        self.progress_label.hide()

    # -- remembering -------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = self.settings.geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 900)
        state = self.settings.window_state()
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.splitter_state()
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def save_layout(self) -> None:
        self.settings.set_geometry(self.saveGeometry())
        self.settings.set_window_state(self.saveState())
        self.settings.set_splitter_state(self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        # Let a running index build or import finish writing before the
        # library closes; the core keeps its files consistent either way.
        self.runner.wait_for_done(10_000)
        super().closeEvent(event)

    def raise_and_import(self, paths: Sequence[str]) -> None:
        """Bring the window forward (another instance was started) and import its files."""
        self.setWindowState(
            (self.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
        )
        self.show()
        self.raise_()
        self.activateWindow()
        if paths:
            QTimer.singleShot(0, lambda: self.import_paths([Path(p) for p in paths]))


def _local_paths(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def _one_line(error: object) -> str:
    text = str(error).strip() or type(error).__name__
    return " ".join(text.split())


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
