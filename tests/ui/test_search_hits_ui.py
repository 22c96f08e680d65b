"""Hits as a reader counts them: a phrase is one hit; the header's hits are marked and counted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.ui.roles import DocIdRole, HitCountRole
from tests.ui.search_box import type_query


def test_f3_steps_phrase_by_phrase_from_the_title_on(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window = make_window(library)
    type_query(qtbot, window, '"peace treaty"')
    pane = window.reading_pane
    first = library.search('"peace treaty"').hits[0]
    assert first.header_matches, "the best match names the phrase in its title"
    assert pane.document is not None and pane.document.id == first.id
    total = len(first.matches) + len(first.header_matches)
    assert pane.hit_label.text() == f"hit 1 of {total}"
    # The list's Hits column counts the same way.
    row = window.article_list.proxy.index(0, 0)
    assert row.data(DocIdRole) == first.id and row.data(HitCountRole) == total
    current = []
    for _ in range(total):
        current.append(pane.extra_selection_texts()[-1])
        qtbot.keyClick(pane.browser, Qt.Key.Key_F3)
    assert [text.casefold() for text in current] == ["peace treaty"] * total
    assert pane.hit_label.text() == f"hit 1 of {total}"  # round again to the title's


def test_subtitle_and_caption_hits_are_marked(qtbot: QtBot, library: Any, make_window: Any) -> None:
    window = make_window(library)
    type_query(qtbot, window, "Putin")
    hits = {h.id: h for h in library.search("Putin").hits}
    doc_id = next(
        i
        for i, h in hits.items()
        if {p for p, _, _ in h.header_matches}
        >= {
            "subtitle",
            "caption 0",
        }
    )
    assert window.article_list.select(doc_id)
    pane = window.reading_pane
    hit = hits[doc_id]
    assert pane.hit_label.text() == f"hit 1 of {hit.hit_count}"
    marks = pane.extra_selection_texts()
    assert marks.count("Putin") >= hit.hit_count
    assert pane.header_hits() == hit.header_matches
