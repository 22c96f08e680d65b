"""Fixtures of the attack suite: one command runner per session, and the tally it reports."""

from __future__ import annotations

import select
import sys
from collections.abc import Iterator

import pytest
from hostile_kit import TALLY, Runner, Tally


@pytest.fixture(scope="session")
def runner() -> Iterator[Runner]:
    if not hasattr(select, "select") or sys.platform == "win32":
        pytest.skip("the attack runner waits on a pipe with select (POSIX)")
    run = Runner()
    yield run
    run.stop()


@pytest.fixture(scope="session")
def tally() -> Tally:
    return TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY.tried:
        terminalreporter.write_line(TALLY.summary())
        for failure in TALLY.failures:
            terminalreporter.write_line(f"  not clean: {failure}")
