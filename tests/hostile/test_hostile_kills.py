"""kill -9 loops of writers: ``annotate`` commands killed at random moments lose nothing committed.

Every annotate command that printed its "Annotated …: ID" line had
committed; each such annotation must be in the store afterwards, the store
must open cleanly (no refusal, no lock left), and an import killed mid-way
must leave a corpus that indexes and searches.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from hostile_kit import ROOT, Runner, Tally, attack

MOSCOW = "002_88f331eb946bdea1"
QUOTES = [
    "Russian President Vladimir Putin",
    "Japanese Prime Minister Shinzo Abe",
    "peace treaty",
]


def _annotate(home: Path, i: int) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    quote = QUOTES[i % len(QUOTES)]
    command = [sys.executable, "-m", "reader.cli", "--data-dir", str(home), "annotate", MOSCOW]
    return subprocess.Popen(
        [*command, "--quote", quote, "--note", f"kill loop {i}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def test_annotate_killed_at_random_loses_no_committed_annotation(
    runner: Runner, tally: Tally, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    built = runner.run("--data-dir", str(home), "index")
    assert built.status == 0, built.err
    rng = random.Random(20240312)
    committed: set[str] = set()
    for i in range(10):
        proc = _annotate(home, i)
        time.sleep(rng.uniform(0.2, 1.5))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        for line in out.splitlines():
            if line.startswith("Annotated "):
                committed.add(line.rsplit(": ", 1)[1])
        listed = runner.run("--data-dir", str(home), "annotations", "--json")
        attack(tally, "kill -9 loops", f"annotations after kill {i}", listed, (0,))
    stored = {a["id"] for a in json.loads(listed.out)}
    lost = committed - stored
    tally.record("kill -9 loops", "committed annotations kept", [f"lost {lost}"] if lost else [])
    assert not lost
    # And the store still takes writes: no lock, no refusal.
    added = runner.run(
        "--data-dir", str(home), "annotate", MOSCOW, "--quote", QUOTES[0], "--note", "after"
    )
    attack(tally, "kill -9 loops", "annotate after the kills", added, (0,))


def test_import_killed_at_random_leaves_a_working_corpus(
    runner: Runner, tally: Tally, tmp_path: Path
) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    for i in range(40):
        (batch / f"ferry_{i:02d}.txt").write_text(
            f"Ferry talks round {i}\n\nBERGEN -- Harbour officials of Bergen met ferry "
            f"operators on Monday for round {i} of talks on the new terminal, and said the "
            "work would begin in the spring.\n\nThe operators asked for more berths.\n",
            encoding="utf-8",
        )
    home = tmp_path / "home"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    rng = random.Random(7)
    for i in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-m", "reader.cli", "--data-dir", str(home), "import", str(batch)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        )
        time.sleep(rng.uniform(0.3, 2.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        found = runner.run("--data-dir", str(home), "search", "Putin", "--json")
        attack(tally, "kill -9 loops", f"search after killed import {i}", found, (0,))
        assert json.loads(found.out)["total"] == 5
    again = runner.run("--data-dir", str(home), "import", str(batch))
    attack(tally, "kill -9 loops", "import after the kills", again, (0,))
    found = runner.run("--data-dir", str(home), "search", "ferry", "--json")
    attack(tally, "kill -9 loops", "every article once", found, (0,))
    hits = json.loads(found.out)
    assert hits["total"] == 40 and len({h["id"] for h in hits["hits"]}) == len(hits["hits"])
