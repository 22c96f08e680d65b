"""The gazetteer: entities known in advance, and the one-pass matcher for their names.

``resources/gazetteer.json`` lists each known entity once, with its canonical
name, type, aliases, Wikidata id (only where certain), a one-line
description and, for places, the larger place it lies in. Loading compiles
every surface form (aliases plus their capitalisation variants) into one
regular expression shaped like a trie, so an article is scanned for all known
names in a single pass with no backtracking over hundreds of alternatives.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from reader.core.analysis.entities.text import normalise_surface, slugify
from reader.core.paths import resource

ENTITY_TYPES = ("person", "place", "organization", "event", "document")


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    description: str = ""
    # Keys of the places this one lies in, innermost first ("place:japan" for Osaka).
    part_of: tuple[str, ...] = ()
    # Phrases that name this entity only where the article already names it in
    # full: "the joint declaration" after "the 1956 joint declaration".
    short_forms: tuple[str, ...] = ()


def entity_key(type_: str, name: str) -> str:
    """The stable key of an entity: ``"person:shinzo-abe"``."""
    return f"{type_}:{slugify(name)}"


@dataclass
class KnownMatch:
    """A known name found in a text, ``[start, end)``."""

    start: int
    end: int
    entry: GazetteerEntry


_NO_ENTRY = GazetteerEntry("", "", "place")


@dataclass
class Gazetteer:
    """Known entities by key, and a matcher for all their surface forms."""

    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    _surface: dict[str, GazetteerEntry] = field(default_factory=dict, repr=False)
    _folded: dict[str, GazetteerEntry] = field(default_factory=dict, repr=False)
    _pattern: re.Pattern[str] | None = field(default=None, repr=False)
    _short: dict[str, list[GazetteerEntry]] = field(default_factory=dict, repr=False)
    _short_pattern: re.Pattern[str] | None = field(default=None, repr=False)

    @classmethod
    def from_entries(cls, entries: Iterable[GazetteerEntry]) -> Gazetteer:
        gaz = cls()
        for entry in entries:
            gaz.entries[entry.key] = entry
        gaz._compile()
        return gaz

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Gazetteer:
        return cls.from_entries(_entry_from_json(item) for item in data.get("entities", []))

    @classmethod
    def load(cls, path: str | Path | None = None) -> Gazetteer:
        """Read a gazetteer file (default: the bundled ``resources/gazetteer.json``)."""
        file = Path(path) if path else resource("gazetteer.json")
        with open(file, encoding="utf-8") as fh:
            return cls.from_json(json.load(fh))

    def get(self, key: str) -> GazetteerEntry | None:
        return self.entries.get(key)

    def lookup(self, surface: str) -> GazetteerEntry | None:
        """The entry a surface form names (exact variant first, then ignoring case)."""
        norm = normalise_surface(surface)
        return self._surface.get(norm) or self._folded.get(norm.casefold())

    def containers(self, key: str) -> tuple[str, ...]:
        """Every place ``key`` lies in, transitively, innermost first."""
        seen: list[str] = []
        todo = list(self.entries[key].part_of) if key in self.entries else []
        while todo:
            k = todo.pop(0)
            if k not in seen:
                seen.append(k)
                if k in self.entries:
                    todo.extend(self.entries[k].part_of)
        return tuple(seen)

    def find(self, text: str) -> Iterator[KnownMatch]:
        """Every known name in ``text``, longest match first at each position."""
        yield from self._find(self._pattern, self._surface, text)

    def find_short_forms(self, text: str, present: set[str]) -> Iterator[KnownMatch]:
        """Short forms of the entities in ``present`` (keys) that occur in ``text``."""
        if self._short_pattern is None or not present:
            return
        for m in self._find(self._short_pattern, None, text):
            for entry in self._short.get(normalise_surface(text[m.start : m.end]), ()):
                if entry.key in present:
                    yield KnownMatch(m.start, m.end, entry)
                    break

    def _find(
        self,
        pattern: re.Pattern[str] | None,
        table: dict[str, GazetteerEntry] | None,
        text: str,
    ) -> Iterator[KnownMatch]:
        if pattern is None:
            return
        for m in pattern.finditer(text):
            start = m.start()
            # Inside a word ("Kono" in "Akono"): not a name. Checked here rather than
            # with a look-behind so the regex engine keeps its first-character skip.
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue
            if table is None:
                yield KnownMatch(start, m.end(), _NO_ENTRY)
                continue
            entry = table.get(normalise_surface(m.group()))
            if entry is not None:
                yield KnownMatch(start, m.end(), entry)

    def _compile(self) -> None:
        self._surface.clear()
        self._folded.clear()
        for entry in self.entries.values():
            for alias in (entry.name, *entry.aliases):
                for variant in _case_variants(normalise_surface(alias)):
                    # First entry wins so the file's order settles clashes.
                    self._surface.setdefault(variant, entry)
                self._folded.setdefault(normalise_surface(alias).casefold(), entry)
            for form in entry.short_forms:
                for variant in _case_variants(normalise_surface(form)):
                    self._short.setdefault(variant, []).append(entry)
        self._pattern = _compile_trie(self._surface)
        self._short_pattern = _compile_trie(self._short)


def _compile_trie(words: Iterable[str]) -> re.Pattern[str] | None:
    words = list(words)
    if not words:
        return None
    return re.compile(f"(?:{_trie_regex(words)})(?![\\w])")


def _entry_from_json(item: dict[str, Any]) -> GazetteerEntry:
    type_ = item["type"]
    if type_ not in ENTITY_TYPES:
        raise ValueError(f"gazetteer: unknown type {type_!r} for {item.get('name')!r}")
    part_of = item.get("part_of") or ()
    if isinstance(part_of, str):
        part_of = (part_of,)
    return GazetteerEntry(
        key=item.get("key") or entity_key(type_, item["name"]),
        name=item["name"],
        type=type_,
        aliases=tuple(item.get("aliases", ())),
        wikidata=item.get("wikidata") or None,
        description=item.get("description", ""),
        part_of=tuple(part_of),
        short_forms=tuple(item.get("short_forms", ())),
    )


def _case_variants(alias: str) -> set[str]:
    """The capitalisations a name appears in: as listed, sentence-initial, title case, caps.

    "the southern Kurils" must also match "The Southern Kurils"; a name written
    with capitals ("Abe") never matches lower case, so "abe" stays a non-name.
    """
    words = alias.split(" ")

    def cap(w: str) -> str:
        return w[:1].upper() + w[1:]

    first_opts = {words[0], cap(words[0])}
    rest_opts = {tuple(words[1:]), tuple(cap(w) if w.islower() else w for w in words[1:])}
    variants = {" ".join((f, *r)) for f in first_opts for r in rest_opts}
    if any(c.islower() for c in alias) and any(c.isupper() for c in alias):
        variants.add(alias.upper())  # datelines: "OSAKA --", "BUENOS AIRES"
    return variants


# Characters that stand for a class when matching, so "Soviet-Japanese" also
# matches "Soviet–Japanese" and "Abe's" matches "Abe’s".
_CHAR_CLASS = {
    " ": r"[ \u00a0]+",
    "-": r"[-\u2010\u2011\u2013\u2014]",
    "'": r"['\u2019]",
}


def _trie_regex(words: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: dict[str, Any]) -> str:
    ends_here = "" in node
    branches = [
        _CHAR_CLASS.get(ch, re.escape(ch)) + _trie_to_regex(child)
        for ch, child in sorted(node.items())
        if ch != ""
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        # Greedy optional: the longer name wins, the shorter is the fall-back.
        return f"(?:{body})?"
    return body


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    return Gazetteer.load()
