"""The reading pane on its own: marks at exact offsets, navigation, removed text, safety."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QUrl
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from reader.core.model import Document
from reader.ui.reading_pane import AnnotationSpan, ReadingPane


def _spans(text: str, word: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(word)
    while start >= 0:
        spans.append((start, start + len(word)))
        start = text.find(word, start + 1)
    return spans


def _pane(qtbot: QtBot) -> ReadingPane:
    pane = ReadingPane()
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def test_hits_after_non_bmp_text_mark_the_exact_words(
    qtbot: QtBot, sample_document: Document
) -> None:
    pane = _pane(qtbot)
    body = sample_document.body_text
    hits = _spans(body, "Munich") + _spans(body, "Lavrov")
    pane.show_document(sample_document, hits)
    assert pane.extra_selection_texts()[: len(hits)] == [body[s:e] for s, e in sorted(hits)]
    assert pane.hit_label.text() == "hit 1 of 4"
    pane.next_hit()
    assert pane.hit_label.text() == "hit 2 of 4"
    # The current hit is painted last, over the others.
    assert pane.extra_selection_texts()[-1] == body[slice(*sorted(hits)[1])]
    pane.previous_hit()
    pane.previous_hit()
    assert pane.hit_label.text() == "hit 4 of 4"


def test_selected_span_is_in_body_offsets(qtbot: QtBot, sample_document: Document) -> None:
    pane = _pane(qtbot)
    pane.show_document(sample_document)
    body = sample_document.body_text
    start = body.index("said little")
    end = start + len("said little 😶 else")
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(pane._positions.to_document(start))
    cursor.setPosition(pane._positions.to_document(end), QTextCursor.MoveMode.KeepAnchor)
    pane.browser.setTextCursor(cursor)
    assert pane.selected_span() == (start, end)
    assert body[start:end] == "said little 😶 else"


def test_entity_mentions_and_annotations_are_layered_under_hits(
    qtbot: QtBot, sample_document: Document
) -> None:
    pane = _pane(qtbot)
    body = sample_document.body_text
    pane.show_document(sample_document, _spans(body, "Munich"))
    pane.set_entity_mentions(_spans(body, "Lavrov"))
    start = body.index("Abe")
    pane.set_annotations([AnnotationSpan(start, start + 14, "#88cc88", "why this matters")])
    texts = pane.extra_selection_texts()
    assert texts[0] == "Abe and Putin "
    assert texts[1:3] == ["Lavrov", "Lavrov"]
    assert texts[3:] == ["Munich", "Munich", "Munich"]


def test_show_removed_text_keeps_the_hits(qtbot: QtBot, sample_document: Document) -> None:
    pane = _pane(qtbot)
    body = sample_document.body_text
    pane.show_document(sample_document, _spans(body, "Munich"))
    pane.set_show_removed(True)
    text = pane.browser.toPlainText()
    assert "Subscribe to our newsletter" in text
    assert "subscription plea" in text
    assert pane.extra_selection_texts()[0] == "Munich"
    pane.set_show_removed(False)
    assert "Subscribe to our newsletter" not in pane.browser.toPlainText()


def test_zoom_rebuilds_with_marks_in_place(qtbot: QtBot, sample_document: Document) -> None:
    pane = _pane(qtbot)
    body = sample_document.body_text
    pane.show_document(sample_document, _spans(body, "Lavrov"))
    size = pane.browser.document().defaultFont().pointSizeF()
    pane.zoom_in()
    assert pane.browser.document().defaultFont().pointSizeF() > size
    assert pane.extra_selection_texts()[0] == "Lavrov"


def test_no_resource_is_ever_loaded(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    for url in ("https://tracker.example/pixel.gif", "file:///etc/passwd", "data:,x"):
        assert pane.browser.loadResource(2, QUrl(url)) is None
    assert not pane.browser.openLinks()
    assert not pane.browser.openExternalLinks()


def test_document_text_is_never_parsed_as_markup(qtbot: QtBot) -> None:
    pane = _pane(qtbot)
    hostile = '<img src="https://tracker.example/p.gif"><script>alert(1)</script>'
    pane.show_document(Document(id="x", title=hostile, paragraphs=[hostile]))
    assert pane.browser.toPlainText().count(hostile) == 2


def test_two_hundred_hits_are_each_marked(qtbot: QtBot) -> None:
    # How fast this renders is measured by tests/perf/bench_ui.py, not asserted here.
    paragraphs = [
        " ".join(f"word{n} Munich filler text for the reader" for n in range(10)) for _ in range(20)
    ]
    doc = Document(id="long", title="Long", paragraphs=paragraphs)
    hits = _spans(doc.body_text, "Munich")
    assert len(hits) == 200
    pane = _pane(qtbot)
    pane.show_document(doc, hits)
    assert pane.hit_label.text() == "hit 1 of 200"
    assert pane.extra_selection_texts()[:200] == ["Munich"] * 200


def test_selection_changed_follows_a_selection_from_the_headline_into_the_body(
    qtbot: QtBot, sample_document: Document
) -> None:
    pane = _pane(qtbot)
    pane.show_document(sample_document)
    seen: list[bool] = []
    pane.selection_changed.connect(seen.append)
    doc = pane.browser.document()

    # A selection inside the headline is no body text.
    headline = doc.find("Leaders meet")
    pane.browser.setTextCursor(headline)
    assert pane.selected_span() is None
    assert seen == []

    # Dragged on into the first paragraph, it is; the pane says so.
    extended = QTextCursor(headline)
    extended.setPosition(doc.find("Abe and Putin").selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    pane.browser.setTextCursor(extended)
    assert pane.selected_span() is not None
    assert seen == [True]

    # Moved back into the headline: no longer body text.
    pane.browser.setTextCursor(doc.find("Osaka"))  # the headline's "Osaka"
    assert pane.selected_span() is None
    assert seen == [True, False]

    # Another article starts with nothing selected.
    pane.browser.setTextCursor(extended)
    pane.show_document(sample_document)
    assert seen == [True, False, True, False]


def test_the_text_column_is_centred_in_the_viewport_at_every_width(
    qtbot: QtBot, sample_document: Document
) -> None:
    # The pane works out the viewport's width without asking for the viewport
    # (see ArticleBrowser.viewport_width); it must be the viewport's own,
    # with the scroll bar shown (a long article, narrow) or not (wide).
    pane = _pane(qtbot)
    pane.show_document(sample_document, [])
    for width in (900, 640, 1200, 300, 2400):
        pane.resize(width, 700)
        qtbot.wait(1)
        viewport = pane.browser.viewport().width()
        assert pane.browser.viewport_width() == viewport
        frame = pane.browser.document().rootFrame().frameFormat()
        assert abs(frame.leftMargin() - frame.rightMargin()) < 0.5
        assert frame.leftMargin() >= 24


def test_header_says_where_the_metadata_came_from(qtbot: QtBot) -> None:
    doc = Document(
        id="sources",
        title="Ferry cooperative buys a second boat",
        publisher="Harbour Lantern",
        published="2023-06-15",
        published_source="url",
        language="fr",
        paragraphs=["The cooperative voted on Thursday to buy a second boat."],
        provenance={"published": "url", "publisher": "opengraph", "language": "detected"},
    )
    pane = _pane(qtbot)
    pane.show_document(doc)
    lines = pane.browser.toPlainText().splitlines()
    assert (
        "Sources: date from the page address · publisher from the page's Open Graph tags"
        " · language detected from the text"
    ) in lines
    # The body still starts where its offsets say.
    assert pane.selected_span() is None


def test_tens_of_thousands_of_hits_are_painted_near_the_view_only(qtbot: QtBot) -> None:
    from reader.ui.reading_pane import MARK_ALL_LIMIT, MARK_WINDOW

    paragraphs = [
        f"Paragraph {i}: the ferry to Rishiri sailed late, and the ferry back later still."
        for i in range(3000)
    ]
    doc = Document(id="ferries", title="Ferry times", paragraphs=paragraphs)
    hits = _spans(doc.body_text, "ferry")
    assert len(hits) > MARK_ALL_LIMIT
    pane = _pane(qtbot)
    pane.show_document(doc, hits)
    assert pane.hit_label.text() == f"hit 1 of {len(hits)}"  # every hit counts
    painted = pane.extra_selection_texts()
    assert MARK_WINDOW < len(painted) <= 3 * MARK_WINDOW + 1  # but only these are painted
    assert set(painted) == {"ferry"}
    # Far down, the hits in view are painted too, and the current one.
    pane.go_to_hit(len(hits) - 1)
    assert pane.hit_label.text() == f"hit {len(hits)} of {len(hits)}"
    last_start = pane._mark_span(len(hits) - 1)[0]
    selections = pane.browser.extraSelections()
    starts = [s.cursor.selectionStart() for s in selections]
    assert last_start in starts[:-1]  # painted as a hit, under the current-hit mark


def _long_article(count: int = 1200) -> Document:
    paragraphs = [
        f"Section {i:04d}. The lighthouse keeper at Cape Otway logged {i} ships"
        f" passing in fog, and the tender from Apollo Bay came late again."
        for i in range(count)
    ]
    paragraphs[1000] = "Section 1000. A 😶 keeper wrote of the Otway fog signal, broken twice."
    return Document(id="otway-log", title="The Otway light log", paragraphs=paragraphs)


def _text_at_view_top(pane: ReadingPane) -> str:
    from PySide6.QtCore import QPoint

    cursor = pane.browser.cursorForPosition(QPoint(0, 0))
    return cursor.block().text()


def test_a_long_article_is_held_a_part_at_a_time_and_every_mark_still_works(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.reading_pane as reading_pane

    # Small parts, so a test-sized article is "long".
    monkeypatch.setattr(reading_pane, "WHOLE_LIMIT", 20_000)
    monkeypatch.setattr(reading_pane, "PAGE_CHARS", 12_000)
    doc = _long_article()
    body = doc.body_text
    assert len(body) > 100_000
    hits = _spans(body, "Otway")
    pane = _pane(qtbot)
    pane.show_document(doc, hits, header_hits=[("title", 4, 9)])
    # Only a part of the body is in the document, but every hit counts.
    assert pane.browser.document().characterCount() < 20_000
    assert pane.hit_label.text() == f"hit 1 of {len(hits) + 1}"
    assert pane.extra_selection_texts()[-1] == "Otway"  # the headline's hit, current
    # F3 back from the first hit wraps to the last, at the far end of the article.
    pane.previous_hit()
    assert pane.hit_label.text() == f"hit {len(hits) + 1} of {len(hits) + 1}"
    start, end = pane.shown_part()
    assert start <= hits[-1][0] and hits[-1][1] <= end and start > 0
    assert pane.extra_selection_texts()[-1] == "Otway"
    assert "continued" in pane.browser.toPlainText().splitlines()[0]
    # And forward again wraps to the headline's hit, with the header back.
    pane.next_hit()
    assert pane.shown_part()[0] == 0
    assert "The Otway light log" in pane.browser.toPlainText()

    # A tint and an entity mention far down are painted when their part is shown.
    tinted = body.index("Section 1000. A 😶 keeper")
    mention = body.index("Apollo Bay", tinted)
    pane.set_annotations([AnnotationSpan(tinted, tinted + 24, "#88cc88", "the signal")])
    pane.set_entity_mentions([(mention, mention + len("Apollo Bay"))])
    pane.scroll_to_span(tinted)
    texts = pane.extra_selection_texts()
    assert body[tinted : tinted + 24] in texts and "Apollo Bay" in texts

    # Selecting there gives body offsets of the whole article (past a non-BMP character).
    words = "keeper wrote of the Otway"
    at = body.index(words, tinted)
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(pane._positions.to_document(at))
    cursor.setPosition(
        pane._positions.to_document(at + len(words)), QTextCursor.MoveMode.KeepAnchor
    )
    pane.browser.setTextCursor(cursor)
    assert pane.selected_span() == (at, at + len(words))


def test_scrolling_to_the_edge_of_a_part_shows_the_next_without_moving_the_text(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.reading_pane as reading_pane

    monkeypatch.setattr(reading_pane, "WHOLE_LIMIT", 20_000)
    monkeypatch.setattr(reading_pane, "PAGE_CHARS", 12_000)
    doc = _long_article()
    pane = _pane(qtbot)
    pane.show_document(doc)
    first_part = pane.shown_part()
    bar = pane.browser.verticalScrollBar()
    pane.browser.document().documentLayout().documentSize()
    before = bar.maximum() - pane.browser.viewport().height() - 40
    bar.setValue(before)
    assert pane.shown_part() == first_part  # not yet at the edge
    at_top = _text_at_view_top(pane)
    # A passage selected near the edge stays selected when the part turns.
    position = pane.browser.cursorForPosition(QPoint(0, 0)).position()
    body_at = pane._positions.to_body(position)
    assert body_at is not None
    words = doc.body_text[body_at : body_at + 500]
    start = body_at + words.index("The lighthouse keeper")
    selected = (start, start + len("The lighthouse keeper"))
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(pane._positions.to_document(selected[0]))
    cursor.setPosition(pane._positions.to_document(selected[1]), QTextCursor.MoveMode.KeepAnchor)
    pane.browser.setTextCursor(cursor)
    pane._turn_part(forward=True)  # what reaching the edge does
    assert pane.selected_span() == selected
    later_part = pane.shown_part()
    assert later_part[0] > first_part[0] and later_part[1] > first_part[1]
    assert _text_at_view_top(pane) == at_top  # the reader's place did not move
    # Scrolling to the edge turns too, and scrolling to the top edge turns back.
    bar.setValue(bar.maximum())
    assert pane.shown_part()[1] > later_part[1]
    for _ in range(100):
        if pane.shown_part()[0] == 0:
            break
        bar.setValue(0)
    assert pane.shown_part()[0] == 0
    assert "The Otway light log" in pane.browser.toPlainText()
