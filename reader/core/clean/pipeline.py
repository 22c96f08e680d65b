"""From a file or bytes to a :class:`Document`: read, sniff, decode, clean, merge the manifest."""

from __future__ import annotations

import hashlib
import os
import re
from typing import Any

from reader.core.clean import source
from reader.core.clean.dates import parse_date
from reader.core.clean.encoding import decode
from reader.core.clean.language import detect_language
from reader.core.clean.text import clean_text
from reader.core.model import Document, DocumentError

TEXT = "text"
HTML = "html"
MANIFEST = "manifest"

# Markup that only an HTML page starts with, or enough tags that no scraped
# text would contain (scraped text may quote the odd "<b>").
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml|meta|title)\b", re.I | re.S
)
_HTML_TAG = re.compile(
    r"</?(?:p|div|span|a|br|meta|script|article|section|h[1-6]|li|ul|img|body|head)\b[^>]*>", re.I
)

_GZ_SUFFIX = ".gz"


def doc_id_for(path: str | os.PathLike[str]) -> str:
    """The stable id of a file: its name without suffixes that say how it is stored."""
    name = os.path.basename(os.fspath(path))
    if name.lower().endswith(_GZ_SUFFIX):
        name = name[: -len(_GZ_SUFFIX)]
    stem, _ = os.path.splitext(name)
    return stem or name


def detect_kind(text: str) -> str:
    """``html`` or ``text``, judged by the content rather than the file name."""
    head = text[:16384]
    if _HTML_START.match(head):
        return HTML
    tags = len(_HTML_TAG.findall(head))
    return HTML if tags >= 5 or (tags >= 2 and "</" in head) else TEXT


def clean_file(
    path: str | os.PathLike[str],
    *,
    doc_id: str | None = None,
    manifest: dict[str, Any] | None = None,
) -> Document:
    """Clean one article file; raise :class:`DocumentError` for anything that is not one."""
    name = os.fspath(path)
    data = source.read_file_bytes(name)
    return clean_bytes(data, doc_id=doc_id or doc_id_for(name), source_path=name, manifest=manifest)


def clean_bytes(
    data: bytes,
    *,
    doc_id: str,
    source_path: str = "",
    manifest: dict[str, Any] | None = None,
    kind: str | None = None,
) -> Document:
    """Clean one article given as raw bytes (plain text or HTML, optionally gzipped)."""
    label = source_path or doc_id
    if len(data) > source.MAX_BYTES:
        raise DocumentError(label, "file too large")
    doc = Document(
        id=doc_id, source_path=source_path, content_hash=hashlib.sha256(data).hexdigest()
    )
    payload = source.unwrap(data, label)
    text, _encoding = decode(payload, label)
    if "\x00" in text:
        raise DocumentError(label, "binary file (contains NUL characters), not text")
    kind = kind or detect_kind(text)
    try:
        if kind == HTML:
            from reader.core.clean.html import clean_html

            clean_html(text, doc)
        else:
            clean_text(text.replace("\r\n", "\n"), doc)
    except RecursionError:
        raise DocumentError(label, "markup nested too deeply to read") from None
    _record_text_sources(doc)
    _apply_manifest(doc, manifest)
    if not doc.language:
        doc.set_field("language", detect_language(doc.body_text), "detected")
    if not doc.paragraphs:
        raise DocumentError(label, "no article text found")
    return doc


_MANIFEST_FIELDS = (
    "title",
    "subtitle",
    "section",
    "publisher",
    "byline",
    "dateline",
    "url",
    "language",
)


def _record_text_sources(doc: Document) -> None:
    """Fields the cleaner read from the article's own lines say so."""
    for name in _MANIFEST_FIELDS:
        if getattr(doc, name) and name not in doc.provenance:
            doc.provenance[name] = "text"
    if doc.published:
        doc.provenance.setdefault("published", doc.published_source)


def _apply_manifest(doc: Document, manifest: dict[str, Any] | None) -> None:
    """Manifest facts win over what the file says: they were checked by a person."""
    if not manifest:
        return
    for name in _MANIFEST_FIELDS:
        value = manifest.get(name)
        if isinstance(value, str) and value.strip():
            doc.set_field(name, value.strip(), MANIFEST)
    published = manifest.get("published")
    if isinstance(published, str) and published.strip():
        doc.set_field("published", parse_date(published) or published.strip(), MANIFEST)
    meeting = manifest.get("meeting")
    if isinstance(meeting, dict):
        doc.meeting = dict(meeting)
