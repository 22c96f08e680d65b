"""Entity and meeting analysis after indexing: a queue kept in the document cache.

Indexing makes a corpus searchable without waiting for the name model:
ingest stores each new article with a placeholder analysis stamped
:data:`PENDING`. Every article whose stamp is not the current
:func:`~reader.core.analysis.pipeline.analysis_version` (new, or analysed by
another model or shape) is pending; :func:`analyse_pending` works through
them and commits each article on its own, so a kill or quit loses only the
article in progress and the next run resumes where this one stopped.

One article that fails (too long for its time budget, or anything else)
gets an analysis that says so (``"error"``), stamped current so the queue
never trips over it again; the rest goes on. The window runs this in a
child process (``corpus-reader analyse --progress-json``) so it uses the
other core and never holds the window's interpreter.
"""

from __future__ import annotations

import signal
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reader.core.analysis.pipeline import TIME_BUDGET, TooLong, analysis_version, analyze
from reader.core.docstore import DocStore
from reader.core.model import Document
from reader.core.progress import Progress, no_progress

PENDING = "pending"
# Longest body the analysis reads in full; beyond it the article is too long
# to analyse (its search still works): 2 MB is a book, not an article.
MAX_ANALYSED_CHARS = 2_000_000


# Analysed articles handed to ``on_analysed`` at a time: one index commit per batch.
ANALYSED_BATCH = 100


def pending_analysis(doc: Document) -> dict[str, Any]:
    """The placeholder stored at indexing time, before the article is analysed."""
    return {"pending": True, "entities": [], "meetings": [], "reported": None}


@dataclass
class AnalysisReport:
    """What one run of the queue did."""

    analysed: int = 0
    failed: int = 0
    pending: int = 0  # still waiting when the run ended (stopped, or the store was busy)
    messages: list[str] = field(default_factory=list)
    model: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "analysed": self.analysed,
            "failed": self.failed,
            "pending": self.pending,
            "messages": list(self.messages),
            "model": self.model,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AnalysisReport:
        return cls(
            int(data.get("analysed", 0)),
            int(data.get("failed", 0)),
            int(data.get("pending", 0)),
            [str(m) for m in data.get("messages", [])],
            str(data.get("model", "")),
        )

    def summary(self) -> str:
        text = f"entities: {self.analysed} article(s) analysed"
        if self.failed:
            text += f", {self.failed} could not be"
        if self.pending:
            text += f", {self.pending} still pending"
        return text


def failed_analysis(reason: str) -> dict[str, Any]:
    return {"error": reason, "entities": [], "meetings": [], "reported": None}


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Raise :class:`TooLong` in this thread after ``seconds``, wherever the analysis is.

    The model checks its own deadline between chunks; this also bounds the
    rule-based steps (meeting extraction) that have none. Only possible on
    the main thread of a POSIX process (the analysis process's case);
    elsewhere only the model's deadline holds.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise TooLong()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def analyse_one(doc: Document, budget: float = TIME_BUDGET) -> dict[str, Any]:
    """The analysis of one article, or one that says in a line why there is none."""
    if len(doc.body_text) > MAX_ANALYSED_CHARS:
        return failed_analysis(
            f"too long to analyse ({len(doc.body_text) / 1_000_000:.0f} MB of text)"
        )
    try:
        with _alarm(budget * 1.5):
            return analyze(doc, budget=budget)
    except TooLong:
        return failed_analysis(f"too long to analyse (over {budget:.0f} s)")
    except RecursionError:
        return failed_analysis("could not be analysed (text nested too deeply)")
    except Exception as exc:  # one article's fault must not stop the queue
        return failed_analysis(f"could not be analysed ({type(exc).__name__})")


def analyse_pending(
    store: DocStore,
    progress: Progress = no_progress,
    *,
    budget: float = TIME_BUDGET,
    limit: int | None = None,
    should_stop: Callable[[], bool] = lambda: False,
    on_analysed: Callable[[list[tuple[Document, dict[str, Any]]]], None] | None = None,
    batch: int = ANALYSED_BATCH,
) -> AnalysisReport:
    """Analyse every pending article (at most ``limit``), committing each as it is done.

    ``on_analysed`` gets the articles analysed so far every ``batch`` articles
    and at the end (the library puts their entities into the search index).
    """
    done: list[tuple[Document, dict[str, Any]]] = []

    def hand_over() -> None:
        if on_analysed is not None and done:
            on_analysed(list(done))
        done.clear()

    from reader.core.analysis.entities.model import load_model

    _, status = load_model()
    version = analysis_version(status)
    report = AnalysisReport(model=status.message)
    todo = store.analysis_pending(version, limit)
    total = len(todo)
    progress(0, total, "Finding entities")
    last_report = 0.0
    for i, doc_id in enumerate(todo):
        if should_stop():
            break
        got = store.get_for_analysis(doc_id)
        if got is None:
            continue  # removed meanwhile
        doc, sha = got
        analysis = analyse_one(doc, budget)
        if "error" in analysis:
            report.failed += 1
            report.messages.append(f"{doc_id}: {analysis['error']}")
        try:
            store.put_analysis(doc_id, sha, analysis, version)
        except sqlite3.OperationalError as exc:
            # The cache is held by an index update: stop here, the rest stays queued.
            report.messages.append(f"entity analysis paused: the document cache is busy ({exc})")
            break
        if "error" not in analysis:
            report.analysed += 1
            done.append((doc, analysis))
            if len(done) >= batch:
                hand_over()
        now = time.monotonic()
        if now - last_report > 0.25 or i + 1 == total:
            last_report = now
            progress(i + 1, total, f"Finding entities: {doc.title or doc_id}")
    hand_over()
    report.pending = store.count_analysis_pending(version)
    return report
