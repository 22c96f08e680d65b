"""The export formats, listed once, and the one way an export reaches a file.

The command line's ``--format`` choices, the export dialog's list and the
exporter itself all read :data:`EXPORT_FORMATS`. This module loads nothing
heavy, so a parser or a dialog can list the formats without loading the
exporter.

:func:`write_atomically` is how every export is written: beside its final
name first, then moved over it, so a failed export never leaves half a file
where an old one was; the failures a user can meet (a folder named as the
file, a folder that does not exist, a full disk) come back as one line
naming the file and the reason.
"""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from reader.core.model import ReaderError


class ExportError(ReaderError):
    """An export that cannot be made or written as asked; the message is one line."""


@dataclass(frozen=True)
class ExportFormat:
    """One format: its name on the command line, its label, the suffix of its files."""

    key: str
    label: str
    suffix: str
    patterns: tuple[str, ...]
    media_type: str

    @property
    def file_filter(self) -> str:
        """The file dialog's filter, e.g. ``Markdown (*.md)``."""
        return f"{self.label.split(' (')[0]} ({' '.join(self.patterns)})"


# In the order offered.
EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("markdown", "Markdown", ".md", ("*.md",), "text/markdown; charset=utf-8"),
    ExportFormat(
        "html",
        "HTML (one self-contained page)",
        ".html",
        ("*.html", "*.htm"),
        "text/html; charset=utf-8",
    ),
    ExportFormat("csv", "CSV (spreadsheet, UTF-8)", ".csv", ("*.csv",), "text/csv; charset=utf-8"),
    ExportFormat(
        "json", "JSON (with CSL-JSON citations)", ".json", ("*.json",), "application/json"
    ),
    ExportFormat(
        "jsonld",
        "W3C Web Annotation (JSON-LD)",
        ".jsonld",
        ("*.jsonld",),
        'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',
    ),
)
FORMAT_NAMES: tuple[str, ...] = tuple(f.key for f in EXPORT_FORMATS)
_BY_KEY = {f.key: f for f in EXPORT_FORMATS}


@dataclass(frozen=True)
class ExportFilters:
    """Which annotations an export holds; every filter given must match (none: all)."""

    tag: str | None = None
    doc_id: str | None = None
    query: str | None = None  # only excerpts of articles matching this search
    text: str | None = None  # only annotations whose quote, note or tags hold this

    def describe(self) -> str:
        """What was exported, for a status line: "all", "tagged “x”"…"""
        if self.tag:
            return f"tagged “{self.tag}”"
        if self.doc_id:
            return "on the current article"
        if self.query:
            return f"on articles matching “{self.query}”"
        if self.text:
            return f"holding “{self.text}”"
        return "all"


def export_format(key: str) -> ExportFormat:
    """The format called ``key``; :class:`ExportError` naming the choices if there is none."""
    try:
        return _BY_KEY[key.strip().lower()]
    except KeyError:
        raise ExportError(
            f"unknown export format {key!r}; choose one of {', '.join(FORMAT_NAMES)}"
        ) from None


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` as the file ``path``, all of it or nothing; returns the path.

    The folder must exist: a mistyped folder is refused rather than made.
    Raises :class:`ExportError` with one line naming the file and the reason.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        raise ExportError(f"{target}: is a folder; name the file to write, e.g. {target / 'x'}")
    folder = target.parent
    if not folder.is_dir():
        reason = "is not a folder" if folder.exists() else "does not exist"
        raise ExportError(f"{target}: cannot write it, the folder {folder} {reason}")
    partial: str | None = None
    try:
        # Opened as a new file (not mkstemp's owner-only one): the export
        # gets the permissions any file the user writes gets.
        partial = str(folder / f".{target.name}.{uuid.uuid4().hex[:12]}.part")
        with open(partial, "xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
        partial = None
    except OSError as error:
        raise ExportError(f"{target}: could not be written: {_reason(error)}") from None
    finally:
        if partial is not None:
            with contextlib.suppress(OSError):
                os.unlink(partial)
    return target


def _reason(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    return (error.strerror or str(error)).rstrip(".").lower()
