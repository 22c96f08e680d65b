"""The one door to the engine: a researcher's library of articles.

The window and the command line both call these few methods and never reach
into Whoosh, SQLite or the cleaner themselves. A :class:`Library` owns the
document cache, the search index, the annotation store and the entity
corrections of one set of per-user folders, over one corpus.

Thread use: the window runs :meth:`Library.update_index` and
:meth:`Library.import_paths` on a worker thread while the main thread reads;
the stores underneath serialise their own statements, and a cross-process
lock keeps two running instances from updating the index at once.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from reader.core import corpus as corpus_files
from reader.core.annotations.changes import AnnotationChange, AnnotationChanges
from reader.core.annotations.formats import (
    EXPORT_FORMATS,
    ExportFilters,
    ExportFormat,
    write_atomically,
)
from reader.core.corpus import Cleaned
from reader.core.dates import human_date, short_date
from reader.core.docstore import DocStore, DocSummary
from reader.core.location import LibraryLocation
from reader.core.model import Document, DocumentError, Hit, ReaderError, SearchResult
from reader.core.paths import AppPaths
from reader.core.progress import Progress, no_progress
from reader.core.provenance import sources_line
from reader.core.reports import ImportResult, IngestReport, RemoveResult
from reader.core.titles import UNTITLED, TitledArticle, display_title, is_untitled

if TYPE_CHECKING:
    # Whoosh takes a noticeable part of a second to import: the window lists
    # the articles from the document cache first and loads it on first use.
    # The annotation store, corrections, entities, timeline and export load
    # in the methods that use them, for the same reason on a smaller scale:
    # the window's first paint needs none of them, and together they were
    # about a tenth of its start-up. Their public names stay importable from
    # here (see ``__getattr__``).
    from reader.core.analysis.corrections import Correction, Corrections, CorrectionSet
    from reader.core.analysis.entities import Entity
    from reader.core.analysis.entities.model import ModelStatus
    from reader.core.analysis.meetings import MeetingEvent
    from reader.core.analysis.queue import AnalysisReport
    from reader.core.annotations.backup import Backup, Restored, StoreDamaged, StoreError
    from reader.core.annotations.store import Annotation, AnnotationStore
    from reader.core.search.index import SearchIndex

__all__ = [
    "EXPORT_FORMATS",
    "UNTITLED",
    "AnalysisReport",
    "Annotation",
    "AnnotationChange",
    "AnnotationChanges",
    "DocSummary",
    "Document",
    "Entity",
    "ExportFilters",
    "ExportFormat",
    "ImportResult",
    "IngestReport",
    "Library",
    "MeetingEvent",
    "ModelStatus",
    "RemoveResult",
    "Restored",
    "SearchResult",
    "StoreDamaged",
    "StoreError",
    "TitledArticle",
    "clean_paths",
    "display_title",
    "human_date",
    "is_untitled",
    "short_date",
    "sources_line",
]

# Names of the facade defined in modules loaded on first use: ``from
# reader.core.library import Entity`` imports ``reader.core.analysis.entities`` then.
_LAZY_NAMES = {
    "AnalysisReport": "reader.core.analysis.queue",
    "ModelStatus": "reader.core.analysis.entities.model",
    "Annotation": "reader.core.annotations.store",
    "Entity": "reader.core.analysis.entities",
    "MeetingEvent": "reader.core.analysis.meetings",
    "Restored": "reader.core.annotations.backup",
    "StoreDamaged": "reader.core.annotations.backup",
    "StoreError": "reader.core.annotations.backup",
}


def __getattr__(name: str) -> Any:
    """``Annotation``, ``Entity``, ``MeetingEvent``: imported when asked for."""
    if name in _LAZY_NAMES:
        value = getattr(importlib.import_module(_LAZY_NAMES[name]), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


class UnknownArticle(ReaderError):
    def __init__(self, doc_id: str) -> None:
        super().__init__(f"no article with id {doc_id!r} in this corpus")
        self.doc_id = doc_id


class Library:
    """A corpus, its index and the researcher's own data, behind one small API."""

    def __init__(self, paths: AppPaths, corpus_dirs: Sequence[Path]) -> None:
        self.paths = paths.ensure()
        self.corpus_dirs = list(corpus_dirs)
        self._store = DocStore.in_folder(self.paths.cache)
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()
        self._annotations: AnnotationStore | None = None
        self._corrections: Corrections | None = None
        #: What the last index update in this process did to the annotations
        #: (also in its report's ``annotations``).
        self.last_annotation_changes = AnnotationChanges()

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        corpus_dir: str | os.PathLike[str] | None = None,
    ) -> Library:
        """The library of the given (or the default per-user) folders over a corpus.

        The corpus is ``corpus_dir`` (default: the bundled corpus) plus the
        documents the researcher imported.
        """
        return cls.at(LibraryLocation.resolve(data_dir, corpus_dir))

    @classmethod
    def at(cls, location: LibraryLocation) -> Library:
        """The library at ``location`` (what another process was told to open)."""
        corpus = location.corpus_dirs[0] if location.corpus_dirs else None
        if corpus is not None and not corpus.is_dir():
            raise ReaderError(f"corpus folder not found: {corpus}")
        return cls(location.paths, location.corpus_dirs)

    @property
    def location(self) -> LibraryLocation:
        """Where this library lives, in a form another process can open."""
        return LibraryLocation(self.paths, tuple(self.corpus_dirs))

    # -- lifetime ------------------------------------------------------------

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
        self._store.close()
        if self._annotations is not None:
            self._annotations.close()

    def open_annotations(self) -> None:
        """Open the annotation store now; :class:`StoreError` says why it cannot be used."""
        self._annotation_store  # noqa: B018 - opening is the point

    def close_annotations(self) -> None:
        """Close the annotation store (backing it up); the next use opens it again."""
        if self._annotations is not None:
            self._annotations.close()
            self._annotations = None

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- the stores (private: every read and write is a method below) --------

    @property
    def _annotation_store(self) -> AnnotationStore:
        if self._annotations is None:
            from reader.core.annotations.store import AnnotationStore

            self._annotations = AnnotationStore.for_paths(self.paths)
        return self._annotations

    @property
    def _corrections_log(self) -> Corrections:
        if self._corrections is None:
            from reader.core.analysis.corrections import Corrections

            self._corrections = Corrections(self.paths.corrections_db)
        return self._corrections

    # -- the corpus and its index -------------------------------------------

    @property
    def _search_index(self) -> SearchIndex:
        """The Whoosh index, opened (and Whoosh imported) on first use."""
        with self._index_lock:
            if self._index is None:
                from reader.core.search.index import SearchIndex

                self._index = SearchIndex(self.paths.index_dir)
            return self._index

    def needs_index(self) -> bool:
        """True before the first index build: nothing has been ingested yet.

        A damaged index is not looked for here (that would load Whoosh at
        start-up); :meth:`update_index` finds and rebuilds it.
        """
        return len(self._store) == 0

    def update_index(
        self,
        progress: Progress = no_progress,
        *,
        lock_timeout: float = 5.0,
        analyse: bool = True,
        cleaned: Mapping[str, Cleaned] | None = None,
    ) -> IngestReport:
        """Bring the cache and the index up to date with the corpus folders.

        Raises ``IndexBusy`` if another instance keeps updating them for
        ``lock_timeout`` seconds (0: do not wait). New articles are searchable
        once indexed; their entities and meetings come from
        :meth:`analyse_pending`, which this runs afterwards unless ``analyse``
        is false (the window runs it in a worker process instead). ``cleaned``:
        documents an import just cleaned, not to be cleaned again.
        """
        from reader.core.ingest import ingest

        sources = corpus_files.discover(self.corpus_dirs)
        report = ingest(
            sources,
            store=self._store,
            index=self._search_index,
            progress=progress,
            lock_timeout=lock_timeout,
            defer_analysis=True,
            cleaned=cleaned,
        )
        if analyse:
            report.messages.extend(self.analyse_pending(progress).messages)
        if self._store.message:
            report.messages.insert(0, self._store.message)
            self._store.message = ""
        changes, trouble = self._reanchor_annotations()
        report.annotations = changes
        self.last_annotation_changes = changes
        if trouble:
            report.messages.append(trouble)
        return report

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Progress = no_progress,
        *,
        analyse: bool = True,
    ) -> ImportResult:
        """Copy files or folders into the corpus, then index what is new."""
        copied = corpus_files.import_paths(paths, self.paths.imported_dir, progress=progress)
        result = ImportResult(copied.imported, copied.already_present, list(copied.failures))
        if copied.imported:
            result.ingest = self.update_index(progress, analyse=analyse, cleaned=copied.cleaned)
        return result

    def remove(self, doc_ids: Iterable[str], progress: Progress = no_progress) -> RemoveResult:
        """Take imported articles out of the corpus, the document cache and the index.

        Their imported files are deleted and the index is brought up to
        date, so nothing brings them back but importing them again. Their
        annotations stay in the store with their quotes, shown as orphans,
        and re-attach if the article is imported again. An article that
        comes from a corpus folder rather than an import is refused: its
        file is the researcher's, not ours to delete.
        """
        result = RemoveResult()
        fingerprints = self._store.fingerprints()
        imported = self.paths.imported_dir.resolve()
        for doc_id in dict.fromkeys(doc_ids):
            fingerprint = fingerprints.get(doc_id)
            if fingerprint is None:
                result.refused.append(f"{doc_id}: no article with this id in the corpus")
                continue
            source = Path(fingerprint.path)
            if not source.resolve().is_relative_to(imported):
                result.refused.append(
                    f"{doc_id}: part of the corpus folder {source.parent}, not imported; "
                    "remove the file there"
                )
                continue
            try:
                source.unlink(missing_ok=True)
            except OSError as error:
                result.refused.append(f"{doc_id}: {source} cannot be deleted ({error.strerror})")
                continue
            result.removed.append(doc_id)
        if result.removed:
            result.ingest = self.update_index(progress, analyse=False)
        return result

    def outside_changes(self) -> int:
        """A number that changes when another process (a CLI import, a second window) changes
        the corpus; poll it to follow them. Cheap: no file is read."""
        return self._store.data_version()

    # -- entity analysis after indexing --------------------------------------

    def analysis_pending(self) -> int:
        """How many articles still wait for their entity and meeting analysis."""
        from reader.core.analysis.pipeline import analysis_version

        return self._store.count_analysis_pending(analysis_version())

    def analyse_pending(
        self, progress: Progress = no_progress, *, limit: int | None = None
    ) -> AnalysisReport:
        """Analyse the pending articles, each committed as it is done (see the queue)."""
        from reader.core.analysis.queue import analyse_pending

        report = analyse_pending(
            self._store,
            progress,
            limit=limit,
            on_analysed=self._index_entities,
            # The name model is the bulk of the work: a second process uses the other core.
            workers=2 if (os.cpu_count() or 1) >= 2 else 1,
        )
        if self._entity_index_backlog().exists():
            report.messages.append(
                "the search index was busy: entities: searches will find the articles just "
                "analysed after the next analysis run"
            )
        return report

    def _entity_index_backlog(self) -> Path:
        return self.paths.cache / "entities-to-index.txt"

    def _index_entities(self, analysed: list[tuple[Document, dict[str, Any]]]) -> None:
        """Put the entities of freshly analysed articles into their index documents, so
        an ``entities:`` search finds them (articles are indexed before their analysis).

        When another writer holds the index, the ids wait in a small file beside the
        cache and go in with the next batch, in this run or the next.
        """
        from reader.core.ingest import record_index_signature

        backlog = self._entity_index_backlog()
        waiting: list[str] = []
        if backlog.exists():
            waiting = [i for i in backlog.read_text(encoding="utf-8").split() if i]
        fresh = {doc.id for doc, _ in analysed}
        try:
            writer = self._search_index.writer()
            try:
                with self._store.transaction():
                    for doc, analysis in analysed:
                        writer.add(doc, analysis)
                    for doc_id in dict.fromkeys(waiting):
                        if doc_id in fresh:
                            continue
                        try:
                            writer.add(self._store.get(doc_id), self._store.get_analysis(doc_id))
                        except KeyError:
                            continue  # removed meanwhile
                    writer.commit()
                    # As an index update does: the next open checks the index
                    # against this, and would otherwise take the commit for a torn one.
                    record_index_signature(self._store, self._search_index)
            except BaseException:
                writer.cancel()
                raise
        except ReaderError:  # locked by another writer, or not writable right now
            ids = list(dict.fromkeys([*waiting, *fresh]))
            backlog.write_text("\n".join(ids) + "\n", encoding="utf-8")
            return
        backlog.unlink(missing_ok=True)

    def analysis_note(self, doc_id: str) -> str:
        """A line on why an article's entities are few or none ("" when there is nothing
        to say): still pending, too long to analyse, or in a language the model does not read.
        """
        try:
            analysis = self._store.get_analysis(doc_id)
        except KeyError:
            raise UnknownArticle(doc_id) from None
        if analysis.get("pending"):
            return "This article is still waiting for entity analysis."
        if analysis.get("error"):
            return f"This article {analysis['error']}."
        return str(analysis.get("note") or "")

    def entity_model_status(self) -> ModelStatus:
        """Whether names beyond the gazetteer come from the statistical model, and a line
        saying so."""
        from reader.core.analysis.entities.model import model_status

        return model_status()

    def summaries(self) -> list[DocSummary]:
        """One light row per article, for the article list."""
        return self._store.summaries()

    def document(self, doc_id: str) -> Document:
        try:
            return self._store.get(doc_id)
        except KeyError:
            raise UnknownArticle(doc_id) from None

    def search(
        self, query: str, limit: int | None = 200, *, every_match: bool = False
    ) -> SearchResult:
        """Ranked hits with snippets and match offsets, and the exact total; raises ``QueryError``.

        ``every_match`` also ranks every match (ids and scores) for a list
        that fetches the rest of the hits with :meth:`hits` as it scrolls.
        """
        return self._search_index.search(query, limit=limit, every_match=every_match)

    def hits(self, query: str, ranked: Iterable[tuple[str, float]]) -> list[Hit]:
        """The hits (snippets, offsets) of ``query`` in these ``(id, score)`` articles."""
        return self._search_index.hits(query, ranked)

    # -- entities and the timeline -------------------------------------------

    def entities(self, doc_id: str | None = None, *, with_mentions: bool = False) -> list[Entity]:
        """The entities of one article, or of the whole corpus.

        A name is typed as most of the corpus types it (see
        :func:`~reader.core.analysis.entities.type_votes`), in one article's
        list as across the corpus. Across the corpus, every mention is listed
        only when asked for: at 10,000 articles building them all costs about
        a second.
        """
        from reader.core.analysis.entities import corpus_entities, document_entities

        if doc_id is None:
            return corpus_entities(
                self._store.analyses(),
                self._corrections_log,
                include_mentions=with_mentions,
                votes=self._type_votes(None),
            )
        try:
            analysis = self._store.get_analysis(doc_id)
        except KeyError:
            raise UnknownArticle(doc_id) from None
        keys = [item["key"] for item in analysis.get("entities", ()) if "key" in item]
        return document_entities(
            doc_id, analysis, self._corrections_log, votes=self._type_votes(keys)
        )

    def entity(self, key: str) -> Entity | None:
        """One entity across the corpus, with every article that mentions it.

        Only the articles that could hold it are read: those that recognised
        its key, a key merged into it, the same name under another type (the
        corpus's vote may fold it in), or a name the researcher added as an
        alias (corrections apply at read time, so these are the only ways an
        article's entity can end up as this one).
        """
        from reader.core.analysis.entities import entity_detail, type_variants

        corrections = self._corrections_log.resolved()
        target = corrections.canonical(key)
        keys = {key, target} | {k for k in corrections.merges if corrections.canonical(k) == target}
        keys |= {v for k in list(keys) for v in type_variants(k)}
        votes = self._type_votes(keys, corrections)
        keys |= {loser for loser, winner in votes.items() if winner in keys}
        aliases = corrections.alias_index.items()
        names = [a for a, k in aliases if corrections.canonical(k) == target]
        doc_ids = self._store.docs_naming(keys, names)
        return entity_detail(key, self._store.analyses_of(doc_ids), corrections, votes=votes)

    def _type_votes(
        self, keys: Iterable[str] | None, corrections: CorrectionSet | None = None
    ) -> dict[str, str]:
        """The corpus's type votes over every key, or over the names of ``keys``."""
        from reader.core.analysis.entities import type_variants, type_votes

        variants = None if keys is None else {v for k in keys for v in type_variants(k)}
        counts = self._store.key_document_counts(variants)
        return type_votes(counts, corrections or self._corrections_log.resolved())

    # -- entity corrections (each returns the stored correction, for undo) ------

    def rename_entity(self, key: str, name: str) -> Correction:
        """Give entity ``key`` the canonical name ``name`` (the old one becomes an alias)."""
        return self._corrections_log.rename(key, name)

    def merge_entities(self, source_key: str, target_key: str) -> Correction:
        """Fold entity ``source_key`` into ``target_key``."""
        return self._corrections_log.merge(source_key, target_key)

    def add_entity_alias(self, key: str, alias: str) -> Correction:
        """Make ``alias`` another name of ``key``."""
        return self._corrections_log.add_alias(key, alias)

    def change_entity_type(self, key: str, type_: str) -> Correction:
        """Change the type of ``key`` (person, place, organization, event, document)."""
        return self._corrections_log.change_type(key, type_)

    def hide_entity(self, key: str) -> Correction:
        """Drop ``key`` from every view: a false entity."""
        return self._corrections_log.hide(key)

    def unhide_entity(self, key: str) -> Correction:
        """Show a hidden entity again."""
        return self._corrections_log.unhide(key)

    def withdraw_correction(self, correction: Correction) -> bool:
        """Undo one correction; ``False`` if it was no longer there."""
        return self._corrections_log.remove(correction.id)

    def reapply_correction(self, correction: Correction) -> Correction:
        """Make a withdrawn correction again (redo); returns it as stored anew."""
        return self._corrections_log.reapply(correction)

    def entity_corrections(self) -> list[Correction]:
        """Every correction, oldest first."""
        return self._corrections_log.list()

    def timeline(self) -> list[MeetingEvent]:
        """The leaders' meetings, reported and mentioned, in date order."""
        from reader.core.analysis.meetings import build_timeline

        return build_timeline(self._store.analyses())

    # -- annotations ---------------------------------------------------------

    def annotate(
        self,
        doc_id: str,
        *,
        quote: str | None = None,
        start: int | None = None,
        end: int | None = None,
        note: str = "",
        tags: Sequence[str] = (),
        color: str | None = None,
    ) -> Annotation:
        """Anchor a new annotation on a quote (or a span) of an article."""
        doc = self.document(doc_id)
        return self._annotation_store.add(
            doc, quote=quote, start=start, end=end, note=note, tags=tuple(tags), color=color
        )

    def list_annotations(
        self, *, tag: str | None = None, doc_id: str | None = None, text: str | None = None
    ) -> list[Annotation]:
        """Annotations by article and position, orphaned ones last."""
        return self._annotation_store.find(tag=tag, doc_id=doc_id, text=text)

    def update_annotation(
        self,
        annotation_id: str,
        *,
        note: str | None = None,
        tags: Sequence[str] | None = None,
        color: str | None = None,
    ) -> Annotation:
        """Change the note, tags or colour; ``None`` leaves a field as it is."""
        return self._annotation_store.update(
            annotation_id, note=note, tags=None if tags is None else tuple(tags), color=color
        )

    def delete_annotation(self, annotation_id: str) -> Annotation:
        """Delete and return the annotation, so the caller can offer undo."""
        return self._annotation_store.delete(annotation_id)

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put back a deleted (or an earlier version of an edited) annotation."""
        return self._annotation_store.restore(annotation)

    def annotation_tags(self) -> list[str]:
        """Tags used so far, most used first (for completion)."""
        return self._annotation_store.tags()

    def export(
        self,
        fmt: str,
        *,
        tag: str | None = None,
        doc_id: str | None = None,
        query: str | None = None,
        text: str | None = None,
    ) -> str:
        """The annotated excerpts, filtered, in one of :data:`EXPORT_FORMATS`, as text."""
        from reader.core.annotations.export import export_annotations

        chosen = self.list_annotations(tag=tag, doc_id=doc_id, text=text)
        if query:
            matching = set(self._search_index.search_ids(query))
            chosen = [a for a in chosen if a.doc_id in matching]
        documents: dict[str, Document] = {}
        for doc_id_ in {a.doc_id for a in chosen}:
            try:
                documents[doc_id_] = self._store.get(doc_id_)
            except KeyError:
                continue  # an article since removed: its excerpts are still exported
        return export_annotations(chosen, documents, fmt)

    def export_to(
        self,
        path: str | os.PathLike[str],
        fmt: str,
        filters: ExportFilters = ExportFilters(),  # noqa: B008 (frozen, so shared safely)
    ) -> Path:
        """Write the export as the file ``path``, all of it or nothing; returns the path.

        The one way the faces write an export: UTF-8 (the CSV with its one
        byte-order mark and CRLF rows, as spreadsheets want), into a folder
        that exists. Raises :class:`~reader.core.annotations.formats.ExportError`
        with one line naming the file and the reason (a folder, a missing
        folder, a full disk).
        """
        text = self.export(
            fmt, tag=filters.tag, doc_id=filters.doc_id, query=filters.query, text=filters.text
        )
        return write_atomically(path, text.encode("utf-8"))

    def _reanchor_annotations(self) -> tuple[AnnotationChanges, str]:
        """Re-anchor annotations on articles whose cleaned text may have changed.

        Returns which annotations lost their passage, found it again or found
        it re-worded, for the update's report. A damaged annotation store must
        not stop the index (search and reading work without it): its message
        is returned for the report instead.
        """
        from reader.core.annotations.store import ReanchorReport, StoreError

        reports: list[ReanchorReport] = []
        try:
            store = self._annotation_store
            for doc_id in store.doc_ids():
                try:
                    doc = self._store.get(doc_id)
                except KeyError:
                    # The article left the corpus (removed, or its file deleted):
                    # its annotations wait for it as orphans, quotes kept.
                    reports.append(store.orphan_article_report(doc_id))
                    continue
                reports.append(store.reanchor(doc))
        except StoreError as error:
            return AnnotationChanges.from_reports(reports), f"Annotations not re-anchored: {error}"
        return AnnotationChanges.from_reports(reports), ""

    def annotation_backups(self) -> list[Backup]:
        """The good backups of the annotation store, newest first."""
        from reader.core.annotations.backup import good_backups

        return good_backups(self.paths.annotations_db)

    def restore_annotations(self, backup: str | os.PathLike[str] | None = None) -> Restored:
        """Put a backup of the annotations back (the newest good one by default).

        The file it replaces is kept aside, never deleted.
        """
        from reader.core.annotations.backup import restore_backup

        if self._annotations is not None:
            self._annotations.close()
            self._annotations = None
        return restore_backup(
            self.paths.annotations_db, Path(backup) if backup is not None else None
        )


def _manifest_for(path: Path) -> dict[str, Any] | None:
    """The bundled-style manifest entry for a file inside a corpus's ``articles/``."""
    try:
        folder = path.resolve().parent
    except (OSError, RuntimeError):  # a symlink loop: the read that follows says so
        return None
    if folder.name != corpus_files.ARTICLES_DIR:
        return None
    entries = corpus_files.load_manifest(folder.parent)
    entry = entries.get(corpus_files.source_id(path))
    return entry if isinstance(entry, dict) else None


def clean_paths(paths: Sequence[Path]) -> list[Document | ReaderError]:
    """Clean each file on its own; a file that cannot be read gives its error in place."""
    from reader.core.clean import clean_file

    results: list[Document | ReaderError] = []
    for path in paths:
        try:
            results.append(clean_file(path, manifest=_manifest_for(path)))
        except DocumentError as error:
            results.append(error)
        except OSError as error:
            results.append(DocumentError(str(path), error.strerror or str(error)))
    return results
