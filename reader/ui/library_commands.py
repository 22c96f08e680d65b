"""Index updates and imports as ``corpus-reader`` command lines, and their reports read back.

The window runs these two slow writes in a child process (see
:meth:`reader.ui.tasks.TaskRunner.run_command`). This module names the
window's library on the child's command line (``--data-dir``, ``--corpus``)
and turns the JSON the command prints back into objects shaped like the
core's reports — light ones, so reading a report never loads Whoosh into
the window.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reader.core.model import DocumentError
from reader.core.paths import AppPaths

if TYPE_CHECKING:
    from reader.core.library import Library

PROGRESS_FLAGS = ("--json", "--progress-json")


class IndexReport(Protocol):
    """What the window reads of an index update: ``IngestReport`` or :class:`IndexOutcome`."""

    @property
    def added(self) -> int: ...
    @property
    def updated(self) -> int: ...
    @property
    def removed(self) -> int: ...
    @property
    def messages(self) -> list[str]: ...


class ImportReport(Protocol):
    """What the window reads of an import: ``ImportResult`` or :class:`ImportOutcome`."""

    @property
    def imported(self) -> list[str]: ...
    @property
    def failures(self) -> list[DocumentError]: ...


@dataclass
class IndexOutcome:
    """An index update's report, as the ``index --json`` command printed it."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failures: list[DocumentError] = field(default_factory=list)
    rebuilt: bool = False
    messages: list[str] = field(default_factory=list)


@dataclass
class ImportOutcome:
    """An import's report, as the ``import --json`` command printed it."""

    imported: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    failures: list[DocumentError] = field(default_factory=list)
    ingest: IndexOutcome | None = None


def location_arguments(library: Library) -> list[str] | None:
    """``--data-dir``/``--corpus`` that make a child open this same library.

    None when the command line cannot name it (a library built by hand over
    folders that ``--data-dir`` does not lay out); the work then stays in
    this process.
    """
    paths = library.paths
    if len(library.corpus_dirs) != 2 or library.corpus_dirs[1] != paths.imported_dir:
        return None
    corpus = ["--corpus", os.fspath(library.corpus_dirs[0])]
    root = paths.data.parent
    if AppPaths.resolve(root) == paths:
        return ["--data-dir", os.fspath(root), *corpus]
    if AppPaths.resolve() == paths:  # the default folders; the child inherits the environment
        return corpus
    return None


def index_arguments(library: Library) -> list[str] | None:
    """The command line that brings ``library``'s index up to date (None: not possible)."""
    location = location_arguments(library)
    return None if location is None else ["index", *location, *PROGRESS_FLAGS]


def import_arguments(library: Library, paths: Sequence[Path]) -> list[str] | None:
    """The command line that imports ``paths`` into ``library`` (None: not possible)."""
    location = location_arguments(library)
    if location is None:
        return None
    # After "--" a path that starts with a dash is still a path.
    return ["import", *location, *PROGRESS_FLAGS, "--", *(os.fspath(p) for p in paths)]


def _failures(items: Any) -> list[DocumentError]:
    return [DocumentError(str(f["path"]), str(f["reason"])) for f in items or []]


def decode_index(data: Any) -> IndexOutcome:
    """The report of ``index --json``."""
    return IndexOutcome(
        added=int(data["added"]),
        updated=int(data["updated"]),
        removed=int(data["removed"]),
        unchanged=int(data["unchanged"]),
        failures=_failures(data.get("failures")),
        rebuilt=bool(data.get("rebuilt", False)),
        messages=[str(m) for m in data.get("messages", [])],
    )


def decode_import(data: Any) -> ImportOutcome:
    """The report of ``import --json``."""
    index = data.get("index")
    return ImportOutcome(
        imported=[str(i) for i in data.get("imported", [])],
        already_present=[str(i) for i in data.get("already_present", [])],
        failures=_failures(data.get("failures")),
        ingest=decode_index(index) if index else None,
    )
