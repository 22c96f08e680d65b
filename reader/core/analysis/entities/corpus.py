"""Entities across the corpus: cached per-article analyses plus the researcher's corrections.

Everything here reads the ``analysis["entities"]`` lists that
:func:`reader.core.analysis.pipeline.analyze` cached at ingest; no article is
reloaded and nothing is recognised again. Corrections
(:class:`reader.core.analysis.corrections.Corrections`) are applied on the way, so
they hold however often the corpus is re-indexed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from reader.core.analysis.corrections import Corrections, CorrectionSet
from reader.core.analysis.entities.gazetteer import ENTITY_TYPES, Gazetteer, default_gazetteer

Analyses = Iterable[tuple[str, Mapping[str, Any]]]
CorrectionsLike = Corrections | CorrectionSet | None

_TYPE_ORDER = {t: i for i, t in enumerate(ENTITY_TYPES)}

# A name the model read as one type in most articles and as another in a few
# is one entity: the minority readings are the model's slips ("Netflix" a place
# in three articles, an organisation in forty). Only a clear majority decides:
# the winning type must have at least MAJORITY times the other's articles.
MAJORITY = 2
_VOTING_TYPES = ("person", "place", "organization")


@dataclass(frozen=True)
class EntityMention:
    """One mention: ``[start, end)`` in the body text of article ``doc``."""

    doc: str
    start: int
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class RelatedEntity:
    """An entity that shares ``documents`` articles with another."""

    key: str
    name: str
    type: str
    documents: int

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "type": self.type, "documents": self.documents}


@dataclass
class Entity:
    """One linked entity, with corrections applied.

    ``known`` is true for gazetteer entities, false for names discovered in
    the text. ``cooccurring`` is filled for corpus views, most shared
    articles first.
    """

    key: str
    name: str
    type: str
    known: bool
    wikidata: str | None = None
    description: str = ""
    aliases: list[str] = field(default_factory=list)
    mentions: list[EntityMention] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    cooccurring: list[RelatedEntity] = field(default_factory=list)
    mention_count: int = 0

    @property
    def status(self) -> str:
        return "known" if self.known else "discovered"

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "type": self.type,
            "status": self.status,
            "known": self.known,
            "wikidata": self.wikidata,
            "description": self.description,
            "aliases": list(self.aliases),
            "mention_count": self.mention_count,
            "mentions": [m.to_json() for m in self.mentions],
            "documents": list(self.documents),
            "cooccurring": [r.to_json() for r in self.cooccurring],
        }


class _Builder:
    """Accumulates one entity over many articles."""

    __slots__ = ("base", "count", "docs", "key", "known", "mentions", "names", "surfaces")

    def __init__(self, key: str) -> None:
        self.key = key
        self.base: Mapping[str, Any] | None = None  # the item whose key is the canonical one
        self.known = False
        self.names: Counter[str] = Counter()
        self.surfaces: set[str] = set()
        self.mentions: list[EntityMention] = []
        self.docs: dict[str, None] = {}
        self.count = 0


def _correction_set(corrections: CorrectionsLike) -> CorrectionSet:
    if corrections is None:
        return CorrectionSet()
    if isinstance(corrections, CorrectionSet):
        return corrections
    return corrections.resolved()


def type_variants(key: str) -> list[str]:
    """The keys the same name would have as a person, a place or an organisation."""
    _, _, slug = key.partition(":")
    return [f"{t}:{slug}" for t in _VOTING_TYPES] if slug else [key]


def type_votes(
    document_counts: Mapping[str, int],
    corrections: CorrectionsLike = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> dict[str, str]:
    """Each discovered key outvoted by the same name of another type → the key it joins.

    ``document_counts`` holds how many articles recognised each key. Names
    the gazetteer knows under any of the types are left alone (it is the
    authority, and a known place's name read as a person is often a
    different person), and so is a key the researcher corrected, merged,
    hid or gave an alias: their decision stands.
    """
    cs = _correction_set(corrections)
    gaz = gazetteer or default_gazetteer()
    touched = set(cs.renames) | set(cs.merges) | set(cs.types) | set(cs.aliases) | cs.hidden
    by_slug: dict[str, list[tuple[int, str]]] = {}
    for key, n in document_counts.items():
        type_, _, slug = key.partition(":")
        if type_ in _VOTING_TYPES and slug and n > 0:
            by_slug.setdefault(slug, []).append((n, key))
    votes: dict[str, str] = {}
    for variants in by_slug.values():
        if len(variants) < 2 or any(gaz.get(k) is not None for _, k in variants):
            continue
        variants.sort(key=lambda v: (-v[0], v[1]))
        top, winner = variants[0]
        if winner in cs.hidden:
            continue
        for n, key in variants[1:]:
            if top >= MAJORITY * n and key not in touched:
                votes[key] = winner
    return votes


def _resolve_key(
    item: Mapping[str, Any], cs: CorrectionSet, votes: Mapping[str, str] | None = None
) -> str:
    key = item["key"]
    if votes:
        key = votes.get(key, key)
    if cs.alias_index:
        # An added alias pulls in whatever was recognised under that name.
        target = cs.alias_index.get(str(item.get("name", "")).casefold())
        if target is None:
            for m in item.get("mentions", ()):
                target = cs.alias_index.get(m.get("text", "").casefold())
                if target is not None:
                    break
        if target is not None:
            key = target
    return cs.canonical(key) if cs.merges else key


def _collect(
    analyses: Analyses,
    cs: CorrectionSet,
    with_mentions: bool | str,
    votes: Mapping[str, str] | None = None,
) -> tuple[dict[str, _Builder], list[list[str]]]:
    """Builders per canonical key, and each article's keys (for co-occurrence).

    ``with_mentions`` is ``True`` for every entity's mentions, a key for that
    entity's only, ``False`` for counts alone; ``votes`` (:func:`type_votes`)
    moves outvoted keys to the type the corpus gives their name.
    """
    builders: dict[str, _Builder] = {}
    per_doc: list[list[str]] = []
    corrected = bool(cs)
    hidden = cs.hidden
    for doc_id, analysis in analyses:
        keys_here: dict[str, None] = {}
        for item in analysis.get("entities", ()):
            if corrected:
                key = _resolve_key(item, cs, votes)
                if key in hidden or item["key"] in hidden:
                    continue
            elif votes:
                key = votes.get(item["key"], item["key"])
            else:
                key = item["key"]
            b = builders.get(key)
            if b is None:
                b = builders[key] = _Builder(key)
            if item["key"] == key and b.base is None:
                b.base = item
            b.known = b.known or bool(item.get("known"))
            mentions = item.get("mentions", ())
            b.names[item.get("name", key)] += len(mentions) or 1
            b.docs[doc_id] = None
            b.count += len(mentions)
            keys_here[key] = None
            if with_mentions is True or with_mentions == key:
                b.mentions.extend(
                    EntityMention(doc_id, m["start"], m["end"], m["text"]) for m in mentions
                )
            # The surface forms are the entity's aliases across the corpus.
            b.surfaces.update([m["text"] for m in mentions])
        per_doc.append(list(keys_here))
    return builders, per_doc


def _finish(b: _Builder, cs: CorrectionSet, gaz: Gazetteer, with_mentions: bool) -> Entity:
    entry = gaz.get(b.key)
    if entry is not None:
        name, type_, wikidata, description = (
            entry.name,
            entry.type,
            entry.wikidata,
            entry.description,
        )
        known = True
        aliases = set(entry.aliases)
    else:
        base = b.base
        if base is not None:
            name, type_ = base.get("name", b.key), base.get("type", "place")
            wikidata = base.get("wikidata")
        else:
            name = b.names.most_common(1)[0][0] if b.names else b.key
            type_, _, _ = b.key.partition(":")
            wikidata = None
        known, description, aliases = b.known, "", set()
    aliases |= set(b.names)
    aliases |= b.surfaces
    aliases.update(cs.aliases.get(b.key, ()))
    if b.key in cs.renames:
        name = cs.renames[b.key]
    if b.key in cs.types:
        type_ = cs.types[b.key]
    if type_ not in _TYPE_ORDER:
        type_ = "place"
    aliases.discard(name)
    mentions = b.mentions if with_mentions else []
    return Entity(
        key=b.key,
        name=name,
        type=type_,
        known=known,
        wikidata=wikidata,
        description=description,
        aliases=sorted(aliases, key=str.casefold),
        mentions=mentions,
        documents=list(b.docs),
        mention_count=b.count,
    )


def document_entities(
    doc_id: str,
    analysis: Mapping[str, Any],
    corrections: CorrectionsLike = None,
    *,
    gazetteer: Gazetteer | None = None,
    votes: Mapping[str, str] | None = None,
) -> list[Entity]:
    """The entities of one article, grouped by type, most mentioned first within a type.

    ``votes`` (:func:`type_votes` over the corpus) types a name as the corpus does.
    """
    cs = _correction_set(corrections)
    gaz = gazetteer or default_gazetteer()
    builders, _ = _collect([(doc_id, analysis)], cs, True, votes)
    entities = [_finish(b, cs, gaz, True) for b in builders.values()]
    for e in entities:
        e.mentions.sort(key=lambda m: m.start)
    entities.sort(key=lambda e: (_TYPE_ORDER[e.type], -e.mention_count, e.name.casefold()))
    return entities


def corpus_entities(
    analyses: Analyses,
    corrections: CorrectionsLike = None,
    *,
    top_cooccurring: int = 5,
    include_mentions: bool = False,
    gazetteer: Gazetteer | None = None,
    votes: Mapping[str, str] | None = None,
) -> list[Entity]:
    """Every entity of the corpus, most widely reported first.

    Each carries the articles that mention it and the ``top_cooccurring``
    entities it shares most articles with (0 to skip that work). Mentions
    are left out unless ``include_mentions`` (``mention_count`` is always
    set): :func:`entity_detail` gives one entity's mentions without building
    every other's. ``votes`` (:func:`type_votes`) folds a name's minority
    types into the type most articles give it.
    """
    cs = _correction_set(corrections)
    gaz = gazetteer or default_gazetteer()
    builders, per_doc = _collect(analyses, cs, include_mentions, votes)
    entities = {k: _finish(b, cs, gaz, include_mentions) for k, b in builders.items()}
    if top_cooccurring > 0:
        _fill_cooccurring(entities, per_doc, top_cooccurring)
    return sorted(
        entities.values(),
        key=lambda e: (-len(e.documents), -e.mention_count, e.name.casefold()),
    )


def entity_detail(
    key: str,
    analyses: Analyses,
    corrections: CorrectionsLike = None,
    *,
    top_cooccurring: int = 10,
    gazetteer: Gazetteer | None = None,
    votes: Mapping[str, str] | None = None,
) -> Entity | None:
    """One entity across the corpus (a key merged or outvoted away finds its home), or ``None``."""
    cs = _correction_set(corrections)
    gaz = gazetteer or default_gazetteer()
    if votes:
        key = votes.get(key, key)
    key = cs.canonical(key)
    if key in cs.hidden:
        return None
    builders, per_doc = _collect(analyses, cs, key, votes)
    if key not in builders:
        return None
    entities = {k: _finish(b, cs, gaz, k == key) for k, b in builders.items()}
    target = entities[key]
    target.mentions.sort(key=lambda m: (m.doc, m.start))
    if top_cooccurring > 0:
        counts: Counter[str] = Counter()
        for keys in per_doc:
            if key in keys:
                counts.update(keys)
        target.cooccurring = _top_related(key, counts, entities, top_cooccurring)
    return target


def _fill_cooccurring(entities: dict[str, Entity], per_doc: list[list[str]], top: int) -> None:
    # One Counter per entity over the chained key lists of its articles: the
    # counting runs in C, with one Python call per entity rather than per pair.
    docs_of: dict[str, list[int]] = {k: [] for k in entities}
    for i, keys in enumerate(per_doc):
        for k in keys:
            docs_of[k].append(i)
    for k, e in entities.items():
        counts = Counter(chain.from_iterable(per_doc[i] for i in docs_of[k]))
        e.cooccurring = _top_related(k, counts, entities, top)


def _top_related(
    key: str, counts: Counter[str], entities: Mapping[str, Entity], top: int
) -> list[RelatedEntity]:
    counts.pop(key, None)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], entities[kv[0]].name.casefold()))
    return [RelatedEntity(k, entities[k].name, entities[k].type, n) for k, n in ranked[:top]]
