"""An index update says which annotations lost their passage, found it again or were re-worded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.library import IngestReport, Library
from tests.article_files import write_article

TITLE = "Terns return to Kapiti Island"
INTRO = (
    "PARAPARAUMU — The island's seabirds had a good spring, and the trust that looks after"
    " the reserve says the predator traps laid along the ridge track in 2019 deserve the credit."
)
COUNT = "Rangers on Kapiti Island counted 412 white-fronted terns on Monday."
LOGBOOK = "The colony nests on the northern cliffs, where the ranger Aroha Tane keeps a logbook."
MARCH = "Volunteers from Paraparaumu will repeat the count in early March."


def write(path: Path, *paragraphs: str) -> None:
    """The test's article: its title and intro, then ``paragraphs``."""
    write_article(path, TITLE, INTRO, *paragraphs)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder / "kapiti-terns.txt", COUNT, LOGBOOK, MARCH)
    return folder


@pytest.fixture
def library(tmp_path: Path, corpus: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "data", corpus) as lib:
        lib.update_index(analyse=False)
        yield lib


def test_a_passage_cut_by_re_cleaning_is_named_in_the_update_report(
    library: Library, corpus: Path
) -> None:
    [doc_id] = [s.id for s in library.summaries()]
    logbook = library.annotate(
        doc_id, quote="the ranger Aroha Tane keeps a logbook", note="ask her"
    )
    march = library.annotate(doc_id, quote="repeat the count in early March")
    counted = library.annotate(doc_id, quote="counted 412 white-fronted terns")

    write(
        corpus / "kapiti-terns.txt",
        "A note from the editors: this report was shortened.",
        COUNT,
        MARCH.replace("early March", "early April"),
    )
    report = library.update_index(analyse=False)
    changes = report.annotations
    assert [(c.id, c.quote, c.note) for c in changes.orphaned] == [
        (logbook.id, logbook.quote, "ask her")
    ]
    assert [c.id for c in changes.reworded] == [march.id]
    assert changes.reworded[0].quote == "repeat the count in early April"
    assert changes.moved == 1 and not changes.restored  # the count moved down: no news
    assert library.last_annotation_changes == changes
    lines = changes.lines()
    assert lines[0] == (
        "1 annotation lost its passage and is kept as an orphan:"
        " “the ranger Aroha Tane keeps a logbook”."
    )
    assert "changed wording" in lines[1]
    # The report crosses from the worker process to the window as JSON.
    assert IngestReport.from_json(report.to_json()).annotations == changes
    assert counted.id not in {c.id for c in changes.orphaned + changes.reworded}

    # Nothing changed since: nothing to tell, and the orphan is not news again.
    quiet = library.update_index(analyse=False).annotations
    assert not quiet and quiet.still_orphaned == 1

    # The paragraph comes back: the orphan found its passage again.
    write(corpus / "kapiti-terns.txt", COUNT, LOGBOOK, MARCH)
    back = library.update_index(analyse=False).annotations
    assert [c.id for c in back.restored] == [logbook.id] and not back.orphaned


def test_an_article_that_leaves_the_corpus_orphans_its_annotations_once(
    library: Library, corpus: Path
) -> None:
    [doc_id] = [s.id for s in library.summaries()]
    first = library.annotate(doc_id, quote="keeps a logbook")
    second = library.annotate(doc_id, quote="white-fronted terns")
    (corpus / "kapiti-terns.txt").unlink()
    changes = library.update_index(analyse=False).annotations
    assert sorted(c.id for c in changes.orphaned) == sorted([first.id, second.id])
    assert {c.doc_id for c in changes.orphaned} == {doc_id}
    assert "2 annotations lost their passages and are kept as orphans" in changes.lines()[0]
    again = library.update_index(analyse=False).annotations
    assert not again and again.still_orphaned == 2
