"""The main window: search box, article list, reading pane, and the docked panels.

The window reaches the engine only through the :class:`~reader.core.library.Library`
facade. Slow calls run through the one :class:`~reader.ui.tasks.TaskRunner`:
building the index and importing in a worker process (the window's library
then reads what the worker wrote), searching, reading the
timeline and finding an entity's articles on its single worker thread,
which keeps them in order. Opening an article is a fast call made directly.

This module wires the parts together; each concern lives in a controller
named for it:

* :mod:`reader.ui.window_layout` — the central area, the docks, the
  remembered geometry;
* :mod:`reader.ui.first_frame` — start-up sequencing: what waits for the
  first frame;
* :mod:`reader.ui.article_filter` — the article list's one filter (an
  entity's or a meeting's, whichever came last);
* :mod:`reader.ui.index_controller` — building and refreshing the index,
  importing;
* :mod:`reader.ui.status_area` — the status bar and progress;
* :mod:`reader.ui.window_menus` — the menus, actions and shortcuts.

The window connects the panels in :meth:`MainWindow._connect_parts`, signal to slot:

* the :class:`~reader.ui.entity_sidebar.EntitySidebar` (right) opens articles,
  marks the selected entity's mentions and narrows the article list;
* the :class:`~reader.ui.timeline_view.TimelineView` (bottom) opens the
  article of a meeting at its passage and narrows the list to the meeting's
  articles;
* the :class:`~reader.ui.annotation_tools.AnnotationTools` (a tab beside the
  entities) open annotated passages and report on their changes.

Each panel is told when an article opens and when the corpus changes.
At start-up the window paints the list and the open article first: the
panels are told about the index and the open article only once the first
frame is drawn, and the index is checked for changes a moment later.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QUndoStack,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QProgressBar, QWidget

from reader.core.model import QueryError, ReaderError, SearchResult
from reader.ui.annotation_notice import AnnotationNotice
from reader.ui.annotation_tools import AnnotationTools
from reader.ui.article_filter import ENTITY, ArticleFilter
from reader.ui.article_list import ArticleList
from reader.ui.article_model import HIT_PAGE, ArticleRow, browse_rows
from reader.ui.first_frame import FirstFrameGate
from reader.ui.index_controller import IndexController, one_line
from reader.ui.reading_pane import ReadingPane
from reader.ui.search_bar import SearchBar
from reader.ui.settings import UiSettings
from reader.ui.status_area import StatusArea
from reader.ui.tasks import TaskRunner
from reader.ui.window_layout import (
    SIDE_DOCK_WIDTH,
    TIMELINE_HEIGHT,
    LayoutMemory,
    NoticeBar,
    ReadingRoom,
    build_central_area,
    make_dock,
)
from reader.ui.window_menus import install_actions, install_menus

# QFileDialog and QMessageBox are imported where they are used: creating
# their Python types is a few milliseconds of start-up that no first paint needs.

if TYPE_CHECKING:
    from reader.core.library import AnnotationChanges, Library, MeetingEvent, RemoveResult
    from reader.ui.entity_sidebar import EntitySidebar
    from reader.ui.timeline_view import TimelineView

__all__ = ["TIMELINE_HEIGHT", "MainWindow", "NoticeBar"]

log = logging.getLogger(__name__)

Span = tuple[int, int]

# With an index already there, the check for changed files waits this long
# after start-up, so the worker process that does it does not compete with
# the first paint.
REFRESH_DELAY_MS = 1500

_one_line = one_line


class MainWindow(QMainWindow):
    """Corpus Reader's window.

    Signals:
        index_ready(), index_updated(object), corpus_changed(), import_finished(object),
            analysis_finished(object): relayed from the window's
            :class:`~reader.ui.index_controller.IndexController`, as its docs say
            (by ``corpus_changed`` the panels too have been told to reload).
        search_finished(str, int): a query and the number of matching articles.
        search_failed(str): the message shown for a query that failed.
        article_opened(str): the id of the article now in the reading pane.
    """

    index_ready = Signal()
    index_updated = Signal(object)
    corpus_changed = Signal()
    search_finished = Signal(str, int)
    search_failed = Signal(str)
    article_opened = Signal(str)
    import_finished = Signal(object)
    analysis_finished = Signal(object)

    # Made by reader.ui.window_menus.install_actions / install_menus.
    import_action: QAction
    import_folder_action: QAction
    update_index_action: QAction
    quit_action: QAction
    find_action: QAction
    find_next_action: QAction
    find_previous_action: QAction
    clear_search_action: QAction
    zoom_in_action: QAction
    zoom_out_action: QAction
    zoom_reset_action: QAction
    show_removed_action: QAction
    previous_meeting_action: QAction
    next_meeting_action: QAction
    about_action: QAction
    file_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu

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

        Start-up does (see :func:`reader.app.gui_main`): the panels have nothing
        to show before the first frame (they read the index after it), and
        loading and drawing them would delay it by about 15 ms. Their docks
        exist from the start, holding the same room, so the saved layout is
        restored as usual.
        """
        super().__init__(parent)
        self.library = library
        self.runner = runner if runner is not None else TaskRunner(self)
        # The settings live in the library's config folder, so --data-dir
        # (or CORPUS_READER_HOME) holds them with the rest.
        self.settings = (
            settings if settings is not None else UiSettings.in_folder(library.paths.config)
        )
        self._query = ""
        self._article_for_panels: str | None = None
        self.first_frame = FirstFrameGate(self, self.runner.runs_in_background)
        self.index = IndexController(self)

        self.setWindowTitle("Corpus Reader")
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
        self.article_filter = ArticleFilter(self.article_list)
        self.reading_pane = ReadingPane(self)
        self.reading_pane.set_zoom(self.settings.zoom(self.reading_pane.zoom()))
        self.splitter = build_central_area(
            self, self.search_bar, self.notices, self.article_list, self.reading_pane
        )

        # One undo stack for every change the researcher makes (Edit → Undo):
        # annotations and entity corrections alike.
        self.undo_stack = QUndoStack(self)
        self.annotation_tools = AnnotationTools(
            library, self.runner, self.reading_pane, self, undo_stack=self.undo_stack
        )
        # Made by _make_panels(), at once or after the first frame.
        self.entity_sidebar: EntitySidebar
        self.timeline: TimelineView
        right = Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.entity_dock = make_dock(self, "Entities", "entityDock", right)
        self.annotations_dock = make_dock(self, "Annotations", "annotationsDock", right)
        self.annotation_tools.dock_panel_in(self.annotations_dock)
        self.timeline_dock = make_dock(self, "Timeline", "timelineDock", bottom)
        self._panels_made = False
        self._index_announced = False  # index_ready was sent (perhaps before the panels)
        # Only background work waits for the first frame (see FirstFrameGate.pending).
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

        self.status = StatusArea(self.statusBar(), self)
        self.status.set_index_state(self.index.state())
        # Annotations an update orphaned, restored or re-worded are named, never dropped.
        self.annotation_notice = AnnotationNotice(
            self.notices, self.status, self.annotation_tools, self.annotations_dock, self
        )

        install_actions(self)
        install_menus(self)
        self._connect_parts()
        self.layout_memory = LayoutMemory(self, self.splitter, self.settings)
        restored = self.layout_memory.restore()
        # A layout the researcher left is shown as it was; a first start at a
        # small size, or any resize later, gives the reader the room first.
        self.reading_room = ReadingRoom(
            self,
            self.splitter,
            self.reading_pane,
            [self.entity_dock, self.annotations_dock],
            fit_when_shown=not restored,
        )

    # The status bar's parts, by the names the tests and benchmarks know.

    @property
    def status_label(self) -> QLabel:
        return self.status.label

    @property
    def progress_label(self) -> QLabel:
        return self.status.progress_label

    @property
    def progress_bar(self) -> QProgressBar:
        return self.status.progress_bar

    @property
    def _indexing(self) -> bool:
        return self.index.indexing

    def _connect_parts(self) -> None:
        """Wire the panels to the window and to each other (see the module docs)."""
        index = self.index
        index.index_ready.connect(self.index_ready)
        index.index_updated.connect(self.index_updated)
        index.corpus_changed.connect(self.corpus_changed)
        index.import_finished.connect(self.import_finished)
        index.index_updated.connect(lambda report: self._on_annotation_changes(report.annotations))
        index.import_finished.connect(
            lambda result: self._on_annotation_changes(
                result.ingest.annotations if result.ingest else None
            )
        )
        index.analysis_finished.connect(self.analysis_finished)
        index.analysis_progressed.connect(self._on_analysis_progressed)
        # First the panels, then the work held for them (the index news),
        # then the open article, so the sidebar reads its entities once.
        self.first_frame.opened.connect(self._make_panels)
        self.first_frame.released.connect(self._tell_panels_held_article)

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
        sidebar.entitySelected.connect(timeline.narrow_to)  # a person: their meetings only
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
        self._watch_outside_changes()
        self.first_frame.start_waiting()
        if self.index.index_ok:
            self.status.update()
            self.first_frame.later(self.index_ready.emit)
            QTimer.singleShot(REFRESH_DELAY_MS, self, self.update_index)
        else:
            self.update_index()

    def _watch_outside_changes(self) -> None:
        """Follow imports and removals made by another process (the CLI, a second window)."""
        from reader.ui.library_watch import LibraryWatcher

        self.library_watcher = LibraryWatcher(self.library, self)
        self.library_watcher.changed.connect(self._on_outside_change)
        self.article_list.remove_requested.connect(self.remove_articles)
        self.library_watcher.start()

    def remove_articles(self, doc_ids: list[str], *, confirm: bool = True) -> None:
        """Take imported articles out of the library, after asking; their annotations stay."""
        if not doc_ids:
            return
        if confirm:
            from PySide6.QtWidgets import QMessageBox

            names = ", ".join(doc_ids[:3]) + ("…" if len(doc_ids) > 3 else "")
            answer = QMessageBox.question(
                self,
                "Remove Article",
                f"Remove {names} from the library? Its annotations are kept and come back "
                "if it is imported again.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        library = self.library

        def done(result: RemoveResult) -> None:
            for line in result.refused:
                self.status.message(line, 8000)
            if result.ingest is not None:
                self._on_annotation_changes(result.ingest.annotations)
            if result.removed:
                if self.reading_pane.document is not None and (
                    self.reading_pane.document.id in result.removed
                ):
                    self.reading_pane.clear()
                self.index.reload_corpus()
                if self._query:
                    self._refresh_search()
            self.library_watcher.forget()

        self.runner.run(
            "remove",
            lambda progress: library.remove(doc_ids, progress),
            on_result=done,
            on_error=lambda error: self.status.message(f"Could not remove: {_one_line(error)}", 0),
        )

    def _on_annotation_changes(self, changes: AnnotationChanges | None) -> None:
        """An update moved annotations: say which, and show the open article's new text."""
        self.annotation_notice.tell(changes)
        shown = self.reading_pane.document
        if not changes or shown is None or shown.id not in changes.doc_ids():
            return
        # Its text changed under its annotations: the pane shows the text they
        # were matched to, not the one the notice says they lost.
        try:
            document = self.library.document(shown.id)
        except (ReaderError, KeyError, OSError):
            self.reading_pane.clear()  # it left the corpus
            return
        if document.paragraphs != shown.paragraphs:
            self.open_article(shown.id)

    def _on_outside_change(self) -> None:
        if self.index.indexing:
            return  # this window's own update; it reloads when done
        self.index.reload_corpus()
        if self._query:
            self._refresh_search()

    def _refresh_search(self) -> None:
        """Run the current search again, keeping the open article if it still matches."""
        query, current = self._query, self.article_list.current_doc_id()
        library = self.library

        def show(result: SearchResult) -> None:
            if self._query != query:
                return  # the reader moved on meanwhile
            self.article_list.show_result(result, lambda ranked: library.hits(query, ranked))
            if not (current and self.article_list.select(current, notify=False)):
                self.article_list.select_first()
            self.status.update()

        self.runner.run(
            "search",
            lambda _progress: library.search(query, limit=HIT_PAGE, every_match=True),
            on_result=show,
            on_error=lambda error: log.error("search %r could not be refreshed: %s", query, error),
        )

    def after_first_frame(self, work: Callable[[], object]) -> None:
        """Do ``work`` once the window has drawn its first frame, for start-up work that can wait.

        At once if the frame is drawn already, or if the window is hidden or
        its tasks run in the foreground.
        """
        self.first_frame.later(work)

    def _tell_panels_held_article(self) -> None:
        doc_id, self._article_for_panels = self._article_for_panels, None
        if doc_id is not None:
            self._tell_panels_article(doc_id)

    def _tell_panels_article(self, doc_id: str) -> None:
        """The sidebar and the timeline follow the open article (from the first frame on)."""
        if self.first_frame.pending():
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
        self.index.update_index()

    def _reload_summaries(self) -> None:
        self._show_rows(browse_rows(self.library.summaries()))

    def _show_rows(self, rows: list[ArticleRow]) -> None:
        self.status.article_count = len(rows)
        self.article_list.set_corpus_rows(rows)
        if not self._query:
            self.article_list.show_rows(rows)
            self._reopen_last_article()
        self.status.update()

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
        if self.index.indexing and not self.index.index_ok:
            self.status.message("Searching once the index is built…", 0)
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
        self.status.query = query
        self.status.update()
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
        self.article_list.set_stale(message)
        self.search_failed.emit(message)

    def _leave_search(self) -> None:
        self._query = ""
        self.status.query = ""
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
        self.reading_pane.show_document(
            document,
            self.article_list.matches_for(doc_id),
            self.article_list.header_matches_for(doc_id),
        )
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

    # -- the article list's filter ------------------------------------------

    def filter_articles(self, doc_ids: Collection[str] | None, label: str = "") -> None:
        """Restrict the list to these articles; ``None`` for all.

        ``label`` says in the filter bar what they are about.
        """
        self.article_filter.show(doc_ids, label)

    def filter_by_meeting(self, event: MeetingEvent) -> None:
        """List only the articles about this meeting (in place of any other filter)."""
        from reader.ui.timeline_view import meeting_label  # loaded with the timeline

        self.article_filter.show_meeting(event.documents, meeting_label(event))

    def _on_entity_selected(self, key: str) -> None:
        self.article_filter.entity_selected(key)

    def _on_entity_filter(self, doc_ids: Collection[str] | None) -> None:
        """The sidebar's entity filter: its articles, or ``None`` once it is cleared."""
        name = self.entity_sidebar.selected_name() if doc_ids is not None else ""
        self.article_filter.show_entity(doc_ids, name)

    def _on_filter_cleared(self) -> None:
        """The filter bar's ✕: an entity's filter goes with the entity."""
        if self.article_filter.cleared() == ENTITY:
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
        self.index.import_paths(paths)

    def analyse_pending(self) -> None:
        """Find the entities of articles still pending, in a worker process."""
        self.index.analyse_pending()

    def _on_analysis_progressed(self) -> None:
        sidebar = getattr(self, "entity_sidebar", None)
        if sidebar is not None:
            sidebar.analysis_progressed()

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

    # -- messages ----------------------------------------------------------

    def _show_message(self, text: str) -> None:
        self.status.message(text)

    def _show_failure(self, text: str) -> None:
        self.status.message(text, 0)

    # -- the actions' slots --------------------------------------------------

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

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.status.show_progress(done, total, message)

    # -- remembering -------------------------------------------------------

    def save_layout(self) -> None:
        self.layout_memory.save()

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
