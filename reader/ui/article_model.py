"""The article list as a Qt item model: the whole corpus, or the ranked hits of a search.

:class:`ArticleTableModel` holds plain rows (title, publisher, date, and
while searching the snippet, score and hit count) built once from the
facade's summaries or search result; ``data()`` is a list lookup, so a view
over 100,000 articles scrolls freely. Sorting is done by the source model on
precomputed keys — a Python sort of 100,000 keys takes milliseconds, where
``QSortFilterProxyModel`` would call back into Python millions of times —
and :class:`ArticleFilterProxy` forwards the view's sort request to it and
filters rows by a set of article ids (the selected entity's or meeting's).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from reader.core.model import Hit
from reader.ui.titles import display_title

DocIdRole = Qt.ItemDataRole.UserRole + 1
SnippetRole = Qt.ItemDataRole.UserRole + 2
HitCountRole = Qt.ItemDataRole.UserRole + 3
ScoreRole = Qt.ItemDataRole.UserRole + 4
RankRole = Qt.ItemDataRole.UserRole + 5
PublishedRole = Qt.ItemDataRole.UserRole + 6
SortKeyRole = Qt.ItemDataRole.UserRole + 7

TITLE_COLUMN, PUBLISHER_COLUMN, DATE_COLUMN, HITS_COLUMN = range(4)
HEADERS = ("Title", "Publisher", "Date", "Hits")

AnyIndex = QModelIndex | QPersistentModelIndex

# Qt 6.10 replaced invalidateRowsFilter() by a begin/end pair.
_HAS_FILTER_CHANGE = hasattr(QSortFilterProxyModel, "endFilterChange")


class SummaryLike(Protocol):
    """What the list needs of one article summary from the facade."""

    id: str
    title: str
    publisher: str
    published: str | None


@dataclass(frozen=True)
class ArticleRow:
    """One row of the list, already in display form."""

    doc_id: str
    title: str
    publisher: str
    published: str  # ISO date or ""
    rank: int
    snippet: str = ""
    hit_count: int = 0
    score: float = 0.0


class ArticleTableModel(QAbstractTableModel):
    """Articles (browse mode) or ranked search hits (search mode) in four columns.

    The Hits column is empty outside search mode; views hide it.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ArticleRow] = []
        self._searching = False
        self._row_of: dict[str, int] = {}

    # -- filling -------------------------------------------------------

    def set_summaries(self, summaries: Iterable[SummaryLike]) -> None:
        """Browse mode: every article, newest first."""
        rows = [
            ArticleRow(
                doc_id=s.id,
                title=display_title(s),
                publisher=s.publisher or "",
                published=s.published or "",
                rank=0,
            )
            for s in summaries
        ]
        rows.sort(key=lambda r: (r.published, r.title.casefold()), reverse=True)
        self._reset([_with_rank(r, n) for n, r in enumerate(rows)], searching=False)

    def set_hits(self, hits: Sequence[Hit]) -> None:
        """Search mode: only the matching articles, in the order the index ranked them."""
        rows = [
            ArticleRow(
                doc_id=h.id,
                title=display_title(h),
                publisher=h.publisher or "",
                published=h.published or "",
                rank=n,
                snippet=h.snippet,
                hit_count=len(h.matches),
                score=h.score,
            )
            for n, h in enumerate(hits)
        ]
        self._reset(rows, searching=True)

    def _reset(self, rows: list[ArticleRow], *, searching: bool) -> None:
        self.beginResetModel()
        self._rows = rows
        self._searching = searching
        self._row_of = {r.doc_id: n for n, r in enumerate(rows)}
        self.endResetModel()

    # -- asking --------------------------------------------------------

    def is_searching(self) -> bool:
        return self._searching

    def row_for(self, doc_id: str) -> int:
        """The row of ``doc_id``, or -1."""
        return self._row_of.get(doc_id, -1)

    def article(self, row: int) -> ArticleRow:
        return self._rows[row]

    def doc_ids(self) -> list[str]:
        return [r.doc_id for r in self._rows]

    # -- Qt model API --------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return HEADERS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == TITLE_COLUMN:
                return row.title
            if column == PUBLISHER_COLUMN:
                return row.publisher
            if column == DATE_COLUMN:
                return row.published[:10]
            if column == HITS_COLUMN:
                return str(row.hit_count) if self._searching else ""
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if self._searching and row.snippet:
                return f"{row.title}\n\n{row.snippet}"
            return row.title if column == TITLE_COLUMN else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == HITS_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == DocIdRole:
            return row.doc_id
        if role == SnippetRole:
            return row.snippet
        if role == HitCountRole:
            return row.hit_count
        if role == ScoreRole:
            return row.score
        if role == RankRole:
            return row.rank
        if role == PublishedRole:
            return row.published
        if role == SortKeyRole:
            return _sort_key(row, column)
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {
                DocIdRole: b"docId",
                SnippetRole: b"snippet",
                HitCountRole: b"hitCount",
                ScoreRole: b"score",
                RankRole: b"rank",
                PublishedRole: b"published",
                SortKeyRole: b"sortKey",
            }
        )
        return names

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on precomputed keys; a negative column restores the natural (ranked) order."""
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.doc_id for r in self._rows]
        if column < 0 or column >= len(HEADERS):
            self._rows.sort(key=lambda r: r.rank)
        else:
            # Rank breaks ties, so equal keys keep a stable, meaningful order.
            reverse = order == Qt.SortOrder.DescendingOrder
            self._rows.sort(key=lambda r: r.rank)
            self._rows.sort(key=lambda r: _sort_key(r, column), reverse=reverse)
        self._row_of = {r.doc_id: n for n, r in enumerate(self._rows)}
        old_indexes = self.persistentIndexList()
        new_indexes = [self.index(self._row_of[old_ids[i.row()]], i.column()) for i in old_indexes]
        self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()


def _with_rank(row: ArticleRow, rank: int) -> ArticleRow:
    return ArticleRow(row.doc_id, row.title, row.publisher, row.published, rank)


def _sort_key(row: ArticleRow, column: int) -> Any:
    if column == TITLE_COLUMN:
        return row.title.casefold()
    if column == PUBLISHER_COLUMN:
        return row.publisher.casefold()
    if column == DATE_COLUMN:
        return row.published
    if column == HITS_COLUMN:
        return row.hit_count
    return row.rank


class ArticleFilterProxy(QSortFilterProxyModel):
    """Keeps only the articles in a set of ids (or all), and lets the source model sort.

    The proxy never sorts itself: :meth:`sort` hands the request to the
    source model, which sorts on precomputed keys, and the proxy follows its
    order.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._allowed: frozenset[str] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def set_allowed_ids(self, doc_ids: Collection[str] | None) -> None:
        """Show only these articles; ``None`` shows all."""
        allowed = None if doc_ids is None else frozenset(doc_ids)
        if allowed == self._allowed:
            return
        if _HAS_FILTER_CHANGE:
            self.beginFilterChange()
            self._allowed = allowed
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt before 6.10
            self._allowed = allowed
            self.invalidateRowsFilter()

    def allowed_ids(self) -> frozenset[str] | None:
        return self._allowed

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if self._allowed is None:
            return True
        model = self.sourceModel()
        if isinstance(model, ArticleTableModel):
            return model.article(source_row).doc_id in self._allowed
        return model.index(source_row, 0, source_parent).data(DocIdRole) in self._allowed

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column
        self._sort_order = order
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order
