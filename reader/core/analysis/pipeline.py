"""Per-article analysis run at ingest: entity mentions and meeting mentions.

:func:`analyze` is called once per cleaned article; its result is cached as
JSON beside the article, so the corpus-level views (entity sidebar, entity
pages, timeline) are built from these dicts without reloading any article.
Researcher corrections are *not* applied here: they are applied at read time
(:mod:`reader.core.analysis.entities.corpus`), so they survive a re-index.

Shape (``ANALYSIS_VERSION`` changes whenever it does; ``language`` is the detected
language and ``note`` a line for the reader when entities are limited)::

    {
      "version": "4", "language": "en", "note": "",
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

import time
from typing import Any

from reader.core.analysis.entities.model import ModelStatus, load_model, model_status
from reader.core.analysis.entities.recognize import Recognized, Recognizer, default_recognizer
from reader.core.analysis.entities.statistical import ModelRecognizer, TooLong
from reader.core.analysis.entities.text import sentence_spans
from reader.core.analysis.language import detect_language, language_name
from reader.core.analysis.meetings import extract_meetings
from reader.core.model import Document

# The shape of the dict (3: meetings carry participants and level; 4: entities
# from the name model, language and note); the full version also names the
# recogniser in use (see analysis_version()), so a new model re-analyses.
ANALYSIS_VERSION = "4"
# The recognition rules' own version: raised when a change to them changes what an
# article yields, so analyses cached under older rules are redone in the background.
RULES_VERSION = "4"
# Seconds one article may take (issue: an article of any size must not hold
# the queue); past it the article is marked too long to analyse.
TIME_BUDGET = 20.0
# The model reads the languages it was trained on; other text gets the gazetteer only.
MODEL_LANGUAGES = frozenset({"en"})

AnyRecognizer = Recognizer | ModelRecognizer


def analysis_version(status: ModelStatus | None = None) -> str:
    """The version stamped on each cached analysis: shape, rules and recogniser."""
    return f"{ANALYSIS_VERSION}.{RULES_VERSION}+{(status or model_status()).version}"


_recognizer: ModelRecognizer | None = None


def analysis_recognizer() -> AnyRecognizer:
    """The gazetteer plus the statistical model when it is installed, else the gazetteer
    with the rule-based discovery of names (built once per process)."""
    global _recognizer
    model, _ = load_model()
    if model is None:
        return default_recognizer()
    if _recognizer is None or _recognizer.model is not model:
        _recognizer = ModelRecognizer(model)
    return _recognizer


def _agency(doc: Document) -> str:
    """The news agency that filed the article when the cleaner found one in its dateline
    ("LONDON (AP) —" leaves "AP" as the byline): a one-word byline, never a person's name."""
    byline = doc.byline.strip()
    if doc.dateline and byline and " " not in byline and byline[:1].isupper():
        return byline if byline.replace("-", "").isalpha() else ""
    return ""


def analyze(
    doc: Document,
    recognizer: AnyRecognizer | None = None,
    *,
    budget: float | None = TIME_BUDGET,
) -> dict[str, Any]:
    """JSON-serialisable facts about one article, cached beside it.

    Raises :class:`TooLong` when the model's part runs past ``budget`` seconds.
    """
    deadline = None if budget is None else time.monotonic() + budget
    rec = recognizer or analysis_recognizer()
    text = doc.body_text
    language = detect_language(text, doc.language)
    sentences = sentence_spans(text)
    note = ""
    entities: list[Recognized]
    if isinstance(rec, ModelRecognizer):
        if language in MODEL_LANGUAGES or language == "und":
            entities = rec.recognize(
                text, sentences, deadline=deadline, dateline=doc.dateline, agency=_agency(doc)
            )
        else:
            # Known names still count; the English model would only invent others.
            entities = rec.assemble(text, [], dateline=doc.dateline, agency=_agency(doc))
            note = (
                f"This article is in {language_name(language)}; the name model reads "
                "English, so only names the gazetteer knows are shown."
            )
    else:
        entities = rec.recognize(text, sentences)
        if language not in MODEL_LANGUAGES and language != "und":
            note = f"This article is in {language_name(language)}; names were found by rule only."
    reported, meetings = extract_meetings(doc, text, sentences, entities, rec.gazetteer)
    return {
        "version": ANALYSIS_VERSION,
        "language": language,
        "note": note,
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


__all__ = ["ANALYSIS_VERSION", "TIME_BUDGET", "TooLong", "analysis_version", "analyze"]
