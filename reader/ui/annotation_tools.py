"""Annotations in the window: the write queue with undo, and the actions, dock and tints.

:class:`AnnotationController` is the one place the window changes
annotations. Every write (add, edit, delete, and their undo and redo) goes
through the window's task runner, whose single worker thread keeps them in
order, so two quick changes can never race in the store. Each change done
is pushed on a ``QUndoStack`` as a command that knows how to reverse it
(the library returns what it deleted or replaced, for exactly this).

:func:`install_annotation_tools` plugs it into a :class:`MainWindow`: the
Annotations dock, "Annotate Selection…" in the text's context menu, a
toolbar and Ctrl+Shift+A, Undo/Redo in the Edit menu, File → Export
Annotations…, and the tints of annotated passages in the reading pane.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

from reader.core.library import Annotation
from reader.ui.annotate_dialog import DEFAULT_SWATCH, AnnotateDialog, AnnotationInput
from reader.ui.annotations_panel import AnnotationsPanel, AnnotationTableModel
from reader.ui.export_dialog import ExportDialog, ExportRequest, write_export
from reader.ui.reading_pane import AnnotationSpan
from reader.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)

ANNOTATE_SHORTCUT = "Ctrl+Shift+A"  # no platform standard exists for "annotate"
EXPORT_SHORTCUT = "Ctrl+Shift+E"
DOCK_WIDTH = 340

Work = Callable[[], object]


class AnnotationLibrary(Protocol):
    """The part of the library facade annotations use."""

    def summaries(self) -> list[Any]: ...
    def list_annotations(self) -> list[Annotation]: ...
    def annotation_tags(self) -> list[str]: ...
    def annotate(self, doc_id: str, **kwargs: Any) -> Annotation: ...
    def update_annotation(self, annotation_id: str, **kwargs: Any) -> Annotation: ...
    def delete_annotation(self, annotation_id: str) -> Annotation: ...
    def restore_annotation(self, annotation: Annotation) -> Annotation: ...
    def export(self, fmt: str, **kwargs: Any) -> str: ...


class _StoreCommand(QUndoCommand):
    """A change already made in the store; undo and redo queue the reverse and the change again."""

    def __init__(
        self, controller: AnnotationController, text: str, redo_work: Work, undo_work: Work
    ) -> None:
        super().__init__(text)
        self._controller = controller
        self._redo_work = redo_work
        self._undo_work = undo_work
        # The store already holds the change when the command is pushed, and
        # QUndoStack.push() calls redo() at once: that first call is skipped.
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._controller._write(f"Redo {self.text().lower()}", self._redo_work)

    def undo(self) -> None:
        self._controller._write(f"Undo {self.text().lower()}", self._undo_work)


class AnnotationController(QObject):
    """The annotations the window shows, and every change to them, with undo.

    Signals:
        changed(): the annotations were reloaded after a change (tints may differ).
        message(str): a one-line report for the status bar.
        failed(str): a change could not be made; the message says why.
        exported(object): the ``Path`` an export was written to.
    """

    changed = Signal()
    message = Signal(str)
    failed = Signal(str)
    exported = Signal(object)

    def __init__(
        self, library: AnnotationLibrary, runner: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.model = AnnotationTableModel(self)
        self.undo_stack = QUndoStack(self)
        self._titles: dict[str, str] = {}

    # -- reading -------------------------------------------------------

    def reload(self) -> None:
        """Read the annotations (and article titles) again from the library."""
        try:
            self._titles = {s.id: _summary_title(s) for s in self.library.summaries()}
            annotations = self.library.list_annotations()
        except Exception as error:  # a damaged store must not take the window down
            log.error("annotations could not be read", exc_info=error)
            self.failed.emit(f"Annotations could not be read: {_one_line(error)}")
            return
        self.model.set_annotations(annotations, self._titles)
        self.changed.emit()

    def known_tags(self) -> list[str]:
        try:
            return self.library.annotation_tags()
        except Exception:
            return []

    def spans_for(self, doc_id: str) -> list[AnnotationSpan]:
        """The tinted passages of one article (orphaned annotations have no place to tint)."""
        return [
            AnnotationSpan(a.start, a.end, a.color or DEFAULT_SWATCH.color, a.note)
            for a in self.model.annotations()
            if a.doc_id == doc_id and not a.orphaned
        ]

    # -- changing ------------------------------------------------------

    def add(self, doc_id: str, start: int, end: int, values: AnnotationInput) -> None:
        """Annotate ``[start, end)`` of an article's body text."""
        library = self.library

        def work() -> Annotation:
            return library.annotate(
                doc_id,
                start=start,
                end=end,
                note=values.note,
                tags=values.tags,
                color=values.color,
            )

        def done(ann: Annotation) -> None:
            self.undo_stack.push(
                _StoreCommand(
                    self,
                    "Annotate passage",
                    lambda: library.restore_annotation(ann),
                    lambda: library.delete_annotation(ann.id),
                )
            )
            self.message.emit("Annotation added.")

        self._write("Annotate", work, done)

    def edit(self, annotation_id: str, values: AnnotationInput) -> None:
        """Change the note, tags and colour of an annotation."""
        library = self.library
        before = self.model.annotation(annotation_id)

        def work() -> Annotation:
            return library.update_annotation(
                annotation_id, note=values.note, tags=values.tags, color=values.color
            )

        def done(after: Annotation) -> None:
            if before is not None and before != after:
                self.undo_stack.push(
                    _StoreCommand(
                        self,
                        "Edit annotation",
                        lambda: library.restore_annotation(after),
                        lambda: library.restore_annotation(before),
                    )
                )
            self.message.emit("Annotation saved.")

        self._write("Edit annotation", work, done)

    def delete(self, annotation_ids: Sequence[str]) -> None:
        """Delete annotations; Undo puts them back as they were."""
        ids = list(annotation_ids)
        if not ids:
            return
        library = self.library

        def work() -> list[Annotation]:
            return [library.delete_annotation(i) for i in ids]

        def done(deleted: list[Annotation]) -> None:
            n = len(deleted)
            text = "Delete annotation" if n == 1 else f"Delete {n} annotations"
            self.undo_stack.push(
                _StoreCommand(
                    self,
                    text,
                    lambda: [library.delete_annotation(a.id) for a in deleted],
                    lambda: [library.restore_annotation(a) for a in deleted],
                )
            )
            undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(
                QKeySequence.SequenceFormat.NativeText
            )
            self.message.emit(
                f"{'Annotation' if n == 1 else f'{n} annotations'} deleted ({undo} to undo)."
            )

        self._write("Delete", work, done)

    def export(self, request: ExportRequest) -> None:
        """Write an export file in the background; :attr:`exported` reports where."""
        library = self.library

        def on_result(path: object) -> None:
            self.message.emit(f"Annotations ({request.describe_filter()}) exported to {path}")
            self.exported.emit(path)

        self.runner.run(
            "export annotations",
            lambda _progress: write_export(library, request),  # type: ignore[arg-type]
            on_result=on_result,
            on_error=lambda error: self.failed.emit(f"Export failed: {_one_line(error)}"),
        )

    def _write(self, what: str, work: Work, done: Callable[[Any], None] | None = None) -> None:
        """Queue one store change; reload and report once it is made (or fails)."""

        def on_result(result: object) -> None:
            if done is not None:
                done(result)
            self.reload()

        def on_error(error: BaseException) -> None:
            log.warning("%s failed: %s", what, error)
            self.failed.emit(f"{what} failed: {_one_line(error)}")
            self.reload()

        self.runner.run(
            "annotation", lambda _progress: work(), on_result=on_result, on_error=on_error
        )


class AnnotationTools(QObject):
    """The annotation features of one window (see the module docs); built by
    :func:`install_annotation_tools`.

    Signals: none of its own; see :class:`AnnotationController`.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = AnnotationController(window.library, window.runner, self)  # type: ignore[arg-type]
        self.panel = AnnotationsPanel(self.controller.model, window)
        self.dialog: AnnotateDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self._export_folder = ""

        self.dock = QDockWidget("Annotations", window)
        self.dock.setObjectName("annotationsDock")
        self.dock.setAccessibleName("Annotations")
        self.dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # A tab beside the entities, which stay in front; a side panel, not a
        # second reading pane.
        window.tabifyDockWidget(window.entity_dock, self.dock)
        window.entity_dock.raise_()
        window.resizeDocks([window.entity_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

        self._make_actions()
        self._restore_layout()
        self._connect()
        self.controller.reload()
        self.retint()

    def _make_actions(self) -> None:
        window = self.window
        self.annotate_action = QAction("&Annotate Selection…", window)
        self.annotate_action.setShortcut(QKeySequence(ANNOTATE_SHORTCUT))
        self.annotate_action.setStatusTip("Add a note, tags and a colour to the selected passage")
        self.annotate_action.setToolTip(f"Annotate the selected passage ({ANNOTATE_SHORTCUT})")
        self.annotate_action.setEnabled(False)
        self.annotate_action.triggered.connect(self.annotate_selection)
        self.export_action = QAction("&Export Annotations…", window)
        self.export_action.setShortcut(QKeySequence(EXPORT_SHORTCUT))
        self.export_action.setStatusTip("Save annotated excerpts with their citations")
        self.export_action.triggered.connect(self.export_annotations)
        stack = self.controller.undo_stack
        self.undo_action = stack.createUndoAction(window, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = stack.createRedoAction(window, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))
        for action in (
            self.annotate_action,
            self.export_action,
            self.undo_action,
            self.redo_action,
        ):
            window.addAction(action)  # shortcuts work with the menu bar hidden

        edit_menu = getattr(window, "edit_menu", None)
        if edit_menu is not None:
            first = edit_menu.actions()[0] if edit_menu.actions() else None
            edit_menu.insertActions(first, [self.undo_action, self.redo_action])
            edit_menu.insertSeparator(first)
            edit_menu.addSeparator()
            edit_menu.addAction(self.annotate_action)
        file_menu = getattr(window, "file_menu", None)
        if file_menu is not None:
            quit_action = getattr(window, "quit_action", None)
            before = _separator_before(file_menu, quit_action)
            file_menu.insertAction(before, self.export_action)
            file_menu.insertSeparator(before)
        view_menu = getattr(window, "view_menu", None)
        if view_menu is not None:
            view_menu.addAction(self.dock.toggleViewAction())

        self.toolbar = QToolBar("Annotation Tools", window)
        self.toolbar.setObjectName("annotationToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.annotate_action)
        self.toolbar.addAction(self.export_action)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

        window.reading_pane.add_context_action(self.annotate_action)

    def _connect(self) -> None:
        window = self.window
        controller = self.controller
        pane = window.reading_pane
        # The pane reports when a selection appears or goes; a selection that
        # moves from the headline into the body changes nothing it reports.
        pane.selection_changed.connect(lambda _has: self._update_annotate_action())
        pane.browser.selectionChanged.connect(self._update_annotate_action)
        pane.article_shown.connect(lambda _doc_id: self._update_annotate_action())
        window.article_opened.connect(lambda _doc_id: self.retint())
        window.index_ready.connect(controller.reload)
        window.import_finished.connect(lambda _report: controller.reload())
        controller.changed.connect(self.retint)
        controller.message.connect(lambda text: window.statusBar().showMessage(text, 10000))
        controller.failed.connect(lambda text: window.statusBar().showMessage(text, 0))
        self.panel.annotationActivated.connect(self.open_passage)
        self.panel.editRequested.connect(self.edit_annotation)
        self.panel.deleteRequested.connect(controller.delete)

    def _restore_layout(self) -> None:
        """Put the dock and toolbar back where the researcher left them.

        The window restored its layout before this dock and toolbar existed,
        so the saved state is applied once more now that they do.
        """
        settings = getattr(self.window, "settings", None)
        state = settings.window_state() if settings is not None else None
        if state is not None:
            self.window.restoreState(state)

    def _update_annotate_action(self) -> None:
        self.annotate_action.setEnabled(self.window.reading_pane.selected_span() is not None)

    # -- what the researcher does --------------------------------------

    def annotate_selection(self) -> AnnotateDialog | None:
        """Open the dialog for the passage selected in the reading pane."""
        pane = self.window.reading_pane
        document = pane.document
        span = pane.selected_span()
        if document is None or span is None:
            self.window.statusBar().showMessage("Select a passage of the article first.", 5000)
            return None
        body = document.body_text
        start, end = _trim(body, *span)
        if end <= start:
            return None
        source = " · ".join(p for p in (document.title, document.publisher) if p)
        dialog = AnnotateDialog(
            body[start:end], self.controller.known_tags(), source=source, parent=self.window
        )
        dialog.accepted.connect(
            lambda: self.controller.add(document.id, start, end, dialog.values())
        )
        self._show_dialog(dialog)
        return dialog

    def edit_annotation(self, annotation_id: str) -> AnnotateDialog | None:
        ann = self.controller.model.annotation(annotation_id)
        if ann is None:
            return None
        dialog = AnnotateDialog(
            ann.quote,
            self.controller.known_tags(),
            source=self.controller.model.article_title(ann.doc_id),
            note=ann.note,
            tags=ann.tags,
            color=ann.color,
            editing=True,
            parent=self.window,
        )
        dialog.accepted.connect(lambda: self.controller.edit(annotation_id, dialog.values()))
        self._show_dialog(dialog)
        return dialog

    def _show_dialog(self, dialog: AnnotateDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: self._forget_dialog(dialog))
        dialog.open()  # window-modal, no nested event loop

    def _forget_dialog(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def open_passage(self, doc_id: str, start: int) -> None:
        self.window.open_article_at(doc_id, start)

    def export_annotations(self) -> ExportDialog:
        window = self.window
        shown = window.reading_pane.document
        current = (shown.id, shown.title or shown.id) if shown is not None else None
        dialog = ExportDialog(
            self.controller.known_tags(),
            current_doc=current,
            current_query=window.current_query(),
            folder=self._export_folder,
            parent=window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog = dialog

        def accepted() -> None:
            request = dialog.request()
            self._export_folder = str(Path(request.path).parent)
            self.controller.export(request)

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def retint(self) -> None:
        """Tint the annotated passages of the article in the reading pane."""
        pane = self.window.reading_pane
        if pane.document is not None:
            pane.set_annotations(self.controller.spans_for(pane.document.id))


def install_annotation_tools(window: MainWindow) -> AnnotationTools:
    """Give ``window`` its annotation features; returns them (also ``window.findChild``-able)."""
    return AnnotationTools(window)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection without the spaces and line breaks a drag picks up at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _separator_before(menu: Any, action: QAction | None) -> QAction | None:
    """Insert above the separator that sits over ``action`` (so Quit stays last, alone)."""
    actions = menu.actions()
    if action is None or action not in actions:
        return None
    i = actions.index(action)
    if i > 0 and actions[i - 1].isSeparator():
        return actions[i - 1]
    return action


def _summary_title(summary: Any) -> str:
    title = getattr(summary, "title", "") or ""
    if title:
        return title
    # An article the cleaner found no headline for is named by where and when.
    parts = [getattr(summary, "publisher", ""), getattr(summary, "published", "")]
    return ", ".join(p for p in parts if p) or getattr(summary, "id", "")


def _one_line(error: object) -> str:
    return " ".join((str(error).strip() or type(error).__name__).split())
