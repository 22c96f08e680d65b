"""What an index update did to the annotations, in words a researcher is told.

After articles are re-cleaned (a new cleaner, an edited source file) or
leave the corpus, every annotation is looked for again in its article's
current text (:meth:`~reader.core.annotations.store.AnnotationStore.reanchor`).
Most are found where they were; the news is the few that are not:

* ``orphaned``: lost their passage in this update (kept, quote and note, as orphans);
* ``restored``: orphans whose passage is back (their article re-imported or repaired);
* ``reworded``: found, but the passage's wording changed, so the quote now holds
  the new text and the researcher may want to read it again.

Plain data with a JSON form both ways and no heavy imports: an index
update runs in the window's worker process and its report, this included,
is read back from the worker's output.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.annotations.store import Annotation, ReanchorReport

ORPHANED = "orphaned"
RESTORED = "restored"
REWORDED = "reworded"
# How much of a quote a one-line message shows.
QUOTE_CHARS = 60


@dataclass(frozen=True)
class AnnotationChange:
    """One annotation an update detached from its passage, attached again or re-worded."""

    id: str
    doc_id: str
    quote: str
    note: str = ""

    @classmethod
    def of(cls, annotation: Annotation) -> AnnotationChange:
        return cls(annotation.id, annotation.doc_id, annotation.quote, annotation.note)

    def short_quote(self, limit: int = QUOTE_CHARS) -> str:
        """The quote on one line, cut at a word near ``limit`` characters."""
        text = " ".join(self.quote.split())
        if len(text) <= limit:
            return f"“{text}”"
        cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
        return f"“{cut}…”"

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "doc_id": self.doc_id, "quote": self.quote, "note": self.note}

    @classmethod
    def from_json(cls, data: Any) -> AnnotationChange:
        return cls(
            str(data.get("id", "")),
            str(data.get("doc_id", "")),
            str(data.get("quote", "")),
            str(data.get("note", "")),
        )


@dataclass
class AnnotationChanges:
    """The annotations one index update orphaned, restored or re-worded.

    ``moved`` counts those found intact at a new place (nothing to tell);
    ``still_orphaned`` those that were orphans before and still are.
    """

    orphaned: list[AnnotationChange] = field(default_factory=list)
    restored: list[AnnotationChange] = field(default_factory=list)
    reworded: list[AnnotationChange] = field(default_factory=list)
    moved: int = 0
    still_orphaned: int = 0

    def __bool__(self) -> bool:
        """True when there is something to tell the researcher."""
        return bool(self.orphaned or self.restored or self.reworded)

    @classmethod
    def from_reports(cls, reports: Iterable[ReanchorReport]) -> AnnotationChanges:
        changes = cls()
        for report in reports:
            lost = {a.id for a in report.lost}
            restored = {a.id for a in report.restored}
            changes.orphaned.extend(AnnotationChange.of(a) for a in report.lost)
            changes.still_orphaned += sum(1 for a in report.orphaned if a.id not in lost)
            changes.restored.extend(AnnotationChange.of(a) for a in report.restored)
            changes.reworded.extend(
                AnnotationChange.of(a) for a in report.approximate if a.id not in restored
            )
            changes.moved += sum(1 for a in report.moved if a.id not in restored)
        return changes

    def extend(self, other: AnnotationChanges) -> None:
        self.orphaned.extend(other.orphaned)
        self.restored.extend(other.restored)
        self.reworded.extend(other.reworded)
        self.moved += other.moved
        self.still_orphaned += other.still_orphaned

    def doc_ids(self) -> set[str]:
        """The articles of the annotations told about."""
        return {c.doc_id for c in (*self.orphaned, *self.restored, *self.reworded)}

    def lines(self, *, list_orphans: bool = False) -> list[str]:
        """One sentence per kind of change, each naming the first quote.

        With ``list_orphans`` the sentence about several orphans ends in a colon
        instead, for the caller to list them all after it.
        """
        out = []
        for items, one, many in (
            (
                self.orphaned,
                "lost its passage and is kept as an orphan",
                "lost their passages and are kept as orphans",
            ),
            (self.restored, "found its passage again", "found their passages again"),
            (
                self.reworded,
                "found its passage with changed wording",
                "found their passages with changed wording",
            ),
        ):
            if len(items) == 1:
                out.append(f"1 annotation {one}: {items[0].short_quote()}.")
            elif items and list_orphans and items is self.orphaned:
                out.append(f"{len(items)} annotations {many}:")
            elif items:
                more = len(items) - 1
                out.append(
                    f"{len(items)} annotations {many}: {items[0].short_quote()} and {more} more."
                )
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            ORPHANED: [c.to_json() for c in self.orphaned],
            RESTORED: [c.to_json() for c in self.restored],
            REWORDED: [c.to_json() for c in self.reworded],
            "moved": self.moved,
            "still_orphaned": self.still_orphaned,
        }

    @classmethod
    def from_json(cls, data: Any) -> AnnotationChanges:
        if not isinstance(data, dict):
            return cls()
        return cls(
            orphaned=[AnnotationChange.from_json(c) for c in data.get(ORPHANED, ())],
            restored=[AnnotationChange.from_json(c) for c in data.get(RESTORED, ())],
            reworded=[AnnotationChange.from_json(c) for c in data.get(REWORDED, ())],
            moved=int(data.get("moved", 0)),
            still_orphaned=int(data.get("still_orphaned", 0)),
        )
