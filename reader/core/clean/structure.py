"""Page furniture recognised by its markup, taken out before the main text is extracted.

trafilatura judges blocks one at a time; some furniture only shows itself in
how the page is built, never in its words:

* **other articles** — ``<article>`` teasers nested in the story's own
  ``<article>`` (the next posts of a blog, "more stories" cards), each a
  full paragraph of prose;
* **link cards** — a pop-up inside a sentence (a picture and a row of links
  about the person named), which the text would read as part of the sentence;
* **form boxes** — the short box round a sign-up or comment form (its
  heading and pitch, not just the input);
* **picture tables** — a table that only lays out a picture and its caption;
* **link lists** — a list in which every item is nothing but a link;
* **stamps** — a block that only holds a ``<time>`` or an element marked as
  the publication date or the author (``itemprop``, ``rel="author"``).

One repair goes the other way: a story the page cut into **chunks** (the
same container repeated, an advertisement row between each) is joined back
into its first chunk, since an extractor would otherwise keep one chunk.

Every block taken out is recorded with its reason, so the researcher can
audit it; a picture-table caption becomes a caption.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from lxml import etree

from reader.core.clean import debris
from reader.core.clean.normalise import squash

OTHER_ARTICLE = "other article"
LINK_CARD = "link card"
FORM_BOX = "form box"
STAMP = "date or byline"

# A link card holds at least this many links, and almost nothing else.
_CARD_MIN_LINKS = 2
_LINK_SHARE = 0.85
# A form box is small: beyond this it is a page built inside one <form>.
_FORM_BOX_MAX_CHARS = 300
# A picture table's caption is short, in few cells.
_PICTURE_TABLE_MAX_WORDS = 60
_PICTURE_TABLE_MAX_CELLS = 4
# Words besides the stamp in its block ("Published:", "Updated on", "By").
_STAMP_SLACK_CHARS = 25
_STAMP_MAX_WORDS = 14
_STAMPS = (
    "//time | //*[@itemprop='datePublished' or @itemprop='dateModified' or @itemprop='dateCreated'"
    " or @itemprop='author' or @rel='author']"
)
# A chunk of a story holds at least this much paragraph text of its own.
_CHUNK_MIN_CHARS = 200
# What may lie between two chunks: an "Advertisement" label, a "Story continues".
_CHUNK_GAP_CHARS = 40
_HIDDEN_TAGS = frozenset({"script", "style", "noscript"})
# A story is at least this long before the articles beside it are taken for teasers.
_STORY_MIN_CHARS = 400
_VISIBLE_TEXT = ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]"
_STORY_CONTAINERS = frozenset({"article", "main", "body", "html"})

# Each rule looks at this many candidates at most: a real page has a handful, and a
# page with tens of thousands (every comment an <article>, a form per row) must
# not make the cleaner quadratic.
_MAX_CANDIDATES = 200
# A story is cut into a few chunks, never hundreds.
_MAX_CHUNKS = 40

Removed = Callable[[str, str], None]


def _text(element: Any) -> str:
    return squash("".join(element.xpath(_VISIBLE_TEXT)))


def _link_chars(element: Any) -> int:
    return sum(len(_text(a)) for a in element.iter("a"))


def _drop(element: Any) -> None:
    """Take ``element`` out of the tree, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _remove(element: Any, reason: str, removed: Removed) -> None:
    text = _text(element)
    if text:
        removed(text, reason)
    _drop(element)


def _paragraph_chars(element: Any, skip: set[Any]) -> int:
    """Paragraph text in ``element``, leaving out what lies in the ``skip`` articles."""
    total = 0
    for block in element.iter("p"):
        if not any(a in skip for a in block.iterancestors("article")):
            total += len(_text(block))
    return total


def _other_articles(tree: Any, removed: Removed) -> None:
    """Beside the story's ``<article>``, the page's other articles are teasers of other posts.

    The story is the article holding the headline (``<h1>``), else the one
    with the most paragraph text. The others go only when the story's own
    paragraphs (without articles inside it) outweigh each of them, so a page
    whose story is one of several small entries (a live blog) keeps them all.
    """
    articles = list(tree.iter("article"))
    if not 2 <= len(articles) <= _MAX_CANDIDATES:
        return
    with_headline = [a for a in articles if a.find(".//h1") is not None]
    candidates = with_headline or articles
    story = max(candidates, key=lambda a: _paragraph_chars(a, set()))
    story_family = {story, *story.iterancestors("article")}
    others = [a for a in articles if a not in story_family]
    if not others:
        return
    own = _paragraph_chars(story, {a for a in others if story in set(a.iterancestors())})
    if own < _STORY_MIN_CHARS:
        return
    for article in others:
        if _attached(article, tree) and _paragraph_chars(article, set()) < own:
            _remove(article, OTHER_ARTICLE, removed)


def _attached(element: Any, root: Any) -> bool:
    """Whether ``element`` is still in the tree (not inside a block already taken out)."""
    for ancestor in element.iterancestors():
        if ancestor is root:
            return True
    return element is root


def _link_cards(tree: Any, removed: Removed) -> None:
    """A picture and links inside a paragraph: a pop-up about a name, not the sentence."""
    for paragraph in tree.xpath("//p[.//img and count(.//a) >= 2]")[:_MAX_CANDIDATES]:
        # Deepest first: the card itself goes, not the name it hangs from.
        for element in reversed(list(paragraph.iterdescendants())):
            if element.tag in ("a", "img", "br") or not _attached(element, paragraph):
                continue
            links = element.xpath("count(.//a)")
            if links < _CARD_MIN_LINKS or not element.xpath(".//img"):
                continue
            text = _text(element)
            if text and _link_chars(element) >= _LINK_SHARE * len(text):
                _remove(element, LINK_CARD, removed)


def _form_boxes(tree: Any, removed: Removed) -> None:
    """The smallest-but-whole box round a form that asks for an address or a comment."""
    forms = tree.xpath("//form[.//input[@type='email' or @type='text'] or .//textarea]")
    for form in forms[:_MAX_CANDIDATES]:
        if not _attached(form, tree):
            continue
        box = None
        element = form
        while element is not None and element.tag not in _STORY_CONTAINERS:
            if len(_text(element)) > _FORM_BOX_MAX_CHARS:
                break
            box = element
            element = element.getparent()
        if box is not None:
            _remove(box, FORM_BOX, removed)


def _picture_tables(tree: Any, caption: Callable[[str], None]) -> None:
    """A table holding a picture and a line or two of text is a figure with its caption."""
    for table in tree.xpath("//table[.//img]")[:_MAX_CANDIDATES]:
        if not _attached(table, tree) or table.xpath(".//table"):
            continue
        cells = [c for c in table.iter("td", "th") if _text(c)]
        text = _text(table)
        # A picture alone is left where it is: there is no text to misread.
        if (
            cells
            and len(cells) <= _PICTURE_TABLE_MAX_CELLS
            and len(text.split()) <= _PICTURE_TABLE_MAX_WORDS
        ):
            for cell in cells:
                caption(_text(cell))
            _drop(table)


def _link_lists(tree: Any, removed: Removed) -> None:
    """A list among the story's paragraphs whose every item is only a link points elsewhere.

    Only lists beside paragraphs are looked at: menus elsewhere on the page are
    left to the extractor, so the audit is not filled with them.
    """
    for items in tree.xpath("//*[p]/ul | //*[p]/ol")[:_MAX_CANDIDATES]:
        if not _attached(items, tree):
            continue
        entries = [li for li in items if getattr(li, "tag", None) == "li" and _text(li)]
        if len(entries) < 2:
            continue
        if all(_link_chars(li) >= _LINK_SHARE * len(_text(li)) for li in entries):
            _remove(items, debris.RELATED, removed)


def _stamps(tree: Any, removed: Removed) -> None:
    """A block that holds nothing but a date or an author credit."""
    for stamp in tree.xpath(_STAMPS)[:_MAX_CANDIDATES]:
        if not _attached(stamp, tree):
            continue
        text = _text(stamp)
        if not text or len(text.split()) > _STAMP_MAX_WORDS:
            continue
        # The largest block round the stamp with little else in it.
        block = stamp
        parent = block.getparent()
        while (
            parent is not None
            and parent.tag not in _STORY_CONTAINERS
            and len(_text(parent)) - len(text) <= _STAMP_SLACK_CHARS
        ):
            block, parent = parent, parent.getparent()
        # A date inside a sentence ("On <time>Monday</time> the minister…") stays,
        # as plain text: trafilatura drops every <time>, even mid-sentence.
        if (block.tag != "p" and next(block.iterancestors("p"), None) is not None) or (
            parent is not None and _loose_words(parent)
        ):
            if stamp.tag == "time":
                stamp.tag = "span"
            continue
        _remove(block, STAMP, removed)


def _loose_words(element: Any) -> bool:
    """Whether ``element`` has text of its own between its children (running prose)."""
    pieces = [element.text or "", *(child.tail or "" for child in element)]
    return sum(len(piece.strip()) for piece in pieces) > _STAMP_SLACK_CHARS


def _direct_paragraph_chars(element: Any) -> int:
    return sum(len(_text(child)) for child in element if getattr(child, "tag", None) == "p")


def _join_chunks(tree: Any) -> None:
    """Containers of one class, each holding story paragraphs, joined into the first."""
    groups: dict[tuple[str, Any], list[Any]] = {}
    for element in tree.xpath("//div[@class][p]"):
        if _direct_paragraph_chars(element) < _CHUNK_MIN_CHARS:
            continue
        # Chunks of one story sit side by side: one grandparent holds them all, each
        # in a row of its own (a rich-text class used all over a page does not).
        parent = element.getparent()
        grandparent = parent.getparent() if parent is not None else None
        if grandparent is None:
            continue
        groups.setdefault((element.get("class", ""), grandparent), []).append(element)
    for chunks in groups.values():
        if not 2 <= len(chunks) <= _MAX_CHUNKS:
            continue
        grandparent = chunks[0].getparent().getparent()
        first = chunks[0]
        for previous, chunk in itertools.pairwise(chunks):
            # Only an advertisement's label or nothing lies between two chunks;
            # anything more (a heading, a picture's caption) keeps them apart,
            # for moving the text would put it under the wrong heading.
            if len(_text_between(grandparent, previous, chunk)) > _CHUNK_GAP_CHARS:
                first = chunk
                continue
            _append_children(first, chunk)
            _drop(chunk)


def _append_children(target: Any, source: Any) -> None:
    """Move everything in ``source`` to the end of ``target``, its leading text too."""
    if source.text:
        if len(target):
            last = target[-1]
            last.tail = (last.tail or "") + source.text
        else:
            target.text = (target.text or "") + source.text
        source.text = None
    target.extend(list(source))


def _text_between(root: Any, start: Any, stop: Any) -> str:
    """The visible text in ``root`` after the end of ``start`` and before ``stop``."""
    pieces: list[str] = []
    collecting = False
    hidden = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            if element is stop:
                break
            if element.tag in _HIDDEN_TAGS:
                hidden += 1
            elif collecting and not hidden and element.text:
                pieces.append(element.text)
            continue
        if element.tag in _HIDDEN_TAGS:
            hidden -= 1
        if element is start:
            collecting = True
        if collecting and not hidden and element.tail:
            pieces.append(element.tail)
    return squash("".join(pieces))


def prune(tree: Any, removed: Removed, caption: Callable[[str], None]) -> None:
    """Take the furniture described above out of ``tree`` (an lxml document)."""
    _join_chunks(tree)
    _other_articles(tree, removed)
    _link_cards(tree, removed)
    _form_boxes(tree, removed)
    _picture_tables(tree, caption)
    _link_lists(tree, removed)
    _stamps(tree, removed)
