"""Hostile queries at ``search``: malformed, enormous, odd characters, expensive expansions.

Each query is an attack; it ends cleanly with results (status 0) or a
one-line "malformed query" (status 2), within the time limit, and the index
answers a plain query afterwards.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_kit import Runner, Tally, attack

QUERIES = [
    "",
    " ",
    "(",
    ")",
    "((((((((((treaty",
    "treaty))))))",
    '"',
    '"unclosed phrase',
    "*",
    "**",
    "?",
    "a*",
    "*a",
    "*a*",
    "t*y",
    "???????",
    "~",
    "treaty~",
    "treaty~100",
    "treaty~-1",
    "treaty^1000000",
    "treaty^-5",
    "AND",
    "OR",
    "NOT",
    "AND OR NOT",
    "treaty AND",
    "OR treaty",
    "NOT NOT NOT treaty",
    "treaty AND AND peace",
    "-",
    "--",
    "-treaty",
    "+treaty",
    "treaty -treaty",
    "title:",
    ":",
    "::::",
    "nosuchfield:abe",
    "title:*",
    "published:",
    "published:[",
    "published:[2019 TO",
    "published:[TO]",
    "published:[2020 TO 2010]",
    "published:[0000 TO 9999]",
    "published:[-99999 TO 99999999999]",
    "published:[yesterday TO tomorrow]",
    "published:2019-13-45",
    "published:{2018 TO 2019}",
    "published:>2019",
    "[",
    "]",
    "{}",
    "\\",
    "\\\\\\",
    "treaty\\",
    "%s%s%s%n",
    "'; DROP TABLE docs; --",
    "<script>alert(1)</script>",
    '<img src="/some/local.png">',
    "\x00",
    "treaty\x00peace",
    "\x1b]0;owned\x07\x1b[2J",
    "\x9b31m",
    "\u202etreaty",
    "🤝",
    "Путин",
    "安倍",
    "ابي",
    "a" * 10_000,
    "treaty " * 2_000,
    "(" * 500 + "treaty" + ")" * 500,
    "NOT " * 500 + "treaty",
    " OR ".join(f"t{i}*" for i in range(300)),
    " AND ".join(["peace"] * 1_000),
    '"' + "peace treaty " * 500 + '"',
    "*" * 1_000,
    "?" * 1_000,
    "a" * 200 + "~",
    "title:" * 300,
    "\n\n\n",
    "\t\ttreaty",
    "treaty\r\npeace",
    "\ufeffAbe",
    "Abe\u0301",
    "ǅ ß ﬁ İ",
]


@pytest.fixture(scope="module")
def home(runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("queries") / "home"
    built = runner.run("--data-dir", str(folder), "index")
    assert built.status == 0, built.err
    return folder


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q[:30].encode("unicode_escape").decode())
def test_a_hostile_query(runner: Runner, tally: Tally, home: Path, query: str) -> None:
    for mode in ((), ("--json",)):
        # After "--", as a script passes a query that may start with a dash.
        outcome = runner.run("--data-dir", str(home), "search", *mode, "--", query)
        attack(tally, "hostile queries", f"{query[:30]!r} {' '.join(mode)}", outcome, (0, 2))
        if outcome.status == 2:
            assert len(outcome.err.splitlines()) == 1


def test_the_index_still_answers(runner: Runner, tally: Tally, home: Path) -> None:
    outcome = runner.run("--data-dir", str(home), "search", "Putin", "--json")
    attack(tally, "hostile queries", "plain query afterwards", outcome, (0,))
    assert '"total": 5' in outcome.out
