"""What the window's hand-painted list rows share: the style's own cell, then text on top.

A delegate that lays out its own lines of text (a title and a snippet, a
title and a detail line) first lets the style paint the cell's background,
selection and focus without any text, then draws its lines in the colours
the cell's state calls for.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from reader.ui.theme import muted_text

_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class ItemCell:
    """A cell painted bare: its style options, the text taken out of it, and its colours."""

    option: QStyleOptionViewItem
    text: str
    colour: QColor  # the main text's, as the selection or not calls for
    muted: QColor  # the secondary text's: muted, but the main colour on a selection


def paint_bare_cell(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> ItemCell:
    """Paint the cell's background, selection and focus as the style does, but no text."""
    # Imported here: creating the QStyle type costs ~6 ms of start-up, and
    # no row is painted before the window shows.
    from PySide6.QtWidgets import QStyle

    opt = QStyleOptionViewItem(option)
    delegate.initStyleOption(opt, index)
    text = opt.text
    opt.text = ""
    widget = opt.widget
    style = widget.style() if widget is not None else None
    if style is not None:
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
    selected = bool(opt.state & QStyle.StateFlag.State_Selected)
    palette = opt.palette
    colour = palette.color(
        QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    )
    return ItemCell(opt, text, colour, colour if selected else muted_text(palette))


def draw_elided(
    painter: QPainter,
    line: QRect,
    text: str,
    font: QFont,
    align: Qt.AlignmentFlag = _LEFT,
) -> None:
    """One line of text in ``font``, cut with an ellipsis where it is wider than ``line``."""
    painter.setFont(font)
    elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, line.width())
    painter.drawText(line, int(align), elided)
