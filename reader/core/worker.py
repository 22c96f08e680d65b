"""Background jobs in a process of their own: ``python -m reader.core.worker JOB ...``.

The window does its long writes (building the index, importing) here
rather than on a thread: Whoosh sorts its buffers in long C calls that hold
the GIL, which would freeze the window for a second or more; a process has
its own GIL. The worker knows nothing of the window or of the command line:
it opens the library at the :class:`~reader.core.location.LibraryLocation`
it is given, runs one job and says what happens as JSON lines on stdout::

    {"event": "progress", "done": 3, "total": 5, "message": "Indexing 003"}
    {"event": "result", "job": "index", "data": {...the report's to_json()...}}
    {"event": "error", "message": "corpus folder not found: /x"}

Exit status 0 after a result, 1 after an error, 2 for a command line it
cannot read. A job is a function registered with :func:`job` together with
the report type its result reads back into (one with ``to_json`` and
``from_json``, see :mod:`reader.core.reports`), so the process that asked
gets the same types as if it had done the work itself — which is what
:func:`run_in_process` does, for tests and for callers without a child.

Command line: ``JOB --data DIR --cache DIR --config DIR --corpus-dir DIR...
[-- ARGUMENT...]``, as :func:`worker_arguments` writes it; a frozen build
runs the same with its executable and ``--worker`` in front
(see :func:`worker_program`).
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from reader.core.location import LibraryLocation
from reader.core.model import ReaderError
from reader.core.progress import Progress, no_progress
from reader.core.reports import ImportResult, IngestReport

if TYPE_CHECKING:
    from reader.core.library import Library

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

# The first argument of a frozen build's executable that makes it a worker.
FROZEN_WORKER_FLAG = "--worker"


class Report(Protocol):
    """What a job returns: a report with a JSON form."""

    def to_json(self) -> dict[str, Any]: ...


JobFunction = Callable[["Library", Sequence[str], Progress], Report]
Decoder = Callable[[dict[str, Any]], Any]


@dataclass(frozen=True)
class Job:
    """One kind of background work: the function, and how its report reads back."""

    name: str
    run: JobFunction
    decode: Decoder


JOBS: dict[str, Job] = {}


def job(name: str, decode: Decoder) -> Callable[[JobFunction], JobFunction]:
    """Register ``fn(library, arguments, progress) -> report`` as the job ``name``."""

    def register(fn: JobFunction) -> JobFunction:
        JOBS[name] = Job(name, fn, decode)
        return fn

    return register


class WorkerError(ReaderError):
    """A job failed, could not start or said something unreadable; one line for the user."""


# -- the jobs ----------------------------------------------------------------


@job("index", IngestReport.from_json)
def _index(library: Library, arguments: Sequence[str], progress: Progress) -> IngestReport:
    """Bring the cache and the index up to date with the corpus folders.

    New articles are left pending entity analysis (the "analyse" job), so the
    window can search them as soon as this job ends.
    """
    return library.update_index(progress, analyse=False)


@job("import", ImportResult.from_json)
def _import(library: Library, arguments: Sequence[str], progress: Progress) -> ImportResult:
    """Copy the files or folders named in ``arguments`` into the corpus and index them."""
    return library.import_paths([Path(p) for p in arguments], progress, analyse=False)


def _analysis_report(data: dict[str, Any]) -> Report:
    # Imported when a report arrives: the index and import jobs never load
    # the analysis code (nor, through it, the name model).
    from reader.core.analysis.queue import AnalysisReport

    return AnalysisReport.from_json(data)


@job("analyse", _analysis_report)
def _analyse(library: Library, arguments: Sequence[str], progress: Progress) -> Report:
    """Find the entities and meetings of every article still pending, each committed
    as it is done (a killed worker loses only the article in progress)."""
    return library.analyse_pending(progress)


# -- the asking side -----------------------------------------------------------


def find_job(name: str) -> Job:
    try:
        return JOBS[name]
    except KeyError:
        raise WorkerError(f"no background job called {name!r}") from None


def worker_program() -> tuple[str, list[str]]:
    """The program and the first arguments that start a worker.

    From source it is this interpreter with ``-m reader.core.worker``; a
    frozen build's executable takes :data:`FROZEN_WORKER_FLAG` instead.
    """
    if getattr(sys, "frozen", False):
        return sys.executable, [FROZEN_WORKER_FLAG]
    return sys.executable, ["-m", "reader.core.worker"]


def worker_arguments(
    name: str, location: LibraryLocation, arguments: Sequence[str] = ()
) -> list[str]:
    """The worker's command line (after :func:`worker_program`) for one job."""
    find_job(name)
    # After "--" an argument that starts with a dash is still an argument.
    return [name, *location.to_argv(), "--", *arguments]


@dataclass(frozen=True)
class Event:
    """One line of a worker's output, read back.

    ``kind`` is "progress" (``done``, ``total``, ``message``), "result"
    (``result``: the decoded report) or "error" (``message``).
    """

    kind: str
    done: int = 0
    total: int = 0
    message: str = ""
    result: Any = None


def read_event(name: str, line: str) -> Event | None:
    """The event of one stdout line of job ``name``; None for a line that is not one.

    Raises :class:`WorkerError` for a result the job's report type cannot read.
    """
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    kind = data.get("event")
    if kind == "progress":
        try:
            done, total = int(data["done"]), int(data["total"])
        except (KeyError, TypeError, ValueError):
            return None
        return Event("progress", done, total, str(data.get("message", "")))
    if kind == "result":
        try:
            return Event("result", result=find_job(name).decode(data["data"]))
        except WorkerError:
            raise
        except Exception as error:  # a report this side cannot read
            raise WorkerError(f"the {name} report could not be read: {error}") from None
    if kind == "error":
        return Event("error", message=str(data.get("message", "")))
    return None


def run_in_process(
    name: str, library: Library, arguments: Sequence[str] = (), progress: Progress = no_progress
) -> Any:
    """Do job ``name`` here, on ``library``: the same report as from a worker."""
    return find_job(name).run(library, list(arguments), progress)


# -- the worker ------------------------------------------------------------------


class _Output:
    """Writes the worker's events, one JSON object a line, flushed at once."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def emit(self, event: str, **fields: Any) -> None:
        self._stream.write(json.dumps({"event": event, **fields}, ensure_ascii=False) + "\n")
        self._stream.flush()

    def progress(self, done: int, total: int, message: str = "") -> None:
        self.emit("progress", done=int(done), total=int(total), message=str(message))


def _parse(argv: Sequence[str]) -> tuple[str, LibraryLocation, list[str]]:
    argv = list(argv)
    if "--" in argv:
        cut = argv.index("--")
        head, arguments = argv[:cut], argv[cut + 1 :]
    else:
        head, arguments = argv, []
    if not head:
        raise ValueError("no job named")
    name, *location = head
    find_job(name)
    return name, LibraryLocation.from_argv(location), arguments


def main(argv: Sequence[str] | None = None) -> int:
    """Run one job; its events on stdout, anything else said on stderr."""
    output = _Output(sys.stdout)
    # Nothing but events may reach stdout: whatever the job prints goes to stderr.
    saved, sys.stdout = sys.stdout, sys.stderr
    try:
        return _run(output, sys.argv[1:] if argv is None else argv)
    finally:
        sys.stdout = saved


def _run(output: _Output, argv: Sequence[str]) -> int:
    try:
        name, location, arguments = _parse(argv)
    except (ValueError, ReaderError) as error:
        output.emit("error", message=str(error))
        return EXIT_USAGE
    from reader.core.library import Library

    try:
        with Library.at(location) as library:
            report = run_in_process(name, library, arguments, output.progress)
        output.emit("result", job=name, data=report.to_json())
    except ReaderError as error:
        output.emit("error", message=str(error))
        return EXIT_FAILED
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        output.emit("error", message=f"{where}{error.strerror or error}")
        return EXIT_FAILED
    except Exception as error:  # a bug: one line for the window, the details on stderr
        traceback.print_exc(file=sys.stderr)
        output.emit("error", message=f"internal error: {error.__class__.__name__}: {error}")
        return EXIT_FAILED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
