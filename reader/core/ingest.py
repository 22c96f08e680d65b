"""Bringing the index up to date with the corpus: clean, analyse, store, index.

:func:`ingest` is incremental. A source whose size and mtime match what the
document cache recorded is skipped without being read; one whose stat
changed but whose content hash did not is only re-stamped; new and changed
sources are cleaned, analysed, cached and indexed; ids no longer on disk
are removed. Cleaning runs in worker processes while this process feeds the
single Whoosh writer, once there are enough documents to pay for starting
the pool.

The corpus is the truth and the index a cache. An index that cannot be
opened, whose files changed behind our back, or whose last commit never
finished is rebuilt (from the cached documents where they are still valid,
so nothing is re-cleaned needlessly) and the report says so.

Two running instances never write at once: ingest holds a lock file in the
cache folder; a second instance waits briefly, then raises
:class:`IndexBusy`. The index is committed before the document cache, so a
crash between the two leaves a cache that is older than the index, which
the next ingest notices and repairs.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import multiprocessing.connection
import os
import pickle
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from reader.core.analysis.pipeline import ANALYSIS_VERSION
from reader.core.analysis.pipeline import analyze as default_analyze
from reader.core.corpus import Cleaned, Source, file_sha256, path_key
from reader.core.docstore import CachedFailure, DocStore, Fingerprint
from reader.core.model import Document, DocumentError, ReaderError
from reader.core.progress import Progress, no_progress
from reader.core.reports import IngestReport
from reader.core.search.index import IndexWriter, LockedIndex, SearchIndex, WriterOptions

CleanFunction = Callable[..., Document]
AnalyzeFunction = Callable[[Document], dict[str, Any]]

LOCK_NAME = "ingest.lock"
SIGNATURE_KEY = "index_signature"
BUSY_MESSAGE = "index is being updated by another running instance"

# Below this many documents to clean, starting worker processes costs more
# than it saves.
POOL_THRESHOLD = 200
_CHUNK = 32


class IndexBusy(ReaderError):
    """Another running instance is updating the index."""


# --------------------------------------------------------------------------
# The cross-process lock
# --------------------------------------------------------------------------


class _FileLock:
    """An exclusive OS lock on a file (flock / msvcrt), released if the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def acquire(self, timeout: float) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held until release()
        deadline = time.monotonic() + timeout
        while True:
            if _try_lock(handle):
                self._handle = handle
                return True
            if time.monotonic() >= deadline:
                handle.close()
                return False
            time.sleep(0.05)

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


# --------------------------------------------------------------------------
# Cleaning, in this process or in workers
# --------------------------------------------------------------------------


@dataclass
class _Outcome:
    """One source after cleaning: the document and its serialised forms, or a failure."""

    id: str
    path: str
    size: int
    mtime_ns: int
    sha256: str = ""
    doc: Document | None = None
    doc_json: str = ""
    analysis: dict[str, Any] | None = None
    analysis_json: str = ""
    # (path, reason) rather than a DocumentError, which does not pickle.
    error: tuple[str, str] | None = None
    note: str = ""

    def failure(self) -> DocumentError:
        path, reason = self.error or (self.path, "could not be cleaned")
        return DocumentError(path, reason)


def _process(
    task: tuple[str, str, int, int, dict[str, Any] | None],
    clean: CleanFunction,
    analyze: AnalyzeFunction,
) -> _Outcome:
    doc_id, path, size, mtime_ns, manifest = task
    out = _Outcome(doc_id, path, size, mtime_ns)
    try:
        out.sha256 = file_sha256(path)
        doc = clean(path, doc_id=doc_id, manifest=manifest)
    except DocumentError as err:
        out.error = (err.path, err.reason)
        return out
    except Exception as exc:  # a cleaner bug must not stop the batch
        out.error = (path, f"could not be cleaned ({type(exc).__name__}: {exc})")
        return out
    return _finish(out, doc, analyze)


def _reuse(source: Source, doc: Document, analyze: AnalyzeFunction) -> _Outcome:
    """The outcome of a source whose document the import already cleaned."""
    out = _Outcome(source.id, str(source.path), source.size, source.mtime_ns)
    try:
        out.sha256 = file_sha256(source.path)
    except DocumentError as err:
        out.error = (err.path, err.reason)
        return out
    except OSError as exc:
        out.error = (out.path, f"could not be cleaned ({type(exc).__name__}: {exc})")
        return out
    doc.source_path = out.path  # what cleaning this path records
    return _finish(out, doc, analyze)


def _finish(out: _Outcome, doc: Document, analyze: AnalyzeFunction) -> _Outcome:
    """Analyse a cleaned document and serialise it for the cache."""
    path = out.path
    doc.id = out.id
    try:
        analysis = analyze(doc)
    except Exception as exc:
        # The article is still readable and searchable without its analysis.
        analysis = {"entities": [], "meetings": []}
        out.note = f"{path}: analysis failed ({type(exc).__name__}: {exc})"
    out.doc = doc
    out.doc_json = json.dumps(doc.to_json(), ensure_ascii=False)
    out.analysis = analysis
    out.analysis_json = json.dumps(analysis, ensure_ascii=False)
    return out


_worker_fns: tuple[CleanFunction, AnalyzeFunction] | None = None


def _init_worker(clean: CleanFunction, analyze: AnalyzeFunction) -> None:
    global _worker_fns
    _worker_fns = (clean, analyze)
    _exit_with_parent()


def _exit_with_parent() -> None:
    """End this worker as soon as the process that started it is gone.

    A pool worker waits on its task queue, whose other end its siblings also
    hold, so a parent killed with SIGKILL (or ended by Task Manager) would
    leave the workers, and the resource tracker that waits for them, running
    for ever. ``parent_process().sentinel`` becomes ready when the parent
    dies, on every OS; a daemon thread waits on it and exits the process.
    """
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)  # no clean-up owed to a parent that is gone

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _process_chunk(
    tasks: list[tuple[str, str, int, int, dict[str, Any] | None]],
) -> list[_Outcome]:
    assert _worker_fns is not None
    clean, analyze = _worker_fns
    return [_process(t, clean, analyze) for t in tasks]


def _picklable(*objs: object) -> bool:
    try:
        pickle.dumps(objs)
    except Exception:
        return False
    return True


def _task(source: Source) -> tuple[str, str, int, int, dict[str, Any] | None]:
    return (source.id, str(source.path), source.size, source.mtime_ns, source.manifest)


def _clean_all(
    sources: Sequence[Source],
    clean: CleanFunction,
    analyze: AnalyzeFunction,
    workers: int | None,
    cleaned: Mapping[str, Cleaned] | None = None,
) -> Iterator[_Outcome]:
    """Outcomes in source order; in worker processes when it pays.

    A source found in ``cleaned`` (by path, with the same size and mtime) is
    not cleaned again: its document is used as it is.
    """
    ready: dict[str, Document] = {}
    for source in sources if cleaned else ():
        found = cleaned.get(path_key(source.path)) if cleaned else None
        if (
            found is not None
            and source.manifest is None
            and (found.size, found.mtime_ns) == (source.size, source.mtime_ns)
        ):
            ready[source.id] = found.doc
    rest = iter(_cleaned([s for s in sources if s.id not in ready], clean, analyze, workers))
    for source in sources:
        doc = ready.get(source.id)
        yield next(rest) if doc is None else _reuse(source, doc, analyze)


def _cleaned(
    sources: Sequence[Source],
    clean: CleanFunction,
    analyze: AnalyzeFunction,
    workers: int | None,
) -> Iterator[_Outcome]:
    """Each source cleaned, in order; in worker processes when it pays."""
    n_workers = workers if workers is not None else max(1, (os.cpu_count() or 2) - 1)
    if n_workers < 1 or len(sources) < POOL_THRESHOLD or not _picklable(clean, analyze):
        for source in sources:
            yield _process(_task(source), clean, analyze)
        return
    chunks = [[_task(s) for s in sources[i : i + _CHUNK]] for i in range(0, len(sources), _CHUNK)]
    done = 0
    try:
        for outcomes in _pooled(chunks, clean, analyze, n_workers):
            done += 1
            yield from outcomes
    except (BrokenProcessPool, OSError, RuntimeError):
        # The pool could not start (e.g. a frozen app without freeze_support,
        # or a caller's __main__ that is not import-safe) or a worker died
        # (killed, out of memory on a hostile file): finish in this process
        # rather than fail the whole ingest.
        for chunk in chunks[done:]:
            for task in chunk:
                yield _process(task, clean, analyze)


def _pooled(
    chunks: list[list[tuple[str, str, int, int, dict[str, Any] | None]]],
    clean: CleanFunction,
    analyze: AnalyzeFunction,
    n_workers: int,
) -> Iterator[list[_Outcome]]:
    """Cleaned chunks, in order, from a pool of worker processes."""
    # spawn: safe from a threaded caller (the window runs ingest off the UI
    # thread) and the same on every OS.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=n_workers, mp_context=ctx, initializer=_init_worker, initargs=(clean, analyze)
    ) as pool:
        # A bounded window of chunks in flight keeps memory flat at 100,000
        # documents even if cleaning outruns indexing.
        pending: deque[Future[list[_Outcome]]] = deque()
        submitted = 0
        while submitted < len(chunks) or pending:
            while submitted < len(chunks) and len(pending) < n_workers * 4:
                pending.append(pool.submit(_process_chunk, chunks[submitted]))
                submitted += 1
            yield pending.popleft().result()


# --------------------------------------------------------------------------
# Ingest
# --------------------------------------------------------------------------


def _default_clean() -> tuple[CleanFunction, str]:
    from reader.core.clean import CLEANER_VERSION, clean_file

    return clean_file, CLEANER_VERSION


def _function_version(fn: Callable[..., Any]) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


def _cleaner_key(version: str, manifest: dict[str, Any] | None) -> str:
    """The cleaner version, plus the manifest facts: a changed manifest entry re-cleans."""
    if not manifest:
        return version
    facts = json.dumps(manifest, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return f"{version}+{hashlib.sha1(facts).hexdigest()[:12]}"


@dataclass
class _Plan:
    clean: list[Source] = field(default_factory=list)
    # The cleaner key (version + manifest facts) of each source to clean.
    keys: dict[str, str] = field(default_factory=dict)
    new_ids: set[str] = field(default_factory=set)
    restamp: list[tuple[str, Fingerprint]] = field(default_factory=list)
    reanalyse: list[tuple[str, Fingerprint]] = field(default_factory=list)
    keep: set[str] = field(default_factory=set)  # valid in the cache as they are
    remove: list[str] = field(default_factory=list)
    drop_failures: list[str] = field(default_factory=list)


def _plan(
    sources: Sequence[Source],
    store: DocStore,
    cleaner_version: str,
    analysis_version: str | None,
    report: IngestReport,
) -> _Plan:
    plan = _Plan()
    prints = store.fingerprints()
    failed = store.failures()
    present = {s.id for s in sources}
    plan.remove = sorted(i for i in prints if i not in present)
    plan.drop_failures = sorted(i for i in failed if i not in present)
    for s in sources:
        key = _cleaner_key(cleaner_version, s.manifest)
        old = prints.get(s.id)
        path = str(s.path)
        if old is None:
            bad = failed.get(s.id)
            if bad is not None and (bad.path, bad.size, bad.mtime_ns, bad.cleaner_version) == (
                path,
                s.size,
                s.mtime_ns,
                key,
            ):
                # Still the same unreadable file: report it again without reading it.
                report.failures.append(DocumentError(bad.path, bad.reason))
                continue
            plan.clean.append(s)
            plan.keys[s.id] = key
            plan.new_ids.add(s.id)
            continue
        if old.cleaner_version != key:
            plan.clean.append(s)
            plan.keys[s.id] = key
            continue
        if (old.path, old.size, old.mtime_ns) != (path, s.size, s.mtime_ns):
            if old.size != s.size:
                plan.clean.append(s)
                plan.keys[s.id] = key
                continue
            try:
                digest = file_sha256(s.path)
            except OSError:
                digest = ""
            if digest != old.sha256:
                plan.clean.append(s)
                plan.keys[s.id] = key
                continue
            stamp = Fingerprint(path, s.size, s.mtime_ns, digest, key, old.analysis_version)
            plan.restamp.append((s.id, stamp))
        else:
            stamp = old
        if analysis_version is not None and old.analysis_version != analysis_version:
            plan.reanalyse.append((s.id, stamp))
        else:
            plan.keep.add(s.id)
    return plan


def ingest(
    sources: Sequence[Source],
    *,
    store: DocStore,
    index: SearchIndex,
    clean: CleanFunction | None = None,
    analyze: AnalyzeFunction | None = None,
    progress: Progress = no_progress,
    cleaner_version: str | None = None,
    analysis_version: str | None = None,
    workers: int | None = None,
    writer_options: WriterOptions | None = None,
    lock_timeout: float = 5.0,
    defer_analysis: bool = False,
    cleaned: Mapping[str, Cleaned] | None = None,
) -> IngestReport:
    """Bring ``store`` and ``index`` up to date with ``sources``; see the module docstring.

    ``clean`` and ``analyze`` default to the real cleaner and analysis;
    their versions (stored in each fingerprint, so a new version redoes the
    work) default to ``CLEANER_VERSION``/``ANALYSIS_VERSION`` for those and
    to the function's qualified name for any other. ``workers`` is the
    number of cleaning processes (default: CPUs - 1; 0 cleans in this
    process). Raises :class:`IndexBusy` if another instance holds the lock
    for longer than ``lock_timeout`` seconds. ``defer_analysis`` stores new
    articles with a placeholder analysis for :mod:`reader.core.analysis.queue`
    to fill after indexing (so the corpus is searchable first) and leaves
    analyses of another version to that queue too. ``cleaned`` holds
    documents already cleaned from some of the sources with this ``clean``
    (:attr:`reader.core.corpus.ImportReport.cleaned`): those are not cleaned
    again.
    """
    if clean is None:
        clean, default_cv = _default_clean()
        cleaner_version = cleaner_version or default_cv
    cleaner_version = cleaner_version or _function_version(clean)
    if defer_analysis:
        from reader.core.analysis.queue import PENDING, pending_analysis

        analyze, analysis_version = pending_analysis, PENDING
    if analyze is None:
        analyze = default_analyze
        analysis_version = analysis_version or ANALYSIS_VERSION
    analysis_version = analysis_version or _function_version(analyze)

    lock = _FileLock(index.directory.parent / LOCK_NAME)
    if not lock.acquire(lock_timeout):
        raise IndexBusy(BUSY_MESSAGE)
    try:
        run = _Run(store, index, clean, analyze, cleaner_version, analysis_version, progress)
        run.defer = defer_analysis
        run.cleaned = cleaned
        try:
            return run.go(sources, workers, writer_options, force_rebuild=False)
        except (DocumentError, IndexBusy):
            raise
        except Exception as exc:
            # Something in the index failed mid-write that the health check
            # did not catch: start the index afresh once, from the corpus.
            run = _Run(store, index, clean, analyze, cleaner_version, analysis_version, progress)
            run.defer = defer_analysis
            run.cleaned = cleaned
            report = run.go(sources, workers, writer_options, force_rebuild=True)
            report.messages.insert(
                0, f"the search index failed while updating ({type(exc).__name__}); rebuilt it"
            )
            return report
    finally:
        lock.release()


class _Run:
    """One ingest pass, under the lock."""

    def __init__(
        self,
        store: DocStore,
        index: SearchIndex,
        clean: CleanFunction,
        analyze: AnalyzeFunction,
        cleaner_version: str,
        analysis_version: str,
        progress: Progress,
    ) -> None:
        self.store = store
        self.index = index
        self.clean = clean
        self.analyze = analyze
        self.cleaner_version = cleaner_version
        self.analysis_version = analysis_version
        self.progress = progress
        self.report = IngestReport()
        # Analyses of another version are the analysis queue's to redo, not ours.
        self.defer = False
        # Documents the import cleaned, by path (see ingest()).
        self.cleaned: Mapping[str, Cleaned] | None = None

    def _health(self, force: bool) -> str | None:
        """Why the index must be rebuilt, or None."""
        if force:
            return "the search index failed while updating"
        raw = self.store.get_meta(SIGNATURE_KEY)
        expected = json.loads(raw) if raw else None
        if not self.index.exists():
            # Nothing built yet is not a fault; a lost index behind a full cache is.
            return "the search index was missing" if len(self.store) else ""
        if expected is None:
            # An index with no record of it in the cache: the cache was lost
            # (or the first ingest died before saving it).
            return "the document cache was missing, so the search index could not be trusted"
        return self.index.problem(expected)

    def go(
        self,
        sources: Sequence[Source],
        workers: int | None,
        options: WriterOptions | None,
        *,
        force_rebuild: bool,
    ) -> IngestReport:
        report = self.report
        store, index = self.store, self.index
        if store.rebuilt:
            report.messages.append(store.message)
            store.rebuilt = False
        problem = self._health(force_rebuild)
        rebuild = problem is not None
        if rebuild:
            if problem:
                report.rebuilt = True
                report.messages.append(f"{problem}; rebuilt it from the corpus")
            index.reset()
        plan = _plan(
            sources,
            store,
            self.cleaner_version,
            None if self.defer else self.analysis_version,
            report,
        )
        report.unchanged = len(plan.keep)
        report.removed = len(plan.remove)
        nothing_to_index = not (plan.clean or plan.remove or plan.reanalyse or rebuild)
        if nothing_to_index:
            if plan.restamp or plan.drop_failures:
                with store.transaction():
                    for doc_id, stamp in plan.restamp:
                        store.update_fingerprint(doc_id, stamp)
                    for doc_id in plan.drop_failures:
                        store.delete_failure(doc_id)
            return report

        writer = self._writer(options, fresh=rebuild)
        try:
            with store.transaction():
                self._write(writer, plan, rebuild, workers)
                writer.commit()
                # Recorded in the same transaction as the documents: if we die
                # before this commits, the next run sees a newer index than
                # the cache recorded and rebuilds.
                record_index_signature(store, index)
        except BaseException:
            writer.cancel()
            raise
        return report

    def _writer(self, options: WriterOptions | None, *, fresh: bool) -> IndexWriter:
        try:
            return self.index.writer(options, fresh=fresh)
        except LockedIndex:
            # We hold the ingest lock, so no instance of ours is writing:
            # the lock was left by a process that was killed mid-update.
            self.index.clear_stale_lock()
            self.report.messages.append("removed a stale lock left on the search index")
            try:
                return self.index.writer(options, fresh=fresh)
            except LockedIndex:
                raise IndexBusy(BUSY_MESSAGE) from None

    def _write(self, writer: IndexWriter, plan: _Plan, rebuild: bool, workers: int | None) -> None:
        store, report, progress = self.store, self.report, self.progress
        total = len(plan.clean) + len(plan.reanalyse) + (len(plan.keep) if rebuild else 0)
        done = 0
        progress(0, total, "Updating the index")
        for doc_id in plan.remove:
            writer.delete(doc_id)
            store.delete(doc_id)
        for doc_id in plan.drop_failures:
            store.delete_failure(doc_id)
        for doc_id, stamp in plan.restamp:
            store.update_fingerprint(doc_id, stamp)
        if rebuild and plan.keep:
            for doc, analysis in store.documents():
                if doc.id in plan.keep:
                    writer.add(doc, analysis)
                    done += 1
                    if done % 200 == 0:
                        progress(done, total, "Rebuilding the index")
        for doc_id, stamp in plan.reanalyse:
            doc = store.get(doc_id)
            analysis = self._analyse(doc)
            store.put(doc, analysis, _with_analysis(stamp, self.analysis_version))
            writer.add(doc, analysis)
            report.updated += 1
            done += 1
        for out in _clean_all(plan.clean, self.clean, self.analyze, workers, self.cleaned):
            done += 1
            if done % 50 == 0 or done == total:
                progress(done, total, f"Indexing {Path(out.path).name}")
            if out.note:
                report.messages.append(out.note)
            if out.error is not None or out.doc is None:
                error = out.failure()
                report.failures.append(error)
                if out.id in plan.new_ids:
                    store.put_failure(
                        CachedFailure(
                            out.id,
                            out.path,
                            out.size,
                            out.mtime_ns,
                            plan.keys[out.id],
                            error.reason,
                        )
                    )
                # A document that was good before stays as it was: a bad
                # edit must not make an article vanish from the corpus.
                continue
            stamp = Fingerprint(
                out.path,
                out.size,
                out.mtime_ns,
                out.sha256,
                plan.keys[out.id],
                self.analysis_version,
            )
            assert out.analysis is not None
            store.put(
                out.doc,
                out.analysis,
                stamp,
                document_json=out.doc_json,
                analysis_json=out.analysis_json,
            )
            writer.add(out.doc, out.analysis)
            if out.id in plan.new_ids:
                report.added += 1
            else:
                report.updated += 1
        progress(total, total, "Saving the index")

    def _analyse(self, doc: Document) -> dict[str, Any]:
        try:
            return self.analyze(doc)
        except Exception as exc:
            self.report.messages.append(f"{doc.id}: analysis failed ({type(exc).__name__})")
            return {"entities": [], "meetings": []}


def _with_analysis(stamp: Fingerprint, analysis_version: str) -> Fingerprint:
    return Fingerprint(
        stamp.path,
        stamp.size,
        stamp.mtime_ns,
        stamp.sha256,
        stamp.cleaner_version,
        analysis_version,
    )


def record_index_signature(store: DocStore, index: SearchIndex) -> None:
    """Note what the index looks like right after a commit, inside the cache's
    transaction, so the next open can tell a torn write from a saved one."""
    store.set_meta(SIGNATURE_KEY, json.dumps(index.signature()))
