"""The attack suite's machinery: a command runner with a time limit, and the tally of attacks.

Every attack is a ``corpus-reader`` command on hostile input. It *ended
cleanly* when it returned within :data:`LIMIT_SECONDS`, with an exit status
the attack allows, no traceback or "internal error", every stderr line one
``corpus-reader:`` message (or a known report line), and nothing a terminal
would obey (control characters) in anything it printed. The session ends
with one line: how many attacks were tried and how many ended cleanly.

Imported by the tests; the fixtures over it are in ``conftest.py``.
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("attack_runner.py")
#: No command may take longer than this on any input under the size limit.
LIMIT_SECONDS = 30.0

_ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# stderr lines that are reports, not errors (the index and annotations speak this way).
_REPORT_LINES = (
    "Index ",
    "Annotations not re-anchored",
    "  [",
    "the document cache",
    "the search index",
    "the index",
)


@dataclass
class Outcome:
    """What one command did."""

    argv: list[str]
    status: int | None
    out: str = ""
    err: str = ""
    seconds: float = 0.0
    hung: bool = False

    def problems(self, statuses: Iterable[int] = (0, 1, 2)) -> list[str]:
        """Why this did not end cleanly; empty when it did."""
        found: list[str] = []
        if self.hung:
            return [f"no answer within {LIMIT_SECONDS:.0f} s"]
        if self.status not in set(statuses):
            found.append(f"exit status {self.status}")
        if "Traceback" in self.err or "internal error" in self.err or "UNCAUGHT" in self.err:
            found.append(f"crashed: {self.err.strip()[:300]}")
        for line in self.err.splitlines():
            if not line.startswith(("corpus-reader: ", *_REPORT_LINES)):
                found.append(f"stray stderr line: {line[:200]!r}")
        for name, text in (("stdout", self.out.replace("\r\n", "\n")), ("stderr", self.err)):
            controls = _ACTIVE.findall(text.replace("\f", ""))
            if controls:
                found.append(f"control characters on {name}: {sorted(set(controls))!r}")
        return found


class Runner:
    """One long-lived process that runs commands; restarted after a command overruns."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
        return subprocess.Popen(
            [sys.executable, str(RUNNER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
            cwd=ROOT,
        )

    def run(self, *argv: str, limit: float = LIMIT_SECONDS) -> Outcome:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = self._start()
        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps({"argv": list(argv)}) + "\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], limit)
        line = proc.stdout.readline() if ready else ""
        if not line:
            self.stop()
            return Outcome(list(argv), None, hung=True, seconds=limit)
        reply = json.loads(line)
        return Outcome(list(argv), reply["status"], reply["out"], reply["err"], reply["seconds"])

    def stop(self) -> None:
        if self._proc is not None:
            if self._proc.poll() is None:
                self._proc.kill()
            self._proc.wait()
            for stream in (self._proc.stdin, self._proc.stdout):
                if stream is not None:
                    stream.close()
            self._proc = None


@dataclass
class Tally:
    """Attacks tried and how they ended, by kind, for the closing line."""

    tried: dict[str, int] = field(default_factory=dict)
    clean: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def record(self, kind: str, name: str, problems: list[str]) -> None:
        self.tried[kind] = self.tried.get(kind, 0) + 1
        if problems:
            self.failures.append(f"{kind}/{name}: {'; '.join(problems)}")
        else:
            self.clean[kind] = self.clean.get(kind, 0) + 1

    def summary(self) -> str:
        total = sum(self.tried.values())
        clean = sum(self.clean.values())
        kinds = ", ".join(
            f"{kind} {self.clean.get(kind, 0)}/{n}" for kind, n in sorted(self.tried.items())
        )
        return f"hostile attacks: {clean} of {total} ended cleanly ({kinds})"


TALLY = Tally()


def attack(
    tally: Tally, kind: str, name: str, outcome: Outcome, statuses: Iterable[int] = (0, 1, 2)
) -> Outcome:
    """Record one attack and fail the test if it did not end cleanly."""
    problems = outcome.problems(statuses)
    tally.record(kind, name, problems)
    assert not problems, f"{name}: {problems} (argv {outcome.argv!r}; stderr {outcome.err[:400]!r})"
    return outcome
