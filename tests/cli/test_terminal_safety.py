"""What a terminal sees: no control character from a document, in text or JSON output.

A page can hold escape sequences (``ESC ] 0 ; … BEL`` retitles a terminal,
``ESC [ 2 J`` clears it, 0x9b is CSI on 8-bit terminals). Every command
that prints document text is run on such a corpus and its output checked
byte for byte; the JSON still decodes to the document's own characters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reader.cli import main

TITLE = "Harbour \x1b]0;owned\x07\x1b[2Jtalks \x9b31m in Narvik\x1b[0m"
# C0 but tab and newline, DEL, C1: what a terminal would act on.
ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
DOC = "narvik_talks"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus" / "articles"
    folder.mkdir(parents=True)
    page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{TITLE}</title>
<meta property="og:site_name" content="The \x1b[5mBlinking\x1b[0m Post">
<meta property="article:published_time" content="2023-09-14"></head><body><article>
<p>NARVIK -- Norwegian Foreign Minister Ingrid Solvang met Swedish Foreign Minister
Per Lindqvist in Narvik on Thursday, 14 September 2023, to discuss the ore railway.\x07</p>
<p>Solvang said the two governments would \x1b[8mhide\x1b[0m nothing and that the
railway talks would resume in Kiruna in the spring.</p>
</article></body></html>"""
    (folder / f"{DOC}.html").write_text(page, encoding="utf-8")
    return folder.parent


def run(capsys: pytest.CaptureFixture[str], corpus: Path, *argv: str) -> tuple[int, str, str]:
    status = main([*argv, "--corpus", str(corpus)])
    out, err = capsys.readouterr()
    return status, out, err


def assert_inert(text: str) -> None:
    found = ACTIVE.findall(text)
    assert not found, f"control characters reach the terminal: {found!r}"


@pytest.mark.parametrize(
    "argv",
    [
        ("search", "railway"),
        ("search", "railway", "--json"),
        ("entities", DOC),
        ("entities", DOC, "--json"),
        ("entities",),
        ("timeline",),
        ("timeline", "--json"),
        ("index", "--json"),
    ],
)
def test_document_fields_never_reach_the_terminal_as_controls(
    capsys: pytest.CaptureFixture[str], corpus: Path, argv: tuple[str, ...]
) -> None:
    status, out, err = run(capsys, corpus, *argv)
    assert status == 0, err
    assert out.strip()
    assert_inert(out)
    assert_inert(err)


def test_search_text_shows_the_title_without_its_sequences(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    _, out, _ = run(capsys, corpus, "search", "railway")
    assert "Harbour talks" in out and "in Narvik" in out
    assert "owned" not in out  # the retitling sequence went whole, not just its ESC


def test_json_keeps_every_character_escaped(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    _, out, _ = run(capsys, corpus, "search", "railway", "--json")
    [hit] = json.loads(out)["hits"]
    assert hit["title"] == TITLE  # nothing lost for a program
    assert "\\u001b]0;owned\\u0007" in out and "\\u009b" in out


def test_annotations_and_export_to_the_terminal_are_inert(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    status, _, err = run(
        capsys, corpus, "annotate", DOC, "--quote", "railway talks", "--note", "bell \x07 here"
    )
    assert status == 0, err
    for argv in (
        ("annotations",),
        ("annotations", "--json"),
        ("export", "--format", "markdown"),
        ("export", "--format", "csv"),
        ("export", "--format", "html"),
        ("export", "--format", "json"),
        ("export", "--format", "jsonld"),
    ):
        status, out, err = run(capsys, corpus, *argv)
        assert status == 0, (argv, err)
        assert_inert(out.replace("\r\n", "\n"))
        assert_inert(err)


def test_clean_text_and_json_are_inert(capsys: pytest.CaptureFixture[str], corpus: Path) -> None:
    page = str(corpus / "articles" / f"{DOC}.html")
    for argv in (("clean", page, "--text"), ("clean", page, "--json"), ("clean", page)):
        status = main(list(argv))
        out, err = capsys.readouterr()
        assert status == 0, err
        assert_inert(out.replace("\f", ""))


def test_a_file_name_with_a_newline_and_escapes_stays_one_visible_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "two\nlines\x1b[2J.txt"
    bad.write_bytes(b"")
    status = main(["clean", str(bad)])
    _, err = capsys.readouterr()
    assert status == 1
    [line] = err.splitlines()
    assert line.startswith("corpus-reader: ") and "two\\nlines\\x1b[2J.txt: " in line
    assert_inert(err)
