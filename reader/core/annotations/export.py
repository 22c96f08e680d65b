"""Annotated excerpts exported with their citations, in five formats.

``markdown``, ``html``, ``csv``, ``json`` and ``jsonld`` (W3C Web Annotation).
Every excerpt carries its citation: title, publisher, date and URL where
known. Choosing *which* annotations to export (by tag, article or text) is
the caller's job, with :meth:`AnnotationStore.find`; this module formats what
it is given, orphans included (marked as such: the researcher's note must
reach their writing even when the passage has left the article).

Document text is hostile until proven otherwise: an article title or a quote
may hold markup, a spreadsheet formula or a ``javascript:`` link. So HTML
escapes every piece of text and forbids scripts and remote loads outright,
Markdown backslash-escapes anything that could become markup, CSV defuses
cells a spreadsheet would run as formulas, and only ``http(s)`` URLs ever
become links.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote as url_quote
from urllib.parse import urlsplit

from reader.core.annotations.formats import FORMAT_NAMES, ExportError, export_format
from reader.core.annotations.store import Annotation
from reader.core.dates import date_parts, human_date
from reader.core.model import PARAGRAPH_SEPARATOR, Document
from reader.core.titles import UNTITLED, untitled_name

GROUPINGS = ("article", "tag")
_ALIASES = {"md": "markdown", "htm": "html", "json-ld": "jsonld", "w3c": "jsonld"}

W3C_ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
JSON_FORMAT_NAME = "corpus-reader/annotations"
JSON_FORMAT_VERSION = 1
#: Prefix of the URN naming an article that has no URL.
ARTICLE_URN_PREFIX = "urn:corpus-reader:article:"

CSV_COLUMNS = (
    "annotation_id",
    "doc_id",
    "title",
    "publisher",
    "byline",
    "published",
    "url",
    "quote",
    "note",
    "tags",
    "color",
    "orphaned",
    "start",
    "end",
    "created",
    "modified",
    "citation",
)

ORPHAN_NOTICE = "Orphaned: this passage is no longer found in the current text of the article."
_UNTAGGED = "Untagged"
_COLOR = re.compile(r"#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{1,32}")


# --- entry points ---------------------------------------------------------------------------


def export_annotations(
    annotations: Iterable[Annotation],
    documents: Mapping[str, Document],
    fmt: str,
    *,
    group_by: str = "article",
    exported: str | None = None,
) -> str:
    """The annotations in format ``fmt``, as text.

    ``documents`` supplies the citations; an annotation whose article is not
    in it is still exported, cited by its article id. ``group_by`` (``article``
    or ``tag``) shapes Markdown and HTML; the other formats are flat lists in
    reading order. ``exported`` (ISO time) defaults to now.

    CSV comes as text that begins with a byte-order mark and uses ``\\r\\n``
    line ends; write it with :func:`export_bytes` (or ``newline=""``) so the
    line ends are not translated.
    """
    fmt = _check_format(fmt)
    if group_by not in GROUPINGS:
        raise ExportError(
            f"cannot group an export by {group_by!r}; choose one of {', '.join(GROUPINGS)}"
        )
    stamp = exported or _now()
    items = _in_reading_order(annotations, documents)
    if fmt == "markdown":
        return _markdown(items, documents, group_by, stamp)
    if fmt == "html":
        return _html(items, documents, group_by, stamp)
    if fmt == "csv":
        return _csv(items, documents)
    if fmt == "json":
        return _json(items, documents, stamp)
    return _jsonld(items, documents, stamp)


def export_bytes(
    annotations: Iterable[Annotation],
    documents: Mapping[str, Document],
    fmt: str,
    *,
    group_by: str = "article",
    exported: str | None = None,
) -> bytes:
    """:func:`export_annotations` encoded as UTF-8, ready to write to a file as it is."""
    text = export_annotations(annotations, documents, fmt, group_by=group_by, exported=exported)
    return text.encode("utf-8")


def _check_format(fmt: str) -> str:
    name = fmt.strip().lower()
    if name in _ALIASES:
        return _ALIASES[name]
    try:
        return export_format(name).key
    except ExportError:
        raise ExportError(
            f"unknown export format {fmt!r}; choose one of {', '.join(FORMAT_NAMES)}"
        ) from None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


# --- citations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """The facts about an article that a citation needs.

    ``title`` is the article's own headline, empty when it has none: the
    headings name it by :attr:`name` instead (the rule of
    :mod:`reader.core.titles`), the citation text says "Untitled", and
    CSL-JSON leaves the title out.
    """

    doc_id: str
    title: str
    publisher: str
    author: str
    published: str | None
    url: str

    @classmethod
    def of(cls, doc_id: str, documents: Mapping[str, Document]) -> Citation:
        doc = documents.get(doc_id)
        if doc is None:
            # An article since removed: its id is all that is left to name it by.
            return cls(doc_id, doc_id, "", "", None, "")
        return cls(
            doc_id=doc.id,
            title=_one_line(doc.title),
            publisher=_one_line(doc.publisher),
            author=_author(doc.byline),
            published=doc.published,
            url=doc.url.strip(),
        )

    @property
    def name(self) -> str:
        """The headline, or "Untitled (publisher, date)": how headings name the article."""
        return self.title or untitled_name(self.publisher, self.published)

    @property
    def date_text(self) -> str:
        return human_date(self.published)

    @property
    def link(self) -> str | None:
        """The URL, if it is one a reader can safely follow."""
        return self.url if safe_url(self.url) else None

    @property
    def source_iri(self) -> str:
        """The article as the W3C target ``source``: its URL, or a URN from its id."""
        return self.link or ARTICLE_URN_PREFIX + url_quote(self.doc_id, safe="")

    def text(self) -> str:
        """A plain citation: Author, “Title”, Publisher, 22 January 2019, URL."""
        return self.formatted(escape=str, quote=lambda title: f"“{title}”", link=str)

    def formatted(
        self,
        *,
        escape: Callable[[str], str],
        quote: Callable[[str], str],
        link: Callable[[str], str],
    ) -> str:
        """The citation in one format's markup; every format gives the same parts in this order.

        ``escape`` makes a field literal text, ``quote`` marks the (escaped)
        title, ``link`` turns a followable URL into a link; a URL that is not
        safe to follow is given as escaped text.
        """
        title = quote(escape(self.title)) if self.title else UNTITLED
        where = link(self.link) if self.link else escape(self.url)
        parts = [escape(self.author), title, escape(self.publisher), escape(self.date_text), where]
        return ", ".join(p for p in parts if p) + "."

    def csl(self) -> dict[str, Any]:
        """The article as a CSL-JSON item, which reference managers import."""
        item: dict[str, Any] = {"id": self.doc_id, "type": "article-newspaper"}
        if self.title:  # an untitled article gets no invented one
            item["title"] = self.title
        if self.publisher:
            item["container-title"] = self.publisher
        if self.author:
            item["author"] = [{"literal": self.author}]
        parts = date_parts(self.published)
        if parts:
            item["issued"] = {"date-parts": [parts]}
        if self.url:
            item["URL"] = self.url
        return item


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _author(byline: str) -> str:
    author = _one_line(byline)
    return re.sub(r"(?i)^by\s+", "", author)


def safe_url(url: str) -> bool:
    """True for an absolute ``http``/``https`` URL with nothing that could break out of a link."""
    if not url or any(c.isspace() or c in "<>\"'`\\" for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def safe_color(color: str | None) -> str | None:
    return color if color and _COLOR.fullmatch(color) else None


# --- ordering and grouping ------------------------------------------------------------------


def _in_reading_order(
    annotations: Iterable[Annotation], documents: Mapping[str, Document]
) -> list[Annotation]:
    """Articles by date then title; within one, by position, orphans last."""

    def key(ann: Annotation) -> tuple[Any, ...]:
        doc = documents.get(ann.doc_id)
        published = (doc.published if doc else None) or "9999"
        title = (doc.title if doc else ann.doc_id).casefold()
        return (published, title, ann.doc_id, ann.orphaned, ann.start, ann.created, ann.id)

    return sorted(annotations, key=key)


def _groups(
    items: list[Annotation], documents: Mapping[str, Document], group_by: str
) -> list[tuple[str, Citation | None, list[Annotation]]]:
    """``(heading, citation of the group if it is one article, excerpts)`` in order."""
    if group_by == "article":
        by_doc: dict[str, list[Annotation]] = {}
        for ann in items:
            by_doc.setdefault(ann.doc_id, []).append(ann)
        out: list[tuple[str, Citation | None, list[Annotation]]] = []
        for doc_id, anns in by_doc.items():
            citation = Citation.of(doc_id, documents)
            out.append((citation.name, citation, anns))
        return out
    by_tag: dict[str, tuple[str, list[Annotation]]] = {}
    untagged: list[Annotation] = []
    for ann in items:
        if not ann.tags:
            untagged.append(ann)
        for tag in ann.tags:
            by_tag.setdefault(tag.casefold(), (tag, []))[1].append(ann)
    grouped: list[tuple[str, Citation | None, list[Annotation]]] = [
        (name, None, anns) for _, (name, anns) in sorted(by_tag.items())
    ]
    if untagged:
        grouped.append((_UNTAGGED, None, untagged))
    return grouped


def _summary(items: list[Annotation]) -> str:
    articles = len({a.doc_id for a in items})
    orphans = sum(a.orphaned for a in items)
    text = f"{len(items)} excerpt{'s' * (len(items) != 1)} from {articles} article"
    text += "s" * (articles != 1)
    if orphans:
        text += f", {orphans} orphaned"
    return text


# --- Markdown -------------------------------------------------------------------------------

# Brackets are escaped, so "(" and "!" can no longer make a link or image.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&$])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])", re.MULTILINE)


def md_escape(text: str) -> str:
    """Text that CommonMark renders as itself: no emphasis, links, HTML or headings."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # A list marker, heading underline or quote marker only counts at the start of a line.
    return _MD_LINE_START.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    # "1." is defused by escaping its dot: a backslash before a digit is literal.
    return indent + marker[:-1] + "\\" + marker[-1]


def _paragraph_lines(text: str) -> Iterator[list[str]]:
    """Each paragraph's lines, stripped, blank ones left out; a paragraph of none is skipped."""
    for para in text.split(PARAGRAPH_SEPARATOR):
        lines = [line.strip() for line in para.split("\n") if line.strip()]
        if lines:
            yield lines


def _md_paragraphs(text: str) -> list[str]:
    """Paragraphs, escaped; a line break inside one stays a (hard) line break."""
    return [
        "\\\n".join(md_escape(" ".join(line.split())) for line in lines)
        for lines in _paragraph_lines(text)
    ]


def _md_citation(citation: Citation) -> str:
    return citation.formatted(
        escape=md_escape, quote=lambda title: f"“{title}”", link=lambda url: f"<{url}>"
    )


def _markdown(
    items: list[Annotation], documents: Mapping[str, Document], group_by: str, stamp: str
) -> str:
    lines = ["# Annotated excerpts", "", f"{_summary(items)}; exported {stamp}.", ""]
    for heading, citation, anns in _groups(items, documents, group_by):
        lines += [f"## {md_escape(heading)}", ""]
        if citation is not None:
            lines += [f"*{_md_citation(citation)}*", ""]
        for ann in anns:
            lines += _md_excerpt(ann, Citation.of(ann.doc_id, documents))
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_excerpt(ann: Annotation, citation: Citation) -> list[str]:
    out: list[str] = []
    for i, para in enumerate(_md_paragraphs(ann.quote)):
        if i:
            out.append(">")
        out.append("> " + para.replace("\n", "\n> "))
    out.append("")
    if ann.orphaned:
        out += [f"**{md_escape(ORPHAN_NOTICE)}**", ""]
    for para in _md_paragraphs(ann.note):
        out += [para, ""]
    if ann.tags:
        out += ["Tags: " + ", ".join(md_escape(t) for t in ann.tags), ""]
    out += [f"— {_md_citation(citation)}", "", "---", ""]
    return out


# --- HTML -----------------------------------------------------------------------------------

_HTML_STYLE = """
:root { color-scheme: light; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff;
  max-width: 46rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.7rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.25rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
.summary, .source, .citation, .tags { font-family: system-ui, sans-serif; font-size: 0.85rem;
  color: #444; }
.excerpt { margin: 1.5rem 0; break-inside: avoid; page-break-inside: avoid; }
blockquote { margin: 0; padding: 0.25rem 1rem; border-left: 4px solid #999;
  background: #f6f6f6; }
blockquote p { margin: 0.5rem 0; }
.note p { margin: 0.5rem 0; }
.tag { display: inline-block; border: 1px solid #bbb; border-radius: 3px; padding: 0 0.35rem;
  margin-right: 0.25rem; }
.orphan { font-family: system-ui, sans-serif; font-size: 0.85rem; color: #8a1c00;
  font-weight: bold; }
.orphaned blockquote { border-left-style: dashed; }
a { color: #0645ad; overflow-wrap: anywhere; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  blockquote { background: none; }
  a { color: inherit; text-decoration: none; }
}
"""

# No script, no remote anything: even a browser that misreads the page loads nothing.
_HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _html_paragraphs(text: str) -> str:
    """Paragraphs as ``<p>``; a line break inside one stays a ``<br>``."""
    return "".join(
        "<p>" + "<br>\n".join(_e(line) for line in lines) + "</p>"
        for lines in _paragraph_lines(text)
    )


def _html_citation(citation: Citation) -> str:
    return citation.formatted(
        escape=_e, quote=lambda title: f"<cite>{title}</cite>", link=_html_link
    )


def _html_link(url: str) -> str:
    return f'<a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>'


def _html(
    items: list[Annotation], documents: Mapping[str, Document], group_by: str, stamp: str
) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(_HTML_CSP)}">',
        '<meta name="referrer" content="no-referrer">',
        '<meta name="generator" content="Corpus Reader">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Annotated excerpts</title>",
        f"<style>{_HTML_STYLE}</style>",
        "</head>",
        "<body>",
        "<header><h1>Annotated excerpts</h1>",
        f'<p class="summary">{_e(_summary(items))}; exported {_e(stamp)}.</p></header>',
        "<main>",
    ]
    for heading, citation, anns in _groups(items, documents, group_by):
        out.append("<section>")
        out.append(f"<h2>{_e(heading)}</h2>")
        if citation is not None:
            out.append(f'<p class="source">{_html_citation(citation)}</p>')
        for ann in anns:
            out.append(_html_excerpt(ann, Citation.of(ann.doc_id, documents)))
        out.append("</section>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _html_excerpt(ann: Annotation, citation: Citation) -> str:
    classes = "excerpt orphaned" if ann.orphaned else "excerpt"
    color = safe_color(ann.color)
    style = f' style="border-left-color: {_e(color)}"' if color else ""
    parts = [f'<article class="{classes}" id="a-{_e(ann.id)}">']
    parts.append(f"<blockquote{style}>{_html_paragraphs(ann.quote)}</blockquote>")
    if ann.orphaned:
        parts.append(f'<p class="orphan">{_e(ORPHAN_NOTICE)}</p>')
    if ann.note.strip():
        parts.append(f'<div class="note">{_html_paragraphs(ann.note)}</div>')
    if ann.tags:
        tags = "".join(f'<span class="tag">{_e(t)}</span>' for t in ann.tags)
        parts.append(f'<p class="tags">Tags: {tags}</p>')
    parts.append(f'<p class="citation">— {_html_citation(citation)}</p>')
    parts.append("</article>")
    return "\n".join(parts)


# --- CSV ------------------------------------------------------------------------------------

# What a spreadsheet may take as the start of a formula (OWASP's list, plus the
# full-width forms some spreadsheets also accept).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: object) -> str:
    """A cell that a spreadsheet shows as text: a leading ``'`` defuses formula starters."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _csv(items: list[Annotation], documents: Mapping[str, Document]) -> str:
    buffer = io.StringIO(newline="")
    # The BOM tells spreadsheets the file is UTF-8; without it Excel guesses a code page.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for ann in items:
        citation = Citation.of(ann.doc_id, documents)
        row = (
            ann.id,
            ann.doc_id,
            citation.name,
            citation.publisher,
            citation.author,
            citation.published or "",
            citation.url,
            ann.quote,
            ann.note,
            "; ".join(ann.tags),
            ann.color or "",
            "yes" if ann.orphaned else "no",
            ann.start,
            ann.end,
            ann.created,
            ann.modified,
            citation.text(),
        )
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


# --- JSON -----------------------------------------------------------------------------------


def _article_json(citation: Citation, documents: Mapping[str, Document]) -> dict[str, Any]:
    doc = documents.get(citation.doc_id)
    return {
        "id": citation.doc_id,
        "title": citation.title,  # the article's own: empty when it has none
        "display_title": citation.name,
        "subtitle": doc.subtitle if doc else "",
        "publisher": citation.publisher,
        "byline": doc.byline if doc else "",
        "published": citation.published,
        "url": citation.url,
        "known": doc is not None,
    }


def _citations(items: list[Annotation], documents: Mapping[str, Document]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for ann in items:
        if ann.doc_id not in seen:
            seen[ann.doc_id] = Citation.of(ann.doc_id, documents)
    return list(seen.values())


def _json(items: list[Annotation], documents: Mapping[str, Document], stamp: str) -> str:
    citations = _citations(items, documents)
    payload = {
        "format": JSON_FORMAT_NAME,
        "version": JSON_FORMAT_VERSION,
        "exported": stamp,
        "count": len(items),
        "annotations": [ann.to_json() for ann in items],
        "articles": [_article_json(c, documents) for c in citations],
        # CSL-JSON items; an annotation's doc_id is the id of its citation.
        "citations": [c.csl() for c in citations],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


# --- W3C Web Annotation JSON-LD -------------------------------------------------------------


def web_annotation(ann: Annotation, citation: Citation) -> dict[str, Any]:
    """One annotation in the W3C Web Annotation model (without its own ``@context``)."""
    body: list[dict[str, Any]] = []
    if ann.note.strip():
        body.append(
            {
                "type": "TextualBody",
                "value": ann.note,
                "format": "text/plain",
                "purpose": "commenting",
            }
        )
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in ann.tags]
    motivation = "commenting" if ann.note.strip() else "tagging" if ann.tags else "highlighting"
    item: dict[str, Any] = {
        "id": f"urn:uuid:{ann.id}",
        "type": "Annotation",
        "motivation": motivation,
        "created": ann.created,
        "modified": ann.modified,
    }
    if body:
        item["body"] = body
    item["target"] = {
        "source": citation.source_iri,
        "selector": [ann.anchor.quote_selector(), ann.anchor.position_selector()],
    }
    if ann.orphaned:
        # Not a W3C term (JSON-LD processors drop it); plain JSON readers see the mark.
        item["orphaned"] = True
    return item


def _jsonld(items: list[Annotation], documents: Mapping[str, Document], stamp: str) -> str:
    citations = {c.doc_id: c for c in _citations(items, documents)}
    # Ids derived from the content, so exporting the same annotations twice names
    # the collection the same way.
    seed = "corpus-reader-export:" + ",".join(a.id for a in items)
    collection_id = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed)}"
    page_id = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, seed + '#page-1')}"
    payload = {
        "@context": W3C_ANNO_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": "Annotated excerpts exported from Corpus Reader",
        "generated": stamp,
        "total": len(items),
        "first": {
            "id": page_id,
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": [web_annotation(a, citations[a.doc_id]) for a in items],
        },
        # CSL-JSON items whose id is the target source they cite, for reference
        # managers. Outside the W3C vocabulary, so JSON-LD processors ignore it.
        "citations": [{**c.csl(), "id": c.source_iri} for c in citations.values()],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
