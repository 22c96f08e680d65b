"""Per-article analysis run at ingest: entity mentions and meeting mentions.

Placeholder shape; the entity recogniser and the timeline extractor fill it.
"""

from __future__ import annotations

from typing import Any

from reader.core.model import Document

ANALYSIS_VERSION = "0"


def analyze(doc: Document) -> dict[str, Any]:
    """JSON-serialisable facts about one article, cached beside it at ingest."""
    return {"entities": [], "meetings": []}
