"""The article list as a Qt item model: the whole corpus, or every match of a search.

:class:`ArticleTableModel` holds plain rows (title, publisher, date, score)
built once from the facade's summaries or a search's ranking; ``data()`` is
a list lookup, so a view over 100,000 articles scrolls freely. A search
holds a row for every matching article at once (the count is exact, the
scroll bar spans them all), ranked; the snippet and hit count of a row are
fetched with its page of :data:`HIT_PAGE` rows the first time the view asks
for them. Fetching in ``data()`` rather than through ``canFetchMore`` /
``fetchMore`` means dragging the scroll bar to the end fetches only the
last page, not every page on the way.

Sorting and filtering are done by the model itself, on keys computed when
the rows are built: a Python sort of 100,000 keys takes milliseconds, where
``QSortFilterProxyModel`` would call back into Python for every comparison
and, to filter, for every row — and would tell the view about every run of
rows that appeared or went, which a tree view answers by laying itself out
again each time. A filter change here is one model reset; a sort is one
layout change. :class:`ArticleFilterProxy`, the model the view is given,
maps rows one to one and hands sort and filter requests to the model.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Iterable, Sequence
from operator import attrgetter, itemgetter
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QByteArray,
    QIdentityProxyModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from reader.core.model import Hit
from reader.ui.plain_text import tooltip
from reader.ui.roles import (
    DocIdRole,
    HitCountRole,
    PublishedRole,
    RankRole,
    ScoreRole,
    SnippetRole,
    SortKeyRole,
)
from reader.ui.table_model import HeadedTableModel
from reader.ui.titles import TitledArticle, display_title

log = logging.getLogger(__name__)

TITLE_COLUMN, PUBLISHER_COLUMN, DATE_COLUMN, HITS_COLUMN = range(4)

# Hits (snippets, offsets) are fetched this many rows at a time.
HIT_PAGE = 50

Span = tuple[int, int]
# Fetches the hits of the current search for ``(id, score)`` pairs.
HitFetcher = Callable[[list[tuple[str, float]]], Sequence[Hit]]
HEADERS = ("Title", "Publisher", "Date", "Hits")

AnyIndex = QModelIndex | QPersistentModelIndex

# Qt's roles as plain ints, looked up once: ``data()`` runs for every role of
# every painted cell, and reading an enum member costs more than the answer.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_HITS_ALIGNMENT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ANSWERED = frozenset(
    {
        _DISPLAY,
        _TOOLTIP,
        _ALIGNMENT,
        DocIdRole,
        SnippetRole,
        HitCountRole,
        ScoreRole,
        RankRole,
        PublishedRole,
        SortKeyRole,
    }
)


# What the list needs of one article summary: the same as naming it needs.
SummaryLike = TitledArticle


class ArticleRow(NamedTuple):
    """One row of the list, already in display form, with its sort keys.

    A tuple rather than a dataclass: 100,000 of them are built at every fill.
    """

    doc_id: str
    title: str
    publisher: str
    published: str  # ISO date or ""
    rank: int  # place in the natural order: newest first, or the search's ranking
    title_key: str  # casefolded, for sorting
    publisher_key: str
    snippet: str = ""
    hit_count: int = 0
    score: float = 0.0


# The sort key of each column (any other column: the natural order).
_COLUMN_KEYS: dict[int, Callable[[ArticleRow], Any]] = {
    TITLE_COLUMN: attrgetter("title_key"),
    PUBLISHER_COLUMN: attrgetter("publisher_key"),
    DATE_COLUMN: attrgetter("published"),
    HITS_COLUMN: attrgetter("hit_count"),
}


class ArticleTableModel(HeadedTableModel):
    """Articles (browse mode) or ranked search hits (search mode) in four columns.

    The Hits column is empty outside search mode; views hide it. The model
    keeps every row in ``_ranked`` (the natural order), the same rows in the
    chosen sort order, and the rows shown: those of the allowed ids, if a
    filter is set (:meth:`set_allowed_ids`).
    """

    HEADERS = HEADERS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ranked: list[ArticleRow] = []
        self._ordered: list[ArticleRow] = []
        self._rows: list[ArticleRow] = []
        self._searching = False
        self._allowed: frozenset[str] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._row_of: dict[str, int] | None = None  # built when first asked for
        self._catalog: dict[str, ArticleRow] = {}  # the corpus's rows, by id
        self._fetch: HitFetcher | None = None
        # doc id -> (snippet, hit count, offsets) of the current search, as fetched.
        self._hit_info: dict[str, HitInfo] = {}

    # -- filling -------------------------------------------------------

    def set_summaries(
        self,
        summaries: Iterable[SummaryLike],
        *,
        sort: tuple[int, Qt.SortOrder] | None = None,
    ) -> None:
        """Browse mode: every article, newest first unless ``sort`` (column, order) says otherwise.

        Without ``sort`` the order the reader chose last is kept.
        """
        self.set_browse_rows(browse_rows(summaries), sort=sort)

    def set_browse_rows(
        self, rows: list[ArticleRow], *, sort: tuple[int, Qt.SortOrder] | None = None
    ) -> None:
        """Browse mode over rows made by :func:`browse_rows` (perhaps on a worker thread)."""
        if sort is not None:
            self._sort_column = sort[0] if sort[0] in _COLUMN_KEYS else -1
            self._sort_order = sort[1]
        self.set_catalog(rows)
        self._fetch = None
        self._hit_info = {}
        self._reset(rows, searching=False)

    def set_catalog(self, rows: Iterable[ArticleRow]) -> None:
        """The corpus's rows, by which a search's rows get their titles and dates."""
        self._catalog = {r.doc_id: r for r in rows}

    def set_hits(self, hits: Sequence[Hit]) -> None:
        """Search mode over hits already complete: the matching articles, as ranked."""
        self.set_ranking([(h.id, h.score) for h in hits], hits)

    def set_ranking(
        self,
        ranked: Sequence[tuple[str, float]],
        first: Sequence[Hit] = (),
        fetch: HitFetcher | None = None,
    ) -> None:
        """Search mode: a row for every match in ``ranked`` (``(id, score)``, best first).

        ``first`` are hits already fetched (typically the first page);
        ``fetch`` gets the others a page at a time as rows are shown.
        Titles, publishers and dates come from the corpus rows the model was
        last filled with, else from a fetched hit.
        """
        known = {h.id: h for h in first}
        catalog = self._catalog
        rows = []
        for n, (doc_id, score) in enumerate(ranked):
            base = catalog.get(doc_id)
            if base is not None:
                rows.append(base._replace(rank=n, score=score))
                continue
            hit = known.get(doc_id)
            title = display_title(hit) if hit is not None else doc_id
            publisher = (hit.publisher or "") if hit is not None else ""
            published = (hit.published or "") if hit is not None else ""
            rows.append(
                ArticleRow(
                    doc_id,
                    title,
                    publisher,
                    published,
                    n,
                    title.casefold(),
                    publisher.casefold(),
                    score=score,
                )
            )
        self._fetch = fetch
        self._hit_info = {h.id: _hit_info(h) for h in first}
        # A new search is read in rank order, whatever column was sorted before.
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._reset(rows, searching=True)

    def matches_for(self, doc_id: str) -> list[Span]:
        """The body offsets the current search matched in ``doc_id`` (none outside a search)."""
        return list(self.hit_info(doc_id).matches)

    def header_matches_for(self, doc_id: str) -> list[tuple[str, int, int]]:
        """The current search's matches in the title, subtitle and captions of ``doc_id``."""
        return list(self.hit_info(doc_id).header)

    def hit_info(self, doc_id: str) -> HitInfo:
        """The current search's hits in ``doc_id``, fetched if need be (none outside a search)."""
        if not self._searching:
            return _NO_HITS
        info = self._hit_info.get(doc_id)
        if info is None:
            row = self.row_for(doc_id)
            if row < 0:
                return _NO_HITS
            info = self._ensure_hits(row)
        return info

    def _ensure_hits(self, row: int) -> HitInfo:
        """The hit info of a shown row, fetching its page first if need be."""
        doc_id = self._rows[row].doc_id
        info = self._hit_info.get(doc_id)
        if info is not None:
            return info
        start = row - row % HIT_PAGE
        page = self._rows[start : start + HIT_PAGE]
        self._fetch_rows([r for r in page if r.doc_id not in self._hit_info])
        return self._hit_info.get(doc_id, _NO_HITS)

    def _fetch_rows(self, rows: Sequence[ArticleRow]) -> None:
        if not rows:
            return
        fetched: Sequence[Hit] = ()
        if self._fetch is not None:
            try:
                fetched = self._fetch([(r.doc_id, r.score) for r in rows])
            except Exception:  # a row without a snippet beats a view that cannot paint
                log.exception("the hits of a page could not be fetched")
        for hit in fetched:
            self._hit_info[hit.id] = _hit_info(hit)
        for r in rows:
            # Asked once: an article the index no longer has shows no hits.
            self._hit_info.setdefault(r.doc_id, _NO_HITS)

    def set_allowed_ids(self, doc_ids: Collection[str] | None) -> None:
        """Show only these articles (an entity's or a meeting's); ``None`` shows all."""
        allowed = None if doc_ids is None else frozenset(doc_ids)
        if allowed == self._allowed:
            return
        self.beginResetModel()
        self._allowed = allowed
        self._rows = self._filtered(self._ordered)
        self._row_of = None
        self.endResetModel()

    def allowed_ids(self) -> frozenset[str] | None:
        return self._allowed

    def _reset(self, rows: list[ArticleRow], *, searching: bool) -> None:
        self.beginResetModel()
        self._ranked = rows
        self._searching = searching
        self._ordered = self._sorted(rows)
        self._rows = self._filtered(self._ordered)
        self._row_of = None
        self.endResetModel()

    def _sorted(self, ranked: list[ArticleRow]) -> list[ArticleRow]:
        key = _COLUMN_KEYS.get(self._sort_column)
        if key is None:
            return ranked
        if self._searching and self._sort_column == HITS_COLUMN:
            # Every row's count is needed: fetch the ones not yet seen, at once.
            self._fetch_rows([r for r in ranked if r.doc_id not in self._hit_info])
            info = self._hit_info
            key = lambda r: info.get(r.doc_id, _NO_HITS).hits  # noqa: E731
        # Python's sort is stable, reversed too: equal keys keep their rank order.
        reverse = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(ranked, key=key, reverse=reverse)

    def _filtered(self, rows: list[ArticleRow]) -> list[ArticleRow]:
        allowed = self._allowed
        if allowed is None:
            return rows
        return [r for r in rows if r.doc_id in allowed]

    # -- asking --------------------------------------------------------

    def is_searching(self) -> bool:
        return self._searching

    def row_for(self, doc_id: str) -> int:
        """The row of ``doc_id`` among the rows shown, or -1."""
        if self._row_of is None:
            self._row_of = {r.doc_id: n for n, r in enumerate(self._rows)}
        return self._row_of.get(doc_id, -1)

    def article(self, row: int) -> ArticleRow:
        return self._rows[row]

    def doc_ids(self) -> list[str]:
        """The ids of the rows shown, in their order."""
        return [r.doc_id for r in self._rows]

    def fetched_count(self) -> int:
        """How many rows of the current search have their hits fetched."""
        return sum(1 for r in self._ranked if r.doc_id in self._hit_info)

    def total_count(self) -> int:
        """Every row, shown or filtered out."""
        return len(self._ranked)

    # -- Qt model API --------------------------------------------------

    # No flags() here on purpose: QAbstractTableModel's own (enabled,
    # selectable, never has children) are the ones wanted, and answering in
    # C++ spares a Python call for every row each time the view lays out.

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            if column == TITLE_COLUMN:
                return row.title
            if column == PUBLISHER_COLUMN:
                return row.publisher
            if column == DATE_COLUMN:
                return row.published[:10]
            if column == HITS_COLUMN:
                return str(self._ensure_hits(index.row()).hits) if self._searching else ""
            return None
        if role == _TOOLTIP:
            snippet = self._ensure_hits(index.row()).snippet if self._searching else ""
            if snippet:
                return tooltip(f"{row.title}\n\n{snippet}")
            return tooltip(row.title) if column == TITLE_COLUMN else None
        if role == _ALIGNMENT:
            return _HITS_ALIGNMENT if column == HITS_COLUMN else None
        if role == DocIdRole:
            return row.doc_id
        if role == SnippetRole:
            return self._ensure_hits(index.row()).snippet if self._searching else row.snippet
        if role == HitCountRole:
            return self._ensure_hits(index.row()).hits if self._searching else row.hit_count
        if role == ScoreRole:
            return row.score
        if role == RankRole:
            return row.rank
        if role == PublishedRole:
            return row.published
        if self._searching and column == HITS_COLUMN:  # SortKeyRole from here on
            return self._ensure_hits(index.row()).hits
        return _sort_key(row, column)

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        extra = {
            DocIdRole: b"docId",
            SnippetRole: b"snippet",
            HitCountRole: b"hitCount",
            ScoreRole: b"score",
            RankRole: b"rank",
            PublishedRole: b"published",
            SortKeyRole: b"sortKey",
        }
        names.update({role: QByteArray(name) for role, name in extra.items()})
        return names

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on precomputed keys; a negative column restores the natural (ranked) order."""
        self.layoutAboutToBeChanged.emit()
        old_rows = self._rows
        self._sort_column = column if column in _COLUMN_KEYS else -1
        self._sort_order = order
        self._ordered = self._sorted(self._ranked)
        self._rows = self._filtered(self._ordered)
        self._row_of = None
        old_indexes = self.persistentIndexList()
        if old_indexes:
            new_indexes = [
                self.index(self.row_for(old_rows[i.row()].doc_id), i.column()) for i in old_indexes
            ]
            self.changePersistentIndexList(old_indexes, new_indexes)
        self.layoutChanged.emit()

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order


class HitInfo(NamedTuple):
    """What the list knows of one match once its page is fetched."""

    snippet: str
    hits: int  # as a reader counts them: header and body, a phrase once
    matches: list[Span]  # body offsets
    header: list[tuple[str, int, int]]  # (part, start, end): see Hit.header_matches


_NO_HITS = HitInfo("", 0, [], [])


def _hit_info(hit: Hit) -> HitInfo:
    matches = [(int(s), int(e)) for s, e in hit.matches]
    header = [(str(p), int(s), int(e)) for p, s, e in hit.header_matches]
    return HitInfo(hit.snippet, len(matches) + len(header), matches, header)


def browse_rows(summaries: Iterable[SummaryLike]) -> list[ArticleRow]:
    """The rows of browse mode, newest first; plain Python, safe on any thread."""
    prepared = []
    for s in summaries:
        title = display_title(s)
        prepared.append((s.published or "", title.casefold(), title, s))
    # Newest first, then by title: two stable sorts on one string each are
    # several times faster than one sort on (date, title) tuples.
    prepared.sort(key=itemgetter(1), reverse=True)
    prepared.sort(key=itemgetter(0), reverse=True)
    return [
        ArticleRow(
            s.id, title, s.publisher or "", published, n, key, (s.publisher or "").casefold()
        )
        for n, (published, key, title, s) in enumerate(prepared)
    ]


def _sort_key(row: ArticleRow, column: int) -> Any:
    key = _COLUMN_KEYS.get(column)
    return key(row) if key is not None else row.rank


class ArticleFilterProxy(QIdentityProxyModel):
    """The model the list view is given: the article model row for row.

    Filtering by a set of ids and sorting are requests handed on to the
    :class:`ArticleTableModel` underneath, which does both on its own keys
    (see the module docs); the proxy then follows its rows, in C++.
    """

    def _articles(self) -> ArticleTableModel | None:
        model = self.sourceModel()
        return model if isinstance(model, ArticleTableModel) else None

    def set_allowed_ids(self, doc_ids: Collection[str] | None) -> None:
        """Show only these articles; ``None`` shows all."""
        model = self._articles()
        if model is not None:
            model.set_allowed_ids(doc_ids)

    def allowed_ids(self) -> frozenset[str] | None:
        model = self._articles()
        return model.allowed_ids() if model is not None else None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def sortColumn(self) -> int:
        model = self._articles()
        return model.sort_column() if model is not None else -1

    def sortOrder(self) -> Qt.SortOrder:
        model = self._articles()
        return model.sort_order() if model is not None else Qt.SortOrder.AscendingOrder
