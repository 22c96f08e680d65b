"""Article metadata from an HTML page, each field from the best source the page offers.

Sources are tried in a fixed order per field, and the first that gives a
usable value wins and is recorded as the field's source:

* JSON-LD (``NewsArticle`` and its kin, found in ``@graph``, lists and
  ``mainEntity``; ``@id`` references resolved): headline, author names,
  ``publisher.name``, ``datePublished``, ``inLanguage``;
* Open Graph (``og:title``, ``og:site_name``, ``article:published_time``,
  ``og:locale``);
* other ``<meta>`` tags (``pubdate``, ``dc.date``, ``parsely-pub-date``,
  ``sailthru.date``, ``author``, ``application-name``…) and microdata
  (``itemprop="datePublished"``);
* ``<time datetime>``; the ``<title>`` ("Headline | Site"), the ``<h1>``;
* the page's copyright line and, last, its address, for the publisher.

Read with beautifulsoup4. Script contents are only ever parsed as JSON
(JSON-LD), never run; nothing remote is fetched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from reader.core.clean.credits import (
    authors_only,
    copyright_holder,
    publisher_name,
    resembles_host,
)
from reader.core.clean.dates import parse_date
from reader.core.clean.language import normalise_tag
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
        "askpublicnewsarticle",
        "satiricalarticle",
        "blogposting",
        "posting",
        "socialmediaposting",
        "discussionforumposting",
        "report",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "medicalscholarlyarticle",
    }
)
# Page-level objects that name the site when the article itself does not.
_ORGANISATION_TYPES = frozenset(
    {"newsmediaorganization", "organization", "corporation", "onlinebusiness", "website"}
)
_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "aboutpage"})

# Meta names that state a publication date, best first. Open Graph's own come
# first and are recorded as such.
_OPENGRAPH_DATES = ("article:published_time", "og:published_time", "og:article:published_time")
_DATE_META = (
    "article:published",
    "article.published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "datepublished",
    "date.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date.created",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "originalpublicationdate",
    "displaydate",
    "date",
    "og:pubdate",
)
# Any other meta name that speaks of publishing or posting a date: sites coin
# their own ("sn-post-date", "cXenseParse:recs:publishtime").
_DATE_NAME = re.compile(r"(?:publi|post|pub[-_.:]?date|releas|issued|creat)", re.I)
_NOT_PUBLISHED = re.compile(r"modif|updat|expir|edit|revis|crawl|index|last|refresh|end", re.I)
_AUTHOR_META = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
)
_PUBLISHER_META = (
    "application-name",
    "publisher",
    "dc.publisher",
    "dcterms.publisher",
    "citation_publisher",
    "copyrightholder",
    "copyright",
)
_SECTION_META = ("article:section", "section", "parsely-section", "sailthru.section", "category")
_LANGUAGE_META = ("content-language", "language", "dc.language", "dcterms.language")
# Separators between a headline and the site name in a <title>.
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»~]\s+|\s*\|\s*|:\s+")
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—:·•»]\s+[^|\-–—:·•»]{2,60}$")
# "© 2019 Site", "Copyright © 2012-2019 Site", "(c) Site": the holder, up to the
# end of the line, a full stop, a pipe, "All rights…" or a trailing year.
_COPYRIGHT = re.compile(
    r"(?:©|&copy;|&#169;|&#xa9;|\(c\)|copyright\s*(?=©|&copy;|\(c\)|(?:19|20)\d\d))"
    r"\s*(?:©|&copy;|\(c\))?\s*(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?)?\s*,?\s*"
    r"([^\W\d_][^<>\"{}=\n|]{1,79}?)\s*(?:<|\.(?:\s|$)|\||,\s*(?:19|20)\d\d|$)",
    re.I,
)
_ITEMPROP_DATE = re.compile(
    r"<(?!meta\b)\w+(?P<attrs>[^>]*\bitemprop\s*=\s*[\"']?datePublished\b[^>]*)>"
    r"(?P<text>[^<]{0,80})",
    re.I,
)
_ATTR_VALUE = re.compile(r"\b(content|datetime)\s*=\s*[\"']([^\"']{4,40})", re.I)
_MICRODATA_SPAN = 2_000_000
_MAX_JSON_LD = 500_000
_MAX_SITE_WORDS = 7


@dataclass
class PageMeta:
    """What a page says about its article, and where (``sources``: field → source)."""

    title: str = ""
    subtitle: str = ""
    section: str = ""
    publisher: str = ""
    byline: str = ""
    published: str | None = None
    url: str = ""
    language: str = ""
    article_body: str = ""
    sources: dict[str, str] = field(default_factory=dict)
    # Every headline the page states anywhere, to recognise
    # them when an extractor repeats them as the first paragraphs.
    headings: set[str] = field(default_factory=set)

    @property
    def published_source(self) -> str:
        return self.sources.get("published", "none")

    def pick(self, name: str, candidates: Iterable[tuple[str, str | None]]) -> None:
        """Take the first non-empty candidate ``(source, value)`` for field ``name``."""
        for source, value in candidates:
            if value:
                setattr(self, name, value)
                self.sources[name] = source
                return


@dataclass
class _JsonLd:
    """The objects of a page's JSON-LD that metadata is read from."""

    article: dict[str, Any] | None
    page: dict[str, Any] | None
    site_names: list[str]
    nodes: dict[str, dict[str, Any]]

    def resolve(self, value: Any) -> Any:
        """Follow an ``{"@id": …}`` reference to the object it names, if the page holds it."""
        if isinstance(value, list):
            return [self.resolve(v) for v in value[:20]]
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.nodes.get(str(value["@id"]), value)
        return value


def read_metadata(soup: BeautifulSoup, html: str, html_lang: str = "") -> PageMeta:
    """Every metadata field the page states, each with its source."""
    meta = PageMeta()
    ld = _json_ld(soup)
    article = ld.article or {}
    tags = _meta_tags(soup)
    headings = _headings(soup, tags, article)
    title = _page_title(soup)  # looked up once: each lookup walks the tree

    meta.pick(
        "title",
        [
            ("json-ld", _text(article.get("headline")) or _text(article.get("name"))),
            ("opengraph", tags.get("og:title")),
            ("meta", tags.get("twitter:title")),
            ("heading", _h1(soup)),
            ("title", _TITLE_SUFFIX.sub("", title)),
        ],
    )
    meta.pick(
        "subtitle",
        [
            ("json-ld", _text(article.get("alternativeHeadline"))),
            ("json-ld", _text(article.get("description"))),
            ("opengraph", tags.get("og:description")),
            ("meta", tags.get("description")),
        ],
    )
    meta.pick(
        "section",
        [("json-ld", _first_text(article.get("articleSection")))]
        + [
            ("opengraph" if k.startswith("article:") else "meta", tags.get(k))
            for k in _SECTION_META
        ],
    )
    meta.pick(
        "url",
        [
            ("json-ld", _web_address(_text(article.get("url")))),
            ("opengraph", _web_address(tags.get("og:url", ""))),
            ("meta", _web_address(_canonical(soup))),
        ],
    )
    host = _host(meta.url)
    site_names = [
        ("opengraph", publisher_name(tags.get("og:site_name", ""))),
        *(("meta", publisher_name(tags.get(k, ""))) for k in _PUBLISHER_META),
        ("title", _site_in_title(title, headings, host)),
    ]
    meta.pick(
        "publisher",
        [
            ("json-ld", publisher_name(_name_of(ld.resolve(article.get("publisher"))))),
            ("json-ld", publisher_name(_name_of(ld.resolve((ld.page or {}).get("publisher"))))),
            ("json-ld", next((n for n in map(publisher_name, ld.site_names) if n), "")),
            # A site name that the address repeats beats one that it does not
            # (an og:site_name of "U.S." on a section page).
            *((source, name) for source, name in site_names if resembles_host(name, host)),
            *site_names,
        ],
    )
    meta.pick(
        "byline",
        [("json-ld", _names(ld.resolve(article.get("author"))))]
        + [("meta", _person(tags.get(k, ""))) for k in _AUTHOR_META],
    )
    meta.pick(
        "language",
        [
            ("html", normalise_tag(html_lang)),
            ("opengraph", normalise_tag(tags.get("og:locale", ""))),
            ("json-ld", normalise_tag(_text(article.get("inLanguage")))),
            *(("meta", normalise_tag(tags.get(k, ""))) for k in _LANGUAGE_META),
        ],
    )
    meta.pick("published", _published(soup, html, tags, ld))
    meta.article_body = _text(article.get("articleBody"))
    # Not the description: sites often reuse the first paragraph as one.
    meta.headings = headings | {meta.title, title, _TITLE_SUFFIX.sub("", title)}
    meta.headings.discard("")
    return meta


def finish_credits(meta: PageMeta, html: str) -> None:
    """The publisher from the copyright line or the address; bylines that are only mastheads."""
    if not meta.publisher:
        meta.pick(
            "publisher",
            [("copyright", _copyright(html)), ("url", _host(meta.url))],
        )
    if meta.byline:
        aliases = tuple(a for a in (_host(meta.url),) if a)
        byline = authors_only(meta.byline, meta.publisher, aliases)
        if byline != meta.byline:
            meta.byline = byline
            if not byline:
                meta.sources.pop("byline", None)


def _published(
    soup: BeautifulSoup, html: str, tags: dict[str, str], ld: _JsonLd
) -> list[tuple[str, str | None]]:
    article, page = ld.article or {}, ld.page or {}
    candidates: list[tuple[str, str | None]] = [
        ("json-ld", _ld_date(article)),
        ("json-ld", _ld_date(page)),
    ]
    candidates += [("opengraph", parse_date(tags.get(k))) for k in _OPENGRAPH_DATES]
    candidates += [("meta", parse_date(tags.get(k))) for k in _DATE_META]
    candidates += [
        ("meta", parse_date(value))
        for key, value in tags.items()
        if _DATE_NAME.search(key) and not _NOT_PUBLISHED.search(key)
    ]
    candidates.append(("microdata", _microdata_date(html)))
    candidates.append(("time", _time_date(soup)))
    return candidates


def _meta_source(key: str) -> str:
    return "opengraph" if key.startswith(("og:", "article:")) else "meta"


def _ld_date(obj: dict[str, Any]) -> str | None:
    return parse_date(_text(obj.get("datePublished")) or _text(obj.get("dateCreated")))


def _microdata_date(html: str) -> str | None:
    # Read from the raw page: the element can be any tag, and parsing the
    # whole page for it would double the cost of reading metadata.
    for match in _ITEMPROP_DATE.finditer(html, 0, _MICRODATA_SPAN):
        attrs, text = match.group("attrs"), match.group("text")
        value = _ATTR_VALUE.search(attrs)
        found = parse_date(value.group(2) if value else text)
        if found:
            return found
    return None


def _time_date(soup: BeautifulSoup) -> str | None:
    times = soup.find_all("time", limit=50)
    # A <time> marked as the publication date beats the first one on the page.
    times.sort(key=lambda t: not (t.has_attr("pubdate") or t.get("itemprop") == "datePublished"))
    for tag in times[:20]:
        found = parse_date(_attr(tag, "datetime") or tag.get_text(" ", strip=True))
        if found:
            return found
    return None


def _headings(soup: BeautifulSoup, tags: dict[str, str], article: dict[str, Any]) -> set[str]:
    found = {tags.get(key, "") for key in ("og:title", "twitter:title")}
    found |= {_text(article.get(key)) for key in ("headline", "alternativeHeadline")}
    for h1 in soup.find_all("h1", limit=5):
        found.add(squash(h1.get_text(" ")))
    found.discard("")
    return found


def _site_in_title(title: str, headings: set[str], host: str) -> str:
    """The site name in "Headline | Site" or "Site: Headline", when the title shows it.

    The headline half must be a headline the page states elsewhere; without
    one, a last part after a pipe, or one that the page address repeats
    ("… - Entermedia" on entermedia.co.kr), is taken as the site.
    """
    if not title or title in headings:
        # The headline alone, as og:title or the <h1> repeats it whole.
        return ""
    separators = list(_TITLE_SEPARATOR.finditer(title))
    for match in reversed(separators):
        before, after = title[: match.start()].strip(), title[match.end() :].strip()
        if _is_heading(before, headings) and _looks_like_site(after):
            return publisher_name(after)
        if _is_heading(after, headings) and _looks_like_site(before):
            return publisher_name(before)
    if separators:
        last = separators[-1]
        before, after = title[: last.start()].strip(), title[last.end() :].strip()
        by_pipe = "|" in last.group(0)
        if (
            len(before.split()) >= 3
            and _looks_like_site(after)
            and (by_pipe or resembles_host(after, host) or _short_name(after, before))
        ):
            return publisher_name(after)
    return ""


def _short_name(site: str, headline: str) -> bool:
    # "A long headline of many words - Site": a name of a word or three.
    return len(site.split()) <= 3 and len(headline.split()) >= 4 and not site[:1].islower()


def _is_heading(text: str, headings: set[str]) -> bool:
    # A heading may also be cut short (og:title truncated by the site).
    return len(text) >= 8 and any(
        h == text or h.startswith(text) or (len(h) >= 20 and text.startswith(h))
        for h in headings
        if h
    )


def _looks_like_site(text: str) -> bool:
    return 0 < len(text.split()) <= _MAX_SITE_WORDS and len(text) <= 60


def _json_ld(soup: BeautifulSoup) -> _JsonLd:
    nodes: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        raw = script.string or script.get_text()
        if not raw or len(raw) > _MAX_JSON_LD:
            continue
        try:
            data = json.loads(raw.strip().rstrip(";"), strict=False)
        except ValueError:
            continue
        _collect(data, nodes, depth=0)
    by_id = {str(n["@id"]): n for n in nodes if isinstance(n.get("@id"), str)}
    articles = [n for n in nodes if _types(n) & _ARTICLE_TYPES]
    pages = [n for n in nodes if _types(n) & _PAGE_TYPES]
    sites = [
        _text(n.get("name"))
        for n in sorted(nodes, key=lambda n: "website" not in _types(n))
        if _types(n) & _ORGANISATION_TYPES
    ]
    # Prefer the object that carries a headline and a body over a bare stub.
    article = max(
        articles,
        key=lambda obj: (bool(obj.get("headline")), len(_text(obj.get("articleBody")))),
        default=None,
    )
    return _JsonLd(article, pages[0] if pages else None, [s for s in sites if s], by_id)


def _types(node: dict[str, Any]) -> set[str]:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _collect(data: Any, found: list[dict[str, Any]], depth: int) -> None:
    """Every typed object in the JSON-LD, through graphs, lists and nested entities."""
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data[:200]:
            _collect(item, found, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            found.append(data)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "isPartOf"):
            if key in data:
                _collect(data[key], found, depth + 1)


def _meta_tags(soup: BeautifulSoup) -> dict[str, str]:
    tags: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop") or tag.get("http-equiv")
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            tags.setdefault(key.strip().lower(), squash(value))
    return tags


def _page_title(soup: BeautifulSoup) -> str:
    return squash(soup.title.string) if soup.title and soup.title.string else ""


def _h1(soup: BeautifulSoup) -> str:
    h1 = soup.find("h1")
    return squash(h1.get_text(" ")) if isinstance(h1, Tag) else ""


def _canonical(soup: BeautifulSoup) -> str:
    link = soup.find("link", rel="canonical")
    return _attr(link, "href") if isinstance(link, Tag) else ""


def _web_address(value: str) -> str:
    return value if value.startswith(("http://", "https://")) else ""


def _host(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def _copyright(html: str) -> str:
    """The holder named by the last copyright line of the page (the footer's)."""
    tail = html[-60_000:]
    for match in reversed(list(_COPYRIGHT.finditer(tail))):
        name = copyright_holder(match.group(1))
        if name and not name.lower().startswith(("all rights", "by ")):
            return name
    return ""


def _person(value: str) -> str:
    # An author meta holding a profile address or a handle names nobody.
    return "" if value.startswith(("http://", "https://", "@")) else value


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
    if isinstance(value, list):
        return _text(value[0]) if value else ""
    if isinstance(value, dict):
        return _text(value.get("@value") or value.get("name") or "")
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
