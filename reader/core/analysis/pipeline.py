"""Per-article analysis run at ingest: entity mentions and meeting mentions.

:func:`analyze` is called once per cleaned article; its result is cached as
JSON beside the article, so the corpus-level views (entity sidebar, entity
pages, timeline) are built from these dicts without reloading any article.
Researcher corrections are *not* applied here: they are applied at read time
(:mod:`reader.core.analysis.entities.corpus`), so they survive a re-index.

Shape (``ANALYSIS_VERSION`` changes whenever it does)::

    {
      "version": "2",
      "doc": {"id", "title", "publisher", "published", "dateline", "meeting"},
      "entities": [
        {"key": "person:shinzo-abe", "name": "Shinzo Abe", "type": "person",
         "known": true, "wikidata": "Q132345",
         "mentions": [{"start": 0, "end": 10, "text": "Shinzo Abe"}, ...]},
        ...
      ],
      "reported": {"date": "2018-12-01", "precision": "day", "place": "Buenos Aires",
                   "place_key": "place:buenos-aires", "place_in": ["place:argentina"],
                   "ordinal": 24, "occasion": "G20 summit", "source": "manifest"} | null,
      "meetings": [
        {"date": "2018-11", "precision": "month", "place": "Singapore",
         "place_key": "place:singapore", "place_in": [], "ordinal": null,
         "kind": "mentioned", "what": "talks", "start": 812, "end": 951,
         "passage": "...", "match": [871, 884], "people": ["person:vladimir-putin"]},
        ...
      ]
    }

Offsets are ``str`` indices into ``Document.body_text``; ``start``/``end`` of
a meeting mention delimit its passage (the sentence), ``match`` the words
that date or place it.
"""

from __future__ import annotations

from typing import Any

from reader.core.analysis.entities.recognize import Recognizer, default_recognizer
from reader.core.analysis.entities.text import sentence_spans
from reader.core.analysis.meetings import extract_meetings
from reader.core.model import Document

ANALYSIS_VERSION = "3"  # 3: meetings carry participants and level


def analyze(doc: Document, recognizer: Recognizer | None = None) -> dict[str, Any]:
    """JSON-serialisable facts about one article, cached beside it at ingest."""
    rec = recognizer or default_recognizer()
    text = doc.body_text
    sentences = sentence_spans(text)
    entities = rec.recognize(text, sentences)
    reported, meetings = extract_meetings(doc, text, sentences, entities, rec.gazetteer)
    return {
        "version": ANALYSIS_VERSION,
        "doc": {
            "id": doc.id,
            "title": doc.title,
            "publisher": doc.publisher,
            "published": doc.published,
            "dateline": doc.dateline or None,
            "meeting": dict(doc.meeting) if doc.meeting else None,
        },
        "entities": [e.to_json(text) for e in entities],
        "reported": reported,
        "meetings": meetings,
    }
