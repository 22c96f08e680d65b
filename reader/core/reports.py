"""What the slow operations report: an index update and an import.

Plain dataclasses with a JSON form both ways, in a module that loads nothing
heavy: the window runs these operations in a child process (the command line
with ``--json``) and reads the same types back from its output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reader.core.annotations.changes import AnnotationChanges
from reader.core.model import DocumentError


def _failures_to_json(failures: list[DocumentError]) -> list[dict[str, str]]:
    return [{"path": f.path, "reason": f.reason} for f in failures]


def _failures_from_json(items: Any) -> list[DocumentError]:
    return [DocumentError(str(i.get("path", "")), str(i.get("reason", ""))) for i in items or ()]


@dataclass
class IngestReport:
    """What one index update did; ``messages`` are sentences fit to show a user."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    failures: list[DocumentError] = field(default_factory=list)
    rebuilt: bool = False
    messages: list[str] = field(default_factory=list)
    # Annotations that lost their passage, found it again or found it re-worded.
    annotations: AnnotationChanges = field(default_factory=AnnotationChanges)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        """One sentence saying what the update did."""
        changes = [
            f"{self.added} added" if self.added else "",
            f"{self.updated} updated" if self.updated else "",
            f"{self.removed} removed" if self.removed else "",
        ]
        done = ", ".join(c for c in changes if c) or "no changes"
        text = f"Index up to date: {done}; {self.unchanged} unchanged"
        if self.failures:
            text += f"; {len(self.failures)} file(s) could not be read"
        return text + "."

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failures": _failures_to_json(self.failures),
            "rebuilt": self.rebuilt,
            "messages": list(self.messages),
            "annotations": self.annotations.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IngestReport:
        return cls(
            added=int(data.get("added", 0)),
            updated=int(data.get("updated", 0)),
            removed=int(data.get("removed", 0)),
            unchanged=int(data.get("unchanged", 0)),
            failures=_failures_from_json(data.get("failures")),
            rebuilt=bool(data.get("rebuilt", False)),
            messages=[str(m) for m in data.get("messages", ())],
            annotations=AnnotationChanges.from_json(data.get("annotations")),
        )


@dataclass
class ImportResult:
    """What an import did: files copied in, refused files, and the index update after it."""

    imported: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    failures: list[DocumentError] = field(default_factory=list)
    ingest: IngestReport | None = None

    def summary(self) -> str:
        parts = [f"imported {len(self.imported)} document(s)"]
        if self.already_present:
            parts.append(f"{len(self.already_present)} already in the corpus")
        if self.failures:
            parts.append(f"{len(self.failures)} could not be read")
        return "; ".join(parts).capitalize() + "."

    def to_json(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "already_present": self.already_present,
            "failures": _failures_to_json(self.failures),
            "index": self.ingest.to_json() if self.ingest else None,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImportResult:
        index = data.get("index")
        return cls(
            imported=[str(i) for i in data.get("imported", ())],
            already_present=[str(i) for i in data.get("already_present", ())],
            failures=_failures_from_json(data.get("failures")),
            ingest=IngestReport.from_json(index) if isinstance(index, dict) else None,
        )


@dataclass
class RemoveResult:
    """What a removal did: the articles taken out, and why any others were not."""

    removed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one line each, naming the article
    ingest: IngestReport | None = None

    def summary(self) -> str:
        text = f"Removed {len(self.removed)} article(s)"
        if self.refused:
            text += f"; {len(self.refused)} could not be removed"
        return text + "."

    def to_json(self) -> dict[str, Any]:
        return {
            "removed": self.removed,
            "refused": self.refused,
            "index": self.ingest.to_json() if self.ingest else None,
        }
