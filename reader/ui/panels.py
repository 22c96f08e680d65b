"""Docks the panels that live in their own modules (entity sidebar, timeline, annotations).

The window works without them; a panel that is missing or fails to build
is logged and left out rather than stopping the window from opening.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
from typing import Any

from PySide6.QtWidgets import QWidget

from reader.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# (module, class names to try, how the window docks it)
PANELS = (
    ("reader.ui.entity_sidebar", ("EntitySidebar",), "set_entity_sidebar"),
    ("reader.ui.timeline_view", ("TimelineView", "Timeline", "TimelineWidget"), "set_timeline"),
)


def install_panels(window: MainWindow) -> None:
    for module_name, class_names, install in PANELS:
        widget = _build(module_name, class_names, window)
        if widget is not None:
            getattr(window, install)(widget)
            _refresh_on_library_change(window, widget)
    _install_annotation_tools(window)


def _refresh_on_library_change(window: MainWindow, widget: QWidget) -> None:
    """A panel with a ``refresh()`` slot reloads once the index is built and after an import."""
    refresh = getattr(widget, "refresh", None)
    if callable(refresh):
        window.index_ready.connect(refresh)
        window.import_finished.connect(lambda _report: refresh())


def _install_annotation_tools(window: MainWindow) -> None:
    """The Annotations dock, the annotate and export actions, and the tints in the text."""
    try:
        from reader.ui.annotation_tools import install_annotation_tools

        install_annotation_tools(window)
    except Exception:
        # As with the panels: the articles stay readable if this part fails.
        log.exception("could not install the annotation tools")


def _build(module_name: str, class_names: tuple[str, ...], window: MainWindow) -> QWidget | None:
    if importlib.util.find_spec(module_name) is None:
        return None
    try:
        module = importlib.import_module(module_name)
        cls: Any = next((getattr(module, n) for n in class_names if hasattr(module, n)), None)
        if cls is None:
            log.warning("%s has none of %s", module_name, ", ".join(class_names))
            return None
        return cls(window.library, parent=window)
    except Exception:
        # A broken panel must not keep the researcher from their articles.
        log.exception("could not build the panel from %s", module_name)
        return None
