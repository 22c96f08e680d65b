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


# Each colour of the window as (light, dark): a colour added or changed in
# one scheme is seen beside its twin in the other.
_WINDOW_COLOURS: dict[str, tuple[str, str]] = {
    "window": ("#f4f3f0", "#232427"),
    "base": ("#ffffff", "#1b1c1f"),
    "alternate": ("#f7f6f3", "#222327"),
    "text": ("#1d1d1f", "#e6e4df"),
    "muted": ("#6b6b70", "#9a9893"),
    "button": ("#ecebe7", "#2d2e32"),
    "highlight": ("#2f6fb2", "#3d7cc4"),
    "link": ("#1f5f9e", "#8ab8ee"),
    "mid": ("#c9c7c1", "#45464b"),
}


def light_palette() -> QPalette:
    return _palette(**{name: pair[0] for name, pair in _WINDOW_COLOURS.items()})


def dark_palette() -> QPalette:
    return _palette(**{name: pair[1] for name, pair in _WINDOW_COLOURS.items()})


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


# The marks' colours as (light, dark), like the window's.
_HIGHLIGHT_COLOURS: dict[str, tuple[str, str]] = {
    "hit": ("#fde68a", "#6b5a1e"),
    "hit_text": ("#1d1d1f", "#fff6d6"),
    "current_hit": ("#f59e0b", "#f2a93b"),
    "current_hit_text": ("#111111", "#1b1c1f"),
    "entity": ("#dbe8fb", "#1f3b5c"),
    "entity_text": ("#10243e", "#e3efff"),
    "entity_underline": ("#2f6fb2", "#8ab8ee"),
}
# A dark page needs a stronger wash for an annotation to show.
_ANNOTATION_ALPHA = (70, 90)


def highlight_colours(palette: QPalette) -> HighlightColours:
    scheme = int(is_dark(palette))
    colours = {name: QColor(pair[scheme]) for name, pair in _HIGHLIGHT_COLOURS.items()}
    return HighlightColours(**colours, annotation_alpha=_ANNOTATION_ALPHA[scheme])
