"""The domain objects every part of Corpus Reader passes around.

Plain dataclasses, JSON-friendly, no Qt. Character offsets everywhere are
Python ``str`` indices into :attr:`Document.body_text` — the body paragraphs
joined by a blank line — so the CLI, the index, the entity recogniser, the
annotation store and the window all speak of the same positions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass
class RemovedBlock:
    """A block of text the cleaner dropped, kept so a researcher can audit it."""

    text: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}


@dataclass
class Document:
    """One cleaned article.

    ``provenance`` says where each metadata field came from, field name to
    source: ``manifest``, ``json-ld``, ``opengraph``, ``meta`` (other
    ``<meta>`` tags), ``microdata``, ``time`` (a ``<time>`` element),
    ``htmldate``, ``url`` (the page address), ``title`` (the ``<title>``),
    ``heading`` (the page's ``<h1>``), ``copyright`` (its copyright line),
    ``html`` (``<html lang>``), ``text`` (stated in the article text),
    ``inferred`` (guessed from the text) or ``detected`` (language guessed
    from the text). A field with no value has no entry.
    ``published_source`` repeats the date's source (``none`` without one).
    """

    id: str
    title: str = ""
    subtitle: str = ""
    section: str = ""
    publisher: str = ""
    byline: str = ""
    dateline: str = ""
    published: str | None = None
    published_source: str = "none"
    url: str = ""
    language: str = ""
    captions: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    removed: list[RemovedBlock] = field(default_factory=list)
    source_path: str = ""
    content_hash: str = ""
    # The meeting the article reports, as the manifest states it (or None).
    meeting: dict[str, Any] | None = None
    provenance: dict[str, str] = field(default_factory=dict)

    def set_field(self, name: str, value: str | None, source: str) -> None:
        """Set a metadata field and record where its value came from."""
        setattr(self, name, value if value is not None or name == "published" else "")
        if value:
            self.provenance[name] = source
        else:
            self.provenance.pop(name, None)
        if name == "published":
            self.published_source = source if value else "none"

    @property
    def body_text(self) -> str:
        """The text all offsets point into."""
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    def paragraph_spans(self) -> list[tuple[int, int]]:
        """``[start, end)`` of each paragraph within :attr:`body_text`."""
        spans: list[tuple[int, int]] = []
        pos = 0
        for para in self.paragraphs:
            spans.append((pos, pos + len(para)))
            pos += len(para) + len(PARAGRAPH_SEPARATOR)
        return spans

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["body_text"] = self.body_text
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        data.pop("body_text", None)
        removed = [RemovedBlock(**r) for r in data.pop("removed", [])]
        known = {f for f in cls.__dataclass_fields__}
        return cls(removed=removed, **{k: v for k, v in data.items() if k in known})


@dataclass
class Hit:
    """One ranked search result, located in the body text and the header.

    ``matches`` are body offsets; ``header_matches`` are ``(part, start,
    end)`` with part ``title``, ``subtitle`` or ``caption N`` (0-based) and
    offsets into that text. A phrase is one span.
    """

    id: str
    title: str
    publisher: str
    published: str | None
    score: float
    snippet: str
    matches: list[tuple[int, int]]
    header_matches: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def hit_count(self) -> int:
        """The hits a reader counts: in the header and in the body."""
        return len(self.matches) + len(self.header_matches)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["matches"] = [list(m) for m in self.matches]
        data["header_matches"] = [list(m) for m in self.header_matches]
        return data


@dataclass
class SearchResult:
    """The hits of a query; ``total`` is the exact number of matching articles.

    ``hits`` may be the first few only; ``ranked`` then holds every match,
    best first, as ``(id, score)`` when the search was asked for it.
    """

    query: str
    total: int
    hits: list[Hit]
    ranked: list[tuple[str, float]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "hits": [h.to_json() for h in self.hits]}


class ReaderError(Exception):
    """An error with a message fit to show a user as it is."""


class QueryError(ReaderError):
    """A search query that cannot be parsed; the message says why."""


class DocumentError(ReaderError):
    """A file that cannot be read or cleaned; the message names the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        # Crosses process boundaries when cleaning runs in worker processes.
        return (DocumentError, (self.path, self.reason))
