"""Finding the articles of a corpus, and importing new ones into it.

A corpus is one or more folders. The bundled corpus has ``articles/`` and a
``manifest.json`` of facts the scraper lost, keyed by article id; imported
documents live flat in ``AppPaths.imported_dir`` and need no manifest. An
article's id is its file name without suffixes (``x.html.gz`` -> ``x``).

Import copies files in rather than pointing at them, so the researcher's
corpus never depends on a download folder staying put; each file is cleaned
once first, so a file that cannot be read is refused with one line saying
why instead of failing at every later index update. The documents cleaned
there are handed on (:attr:`ImportReport.cleaned`) for the index update
that follows, so a file is not cleaned twice: on a 20 MB article that was
a third of the import.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.files import not_regular_reason, open_regular
from reader.core.model import Document, DocumentError
from reader.core.progress import Progress, no_progress

MANIFEST_NAME = "manifest.json"
ARTICLES_DIR = "articles"
# Outer suffixes that wrap another format; the id drops both layers.
_WRAPPER_SUFFIXES = (".gz", ".bz2", ".xz")

CleanFunction = Callable[..., Document]

# At most this much body text of imported documents is kept for the index
# update (a few hundred megabytes of memory at worst); past it, the update
# cleans the rest again.
KEEP_CLEANED_CHARS = 64_000_000


@dataclass(frozen=True)
class Source:
    """One article file of the corpus, as found on disk (nothing read yet)."""

    id: str
    path: Path
    size: int
    mtime_ns: int
    manifest: dict[str, Any] | None = None


@dataclass(frozen=True)
class Cleaned:
    """A document cleaned from the file at ``path`` when it had this size and mtime."""

    size: int
    mtime_ns: int
    doc: Document


def path_key(path: str | os.PathLike[str]) -> str:
    """One spelling of a path, to find a :class:`Cleaned` document by its file."""
    return os.path.normcase(os.path.abspath(path))


@dataclass
class ImportReport:
    """What an import did: ids copied in, files already present, files refused.

    ``cleaned`` holds the documents cleaned on the way, by :func:`path_key`
    of the copy, for :func:`reader.core.ingest.ingest` to use instead of
    cleaning the copies again.
    """

    imported: list[str] = field(default_factory=list)
    already_present: list[str] = field(default_factory=list)
    failures: list[DocumentError] = field(default_factory=list)
    cleaned: dict[str, Cleaned] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


def source_id(path: Path) -> str:
    """The article id a file name gives: the name without its suffixes."""
    name = path.name
    lower = name.lower()
    for wrapper in _WRAPPER_SUFFIXES:
        if lower.endswith(wrapper) and len(name) > len(wrapper):
            name = name[: -len(wrapper)]
            break
    stem = Path(name).stem
    return _utf8_safe(stem or name)


def _utf8_safe(name: str) -> str:
    """``name`` with bytes that are not UTF-8 (surrogate-escaped) spelt ``%E9``.

    Ids and file names are stored as text (SQLite, JSON): an undecodable byte in
    a file name must not reach them, or no later index could be written.
    """
    if not any("\udc80" <= c <= "\udcff" for c in name):
        return name
    return "".join(f"%{ord(c) - 0xDC00:02X}" if "\udc80" <= c <= "\udcff" else c for c in name)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.startswith("~$") or name.endswith("~")


def load_manifest(folder: Path) -> dict[str, Any]:
    """The manifest entries of a bundled-style corpus folder, keyed by article id ({} if none)."""
    try:
        with open_regular(folder / MANIFEST_NAME) as handle:
            data = json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError, DocumentError):
        return {}
    articles = data.get("articles") if isinstance(data, dict) else None
    return articles if isinstance(articles, dict) else {}


def _files_of(folder: Path) -> Iterable[os.DirEntry[str]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    return [e for e in entries if not _hidden(e.name) and e.is_file()]


def _unique_id(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def discover(corpus_dirs: Sequence[str | os.PathLike[str]]) -> list[Source]:
    """Every article file in the corpus folders, in a stable order.

    A folder with an ``articles/`` subfolder is read as a bundled-style
    corpus with its manifest; any other folder is read flat. Hidden files
    are skipped. When two files give the same id, the later one (folder
    order, then name order) gets ``-2``, ``-3``..., so ids stay stable as
    long as the folders do.
    """
    sources: list[Source] = []
    taken: set[str] = set()
    for raw in corpus_dirs:
        folder = Path(raw)
        manifest: dict[str, Any] = {}
        if (folder / ARTICLES_DIR).is_dir():
            manifest = load_manifest(folder)
            folder = folder / ARTICLES_DIR
        for entry in _files_of(folder):
            if _utf8_safe(entry.path) != entry.path:
                continue  # a name that is not UTF-8 cannot be stored; import gives it one
            stat = entry.stat()
            base = source_id(Path(entry.name))
            doc_id = _unique_id(base, taken)
            taken.add(doc_id)
            facts = manifest.get(base)
            sources.append(
                Source(
                    id=doc_id,
                    path=Path(entry.path),
                    size=stat.st_size,
                    mtime_ns=stat.st_mtime_ns,
                    manifest=facts if isinstance(facts, dict) else None,
                )
            )
    return sources


def file_sha256(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with open_regular(path) as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _expand(paths: Iterable[str | os.PathLike[str]]) -> Iterable[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not _hidden(d))
                for name in sorted(files):
                    if not _hidden(name):
                        yield Path(root) / name
        else:
            yield path


def _default_clean() -> CleanFunction:
    from reader.core.clean import clean_file

    return clean_file


def import_paths(
    paths: Iterable[str | os.PathLike[str]],
    dest_dir: str | os.PathLike[str],
    *,
    clean: CleanFunction | None = None,
    progress: Progress = no_progress,
) -> ImportReport:
    """Copy article files (folders are searched recursively) into ``dest_dir``.

    Each file is cleaned first to prove it is an article; one that cannot
    be gives one :class:`DocumentError` in the report and the rest go on. A
    file identical to one already imported is skipped; a different file
    with a name already taken gets a suffixed id. Copies are written to a
    temporary file and renamed, so a crash never leaves half a document.
    """
    clean_fn = clean or _default_clean()
    dest = Path(dest_dir)
    dest.mkdir(parents=True, exist_ok=True)
    report = ImportReport()
    files = list(_expand(paths))
    existing = {source_id(Path(e.name)): Path(e.path) for e in _files_of(dest)}
    kept = 0
    for done, path in enumerate(files):
        progress(done, len(files), f"Importing {path.name}")
        try:
            doc_id = _import_one(path, dest, existing, clean_fn, report.cleaned)
        except DocumentError as err:
            report.failures.append(err)
            continue
        except OSError as exc:  # permission denied, a full disk: the reason, in words
            reason = (exc.strerror or str(exc)).lower()
            if exc.filename and os.fspath(exc.filename) != os.fspath(path):
                reason += f" ({os.fsdecode(exc.filename)})"  # the folder copied to, say
            report.failures.append(DocumentError(str(path), reason))
            continue
        except Exception as exc:  # never let one odd file stop the batch
            report.failures.append(DocumentError(str(path), f"cannot be imported ({exc})"))
            continue
        if doc_id.startswith("="):
            report.already_present.append(doc_id[1:])
        else:
            report.imported.append(doc_id)
            kept = _within_budget(report.cleaned, kept, existing[doc_id])
    progress(len(files), len(files), "Import finished")
    return report


def _within_budget(cleaned: dict[str, Cleaned], kept: int, target: Path) -> int:
    """The body text kept so far, with the newest document dropped if it goes over budget."""
    key = path_key(target)
    entry = cleaned.get(key)
    if entry is None:
        return kept
    size = len(entry.doc.body_text)
    if kept + size > KEEP_CLEANED_CHARS:
        del cleaned[key]
        return kept
    return kept + size


def _import_one(
    path: Path,
    dest: Path,
    existing: dict[str, Path],
    clean: CleanFunction,
    cleaned: dict[str, Cleaned],
) -> str:
    """Import one file; returns its id, prefixed with '=' if it was already there.

    The document cleaned from it goes into ``cleaned``, by the copy's path.
    """
    if not path.is_file():
        if not path.exists():
            raise DocumentError(str(path), "not found")
        raise DocumentError(
            str(path), not_regular_reason(path.stat().st_mode) or "not a regular file"
        )
    base = source_id(path)
    digest = file_sha256(path)
    # Same content under the same (or a suffixed) id: nothing to do.
    candidate, n = base, 1
    while candidate in existing:
        if file_sha256(existing[candidate]) == digest:
            return "=" + candidate
        n += 1
        candidate = f"{base}-{n}"
    doc = clean(path, doc_id=candidate)  # raises DocumentError for anything unreadable
    name = _utf8_safe(path.name)
    suffixes = name[len(base) :] if name.startswith(base) else _utf8_safe(path.suffix)
    target = dest / f"{candidate}{suffixes}"
    fd, tmp_name = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=dest)
    try:
        with os.fdopen(fd, "wb") as out, open_regular(path) as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            raise DocumentError(str(path), f"{target.name} appeared while importing; try again")
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp_name)
        raise
    existing[candidate] = target
    if isinstance(doc, Document):
        stat = target.stat()
        doc.source_path = str(target)  # as cleaning the copy would record it
        cleaned[path_key(target)] = Cleaned(stat.st_size, stat.st_mtime_ns, doc)
    return candidate
