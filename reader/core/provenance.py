"""Saying where an article's metadata came from, in words a reader understands.

The cleaner records a source per field (:attr:`Document.provenance`); the
reading pane shows them under the article's header so a researcher knows
whether a date was stated by the page, read from its address or guessed.
"""

from __future__ import annotations

from reader.core.model import Document

SOURCE_LABELS: dict[str, str] = {
    "manifest": "the corpus manifest",
    "json-ld": "the page's JSON-LD",
    "opengraph": "the page's Open Graph tags",
    "meta": "the page's meta tags",
    "microdata": "the page's microdata",
    "time": "a <time> element",
    "htmldate": "the page markup (htmldate)",
    "url": "the page address",
    "title": "the page title",
    "heading": "the page heading",
    "copyright": "the copyright line",
    "html": "the page's language tag",
    "text": "the article text",
    "inferred": "inferred from the text",
    "detected": "detected from the text",
}
# The fields a reader sees in the header, in the order the line names them.
_SHOWN = (("published", "date"), ("publisher", "publisher"), ("byline", "author"),
          ("language", "language"))  # fmt: skip


def source_label(source: str) -> str:
    return SOURCE_LABELS.get(source, source)


def sources_line(doc: Document) -> str:
    """The line naming each shown field's source ("Sources: date from …"), or ``""``."""
    parts = []
    for name, label in _SHOWN:
        source = doc.provenance.get(name)
        if source and getattr(doc, name):
            text = source_label(source)
            joiner = " " if text.startswith(("inferred", "detected")) else " from "
            parts.append(f"{label}{joiner}{text}")
    return "Sources: " + " · ".join(parts) if parts else ""
