"""`corpus-reader index` tells which annotations an update left without their passage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from tests.article_files import write_article

TITLE = "Ferry timetable for Rangitoto changes in winter"
LEAD = (
    "AUCKLAND — The harbour ferry company will run fewer sailings to Rangitoto Island from"
    " June, its operations manager Hemi Walker told the regional council on Tuesday."
)
CUT = "Walkers who miss the last boat at 3.30 pm face a night on the volcano."
KEPT = "Bookings for the summer timetable open in September at the downtown terminal."


def write(path: Path, *paragraphs: str) -> None:
    """The test's article: its title and lead, then ``paragraphs``."""
    write_article(path, TITLE, LEAD, *paragraphs)


def test_index_names_the_annotations_it_orphaned_in_text_and_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    article = corpus / "rangitoto-ferry.txt"
    write(article, CUT, KEPT)
    where = ["--data-dir", str(tmp_path / "data"), "--corpus", str(corpus)]
    assert main(["index", "--no-analyse", *where]) == 0
    assert main(["annotate", "rangitoto-ferry", "--quote", "a night on the volcano", *where]) == 0
    capsys.readouterr()

    write(article, KEPT)
    assert main(["index", "--no-analyse", *where]) == 0
    out = capsys.readouterr().out
    assert (
        "1 annotation lost its passage and is kept as an orphan: “a night on the volcano”." in out
    )
    assert "orphaned: “a night on the volcano” in rangitoto-ferry [" in out

    # Nothing new to tell the next time, and --json carries the (empty) lists.
    assert main(["index", "--no-analyse", "--json", *where]) == 0
    quiet = json.loads(capsys.readouterr().out)
    assert quiet["annotations"]["orphaned"] == [] and quiet["annotations"]["still_orphaned"] == 1

    write(article, CUT, KEPT)
    assert main(["index", "--no-analyse", "--json", *where]) == 0
    back = json.loads(capsys.readouterr().out)["annotations"]
    assert [c["quote"] for c in back["restored"]] == ["a night on the volcano"]
    write(article, KEPT)
    assert main(["index", "--no-analyse", "--json", *where]) == 0
    [orphan] = json.loads(capsys.readouterr().out)["annotations"]["orphaned"]
    assert orphan["quote"] == "a night on the volcano" and orphan["doc_id"] == "rangitoto-ferry"
