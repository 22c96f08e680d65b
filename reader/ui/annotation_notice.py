"""Telling the researcher what an index update did to their annotations.

Re-cleaning an article (a new cleaner, an edited source file) or taking it
out of the corpus can leave an annotation without its passage: it is kept,
quote and note, as an orphan. That is news the researcher must get, so after
every update that orphaned, restored or re-worded annotations the window says
so in the status bar and in the notice strip above the list, naming the
quotes, with a button that shows those annotations in the Annotations panel.
Nothing is modal: reading goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget

if TYPE_CHECKING:
    from reader.core.library import AnnotationChange, AnnotationChanges
    from reader.ui.annotation_tools import AnnotationTools
    from reader.ui.status_area import StatusArea
    from reader.ui.window_layout import NoticeBar

# The orphans named one by one in the notice; the rest are counted.
LISTED = 4
SHOW_ACTION = "Show in Annotations"


class AnnotationNotice(QObject):
    """Says which annotations an update orphaned, restored or re-worded, and shows them."""

    def __init__(
        self,
        notices: NoticeBar,
        status: StatusArea,
        tools: AnnotationTools,
        dock: QDockWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._notices = notices
        self._status = status
        self._tools = tools
        self._dock = dock
        #: The annotations the last notice was about (the orphans first).
        self.annotation_ids: list[str] = []
        self._shown: list[str] = []

    def tell(self, changes: AnnotationChanges | None) -> None:
        """Tell what ``changes`` holds; an update that changed nothing says nothing."""
        if not changes:
            return
        title = self._tools.controller.model.article_title
        lines = changes.lines(list_orphans=True)
        if changes.orphaned:  # the first line is theirs: list them under it
            lines[1:1] = _listed(changes.orphaned, title)
        self.annotation_ids = [c.id for c in changes.orphaned + changes.restored + changes.reworded]
        self._status.message(lines[0], 15_000)
        # Another notice still up (files an import could not read) stays above;
        # an earlier one of these is replaced.
        earlier = self._notices.lines()
        if earlier == self._shown:
            earlier = []
        self._shown = [*earlier, *lines]
        self._notices.show_lines(self._shown, action=SHOW_ACTION, on_action=self.show_in_panel)

    def show_in_panel(self) -> None:
        """Bring up the Annotations panel with the annotations of the notice selected.

        The annotations are read again first: the update changed them on disk.
        """
        self._dock.show()
        self._dock.raise_()
        controller = self._tools.controller
        ids = list(self.annotation_ids)

        def select() -> None:
            self._tools.panel.select_annotations(ids)

        controller.changed.connect(select, Qt.ConnectionType.SingleShotConnection)
        controller.reload()


def _listed(orphans: list[AnnotationChange], title: Callable[[str], str]) -> list[str]:
    """A line per orphan (up to :data:`LISTED`): its quote and its article."""
    if len(orphans) == 1:  # its quote is in the line above
        return [f"    in {title(orphans[0].doc_id)}"]
    lines = [f"    {c.short_quote()} — {title(c.doc_id)}" for c in orphans[:LISTED]]
    if len(orphans) > LISTED:
        lines.append(f"    and {len(orphans) - LISTED} more")
    return lines
