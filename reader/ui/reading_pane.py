"""The reading pane: one cleaned article, its header, and the marks laid over it.

The article is built once into a ``QTextDocument`` through a text cursor —
document text is inserted as text, never parsed as markup, and nothing is
ever loaded from outside. Search hits, entity mentions and annotation tints
are ``ExtraSelection`` layers on top, so changing them (the next hit, another
entity) never rebuilds the document. A very long article goes into the
document a part at a time (see ``WHOLE_LIMIT``): offsets stay the whole
body's, and a hit, link or scroll beyond the part shown builds the part it
needs.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.core.library import human_date, sources_line
from reader.core.model import PARAGRAPH_SEPARATOR, Document
from reader.ui import theme
from reader.ui.plain_text import escaped
from reader.ui.text_offsets import BodyPositionMap
from reader.ui.titles import display_title, is_untitled

Span = tuple[int, int]
# A hit in the header: (part, start, end), part "title", "subtitle" or "caption N".
HeaderSpan = tuple[str, int, int]

# Point sizes the zoom steps through; the default is the fourth.
ZOOM_SIZES = (9.0, 10.0, 11.0, 12.0, 13.0, 14.5, 16.0, 18.0, 20.0, 24.0)
DEFAULT_ZOOM = 3
# A comfortable measure for reading: about this many characters per line.
MEASURE_CHARS = 72
MIN_SIDE_MARGIN = 24
PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
# Up to this many hits every one is painted at once. Beyond it (a common word
# in a book-length article: tens of thousands) only the hits near the view
# get a highlight, and those are made again as the reader scrolls: each
# highlight is a text cursor and a format, and 44,000 of them cost the
# window some 800 MB and ten seconds.
MARK_ALL_LIMIT = 2000
# How many hits on each side of the view are painted beyond that limit.
MARK_WINDOW = 500
# An article longer than this (characters of body text) is shown a part at a
# time. Qt lays a whole document out in the background within a second or
# two of showing it, and a laid-out 10 MB article holds some 600 MB of glyph
# runs, so a long article never goes into the document whole: a part of about
# PAGE_CHARS characters does, and the next part replaces it as the reader
# scrolls to its edge, steps to a hit beyond it or follows a link into it.
WHOLE_LIMIT = 300_000
PAGE_CHARS = 150_000


@dataclass(frozen=True)
class AnnotationSpan:
    """A tinted passage: body offsets, a colour (any ``QColor`` name) and a note."""

    start: int
    end: int
    color: str
    note: str = ""


class ArticleBrowser(QTextBrowser):
    """A read-only text view that loads nothing and follows no links.

    Signals:
        tooltip_requested(QPoint, int): a help event at a widget position and
            the document position under it; the pane answers with a note.
    """

    tooltip_requested = Signal(QPoint, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self._extra_actions: list[QAction] = []

    def viewport_width(self) -> int:
        """The viewport's width, worked out without asking for the viewport widget.

        The first ``viewport()`` call hands PySide a plain ``QWidget`` pointer
        it has not wrapped yet, and PySide finds its Python type by trying
        every ``QWidget`` subclass in QtWidgets, creating each type and its
        enums: about 10 ms before the first article can be laid out at
        start-up. The viewport is what the frame leaves
        (``maximumViewportSize``) less the vertical scroll bar while it shows
        (Fusion's scroll bars take their room; they are never laid over the text).
        """
        width = self.maximumViewportSize().width()
        bar = self.verticalScrollBar()
        always = self.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOn
        if bar.isVisibleTo(self) and not always:  # always on: already left out
            width -= bar.sizeHint().width()
        return width

    def loadResource(self, type: int, name: QUrl | str) -> object:
        # No images, style sheets or anything else: a document can never make
        # the window fetch a remote URL or read a local file.
        return None

    def add_context_action(self, action: QAction) -> None:
        self._extra_actions.append(action)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self._extra_actions:
            menu.addSeparator()
            menu.addActions(self._extra_actions)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            viewport_pos = self.viewport().mapFrom(self, event.pos())
            position = self.cursorForPosition(viewport_pos).position()
            self.tooltip_requested.emit(event.globalPos(), position)
            return True
        return super().event(event)


class ReadingPane(QWidget):
    """Shows one article with search hits, entity mentions and annotations marked.

    Signals:
        article_shown(str): the id of the article now shown ("" when cleared).
        hit_changed(int, int): the current hit (1-based, 0 if none) and the count.
        selection_changed(bool): whether a stretch of body text is selected; sent
            whenever that changes, including when a selection moves between the
            header and the body.
    """

    article_shown = Signal(str)
    hit_changed = Signal(int, int)
    selection_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reading pane")
        self._document: Document | None = None
        self._positions = BodyPositionMap([], [])
        # Body offsets where each paragraph starts, and the paragraphs [first,
        # end) in the document now (all of them unless the article is long).
        self._paragraph_starts: list[int] = []
        self._part = (0, 0)
        self._turning = False
        self._hits: list[Span] = []
        # The header's hits as positions in a document that starts with the
        # header; F3 steps through them, then through the body's hits.
        self._header_marks: list[Span] = []
        self._header_hits: list[HeaderSpan] = []
        self._header_starts: dict[str, int] = {}
        self._current_hit = -1
        self._entity_spans: list[Span] = []
        self._annotations: list[AnnotationSpan] = []
        self._show_removed = False
        self._zoom = DEFAULT_ZOOM
        self._hit_selections: list[QTextEdit.ExtraSelection] = []
        self._hit_format = QTextCharFormat()
        # The marks [lo, hi) that have a highlight now (all, up to MARK_ALL_LIMIT).
        self._hit_window = (0, 0)
        self._under_selections: list[QTextEdit.ExtraSelection] = []
        self._owned_document: QTextDocument | None = None
        self._has_body_selection = False

        self.browser = ArticleBrowser(self)
        self.browser.setAccessibleName("Article text")
        self.browser.tooltip_requested.connect(self._show_note)
        # Not copyAvailable: it reports only that some selection appeared or
        # went, not one that moved from the headline into the body.
        self.browser.selectionChanged.connect(self._update_selection)
        self.browser.verticalScrollBar().valueChanged.connect(self._on_scrolled)

        self.hit_label = QLabel(self)
        self.hit_label.setAccessibleName("Hit counter")
        self.previous_button = QToolButton(self)
        self.previous_button.setText("‹")
        self.previous_button.setToolTip("Previous hit (Shift+F3)")
        self.previous_button.setAccessibleName("Previous hit")
        self.previous_button.setAutoRaise(True)
        self.previous_button.clicked.connect(self.previous_hit)
        self.next_button = QToolButton(self)
        self.next_button.setText("›")
        self.next_button.setToolTip("Next hit (F3)")
        self.next_button.setAccessibleName("Next hit")
        self.next_button.setAutoRaise(True)
        self.next_button.clicked.connect(self.next_hit)

        self.hit_bar = QWidget(self)
        self.hit_bar.setObjectName("hitBar")
        bar = QHBoxLayout(self.hit_bar)
        bar.setContentsMargins(12, 4, 12, 4)
        bar.setSpacing(2)
        bar.addStretch(1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.hit_label)
        bar.addWidget(self.next_button)
        self.hit_bar.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.hit_bar)
        self._show_placeholder()

    # -- what is shown -------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self._document

    def show_document(
        self,
        document: Document,
        hits: Sequence[Span] = (),
        header_hits: Sequence[HeaderSpan] = (),
    ) -> None:
        """Show ``document``; ``hits`` are body offsets of the current search's matches.

        ``header_hits`` are ``(part, start, end)`` in the title, subtitle or
        a caption (part ``title``, ``subtitle``, ``caption N``).
        """
        self._document = document
        self._entity_spans = []
        self._annotations = []
        starts: list[int] = []
        offset = 0
        for paragraph in document.paragraphs:
            starts.append(offset)
            offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
        self._paragraph_starts = starts
        self._part = self._part_around(0, 0.0)
        self._build()
        self.browser.verticalScrollBar().setValue(0)
        self.set_hits(hits, header=header_hits)
        self.article_shown.emit(document.id)

    def clear(self) -> None:
        self._document = None
        self._hits = []
        self._header_marks = []
        self._header_hits = []
        self._paragraph_starts = []
        self._part = (0, 0)
        self._current_hit = -1
        self._entity_spans = []
        self._annotations = []
        self._show_placeholder()
        self._update_hit_bar()
        self.article_shown.emit("")

    def set_hits(
        self, hits: Sequence[Span], current: int = 0, header: Sequence[HeaderSpan] = ()
    ) -> None:
        """Mark the search hits and bring hit ``current`` (0-based) into view.

        ``hits`` are body offsets, ``header`` the title's, subtitle's and
        captions' hits; the count and F3 take the header's first.
        """
        self._hits = sorted((int(s), int(e)) for s, e in hits if e > s)
        self._header_hits = [(str(p), int(s), int(e)) for p, s, e in header if e > s]
        self._lay_hits()
        self._current_hit = -1
        if self.hit_count():
            self.go_to_hit(current)
        else:
            self._apply_selections()
            self._update_hit_bar()

    def hits(self) -> list[Span]:
        """The body's hits, as body offsets."""
        return list(self._hits)

    def header_hits(self) -> list[HeaderSpan]:
        """The title's, subtitle's and captions' hits, as ``(part, start, end)``."""
        return list(self._header_hits)

    def hit_count(self) -> int:
        """Every hit marked, header and body (what "hit N of M" counts)."""
        return len(self._header_marks) + len(self._hits)

    def current_hit(self) -> int:
        """The current hit, 0-based, or -1."""
        return self._current_hit

    def set_entity_mentions(self, spans: Iterable[Span]) -> None:
        """Mark the mentions of the selected entity (body offsets); empty to clear."""
        self._entity_spans = sorted((int(s), int(e)) for s, e in spans if e > s)
        self._rebuild_under_selections()
        self._apply_selections()

    def set_annotations(self, spans: Iterable[AnnotationSpan | tuple[int, int, str, str]]) -> None:
        """Tint annotated passages; hovering one shows its note."""
        self._annotations = [
            span if isinstance(span, AnnotationSpan) else AnnotationSpan(*span) for span in spans
        ]
        self._rebuild_under_selections()
        self._apply_selections()

    def selected_span(self) -> Span | None:
        """The selected stretch of body text as ``(start, end)`` body offsets, or ``None``."""
        cursor = self.browser.textCursor()
        if not cursor.hasSelection() or not self._positions:
            return None
        start = self._positions.to_body(cursor.selectionStart())
        end = self._positions.to_body(cursor.selectionEnd())
        if end is None:
            return None
        start = self._positions.first_offset if start is None else start
        end = min(end, self._positions.body_length)
        return (start, end) if end > start else None

    def add_context_action(self, action: QAction) -> None:
        """Offer ``action`` in the text's context menu (for example "Annotate…")."""
        self.browser.add_context_action(action)

    # -- navigation ----------------------------------------------------

    def next_hit(self) -> None:
        if self.hit_count():
            self.go_to_hit((self._current_hit + 1) % self.hit_count())

    def previous_hit(self) -> None:
        if self.hit_count():
            self.go_to_hit((self._current_hit - 1) % self.hit_count())

    def go_to_hit(self, index: int) -> None:
        total = self.hit_count()
        if not total:
            return
        self._current_hit = max(0, min(index, total - 1))
        header = len(self._header_marks)
        if self._current_hit < header:
            self._show_part_with(0)  # the header is in the first part
        else:
            self._show_part_with(self._hits[self._current_hit - header][0])
        span = self._mark_span(self._current_hit)
        self._apply_selections()
        if span is not None:
            self._scroll_to_position(span[0])
        self._update_hit_bar()

    def scroll_to_span(self, start: int, end: int | None = None) -> None:
        """Scroll so body offsets ``start``–``end`` sit comfortably in view."""
        if self._document is None:
            return
        self._show_part_with(start)
        if not self._positions:
            return
        self._scroll_to_position(self._positions.to_document(start))

    def shown_part(self) -> Span:
        """The body offsets ``(start, end)`` of the paragraphs in the document now."""
        return (self._positions.first_offset, self._positions.last_offset)

    def _scroll_to_position(self, position: int) -> None:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        # Lay the document out up to here (and no further: the whole of a
        # 10 MB article would take seconds and half a gigabyte) so the
        # rectangle is real.
        self.browser.document().documentLayout().blockBoundingRect(cursor.block())
        rect = self.browser.cursorRect(cursor)
        viewport = self.browser.viewport().height()
        if rect.top() < viewport * 0.15 or rect.bottom() > viewport * 0.85:
            bar = self.browser.verticalScrollBar()
            bar.setValue(bar.value() + rect.center().y() - viewport // 3)

    # -- zoom and removed text -----------------------------------------

    def zoom_in(self) -> None:
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        self.set_zoom(self._zoom - 1)

    def reset_zoom(self) -> None:
        self.set_zoom(DEFAULT_ZOOM)

    def zoom(self) -> int:
        return self._zoom

    def set_zoom(self, step: int) -> None:
        step = max(0, min(step, len(ZOOM_SIZES) - 1))
        if step != self._zoom:
            self._zoom = step
            self._rebuild_keeping_place()

    def show_removed(self) -> bool:
        return self._show_removed

    def set_show_removed(self, show: bool) -> None:
        """Show, greyed and after the article, every block cleaning dropped, with its reason."""
        if show != self._show_removed:
            self._show_removed = show
            self._rebuild_keeping_place()

    # -- building the document -----------------------------------------

    def _show_placeholder(self) -> None:
        self._positions = BodyPositionMap([], [])
        doc = QTextDocument(self.browser)
        doc.setDocumentMargin(48)
        cursor = QTextCursor(doc)
        block = QTextBlockFormat()
        block.setAlignment(Qt.AlignmentFlag.AlignCenter)
        block.setTopMargin(80)
        fmt = QTextCharFormat()
        fmt.setForeground(theme.muted_text(self.palette()))
        cursor.setBlockFormat(block)
        cursor.insertText("Choose an article from the list, or search the corpus.", fmt)
        self._replace_document(doc)

    # -- parts of a long article -----------------------------------------

    def _part_around(self, offset: int, before: float) -> tuple[int, int]:
        """The paragraphs [first, end) to show for body ``offset``.

        The whole article when it is short; otherwise about PAGE_CHARS of it,
        the fraction ``before`` of that ahead of the paragraph holding ``offset``.
        """
        starts = self._paragraph_starts
        count = len(starts)
        if not count or self._body_length() <= WHOLE_LIMIT:
            return (0, count)
        at = max(0, bisect.bisect_right(starts, offset) - 1)
        first = max(0, bisect.bisect_right(starts, starts[at] - int(PAGE_CHARS * before)) - 1)
        end = bisect.bisect_left(starts, starts[first] + PAGE_CHARS)
        end = max(at + 1, min(end, count))
        return (first, end)

    def _body_length(self) -> int:
        article = self._document
        if article is None or not article.paragraphs:
            return 0
        return self._paragraph_starts[-1] + len(article.paragraphs[-1])

    def _show_part_with(self, offset: int) -> bool:
        """Make sure body ``offset`` is in the document; True if another part was built."""
        if self._document is None or self._positions.contains(offset):
            return False
        if self._part == (0, len(self._paragraph_starts)):
            return False  # the whole article is shown
        self._part = self._part_around(offset, 0.25)
        self._build()
        self._lay_hits()
        self._apply_selections()
        return True

    def _turn_part(self, forward: bool) -> None:
        """Scrolled to an edge of the part shown: show the part beyond, keeping the view still."""
        browser = self.browser
        view_top = browser.cursorForPosition(QPoint(0, 0)).position()
        anchor = self._positions.to_body(view_top)
        anchor = self._positions.first_offset if anchor is None else anchor
        block = browser.document().findBlock(self._positions.to_document(anchor))
        layout = browser.document().documentLayout()
        bar = browser.verticalScrollBar()
        shift = layout.blockBoundingRect(block).top() - bar.value()
        part = self._part_around(anchor, 0.25 if forward else 0.75)
        if part == self._part:
            return
        selected = self.selected_span()
        self._turning = True
        try:
            self._part = part
            self._build()
            self._lay_hits()
            self._apply_selections()
            if selected is not None:  # the selection survives, clipped to the new part
                self._select_body(*selected)
            doc = browser.document()
            block = doc.findBlock(self._positions.to_document(anchor))
            top = doc.documentLayout().blockBoundingRect(block).top()
            doc.documentLayout().documentSize()
            bar.setValue(round(top - shift))
        finally:
            self._turning = False

    def _build(self) -> None:
        """Lay the article (or the part of it shown) into a fresh document.

        Records where each paragraph starts; the header comes with the first part.
        """
        article = self._document
        assert article is not None
        first, end = self._part
        palette = self.palette()
        size = ZOOM_SIZES[self._zoom]
        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = theme.muted_text(palette)

        doc = QTextDocument(self.browser)
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(theme.reading_font(size))
        root = doc.rootFrame().frameFormat()
        root.setTopMargin(size * 2.4)
        root.setBottomMargin(size * 4)
        doc.rootFrame().setFrameFormat(root)
        cursor = QTextCursor(doc)
        first_block = True

        def block(
            text: str,
            char: QTextCharFormat,
            *,
            top: float = 0,
            bottom: float = 0,
            line_height: int = 100,
            indent: float = 0,
        ) -> int:
            nonlocal first_block
            fmt = QTextBlockFormat()
            fmt.setTopMargin(top)
            fmt.setBottomMargin(bottom)
            fmt.setLeftMargin(indent)
            if line_height != 100:
                fmt.setLineHeight(line_height, PROPORTIONAL)
            if first_block:
                cursor.setBlockFormat(fmt)
                cursor.setBlockCharFormat(char)
                first_block = False
            else:
                cursor.insertBlock(fmt, char)
            start = cursor.position()
            cursor.insertText(text, char)
            return start

        note_fmt = _char(size * 0.78, muted, sans=True, italic=True)
        if first == 0:
            self._build_header(article, block, cursor, size, palette, text_colour, muted)
        else:
            # A later part of a long article: say what is above, in place of the header.
            block(
                f"{display_title(article)} — continued; paragraphs 1–{first} are above",
                note_fmt,
                bottom=size * 1.4,
            )

        # The body. Its paragraphs are the only blocks offsets point into.
        body_fmt = _char(size, text_colour)
        starts: list[int] = []
        paragraphs = article.paragraphs[first:end]
        for paragraph in paragraphs:
            fmt = QTextBlockFormat()
            fmt.setBottomMargin(size * 0.9)
            fmt.setLineHeight(152, PROPORTIONAL)
            cursor.insertBlock(fmt, body_fmt)
            starts.append(cursor.position())
            cursor.insertText(paragraph, body_fmt)
        self._positions = BodyPositionMap(
            paragraphs,
            starts,
            first_offset=self._paragraph_starts[first] if paragraphs else 0,
            body_length=self._body_length(),
        )
        if end < len(article.paragraphs):
            block(
                f"Continues below: paragraphs {end + 1}–{len(article.paragraphs)}",
                note_fmt,
                top=size,
            )

        if self._show_removed and article.removed and end == len(article.paragraphs):
            heading = _char(size * 0.72, muted, sans=True, spacing=110)
            block(
                f"REMOVED DURING CLEANING ({len(article.removed)})",
                heading,
                top=size * 2,
                bottom=size,
            )
            reason_fmt = _char(size * 0.72, muted, sans=True, weight=QFont.Weight.DemiBold)
            removed_fmt = _char(size * 0.85, muted, sans=True)
            for removed in article.removed:
                fmt = QTextBlockFormat()
                fmt.setBottomMargin(size * 0.7)
                fmt.setLeftMargin(size)
                fmt.setLineHeight(130, PROPORTIONAL)
                cursor.insertBlock(fmt, removed_fmt)
                cursor.insertText(f"{removed.reason}  ", reason_fmt)
                cursor.insertText(removed.text, removed_fmt)

        # The margins before the document is shown: set after, they would lay
        # the whole article out a second time.
        self._update_side_margins(doc)
        self._replace_document(doc)
        self._update_side_margins()
        if (first, end) != (0, len(article.paragraphs)):
            # A part is laid out at once (tens of milliseconds), so the scroll
            # bar spans all of it and reaching its end means the part's edge,
            # not only the end of what Qt's background layout has reached.
            doc.documentLayout().blockBoundingRect(doc.lastBlock())
        self._rebuild_under_selections()

    def _build_header(
        self,
        article: Document,
        block: Callable[..., int],
        cursor: QTextCursor,
        size: float,
        palette: QPalette,
        text_colour: QColor,
        muted: QColor,
    ) -> None:
        """Kicker, title, subtitle, a line of facts, a rule, then the captions."""
        kicker = " · ".join(p for p in (article.publisher, article.section) if p)
        if kicker:
            block(
                kicker.upper(), _char(size * 0.72, muted, sans=True, spacing=110), bottom=size * 0.6
            )
        # A lost headline is replaced by where and when, muted so it does not
        # pass for the article's own words.
        untitled = is_untitled(article)
        self._header_starts = {}
        title_at = block(
            display_title(article),
            _char(
                size * 1.9,
                muted if untitled else text_colour,
                weight=QFont.Weight.Normal if untitled else QFont.Weight.DemiBold,
            ),
            bottom=size * 0.5,
            line_height=118,
        )
        if not untitled:  # hits are offsets into the article's own title
            self._header_starts["title"] = title_at
        if article.subtitle:
            self._header_starts["subtitle"] = block(
                article.subtitle, _char(size * 1.15, muted), bottom=size * 0.4, line_height=130
            )
        facts = [
            human_date(article.published),
            article.dateline,
            f"By {article.byline}"
            if article.byline and not article.byline.lower().startswith("by ")
            else article.byline,
        ]
        fact_line = "   ·   ".join(f for f in facts if f)
        if fact_line:
            block(fact_line, _char(size * 0.82, muted, sans=True), top=size * 0.6)
        # Where the date, publisher, author and language came from.
        sources = sources_line(article)
        if sources:
            block(sources, _char(size * 0.68, muted, sans=True), top=size * 0.3)
        # A hairline under the header. Qt draws a block's ruler in the block's
        # background colour, so an empty one-pixel block in the mid tone is it.
        rule = QTextBlockFormat()
        rule.setTopMargin(size * 1.1)
        rule.setBottomMargin(size * 1.4)
        rule.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        rule.setBackground(palette.color(QPalette.ColorRole.Mid))
        rule.setProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth, 1)
        cursor.insertBlock(rule, _char(1, muted))

        # Captions, set apart in a tinted frame before the text they belong to.
        if article.captions:
            frame = QTextFrameFormat()
            frame.setBackground(palette.color(QPalette.ColorRole.AlternateBase))
            frame.setPadding(size * 0.8)
            frame.setBorder(0)
            frame.setTopMargin(size * 0.4)
            frame.setBottomMargin(size * 1.2)
            cursor.insertFrame(frame)
            caption_fmt = _char(size * 0.85, muted, italic=True, sans=True)
            for n, caption in enumerate(article.captions):
                fmt = QTextBlockFormat()
                fmt.setLineHeight(130, PROPORTIONAL)
                if n:
                    fmt.setTopMargin(size * 0.5)
                    cursor.insertBlock(fmt, caption_fmt)
                else:
                    cursor.setBlockFormat(fmt)
                self._header_starts[f"caption {n}"] = cursor.position()
                cursor.insertText(caption, caption_fmt)
            cursor.movePosition(QTextCursor.MoveOperation.End)

    def _replace_document(self, doc: QTextDocument) -> None:
        """Show ``doc`` and free the one it replaces (each article is a fresh document)."""
        old = self._owned_document
        # Marks hold cursors into the old document: drop them before it goes.
        self.browser.setExtraSelections([])
        self._hit_selections = []
        self._hit_window = (0, 0)
        self._under_selections = []
        self.browser.setDocument(doc)
        self._owned_document = doc
        if old is not None:
            old.deleteLater()
        # A new document starts with nothing selected, and says so.
        self._update_selection()

    def _rebuild_keeping_place(self) -> None:
        if self._document is None:
            return
        bar = self.browser.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        # The same part of a long article, and no turning to the next meanwhile.
        self._turning = True
        try:
            self._build()
            # Hits are re-laid on the new document but the reader stays where they were.
            current = self._current_hit
            self._lay_hits()
            self._apply_selections()
            self.browser.document().documentLayout().documentSize()
            bar.setValue(round(fraction * bar.maximum()))
            self._current_hit = current
        finally:
            self._turning = False

    def _update_side_margins(self, doc: QTextDocument | None = None) -> None:
        """Centre a column of comfortable width in ``doc`` (the one shown), whatever the width."""
        doc = doc if doc is not None else self.browser.document()
        metrics = QFontMetricsF(doc.defaultFont())
        measure = metrics.averageCharWidth() * MEASURE_CHARS
        width = self.browser.viewport_width()
        side = max(MIN_SIDE_MARGIN, (width - measure) / 2)
        frame = doc.rootFrame()
        fmt = frame.frameFormat()
        if abs(fmt.leftMargin() - side) > 0.5:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            frame.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._document is not None:
            self._update_side_margins()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            if self._document is None:
                self._show_placeholder()
            else:
                self._rebuild_keeping_place()

    # -- marks ---------------------------------------------------------

    def _lay_hits(self) -> None:
        """The header's hits as document positions, and the marks of the part shown."""
        marks: list[Span] = []
        for part, start, end in self._header_hits:
            at = self._header_starts.get(part)
            if at is not None:
                marks.append((at + start, at + end))
        marks.sort()
        self._header_marks = marks
        colours = theme.highlight_colours(self.palette())
        fmt = QTextCharFormat()
        fmt.setBackground(colours.hit)
        fmt.setForeground(colours.hit_text)
        self._hit_format = fmt
        self._paint_hits_near_view(force=True)

    def _mark_span(self, index: int) -> Span | None:
        """Mark ``index`` (header first) as document positions; None if not in the part shown."""
        header = len(self._header_marks)
        if index < header:
            return self._header_marks[index] if self._part[0] == 0 else None
        start, end = self._hits[index - header]
        if not self._positions.overlaps(start, end):
            return None
        to_doc = self._positions.to_document
        return (to_doc(start), to_doc(end))

    def _marks_shown(self) -> tuple[int, int]:
        """The marks [lo, hi) that fall in the part shown (header and body)."""
        header = len(self._header_marks)
        if not self._positions:
            return (0, header if self._part[0] == 0 else 0)
        first, last = self._positions.first_offset, self._positions.last_offset
        lo = header + bisect.bisect_left(self._hits, (first, -1))
        hi = header + bisect.bisect_right(self._hits, (last, sys.maxsize))
        if self._part[0] == 0:
            lo = 0
        return (lo, hi)

    def _visible_marks(self, lo: int, hi: int) -> tuple[int, int]:
        """The marks [first, last) within [lo, hi) whose start lies in the view."""
        view = self.browser.viewport().rect()
        top = self.browser.cursorForPosition(view.topLeft()).position()
        bottom = self.browser.cursorForPosition(view.bottomRight()).position()
        header = len(self._header_marks)
        positions = self._positions
        body_at = positions.to_document(positions.first_offset) if positions else sys.maxsize

        def index_at(position: int, right: bool) -> int:
            # The header's marks by document position, then the body's by offset.
            if position < body_at:
                if self._part[0] != 0:
                    return header
                key = (position, sys.maxsize if right else -1)
                find = bisect.bisect_right if right else bisect.bisect_left
                return find(self._header_marks, key)
            offset = positions.to_body(position)
            key = (positions.first_offset if offset is None else offset, -1)
            if right:
                return header + bisect.bisect_right(self._hits, (key[0], sys.maxsize))
            return header + bisect.bisect_left(self._hits, key)

        first = max(lo, index_at(top, right=False))
        last = min(hi, index_at(bottom, right=True))
        # Before the layout reaches the view, the bottom can read as the end.
        return first, max(first, min(last, first + MARK_WINDOW))

    def _paint_hits_near_view(self, force: bool = False) -> bool:
        """Give highlights to the hits in and around the view; True if they changed."""
        lo, hi = self._marks_shown()
        if hi - lo <= MARK_ALL_LIMIT:
            if not force:
                return False
        else:
            first, last = self._visible_marks(lo, hi)
            painted_lo, painted_hi = self._hit_window
            if not force and painted_lo <= first and last <= painted_hi:
                return False
            lo, hi = max(lo, first - MARK_WINDOW), min(hi, last + MARK_WINDOW)
        self._hit_window = (lo, hi)
        fmt = self._hit_format
        spans = (self._mark_span(i) for i in range(lo, hi))
        self._hit_selections = [self._document_selection(s, e, fmt) for s, e in filter(None, spans)]
        return True

    def _select_body(self, start: int, end: int) -> None:
        positions = self._positions
        if not positions.overlaps(start, end):
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(positions.to_document(start))
        cursor.setPosition(positions.to_document(end), QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)

    def _on_scrolled(self, value: int) -> None:
        # Not while a selection is being dragged out: the new part would drop it.
        if self._turning or QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            return
        if self._part != (0, len(self._paragraph_starts)):
            bar = self.browser.verticalScrollBar()
            page = self.browser.viewport().height()
            if self._part[1] < len(self._paragraph_starts) and value >= bar.maximum() - page:
                self._turn_part(forward=True)
                return
            if self._part[0] > 0 and value <= page:
                self._turn_part(forward=False)
                return
        lo, hi = self._marks_shown()
        if hi - lo > MARK_ALL_LIMIT and self._paint_hits_near_view():
            self._apply_selections()

    def _selection(
        self, start: int, end: int, fmt: QTextCharFormat
    ) -> QTextEdit.ExtraSelection | None:
        """A mark over body offsets ``start``–``end``, clipped to the part shown, or None."""
        if not self._positions.overlaps(start, end):
            return None
        to_doc = self._positions.to_document
        return self._document_selection(to_doc(start), to_doc(end), fmt)

    def _document_selection(
        self, start: int, end: int, fmt: QTextCharFormat
    ) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _rebuild_under_selections(self) -> None:
        """Annotation tints, then entity mentions: the layers beneath the hits."""
        colours = theme.highlight_colours(self.palette())
        layers: list[QTextEdit.ExtraSelection] = []
        for span in self._annotations:
            colour = QColor(span.color)
            if not colour.isValid():
                colour = QColor("#f0c36d")
            colour.setAlpha(colours.annotation_alpha)
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            tint = self._selection(span.start, span.end, fmt)
            if tint is not None:
                layers.append(tint)
        entity_fmt = QTextCharFormat()
        entity_fmt.setBackground(colours.entity)
        entity_fmt.setForeground(colours.entity_text)
        entity_fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        entity_fmt.setUnderlineColor(colours.entity_underline)
        mentions = (self._selection(s, e, entity_fmt) for s, e in self._entity_spans)
        layers.extend(filter(None, mentions))
        self._under_selections = layers

    def _apply_selections(self) -> None:
        selections = self._under_selections + self._hit_selections
        current = self._current_hit
        span = self._mark_span(current) if 0 <= current < self.hit_count() else None
        if span is not None:
            colours = theme.highlight_colours(self.palette())
            fmt = QTextCharFormat()
            fmt.setBackground(colours.current_hit)
            fmt.setForeground(colours.current_hit_text)
            selections = [*selections, self._document_selection(*span, fmt)]
        self.browser.setExtraSelections(selections)

    def extra_selection_texts(self) -> list[str]:
        """The text under every mark, in paint order (for tests and diagnostics)."""
        return [s.cursor.selectedText() for s in self.browser.extraSelections()]

    def _update_hit_bar(self) -> None:
        total = self.hit_count()
        current = self._current_hit + 1 if total else 0
        self.hit_label.setText(f"hit {current} of {total}" if total else "")
        self.hit_bar.setVisible(total > 0)
        self.hit_changed.emit(current, total)

    def _show_note(self, global_pos: QPoint, position: int) -> None:
        offset = self._positions.to_body(position) if self._positions else None
        notes = []
        if offset is not None:
            notes = [a.note for a in self._annotations if a.start <= offset < a.end and a.note]
        if notes:
            QToolTip.showText(global_pos, escaped("\n\n".join(notes)), self.browser)
        else:
            QToolTip.hideText()

    def _update_selection(self) -> None:
        has = self.selected_span() is not None
        if has != self._has_body_selection:
            self._has_body_selection = has
            self.selection_changed.emit(has)


def _char(
    size: float,
    colour: QColor,
    *,
    weight: QFont.Weight = QFont.Weight.Normal,
    italic: bool = False,
    sans: bool = False,
    spacing: float = 100,
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if sans:
        fmt.setFontFamilies(_sans_families())
    else:
        fmt.setFontFamilies(theme.SERIF_FAMILIES)
    fmt.setFontPointSize(size)
    fmt.setFontWeight(weight)
    fmt.setFontItalic(italic)
    fmt.setForeground(colour)
    if spacing != 100:
        fmt.setFontLetterSpacingType(QFont.SpacingType.PercentageSpacing)
        fmt.setFontLetterSpacing(spacing)
    return fmt


def _sans_families() -> list[str]:
    return [QApplication.font().family(), "sans-serif"]
