"""An emptied annotation store on the command line: refused, search still works, restored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

MOSCOW = "002_88f331eb946bdea1"
QUOTE = "Russian President Vladimir Putin"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_an_emptied_store_is_refused_search_goes_on_and_restore_brings_it_back(
    capsys: pytest.CaptureFixture[str], app_home: Path
) -> None:
    status, out, err = run(capsys, "annotate", MOSCOW, "--quote", QUOTE, "--note", "the host")
    assert status == 0, err
    db = app_home / "data" / "annotations.sqlite3"
    db.write_bytes(b"")  # what `: > annotations.sqlite3` does

    status, out, err = run(capsys, "annotations", "--json")
    assert status == 1 and out == ""
    [line] = err.splitlines()
    assert "annotations.sqlite3: the annotations file is empty (0 bytes)" in line
    assert "backups/annotations-" in line and "1 annotation," in line
    assert "corpus-reader annotations restore" in line
    assert db.stat().st_size == 0

    # Searching and reading do not need the annotations.
    status, out, err = run(capsys, "search", "Putin", "--json")
    assert status == 0, err
    assert json.loads(out)["total"] >= 1
    assert "Annotations not re-anchored" in err and "Traceback" not in err

    status, out, err = run(capsys, "annotations", "backups", "--json")
    assert status == 0 and json.loads(out)[0]["annotations"] == 1

    status, out, err = run(capsys, "annotations", "restore")
    assert status == 0, err
    assert out.startswith("Restored the annotations from ")
    [aside] = [p for p in db.parent.iterdir() if ".set-aside-" in p.name]
    assert aside.stat().st_size == 0  # kept, never deleted

    status, out, err = run(capsys, "annotations", "--json")
    assert status == 0, err
    [ann] = json.loads(out)
    assert (ann["doc_id"], ann["quote"], ann["note"]) == (MOSCOW, QUOTE, "the host")


def test_restore_with_no_backup_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "annotations", "restore")
    assert status == 1 and out == ""
    [line] = err.splitlines()
    assert "no good backup of the annotations to restore" in line


def test_restore_of_a_file_that_is_no_backup_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a backup", encoding="utf-8")
    status, _, err = run(capsys, "annotations", "restore", str(bogus))
    assert status == 1
    assert err.strip() == f"corpus-reader: {bogus}: not a readable backup of the annotations"
