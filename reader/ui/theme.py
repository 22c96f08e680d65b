"""Light and dark palettes, the reading fonts, and the highlight colours.

The window is themed with the Fusion style and a palette that follows the
system colour scheme; the stylesheet stays small. Highlight colours carry
their own text colour, so a yellow hit stays readable on a dark page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette

# Reading faces in order of preference; Qt falls back along the list.
SERIF_FAMILIES = [
    "Source Serif 4",
    "Source Serif Pro",
    "Charter",
    "Iowan Old Style",
    "Georgia",
    "Noto Serif",
    "DejaVu Serif",
    "Liberation Serif",
    "Times New Roman",
    "serif",
]


def reading_font(point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(SERIF_FAMILIES)
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def light_palette() -> QPalette:
    return _palette(
        window="#f4f3f0",
        base="#ffffff",
        alternate="#f7f6f3",
        text="#1d1d1f",
        muted="#6b6b70",
        button="#ecebe7",
        highlight="#2f6fb2",
        link="#1f5f9e",
        mid="#c9c7c1",
    )


def dark_palette() -> QPalette:
    return _palette(
        window="#232427",
        base="#1b1c1f",
        alternate="#222327",
        text="#e6e4df",
        muted="#9a9893",
        button="#2d2e32",
        highlight="#3d7cc4",
        link="#8ab8ee",
        mid="#45464b",
    )


def _palette(
    *,
    window: str,
    base: str,
    alternate: str,
    text: str,
    muted: str,
    button: str,
    highlight: str,
    link: str,
    mid: str,
) -> QPalette:
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    palette = QPalette()
    colours = {
        role.Window: window,
        role.WindowText: text,
        role.Base: base,
        role.AlternateBase: alternate,
        role.Text: text,
        role.Button: button,
        role.ButtonText: text,
        role.ToolTipBase: base,
        role.ToolTipText: text,
        role.PlaceholderText: muted,
        role.Highlight: highlight,
        role.HighlightedText: "#ffffff",
        role.Link: link,
        role.LinkVisited: link,
        role.Mid: mid,
        role.Midlight: alternate,
        role.Dark: mid,
        role.Light: base,
        role.BrightText: "#ffffff",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor(muted))
    return palette


def muted_text(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.PlaceholderText)


def error_text(palette: QPalette) -> QColor:
    """A red that reads as an error on both a light and a dark window."""
    return QColor("#ff8a80") if is_dark(palette) else QColor("#b3261e")


@dataclass(frozen=True)
class HighlightColours:
    """Backgrounds and text colours for the layers of marks in the reading pane."""

    hit: QColor
    hit_text: QColor
    current_hit: QColor
    current_hit_text: QColor
    entity: QColor
    entity_text: QColor
    entity_underline: QColor
    annotation_alpha: int


def highlight_colours(palette: QPalette) -> HighlightColours:
    if is_dark(palette):
        return HighlightColours(
            hit=QColor("#6b5a1e"),
            hit_text=QColor("#fff6d6"),
            current_hit=QColor("#f2a93b"),
            current_hit_text=QColor("#1b1c1f"),
            entity=QColor("#1f3b5c"),
            entity_text=QColor("#e3efff"),
            entity_underline=QColor("#8ab8ee"),
            annotation_alpha=90,
        )
    return HighlightColours(
        hit=QColor("#fde68a"),
        hit_text=QColor("#1d1d1f"),
        current_hit=QColor("#f59e0b"),
        current_hit_text=QColor("#111111"),
        entity=QColor("#dbe8fb"),
        entity_text=QColor("#10243e"),
        entity_underline=QColor("#2f6fb2"),
        annotation_alpha=70,
    )
