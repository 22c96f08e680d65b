"""One clear line for what a researcher got wrong or the system refused; never "internal error"."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.core import files as files_module
from reader.core.annotations import store as store_module

ROOT = Path(__file__).resolve().parents[2]
MOSCOW = "002_88f331eb946bdea1"
QUOTE = "Russian President Vladimir Putin"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("corpus-reader: ")
    assert "internal error" not in lines[0] and "Traceback" not in err
    return lines[0]


def test_a_note_that_is_not_utf8_is_refused_by_name(tmp_path: Path) -> None:
    # As a shell hands it over from a Latin-1 terminal: the bytes, not text.
    env = dict(os.environ, PYTHONPATH=str(ROOT), LC_ALL="C.UTF-8")
    argv = [
        sys.executable.encode(),
        b"-m",
        b"reader.cli",
        b"--data-dir",
        os.fsencode(tmp_path / "home"),
        b"annotate",
        MOSCOW.encode(),
        b"--quote",
        QUOTE.encode(),
        b"--note",
        b"caf\xe9 au lait",
    ]
    done = subprocess.run(argv, capture_output=True, env=env, timeout=60, cwd=ROOT)
    assert done.returncode == 1
    line = one_line(done.stderr.decode())
    assert "--note 'caf\\xe9 au lait' is not valid UTF-8 text (byte 0xe9 at character 4)" in line
    assert done.stdout == b""


@pytest.mark.parametrize(
    ("argv", "label"),
    [
        (("annotate", MOSCOW, "--quote", QUOTE, "--tag", "ok", "--tag", "\udcff\udcfe"), "--tag"),
        (("annotate", MOSCOW, "--quote", "Putin \udc80"), "--quote"),
        (("search", "treaty \udce9"), "QUERY"),
        (("export", "--format", "json", "--query", "\udce9"), "--query"),
        (("annotations", "--tag", "\udcc3"), "--tag"),
    ],
)
def test_text_arguments_that_are_not_utf8_name_the_option(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], label: str
) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 1 and out == ""
    line = one_line(err)
    assert f"{label} '" in line and "is not valid UTF-8 text" in line


def test_an_unreadable_file_says_permission_denied(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("Ministers met in Riga.\n\nThey talked for an hour.\n", encoding="utf-8")
    real_open = os.open

    def refuse(path: object, *args: object, **kwargs: object) -> int:
        if os.fspath(path) == str(locked):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", str(locked))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    # Refused the way chmod 000 refuses anyone but root (the tests may run as root).
    monkeypatch.setattr(files_module.os, "open", refuse)
    for command in (("clean", str(locked)), ("import", str(locked))):
        status, _, err = run(capsys, *command)
        assert status == 1
        assert one_line(err) == f"corpus-reader: {locked}: permission denied"


def test_a_data_folder_that_cannot_be_made_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        if self.is_relative_to(home):
            raise PermissionError(13, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", refuse)
    status, _, err = run(capsys, "--data-dir", str(home), "annotations")
    assert status == 1
    line = one_line(err)
    assert line.startswith(f"corpus-reader: {home}") and line.endswith(": permission denied")


def test_a_data_folder_that_cannot_be_written_is_named(
    capsys: pytest.CaptureFixture[str], app_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = app_home / "data"
    real_access = os.access

    def read_only(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        if Path(os.fspath(path)) == data and mode & os.W_OK:  # type: ignore[arg-type]
            return False
        return real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_module.os, "access", read_only)
    status, _, err = run(capsys, "annotate", MOSCOW, "--quote", QUOTE)
    assert status == 1
    line = one_line(err)
    assert f"{data}: the data folder is not writable (permission denied)" in line
    # Searching needs no annotations: it still works, and says why they were skipped.
    status, out, err = run(capsys, "search", "Putin")
    assert status == 0 and "match" in out
    assert "Annotations not re-anchored" in err


def test_an_import_of_a_file_named_with_a_newline_stays_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "notes\nfrom Riga.html"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    status, _, err = run(capsys, "import", str(bad))
    assert status == 1
    line = one_line(err)
    assert "notes\\nfrom Riga.html: " in line
