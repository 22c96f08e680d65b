"""Undo and redo of the window's writes, run in the background like the writes themselves.

The window keeps ONE ``QUndoStack`` (Edit → Undo / Redo) for everything the
researcher changes: annotations and entity corrections alike. A change is
made through the library on the task runner first; once it is made, a
:class:`BackgroundCommand` is pushed holding how to undo and redo it, and
each of those runs on the same runner, so a write never happens on the UI
thread and never races another.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from reader.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

Work = Callable[[], object]
Done = Callable[[str, object], None]
Failed = Callable[[str, BaseException], None]


class BackgroundCommand(QUndoCommand):
    """A change already made: undo and redo queue the reverse and the change again.

    ``after(kind, result)`` runs on the main thread once an undo ("undo") or
    a redo ("redo") is made, with what the work returned; ``failed(kind,
    error)`` if it could not be.
    """

    def __init__(
        self,
        runner: TaskRunner,
        text: str,
        *,
        redo: Work,
        undo: Work,
        after: Done | None = None,
        failed: Failed | None = None,
    ) -> None:
        super().__init__(text)
        self._runner = runner
        self._redo_work = redo
        self._undo_work = undo
        self._after = after
        self._failed = failed
        # The change is made when the command is pushed, and QUndoStack.push()
        # calls redo() at once: that first call is skipped.
        self._made = True

    def redo(self) -> None:
        if self._made:
            self._made = False
            return
        self._run("redo", self._redo_work)

    def undo(self) -> None:
        self._run("undo", self._undo_work)

    def _run(self, kind: str, work: Work) -> None:
        after, failed, text = self._after, self._failed, self.text()

        def on_error(error: BaseException) -> None:
            log.warning("%s of %r failed: %s", kind, text, error)
            if failed is not None:
                failed(kind, error)

        self._runner.run(
            f"{kind} {text.lower()}",
            lambda _progress: work(),
            on_result=(lambda result: after(kind, result)) if after is not None else None,
            on_error=on_error,
        )
