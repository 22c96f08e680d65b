"""The annotations panel: every annotation in a table, filtered by tag, article and text.

:class:`AnnotationTableModel` holds the rows (a list of the core's
``Annotation`` values); :class:`AnnotationFilterProxy` filters and sorts
them; :class:`AnnotationsPanel` is the thin view with the filter row. The
panel asks for changes by signal; the writes and their undo live in
:mod:`reader.ui.annotation_tools`, so no widget touches the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.ui.annotation_model import (
    ARTICLE_COLUMN,
    DATE_COLUMN,
    NOTE_COLUMN,
    QUOTE_COLUMN,
    TAGS_COLUMN,
    AnnotationIdRole,
    AnnotationRole,
    AnnotationTableModel,
    DocIdRole,
    SortRole,
    StartRole,
    one_line,
)
from reader.ui.plain_text import tooltip

if TYPE_CHECKING:
    # Only named in type hints: the core module behind it loads when first used.
    from reader.core.library import Annotation

ModelIndex = QModelIndex | QPersistentModelIndex

# Qt 6.10 replaced invalidateRowsFilter() by a begin/end pair.
_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "endFilterChange")


def annotation_matches(ann: Annotation, text: str) -> bool:
    """The panel's text filter: in the quote, the note or a tag, ignoring case."""
    needle = text.casefold().strip()
    if not needle:
        return True
    return any(needle in h.casefold() for h in (ann.quote, ann.note, *ann.tags))


class AnnotationFilterProxy(QSortFilterProxyModel):
    """Filters annotations by tag, article and free text; sorts by :data:`SortRole`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tag = ""
        self._doc_id = ""
        self._text = ""
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_tag(self, tag: str | None) -> None:
        self._set("_tag", (tag or "").casefold())

    def set_doc_id(self, doc_id: str | None) -> None:
        self._set("_doc_id", doc_id or "")

    def set_text(self, text: str | None) -> None:
        self._set("_text", text or "")

    def _set(self, name: str, value: str) -> None:
        if getattr(self, name) == value:
            return
        if _HAS_FILTER_CHANGE:
            self.beginFilterChange()
            setattr(self, name, value)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt before 6.10
            setattr(self, name, value)
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        ann = model.data(model.index(source_row, 0, source_parent), AnnotationRole)
        if ann is None:
            return False
        if self._tag and self._tag not in {t.casefold() for t in ann.tags}:
            return False
        if self._doc_id and ann.doc_id != self._doc_id:
            return False
        return annotation_matches(ann, self._text)


class AnnotationsPanel(QWidget):
    """The annotations table with its filter row.

    Signals:
        annotationActivated(str, int): open this article at this body offset
            (a double-click or Enter on a row).
        editRequested(str): the researcher asked to edit this annotation.
        deleteRequested(list): the researcher asked to delete these annotation ids.
    """

    annotationActivated = Signal(str, int)
    editRequested = Signal(str)
    deleteRequested = Signal(list)

    def __init__(self, model: AnnotationTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Annotations")
        self.setObjectName("annotationsPanel")
        self.model = model
        self.proxy = AnnotationFilterProxy(self)
        self.proxy.setSourceModel(model)

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Filter quotes, notes and tags")
        self.search_edit.setAccessibleName("Filter annotations")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.proxy.set_text)
        self.tag_combo = QComboBox(self)
        self.tag_combo.setAccessibleName("Filter by tag")
        self.tag_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tag_combo.setMinimumContentsLength(8)
        self.tag_combo.currentIndexChanged.connect(self._on_tag_chosen)
        self.article_combo = QComboBox(self)
        self.article_combo.setAccessibleName("Filter by article")
        self.article_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.article_combo.setMinimumContentsLength(10)
        self.article_combo.currentIndexChanged.connect(self._on_article_chosen)

        self.view = QTableView(self)
        self.view.setObjectName("annotationsTable")
        self.view.setAccessibleName("Annotations list")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(ARTICLE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QUOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(NOTE_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column, width in ((TAGS_COLUMN, 110), (ARTICLE_COLUMN, 150), (DATE_COLUMN, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.view.doubleClicked.connect(self._activate)
        self.view.activated.connect(self._activate)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

        self.open_action = QAction("&Open Passage", self)
        self.open_action.triggered.connect(lambda: self._activate(self.view.currentIndex()))
        self.edit_action = QAction("&Edit Annotation…", self)
        self.edit_action.triggered.connect(self._request_edit)
        self.delete_action = QAction("&Delete Annotation", self)
        self.delete_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self._request_delete)
        self.view.addAction(self.delete_action)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("annotationCount")
        self.count_label.setAccessibleName("Annotation count")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setWordWrap(True)  # the panel stays as narrow as its dock
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.clicked.connect(self._request_edit)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.clicked.connect(self._request_delete)

        filters = QVBoxLayout()
        filters.setContentsMargins(8, 6, 8, 6)
        filters.setSpacing(4)
        filters.addWidget(self.search_edit)
        combos = QHBoxLayout()
        combos.setSpacing(6)
        combos.addWidget(self.tag_combo, 1)
        combos.addWidget(self.article_combo, 2)
        filters.addLayout(combos)
        footer = QHBoxLayout()
        footer.setContentsMargins(8, 4, 8, 6)
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.edit_button)
        footer.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(footer)

        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        for signal in (model.modelReset, self.proxy.rowsInserted, self.proxy.rowsRemoved):
            signal.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        model.modelReset.connect(self._refresh_filters)
        self._refresh_filters()
        self._update_buttons()

    def sizeHint(self) -> QSize:
        # A side panel: the table's columns stretch into whatever width it is given.
        return QSize(340, 420)

    # -- filters -------------------------------------------------------

    def set_tag_filter(self, tag: str | None) -> None:
        index = self.tag_combo.findData(tag or "")
        self.tag_combo.setCurrentIndex(max(0, index))

    def set_article_filter(self, doc_id: str | None) -> None:
        index = self.article_combo.findData(doc_id or "")
        self.article_combo.setCurrentIndex(max(0, index))

    def set_text_filter(self, text: str) -> None:
        self.search_edit.setText(text)

    def _on_tag_chosen(self, _index: int) -> None:
        self.proxy.set_tag(self.tag_combo.currentData() or "")

    def _on_article_chosen(self, _index: int) -> None:
        self.proxy.set_doc_id(self.article_combo.currentData() or "")

    def _refresh_filters(self) -> None:
        """Offer the tags and articles that annotations use now, keeping the choice."""
        annotations = self.model.annotations()
        tags: dict[str, str] = {}
        for ann in annotations:
            for tag in ann.tags:
                tags.setdefault(tag.casefold(), tag)
        articles = {ann.doc_id: self.model.article_title(ann.doc_id) for ann in annotations}
        _refill(
            self.tag_combo,
            "All tags",
            sorted(((t, t) for t in tags.values()), key=lambda p: p[0].casefold()),
        )
        _refill(
            self.article_combo,
            "All articles",
            sorted(
                ((title, doc) for doc, title in articles.items()), key=lambda p: p[0].casefold()
            ),
        )
        self._update_count()

    # -- rows ----------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        return [str(self.proxy.data(index, AnnotationIdRole)) for index in rows]

    def select_annotation(self, annotation_id: str) -> bool:
        row = self.model.row_of(annotation_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.selectRow(index.row())
        self.view.scrollTo(index)
        return True

    def select_annotations(self, annotation_ids: Sequence[str]) -> int:
        """Select these annotations, clearing any filter that hides them; how many were found.

        The first becomes current and is scrolled to.
        """
        rows = [self.model.row_of(i) for i in annotation_ids]
        rows = [r for r in rows if r >= 0]
        if not rows:
            return 0
        self.set_tag_filter(None)
        self.set_article_filter(None)
        self.set_text_filter("")
        indexes = [self.proxy.mapFromSource(self.model.index(r, 0)) for r in rows]
        indexes = [i for i in indexes if i.isValid()]
        if not indexes:
            return 0
        self.view.setCurrentIndex(indexes[0])
        selection = QItemSelection()
        for index in indexes:
            selection.select(index, index)
        self.view.selectionModel().select(
            selection,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.view.scrollTo(indexes[0])
        return len(indexes)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            doc_id = str(self.proxy.data(index, DocIdRole))
            self.annotationActivated.emit(doc_id, int(self.proxy.data(index, StartRole)))

    def _request_edit(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.editRequested.emit(ids[0])

    def _request_delete(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.deleteRequested.emit(ids)

    def _context_menu(self, pos: Any) -> None:
        if not self.view.indexAt(pos).isValid():
            return
        menu = QMenu(self)
        menu.addActions([self.open_action, self.edit_action])
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _update_buttons(self) -> None:
        count = len(self.view.selectionModel().selectedRows())
        self.edit_button.setEnabled(count == 1)
        self.edit_action.setEnabled(count == 1)
        self.delete_button.setEnabled(count > 0)
        self.delete_action.setEnabled(count > 0)

    def _update_count(self, *_args: object) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        orphaned = sum(1 for a in self.model.annotations() if a.orphaned)
        if total == 0:
            text = "No annotations yet. Select a passage and press Ctrl+Shift+A."
        elif shown == total:
            text = f"{total} annotation{'s' if total != 1 else ''}"
        else:
            text = f"{shown} of {total} annotations"
        if orphaned:
            text += f" · {orphaned} orphaned"
        self.count_label.setText(text)
        self._update_buttons()


def _refill(combo: QComboBox, everything: str, items: Sequence[tuple[str, str]]) -> None:
    """Replace a filter combo's entries without losing (or needlessly re-emitting) its choice."""
    chosen = combo.currentData() or ""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, "")
    for label, data in items:
        combo.addItem(one_line(label, 48), data)
        combo.setItemData(combo.count() - 1, tooltip(label), Qt.ItemDataRole.ToolTipRole)
    index = combo.findData(chosen)
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(False)
    if index < 0 and chosen:
        # The chosen tag or article has no annotations left: show everything.
        combo.currentIndexChanged.emit(0)
