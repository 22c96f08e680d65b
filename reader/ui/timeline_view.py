"""The timeline strip: the corpus's meetings in date order, along the window's foot.

The meetings cluster (late 2016, then late 2018 to mid 2019 in the bundled
corpus), so a true time scale would pile them into two blots with an empty
year between. The axis here is ordinal instead: each meeting gets an equal
slot, in date order, and the years are bands above the slots; where whole
years pass without a meeting the axis is drawn broken, so the gap is stated
rather than hidden. Only dated meetings are on the axis; the undated ones
are listed beside it.

* :class:`MeetingListModel` — meetings as a list model (named roles, tooltips);
* :class:`TimelineStrip` — the painted, focusable strip of the dated meetings;
* :class:`TimelineView` — the panel the main window docks: the strip in a
  scroll area, the undated meetings beside it, and a person to narrow both to.

A marker's fill says how the corpus knows the meeting (filled: an article
reports it; hollow: articles only mention it) and its shape who met (a
circle for leaders, a diamond for ministers, a square for officials); the
meetings the open article reports or mentions carry a ring. Every marker is
drawn in the same ink whatever the article, so the legend says all there is
to read from a marker.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.core.library import human_date as _human_date
from reader.core.library import short_date as _short_date
from reader.ui.plain_text import tooltip
from reader.ui.roles import (
    DateRole,
    DocumentsRole,
    KindRole,
    LevelRole,
    MeetingIdRole,
    MeetingRole,
    OrdinalRole,
    ParticipantsRole,
    PlaceRole,
    PrecisionRole,
    ReportedByRole,
    TargetRole,
)
from reader.ui.tasks import TaskRunner
from reader.ui.theme import is_dark, muted_text
from reader.ui.titles import TitledArticle, display_title

if TYPE_CHECKING:
    # Only named in type hints: the core module behind it loads when first used.
    from reader.core.library import MeetingEvent

ModelIndex = QModelIndex | QPersistentModelIndex


REPORTED, MENTIONED = "reported", "mentioned"

# Geometry of the strip, in pixels.
MIN_SLOT = 76
MAX_SLOT = 150
SIDE = 24
YEAR_GAP = 14  # extra room where one year ends and the next begins
BREAK_GAP = 30  # …and more where whole years without a meeting are left out
MARKER = 6.0
STRIP_HEIGHT = 112
SIDE_WIDTH = 230  # the list of undated meetings beside the strip
TOOLTIP_ARTICLES = 4  # articles named in a tooltip before "and N more"
# The legend: (label, how the sample is drawn, its shape's level).
LEGEND = (
    ("reported", REPORTED, "leaders"),
    ("mentioned", MENTIONED, "leaders"),
    ("this article", "ring", "leaders"),
    ("leaders", REPORTED, "leaders"),
    ("ministers", REPORTED, "ministers"),
    ("officials", REPORTED, "officials"),
)


def ordinal(n: int) -> str:
    """``26`` → ``26th``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def human_date(iso: str | None, precision: str | None) -> str:
    """``2019-06-29``/day → ``29 June 2019``; month → ``June 2019``; unknown → ``Undated``."""
    return _human_date(iso, precision) if iso else "Undated"


def short_date(iso: str | None, precision: str | None) -> str:
    """The label under a marker: ``29 Jun``, ``Jun`` (month only), the year, ``undated``."""
    return _short_date(iso, precision)


def meeting_target(event: MeetingEvent) -> tuple[str, int] | None:
    """Where a click on ``event`` leads: the article that reports it (else the first that
    mentions it), at the first passage about it there."""
    docs = [*event.reported_by, *(d for d in event.documents if d not in event.reported_by)]
    if not docs:
        return None
    doc = docs[0]
    passages = sorted(
        (m for m in event.mentions if m.doc == doc),
        key=lambda m: (m.kind != event.kind, m.start),
    )
    return (doc, passages[0].start if passages else 0)


def surname(name: str) -> str:
    """``Vladimir Putin`` → ``Putin``: the short form labels use."""
    words = name.split()
    return words[-1] if words else name


def who_met(event: MeetingEvent, *, short: bool = False) -> str:
    """``Abe and Putin``; ``Kishida, Lavrov and Seko``; empty when no one is named.

    ``short`` joins two with a dash (``Abe–Putin``), for the strip's narrow labels.
    """
    names = [
        surname(n) if k.startswith("person:") else n
        for k, n in zip(event.participants, event.participant_names, strict=False)
    ]
    if short:
        return "–".join(names)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def meeting_label(event: MeetingEvent) -> str:
    """The meeting in a few words, for the list's filter: what and where, who, when —
    ``G20 summit in Osaka: Abe and Putin, 29 June 2019``; ``Meeting of Abe and Russia,
    May 2016`` when no place is given."""
    when = human_date(event.date, event.precision) if event.date else "date not given"
    who = who_met(event)
    if event.place:
        what = event.title or f"Meeting in {event.place}"
        return f"{what}: {who}, {when}" if who else f"{what}, {when}"
    return f"{event.title or who or 'Meeting'}, {when}"


LEVEL_NAMES = {"leaders": "Leaders", "ministers": "Ministers", "officials": "Officials"}


def meeting_tooltip(event: MeetingEvent, titles: Mapping[str, str] | None = None) -> str:
    """Date, place and ordinal, the meeting's own title, and the articles about it.

    ``titles`` names the articles (id → display title); without it they are
    only counted.
    """
    lines = [human_date(event.date, event.precision)]
    where = event.place or "Place not stated"
    if event.ordinal:
        where += f" · {ordinal(event.ordinal)} meeting"
    lines.append(where)
    if event.title:
        lines.append(event.title)
    people = ", ".join(event.participant_names)
    if people:
        level = LEVEL_NAMES.get(event.level or "", "")
        lines.append(f"{level}: {people}" if level else people)
    reported = len(event.reported_by)
    mentioned = len([d for d in event.documents if d not in event.reported_by])
    if event.kind == REPORTED:
        kind = f"Reported by {reported} article{'s' if reported != 1 else ''}"
        if mentioned:
            kind += f", mentioned in {mentioned} more"
    else:
        kind = f"Mentioned in {mentioned} article{'s' if mentioned != 1 else ''}, not reported"
    lines.append(kind)
    if titles:
        docs = [*event.reported_by, *(d for d in event.documents if d not in event.reported_by)]
        lines.extend(f"• {titles.get(d, d)}" for d in docs[:TOOLTIP_ARTICLES])
        if len(docs) > TOOLTIP_ARTICLES:
            lines.append(f"and {len(docs) - TOOLTIP_ARTICLES} more")
    return "\n".join(lines)


class MeetingListModel(QAbstractListModel):
    """The timeline's meetings, in date order (undated last), one row each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._events: list[MeetingEvent] = []
        self._titles: dict[str, str] = {}

    def set_events(
        self, events: Iterable[MeetingEvent], titles: Mapping[str, str] | None = None
    ) -> None:
        """Show ``events``; ``titles`` (id → display title) names their articles in tooltips."""
        self.beginResetModel()
        self._events = list(events)
        self._titles = dict(titles or {})
        self.endResetModel()

    def event_at(self, row: int) -> MeetingEvent | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def events(self) -> list[MeetingEvent]:
        return list(self._events)

    def row_of(self, meeting_id: str) -> int:
        return next((i for i, e in enumerate(self._events) if e.id == meeting_id), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        ev = self._events[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return meeting_label(ev)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(meeting_tooltip(ev, self._titles))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return meeting_tooltip(ev).replace("\n", ", ")
        if role == MeetingIdRole:
            return ev.id
        if role == DateRole:
            return ev.date
        if role == PrecisionRole:
            return ev.precision
        if role == PlaceRole:
            return ev.place
        if role == OrdinalRole:
            return ev.ordinal
        if role == KindRole:
            return ev.kind
        if role == DocumentsRole:
            return list(ev.documents)
        if role == ReportedByRole:
            return list(ev.reported_by)
        if role == TargetRole:
            return meeting_target(ev)
        if role == MeetingRole:
            return ev
        if role == LevelRole:
            return ev.level
        if role == ParticipantsRole:
            return list(ev.participants)
        return None


# -- layout ----------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    row: int
    x: float  # centre of the marker
    width: float
    year: str


@dataclass(frozen=True)
class YearBand:
    label: str
    left: float
    right: float
    broken_before: bool  # whole years without a meeting come before this one


def layout_slots(years: Sequence[str], width: float) -> tuple[list[Slot], list[YearBand], float]:
    """Slots for meetings whose years are ``years`` (in order), across ``width`` pixels.

    Returns the slots, the year bands, and the width the strip needs (more
    than ``width`` when the meetings do not fit at :data:`MIN_SLOT`).
    """
    if not years:
        return [], [], width
    gaps = [_gap(prev, year) for prev, year in pairwise(years)]
    fixed = 2 * SIDE + sum(gaps)
    slot = max(MIN_SLOT, min(MAX_SLOT, (width - fixed) / len(years)))
    needed = fixed + slot * len(years)
    # Centre the meetings when they do not fill the strip.
    x = SIDE + max(0.0, (width - needed) / 2)
    slots: list[Slot] = []
    bands: list[YearBand] = []
    band_left, broken = x, False
    for row, year in enumerate(years):
        gap = gaps[row - 1] if row else 0.0
        if gap:
            bands.append(YearBand(years[row - 1], band_left, x, broken))
            x += gap
            band_left, broken = x, gap == BREAK_GAP
        slots.append(Slot(row, x + slot / 2, slot, year))
        x += slot
    bands.append(YearBand(years[-1], band_left, x, broken))
    return slots, bands, max(width, needed)


def _gap(prev: str, year: str) -> float:
    if year == prev:
        return 0.0
    if prev.isdigit() and year.isdigit() and int(year) - int(prev) > 1:
        return BREAK_GAP
    return YEAR_GAP


# -- the strip -------------------------------------------------------------------


def marker_ink(palette: QPalette) -> QColor:
    """The one colour of every meeting marker, in the strip and in its legend.

    Text softened towards the background, but opaque: a see-through marker
    would take on the tint of the current meeting's column and look like
    another kind.
    """
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    weight = 0.72
    return QColor.fromRgbF(
        text.redF() * weight + base.redF() * (1 - weight),
        text.greenF() * weight + base.greenF() * (1 - weight),
        text.blueF() * weight + base.blueF() * (1 - weight),
    )


def draw_marker(
    painter: QPainter, centre: QPointF, level: str | None, size: float, pen: QPen, fill: Any
) -> None:
    """One meeting's mark: a circle for leaders, a diamond for ministers, a square for
    officials (and for a meeting whose level no article says); ``fill`` is a colour for
    a reported meeting, the background for one only mentioned."""
    painter.setPen(pen)
    painter.setBrush(fill)
    if level == "leaders":
        painter.drawEllipse(centre, size, size)
    elif level == "ministers":
        r = size * 1.15
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), centre.y() - r),
                    QPointF(centre.x() + r, centre.y()),
                    QPointF(centre.x(), centre.y() + r),
                    QPointF(centre.x() - r, centre.y()),
                ]
            )
        )
    else:
        r = size * 0.85
        painter.drawRect(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r))


class TimelineStrip(QWidget):
    """The painted strip of meetings over a :class:`MeetingListModel`.

    Left/Right (and Home/End) step to the previous/next meeting and open it;
    Enter or a click opens the current one.

    Signals:
        meetingChosen(object): the meeting (a ``MeetingEvent``) clicked or stepped to,
            just before its article is asked for.
        meetingActivated(str, int): open this article at this body offset.
        currentChanged(int): the row of the current (keyboard) meeting, -1 for none.
    """

    meetingChosen = Signal(object)
    meetingActivated = Signal(str, int)
    currentChanged = Signal(int)

    def __init__(self, model: MeetingListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self._current = -1
        self._hover = -1
        self._article = ""
        self._activating = False
        self._slots: list[Slot] = []
        self._bands: list[YearBand] = []
        self.setObjectName("timelineStrip")
        self.setAccessibleName("Timeline of meetings")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(STRIP_HEIGHT)
        self.setAutoFillBackground(False)
        model.modelReset.connect(self._on_reset)
        model.rowsInserted.connect(self._on_reset)
        model.rowsRemoved.connect(self._on_reset)
        model.dataChanged.connect(self.update)

    # -- state ---------------------------------------------------------

    def current_row(self) -> int:
        return self._current

    def set_current_row(self, row: int) -> None:
        row = row if 0 <= row < self.model.rowCount() else -1
        if row != self._current:
            self._current = row
            self._describe()
            self.update()
            self.currentChanged.emit(row)

    def set_article(self, doc_id: str) -> None:
        """Mark the meetings ``doc_id`` reports, and make the first of them current.

        While a meeting chosen here is opening its article, that meeting stays
        current even when the article reports another one.
        """
        self._article = doc_id
        rows = self.article_rows()
        if rows and not self._activating and self._current not in rows:
            self.set_current_row(rows[0])
        self.update()

    def article_rows(self) -> list[int]:
        """The rows of the meetings the open article reports."""
        return [
            r
            for r in range(self.model.rowCount())
            if self._article in (self.model.event_at(r).reported_by or ())  # type: ignore[union-attr]
        ]

    def mentioned_rows(self) -> list[int]:
        """The rows of the meetings the open article only mentions."""
        reported = set(self.article_rows())
        return [
            r
            for r in range(self.model.rowCount())
            if r not in reported and self._article in self.model.event_at(r).documents  # type: ignore[union-attr]
        ]

    def activate(self, row: int) -> None:
        """Make ``row`` current, say which meeting it is, and ask for its article at the passage."""
        self.set_current_row(row)
        event = self.model.event_at(row)
        if event is not None:
            # Before the article opens, so the list is narrowed to the
            # meeting's articles first and the article is selected among them.
            self.meetingChosen.emit(event)
        index = self.model.index(row, 0)
        target = self.model.data(index, TargetRole)
        if target is not None:
            self._activating = True
            try:
                self.meetingActivated.emit(target[0], int(target[1]))
            finally:
                self._activating = False

    def step(self, delta: int) -> None:
        """Open the meeting ``delta`` places on (-1 the previous, +1 the next).

        With no meeting current, a step back starts from the last and a step
        on from the first; at either end the step goes nowhere.
        """
        count = self.model.rowCount()
        if not count:
            return
        current = self._current
        if current < 0:
            row = count - 1 if delta < 0 else 0
        else:
            row = max(0, min(count - 1, current + delta))
        if row != current:
            self.activate(row)

    def slot_rect(self, row: int) -> QRectF:
        """Where meeting ``row`` is drawn (for tests and for scrolling it into view)."""
        self._ensure_layout()
        if not 0 <= row < len(self._slots):
            return QRectF()
        slot = self._slots[row]
        return QRectF(slot.x - slot.width / 2, 0, slot.width, self.height())

    def marker_center(self, row: int) -> QPointF:
        self._ensure_layout()
        return QPointF(self._slots[row].x, self._axis_y())

    def row_at(self, x: float) -> int:
        self._ensure_layout()
        for slot in self._slots:
            if abs(x - slot.x) <= slot.width / 2:
                return slot.row
        return -1

    # -- layout --------------------------------------------------------

    def _years(self) -> list[str]:
        years = []
        for r in range(self.model.rowCount()):
            date = self.model.data(self.model.index(r, 0), DateRole)
            years.append(date[:4] if date else "Undated")
        return years

    def _ensure_layout(self) -> None:
        if len(self._slots) != self.model.rowCount():
            self._relayout()

    def _relayout(self) -> None:
        parent = self.parentWidget()
        width = parent.width() if parent is not None else self.width()
        self._slots, self._bands, needed = layout_slots(self._years(), float(width))
        self.setMinimumWidth(int(needed) if needed > width else 0)

    def _on_reset(self, *_args: object) -> None:
        self._current = -1
        self._hover = -1
        self._relayout()
        if self._article:
            self.set_article(self._article)
        self.updateGeometry()
        self.update()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._slots, self._bands, _ = layout_slots(self._years(), float(self.width()))

    def sizeHint(self) -> QSize:
        return QSize(800, STRIP_HEIGHT)

    def _axis_y(self) -> float:
        return 44.0

    # -- painting ------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self._ensure_layout()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.Text)
        muted = muted_text(palette)
        mid = palette.color(QPalette.ColorRole.Mid)
        accent = palette.color(QPalette.ColorRole.Highlight)
        base = palette.color(QPalette.ColorRole.Base)
        painter.fillRect(self.rect(), base)

        if not self._slots:
            painter.setPen(muted)
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "No meetings found yet. They appear once the corpus is indexed.",
            )
            return

        small = QFont(self.font())
        small.setPointSizeF(max(7.5, self.font().pointSizeF() * 0.86))
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        year_font = QFont(small)
        year_font.setWeight(QFont.Weight.DemiBold)
        year_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
        axis = self._axis_y()

        # Years: a label at the left of each band and a hairline between bands.
        for i, band in enumerate(self._bands):
            if i:
                x = band.left - (BREAK_GAP if band.broken_before else YEAR_GAP) / 2
                painter.setPen(QPen(mid, 1))
                painter.drawLine(QPointF(x, 8), QPointF(x, self.height() - 8))
            label = QRectF(band.left + 4, 6, band.right - band.left, 16)
            painter.setFont(year_font)
            painter.setPen(muted)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, band.label
            )

        # The axis, broken where years without a meeting are left out.
        painter.setPen(QPen(mid, 1.2))
        for band in self._bands:
            painter.drawLine(QPointF(band.left - 4, axis), QPointF(band.right + 4, axis))
            if band.broken_before:
                cx = band.left - BREAK_GAP / 2
                painter.fillRect(QRectF(cx - 8, axis - 8, 16, 16), base)
                painter.setPen(QPen(muted, 1.2))
                for dx in (-3.0, 3.0):
                    painter.drawLine(QPointF(cx + dx - 3, axis + 6), QPointF(cx + dx + 3, axis - 6))
                painter.setPen(QPen(mid, 1.2))

        reported_rows = set(self.article_rows())
        mentioned_rows = set(self.mentioned_rows())
        line = QFontMetricsF(small).height()
        bold_small = QFont(small)
        bold_small.setWeight(QFont.Weight.DemiBold)
        ink = marker_ink(palette)
        # Only the meetings in the part being painted: the strip is as wide as
        # every meeting needs (hundreds in a large corpus), the view a screenful.
        exposed = event.rect()
        left, right = exposed.left() - 1, exposed.right() + 1
        for slot in self._slots:
            if slot.x + slot.width / 2 < left or slot.x - slot.width / 2 > right:
                continue
            ev = self.model.event_at(slot.row)
            assert ev is not None
            centre = QPointF(slot.x, axis)
            is_current = slot.row == self._current
            column = QRectF(slot.x - slot.width / 2 + 3, 26, slot.width - 6, self.height() - 30)
            if is_current:
                # The keyboard's place: a soft column behind the meeting.
                tint = QColor(accent)
                tint.setAlpha(34 if not is_dark(palette) else 64)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(tint)
                painter.drawRoundedRect(column, 5, 5)
                if self.hasFocus():
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(accent, 1, Qt.PenStyle.DotLine))
                    painter.drawRoundedRect(column, 5, 5)
            if slot.row in reported_rows or slot.row in mentioned_rows:
                # A meeting the open article reports or mentions: a ring round its
                # marker. The marker itself keeps its ink, so filled and hollow
                # still say reported and mentioned, as the legend has it.
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(accent, 1.6))
                painter.drawEllipse(centre, MARKER + 4, MARKER + 4)
            # Only the pointer's meeting changes colour, to say it can be clicked.
            colour = accent if slot.row == self._hover else ink
            draw_marker(
                painter,
                centre,
                ev.level,
                MARKER,
                QPen(colour, 1.6),
                colour if ev.kind == REPORTED else base,
            )

            # Labels: the date (and the ordinal an article gives), the place, who met.
            width = slot.width - 8
            rect = QRectF(slot.x - width / 2, axis + 13, width, line)
            emphasised = is_current or slot.row in reported_rows
            metrics = QFontMetricsF(small)
            when = short_date(ev.date, ev.precision)
            if ev.ordinal:
                when += f" · {ordinal(ev.ordinal)}"
            painter.setFont(bold_small if emphasised else small)
            painter.setPen(text if emphasised or ev.kind == REPORTED else muted)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignHCenter,
                QFontMetricsF(painter.font()).elidedText(when, Qt.TextElideMode.ElideRight, width),
            )
            painter.setFont(small)
            for words, pen in (
                (
                    ev.place or "no place",
                    text if emphasised or ev.kind == REPORTED else muted,
                ),
                (who_met(ev, short=True), muted),
            ):
                rect.translate(0, line)
                painter.setPen(pen)
                painter.drawText(
                    rect,
                    Qt.AlignmentFlag.AlignHCenter,
                    metrics.elidedText(words, Qt.TextElideMode.ElideRight, width),
                )
        painter.end()

    # -- interaction ---------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            row = self.row_at(event.position().x())
            if row >= 0:
                self.activate(row)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        row = self.row_at(event.position().x())
        if row != self._hover:
            self._hover = row
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if row >= 0 else Qt.CursorShape.ArrowCursor
            )
            self.update()
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.update()
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        count = self.model.rowCount()
        key = event.key()
        if count and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step(-1 if key == Qt.Key.Key_Left else 1)
            event.accept()
            return
        if count and key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            row = 0 if key == Qt.Key.Key_Home else count - 1
            if row != self._current:
                self.activate(row)
            event.accept()
            return
        if count and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            if self._current >= 0:
                self.activate(self._current)
            event.accept()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(event.pos().x())
            if row >= 0:
                QToolTip.showText(
                    event.globalPos(),
                    self.model.data(self.model.index(row, 0), Qt.ItemDataRole.ToolTipRole),
                    self,
                )
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _describe(self) -> None:
        """Tell assistive technology which meeting is current."""
        if self._current < 0:
            self.setAccessibleDescription("")
            return
        text = self.model.data(
            self.model.index(self._current, 0), Qt.ItemDataRole.AccessibleTextRole
        )
        self.setAccessibleDescription(
            f"Meeting {self._current + 1} of {self.model.rowCount()}: {text}"
        )


# -- the panel -------------------------------------------------------------------


class TimelineLegend(QWidget):
    """What a marker's fill, shape and ring mean, beside the strip (it never scrolls
    away with the meetings, and no year label runs under it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineLegend")
        self.setAccessibleName("Timeline legend")
        self.setAccessibleDescription(
            "Filled: reported; hollow: mentioned; ringed: in this article. "
            "Circle: leaders; diamond: ministers; square: officials."
        )
        self.setFixedHeight(int(2 * self._line() + 6))

    def _font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(7.5, self.font().pointSizeF() * 0.86))
        return small

    def _line(self) -> float:
        return QFontMetricsF(self._font()).height() + 3

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        muted = muted_text(palette)
        accent = palette.color(QPalette.ColorRole.Highlight)
        base = palette.color(QPalette.ColorRole.Base)
        ink = marker_ink(palette)
        font = self._font()
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        line = self._line()
        for row, entries in enumerate((LEGEND[:3], LEGEND[3:])):
            x, y = 2.0, 3 + line * row + line / 2
            for label, kind, level in entries:
                centre = QPointF(x + 6, y)
                if kind == "ring":
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(accent, 1.2))
                    painter.drawEllipse(centre, 6.5, 6.5)
                fill = base if kind == MENTIONED else ink
                draw_marker(painter, centre, level, 3.6, QPen(ink, 1.3), fill)
                width = metrics.horizontalAdvance(label) + 22
                painter.setPen(muted)
                painter.drawText(
                    QRectF(x + 14, y - metrics.height() / 2, width, metrics.height()),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
                x += width
        painter.end()


class TimelineLibrary(Protocol):
    """The part of the library facade the timeline uses."""

    def timeline(self) -> list[MeetingEvent]: ...
    def summaries(self) -> Sequence[TitledArticle]: ...


class TimelineView(QWidget):
    """The timeline panel the main window docks at the bottom.

    The meetings are read from the library on the window's task runner (the
    timeline is built from every article's analysis) on :meth:`refresh`, which
    the window calls once the index is ready and after each import. Dated
    meetings are on the strip (which scrolls, by its scroll bar or the mouse
    wheel, when they do not fit); undated ones are listed beside it, never on
    the axis. :meth:`narrow_to` shows only one person's meetings.

    Signals:
        meetingChosen(object): a meeting was clicked or stepped to (its
            ``MeetingEvent``, whose ``documents`` are the articles about it).
        meetingActivated(str, int): a meeting was clicked or stepped to: its
            article and the body offset of the passage about it.
    """

    meetingChosen = Signal(object)
    meetingActivated = Signal(str, int)

    def __init__(
        self, library: TimelineLibrary, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.runner = runner
        self._loads = 0  # counts refreshes, so a superseded answer is dropped
        self._events: list[MeetingEvent] = []
        self._titles: dict[str, str] = {}
        self._person = ""
        self.setAccessibleName("Timeline")
        self.model = MeetingListModel(self)
        self.strip = TimelineStrip(self.model, self)
        self.strip.meetingChosen.connect(self.meetingChosen)
        self.strip.meetingActivated.connect(self.meetingActivated)
        self.strip.currentChanged.connect(self._scroll_to)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("timelineScroll")
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroll_area.setWidget(self.strip)
        self.scroll_area.setFocusProxy(self.strip)
        self.strip.installEventFilter(self)
        self.setFocusProxy(self.strip)

        # Beside the strip: the legend, whose meetings are shown, and the undated ones.
        self.side = QWidget(self)
        self.side.setObjectName("timelineSide")
        self.side.setFixedWidth(SIDE_WIDTH)
        self.legend = TimelineLegend(self.side)
        self.filter_label = QLabel(self.side)
        self.filter_label.setObjectName("timelineFilter")
        self.filter_label.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_label.setWordWrap(True)
        self.filter_label.hide()
        self.undated_label = QLabel("Undated", self.side)
        self.undated_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undated_model = MeetingListModel(self)
        self.undated_list = QListView(self.side)
        self.undated_list.setObjectName("undatedMeetings")
        self.undated_list.setAccessibleName("Undated meetings")
        self.undated_list.setModel(self.undated_model)
        self.undated_list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.undated_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.undated_list.setUniformItemSizes(True)
        self.undated_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.undated_list.clicked.connect(self._activate_undated)
        self.undated_list.activated.connect(self._activate_undated)
        side_layout = QVBoxLayout(self.side)
        side_layout.setContentsMargins(6, 4, 6, 4)
        side_layout.setSpacing(2)
        side_layout.addWidget(self.legend)
        side_layout.addWidget(self.filter_label)
        side_layout.addWidget(self.undated_label)
        side_layout.addWidget(self.undated_list, 1)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.side)
        self.setMinimumHeight(STRIP_HEIGHT)
        self._show_side()

    def refresh(self) -> None:
        """Read the meetings and their articles' titles again (after indexing or an import)."""
        self._loads += 1
        load = self._loads
        library = self.library

        def read(_progress: object) -> tuple[list[MeetingEvent], dict[str, str]]:
            titles = {s.id: display_title(s) for s in library.summaries()}
            return library.timeline(), titles

        self.runner.run(
            "timeline",
            read,
            on_result=lambda result: self._on_loaded(load, *result),
        )

    def _on_loaded(self, load: int, events: list[MeetingEvent], titles: dict[str, str]) -> None:
        if load == self._loads:
            self._events, self._titles = list(events), dict(titles)
            self._fill()

    def narrow_to(self, entity_key: str) -> None:
        """Show only the meetings ``entity_key`` took part in (a person, or a country as a
        counterpart); any other key, or ``""``, shows every meeting again."""
        key = entity_key if any(entity_key in e.participants for e in self._events) else ""
        if key != self._person:
            self._person = key
            self._fill()

    def narrowed_to(self) -> str:
        """The entity whose meetings are shown ("" for every meeting)."""
        return self._person

    def _fill(self) -> None:
        shown = [e for e in self._events if not self._person or self._person in e.participants]
        self.model.set_events([e for e in shown if e.dated], self._titles)
        self.undated_model.set_events([e for e in shown if not e.dated], self._titles)
        if self._person:
            name = next(
                (
                    n
                    for e in shown
                    for k, n in zip(e.participants, e.participant_names, strict=False)
                    if k == self._person
                ),
                self._person,
            )
            count = len(shown)
            self.filter_label.setText(f"{name}: {count} meeting{'s' if count != 1 else ''}")
        self._show_side()

    def _show_side(self) -> None:
        undated = self.undated_model.rowCount()
        self.filter_label.setVisible(bool(self._person))
        self.undated_label.setText(f"Undated ({undated})")
        self.undated_label.setVisible(bool(undated))
        self.undated_list.setVisible(bool(undated))
        self.undated_list.setMinimumHeight(0)

    def _activate_undated(self, index: QModelIndex) -> None:
        event = self.undated_model.event_at(index.row())
        if event is None:
            return
        self.meetingChosen.emit(event)
        target = meeting_target(event)
        if target is not None:
            self.meetingActivated.emit(target[0], int(target[1]))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A wheel turned over the strip scrolls it sideways: the strip has no height to scroll.
        if watched is self.strip and isinstance(event, QWheelEvent):
            delta = event.angleDelta()
            step = delta.x() or delta.y()
            if step:
                bar = self.scroll_area.horizontalScrollBar()
                bar.setValue(bar.value() - step)
                return True
        return super().eventFilter(watched, event)

    def show_article(self, doc_id: str) -> None:
        """Ring the meetings the article now open reports or mentions."""
        self.strip.set_article(doc_id)

    def previous_meeting(self) -> None:
        """Open the meeting before the current one (the last when none is current)."""
        self.strip.step(-1)

    def next_meeting(self) -> None:
        """Open the meeting after the current one (the first when none is current)."""
        self.strip.step(1)

    def current_row(self) -> int:
        return self.strip.current_row()

    def select_meeting(self, meeting_id: str) -> bool:
        row = self.model.row_of(meeting_id)
        if row >= 0:
            self.strip.set_current_row(row)
        return row >= 0

    def _scroll_to(self, row: int) -> None:
        if row >= 0:
            rect = self.strip.slot_rect(row)
            self.scroll_area.ensureVisible(
                int(rect.center().x()), STRIP_HEIGHT // 2, int(rect.width() / 2) + SIDE, 0
            )
