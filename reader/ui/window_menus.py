"""The window's menus and actions: File, Edit, View, Help, and their shortcuts.

Shortcuts follow the platform (``QKeySequence.StandardKey``) where one
exists; every action is also added to the window, so its shortcut works with
the menu bar hidden. The actions become attributes of the window (declared
on :class:`~reader.ui.main_window.MainWindow`), whose slots they call.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

# Previous/next meeting, window-wide. Ctrl+[ and Ctrl+] are bound to no text
# navigation on any platform (Alt+Left/Right is Back/Forward in Windows and
# KDE, Alt+PgUp/PgDn moves by page in macOS text views, so the reading pane or
# the search box would take those first). On macOS they read Cmd+[ and Cmd+],
# the browsers' back and forward, which this window has no other use for.
PREVIOUS_MEETING_SHORTCUT = "Ctrl+["
NEXT_MEETING_SHORTCUT = "Ctrl+]"


def install_actions(window: MainWindow) -> None:
    """Make the window's actions (as its attributes), with platform shortcuts."""
    key = QKeySequence.StandardKey

    def action(
        text: str,
        slot: Callable[[], object],
        shortcuts: Sequence[QKeySequence | QKeySequence.StandardKey | str] = (),
        tip: str = "",
    ) -> QAction:
        act = QAction(text, window)
        keys: list[QKeySequence] = []
        for s in shortcuts:
            more = (
                QKeySequence.keyBindings(s)
                if isinstance(s, QKeySequence.StandardKey)
                else [QKeySequence(s)]
            )
            # A key bound twice would make the shortcut ambiguous and dead.
            keys.extend(k for k in more if k not in keys)
        act.setShortcuts(keys)
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        window.addAction(act)  # shortcuts work even with the menu bar hidden
        return act

    window.import_action = action(
        "&Import Files…", window.choose_import, [key.Open], "Add articles to the corpus"
    )
    window.import_folder_action = action(
        "Import &Folder…", window.choose_import_folder, ["Ctrl+Shift+O"]
    )
    window.update_index_action = action("&Update Index", window.update_index)
    window.quit_action = action("&Quit", window.close, [key.Quit, "Ctrl+Q"])
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.find_action = action("&Find…", window.search_bar.focus, [key.Find])
    window.find_next_action = action(
        "Next &Hit", window.reading_pane.next_hit, [key.FindNext, "F3"], "Go to the next hit"
    )
    window.find_previous_action = action(
        "Previous Hi&t",
        window.reading_pane.previous_hit,
        [key.FindPrevious, "Shift+F3"],
        "Go to the previous hit",
    )
    window.clear_search_action = action("&Clear Search", window._clear_search)
    window.zoom_in_action = action("Zoom &In", window._zoom_in, [key.ZoomIn, "Ctrl+="])
    window.zoom_out_action = action("Zoom &Out", window._zoom_out, [key.ZoomOut])
    window.zoom_reset_action = action("&Actual Size", window._zoom_reset, ["Ctrl+0"])
    window.show_removed_action = QAction("Show &Removed Text", window)
    window.show_removed_action.setCheckable(True)
    window.show_removed_action.setStatusTip("Show, greyed, what cleaning dropped and why")
    window.show_removed_action.toggled.connect(window.reading_pane.set_show_removed)
    window.previous_meeting_action = action(
        "&Previous Meeting",
        window._previous_meeting,
        [PREVIOUS_MEETING_SHORTCUT],
        "Open the meeting before the current one on the timeline",
    )
    window.next_meeting_action = action(
        "&Next Meeting",
        window._next_meeting,
        [NEXT_MEETING_SHORTCUT],
        "Open the meeting after the current one on the timeline",
    )
    window.about_action = action("&About Corpus Reader", window._about)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    for act in (window.find_next_action, window.find_previous_action):
        act.setEnabled(False)
    # Shortcuts work with the menu bar hidden.
    window.addActions(window.annotation_tools.shortcut_actions())


def install_menus(window: MainWindow) -> None:
    """File, Edit, View and Help, from the window's actions."""
    bar = window.menuBar()
    tools = window.annotation_tools
    file_menu = bar.addMenu("&File")
    file_menu.addActions([window.import_action, window.import_folder_action])
    file_menu.addSeparator()
    file_menu.addAction(window.update_index_action)
    file_menu.addSeparator()
    file_menu.addAction(tools.export_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)
    window.file_menu = file_menu

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([tools.undo_action, tools.redo_action])
    edit_menu.addSeparator()
    edit_menu.addAction(window.find_action)
    edit_menu.addActions([window.find_next_action, window.find_previous_action])
    edit_menu.addAction(window.clear_search_action)
    edit_menu.addSeparator()
    edit_menu.addAction(tools.annotate_action)
    window.edit_menu = edit_menu

    view_menu = bar.addMenu("&View")
    view_menu.addActions([window.zoom_in_action, window.zoom_out_action, window.zoom_reset_action])
    view_menu.addSeparator()
    view_menu.addAction(window.show_removed_action)
    view_menu.addSeparator()
    view_menu.addActions([window.previous_meeting_action, window.next_meeting_action])
    view_menu.addSeparator()
    view_menu.addAction(window.entity_dock.toggleViewAction())
    view_menu.addAction(window.annotations_dock.toggleViewAction())
    view_menu.addAction(window.timeline_dock.toggleViewAction())
    window.view_menu = view_menu

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(window.about_action)
