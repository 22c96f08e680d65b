"""Which filter the article list shows: an entity's articles or a meeting's, whichever came last.

The list has one filter at a time, named in its filter bar. Selecting an
entity asks for its articles, which arrive later; a meeting chosen meanwhile
wins, and a refresh of the same entity's articles never replaces a meeting
chosen since. The bar's ✕ clears the filter (and the entity, if it was the
entity's); the sidebar's "Show all articles" clears whatever is in force.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

ENTITY, MEETING = "entity", "meeting"


class FilterableList(Protocol):
    def set_allowed_ids(self, doc_ids: Collection[str] | None, label: str = "") -> None: ...


class ArticleFilter:
    """The filter state machine of the article list (no widgets of its own)."""

    def __init__(self, article_list: FilterableList) -> None:
        self._list = article_list
        #: Whose filter the list shows: ENTITY, MEETING or None.
        self.source: str | None = None
        # An entity the reader has just selected: its articles, when found,
        # replace a meeting's filter (a refresh of the same entity does not).
        self._entity_wanted = False

    def show(self, doc_ids: Collection[str] | None, label: str = "") -> None:
        """Restrict the list to these articles (``None``: all), ``label`` naming them."""
        self._list.set_allowed_ids(doc_ids, label)
        if doc_ids is None:
            self.source = None

    def show_meeting(self, doc_ids: Collection[str], label: str) -> None:
        """A meeting's articles, in place of any other filter."""
        self._entity_wanted = False  # an entity lookup still on its way yields
        self.show(doc_ids, label)
        self.source = MEETING

    def entity_selected(self, key: str) -> None:
        self._entity_wanted = bool(key)

    def show_entity(self, doc_ids: Collection[str] | None, name: str) -> None:
        """The entity's articles have arrived (``None``: the entity was cleared)."""
        if doc_ids is None:
            # "Show all articles" means all, whichever filter is in force.
            self.show(None)
            return
        if self.source == MEETING and not self._entity_wanted:
            return  # the entity's articles read again; the meeting chosen since stays
        self._entity_wanted = False
        self.show(doc_ids, name)
        self.source = ENTITY

    def cleared(self) -> str | None:
        """The filter bar's ✕ was pressed; returns whose filter it was."""
        source, self.source = self.source, None
        return source
