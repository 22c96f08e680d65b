"""The window tells the researcher when an index update leaves an annotation without its passage."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from tests.article_files import write_article

TITLE = "Night trains return to the Tauern line"
LEAD = (
    "SALZBURG — A sleeper service between Salzburg and Villach resumes in December, the"
    " railway's timetable planner Lena Hofer told reporters at the station on Friday."
)
CUT = "Passengers may bring bicycles in the last carriage if they book a place by noon."
KEPT = "Tickets go on sale in October, with a discount for travellers under twenty-six."


def write(path: Path, *paragraphs: str) -> None:
    """The test's article: its title and lead, then ``paragraphs``."""
    write_article(path, TITLE, LEAD, *paragraphs)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write(folder / "tauern-sleeper.txt", CUT, KEPT)
    return folder


@pytest.fixture
def small_library(tmp_path: Path, corpus: Path) -> Iterator[Any]:
    from reader.core.library import Library

    lib = Library.open(tmp_path / "home", corpus)
    lib.update_index(analyse=False)
    yield lib
    lib.close()


def test_an_annotation_whose_passage_is_cut_is_named_and_shown_in_the_panel(
    qtbot: QtBot, small_library: Any, corpus: Path, make_window: Callable[..., MainWindow]
) -> None:
    bikes = small_library.annotate(
        "tauern-sleeper", quote="bring bicycles in the last carriage", note="for the trip"
    )
    window = make_window(small_library)
    window.open_article_at("tauern-sleeper")
    assert window.notices.isHidden()  # the first update changed nothing for it

    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    write(corpus / "tauern-sleeper.txt", KEPT)  # the article is re-cleaned without it
    window.update_index()
    window.runner.wait_for_done(10_000)

    said = (
        "1 annotation lost its passage and is kept as an orphan:"
        " “bring bicycles in the last carriage”."
    )
    assert window.notices.isVisible()
    assert window.notices.lines()[0] == said
    assert window.notices.lines()[1].strip() == f"in {TITLE}"
    assert said in messages  # the status bar said it too (later news may follow it)
    # The open article shows its new text, the one the annotation was looked for in.
    assert "bring bicycles" not in window.reading_pane.browser.toPlainText()
    button = window.notices.action_button
    assert button.isVisible() and button.text() == "Show in Annotations"

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.annotations_dock.isVisible()
    panel = window.annotation_tools.panel
    assert panel.selected_ids() == [bikes.id]
    [orphan] = [a for a in panel.model.annotations() if a.id == bikes.id]
    assert orphan.orphaned and orphan.note == "for the trip"
    # The reading pane no longer tints a passage that is not there.
    assert window.annotation_tools.controller.spans_for("tauern-sleeper") == []

    # Another update with nothing new to tell leaves the researcher alone.
    window.notices.hide()
    window.update_index()
    window.runner.wait_for_done(10_000)
    assert window.notices.isHidden()

    # The passage comes back: the window says so too.
    write(corpus / "tauern-sleeper.txt", CUT, KEPT)
    window.update_index()
    window.runner.wait_for_done(10_000)
    assert window.notices.lines() == [
        "1 annotation found its passage again: “bring bicycles in the last carriage”."
    ]


def test_several_orphans_are_listed_each_with_its_quote_and_article(
    small_library: Any, corpus: Path, make_window: Callable[..., MainWindow]
) -> None:
    ids = [
        small_library.annotate("tauern-sleeper", quote=quote).id
        for quote in ("bring bicycles", "book a place by noon", "in the last carriage")
    ]
    window = make_window(small_library)
    write(corpus / "tauern-sleeper.txt", KEPT)
    window.update_index()
    window.runner.wait_for_done(10_000)
    lines = window.notices.lines()
    assert lines[0] == "3 annotations lost their passages and are kept as orphans:"
    assert [line.strip() for line in lines[1:]] == [  # in reading order
        f"“bring bicycles” — {TITLE}",
        f"“in the last carriage” — {TITLE}",
        f"“book a place by noon” — {TITLE}",
    ]
    assert sorted(window.annotation_notice.annotation_ids) == sorted(ids)
    window.notices.action_button.click()
    assert sorted(window.annotation_tools.panel.selected_ids()) == sorted(ids)
