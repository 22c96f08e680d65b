"""Index updates and imports as ``corpus-reader`` command lines, and their reports read back.

The window runs these two slow writes in a child process (see
:meth:`reader.ui.tasks.TaskRunner.run_command`). This module names the
window's library on the child's command line (``--data-dir``, ``--corpus``)
and reads the JSON the command prints back into the core's own report types
(:class:`~reader.core.library.IngestReport`,
:class:`~reader.core.library.ImportResult`), whichever process did the work.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader.core.library import ImportResult, IngestReport, Library
from reader.core.paths import AppPaths

PROGRESS_FLAGS = ("--json", "--progress-json")


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


def decode_index(data: Any) -> IngestReport:
    """The report of ``index --json``."""
    return IngestReport.from_json(data)


def decode_import(data: Any) -> ImportResult:
    """The report of ``import --json``."""
    return ImportResult.from_json(data)
