"""How the window names an article: the core's one rule, for every place a title is shown.

The article list, the entity sidebar, the timeline's tooltips, the
annotations panel, the export dialog and the reading pane's header all call
:func:`display_title`, as the exports and the command line do, so an
untitled article is named the same way everywhere: "Untitled (The Japan
Times, 19 November 2016)", never its raw id.
"""

from __future__ import annotations

from reader.core.library import UNTITLED, TitledArticle, display_title, is_untitled

__all__ = ["UNTITLED", "TitledArticle", "display_title", "is_untitled"]
