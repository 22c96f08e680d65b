"""The cleaner: raw article files (scraped text or HTML, any encoding, gzipped or not)
into :class:`~reader.core.model.Document` objects with metadata, body paragraphs,
captions and an audit trail of everything removed.

Public API::

    CLEANER_VERSION, SUPPORTED_SUFFIXES, MAX_BYTES
    clean_file(path, *, doc_id=None, manifest=None) -> Document
    clean_bytes(data, *, doc_id, source_path="", manifest=None, kind=None) -> Document

Bad input raises :class:`~reader.core.model.DocumentError` with a short reason.
"""

from __future__ import annotations

from reader.core.clean.pipeline import clean_bytes, clean_file
from reader.core.clean.source import MAX_BYTES, SUPPORTED_SUFFIXES

# Bump whenever cleaning output can change: the index re-cleans every file then.
CLEANER_VERSION = "2"

__all__ = ["CLEANER_VERSION", "MAX_BYTES", "SUPPORTED_SUFFIXES", "clean_bytes", "clean_file"]
