"""The article list pane: a thin view over :mod:`reader.ui.article_model`.

Above the list, a :class:`FilterBar` names the filter in force (the
selected entity's articles, or a meeting's) and clears it.

While browsing, rows are one line painted by Qt itself
(:class:`BrowseDelegate` only sets their height), so scrolling 100,000 rows
runs no Python per cell but the model's ``data()``; while searching,
:class:`ArticleDelegate` paints the title over a muted snippet.

The view is a ``QTableView`` whose rows all have one fixed height (a taller
one while searching): a fill or a sort of 10,000 or 1,000,000 rows is never
laid out row by row, as a ``QTreeView`` does even with uniform row heights.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.model import SearchResult
from reader.ui.article_model import (
    DATE_COLUMN,
    HITS_COLUMN,
    PUBLISHER_COLUMN,
    TITLE_COLUMN,
    ArticleFilterProxy,
    ArticleRow,
    ArticleTableModel,
    DocIdRole,
    HitFetcher,
    SnippetRole,
    browse_rows,
)
from reader.ui.item_paint import draw_elided, paint_bare_cell
from reader.ui.plain_text import tooltip

ROW_PADDING = 6
SNIPPET_LINES = 2


def browse_row_height(font: QFont) -> int:
    """One line with room around it."""
    return QFontMetrics(font).height() + ROW_PADDING * 2


def search_row_height(font: QFont) -> int:
    """The title and :data:`SNIPPET_LINES` lines of snippet."""
    return QFontMetrics(font).height() * (1 + SNIPPET_LINES) + ROW_PADDING * 2 + 3


class BrowseDelegate(QStyledItemDelegate):
    """One line per article, with room around it; Qt paints the cells."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(super().sizeHint(option, index).width(), browse_row_height(option.font))


class ArticleDelegate(QStyledItemDelegate):
    """Paints the title column as title + snippet (search mode)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(super().sizeHint(option, index).width(), search_row_height(option.font))

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        cell = paint_bare_cell(self, painter, option, index)
        opt = cell.option
        snippet = " ".join((index.data(SnippetRole) or "").split())
        if index.column() != TITLE_COLUMN:
            snippet = ""
        rect = opt.rect.adjusted(6, ROW_PADDING, -6, -ROW_PADDING)
        line = QFontMetrics(opt.font).height()
        painter.save()
        first_font = QFont(opt.font)
        if index.column() == TITLE_COLUMN:
            first_font.setWeight(QFont.Weight.DemiBold)
        # Every cell's text sits on the title's line, not in the middle of a tall row.
        align = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignRight
            if index.column() == HITS_COLUMN
            else Qt.AlignmentFlag.AlignLeft
        )
        painter.setPen(cell.colour)
        draw_elided(
            painter,
            QRect(rect.left(), rect.top(), rect.width(), line),
            cell.text,
            first_font,
            align,
        )
        painter.setFont(opt.font)
        painter.setPen(cell.muted)
        top = rect.top() + line + 3
        for text_line in wrap_lines(snippet, opt.font, rect.width(), SNIPPET_LINES):
            painter.drawText(
                QRect(rect.left(), top, rect.width(), line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text_line,
            )
            top += line
        painter.restore()


def wrap_lines(text: str, font: QFont, width: int, max_lines: int) -> list[str]:
    """Break ``text`` into at most ``max_lines`` lines of ``width`` pixels, eliding the last."""
    metrics = QFontMetrics(font)
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines - 1:
        if metrics.horizontalAdvance(rest) <= width:
            break
        cut = len(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)) - 1
        space = rest.rfind(" ", 0, max(cut, 1))
        cut = space if space > 0 else max(cut, 1)
        lines.append(rest[:cut])
        rest = rest[cut:].lstrip()
    if rest:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return lines


class FilterBar(QWidget):
    """ "Articles about: Summit in Moscow, 22 January 2019 ✕": the list's filter, and its clearing.

    Hidden while no filter is in force.

    Signals:
        clear_requested(): the reader asked for every article again.
    """

    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterBar")
        self.setAccessibleName("Article filter")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        # A long meeting title must not widen the list pane: the label takes
        # the width it is given, and its tooltip holds the whole text.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("✕")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setToolTip("Show all articles")
        self.clear_button.setAccessibleName("Clear the filter")
        self.clear_button.clicked.connect(self.clear_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.clear_button)
        self.hide()

    def show_filter(self, text: str) -> None:
        """Name the filter in force; an empty ``text`` hides the bar."""
        self.label.setText(text)
        self.label.setToolTip(tooltip(text) or "")
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text() if not self.isHidden() else ""


class ArticleList(QWidget):
    """The left pane: a caption ("5 articles", "3 articles match") over the sortable list.

    Signals:
        article_selected(str): the id of the article the reader moved to.
        filter_cleared(): the reader cleared the filter from the filter bar
            (the list already shows every article).
        remove_requested(list): the reader asked (Delete) to remove these articles.
    """

    article_selected = Signal(str)
    filter_cleared = Signal()
    remove_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Article list")
        self.model = ArticleTableModel(self)
        self.proxy = ArticleFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self._stale = ""  # why the rows shown are not the box's answer ("" when they are)
        self.caption = QLabel(self)
        self.caption.setObjectName("listCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_bar = FilterBar(self)
        self.filter_bar.clear_requested.connect(self._on_clear_requested)

        self.view = QTableView(self)
        self.view.setAccessibleName("Articles")
        self.view.setModel(self.proxy)
        # One delegate per mode, swapped rather than asked which mode it is
        # in: a Python paint() per cell is what browsing 100,000 rows avoids.
        self.browse_delegate = BrowseDelegate(self.view)
        self.search_delegate = ArticleDelegate(self.view)
        self.view.setItemDelegate(self.browse_delegate)
        # Rows of one fixed height, set per mode (see _set_row_height): the
        # view then never asks a row its size.
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        rows.hide()
        self._set_row_height(browse_row_height(self.view.font()))
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        # Tab leaves the list, as from any one-item-per-row list.
        self.view.setTabKeyNavigation(False)
        self.view.setAlternatingRowColors(False)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.remove_action = QAction("Remove Article…", self.view)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self._on_remove)
        self.view.addAction(self.remove_action)
        self.view.setFrameShape(QTableView.Shape.NoFrame)
        header = self.view.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorClearable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PUBLISHER_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DATE_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(HITS_COLUMN, QHeaderView.ResizeMode.Fixed)
        metrics = QFontMetrics(self.view.font())
        # Sized for any corpus, not one publisher: some 14 characters of a
        # name (the rest elides), an ISO date, a hit count of six digits.
        header.resizeSection(PUBLISHER_COLUMN, metrics.averageCharWidth() * 14 + 12)
        header.resizeSection(DATE_COLUMN, metrics.horizontalAdvance("0000-00-00") + 24)
        hits = max(metrics.horizontalAdvance(t) for t in ("Hits", "000,000"))
        header.resizeSection(HITS_COLUMN, hits + 28)  # room for the sort arrow
        self.view.setColumnHidden(HITS_COLUMN, True)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)

    # -- filling -------------------------------------------------------

    def show_summaries(self, summaries: Collection[object]) -> None:
        """Browse mode over every article; the reader's chosen sort is kept."""
        self.show_rows(browse_rows(summaries))  # type: ignore[arg-type]

    def show_rows(self, rows: list[ArticleRow]) -> None:
        """Browse mode over rows made by :func:`~reader.ui.article_model.browse_rows`."""
        self._fresh()
        current = self.current_doc_id()
        header = self.view.horizontalHeader()
        self.view.setItemDelegate(self.browse_delegate)
        self._set_row_height(browse_row_height(self.view.font()))
        self.model.set_browse_rows(
            rows, sort=(header.sortIndicatorSection(), header.sortIndicatorOrder())
        )
        self.view.setColumnHidden(HITS_COLUMN, True)
        self._update_caption()
        if current:
            self.select(current, notify=False)

    def show_hits(self, hits: list[object], query: str) -> None:
        """Search mode over complete hits, in rank order."""
        self._enter_search()
        self.model.set_hits(hits)  # type: ignore[arg-type]
        self._after_search(query)

    def show_result(self, result: SearchResult, fetch: HitFetcher) -> None:
        """Search mode: a row for every match of ``result``, the hits of each fetched as shown.

        ``result`` carries the whole ranking (a search with ``every_match``)
        and its first hits; ``fetch`` gets the hits of further pages.
        """
        self._enter_search()
        ranked = result.ranked or [(h.id, h.score) for h in result.hits]
        self.model.set_ranking(ranked, result.hits, fetch)
        self._after_search(result.query)

    def set_corpus_rows(self, rows: list[ArticleRow]) -> None:
        """The corpus's rows, for titles and dates of a search's rows, without showing them."""
        self.model.set_catalog(rows)

    def matches_for(self, doc_id: str) -> list[tuple[int, int]]:
        """The body offsets the current search matched in ``doc_id`` (none outside a search)."""
        return self.model.matches_for(doc_id)

    def header_matches_for(self, doc_id: str) -> list[tuple[str, int, int]]:
        """The current search's matches in the title, subtitle and captions of ``doc_id``."""
        return self.model.header_matches_for(doc_id)

    def set_stale(self, reason: str) -> None:
        """Grey the rows shown: they answer an earlier query, not the one in the box."""
        self._stale = reason
        self.view.setEnabled(False)
        self._update_caption()

    def is_stale(self) -> bool:
        return bool(self._stale)

    def _fresh(self) -> None:
        self._stale = ""
        self.view.setEnabled(True)

    def _enter_search(self) -> None:
        self._fresh()
        self.view.setItemDelegate(self.search_delegate)
        self._set_row_height(search_row_height(self.view.font()))

    def _after_search(self, query: str) -> None:
        self.view.setColumnHidden(HITS_COLUMN, False)
        # A new search is read in rank order, whatever column was sorted before.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self._update_caption(query)

    def set_allowed_ids(self, doc_ids: Collection[str] | None, label: str = "") -> None:
        """Show only these articles (the selected entity's or meeting's); ``None`` for all.

        ``label`` names what they are about, for the filter bar. The open
        article stays the current row when it is among them.
        """
        current = self.current_doc_id()
        self.proxy.set_allowed_ids(doc_ids)
        if current:
            self.select(current, notify=False)
        if doc_ids is None:
            self.filter_bar.show_filter("")
        else:
            n = len(doc_ids)
            about = label or f"{n} chosen article{'s' if n != 1 else ''}"
            self.filter_bar.show_filter(f"Articles about: {about}")
        self._update_caption()

    def filter_text(self) -> str:
        """What the filter bar says ("" with no filter in force)."""
        return self.filter_bar.text()

    def _on_clear_requested(self) -> None:
        self.set_allowed_ids(None)
        self.filter_cleared.emit()

    def _set_row_height(self, height: int) -> None:
        self.view.verticalHeader().setDefaultSectionSize(height)

    # -- asking and moving ---------------------------------------------

    def visible_doc_ids(self) -> list[str]:
        return self.model.doc_ids()

    def current_doc_id(self) -> str:
        index = self.view.currentIndex()
        return index.data(DocIdRole) if index.isValid() else ""

    def select(self, doc_id: str, *, notify: bool = True) -> bool:
        """Make ``doc_id`` the current row; ``notify`` says whether to emit ``article_selected``."""
        source_row = self.model.row_for(doc_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            return False
        blocker = None if notify else self.view.selectionModel().blockSignals(True)
        self.view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        if blocker is not None:
            self.view.selectionModel().blockSignals(blocker)
            self.view.viewport().update()
        self.view.scrollTo(index)
        return True

    def select_first(self) -> str:
        """Make the first visible row current and return its id ("" if the list is empty)."""
        if self.proxy.rowCount() == 0:
            return ""
        doc_id = self.proxy.index(0, 0).data(DocIdRole)
        self.select(doc_id)
        return doc_id

    def _on_remove(self) -> None:
        doc_id = self.current_doc_id()
        if doc_id:
            self.remove_requested.emit([doc_id])

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.article_selected.emit(current.data(DocIdRole))

    def _update_caption(self, query: str | None = None) -> None:
        if self._stale:
            self.caption.setText(f"Earlier results, not for the query in the box: {self._stale}")
            return
        shown = self.proxy.rowCount()
        total = self.model.total_count()
        noun = "article" if shown == 1 else "articles"
        if self.model.is_searching():
            text = f"{shown:,} {noun} match" if shown != 1 else "1 article matches"
            if shown == 0:
                text = "No article matches"
        else:
            text = f"{shown:,} {noun}"
        if self.proxy.allowed_ids() is not None and shown != total:
            text += f"  ·  filtered from {total:,}"
        self.caption.setText(text)
