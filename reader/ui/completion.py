"""Small helpers for a QCompleter's popup, which Qt types as optional."""

from __future__ import annotations

from PySide6.QtWidgets import QCompleter


def popup_visible(completer: QCompleter) -> bool:
    """Whether the completer's list is showing."""
    popup = completer.popup()
    return popup is not None and popup.isVisible()


def hide_popup(completer: QCompleter) -> None:
    """Close the completer's list if it has one."""
    popup = completer.popup()
    if popup is not None:
        popup.hide()
