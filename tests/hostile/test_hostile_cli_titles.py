"""Hostile titles at every printing command: markup and escape sequences stay inert text.

The window's views have their own tests (``tests/ui/test_hostile_titles.py``);
here each command that prints document fields runs on a corpus of such
pages, text and JSON, and a terminal would see no control character.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_kit import Runner, Tally, attack

TITLES = [
    '<img src="/some/local.png"><font color=red size=6>RICH</font>',
    "Talks \x1b]0;owned\x07\x1b[2J in Bodo",
    "Quiet \x9b31m talks \x1b[5m in Alta",
    "Bell \x07 talks in Narvik",
    "Overwrite\rtalks in Molde",
    "<script>alert(1)</script> talks in Hamar",
    "Reversed \u202etalks\u202c in Voss",
]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("titles") / "corpus"
    (folder / "articles").mkdir(parents=True)
    for i, title in enumerate(TITLES):
        page = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{_escape(title)}</title>"
            f"<meta property='og:site_name' content='{_escape(title)} Post'>"
            "<meta property='article:published_time' content='2023-10-0%d'></head>"
            % (i + 1)
            + "<body><article><p>OSLO -- Norwegian Prime Minister Kari Nordby met Danish Prime "
            f"Minister Lars Holmgaard in Oslo on Monday, {i + 1} October 2023, to discuss the "
            f"{_escape(title)} fisheries accord, and both said the talks went well.</p>"
            "<p>The two leaders agreed to meet again in Copenhagen in the spring, officials "
            "said after the talks ended late in the evening.</p></article></body></html>"
        )
        (folder / "articles" / f"title_{i}.html").write_text(page, encoding="utf-8")
    return folder


COMMANDS = [
    ("search", "fisheries"),
    ("search", "fisheries", "--json"),
    ("entities",),
    ("entities", "title_1"),
    ("entities", "--json"),
    ("timeline",),
    ("timeline", "--json"),
    ("annotations",),
    ("annotations", "--json"),
    ("export", "--format", "markdown"),
    ("export", "--format", "csv"),
    ("export", "--format", "html"),
    ("export", "--format", "json"),
    ("export", "--format", "jsonld"),
]


def test_titles_print_inert_in_every_command(
    runner: Runner, tally: Tally, corpus: Path, tmp_path: Path
) -> None:
    home = str(tmp_path / "home")
    base = ("--data-dir", home, "--corpus", str(corpus))
    built = runner.run(*base, "index")
    attack(tally, "hostile titles", "index", built, (0,))
    assert built.status == 0, built.err
    for i in range(len(TITLES)):
        added = runner.run(*base, "annotate", f"title_{i}", "--quote", "fisheries accord")
        attack(tally, "hostile titles", f"annotate title_{i}", added, (0,))
    failures = []
    for argv in COMMANDS:
        outcome = runner.run(*base, *argv)
        try:
            attack(tally, "hostile titles", " ".join(argv), outcome, (0,))
        except AssertionError as error:
            failures.append(str(error))
    assert not failures
    found = json.loads(runner.run(*base, "search", "fisheries", "--json").out)
    titles = {h["title"] for h in found["hits"]}
    assert len(titles) == len(TITLES)
    assert {TITLES[0], TITLES[1], TITLES[2]} <= titles  # JSON keeps every character
