"""The index schema and what of a document goes into each field."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from whoosh import fields
from whoosh.analysis import StemmingAnalyzer

from reader.core.model import Document

# Bump when the schema or what goes into a field changes: an index written
# with another format is rebuilt rather than read.
INDEX_FORMAT = "2"


def build_schema() -> fields.Schema:
    """The index schema; ``INDEX_FORMAT`` must change whenever this does."""
    stem = StemmingAnalyzer()
    return fields.Schema(
        # sortable: a column gives docnum -> id without unpickling stored bodies.
        id=fields.ID(unique=True, stored=True, sortable=True),
        title=fields.TEXT(analyzer=stem, stored=True, field_boost=2.0),
        publisher=fields.TEXT(stored=True),
        published=fields.DATETIME(),
        # The exact ISO string the article gave, to hand back unchanged.
        published_text=fields.STORED(),
        body=fields.TEXT(analyzer=stem, stored=True),
        # Kept to mark and count the query's words in them, as a reader sees the header.
        subtitle=fields.STORED(),
        captions=fields.STORED(),
        entities=fields.KEYWORD(commas=True, lowercase=True, scorable=True),
    )


def _published_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def _entity_keys(analysis: dict[str, Any] | None) -> str:
    keys: list[str] = []
    for item in (analysis or {}).get("entities") or []:
        key = item.get("key") if isinstance(item, dict) else None
        if key:
            keys.append(str(key).replace(",", " "))
    return ",".join(dict.fromkeys(keys))


def _document_fields(doc: Document, analysis: dict[str, Any] | None) -> dict[str, Any]:
    values: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title or "",
        "publisher": doc.publisher or "",
        "published_text": doc.published,
        "body": doc.body_text,
        "subtitle": doc.subtitle or "",
        "captions": list(doc.captions),
    }
    when = _published_datetime(doc.published)
    if when is not None:
        values["published"] = when
    entities = _entity_keys(analysis)
    if entities:
        values["entities"] = entities
    return values
