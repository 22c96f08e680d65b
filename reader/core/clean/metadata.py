"""Article metadata from an HTML page: JSON-LD, Open Graph, meta tags, ``<time>``, headings.

Read with beautifulsoup4. Script contents are only ever parsed as JSON
(JSON-LD), never run; nothing remote is fetched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, Tag

from reader.core.clean.dates import parse_date
from reader.core.clean.normalise import squash

_ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "socialmediaposting",
        "report",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
    }
)
_DATE_META = (
    "article:published_time",
    "og:published_time",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.created",
    "dcterms.issued",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "sailthru.date",
    "parsely-pub-date",
    "datepublished",
    "originalpublicationdate",
    "displaydate",
    "og:updated_time",
    "article:modified_time",
)
_OPENGRAPH_DATES = frozenset({"article:published_time", "og:published_time"})
# " | Site", " - Site", " — Site" at the end of a <title>.
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·•»]\s+[^|\-–—:·•»]{2,60}$")
_MAX_JSON_LD = 500_000


@dataclass
class PageMeta:
    title: str = ""
    subtitle: str = ""
    section: str = ""
    publisher: str = ""
    byline: str = ""
    published: str | None = None
    published_source: str = "none"
    url: str = ""
    language: str = ""
    article_body: str = ""
    captions: list[str] = field(default_factory=list)
    # Every headline the page states anywhere, to recognise
    # them when an extractor repeats them as the first paragraphs.
    headings: set[str] = field(default_factory=set)


def read_metadata(soup: BeautifulSoup) -> PageMeta:
    meta = PageMeta()
    article = _json_ld_article(soup)
    tags = _meta_tags(soup)
    if article:
        meta.title = _text(article.get("headline")) or _text(article.get("name"))
        meta.subtitle = _text(article.get("alternativeHeadline")) or _text(
            article.get("description")
        )
        meta.section = _first_text(article.get("articleSection"))
        meta.publisher = _name_of(article.get("publisher"))
        meta.byline = _names(article.get("author"))
        meta.url = _text(article.get("url"))
        meta.language = _text(article.get("inLanguage"))
        meta.article_body = _text(article.get("articleBody"))
        published = parse_date(
            _text(article.get("datePublished")) or _text(article.get("dateCreated"))
        )
        if published:
            meta.published, meta.published_source = published, "json-ld"
    meta.title = (
        meta.title or tags.get("og:title", "") or tags.get("twitter:title", "") or _heading(soup)
    )
    meta.subtitle = meta.subtitle or tags.get("og:description", "") or tags.get("description", "")
    meta.section = meta.section or tags.get("article:section", "")
    meta.publisher = (
        meta.publisher or tags.get("og:site_name", "") or tags.get("application-name", "")
    )
    meta.byline = meta.byline or tags.get("author", "") or tags.get("article:author", "")
    if meta.byline.startswith(("http://", "https://")):
        meta.byline = ""
    meta.url = meta.url or tags.get("og:url", "") or _canonical(soup)
    meta.language = meta.language or _language(soup, tags)
    if not meta.published:
        meta.published, meta.published_source = _published(soup, tags)
    # Not the description: sites often reuse the first paragraph as one.
    meta.headings = _headings(soup, tags, article or {}) | {meta.title}
    meta.headings.discard("")
    return meta


def _headings(soup: BeautifulSoup, tags: dict[str, str], article: dict[str, Any]) -> set[str]:
    found = {tags.get(key, "") for key in ("og:title", "twitter:title")}
    found |= {_text(article.get(key)) for key in ("headline", "alternativeHeadline")}
    for h1 in soup.find_all("h1", limit=5):
        found.add(squash(h1.get_text(" ")))
    if soup.title and soup.title.string:
        title = squash(soup.title.string)
        found |= {title, _TITLE_SUFFIX.sub("", title)}
    return found


def _json_ld_article(soup: BeautifulSoup) -> dict[str, Any] | None:
    found: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        raw = script.string or script.get_text()
        if not raw or len(raw) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)
        except ValueError:
            continue
        _collect_articles(data, found, depth=0)
    if not found:
        return None
    # Prefer the object that carries a headline and a body over a bare WebPage stub.
    return max(
        found, key=lambda obj: (bool(obj.get("headline")), len(_text(obj.get("articleBody"))))
    )


def _collect_articles(data: Any, found: list[dict[str, Any]], depth: int) -> None:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:200]:
            _collect_articles(item, found, depth + 1)
    elif isinstance(data, dict):
        kinds = data.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
            found.append(data)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in data:
                _collect_articles(data[key], found, depth + 1)


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    tags: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            tags.setdefault(key.strip().lower(), squash(value))
    return tags


def _published(soup: BeautifulSoup, tags: dict[str, str]) -> tuple[str | None, str]:
    for key in _DATE_META:
        found = parse_date(tags.get(key))
        if found:
            return found, "opengraph" if key in _OPENGRAPH_DATES else "meta"
    times = soup.find_all("time")
    # A <time> marked as the publication date beats the first one on the page.
    times.sort(key=lambda t: not (t.has_attr("pubdate") or t.get("itemprop") == "datePublished"))
    for tag in times[:20]:
        found = parse_date(_attr(tag, "datetime") or tag.get_text(" ", strip=True))
        if found:
            return found, "time"
    return None, "none"


def _heading(soup: BeautifulSoup) -> str:
    h1 = soup.find("h1")
    if isinstance(h1, Tag):
        text = squash(h1.get_text(" "))
        if text:
            return text
    if soup.title and soup.title.string:
        return _TITLE_SUFFIX.sub("", squash(soup.title.string))
    return ""


def _canonical(soup: BeautifulSoup) -> str:
    link = soup.find("link", rel="canonical")
    return _attr(link, "href") if isinstance(link, Tag) else ""


def _language(soup: BeautifulSoup, tags: dict[str, str]) -> str:
    html = soup.find("html")
    lang = _attr(html, "lang") if isinstance(html, Tag) else ""
    return lang or tags.get("og:locale", "").replace("_", "-") or tags.get("content-language", "")


def _attr(tag: Tag | None, name: str) -> str:
    value = tag.get(name) if tag is not None else None
    return squash(value) if isinstance(value, str) else ""


def _text(value: Any) -> str:
    if isinstance(value, str):
        return (
            squash(BeautifulSoup(value, "html.parser").get_text(" "))
            if "<" in value
            else squash(value)
        )
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("name") or value.get("url") or "")
    return ""


def _first_text(value: Any) -> str:
    if isinstance(value, list):
        return next((t for t in (_text(v) for v in value) if t), "")
    return _text(value)


def _name_of(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _names(value: Any) -> str:
    items = value if isinstance(value, list) else [value]
    names = [_name_of(item) for item in items[:10]]
    return ", ".join(dict.fromkeys(n for n in names if n and not n.startswith("http")))
