"""The timeline strip in the real window: click a meeting, step with the arrow keys."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette, QWheelEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.library import MeetingEvent
from reader.ui.main_window import MainWindow
from reader.ui.timeline_view import (
    BREAK_GAP,
    STRIP_HEIGHT,
    KindRole,
    MeetingListModel,
    OrdinalRole,
    PlaceRole,
    TargetRole,
    TimelineView,
    human_date,
    layout_slots,
    meeting_label,
    meeting_tooltip,
    ordinal,
    surname,
)

OSAKA = "000_5f0500b3071f7868"
BUENOS_AIRES = "001_e7cd980b6579670b"
MOSCOW = "002_88f331eb946bdea1"


def _window(library: Any, make_window: Any) -> tuple[MainWindow, TimelineView]:
    window = make_window(library)
    timeline = window.timeline
    assert window.timeline_dock.isVisible()
    return window, timeline


def _row(timeline: TimelineView, place: str, kind: str = "reported") -> int:
    model = timeline.model
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(PlaceRole) == place and index.data(KindRole) == kind:
            return row
    raise AssertionError(f"no {kind} meeting in {place}")


def _click(qtbot: QtBot, timeline: TimelineView, row: int) -> None:
    centre = timeline.strip.marker_center(row)
    qtbot.mouseClick(
        timeline.strip, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y()))
    )


def test_clicking_the_osaka_meeting_opens_its_article_at_the_passage(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window, timeline = _window(library, make_window)
    window.open_article_at(MOSCOW)
    osaka = _row(timeline, "Osaka")
    qtbot.waitExposed(timeline.strip)

    with qtbot.waitSignal(timeline.meetingActivated) as blocker:
        _click(qtbot, timeline, osaka)

    doc_id, offset = blocker.args
    assert doc_id == OSAKA
    pane = window.reading_pane
    assert pane.document is not None and pane.document.id == OSAKA
    event = timeline.model.event_at(osaka)
    passage = next(m for m in event.mentions if m.doc == OSAKA and m.start == offset)
    assert pane.document.body_text[passage.start : passage.end] == passage.passage
    assert passage.kind == "reported"
    # The Osaka meeting is now the current one and the one the article reports.
    assert timeline.current_row() == osaka
    assert timeline.strip.article_rows() == [osaka]


def test_right_and_left_step_between_meetings(qtbot: QtBot, library: Any, make_window: Any) -> None:
    window, timeline = _window(library, make_window)
    window.open_article_at(BUENOS_AIRES)
    buenos_aires = _row(timeline, "Buenos Aires")
    # The article's own meeting is current when it opens.
    assert timeline.current_row() == buenos_aires

    window.activateWindow()
    qtbot.waitActive(window)
    timeline.strip.setFocus()
    with qtbot.waitSignal(timeline.meetingActivated) as blocker:
        qtbot.keyClick(timeline.strip, Qt.Key.Key_Right)
    assert timeline.current_row() == buenos_aires + 1
    nxt = timeline.model.event_at(buenos_aires + 1)
    assert blocker.args == list(timeline.model.index(buenos_aires + 1, 0).data(TargetRole))
    assert window.reading_pane.document.id in nxt.documents

    qtbot.keyClick(timeline.strip, Qt.Key.Key_Left)
    qtbot.keyClick(timeline.strip, Qt.Key.Key_Left)
    assert timeline.current_row() == buenos_aires - 1
    qtbot.keyClick(timeline.strip, Qt.Key.Key_Home)
    assert timeline.current_row() == 0
    qtbot.keyClick(timeline.strip, Qt.Key.Key_Left)  # stays at the first
    assert timeline.current_row() == 0
    qtbot.keyClick(timeline.strip, Qt.Key.Key_End)
    assert timeline.current_row() == timeline.model.rowCount() - 1


def test_the_strip_is_focusable_and_named(library: Any, make_window: Any) -> None:
    _, timeline = _window(library, make_window)
    strip = timeline.strip
    assert strip.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert strip.accessibleName() == "Timeline of meetings"
    timeline.strip.set_current_row(_row(timeline, "Osaka"))
    assert "Osaka" in strip.accessibleDescription()


def test_every_meeting_in_date_order_reported_and_mentioned(library: Any) -> None:
    model = MeetingListModel()
    model.set_events(library.timeline())
    dates = [model.event_at(r).date for r in range(model.rowCount())]
    dated = [d for d in dates if d]
    assert dated == sorted(dated)
    kinds = {model.index(r, 0).data(KindRole) for r in range(model.rowCount())}
    assert kinds == {"reported", "mentioned"}
    reported = {
        model.index(r, 0).data(PlaceRole): model.index(r, 0).data(OrdinalRole)
        for r in range(model.rowCount())
        if model.index(r, 0).data(KindRole) == "reported"
    }
    assert reported == {"Lima": None, "Buenos Aires": 24, "Moscow": 25, "Osaka": 26}


def test_tooltip_has_date_place_ordinal_and_kind(library: Any) -> None:
    osaka = next(e for e in library.timeline() if e.place == "Osaka" and e.kind == "reported")
    tip = meeting_tooltip(osaka)
    assert "29 June 2019" in tip
    assert "Osaka · 26th meeting" in tip
    assert "Reported by 1 article" in tip


def test_the_axis_stays_legible_where_meetings_cluster() -> None:
    years = ["2016"] * 5 + ["2018"] * 4 + ["2019"] * 4
    slots, bands, needed = layout_slots(years, 1200)
    assert needed == 1200
    xs = [s.x for s in slots]
    assert xs == sorted(xs)
    # Meetings a day apart still get a full slot each.
    assert min(b - a for a, b in pairwise(xs)) >= slots[0].width - 1e-6
    assert [(b.label, b.broken_before) for b in bands] == [
        ("2016", False),
        ("2018", True),
        ("2019", False),
    ]
    assert bands[1].left - bands[0].right == BREAK_GAP
    # Too many meetings for the width: the strip asks for more and scrolls.
    _slots, _bands, wide = layout_slots(["2019"] * 100, 800)
    assert wide > 800


def test_ordinals() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 24, 26, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "24th",
        "26th",
        "101st",
    ]


def test_timeline_model_passes_the_model_tester(qtmodeltester: Any, library: Any) -> None:
    model = MeetingListModel()
    model.set_events(library.timeline())
    qtmodeltester.check(model)
    qtmodeltester.check(MeetingListModel())


# The tooltip is a window of its own, which the offscreen platform cannot raise.
@pytest.mark.qt_log_ignore(r"^This plugin does not support raise\(\)$")
def test_hovering_a_meeting_shows_its_tooltip(qtbot: QtBot, library: Any, make_window: Any) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    _, timeline = _window(library, make_window)
    qtbot.waitExposed(timeline.strip)
    osaka = _row(timeline, "Osaka")
    centre = timeline.strip.marker_center(osaka).toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, centre, timeline.strip.mapToGlobal(centre))
    QApplication.sendEvent(timeline.strip, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Osaka · 26th meeting" in QToolTip.text()
    assert "29 June 2019" in QToolTip.text()
    QToolTip.hideText()


@pytest.mark.parametrize("where", ["reading pane", "search box", "article list"])
def test_previous_and_next_meeting_work_from_anywhere_in_the_window(
    qtbot: QtBot, library: Any, make_window: Any, where: str
) -> None:
    window, timeline = _window(library, make_window)
    window.open_article_at(BUENOS_AIRES)
    buenos_aires = _row(timeline, "Buenos Aires")
    assert timeline.current_row() == buenos_aires
    assert window.previous_meeting_action in window.view_menu.actions()
    assert window.next_meeting_action in window.view_menu.actions()
    focus = {
        "reading pane": window.reading_pane.browser,
        "search box": window.search_bar.line_edit,
        "article list": window.article_list.view,
    }[where]
    focus.setFocus()
    qtbot.waitUntil(focus.hasFocus)
    ctrl = Qt.KeyboardModifier.ControlModifier

    with qtbot.waitSignal(timeline.meetingActivated):
        qtbot.keyClick(focus, Qt.Key.Key_BracketRight, ctrl)
    assert timeline.current_row() == buenos_aires + 1
    assert window.reading_pane.document.id in timeline.model.event_at(buenos_aires + 1).documents

    qtbot.keyClick(focus, Qt.Key.Key_BracketLeft, ctrl)
    qtbot.keyClick(focus, Qt.Key.Key_BracketLeft, ctrl)
    assert timeline.current_row() == buenos_aires - 1
    assert window.reading_pane.document.id in timeline.model.event_at(buenos_aires - 1).documents
    # The keys moved between meetings and did nothing else where the focus was.
    assert window.search_bar.line_edit.text() == ""


def test_the_meeting_shortcuts_take_no_key_the_platform_or_the_window_uses(
    library: Any, make_window: Any
) -> None:
    window, _ = _window(library, make_window)
    meeting_actions = {window.previous_meeting_action, window.next_meeting_action}
    ours = [key for action in meeting_actions for key in action.shortcuts()]
    assert sorted(k.toString() for k in ours) == ["Ctrl+[", "Ctrl+]"]
    standard = {
        key
        for standard_key in QKeySequence.StandardKey
        if standard_key != QKeySequence.StandardKey.UnknownKey
        for key in QKeySequence.keyBindings(standard_key)
    }
    others = {
        key
        for action in window.findChildren(QAction)
        if action not in meeting_actions
        for key in action.shortcuts()
    }
    assert not set(ours) & standard
    assert not set(ours) & others


def test_every_marker_of_a_kind_is_drawn_alike_whatever_the_article(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window, timeline = _window(library, make_window)
    window.open_article_at(OSAKA)  # rings the Osaka meeting, leaves the others plain
    strip = timeline.strip
    qtbot.waitExposed(strip)
    image = strip.grab().toImage()
    ratio = image.devicePixelRatio()
    base = strip.palette().color(QPalette.ColorRole.Base).name()

    def centre_colour(row: int) -> str:
        centre = strip.marker_center(row)
        return image.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio)).name()

    model = timeline.model
    current = timeline.current_row()
    reported = [r for r in range(model.rowCount()) if model.event_at(r).kind == "reported"]
    mentioned = [
        r
        for r in range(model.rowCount())
        if model.event_at(r).kind == "mentioned" and r != current  # its column is tinted
    ]
    assert len(reported) == 4 and strip.article_rows() == [_row(timeline, "Osaka")]
    # Filled in one ink, the open article's meeting included (its ring is what differs)…
    assert len({centre_colour(r) for r in reported}) == 1
    assert centre_colour(reported[0]) != base
    # …and the mentioned ones hollow.
    assert {centre_colour(r) for r in mentioned} == {base}


# -- the meeting's articles in the list ------------------------------------------

LAVROV = "person:sergey-lavrov"


def test_clicking_the_osaka_meeting_lists_only_its_articles(
    qtbot: QtBot, library: Any, make_window: Any, qtmodeltester: Any
) -> None:
    window, timeline = _window(library, make_window)
    articles = window.article_list
    osaka = _row(timeline, "Osaka")
    event = timeline.model.event_at(osaka)
    assert sorted(event.documents) == [OSAKA, MOSCOW, "003_f58378006adc5005"]
    qtbot.waitExposed(timeline.strip)

    _click(qtbot, timeline, osaka)

    assert sorted(articles.visible_doc_ids()) == sorted(event.documents)
    assert articles.current_doc_id() == OSAKA == window.reading_pane.document.id
    assert (
        articles.filter_text() == "Articles about: G20 summit in Osaka: Abe and Putin, 29 June 2019"
    )
    assert articles.filter_bar.isVisible()
    assert "filtered from 5" in articles.caption.text()
    qtmodeltester.check(articles.proxy)

    articles.filter_bar.clear_button.click()

    assert articles.proxy.rowCount() == 5
    assert articles.filter_text() == "" and not articles.filter_bar.isVisible()
    assert window.reading_pane.document.id == OSAKA  # the open article stays
    qtmodeltester.check(articles.proxy)


def test_an_entity_and_a_meeting_replace_each_others_filter(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window, timeline = _window(library, make_window)
    window.open_article_at(MOSCOW)
    sidebar = window.entity_sidebar
    articles = window.article_list
    lavrov = set(library.entity(LAVROV).documents)
    assert window.show_entity("Sergey Lavrov")
    assert set(articles.visible_doc_ids()) == lavrov
    assert articles.filter_text() == "Articles about: Sergey Lavrov"

    # The timeline shows his meetings now; the ministers' meeting in Munich is one.
    munich = _row(timeline, "Munich", "mentioned")
    qtbot.waitExposed(timeline.strip)
    _click(qtbot, timeline, munich)
    assert sorted(articles.visible_doc_ids()) == sorted(timeline.model.event_at(munich).documents)
    assert articles.filter_text().startswith("Articles about: Meeting in Munich")
    # The entity stays selected (its mentions marked); only the list's filter changed.
    assert sidebar.selected_key() == LAVROV

    # In the Moscow article (one of the meeting's, which mentions him) a click
    # on the entity, still selected, brings its filter back.
    articles.select(MOSCOW)
    assert window.reading_pane.document.id == MOSCOW
    index = sidebar.tree_model.index_of(LAVROV)
    qtbot.waitExposed(sidebar.tree)
    sidebar.tree.scrollTo(index)
    rect = sidebar.tree.visualRect(index)
    qtbot.mouseClick(sidebar.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert set(articles.visible_doc_ids()) == lavrov
    assert articles.filter_text() == "Articles about: Sergey Lavrov"

    # The bar's ✕ clears an entity's filter together with the entity.
    articles.filter_bar.clear_button.click()
    assert sidebar.selected_key() == ""
    assert window.reading_pane._entity_spans == []
    assert articles.proxy.rowCount() == 5


def test_show_all_articles_clears_a_meeting_filter_too(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window, timeline = _window(library, make_window)
    window.open_article_at(MOSCOW)
    assert window.show_entity("Sergey Lavrov")
    qtbot.waitExposed(timeline.strip)
    _click(qtbot, timeline, _row(timeline, "Munich", "mentioned"))
    assert window.article_list.proxy.rowCount() == 1

    window.entity_sidebar.clear_button.click()

    assert window.article_list.proxy.rowCount() == 5
    assert window.article_list.filter_text() == ""


def test_stepping_between_meetings_moves_the_filter(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window, timeline = _window(library, make_window)
    window.open_article_at(BUENOS_AIRES)
    buenos_aires = _row(timeline, "Buenos Aires")
    focus = window.article_list.view
    focus.setFocus()
    qtbot.waitUntil(focus.hasFocus)
    ctrl = Qt.KeyboardModifier.ControlModifier

    qtbot.keyClick(focus, Qt.Key.Key_BracketRight, ctrl)
    following = timeline.model.event_at(buenos_aires + 1)
    assert sorted(window.article_list.visible_doc_ids()) == sorted(following.documents)
    assert following.title in window.article_list.filter_text()

    qtbot.keyClick(focus, Qt.Key.Key_BracketLeft, ctrl)
    here = timeline.model.event_at(buenos_aires)
    assert sorted(window.article_list.visible_doc_ids()) == sorted(here.documents)
    assert window.article_list.filter_text() == (
        "Articles about: G20 summit in Buenos Aires: Abe and Putin, 1 December 2018"
    )


# -- dated and undated, levels, one person's meetings, scrolling -------------------


def _event(
    n: int, date: str | None, *, kind: str = "reported", level: str = "leaders"
) -> MeetingEvent:
    people = [f"person:envoy-{n}", "person:ida-lund"]
    return MeetingEvent(
        id=f"m{n}",
        date=date,
        precision="day" if date else None,
        place=f"Town {n}",
        place_key=f"place:town-{n}",
        title=f"Meeting in Town {n}",
        ordinal=None,
        kind=kind,
        level=level,
        documents=[f"doc{n}"],
        reported_by=[f"doc{n}"] if kind == "reported" else [],
        participants=people,
        participant_names=[f"Rosa Mirza-{n}", "Ida Lund"],
    )


class _Library:
    def __init__(self, events: list[MeetingEvent]) -> None:
        self.events = events

    def timeline(self) -> list[MeetingEvent]:
        return list(self.events)

    def summaries(self) -> list[Any]:
        return []


def _view(qtbot: QtBot, sync_runner: Any, events: list[MeetingEvent], width: int) -> TimelineView:
    view = TimelineView(_Library(events), sync_runner)
    qtbot.addWidget(view)
    view.resize(width, STRIP_HEIGHT)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    return view


def test_undated_meetings_are_listed_beside_the_strip_never_on_it(
    qtbot: QtBot, sync_runner: Any
) -> None:
    events = [_event(1, "2020-03-04"), _event(2, None), _event(3, "2021-05-06", kind="mentioned")]
    view = _view(qtbot, sync_runner, events, 1100)
    assert [view.model.event_at(r).id for r in range(view.model.rowCount())] == ["m1", "m3"]
    assert view.undated_model.rowCount() == 1
    assert view.undated_list.isVisible() and view.undated_label.text() == "Undated (1)"
    label = view.undated_model.index(0, 0).data()
    assert label == "Meeting in Town 2: Mirza-2 and Lund, date not given"
    # Choosing it opens its article like a meeting on the strip.
    with qtbot.waitSignal(view.meetingActivated) as blocker:
        qtbot.mouseClick(
            view.undated_list.viewport(),
            Qt.MouseButton.LeftButton,
            pos=view.undated_list.visualRect(view.undated_model.index(0, 0)).center(),
        )
    assert blocker.args[0] == "doc2"
    # The legend sits beside the strip, never over a year or a meeting.
    legend = QRect(view.legend.mapTo(view, QPoint(0, 0)), view.legend.size())
    assert not legend.intersects(view.scroll_area.geometry())


def test_a_marker_shows_the_level_of_who_met(qtbot: QtBot, sync_runner: Any) -> None:
    events = [
        _event(1, "2020-03-04", level="leaders"),
        _event(2, "2020-04-04", level="ministers"),
        _event(3, "2020-05-04", level="officials"),
    ]
    view = _view(qtbot, sync_runner, events, 1100)
    strip = view.strip
    image = strip.grab().toImage()
    ratio = image.devicePixelRatio()
    paper = strip.palette().color(QPalette.ColorRole.Base)
    base = "empty"

    def colour(row: int, dx: float, dy: float) -> str:
        """The pixel's colour, or "empty" where it is (all but) the background."""
        c = strip.marker_center(row)
        pixel = image.pixelColor(int((c.x() + dx) * ratio), int((c.y() + dy) * ratio))
        channels = zip(pixel.getRgb()[:3], paper.getRgb()[:3], strict=True)
        return base if all(abs(a - b) < 24 for a, b in channels) else pixel.name()

    # A circle (leaders) and a square (officials) cover the point up and right of the
    # centre that a diamond (ministers) leaves empty; the square also fills its corner,
    # which the circle leaves empty.
    assert colour(0, 4.2, -4.2) != base
    assert colour(1, 4.2, -4.2) == base
    assert colour(2, 4.2, -4.2) != base
    assert colour(0, 5.4, -5.4) == base and colour(2, 5.4, -5.4) != base
    assert {colour(r, 0, 0) for r in range(3)} != {base}


def test_choosing_a_person_narrows_the_strip_to_their_meetings(
    qtbot: QtBot, library: Any, make_window: Any
) -> None:
    window, timeline = _window(library, make_window)
    everything = timeline.model.rowCount()
    window.entity_sidebar.select_entity(LAVROV)
    qtbot.waitUntil(lambda: timeline.narrowed_to() == LAVROV)
    shown = [timeline.model.event_at(r) for r in range(timeline.model.rowCount())]
    assert [(e.date, e.place) for e in shown] == [
        ("2016-12-03", "Russia"),
        ("2019-01-14", "Moscow"),
        ("2019-02", "Munich"),
    ]
    assert all(LAVROV in e.participants and e.level == "ministers" for e in shown)
    assert timeline.filter_label.isVisible()
    assert timeline.filter_label.text() == "Sergey Lavrov: 3 meetings"
    # A place is nobody's meetings: everything again.
    timeline.narrow_to("place:osaka")
    assert timeline.model.rowCount() == everything
    assert not timeline.filter_label.isVisible()


def test_a_strip_too_long_for_the_window_scrolls_by_bar_wheel_and_keys(
    qtbot: QtBot, sync_runner: Any
) -> None:
    events = [_event(n, f"2020-{n % 12 + 1:02d}-{n % 27 + 1:02d}") for n in range(40)]
    events.sort(key=lambda e: e.date or "")
    view = _view(qtbot, sync_runner, events, 900)
    bar = view.scroll_area.horizontalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.isVisible())
    # The wheel over the strip moves it sideways.
    start = bar.value()
    wheel = QWheelEvent(
        QPointF(50, 40),
        QPointF(view.strip.mapToGlobal(QPoint(50, 40))),
        QPoint(0, 0),
        QPoint(0, -240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.strip, wheel)
    assert bar.value() > start
    # Stepping to the last meeting brings it into view, where the mouse can reach it.
    bar.setValue(0)
    view.strip.set_current_row(len(events) - 2)
    view.next_meeting()
    last = view.strip.slot_rect(len(events) - 1)
    visible = view.scroll_area.viewport().rect().translated(bar.value(), 0)
    assert visible.contains(last.center().toPoint())
    with qtbot.waitSignal(view.meetingActivated) as blocker:
        centre = view.strip.marker_center(len(events) - 1)
        qtbot.mouseClick(
            view.strip, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y()))
        )
    assert blocker.args[0] == events[-1].documents[0]


def test_no_label_repeats_the_date(library: Any) -> None:
    for event in library.timeline():
        label = meeting_label(event)
        assert "Meeting, " not in label
        assert label.count(human_date(event.date, event.precision)) == 1
        assert event.participant_names and all(
            surname(n) in label or n in label for n in event.participant_names
        )
