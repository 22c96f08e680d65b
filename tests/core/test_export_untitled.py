"""An article without a headline, exported: named as the window names it, never by its id."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reader.cli import main
from reader.core.library import Library

# A wire story whose page had no headline; new names, not the bundled corpus's.
STORY = (
    "<html><head>"
    '<meta property="og:site_name" content="The Hokkaido Ledger">'
    '<meta property="article:published_time" content="2021-03-04T09:00:00+09:00">'
    "</head><body><article>"
    "<p>SAPPORO -- The prefectural assembly approved a plan on Thursday to reopen"
    " the Rumoi line to freight, after two winters in which snow closed the road"
    " to the port for weeks at a time.</p>"
    "<p>Assembly member Chiaki Obara said the first trains could run by autumn,"
    " and that the cost would be shared with the rail operator.</p>"
    "</article></body></html>"
)
QUOTE = "reopen the Rumoi line to freight"
NOTE = "First line of the note.\nSecond line, kept apart."
NAME = "Untitled (The Hokkaido Ledger, 4 March 2021)"


@pytest.fixture
def untitled(tmp_path: Path) -> Iterator[tuple[Library, str]]:
    page = tmp_path / "drop" / "rumoi-freight.html"
    page.parent.mkdir()
    page.write_text(STORY, encoding="utf-8")
    library = Library.open(tmp_path / "home")
    result = library.import_paths([page])
    [doc_id] = result.imported
    doc = library.document(doc_id)
    assert not doc.title and doc.publisher == "The Hokkaido Ledger"  # what this test is about
    library.annotate(doc_id, quote=QUOTE, note=NOTE, tags=["rail"])
    yield library, doc_id
    library.close()


def _write(library: Library, tmp_path: Path, fmt: str) -> str:
    path = library.export_to(tmp_path / f"out.{fmt}", fmt)
    return path.read_bytes().decode("utf-8-sig")


def test_markdown_names_it_and_keeps_the_note_on_two_lines(
    untitled: tuple[Library, str], tmp_path: Path
) -> None:
    library, doc_id = untitled
    text = _write(library, tmp_path, "markdown")
    assert doc_id not in text
    assert f"## {NAME}" in text.replace("\\", "")
    assert "The Hokkaido Ledger, 4 March 2021." in text
    assert "Untitled, The Hokkaido Ledger, 4 March 2021." in text  # the citation
    # A CommonMark hard break: the note's two lines stay two lines.
    assert "First line of the note.\\\nSecond line, kept apart." in text


def test_html_names_it_and_keeps_the_note_on_two_lines(
    untitled: tuple[Library, str], tmp_path: Path
) -> None:
    library, doc_id = untitled
    soup = BeautifulSoup(_write(library, tmp_path, "html"), "html.parser")
    assert doc_id not in soup.get_text()
    assert soup.find("h2").get_text() == NAME
    note = soup.select_one(".note p")
    assert [s.strip() for s in note.stripped_strings] == [
        "First line of the note.",
        "Second line, kept apart.",
    ]
    assert note.find("br") is not None
    assert soup.find("cite") is None  # no title to cite as one


def test_csv_and_json_name_it_and_csl_invents_no_title(
    untitled: tuple[Library, str], tmp_path: Path
) -> None:
    library, doc_id = untitled
    [row] = list(csv.DictReader(io.StringIO(_write(library, tmp_path, "csv"), newline="")))
    assert row["title"] == NAME
    assert row["citation"] == "Untitled, The Hokkaido Ledger, 4 March 2021."
    assert row["note"] == NOTE
    data = json.loads(_write(library, tmp_path, "json"))
    dumped = json.dumps(data)
    assert f'"{doc_id}"' in dumped  # as the id field, and only as that
    assert "“" + doc_id not in dumped
    [article] = [a for a in _walk(data) if isinstance(a, dict) and a.get("display_title")]
    assert article["display_title"] == NAME and article["title"] == ""
    csl = [i for i in _walk(data) if isinstance(i, dict) and i.get("type") == "article-newspaper"]
    assert csl and all("title" not in item for item in csl)
    assert csl[0]["container-title"] == "The Hokkaido Ledger"


def test_the_command_line_names_it_too(
    untitled: tuple[Library, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library, doc_id = untitled
    home = library.paths.data.parent
    assert main(["--data-dir", str(home), "search", "Rumoi"]) == 0
    out = capsys.readouterr().out
    assert f"1. {NAME}  [{doc_id}]" in out


def _walk(value: object) -> list[object]:
    found: list[object] = [value]
    if isinstance(value, dict):
        for v in value.values():
            found += _walk(v)
    elif isinstance(value, list):
        for v in value:
            found += _walk(v)
    return found
