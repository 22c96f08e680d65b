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

import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
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
    workers: int = 1,
) -> AnalysisReport:
    """Analyse every pending article (at most ``limit``), committing each as it is done.

    ``on_analysed`` gets the articles analysed so far every ``batch`` articles
    and at the end (the library puts their entities into the search index).
    With ``workers`` 2 and a long enough queue, a forked helper process takes
    articles from the same list, so the name model runs on both cores.
    """
    from reader.core.analysis.entities.model import load_model
    from reader.core.analysis.pipeline import analysis_recognizer

    _, status = load_model()
    analysis_recognizer()  # built before a fork, so the helper shares it
    version = analysis_version(status)
    report = AnalysisReport(model=status.message)
    todo = store.analysis_pending(version, limit)
    total = len(todo)
    progress(0, total, "Finding entities")
    helper = _Helper.start(store, todo, budget, version) if workers > 1 else None
    claim = helper.claim if helper is not None else iter(range(total)).__next__
    done: list[tuple[Document, dict[str, Any]]] = []
    helper_done: list[str] = []
    counted = 0
    last_report = 0.0

    def hand_over() -> None:
        if on_analysed is None:
            done.clear()
            helper_done.clear()
            return
        for doc_id in helper_done:
            try:
                done.append((store.get(doc_id), store.get_analysis(doc_id)))
            except KeyError:
                continue  # removed meanwhile
        helper_done.clear()
        if done:
            on_analysed(list(done))
        done.clear()

    def count(doc_id: str, error: str | None, title: str) -> None:
        nonlocal counted, last_report
        counted += 1
        if error is not None:
            report.failed += 1
            report.messages.append(f"{doc_id}: {error}")
        else:
            report.analysed += 1
        if len(done) + len(helper_done) >= batch:
            hand_over()
        now = time.monotonic()
        if now - last_report > 0.25 or counted == total:
            last_report = now
            progress(counted, total, f"Finding entities: {title or doc_id}")

    def drain() -> None:
        if helper is None:
            return
        for kind, doc_id, text in helper.results():
            if kind == "busy":
                report.messages.append(text)
            elif kind == "ok":
                helper_done.append(doc_id)
                count(doc_id, None, text)
            else:
                count(doc_id, text, doc_id)

    try:
        while not should_stop():
            drain()
            try:
                i = claim()
            except StopIteration:
                break
            doc_id = todo[i]
            got = store.get_for_analysis(doc_id)
            if got is None:
                continue  # removed meanwhile
            doc, sha = got
            analysis = analyse_one(doc, budget)
            try:
                store.put_analysis(doc_id, sha, analysis, version)
            except sqlite3.OperationalError as exc:
                # The cache is held by an index update: stop here, the rest stays queued.
                report.messages.append(
                    f"entity analysis paused: the document cache is busy ({exc})"
                )
                break
            if "error" not in analysis:
                done.append((doc, analysis))
            count(doc_id, analysis.get("error"), doc.title)
    finally:
        if helper is not None:
            helper.finish(should_stop, drain)
    hand_over()
    report.pending = store.count_analysis_pending(version)
    return report


# Fewer pending articles than this are not worth starting a helper process for.
MIN_SHARED = 40


class _Helper:
    """A forked process analysing articles from the parent's list, claimed one at a
    time through a shared counter, each committed to the store on its own."""

    def __init__(self, process: Any, next_index: Any, stop: Any, out: Any, total: int) -> None:
        self._process = process
        self._next = next_index
        self._stop = stop
        self._out = out
        self._total = total

    @classmethod
    def start(cls, store: DocStore, todo: list[str], budget: float, version: str) -> _Helper | None:
        import multiprocessing as mp

        if len(todo) < MIN_SHARED or "fork" not in mp.get_all_start_methods():
            return None
        if sys.platform == "darwin":
            return None  # fork after the system frameworks are loaded is unsafe there
        ctx = mp.get_context("fork")
        next_index = ctx.Value("l", 0)
        stop = ctx.Event()
        out = ctx.SimpleQueue()
        process = ctx.Process(
            target=_helper_main,
            args=(str(store.path), todo, next_index, stop, out, budget, version, os.getpid()),
            daemon=True,
        )
        try:
            process.start()
        except OSError:
            return None  # no second process today: the parent does it all
        return cls(process, next_index, stop, out, len(todo))

    def claim(self) -> int:
        with self._next.get_lock():
            i = int(self._next.value)
            if i >= self._total:
                raise StopIteration
            self._next.value = i + 1
        return i

    def results(self) -> list[tuple[str, str, str]]:
        got: list[tuple[str, str, str]] = []
        while not self._out.empty():
            got.append(self._out.get())
        return got

    def finish(self, should_stop: Callable[[], bool], drain: Callable[[], None]) -> None:
        """Wait for the helper's last article (stopping it early if asked), counting its work."""
        while self._process.is_alive():
            if should_stop():
                self._stop.set()
            self._process.join(0.2)
            drain()
        drain()


def _helper_main(
    path: str,
    todo: list[str],
    next_index: Any,
    stop: Any,
    out: Any,
    budget: float,
    version: str,
    parent: int,
) -> None:
    store = DocStore(Path(path))
    try:
        while not stop.is_set() and os.getppid() == parent:
            with next_index.get_lock():
                i = int(next_index.value)
                if i >= len(todo):
                    break
                next_index.value = i + 1
            got = store.get_for_analysis(todo[i])
            if got is None:
                continue
            doc, sha = got
            analysis = analyse_one(doc, budget)
            try:
                store.put_analysis(doc.id, sha, analysis, version)
            except sqlite3.OperationalError as exc:
                out.put(
                    ("busy", doc.id, f"entity analysis paused: the document cache is busy ({exc})")
                )
                break
            if "error" in analysis:
                out.put(("failed", doc.id, str(analysis["error"])))
            else:
                out.put(("ok", doc.id, doc.title))
    finally:
        store.close()
