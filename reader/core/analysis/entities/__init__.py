"""Linked entities: who, where and what the articles speak of.

* :mod:`.gazetteer` — known entities (``resources/gazetteer.json``) and the one-pass matcher;
* :mod:`.recognize` — known and newly discovered names in one article, with offsets;
* :mod:`.corpus` — entities across cached analyses, with the researcher's corrections.

Public API::

    Recognizer(gazetteer=None).recognize(text, sentences=None) -> list[Recognized]
    document_entities(doc_id, analysis, corrections=None, *, votes=None) -> list[Entity]
    corpus_entities(analyses, corrections=None, *, top_cooccurring=5,
                    include_mentions=True, votes=None) -> list[Entity]
    entity_detail(key, analyses, corrections=None, *, top_cooccurring=10,
                  votes=None) -> Entity | None
    type_votes(document_counts, corrections=None) -> {outvoted key: key it joins}
    type_variants(key) -> the same name's keys as person, place, organisation
"""

from __future__ import annotations

from reader.core.analysis.entities.corpus import (
    Entity,
    EntityMention,
    RelatedEntity,
    corpus_entities,
    document_entities,
    entity_detail,
    type_variants,
    type_votes,
)
from reader.core.analysis.entities.gazetteer import (
    ENTITY_TYPES,
    Gazetteer,
    GazetteerEntry,
    default_gazetteer,
    entity_key,
)
from reader.core.analysis.entities.recognize import Recognized, Recognizer, default_recognizer

__all__ = [
    "ENTITY_TYPES",
    "Entity",
    "EntityMention",
    "Gazetteer",
    "GazetteerEntry",
    "Recognized",
    "Recognizer",
    "RelatedEntity",
    "corpus_entities",
    "default_gazetteer",
    "default_recognizer",
    "document_entities",
    "entity_detail",
    "entity_key",
    "type_variants",
    "type_votes",
]
