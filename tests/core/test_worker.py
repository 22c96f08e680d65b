"""The background worker: its command line, its JSON lines, the reports read back."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from reader.core.library import ImportResult, IngestReport, Library
from reader.core.location import LibraryLocation
from reader.core.paths import AppPaths, bundled_corpus_dir
from reader.core.worker import (
    WorkerError,
    read_event,
    run_in_process,
    worker_arguments,
    worker_program,
)

PROJECT = Path(__file__).resolve().parents[2]

NOTE = (
    "Trawler crews in Nemuro asked the fisheries agency on Tuesday for a quota"
    " review, saying the spring catch of walleye pollock had fallen for a third year.\n\n"
    "An agency spokeswoman, Hanae Kobori, said the request would be studied."
)


def _run_worker(arguments: list[str]) -> subprocess.CompletedProcess[str]:
    program, first = worker_program()
    return subprocess.run(
        [program, *first, *arguments],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=300,
        check=False,
    )


def test_a_location_round_trips_through_json_and_argv(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "k")
    location = LibraryLocation(paths, (tmp_path / "corpus", tmp_path / "-odd folder"))
    assert LibraryLocation.from_json(json.loads(json.dumps(location.to_json()))) == location
    assert LibraryLocation.from_argv(location.to_argv()) == location
    with pytest.raises(ValueError):
        LibraryLocation.from_argv(["--data", "x"])


def test_a_library_built_by_hand_is_opened_by_the_worker_where_it_is(tmp_path: Path) -> None:
    # Folders that no --data-dir lays out: the worker still finds each one.
    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "k")
    library = Library(paths, [bundled_corpus_dir(), paths.imported_dir])
    with library:
        arguments = worker_arguments("index", library.location)
    result = _run_worker(arguments)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    events = [read_event("index", line) for line in lines]
    assert all(e is not None for e in events), lines  # nothing but events on stdout
    progress = [e for e in events if e is not None and e.kind == "progress"]
    assert progress and progress[-1].total >= 5
    final = events[-1]
    assert final is not None and final.kind == "result"
    assert isinstance(final.result, IngestReport) and final.result.added == 5
    with Library(paths, [bundled_corpus_dir(), paths.imported_dir]) as again:
        assert len(again.summaries()) == 5  # written where the window will read


def test_an_import_job_reads_back_as_an_import_result(tmp_path: Path) -> None:
    note = tmp_path / "-pollock quota.txt"  # a leading dash is still a path
    note.write_text(NOTE, encoding="utf-8")
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"\x00\x01\x02" * 50)
    with Library.open(tmp_path / "home") as library:
        arguments = worker_arguments("import", library.location, [str(note), str(bad)])
    result = _run_worker(arguments)
    assert result.returncode == 0, result.stderr
    final = read_event("import", result.stdout.splitlines()[-1])
    assert final is not None and isinstance(final.result, ImportResult)
    assert final.result.imported == [note.stem]
    assert [Path(f.path).name for f in final.result.failures] == ["scan.txt"]
    # The five bundled articles and the one imported.
    assert final.result.ingest is not None and final.result.ingest.added == 6


def test_a_failure_is_one_error_event_and_status_one(tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "d", tmp_path / "c", tmp_path / "k")
    location = LibraryLocation(paths, (tmp_path / "gone", paths.imported_dir))
    result = _run_worker(worker_arguments("index", location))
    assert result.returncode == 1
    event = read_event("index", result.stdout.strip())
    assert event is not None and event.kind == "error"
    assert event.message == f"corpus folder not found: {tmp_path / 'gone'}"


def test_an_unknown_job_is_refused_on_both_sides(tmp_path: Path) -> None:
    with pytest.raises(WorkerError, match="no background job called 'tidy'"):
        worker_arguments("tidy", LibraryLocation.resolve(tmp_path))
    result = _run_worker(["tidy", *LibraryLocation.resolve(tmp_path).to_argv()])
    assert result.returncode == 2
    assert "tidy" in result.stdout


def test_a_report_the_asker_cannot_read_is_a_worker_error() -> None:
    line = json.dumps({"event": "result", "job": "index", "data": {"added": "many"}})
    with pytest.raises(WorkerError, match="the index report could not be read"):
        read_event("index", line)
    assert read_event("index", "Traceback (most recent call last):") is None


def test_in_process_gives_the_same_report(tmp_path: Path) -> None:
    with Library.open(tmp_path / "home") as library:
        report = run_in_process("index", library)
    assert isinstance(report, IngestReport) and report.added == 5
