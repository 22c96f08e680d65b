"""How every face names an article: one rule for the window, the exports and the CLI.

An article whose headline the scraper lost is named by where and when it
appeared — "Untitled (The Japan Times, 19 November 2016)" — in the article
list, the reading pane, the export headings and the command line's search
results alike; never by its internal id. A citation of it says "Untitled"
where a title would be, and CSL-JSON leaves the title out rather than invent
one.
"""

from __future__ import annotations

from typing import Protocol

from reader.core.dates import human_date

UNTITLED = "Untitled"


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


def is_untitled(article: TitledArticle) -> bool:
    """True when the article has no headline of its own."""
    return not (article.title or "").strip()


def untitled_name(publisher: str, published: str | None) -> str:
    """ "Untitled (publisher, 19 November 2016)"; "Untitled" when neither is known."""
    parts = [p for p in (" ".join((publisher or "").split()), human_date(published)) if p]
    return f"{UNTITLED} ({', '.join(parts)})" if parts else UNTITLED


def display_title(article: TitledArticle) -> str:
    """The article's headline (on one line) or, without one, its :func:`untitled_name`."""
    if not is_untitled(article):
        return " ".join(article.title.split())
    return untitled_name(article.publisher, article.published)
