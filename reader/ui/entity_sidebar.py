"""The entity sidebar: who and what the open article speaks of, and where else they appear.

At the top, the article's entities grouped by type with their mention
counts (:class:`~reader.ui.entity_model.EntityTreeModel`). Selecting one
marks its mentions in the reading pane, narrows the article list to the
articles that mention it, and lists those articles beneath
(:class:`~reader.ui.entity_model.EntityArticlesModel`); a click on one opens
it at the first mention. The context menu holds the researcher's
corrections (rename, merge, alias, type, hide), written through the
library's facade on the task runner and undone on the window's one undo
stack (Edit → Undo).

Reading the entities of the open article, finding every article that
mentions an entity, and listing the whole corpus's entities for "Merge
Into…" all run on the window's task runner; the sidebar applies each answer
on the main thread, unless the researcher has moved on meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.model import ReaderError
from reader.ui.entity_model import (
    COUNT_COLUMN,
    ENTITY_TYPES,
    NAME_COLUMN,
    TYPE_NAMES,
    DetailRole,
    EntityArticlesModel,
    EntityKeyRole,
    EntityTreeModel,
    IsOpenRole,
    OffsetRole,
    article_rows,
)
from reader.ui.entity_model import DocIdRole as ArticleIdRole
from reader.ui.item_paint import draw_elided, paint_bare_cell
from reader.ui.plain_text import literal
from reader.ui.tasks import TaskRunner
from reader.ui.titles import TitledArticle
from reader.ui.undo import BackgroundCommand

# QStyle, the context menu and the dialogs are imported where they are used:
# creating their Python types is a few milliseconds of start-up, and nothing
# needs them before an entity's articles are painted or a correction is made.

if TYPE_CHECKING:
    # Only named in type hints: the core module behind it loads when first used.
    from reader.core.library import Entity

log = logging.getLogger(__name__)

_NO_LIMIT = (1 << 24) - 1  # Qt's QWIDGETSIZE_MAX, which PySide6 does not export

Span = tuple[int, int]


class CorrectionLike(Protocol):
    """A stored correction, as the library's ``corrections`` returns it."""

    @property
    def id(self) -> int: ...


class EntityLibrary(Protocol):
    """The part of the library facade the sidebar uses."""

    def entities(self, doc_id: str | None = None) -> list[Entity]: ...
    def entity(self, key: str) -> Entity | None: ...
    def summaries(self) -> Sequence[TitledArticle]: ...
    def rename_entity(self, key: str, name: str) -> CorrectionLike: ...
    def merge_entities(self, source_key: str, target_key: str) -> CorrectionLike: ...
    def add_entity_alias(self, key: str, alias: str) -> CorrectionLike: ...
    def change_entity_type(self, key: str, type_: str) -> CorrectionLike: ...
    def hide_entity(self, key: str) -> CorrectionLike: ...
    def withdraw_correction(self, correction: Any) -> bool: ...
    def reapply_correction(self, correction: Any) -> CorrectionLike: ...


def _analysis_note(library: EntityLibrary, doc_id: str) -> str:
    """Why the article's entities are few or none, where the library can say."""
    note = getattr(library, "analysis_note", None)
    try:
        return str(note(doc_id)) if note is not None else ""
    except ReaderError:
        return ""


def _model_status(library: EntityLibrary) -> tuple[str, bool]:
    """The model's one-line status, and whether the model is in use."""
    status = getattr(library, "entity_model_status", None)
    if status is None:
        return "", False
    found = status()
    return str(found.message), bool(found.available)


def wikidata_link(qid: str | None) -> str:
    """Rich text linking a Wikidata id (ids only come from the gazetteer, and are checked)."""
    if not qid or not (qid[:1] == "Q" and qid[1:].isdigit()):
        return ""
    return f'<a href="https://www.wikidata.org/wiki/{qid}">Wikidata {qid}</a>'


class EntityRowDelegate(QStyledItemDelegate):
    """Entity rows with room to breathe (and to hit with a mouse)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 8)


class ArticleRowDelegate(QStyledItemDelegate):
    """Two lines per article: the title, then date · publisher · mentions in a muted tone."""

    PADDING = 5

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        return QSize(100, metrics.height() * 2 + self.PADDING * 2 + 2)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        cell = paint_bare_cell(self, painter, option, index)
        opt = cell.option
        rect = opt.rect.adjusted(8, self.PADDING, -8, -self.PADDING)
        font = QFont(opt.font)
        if index.data(IsOpenRole):
            font.setWeight(QFont.Weight.DemiBold)
        metrics = QFontMetrics(font)
        painter.save()
        painter.setPen(cell.colour)
        line = QRect(rect.left(), rect.top(), rect.width(), metrics.height())
        draw_elided(painter, line, cell.text, font)
        small = QFont(opt.font)
        small.setPointSizeF(max(7.5, opt.font.pointSizeF() * 0.9))
        painter.setPen(cell.muted)
        line.translate(0, metrics.height() + 1)
        draw_elided(painter, line, str(index.data(DetailRole) or ""), small)
        painter.restore()


# Below this width the selection's sentence and its button share no line.
_SIDE_BY_SIDE_WIDTH = 320
# Below this height the model's status line (when the model is in use) folds into
# the legend's tooltip, so the entity list keeps its rows; a missing model is a
# warning and always shown.
_STATUS_LINE_HEIGHT = 480


class _WrappedLabel(QLabel):
    """A word-wrapped label that asks for the height its lines need.

    Beside a button in a splitter's pane, Qt's layouts do not ask a wrapped
    label's height for its width, so in a narrow sidebar the sentence was cut.
    """

    def _fit(self) -> None:
        self.setMinimumHeight(self.heightForWidth(self.width()))

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class EntitySidebar(QWidget):
    """Entities of the open article, and the articles that mention the selected one.

    Signals:
        entitySelected(str): the key of the entity now selected ("" when cleared).
        articleActivated(str, int): open this article at this body offset (its
            first mention of the selected entity).
        mentions_changed(list): ``[(start, end), …]`` of the selected entity in the
            open article, to mark; empty to clear.
        filter_changed(object): the ids of the articles that mention the selected
            entity, to restrict the article list to (sent once the corpus has been
            searched for them); ``None`` for all articles.
        corrected(str): a one-line account of a correction just made.
    """

    entitySelected = Signal(str)
    articleActivated = Signal(str, int)
    mentions_changed = Signal(list)
    filter_changed = Signal(object)
    corrected = Signal(str)

    def __init__(
        self,
        library: EntityLibrary,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        """``undo_stack``: the window's one stack, where corrections are undone (Edit → Undo)."""
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.setObjectName("entitySidebar")
        self.setAccessibleName("Entity sidebar")
        self._doc_id = ""
        self._selected = ""
        self._detail: Entity | None = None
        self._summaries: dict[str, TitledArticle] = {}
        # Count look-ups, so an answer for a superseded article or selection is dropped.
        self._lookup = 0
        self._article_load = 0
        self._note = ""

        self.tree_model = EntityTreeModel(self)
        self.articles_model = EntityArticlesModel(self)

        self.caption = QLabel(self)
        self.caption.setObjectName("listCaption")
        self.caption.setAccessibleName("Entities caption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)

        self.tree = QTreeView(self)
        self.tree.setObjectName("entityTree")
        self.tree.setAccessibleName("Entities in this article")
        self.tree.setModel(self.tree_model)
        self.tree.setItemDelegate(EntityRowDelegate(self.tree))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(12)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setFrameShape(QTreeView.Shape.NoFrame)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        # A count of six digits in the group headings' bold is never cut off.
        bold = QFont(self.tree.font())
        bold.setBold(True)
        header.setMinimumSectionSize(QFontMetrics(bold).horizontalAdvance("000000") + 16)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.tree.clicked.connect(self._on_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree_model.modelReset.connect(self.tree.expandAll)

        self.selection_label = _WrappedLabel(self)
        self.selection_label.setObjectName("entitySelection")
        self.selection_label.setTextFormat(Qt.TextFormat.PlainText)
        self.selection_label.setWordWrap(True)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Show all articles")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip("Clear the entity: unmark its mentions and list every article")
        self.clear_button.clicked.connect(self.clear_selection)
        # The selected entity's Wikidata page, where the gazetteer knows it.
        self.wikidata_label = QLabel(self)
        self.wikidata_label.setObjectName("entityWikidata")
        self.wikidata_label.setTextFormat(Qt.TextFormat.RichText)
        self.wikidata_label.setOpenExternalLinks(True)
        self.wikidata_label.setContentsMargins(10, 0, 4, 2)
        self.wikidata_label.hide()
        # Side by side when there is room, the button under the sentence when not.
        self.selection_row = selection_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        selection_row.setContentsMargins(10, 6, 4, 4)
        selection_row.addWidget(self.selection_label, 1)
        selection_row.addWidget(
            self.clear_button, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft
        )

        self.articles = QListView(self)
        self.articles.setObjectName("entityArticles")
        self.articles.setAccessibleName("Articles that mention the entity")
        self.articles.setModel(self.articles_model)
        self.articles.setItemDelegate(ArticleRowDelegate(self.articles))
        self.articles.setUniformItemSizes(True)
        # One article row at least, so a short window leaves the entity list its rows.
        self.articles.setMinimumHeight(2 * self.articles.fontMetrics().lineSpacing() + 12)
        self.articles.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.articles.setFrameShape(QListView.Shape.NoFrame)
        self.articles.clicked.connect(self._open_article_row)
        self.articles.activated.connect(self._open_article_row)

        lower = QWidget(self)
        lower.setObjectName("entityArticlesPane")
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.setSpacing(0)
        lower_layout.addLayout(selection_row)
        lower_layout.addWidget(self.wikidata_label)
        lower_layout.addWidget(self.articles, 1)
        self.lower_pane = lower

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([330, 270])

        # What upright and italic names mean, and where the names came from.
        self.legend_known = QLabel("Known", self)
        self.legend_known.setObjectName("entityLegendKnown")
        self.legend_known.setTextFormat(Qt.TextFormat.PlainText)
        self.legend_known.setToolTip("Upright names are in the gazetteer: checked, with Wikidata")
        self.legend_found = QLabel("Found by the model", self)
        self.legend_found.setObjectName("entityLegendFound")
        self.legend_found.setTextFormat(Qt.TextFormat.PlainText)
        status, self._model_in_use = _model_status(library)
        found_tip = "Italic names were found in the text; not yet vouched for."
        self.legend_found.setToolTip(f"{found_tip}\n{status}" if status else found_tip)
        # Wrapping labels never widen the sidebar: the reading pane keeps its room.
        self.legend_known.setWordWrap(True)
        self.legend_found.setWordWrap(True)
        italic = QFont(self.legend_found.font())
        italic.setItalic(True)
        self.legend_found.setFont(italic)
        legend = QHBoxLayout()
        legend.setContentsMargins(10, 4, 10, 2)
        legend.setSpacing(6)
        legend.addWidget(self.legend_known)
        legend.addWidget(QLabel("·", self))
        # The second label takes the row's spare room, so it wraps only when the
        # sidebar is too narrow for it (a stretch beside it would squeeze it first).
        legend.addWidget(self.legend_found, 1)
        self.model_label = QLabel(self)
        self.model_label.setObjectName("entityModelStatus")
        self.model_label.setTextFormat(Qt.TextFormat.PlainText)
        self.model_label.setWordWrap(True)
        self.model_label.setContentsMargins(10, 0, 10, 6)
        self.model_label.setText(status)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addLayout(legend)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.model_label)
        self._update_selection_view()
        self._update_caption()

    def sizeHint(self) -> QSize:
        return QSize(300, 600)

    # -- what the window calls -----------------------------------------

    def refresh(self) -> None:
        """Read the article titles and the open article's entities again."""
        self._summaries = {}
        if self._doc_id:
            self.show_article(self._doc_id)
        if self._selected:
            self._load_detail(self._selected)

    def show_article(self, doc_id: str) -> None:
        """List the entities of ``doc_id`` (read on the runner); the selection stays."""
        self._doc_id = doc_id
        self._article_load += 1
        load = self._article_load
        library = self.library
        if not doc_id:
            self._show_entities(load, doc_id, [])
            return
        self.runner.run(
            "article entities",
            lambda _progress: (library.entities(doc_id), _analysis_note(library, doc_id)),
            on_result=lambda found: self._show_entities(load, doc_id, found[0], found[1]),
            on_error=lambda error: self._no_entities(load, doc_id, error),
        )

    def analysis_progressed(self) -> None:
        """More articles were analysed: reload the open one if it was still waiting."""
        if self._doc_id and self._note and "waiting" in self._note:
            self.show_article(self._doc_id)

    def _no_entities(self, load: int, doc_id: str, error: BaseException) -> None:
        log.info("no entities for %s: %s", doc_id, error)
        self._show_entities(load, doc_id, [])

    def _show_entities(
        self, load: int, doc_id: str, entities: list[Entity], note: str = ""
    ) -> None:
        if load != self._article_load:
            return  # another article opened meanwhile
        self._note = note
        blocker = self.tree.selectionModel().blockSignals(True)
        self.tree_model.set_entities(entities, doc_id or None)
        self.tree.selectionModel().blockSignals(blocker)
        self.articles_model.set_open_article(doc_id)
        self._update_caption()
        if self._selected:
            index = self.tree_model.index_of(self._selected)
            if index.isValid():
                self._set_tree_current(index)
            self.mentions_changed.emit(self.mention_spans())

    def select_entity(self, key: str) -> bool:
        """Select the entity ``key`` (a key, or a name or alias in the open article).

        Returns True when it is one of the open article's entities. Any other
        key is selected while the corpus is searched for it in the background,
        and the selection is cleared if no article mentions it.
        """
        entity = self.tree_model.entity(key) or self._find_by_name(key)
        target = entity.key if entity is not None else key
        index = self.tree_model.index_of(target)
        if index.isValid():
            if self.tree.currentIndex() == index:
                self._select(target)  # already current: the view would not say so again
            else:
                self.tree.setCurrentIndex(index)  # emits through _on_current_changed
            self.tree.scrollTo(index)
            return True
        self._select(target)
        return False

    def clear_selection(self) -> None:
        """No entity: unmark its mentions and let the article list show everything."""
        had = bool(self._selected)
        self._selected = ""
        self._detail = None
        self._lookup += 1  # an answer still on its way is for nobody now
        self.tree.selectionModel().clearSelection()
        self.articles_model.set_rows([])
        self._update_selection_view()
        if had:
            self.mentions_changed.emit([])
            self.filter_changed.emit(None)
            self.entitySelected.emit("")

    def selected_key(self) -> str:
        return self._selected

    def selected_name(self) -> str:
        """The selected entity's display name ("" when none is selected)."""
        if not self._selected:
            return ""
        entity = self._detail or self.tree_model.entity(self._selected)
        return entity.name if entity is not None else self._selected

    def mention_spans(self) -> list[Span]:
        """The selected entity's mentions in the open article, as body offsets."""
        entity = self.tree_model.entity(self._selected) if self._selected else None
        if entity is None:
            return []
        return sorted((m.start, m.end) for m in entity.mentions if m.doc == self._doc_id)

    # -- selection -----------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(EntityKeyRole) if current.isValid() else None
        if key:
            self._select(str(key))

    def _on_clicked(self, index: QModelIndex) -> None:
        # A click on the entity already current re-marks it (after another article
        # opened) and narrows the list to its articles again (after a meeting's).
        key = index.data(EntityKeyRole)
        if key and key == self._selected:
            self.mentions_changed.emit(self.mention_spans())
            detail = self._detail
            if detail is not None and detail.key == key and detail.documents:
                self.entitySelected.emit(key)
                self.filter_changed.emit(list(detail.documents))

    def _set_tree_current(self, index: QModelIndex) -> None:
        selection = self.tree.selectionModel()
        blocker = selection.blockSignals(True)
        self.tree.setCurrentIndex(index)
        selection.blockSignals(blocker)
        self.tree.viewport().update()

    def _select(self, key: str) -> None:
        self._selected = key
        self.entitySelected.emit(key)
        self.mentions_changed.emit(self.mention_spans())
        self._load_detail(key)

    def _load_detail(self, key: str) -> None:
        """Find every article that mentions ``key``, on the runner; see :meth:`_on_detail`."""
        self._lookup += 1
        lookup = self._lookup
        library = self.library
        need_titles = not self._summaries

        def find(_progress: object) -> tuple[Entity | None, dict[str, TitledArticle] | None]:
            # The titles of the whole corpus are read here too, the first
            # time, rather than on the UI thread when the answer arrives.
            titles = {s.id: s for s in library.summaries()} if need_titles else None
            return library.entity(key), titles

        self.runner.run(
            "entity articles",
            find,
            on_result=lambda result: self._on_detail(lookup, key, *result),
            on_error=lambda error: self._on_detail_failed(lookup, key, error),
        )

    def _on_detail(
        self,
        lookup: int,
        key: str,
        detail: Entity | None,
        titles: dict[str, TitledArticle] | None = None,
    ) -> None:
        if titles is not None:
            self._summaries = titles
        if lookup != self._lookup:
            return  # the researcher has moved on to another entity
        if detail is None and self.tree_model.entity(key) is None:
            # Known neither here nor anywhere in the corpus (hidden, or mistyped).
            self.clear_selection()
            return
        self._detail = detail
        rows = article_rows(detail, self._titles()) if detail is not None else []
        self.articles_model.set_rows(rows)
        self.articles_model.set_open_article(self._doc_id)
        self._update_selection_view()
        documents = list(detail.documents) if detail is not None else []
        self.filter_changed.emit(documents or None)

    def _on_detail_failed(self, lookup: int, key: str, error: BaseException) -> None:
        if lookup != self._lookup:
            return
        log.error("could not find the articles that mention %s", key, exc_info=error)
        self._detail = None
        self.articles_model.set_rows([])
        self._update_selection_view()
        self.selection_label.setText(f"The articles that mention it could not be listed: {error}")

    def _titles(self) -> dict[str, TitledArticle]:
        if not self._summaries:
            try:
                self._summaries = {s.id: s for s in self.library.summaries()}
            except ReaderError:
                self._summaries = {}
        return self._summaries

    def _find_by_name(self, name: str) -> Entity | None:
        wanted = name.casefold()
        for entity in self.tree_model.entities():
            if wanted in (n.casefold() for n in (entity.key, entity.name, *entity.aliases)):
                return entity
        return None

    def _open_article_row(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        doc_id = str(index.data(ArticleIdRole))
        offset = int(index.data(OffsetRole) or 0)
        self.articleActivated.emit(doc_id, offset)

    def _update_caption(self) -> None:
        count = len(self.tree_model.entities())
        if not self._doc_id:
            text = "No article open"
        elif count == 0:
            text = self._note or "No entities found in this article"
        else:
            text = f"{count} entit{'y' if count == 1 else 'ies'} in this article"
            if self._note:
                text += f". {self._note}"
        self.caption.setText(text)
        self.caption.setWordWrap(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = self.width() < _SIDE_BY_SIDE_WIDTH
        self.selection_row.setDirection(
            QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        )
        folded = self._model_in_use and self.height() < _STATUS_LINE_HEIGHT
        self.model_label.setVisible(bool(self.model_label.text()) and not folded)

    def _update_selection_view(self) -> None:
        detail = self._detail
        if detail is None:
            self.selection_label.setText("Select an entity to see every article that mentions it.")
            self.clear_button.hide()
            self.articles.hide()
            self.wikidata_label.hide()
            # Only the hint below the tree (three lines at most, however
            # narrow): the tree takes the rest of the height.
            lines = self.selection_label.fontMetrics().lineSpacing() * 3
            self.lower_pane.setMaximumHeight(lines + 12)
            return
        self.lower_pane.setMaximumHeight(_NO_LIMIT)
        link = wikidata_link(detail.wikidata) if detail.known else ""
        self.wikidata_label.setText(link)
        self.wikidata_label.setVisible(bool(link))
        n = len(self.articles_model.rows())
        kind = TYPE_NAMES.get(detail.type, detail.type).lower()
        self.selection_label.setText(
            f"{detail.name} ({kind}) is mentioned in {n} article{'s' if n != 1 else ''}"
        )
        self.clear_button.show()
        self.articles.show()

    # -- corrections ---------------------------------------------------

    def rename(self, key: str, name: str) -> None:
        new = name.strip()
        self._correct(lambda lib: lib.rename_entity(key, name), f"Renamed to “{new}”", keep=key)

    def add_alias(self, key: str, alias: str) -> None:
        self._correct(
            lambda lib: lib.add_entity_alias(key, alias),
            f"Added the alias “{alias.strip()}”",
            keep=key,
        )

    def change_type(self, key: str, type_: str) -> None:
        label = TYPE_NAMES.get(type_, type_).lower()
        article = "an" if label[:1] in ("a", "e", "i", "o", "u") else "a"
        self._correct(
            lambda lib: lib.change_entity_type(key, type_), f"Now {article} {label}", keep=key
        )

    def merge(self, key: str, target_key: str, target_name: str = "") -> None:
        target = self.tree_model.entity(target_key)
        name = target_name or (target.name if target is not None else target_key)
        self._correct(
            lambda lib: lib.merge_entities(key, target_key),
            f"Merged into “{name}”",
            keep=target_key,
        )

    def hide_entity(self, key: str) -> None:
        entity = self.tree_model.entity(key)
        name = entity.name if entity is not None else key
        self._correct(lambda lib: lib.hide_entity(key), f"Hid “{name}” from every view", keep=None)

    def _correct(
        self, change: Callable[[EntityLibrary], CorrectionLike], text: str, *, keep: str | None
    ) -> None:
        """Make the correction through the library on the runner; undone on the window's stack.

        ``text`` says what was done ("Renamed to “X”"); Edit → Undo names it too.
        """
        library = self.library

        def made(correction: CorrectionLike) -> None:
            stored = [correction]  # a redo stores it anew, under a new id

            def redo() -> CorrectionLike:
                stored[0] = library.reapply_correction(stored[0])
                return stored[0]

            def after(kind: str, _result: object) -> None:
                self._after_correction(keep if kind == "redo" else (self._selected or None))
                self.corrected.emit(f"{'Redone' if kind == 'redo' else 'Undone'}: {text}.")

            self.undo_stack.push(
                BackgroundCommand(
                    self.runner,
                    text,
                    redo=redo,
                    undo=lambda: library.withdraw_correction(stored[0]),
                    after=after,
                    failed=lambda kind, error: self.corrected.emit(
                        f"The {kind} could not be made: {_one_line(error)}"
                    ),
                )
            )
            self._after_correction(keep)
            self.corrected.emit(f"{text}.")

        def refused(error: BaseException) -> None:
            if not isinstance(error, ReaderError):
                self.corrected.emit(f"The correction could not be made: {_one_line(error)}")
                return
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "Correction not made", literal(str(error)))

        self.runner.run(
            "entity correction", lambda _progress: change(library), on_result=made, on_error=refused
        )

    def _after_correction(self, keep: str | None) -> None:
        """Show the corrected entities; keep (or move) the selection where it belongs."""
        self._summaries = {}
        self.show_article(self._doc_id)
        if keep:
            # Selected again, so its articles are looked up afresh; a key the
            # correction made unknown is cleared when the answer comes back.
            self._selected = ""
            self.select_entity(keep)
        else:
            self.clear_selection()

    def _context_menu(self, pos: QPoint) -> None:
        index = self.tree.indexAt(pos)
        from PySide6.QtGui import QAction, QActionGroup
        from PySide6.QtWidgets import QMenu

        key = index.data(EntityKeyRole) if index.isValid() else None
        menu = QMenu(self)
        if key:
            entity = self.tree_model.entity(str(key))
            assert entity is not None
            menu.addAction("&Rename…", lambda: self._ask_rename(entity))
            menu.addAction("&Merge Into…", lambda: self._ask_merge(entity))
            menu.addAction("Add &Alias…", lambda: self._ask_alias(entity))
            types = menu.addMenu("Change &Type")
            group = QActionGroup(types)
            for type_ in ENTITY_TYPES:
                action = QAction(TYPE_NAMES[type_], types)
                action.setCheckable(True)
                action.setChecked(type_ == entity.type)
                action.triggered.connect(
                    lambda _checked=False, t=type_: self.change_type(entity.key, t)
                )
                group.addAction(action)
                types.addAction(action)
            menu.addSeparator()
            menu.addAction("&Hide", lambda: self.hide_entity(entity.key))
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _ask_rename(self, entity: Entity) -> None:
        from PySide6.QtWidgets import QInputDialog

        name, ok = QInputDialog.getText(
            self, "Rename Entity", literal(f"New name for “{entity.name}”:"), text=entity.name
        )
        if ok and name.strip() and name.strip() != entity.name:
            self.rename(entity.key, name)

    def _ask_alias(self, entity: Entity) -> None:
        from PySide6.QtWidgets import QInputDialog

        alias, ok = QInputDialog.getText(
            self,
            "Add Alias",
            literal(
                f"Another name for “{entity.name}”.\nArticles that use it will count as mentions:"
            ),
        )
        if ok and alias.strip():
            self.add_alias(entity.key, alias)

    def _ask_merge(self, entity: Entity) -> None:
        """Offer the corpus's other entities (listed on the runner) to merge ``entity`` into."""
        library = self.library
        self.runner.run(
            "corpus entities",
            lambda _progress: library.entities(),
            on_result=lambda entities: self._choose_merge_target(entity, entities),
            on_error=lambda error: self.corrected.emit(
                f"The entities could not be listed: {' '.join(str(error).split())}"
            ),
        )

    def _choose_merge_target(self, entity: Entity, entities: list[Entity]) -> None:
        others = [e for e in entities if e.key != entity.key]
        # Same type first: merging a person into a person is the common case.
        others.sort(key=lambda e: (e.type != entity.type, e.name.casefold()))
        labels = [f"{e.name} ({TYPE_NAMES.get(e.type, e.type).lower()})" for e in others]
        if not labels:
            return
        from PySide6.QtWidgets import QInputDialog

        choice, ok = QInputDialog.getItem(
            self,
            "Merge Entity",
            literal(f"Merge “{entity.name}” into:\n(its mentions will count as the other's)"),
            labels,
            0,
            False,
        )
        if ok and choice in labels:
            target = others[labels.index(choice)]
            self.merge(entity.key, target.key, target.name)


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
