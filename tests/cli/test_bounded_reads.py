"""Only regular files are read: a FIFO, a device or a socket is refused at once, never waited on.

Each command runs in its own process under a timeout, because the failure
being guarded against is a command that never returns.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "corpus" / "articles" / "002_88f331eb946bdea1.txt"
TIMEOUT = 30

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def cli(home: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "reader.cli", "--data-dir", str(home), *argv],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=TIMEOUT,  # a blocked read fails the test here instead of hanging it
    )


@pytest.fixture
def specials(tmp_path: Path) -> Iterator[dict[str, Path]]:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    sock_path = tmp_path / "socket.txt"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    yield {"FIFO": fifo, "socket": sock_path, "character device": Path("/dev/zero")}
    sock.close()


@pytest.mark.parametrize("command", ["clean", "import"])
def test_special_files_are_refused_by_every_reading_command(
    tmp_path: Path, specials: dict[str, Path], command: str
) -> None:
    done = cli(tmp_path / "home", command, *map(str, specials.values()), str(ARTICLE))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == len(specials), lines
    for (kind, path), line in zip(specials.items(), lines, strict=True):
        assert line == f"corpus-reader: {path}: not a regular file (a {kind})"
    # The good file in the same batch went through.
    if command == "clean":
        assert '"id": "002_88f331eb946bdea1"' in done.stdout
    else:
        assert "Imported 1 document" in done.stdout


def test_a_folder_holding_a_fifo_is_imported_around_it(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    os.mkfifo(folder / "stuck.txt")
    shutil.copy(ARTICLE, folder / "moscow.txt")
    done = cli(tmp_path / "home", "import", str(folder))
    assert done.returncode == 1
    assert (
        done.stderr.strip() == f"corpus-reader: {folder / 'stuck.txt'}: not a regular file (a FIFO)"
    )
    assert "Imported 1 document" in done.stdout


def test_a_corpus_with_a_fifo_article_and_manifest_still_indexes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    os.mkfifo(corpus / "articles" / "waiting.html")
    os.mkfifo(corpus / "manifest.json")
    shutil.copy(ARTICLE, corpus / "articles")
    home = tmp_path / "home"
    done = cli(home, "--corpus", str(corpus), "index", "--json")
    assert done.returncode == 0, done.stderr
    assert '"added": 1' in done.stdout
    done = cli(home, "--corpus", str(corpus), "search", "Putin")
    assert done.returncode == 0 and "1 article(s) match" in done.stdout
    done = cli(home, "--corpus", str(corpus), "clean", str(corpus / "articles" / ARTICLE.name))
    assert done.returncode == 0, done.stderr  # its manifest, a FIFO, is passed over


def test_restore_from_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "backup.sqlite3"
    os.mkfifo(fifo)
    done = cli(tmp_path / "home", "annotations", "restore", str(fifo))
    assert done.returncode == 1
    assert done.stderr.strip().endswith(f"{fifo}: not a readable backup of the annotations")
