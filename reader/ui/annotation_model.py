"""The annotations as a Qt table model: quote, note, tags, article, date.

Apart from the panel that shows it (:mod:`reader.ui.annotations_panel`) so the
window can hold its annotations, and tint them, before the panel is built.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication

from reader.ui.plain_text import tooltip
from reader.ui.roles import (
    AnnotationIdRole,
    AnnotationRole,
    DocIdRole,
    OrphanedRole,
    SortRole,
    StartRole,
    TagsRole,
)
from reader.ui.swatches import swatch_icon
from reader.ui.table_model import HeadedTableModel
from reader.ui.theme import muted_text

if TYPE_CHECKING:
    # Only named in type hints: the core module behind it loads when first used.
    from reader.core.library import Annotation

ModelIndex = QModelIndex | QPersistentModelIndex


QUOTE_COLUMN, NOTE_COLUMN, TAGS_COLUMN, ARTICLE_COLUMN, DATE_COLUMN = range(5)
HEADERS = ("Quote", "Note", "Tags", "Article", "Date")
# Cells show one line; the whole text is in the tooltip.
CELL_CHARS = 160
ORPHANED_TIP = (
    "Orphaned: this passage is no longer in the article's current text. "
    "The quote and note are kept, and the annotation re-attaches if the passage returns."
)


def one_line(text: str, limit: int = CELL_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _local_date(iso: str) -> str:
    stamp = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not stamp.isValid():
        stamp = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not stamp.isValid():
        return iso[:10]
    return stamp.toLocalTime().toString("d MMM yyyy")


class AnnotationTableModel(HeadedTableModel):
    """All annotations, one row each: quote, note, tags, article, date."""

    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Annotation] = []
        self._titles: dict[str, str] = {}

    # -- filling -------------------------------------------------------

    def set_annotations(
        self, annotations: Sequence[Annotation], titles: Mapping[str, str] | None = None
    ) -> None:
        """Replace every row; ``titles`` names the articles (id → title)."""
        self.beginResetModel()
        self._rows = list(annotations)
        if titles is not None:
            self._titles = dict(titles)
        self.endResetModel()

    def annotations(self) -> list[Annotation]:
        return list(self._rows)

    def annotation(self, annotation_id: str) -> Annotation | None:
        return next((a for a in self._rows if a.id == annotation_id), None)

    def row_of(self, annotation_id: str) -> int:
        return next((i for i, a in enumerate(self._rows) if a.id == annotation_id), -1)

    def article_title(self, doc_id: str) -> str:
        return self._titles.get(doc_id) or doc_id

    # -- the model interface -------------------------------------------

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        ann = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(ann, column)
        if role == SortRole:
            return self._sort_key(ann, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tooltip(ann, column))
        if role == Qt.ItemDataRole.DecorationRole and column == QUOTE_COLUMN and ann.color:
            return swatch_icon(ann.color, 12)
        if role == Qt.ItemDataRole.FontRole and ann.orphaned:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and ann.orphaned:
            return muted_text(QGuiApplication.palette())
        if role == AnnotationIdRole:
            return ann.id
        if role == DocIdRole:
            return ann.doc_id
        if role == StartRole:
            return ann.start
        if role == TagsRole:
            return list(ann.tags)
        if role == OrphanedRole:
            return ann.orphaned
        if role == AnnotationRole:
            return ann
        return None

    def _display(self, ann: Annotation, column: int) -> str:
        if column == QUOTE_COLUMN:
            return one_line(ann.quote)
        if column == NOTE_COLUMN:
            return one_line(ann.note)
        if column == TAGS_COLUMN:
            return ", ".join(ann.tags)
        if column == ARTICLE_COLUMN:
            title = one_line(self.article_title(ann.doc_id), 80)
            return f"{title} — orphaned" if ann.orphaned else title
        if column == DATE_COLUMN:
            return _local_date(ann.modified or ann.created)
        return ""

    def _sort_key(self, ann: Annotation, column: int) -> Any:
        if column == ARTICLE_COLUMN:
            # Within an article, in reading order.
            return f"{self.article_title(ann.doc_id).casefold()}\x00{ann.start:012d}"
        if column == DATE_COLUMN:
            return ann.modified or ann.created
        return self._display(ann, column).casefold()

    def _tooltip(self, ann: Annotation, column: int) -> str:
        parts: list[str] = []
        if ann.orphaned:
            parts.append(ORPHANED_TIP)
        if column == QUOTE_COLUMN:
            parts.append(ann.quote)
        elif column == NOTE_COLUMN and ann.note:
            parts.append(ann.note)
        elif column == ARTICLE_COLUMN:
            parts.append(self.article_title(ann.doc_id))
        elif column == DATE_COLUMN:
            parts.append(f"Created {_local_date(ann.created)}")
            if ann.modified and ann.modified != ann.created:
                parts.append(f"Changed {_local_date(ann.modified)}")
        return "\n\n".join(parts)
