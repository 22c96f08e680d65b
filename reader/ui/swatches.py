"""The annotation colours: named mid-tone swatches and the round chip that shows one.

Apart from the annotate dialog so that what tints the reading pane and marks
the annotations table loads without the dialog's widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap


@dataclass(frozen=True)
class Swatch:
    """A named annotation colour. Mid-tone so a translucent tint reads on white and on dark."""

    name: str
    label: str
    color: str


SWATCHES: tuple[Swatch, ...] = (
    Swatch("yellow", "Yellow", "#e8b931"),
    Swatch("green", "Green", "#5bb974"),
    Swatch("blue", "Blue", "#5b9bd5"),
    Swatch("pink", "Pink", "#e07fae"),
    Swatch("orange", "Orange", "#ee8a3c"),
    Swatch("violet", "Violet", "#9b7fd4"),
)
DEFAULT_SWATCH = SWATCHES[0]


def swatch_for(color: str | None) -> Swatch | None:
    """The swatch a stored colour (hex or name) stands for, if it is one of ours."""
    if not color:
        return None
    wanted = color.strip().casefold()
    for swatch in SWATCHES:
        if wanted in (swatch.color.casefold(), swatch.name):
            return swatch
    return None


def swatch_icon(color: str, size: int = 16) -> QIcon:
    """A round colour chip, with a thin darker rim so pale colours show on a pale window."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(color)
    painter.setBrush(fill)
    painter.setPen(fill.darker(135))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)
