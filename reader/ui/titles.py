"""How the window names an article: one rule for every place a title is shown.

The article list, the entity sidebar, the timeline's tooltips, the
annotations panel, the export dialog and the reading pane's header all call
:func:`display_title`, so an article whose headline the scraper lost is
named the same way everywhere: "Untitled (The Japan Times, 2016-11-19)",
never its raw id in one place and a description in another.
"""

from __future__ import annotations

from typing import Protocol


class TitledArticle(Protocol):
    """What naming needs of an article: a summary, a search hit or a whole document."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def publisher(self) -> str: ...
    @property
    def published(self) -> str | None: ...


UNTITLED = "Untitled"


def is_untitled(article: TitledArticle) -> bool:
    """True when the article has no headline of its own (shown muted where it is a heading)."""
    return not (article.title or "").strip()


def display_title(article: TitledArticle) -> str:
    """The article's headline or, without one, "Untitled (publisher, date)"."""
    if not is_untitled(article):
        return article.title
    # Where and when tell two untitled articles apart; the id is the last resort.
    parts = [p for p in (article.publisher, (article.published or "")[:10]) if p]
    return f"{UNTITLED} ({', '.join(parts) or article.id})"
