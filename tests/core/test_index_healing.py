"""An index damaged in place (same size, same time) is found by a search and rebuilt."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.search.index import IndexDamaged


def _garble(path: Path) -> None:
    """Random bytes over the middle of ``path``, its size and times kept."""
    st = path.stat()
    data = bytearray(path.read_bytes())
    rng = random.Random(7)
    start = len(data) // 4
    for i in range(start, min(len(data), start + max(64, len(data) // 2))):
        data[i] = rng.randrange(256)
    path.write_bytes(bytes(data))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size


@pytest.mark.parametrize("pattern", ["*.pst", "*_stored.col"])
def test_a_search_that_cannot_read_the_index_has_it_rebuilt(tmp_path: Path, pattern: str) -> None:
    lib = Library.open(tmp_path / "home")
    try:
        lib.update_index()
        expected = lib.search("Putin OR treaty OR Abe", limit=None)
        files = sorted(lib.paths.index_dir.glob(pattern))
        assert files, pattern
        for f in files:
            _garble(f)
        lib._search_index.close()
        with pytest.raises(IndexDamaged) as caught:
            for word in ("Putin", "treaty", "Abe", "Lavrov", "Osaka", "Moscow"):
                lib.search(word, limit=None)
        assert "rebuilt at the next index update" in str(caught.value)
        report = lib.update_index()
        assert report.rebuilt
        assert any("could not be read during a search" in m for m in report.messages)
        again = lib.search("Putin OR treaty OR Abe", limit=None)
        assert [h.id for h in again.hits] == [h.id for h in expected.hits]
        assert not lib.update_index().rebuilt  # healed: the next update has nothing to do
    finally:
        lib.close()


def test_a_file_where_the_index_folder_should_be_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    home = tmp_path / "home"
    lib = Library.open(home)
    folder = lib.paths.index_dir
    lib.close()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("not an index", encoding="utf-8")
    status = main(["index", "--data-dir", str(home)])
    err = capsys.readouterr().err
    assert status != 0
    assert str(folder) in err and "is a file" in err
    assert "internal error" not in err.lower() and "Traceback" not in err


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="POSIX permissions; root ignores them"
)
def test_a_read_only_index_folder_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    home = tmp_path / "home"
    assert main(["index", "--data-dir", str(home)]) == 0
    lib = Library.open(home)
    folder = lib.paths.index_dir
    lib.close()
    # Damage the index so the update must rewrite it, into a folder it cannot write.
    for f in folder.glob("*.toc"):
        f.write_bytes(b"garbled")
    folder.chmod(0o500)
    try:
        status = main(["index", "--data-dir", str(home)])
    finally:
        folder.chmod(0o700)
    err = capsys.readouterr().err
    assert status != 0
    assert str(folder) in err
    assert "internal error" not in err.lower() and "Traceback" not in err


def test_search_reads_the_index_while_another_instance_holds_the_update_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import time

    from reader.cli import main
    from reader.core.ingest import LOCK_NAME, _FileLock

    home = tmp_path / "home"
    assert main(["index", "--data-dir", str(home)]) == 0
    capsys.readouterr()
    lib = Library.open(home)
    lock = _FileLock(lib.paths.index_dir.parent / LOCK_NAME)
    lib.close()
    assert lock.acquire(0)
    try:
        started = time.monotonic()
        status = main(["search", "--data-dir", str(home), "Lavrov AND Munich", "--json"])
        elapsed = time.monotonic() - started
    finally:
        lock.release()
    out, err = capsys.readouterr()
    assert status == 0, err
    assert json.loads(out)["total"] == 1
    assert "reading it as last saved" in err
    assert elapsed < 4  # it did not sit out the writer's lock timeout
