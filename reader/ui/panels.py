"""Docks the panels that live in their own modules (entity sidebar, timeline) when present.

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
