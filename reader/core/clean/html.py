"""Cleaning an HTML page: metadata with beautifulsoup4, the article body with trafilatura.

trafilatura finds the main text of a page better than anything short of a
trained model; it runs here in its precision mode, without comments. When it
finds nothing (tiny or unusual pages) a simple fallback takes the paragraphs
of the page's densest text container. Either way the paragraphs then go
through the same debris rules as scraped text, and a dateline is lifted out
of the first paragraph.

Scripts are never executed: JSON-LD is parsed as data, and script, style,
noscript, iframe and template contents never reach the text.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from bs4 import BeautifulSoup, SoupStrainer, Tag

from reader.core.clean import debris, structure
from reader.core.clean.dateline import split_dateline
from reader.core.clean.dates import page_date, url_date
from reader.core.clean.metadata import finish_credits, read_metadata
from reader.core.clean.normalise import ends_like_sentence, squash
from reader.core.clean.text import split_credit
from reader.core.model import Document, RemovedBlock

_INVISIBLE = (
    "script",
    "style",
    "noscript",
    "iframe",
    "template",
    "svg",
    "object",
    "embed",
    "canvas",
)
_METADATA_TAGS = ("meta", "script", "title", "h1", "time", "figcaption", "link")
_HTML_LANG = re.compile(
    r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?)", re.I
)
_FIELDS = ("title", "subtitle", "section", "publisher", "byline", "url", "language", "published")
_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")
# Headline, standfirst and kicker can precede the first paragraph.
_HEADER_PARAGRAPHS = 3
# Embedded posts of social platforms, and the wrappers sites put round them.
_EMBED_HINT = re.compile(r"twitter-tweet|instagram-media|tiktok-embed|fb-post|bluesky-embed")
_EMBEDDED_POSTS = (
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed') or contains(@class, 'fb-post')"
    " or contains(@class, 'bluesky-embed')]"
)
_EMBED_WRAPPER = re.compile(r"embed|social|tweet|twitter|instagram|tiktok|bluesky", re.I)
_EMBED_DEPTH = 4
# Below this much text, trafilatura's answer is taken as "found nothing".
_MIN_BODY_CHARS = 250

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


# A start tag crowded with more attributes than any page needs: lxml, htmldate and
# jusText each take time quadratic in them (50,000 on one <p>, a 600 kB page,
# never finished). Such a tag keeps its name and loses its attributes.
_CROWDED_TAG = re.compile(r"<([A-Za-z][\w:-]{0,40})\s[^<>]{2000,}>")
_MAX_ATTRIBUTES = 200


def _tame_crowded_tags(html: str) -> str:
    def tame(match: re.Match[str]) -> str:
        if match.group().count("=") <= _MAX_ATTRIBUTES:
            return match.group()
        return f"<{match.group(1)}>"

    return _CROWDED_TAG.sub(tame, html)


def clean_html(html: str, doc: Document) -> None:
    """Fill ``doc`` from an HTML page."""
    html = _tame_crowded_tags(html)
    # Metadata lives in a handful of tags; parsing only those is twice as fast.
    head = BeautifulSoup(html, "lxml", parse_only=SoupStrainer(_METADATA_TAGS))
    meta = read_metadata(head, html, _html_language(html))
    finish_credits(meta, html)
    if not meta.published:
        meta.pick("published", [("url", url_date(meta.url))])
    if not meta.published:
        meta.pick("published", [("htmldate", page_date(html, meta.url))])
    if not meta.published:
        meta.pick("published", [("inferred", page_date(html, meta.url, search_text=True))])
    for name in _FIELDS:
        value = getattr(meta, name)
        if value:
            doc.set_field(name, value, meta.sources[name])
    if doc.subtitle == doc.title:
        doc.set_field("subtitle", "", "")
    _read_captions(head, doc)

    paragraphs = _trafilatura_body(html, doc)
    if sum(len(p) for p in paragraphs) < _MIN_BODY_CHARS:
        soup = BeautifulSoup(html, "lxml")
        for tag in soup.find_all(_INVISIBLE):
            tag.decompose()
        fallback = _dense_paragraphs(soup)
        if sum(map(len, fallback)) > sum(map(len, paragraphs)):
            paragraphs = fallback
    if (
        sum(len(p) for p in paragraphs) < _MIN_BODY_CHARS
        and len(meta.article_body) > _MIN_BODY_CHARS
    ):
        paragraphs = [squash(p) for p in meta.article_body.split("\n") if p.strip()]
    _filter_body(paragraphs, doc, meta.headings)


def _html_language(html: str) -> str:
    match = _HTML_LANG.search(html, 0, 4096)
    return match.group(1) if match else ""


def _page_tree(html: str, doc: Document) -> Any:
    """The page as an lxml tree, its furniture taken out (see :mod:`.structure`), or the page."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return html
    if _EMBED_HINT.search(html):
        _unwrap_embedded_posts(tree)
    structure.prune(
        tree,
        lambda text, reason: doc.removed.append(RemovedBlock(text, reason)),
        lambda text: _add_caption(text, doc),
    )
    return tree


def _unwrap_embedded_posts(tree: Any) -> None:
    """Embedded social posts read as quotes.

    A tweet or an Instagram post quoted in a story is a blockquote in a
    wrapper named for its platform ("social-media-embed"); trafilatura drops
    such wrappers as share buttons, and the quoted post with them. Their
    class and id are taken off, so the post is read like any blockquote.
    """
    for quote in tree.xpath(_EMBEDDED_POSTS):
        element = quote
        for _ in range(_EMBED_DEPTH):
            if element is None or element.tag in ("article", "main", "body"):
                break
            label = f"{element.get('class', '')} {element.get('id', '')}"
            if element is quote or _EMBED_WRAPPER.search(label):
                element.attrib.pop("class", None)
                element.attrib.pop("id", None)
            element = element.getparent()


def _trafilatura_body(html: str, doc: Document) -> list[str]:
    import trafilatura  # imported here: it is slow to import and plain text never needs it

    try:
        text = trafilatura.extract(
            _page_tree(html, doc),
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
        )
    except Exception:
        # Whatever a third-party extractor trips over on a hostile page, the
        # fallback below still reads it; a bad page must never crash a batch.
        logging.getLogger(__name__).debug("trafilatura failed", exc_info=True)
        return []
    if not text:
        return []
    return [line for line in (squash(raw) for raw in text.split("\n")) if line]


def _dense_paragraphs(soup: BeautifulSoup) -> list[str]:
    """Paragraphs of the element holding the most paragraph text (a simple readability)."""
    body = soup.body or soup
    scores: dict[int, tuple[Tag, int]] = {}
    for block in body.find_all("p", limit=5000):
        parent = block.parent
        if isinstance(parent, Tag):
            size = len(block.get_text(" ", strip=True))
            tag, total = scores.get(id(parent), (parent, 0))
            scores[id(parent)] = (tag, total + size)
    if scores:
        container = max(scores.values(), key=lambda item: item[1])[0]
        blocks: list[Tag] = list(container.find_all(_BLOCKS, limit=5000))
    else:
        blocks = []
    texts = [squash(b.get_text(" ")) for b in blocks] or [squash(body.get_text(" "))]
    return [t for t in texts if t]


def _read_captions(soup: BeautifulSoup, doc: Document) -> None:
    for figcaption in soup.find_all("figcaption", limit=200):
        for hidden in figcaption.find_all(_INVISIBLE):
            hidden.decompose()
        _add_caption(squash(figcaption.get_text(" ")), doc)


def _add_caption(text: str, doc: Document) -> None:
    """A picture's caption, its label and photo credit set aside for the audit."""
    prefix = debris.caption_prefix(text)
    if prefix is not None:
        kind, rest = prefix
        if kind == debris.PHOTO_CREDIT:
            doc.removed.append(RemovedBlock(text, debris.PHOTO_CREDIT))
            return
        text = rest
    if not text or text in doc.captions:
        return
    parts = split_credit(text)
    if parts and parts[0]:
        doc.captions.append(parts[0])
        doc.removed.append(RemovedBlock(parts[1], debris.PHOTO_CREDIT))
    else:
        doc.captions.append(text)


def _same_text(a: str, b: str) -> bool:
    return a.rstrip(" .…") == b.rstrip(" .…")


def _filter_body(paragraphs: list[str], doc: Document, headings: set[str]) -> None:
    captions = set(doc.captions)
    previous: str | None = None
    for index, raw in enumerate(paragraphs):
        text = debris.strip_advertisement(raw)
        if text != raw:
            doc.removed.append(RemovedBlock("ADVERTISEMENT", debris.ADVERTISEMENT))
        reason = debris.classify(text)
        if index >= len(paragraphs) // 2 and debris.starts_trailing_zone(
            reason, paragraphs[index + 1 :]
        ):
            for rest in paragraphs[index:]:
                doc.removed.append(RemovedBlock(rest, debris.classify(rest) or debris.TRAILING))
            break
        if reason is None and debris.is_bullet_link(
            text, after_link=previous in (debris.LINK, debris.RELATED)
        ):
            reason = debris.LINK
        if reason is None:
            prefix = debris.caption_prefix(text)
            if prefix is not None:
                kind, rest = prefix
                if kind == debris.CAPTION and rest:
                    if rest not in captions:
                        doc.captions.append(rest)
                        captions.add(rest)
                    previous = None
                    continue
                reason = kind if kind == debris.PHOTO_CREDIT else "caption label"
        previous = reason
        if reason is None and text in captions:
            reason = "caption"
        above_story = index < _HEADER_PARAGRAPHS and not doc.paragraphs
        if reason is None and above_story and text in headings:
            # The headline repeated above the story.
            reason = "header line"
        if (
            reason is None
            and above_story
            and doc.subtitle
            and _same_text(text, doc.subtitle)
            and not ends_like_sentence(text)
        ):
            # The standfirst printed above the story (already the subtitle).
            reason = "standfirst"
        if reason is not None:
            doc.removed.append(RemovedBlock(text, reason))
            continue
        doc.paragraphs.append(text)
    if doc.paragraphs:
        found = split_dateline(doc.paragraphs[0])
        if found is not None:
            doc.dateline = found.place
            doc.paragraphs[0] = found.rest
            doc.provenance["dateline"] = "text"
            if found.agency and not doc.byline:
                doc.set_field("byline", found.agency, "text")
