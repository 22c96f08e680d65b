"""``export --out``: one way to write the file, and one line when it cannot be written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.annotations import formats
from reader.core.library import ExportFilters, Library

MOSCOW = "002_88f331eb946bdea1"
QUOTE = "it is very difficult to count on any progress"


@pytest.fixture
def annotated(app_home: Path) -> Path:
    with Library.open() as library:
        library.update_index()
        library.annotate(MOSCOW, quote=QUOTE, note="Lavrov's caveat", tags=["caveat"])
    return app_home


def _export(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["export", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_csv_file_has_exactly_one_byte_order_mark(
    annotated: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "excerpts.csv"
    status, said, err = _export(capsys, "--format", "csv", "--out", str(out))
    assert status == 0, err
    assert said == f"Wrote {out}\n"
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfannotation_id,")
    assert raw.count(b"\xef\xbb\xbf") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["excerpts.csv"]  # no partial file left


def test_the_command_line_and_the_library_write_the_same_bytes(
    annotated: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # CSV carries no time of export, so the two files can be compared whole.
    by_cli = tmp_path / "cli.csv"
    assert _export(capsys, "--format", "csv", "--out", str(by_cli))[0] == 0
    with Library.open() as library:
        by_lib = library.export_to(tmp_path / "lib.csv", "csv", ExportFilters(tag="caveat"))
    assert by_cli.read_bytes() == by_lib.read_bytes()


def test_a_folder_given_as_the_file_is_refused_in_one_line(
    annotated: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, said, err = _export(capsys, "--format", "markdown", "--out", str(tmp_path))
    assert status == 1 and said == ""
    assert err.startswith(f"corpus-reader: {tmp_path}: is a folder; name the file to write")
    assert err.count("\n") == 1


def test_a_missing_folder_is_named_and_not_made(
    annotated: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "drafts" / "chapter 3" / "excerpts.md"
    status, _, err = _export(capsys, "--format", "markdown", "--out", str(out))
    assert status == 1
    assert err == (
        f"corpus-reader: {out}: cannot write it, the folder {out.parent} does not exist\n"
    )
    assert not (tmp_path / "drafts").exists()


def test_a_full_disk_keeps_the_old_file_and_says_why(
    annotated: Path,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "excerpts.md"
    out.write_text("the export of last week\n", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(formats.os, "fsync", full)
    status, _, err = _export(capsys, "--format", "markdown", "--out", str(out))
    assert status == 1
    assert err == f"corpus-reader: {out}: could not be written: the disk is full\n"
    assert out.read_text(encoding="utf-8") == "the export of last week\n"
    assert [p.name for p in tmp_path.iterdir()] == ["excerpts.md"]
