"""corpus-reader remove: an imported article leaves the list, the cache and the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main

ARTICLE = """Ferry service to Vlieland suspended after storm

By Maartje Oosterhuis

February 9, 2022

HARLINGEN -- The ferry operator Doeksen suspended its crossings to Vlieland on Tuesday
after a storm damaged the landing stage at the island's harbour.

Repairs to the landing stage are expected to take at least a fortnight, the operator said.
"""
MOSCOW = "002_88f331eb946bdea1"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_remove_takes_an_imported_article_out_and_keeps_its_annotation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = str(tmp_path / "home")
    source = tmp_path / "vlieland-ferry.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    assert run(capsys, "import", "--data-dir", home, str(source))[0] == 0
    status, out, _ = run(capsys, "search", "--data-dir", home, "Vlieland", "--json")
    [hit] = json.loads(out)["hits"]
    doc_id = hit["id"]
    quote = "suspended its crossings to Vlieland"
    assert run(capsys, "annotate", "--data-dir", home, doc_id, "--quote", quote)[0] == 0

    status, out, err = run(capsys, "remove", "--data-dir", home, doc_id)
    assert status == 0, err
    assert f"removed {doc_id}" in out
    status, out, _ = run(capsys, "search", "--data-dir", home, "Vlieland", "--json")
    assert json.loads(out)["total"] == 0
    copies = [
        f for f in (tmp_path / "home").rglob("*") if f.is_file() and b"Vlieland" in f.read_bytes()
    ]
    assert not [f for f in copies if f.suffix == ".txt"], "the imported copy is deleted"
    # The annotation stays, with its quote, flagged as an orphan.
    status, out, _ = run(capsys, "annotations", "--data-dir", home, "--json")
    [kept] = json.loads(out)
    assert kept["doc_id"] == doc_id and kept["quote"] == quote and kept["orphaned"] is True
    status, out, _ = run(capsys, "annotations", "--data-dir", home)
    assert quote in out and "(orphaned)" in out
    # A later update leaves it an orphan (the article is still gone).
    assert run(capsys, "index", "--data-dir", home)[0] == 0
    status, out, _ = run(capsys, "annotations", "--data-dir", home, "--json")
    assert [a["orphaned"] for a in json.loads(out)] == [True]

    # Imported again, the article is back and the annotation on its passage.
    assert run(capsys, "import", "--data-dir", home, str(source))[0] == 0
    status, out, _ = run(capsys, "annotations", "--data-dir", home, "--json")
    [back] = json.loads(out)
    assert back["id"] == kept["id"] and not back["orphaned"]
    assert (back["start"], back["end"], back["quote"]) == (kept["start"], kept["end"], quote)
    status, out, _ = run(capsys, "search", "--data-dir", home, "Vlieland", "--json")
    assert [h["id"] for h in json.loads(out)["hits"]] == [doc_id]


def test_remove_refuses_unknown_ids_and_corpus_files_in_one_line_each(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    home = str(tmp_path / "home")
    assert run(capsys, "index", "--data-dir", home)[0] == 0
    status, _, err = run(capsys, "remove", "--data-dir", home, "no-such-article", MOSCOW)
    assert status != 0
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert "no-such-article" in lines[0] and "no article" in lines[0]
    assert MOSCOW in lines[1] and "not imported" in lines[1]
    status, out, _ = run(capsys, "search", "--data-dir", home, "Lavrov AND Munich", "--json")
    assert [h["id"] for h in json.loads(out)["hits"]] == [MOSCOW]
