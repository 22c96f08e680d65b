"""Progress reporting as an object: the core calls it, the CLI prints it, the window draws it."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "") -> None: ...


def no_progress(done: int, total: int, message: str = "") -> None:
    """The default: report nothing."""
