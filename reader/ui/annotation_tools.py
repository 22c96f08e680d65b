"""Annotations in the window: the write queue with undo, and the actions, panel and tints.

:class:`AnnotationController` is the one place the window changes
annotations. Every write (add, edit, delete, and their undo and redo) goes
through the window's task runner, whose single worker thread keeps them in
order, so two quick changes can never race in the store. Each change done
is pushed on a ``QUndoStack`` as a command that knows how to reverse it
(the library returns what it deleted or replaced, for exactly this).

:class:`AnnotationTools` gathers what the window shows of them: the
Annotations panel, "Annotate Selection…" (context menu, toolbar,
Ctrl+Shift+A), Undo/Redo, Export Annotations…, and the tints of annotated
passages in the reading pane. The main window docks and wires it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDockWidget, QToolBar, QWidget

from reader.ui.annotation_model import AnnotationTableModel
from reader.ui.reading_pane import AnnotationSpan, ReadingPane
from reader.ui.swatches import DEFAULT_SWATCH
from reader.ui.tasks import TaskRunner
from reader.ui.titles import TitledArticle, display_title

if TYPE_CHECKING:
    # Only named in type hints: the core module behind it loads when first used.
    from PySide6.QtWidgets import QMessageBox

    from reader.core.library import Annotation, ExportFilters, Restored

    # The dialogs, the panel and the export load when first opened, built or
    # run: the window's first paint needs none of them (see the methods).
    from reader.ui.annotate_dialog import AnnotateDialog, AnnotationInput
    from reader.ui.annotations_panel import AnnotationsPanel
    from reader.ui.export_dialog import ExportDialog, ExportRequest

log = logging.getLogger(__name__)

ANNOTATE_SHORTCUT = "Ctrl+Shift+A"  # no platform standard exists for "annotate"
EXPORT_SHORTCUT = "Ctrl+Shift+E"
DOCK_WIDTH = 340

Work = Callable[[], object]


class AnnotationLibrary(Protocol):
    """The part of the library facade annotations use."""

    def summaries(self) -> Sequence[TitledArticle]: ...
    def list_annotations(self) -> list[Annotation]: ...
    def annotation_tags(self) -> list[str]: ...
    def annotate(
        self,
        doc_id: str,
        *,
        quote: str | None = ...,
        start: int | None = ...,
        end: int | None = ...,
        note: str = ...,
        tags: Sequence[str] = ...,
        color: str | None = ...,
    ) -> Annotation: ...
    def update_annotation(
        self,
        annotation_id: str,
        *,
        note: str | None = ...,
        tags: Sequence[str] | None = ...,
        color: str | None = ...,
    ) -> Annotation: ...
    def delete_annotation(self, annotation_id: str) -> Annotation: ...
    def restore_annotation(self, annotation: Annotation) -> Annotation: ...
    def export_to(self, path: str | os.PathLike[str], fmt: str, filters: ExportFilters) -> Path: ...
    def restore_annotations(self) -> Restored: ...


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
        unavailable(str, bool): the annotation store cannot be used (damaged or
            unreadable); the message says why and names the newest good backup,
            the flag says whether there is one to restore. Search and reading go
            on without it.
        exported(object): the ``Path`` an export was written to.
    """

    changed = Signal()
    message = Signal(str)
    failed = Signal(str)
    unavailable = Signal(str, bool)
    exported = Signal(object)

    def __init__(
        self,
        library: AnnotationLibrary,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """``undo_stack``: the window's one stack (its own when there is no window)."""
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.model = AnnotationTableModel(self)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._titles: dict[str, str] = {}

    # -- reading -------------------------------------------------------

    def reload(self) -> None:
        """Read the annotations (and article titles) again from the library, on the runner."""
        library = self.library

        def read(_progress: object) -> tuple[dict[str, str], list[Annotation]]:
            titles = {s.id: display_title(s) for s in library.summaries()}
            return titles, library.list_annotations()

        self.runner.run(
            "annotations", read, on_result=self._on_loaded, on_error=self._on_load_failed
        )

    def _on_loaded(self, loaded: tuple[dict[str, str], list[Annotation]]) -> None:
        self._titles, annotations = loaded
        self.model.set_annotations(annotations, self._titles)
        self.changed.emit()

    def _on_load_failed(self, error: BaseException) -> None:
        # A damaged store must not take the window down, nor print a traceback:
        # the researcher gets the reason in a dialog, and the rest works without it.
        from reader.core.library import StoreDamaged, StoreError

        log.warning("annotations could not be read: %s", _one_line(error))
        if isinstance(error, StoreDamaged):
            # Nothing it showed can be trusted to be in the file any more.
            self.model.set_annotations([], self._titles)
            self.changed.emit()
        self.failed.emit(f"Annotations could not be read: {_one_line(error)}")
        if isinstance(error, StoreError):
            restorable = isinstance(error, StoreDamaged) and error.backup is not None
            self.unavailable.emit(_one_line(error), restorable)

    def restore_backup(self) -> None:
        """Put the newest good backup of the annotations back, then read them again."""
        library = self.library

        def on_result(restored: object) -> None:
            self.undo_stack.clear()
            summary = getattr(restored, "summary", lambda: "Annotations restored.")()
            self.message.emit(summary)
            self.reload()

        self.runner.run(
            "restore annotations",
            lambda _progress: library.restore_annotations(),
            on_result=on_result,
            on_error=lambda error: self.failed.emit(f"Restore failed: {_one_line(error)}"),
        )

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
            lambda _progress: library.export_to(request.path, request.fmt, request.filters),
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
    """The annotation features of one window, ready for the window to place.

    Holds the :class:`AnnotationController`, the :class:`AnnotationsPanel`
    over its model, the Annotate/Export/Undo/Redo actions, a toolbar with the
    first two, and the annotate dialog while one is open. It offers
    "Annotate Selection…" in the reading pane's context menu, enables it
    while body text is selected, and tints the annotated passages of each
    article the pane shows. The window gives it a dock for the panel
    (:meth:`dock_panel_in`), adds the actions to its menus and connects the
    signals below.

    The panel is built the first time its dock is shown (or :attr:`panel` is
    asked for): it starts as a tab behind the entities, so the window's first
    paint does without it.

    Signals:
        annotationActivated(str, int): open this article at this body offset
            (passed on from the panel). See also :attr:`controller`
            (``message``, ``failed``).
    """

    annotationActivated = Signal(str, int)

    def __init__(
        self,
        library: AnnotationLibrary,
        runner: TaskRunner,
        pane: ReadingPane,
        parent: QWidget,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent_widget = parent
        self.pane = pane
        self.controller = AnnotationController(library, runner, self, undo_stack=undo_stack)
        self._panel: AnnotationsPanel | None = None
        self._dock: QDockWidget | None = None
        self.dialog: AnnotateDialog | None = None
        self.export_dialog: ExportDialog | None = None
        #: The dialog saying the annotation store cannot be used, while it is open.
        self.store_dialog: QMessageBox | None = None
        self._store_problem_shown = ""
        self._export_folder = ""

        self.annotate_action = QAction("&Annotate Selection…", parent)
        self.annotate_action.setShortcut(QKeySequence(ANNOTATE_SHORTCUT))
        self.annotate_action.setStatusTip("Add a note, tags and a colour to the selected passage")
        self.annotate_action.setToolTip(f"Annotate the selected passage ({ANNOTATE_SHORTCUT})")
        self.annotate_action.setEnabled(False)
        self.annotate_action.triggered.connect(self.annotate_selection)
        self.export_action = QAction("&Export Annotations…", parent)
        self.export_action.setShortcut(QKeySequence(EXPORT_SHORTCUT))
        self.export_action.setStatusTip("Save annotated excerpts with their citations")
        stack = self.controller.undo_stack
        self.undo_action = stack.createUndoAction(parent, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.redo_action = stack.createRedoAction(parent, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Redo))

        self.toolbar = QToolBar("Annotation Tools", parent)
        self.toolbar.setObjectName("annotationToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addAction(self.annotate_action)
        self.toolbar.addAction(self.export_action)

        pane.add_context_action(self.annotate_action)
        pane.selection_changed.connect(self.annotate_action.setEnabled)
        pane.article_shown.connect(self._on_article_shown)
        self.controller.changed.connect(self.retint)
        self.controller.unavailable.connect(self._show_store_problem)
        # Read on the window's index_ready, not here: a read started while the
        # window is built would compete with its first paint.

    @property
    def panel(self) -> AnnotationsPanel:
        """The annotations table with its filters, built (and docked) on first use."""
        if self._panel is None:
            from reader.ui.annotations_panel import AnnotationsPanel

            panel = AnnotationsPanel(self.controller.model, self._parent_widget)
            panel.annotationActivated.connect(self.annotationActivated)
            panel.editRequested.connect(self.edit_annotation)
            panel.deleteRequested.connect(self.controller.delete)
            self._panel = panel
            if self._dock is not None:
                self._dock.setWidget(panel)
        return self._panel

    def dock_panel_in(self, dock: QDockWidget) -> None:
        """Let ``dock`` hold the panel, which is built when the dock is first shown."""
        self._dock = dock
        if self._panel is not None:
            dock.setWidget(self._panel)
            return
        placeholder = QWidget(dock)
        placeholder.setAccessibleName("Annotations")
        dock.setWidget(placeholder)

        def shown(visible: bool) -> None:
            if visible and self._panel is None:
                self.panel  # noqa: B018 - builds and docks it

        dock.visibilityChanged.connect(shown)

    def shortcut_actions(self) -> list[QAction]:
        """Every action with a shortcut, for the window to add so the keys always work."""
        return [self.annotate_action, self.export_action, self.undo_action, self.redo_action]

    # -- what the researcher does --------------------------------------

    def annotate_selection(self) -> AnnotateDialog | None:
        """Open the dialog for the passage selected in the reading pane."""
        pane = self.pane
        document = pane.document
        span = pane.selected_span()
        if document is None or span is None:
            self.controller.message.emit("Select a passage of the article first.")
            return None
        body = document.body_text
        start, end = _trim(body, *span)
        if end <= start:
            return None
        source = " · ".join(p for p in (display_title(document), document.publisher) if p)
        from reader.ui.annotate_dialog import AnnotateDialog

        dialog = AnnotateDialog(
            body[start:end],
            self.controller.known_tags(),
            source=source,
            parent=self._parent_widget,
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
        from reader.ui.annotate_dialog import AnnotateDialog

        dialog = AnnotateDialog(
            ann.quote,
            self.controller.known_tags(),
            source=self.controller.model.article_title(ann.doc_id),
            note=ann.note,
            tags=ann.tags,
            color=ann.color,
            editing=True,
            parent=self._parent_widget,
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

    def export_annotations(self, current_query: str = "") -> ExportDialog:
        """Ask what to export and where; ``current_query`` is offered as a filter."""
        from reader.ui.export_dialog import ExportDialog

        shown = self.pane.document
        current = (shown.id, display_title(shown)) if shown is not None else None
        dialog = ExportDialog(
            self.controller.known_tags(),
            current_doc=current,
            current_query=current_query,
            folder=self._export_folder,
            parent=self._parent_widget,
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

    def _show_store_problem(self, message: str, restorable: bool) -> QMessageBox | None:
        """Say in a dialog (once per problem) that the annotations cannot be used, and why."""
        if message == self._store_problem_shown:
            return None
        self._store_problem_shown = message
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self._parent_widget)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Annotations Unavailable")
        box.setTextFormat(Qt.TextFormat.PlainText)
        steps = (
            "Restore Backup puts the newest good backup back; the damaged file is kept "
            "aside, never deleted."
            if restorable
            else "The file was left untouched."
        )
        box.setText(
            "The annotations could not be opened. Searching and reading work as usual; "
            f"annotating waits until the store is mended.\n\n{message}\n\n{steps}"
        )
        if restorable:
            restore = box.addButton("Restore Backup", QMessageBox.ButtonRole.AcceptRole)
            restore.clicked.connect(self.controller.restore_backup)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(lambda: setattr(self, "store_dialog", None))
        self.store_dialog = box
        box.open()
        return box

    def retint(self) -> None:
        """Tint the annotated passages of the article in the reading pane."""
        document = self.pane.document
        if document is not None:
            self.pane.set_annotations(self.controller.spans_for(document.id))

    def _on_article_shown(self, _doc_id: str) -> None:
        self.retint()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection without the spaces and line breaks a drag picks up at its ends."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _one_line(error: object) -> str:
    return " ".join((str(error).strip() or type(error).__name__).split())
