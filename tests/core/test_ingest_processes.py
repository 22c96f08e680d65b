"""A killed index update leaves nothing running: its pool workers and resource tracker follow it.

``kill -9`` gives a process no chance to stop its children. The workers of
the cleaning pool watch their parent and exit when it is gone; this test
kills a real ``corpus-reader index`` of a new corpus folder (an import
hands the index the documents it already cleaned, so the pool cleans the
files an import could not keep) while its workers are busy and looks for
every process it had started.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads the process table from /proc (Linux)"
)


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process still running (zombies count as gone)."""
    table: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: split after it.
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if state not in ("Z", "X"):
            table[int(entry.name)] = int(ppid)
    return table


def _descendants(pid: int) -> set[int]:
    table = _parents()
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        children = {p for p, parent in table.items() if parent in frontier}
        frontier = children - found
        found |= children
    return found


def _alive(pids: set[int]) -> set[int]:
    table = _parents()
    return {p for p in pids if p in table}


def _articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for i in range(count):
        (folder / f"harbour_{i:04d}.txt").write_text(
            f"Harbour board meeting number {i}\n\n"
            f"BERGEN -- The harbour board of Bergen met on Monday for session {i} to discuss "
            "the new ferry terminal, and the mayor said the work would begin in spring.\n\n"
            + "The board members talked about the budget at length. " * 30
            + "\n",
            encoding="utf-8",
        )


def test_a_killed_index_update_leaves_no_worker_or_tracker_behind(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    _articles(batch, 240)  # over the pool threshold, so cleaning runs in worker processes
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "reader.cli", "--data-dir", str(tmp_path / "home")]
    proc = subprocess.Popen(
        [*command, "--corpus", str(batch), "index"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    )
    try:
        # Wait for the pool: the resource tracker and at least one worker.
        deadline = time.monotonic() + 60
        children: set[int] = set()
        while time.monotonic() < deadline and proc.poll() is None:
            children = _descendants(proc.pid)
            if len(children) >= 2:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the update ended before its pool started"
        assert len(children) >= 2, f"no pool started: {children}"
        time.sleep(0.5)  # let the workers take their first chunks
        children |= _descendants(proc.pid)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.stderr is not None
        proc.stderr.close()

    deadline = time.monotonic() + 10
    while _alive(children) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _alive(children)
    for pid in left:  # do not leave them to the next test either
        os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} of {len(children)} child processes outlived the update"
