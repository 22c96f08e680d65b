"""Index faults: the cache folder damaged in place, and the commands that must get past it.

Each fault is made in a freshly built index; then ``search``, ``index`` and
``search`` again are attacks: each ends cleanly, and the last finds every
article the corpus has (the index rebuilt itself from the corpus).
"""

from __future__ import annotations

import json
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_kit import Runner, Tally, attack


def _files(index: Path, pattern: str) -> list[Path]:
    return sorted(index.glob(pattern))


def _garble_keep_stat(path: Path) -> None:
    stat = path.stat()
    data = bytearray(path.read_bytes())
    rng = random.Random(path.name)
    for _ in range(max(1, len(data) // 50)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    path.write_bytes(bytes(data))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _stored(index: Path) -> None:
    for path in _files(index, "*.seg") or _files(index, "*_stored.col") or _files(index, "*"):
        _garble_keep_stat(path)


def _postings(index: Path) -> None:
    for path in _files(index, "*.pst") or _files(index, "*.seg"):
        _garble_keep_stat(path)


def _toc(index: Path) -> None:
    for path in _files(index, "_*.toc"):
        _garble_keep_stat(path)


def _truncate(index: Path) -> None:
    for path in index.iterdir():
        if path.is_file() and path.stat().st_size > 64:
            with path.open("r+b") as f:
                f.truncate(path.stat().st_size // 2)


def _empty_files(index: Path) -> None:
    for path in index.iterdir():
        if path.is_file():
            path.write_bytes(b"")


def _deleted(index: Path) -> None:
    shutil.rmtree(index)


def _file_in_its_place(index: Path) -> None:
    shutil.rmtree(index)
    index.write_text("not a folder", encoding="utf-8")


def _stale_lock(index: Path) -> None:
    (index / "MAIN_WRITELOCK").write_text("", encoding="utf-8")


def _junk_segment(index: Path) -> None:
    (index / "MAIN_junk123.seg").write_bytes(os.urandom(2048))


def _document_cache(index: Path) -> None:
    for path in index.parent.glob("*.sqlite3"):
        path.write_bytes(b"")


FAULTS: dict[str, Callable[[Path], None]] = {
    "garbled stored fields": _stored,
    "garbled postings": _postings,
    "garbled table of contents": _toc,
    "truncated files": _truncate,
    "emptied files": _empty_files,
    "deleted index": _deleted,
    "a file where the folder was": _file_in_its_place,
    "stale write lock": _stale_lock,
    "junk segment": _junk_segment,
    "emptied document cache": _document_cache,
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_an_index_fault(runner: Runner, tally: Tally, tmp_path: Path, fault: str) -> None:
    home = tmp_path / "home"
    base = ("--data-dir", str(home))
    assert runner.run(*base, "index").status == 0
    index = home / "cache" / "index"
    assert index.is_dir()
    FAULTS[fault](index)
    first = runner.run(*base, "search", "Putin", "--json")
    attack(tally, "index faults", f"{fault}: search", first, (0, 1))
    rebuilt = runner.run(*base, "index")
    attack(tally, "index faults", f"{fault}: index", rebuilt, (0, 1))
    last = runner.run(*base, "search", "Putin", "--json")
    if fault == "a file where the folder was":
        # Not the app's file to delete: a one-line refusal that says what to do.
        attack(tally, "index faults", f"{fault}: search again", last, (1,))
        assert "needs a folder there: move the file away" in last.err
        return
    attack(tally, "index faults", f"{fault}: search again", last, (0,))
    assert json.loads(last.out)["total"] == 5
