"""The ``corpus-reader`` command: the engine, headless, for scripting and for tests.

Every command reaches the engine through :class:`reader.core.library.Library`,
exactly as the window does. Errors are one line on stderr naming what failed;
the exit status is 0 when all went well, 1 when some item failed (a bad file,
an unknown article) and 2 for a usage error or a malformed query. This module
never imports the window: ``gui``, ``screenshot`` and ``--smoke-test`` are
parsed here and run by what :mod:`reader.app` passes in (:class:`WindowModes`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reader import __version__
from reader.core.model import ReaderError

if TYPE_CHECKING:
    from reader.core.analysis.meetings.model import MeetingEvent
    from reader.core.annotations.store import Annotation
    from reader.core.model import SearchResult
    from reader.core.reports import IngestReport

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class CommandFailed(Exception):
    """Raised by a command to end with a given status after printing its own messages."""

    def __init__(self, status: int = EXIT_FAILED) -> None:
        super().__init__(status)
        self.status = status


# Control characters a terminal would obey: C0 (ESC starts a sequence that can
# retitle, clear or rewrite the screen; BEL rings), DEL and C1 (0x9b is CSI on
# 8-bit terminals). Text from documents never reaches a terminal with them.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Whole escape sequences go, not just their ESC: CSI (ESC [ … final byte, or the
# 8-bit 0x9b), OSC (ESC ] … BEL or ESC \) and two-character escapes.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"
)
# Lone surrogates: bytes of argv or of a file name that are not UTF-8.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _bytes_shown(text: str) -> str:
    """Undecodable bytes (surrogateescape) as ``\\xNN``, so printing never fails on them."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _plain(text: str, keep: str = "\n\t") -> str:
    """Document text for a terminal: control characters dropped, except those in ``keep``."""
    text = _SEQUENCE.sub("", _bytes_shown(text))
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else "", text)


def _visible(text: str) -> str:
    """A message as one line: every control character (a newline too) shown as an escape."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{ord(char):02x}")

    return _CONTROL.sub(escape, _bytes_shown(text))


def _err(message: str) -> None:
    print(f"corpus-reader: {_visible(message)}", file=sys.stderr)


def _say(text: str = "") -> None:
    """One line of results on stdout, with the document text in it made terminal-safe."""
    print(_plain(text))


def _json_text(data: Any) -> str:
    """JSON whose every character is safe on a terminal and which decodes to ``data``.

    ``json`` already escapes C0; DEL, C1 and lone surrogates are escaped here too.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return re.sub(r"[\x7f-\x9f\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text)


def _print_json(data: Any, out: TextIO | None = None) -> None:
    (out or sys.stdout).write(_json_text(data) + "\n")


def _answer(args: argparse.Namespace, data: Any, lines: Iterable[str]) -> None:
    """A command's answer on stdout: ``data`` as JSON with ``--json``, else ``lines`` for a person.

    ``lines`` is best a generator: it is only run when the text is wanted.
    """
    if args.json:
        _print_json(data)
    else:
        for line in lines:
            _say(line)


def _progress_printer(args: argparse.Namespace) -> Callable[[int, int, str], None]:
    """Progress on stderr when asked for: ``-v`` for people, ``--progress-json`` for programs.

    The JSON form (one object per line: done, total, message) is what the
    window reads when it runs an index update in a child process.
    """

    def report(done: int, total: int, message: str = "") -> None:
        if args.progress_json:
            line = json.dumps({"done": done, "total": total, "message": message})
            print(line, file=sys.stderr, flush=True)
        elif args.verbose:
            print(f"  [{done}/{total}] {_visible(message)}", file=sys.stderr)

    return report


def _open_library(args: argparse.Namespace) -> Any:
    from reader.core.library import Library

    return Library.open(data_dir=args.data_dir, corpus_dir=args.corpus)


# Commands that read entities finish this many pending analyses themselves
# (a few seconds); more are left to `analyse` or the window, and counted.
QUICK_ANALYSIS = 50


def _ensure_index(lib: Any, args: argparse.Namespace, *, analyse: bool = False) -> None:
    """Bring the index up to date before a command that reads it.

    A reader never waits for another instance's update: the index and the
    cache are read as that instance last committed them. With ``analyse``,
    a handful of articles still pending entity analysis are analysed too; a
    larger backlog is left to ``analyse`` or the window (``entities`` says
    how many wait).
    """
    from reader.core.ingest import IndexBusy

    try:
        report = lib.update_index(progress=_progress_printer(args), lock_timeout=0, analyse=False)
    except IndexBusy:
        if lib.needs_index():
            raise
        print("another instance is updating the index: reading it as last saved", file=sys.stderr)
        return
    if analyse and 0 < lib.analysis_pending() <= QUICK_ANALYSIS:
        report.messages.extend(lib.analyse_pending(progress=_progress_printer(args)).messages)
    for message in report.messages:
        print(_visible(message), file=sys.stderr)
    for failure in report.failures:
        _err(str(failure))


# -- commands ---------------------------------------------------------------


def cmd_clean(args: argparse.Namespace) -> int:
    from reader.core.library import clean_paths

    results = clean_paths([Path(p) for p in args.files])
    failed = 0
    docs = []
    for item in results:
        if isinstance(item, ReaderError):
            _err(str(item))
            failed += 1
        else:
            docs.append(item)
    if args.text:
        sys.stdout.write(_plain("\n\f\n".join(doc.body_text for doc in docs), keep="\n\t\f"))
        if docs:
            sys.stdout.write("\n")
    else:
        _print_json([doc.to_json() for doc in docs])
    return EXIT_FAILED if failed else EXIT_OK


def cmd_index(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    with lib:
        report = lib.update_index(progress=_progress_printer(args), analyse=not args.no_analyse)
    for failure in report.failures:
        _err(str(failure))
    _answer(args, report.to_json(), _index_lines(report))
    return EXIT_FAILED if report.failures else EXIT_OK


def _index_lines(report: IngestReport) -> Iterator[str]:
    yield from report.messages
    yield report.summary()
    # A line for each kind of annotation change, then each orphan's quote, article and id.
    changes = report.annotations
    yield from changes.lines()
    for orphan in changes.orphaned:
        yield f"  orphaned: {orphan.short_quote()} in {orphan.doc_id} [{orphan.id}]"


def cmd_search(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    with lib:
        _ensure_index(lib, args)
        result = lib.search(args.query, limit=args.limit)
    _answer(args, result.to_json(), _search_lines(result, args.query))
    return EXIT_OK


def _search_lines(result: SearchResult, query: str) -> Iterator[str]:
    from reader.core.library import display_title

    if not result.hits:
        yield f"No articles match {query!r}."
        return
    yield f"{result.total} article(s) match {query!r}:"
    for rank, hit in enumerate(result.hits, 1):
        date = hit.published or "undated"
        yield f"{rank:>3}. {display_title(hit)}  [{hit.id}]"
        yield f"     {hit.publisher or 'unknown publisher'}, {date}; {hit.hit_count} hit(s)"
        if hit.snippet:
            yield f"     {hit.snippet}"


def cmd_entities(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    with lib:
        _ensure_index(lib, args, analyse=True)
        entities = lib.entities(args.doc_id, with_mentions=args.json)
        pending = lib.analysis_pending()
        note = lib.analysis_note(args.doc_id) if args.doc_id else ""
        status = lib.entity_model_status()
    if pending:
        # On stderr with --json, so the list stays machine-readable.
        print(
            f"{pending} article(s) still pending entity analysis; "
            "run `corpus-reader analyse` to finish them now.",
            file=sys.stderr if args.json else sys.stdout,
        )
    if args.json:
        _print_json([e.to_json() for e in entities])
        return EXIT_OK
    print(status.message)
    if note:
        print(note)
    elif not entities:
        print("No entities found.")
    for entity in entities:
        kind = "known" if entity.known else "discovered"
        _say(f"{entity.type:<12} {entity.name}  ({entity.mention_count} mentions, {kind})")
    return EXIT_OK


def cmd_analyse(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    with lib:
        _ensure_index(lib, args, analyse=False)
        report = lib.analyse_pending(progress=_progress_printer(args), limit=args.limit)
    for message in report.messages:
        _err(message)
    if args.json:
        _print_json(report.to_json())
    else:
        print(report.model)
        print(report.summary())
    return EXIT_FAILED if report.failed else EXIT_OK


def cmd_timeline(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    with lib:
        _ensure_index(lib, args, analyse=True)
        events = lib.timeline()
    _answer(args, [e.to_json() for e in events], _timeline_lines(events))
    return EXIT_OK


def _timeline_lines(events: Sequence[MeetingEvent]) -> Iterator[str]:
    for event in events:
        ordinal = f", meeting no. {event.ordinal}" if event.ordinal else ""
        docs = ", ".join(event.documents)
        who = f" ({event.level}: {', '.join(event.participant_names)})" if event.level else ""
        when = event.date or "undated"
        yield f"{when:<10}  {event.kind:<9} {event.title}{ordinal}{who}  [{docs}]"


def cmd_import(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    with lib:
        report = lib.import_paths(
            [Path(p) for p in args.paths],
            progress=_progress_printer(args),
            analyse=not args.no_analyse,
        )
    for failure in report.failures:
        _err(str(failure))
    _answer(args, report.to_json(), [report.summary()])
    return EXIT_FAILED if report.failures else EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    with lib:
        result = lib.remove(args.doc_ids, progress=_progress_printer(args))
    for line in result.refused:
        _err(line)
    _answer(args, result.to_json(), [*(f"removed {i}" for i in result.removed), result.summary()])
    return EXIT_FAILED if result.refused else EXIT_OK


def cmd_annotate(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    with lib:
        # The store first: one it cannot use is the one line to print, not an index report.
        lib.open_annotations()
        _ensure_index(lib, args)
        annotation = lib.annotate(
            args.doc_id, quote=args.quote, note=args.note or "", tags=args.tag, color=args.color
        )
    said = f"Annotated {args.doc_id} at {annotation.start}-{annotation.end}: {annotation.id}"
    _answer(args, annotation.to_json(), [said])
    return EXIT_OK


def cmd_annotations(args: argparse.Namespace) -> int:
    if args.action == "restore":
        return _restore_annotations(args)
    if args.action == "backups":
        return _list_backups(args)
    if args.backup is not None:
        raise ReaderError(f"annotations: unexpected argument {args.backup!r}")
    lib = _open_library(args)
    with lib:
        annotations = lib.list_annotations(tag=args.tag, doc_id=args.doc)
    _answer(args, [a.to_json() for a in annotations], _annotation_lines(annotations))
    return EXIT_OK


def _annotation_lines(annotations: Sequence[Annotation]) -> Iterator[str]:
    for a in annotations:
        state = " (orphaned)" if a.orphaned else ""
        tags = f"  #{' #'.join(a.tags)}" if a.tags else ""
        yield f"{a.id}  {a.doc_id}{state}: “{a.quote}”{tags}"
        if a.note:
            yield f"    {a.note}"


def _restore_annotations(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    with lib:
        restored = lib.restore_annotations(args.backup)
    data = {
        "backup": restored.backup.to_json(),
        "set_aside": str(restored.set_aside) if restored.set_aside else None,
    }
    _answer(args, data, [restored.summary()])
    return EXIT_OK


def _list_backups(args: argparse.Namespace) -> int:
    lib = _open_library(args)
    with lib:
        backups = lib.annotation_backups()
    lines = [f"{b.path}  ({b.describe()})" for b in backups]
    _answer(args, [b.to_json() for b in backups], lines or ["No backups of the annotations yet."])
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from reader.core.library import ExportFilters

    filters = ExportFilters(tag=args.tag, doc_id=args.doc, query=args.query)
    lib = _open_library(args)
    with lib:
        if args.query:
            _ensure_index(lib, args)
        if args.out:
            written = lib.export_to(args.out, args.format, filters)
            _say(f"Wrote {written}")
            return EXIT_OK
        text = lib.export(args.format, tag=filters.tag, doc_id=filters.doc_id, query=filters.query)
    # The export's own line ends (CSV uses CRLF) are kept; nothing else a terminal obeys.
    sys.stdout.write(_plain(text, keep="\n\r\t"))
    return EXIT_OK


# -- the window's modes ----------------------------------------------------------


@dataclass(frozen=True)
class WindowModes:
    """What ``gui``, ``screenshot`` and ``--smoke-test`` run: given by :mod:`reader.app`.

    The command line knows nothing of the window; the launcher that has one
    passes these in (see :func:`reader.app.main`). Each takes the parsed
    arguments and returns the exit status.
    """

    gui: Callable[[argparse.Namespace], int]
    screenshot: Callable[[argparse.Namespace], int]
    smoke_test: Callable[[argparse.Namespace], int]


def _no_window(args: argparse.Namespace) -> int:
    _err("the window is not part of this entry point; run corpus-reader")
    return EXIT_USAGE


HEADLESS = WindowModes(gui=_no_window, screenshot=_no_window, smoke_test=_no_window)


# -- parser -----------------------------------------------------------------


def _common(json_flag: bool = True) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder for the per-user data, cache and config (default: the platform's folders)",
    )
    parent.add_argument(
        "--corpus",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="corpus folder to read (default: the bundled corpus); imported documents are added",
    )
    parent.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="print progress"
    )
    parent.add_argument(
        "--progress-json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print progress on stderr as one JSON object per line",
    )
    if json_flag:
        parent.add_argument(
            "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
        )
    return parent


def _export_format_names() -> tuple[str, ...]:
    from reader.core.annotations.formats import FORMAT_NAMES

    return FORMAT_NAMES


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="corpus-reader",
        description="Read, search, link and annotate a corpus of news reporting.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"corpus-reader {__version__}")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="open the window offscreen, search, open a hit; exit 0 if all of it worked",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", parents=[_common(False)], help="open the window (the default)")
    p.set_defaults(mode="gui")

    p = sub.add_parser("clean", parents=[common], help="print cleaned documents")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--text", action="store_true", help="print only the body text")
    p.set_defaults(func=cmd_clean)

    p = sub.add_parser("index", parents=[common], help="build or update the index")
    p.add_argument(
        "--no-analyse",
        action="store_true",
        help="index only; leave entity analysis pending (for `corpus-reader analyse`)",
    )
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", parents=[common], help="search the corpus")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("entities", parents=[common], help="people, places, organisations…")
    p.add_argument("doc_id", nargs="?", metavar="DOC_ID")
    p.set_defaults(func=cmd_entities)

    p = sub.add_parser(
        "analyse", parents=[common], help="find the entities of articles still pending"
    )
    p.add_argument("--limit", type=int, default=None, help="at most this many articles")
    p.set_defaults(func=cmd_analyse)

    p = sub.add_parser("timeline", parents=[common], help="the leaders' meetings in date order")
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("import", parents=[common], help="add files or folders to the corpus")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--no-analyse",
        action="store_true",
        help="index only; leave entity analysis pending (for `corpus-reader analyse`)",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser(
        "remove",
        parents=[common],
        help="take imported articles out (their annotations stay, as orphans)",
    )
    p.add_argument("doc_ids", nargs="+", metavar="DOC_ID")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("annotate", parents=[common], help="annotate a passage of an article")
    p.add_argument("doc_id", metavar="DOC_ID")
    p.add_argument("--quote", required=True, metavar="TEXT", help="the exact passage")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--tag", action="append", default=[], metavar="TAG")
    p.add_argument("--color", metavar="COLOR", help="e.g. #ffd54f or yellow")
    p.set_defaults(func=cmd_annotate)

    p = sub.add_parser(
        "annotations",
        parents=[common],
        help="list annotations; `annotations backups` lists backups, `annotations restore` "
        "puts the newest good one (or BACKUP) back",
    )
    p.add_argument("action", nargs="?", choices=("restore", "backups"), metavar="ACTION")
    p.add_argument("backup", nargs="?", metavar="BACKUP")
    p.add_argument("--tag", metavar="TAG")
    p.add_argument("--doc", metavar="DOC_ID")
    p.set_defaults(func=cmd_annotations)

    p = sub.add_parser("export", parents=[common], help="export annotated excerpts")
    p.add_argument("--format", required=True, choices=_export_format_names())
    p.add_argument("--out", metavar="FILE", help="the file to write (its folder must exist)")
    p.add_argument("--tag", metavar="TAG")
    p.add_argument("--doc", metavar="DOC_ID")
    p.add_argument("--query", metavar="Q", help="only excerpts of articles matching this search")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("screenshot", parents=[_common(False)], help="render the window to a PNG")
    p.add_argument("out", metavar="OUT.png")
    p.add_argument("--query", metavar="Q")
    p.add_argument("--doc", metavar="ID")
    p.add_argument("--entity", metavar="NAME", help="select this entity in the sidebar")
    p.add_argument("--size", metavar="WxH", help="window size, e.g. 1400x900")
    p.add_argument("--theme", choices=("light", "dark"), help="palette (default: the system's)")
    p.set_defaults(mode="screenshot")
    return parser


def _normalise(args: argparse.Namespace) -> argparse.Namespace:
    for name, default in (
        ("data_dir", None),
        ("corpus", None),
        ("json", False),
        ("verbose", False),
        ("progress_json", False),
    ):
        if not hasattr(args, name):
            setattr(args, name, default)
    return args


def main(argv: Sequence[str] | None = None, window: WindowModes = HEADLESS) -> int:
    """Run one command; ``window`` runs the modes that open the window (:class:`WindowModes`)."""
    if not sys.warnoptions:
        # A library's warning (BeautifulSoup guessing at XML, say) is not the
        # researcher's business: the command speaks in its own one-line messages.
        warnings.simplefilter("ignore")
    parser = build_parser()
    args = _normalise(parser.parse_args(argv))
    func: Callable[[argparse.Namespace], int]
    if args.smoke_test:
        func = window.smoke_test
    elif hasattr(args, "func"):
        func = args.func
    else:
        func = window.screenshot if getattr(args, "mode", "gui") == "screenshot" else window.gui
    try:
        _check_text_arguments(args)
        return func(args)
    except CommandFailed as stop:
        return stop.status
    except ReaderError as error:
        _err(str(error))
        from reader.core.model import QueryError

        return EXIT_USAGE if isinstance(error, QueryError) else EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as error:
        # A folder or file the system refuses (permissions, a full disk): name it and why.
        _err(_os_error_line(error))
        return EXIT_FAILED
    except Exception as error:  # a bug: one line for the user, the details in a log
        log = _write_crash_log(args.data_dir)
        where = f" (details in {log})" if log else ""
        _err(f"internal error: {error.__class__.__name__}: {error}{where}")
        return EXIT_FAILED


#: Arguments that are text the engine stores or searches (paths are left as the OS gave them).
_TEXT_ARGUMENTS = {
    "quote": "--quote",
    "note": "--note",
    "tag": "--tag",
    "color": "--color",
    "doc": "--doc",
    "doc_id": "DOC_ID",
    "doc_ids": "DOC_ID",
    "entity": "--entity",
}


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Refuse text arguments that are not UTF-8 (Python hands such bytes on as surrogates)."""
    names = dict(_TEXT_ARGUMENTS, query="--query" if args.command == "export" else "QUERY")
    for name, label in names.items():
        value = getattr(args, name, None)
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str):
                continue
            bad = _SURROGATE.search(item)
            if bad:
                byte = ord(bad.group()) - 0xDC00
                shown = f"byte 0x{byte:02x}" if 0x80 <= byte <= 0xFF else "a lone surrogate"
                raise ReaderError(
                    f"{label} '{_visible(item)}' is not valid UTF-8 text "
                    f"({shown} at character {bad.start() + 1}); check the terminal's encoding"
                )


def _os_error_line(error: OSError) -> str:
    reason = (error.strerror or str(error)).lower()
    names = [str(n) for n in (error.filename, error.filename2) if n]
    return f"{' -> '.join(names)}: {reason}" if names else reason


def _write_crash_log(data_dir: str | None) -> Path | None:
    """The traceback goes to a log in the cache folder; None if even that cannot be written."""
    from reader.core.paths import AppPaths

    try:
        paths = AppPaths.resolve(data_dir).ensure()
        log = paths.cache / "crash.log"
        with log.open("a", encoding="utf-8") as f:
            traceback.print_exc(file=f)
    except OSError:
        return None
    return log


if __name__ == "__main__":
    sys.exit(main())
