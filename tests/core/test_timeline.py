"""The meetings timeline: reported meetings, mentioned ones, merged across articles."""

from __future__ import annotations

import json
from typing import Any

import pytest

from reader.core.analysis.meetings import MeetingEvent, build_timeline
from reader.core.analysis.pipeline import analyze
from tests.core.test_entities_support import IDS, assert_offsets, bundled_analyses, make_doc


@pytest.fixture(scope="module")
def timeline() -> list[MeetingEvent]:
    return build_timeline(bundled_analyses())


def _find(events: list[MeetingEvent], date: str, place: str | None = None) -> MeetingEvent:
    for ev in events:
        if ev.date == date and (place is None or ev.place == place):
            return ev
    raise AssertionError(f"no event {date} {place}: {[(e.date, e.place) for e in events]}")


ABE, PUTIN = "person:shinzo-abe", "person:vladimir-putin"
KISHIDA, KONO, LAVROV = "person:fumio-kishida", "person:taro-kono", "person:sergey-lavrov"


def test_reported_meetings(timeline: list[MeetingEvent]) -> None:
    reported = [
        (e.date, e.place, e.ordinal, e.reported_by) for e in timeline if e.kind == "reported"
    ]
    assert reported == [
        ("2016-11-19", "Lima", None, [IDS["004"]]),
        ("2018-12-01", "Buenos Aires", 24, [IDS["001"]]),
        ("2019-01-22", "Moscow", 25, [IDS["002"], IDS["003"]]),
        ("2019-06-29", "Osaka", 26, [IDS["000"]]),
    ]
    for ev in timeline:
        if ev.kind == "reported":
            assert ev.precision == "day"
            assert ev.documents[: len(ev.reported_by)] == ev.reported_by
            assert set(ev.participants) == {ABE, PUTIN}
            assert set(ev.participant_names) == {"Shinzo Abe", "Vladimir Putin"}
            assert ev.level == "leaders"


def test_moscow_summit_is_announced_by_the_buenos_aires_article(
    timeline: list[MeetingEvent],
) -> None:
    moscow = _find(timeline, "2019-01-22", "Moscow")
    assert IDS["001"] in moscow.documents  # "the next summit in Russia slated for January"
    passages = [m.passage for m in moscow.mentions if m.doc == IDS["001"]]
    assert any("slated for January" in p for p in passages)
    osaka = _find(timeline, "2019-06-29", "Osaka")
    assert IDS["002"] in osaka.documents  # "their next summit in Japan in June"


@pytest.mark.parametrize(
    ("date", "place", "docs", "phrase", "people", "level"),
    [
        (
            "2018-11",
            "Singapore",
            {IDS["001"], IDS["002"]},
            "two weeks ago",
            {ABE, PUTIN},
            "leaders",
        ),
        ("2018-09", "Vladivostok", {IDS["001"]}, "in September", {ABE, PUTIN}, "leaders"),
        ("2018-10", None, {IDS["000"]}, "October last year", {ABE, PUTIN}, "leaders"),
        ("2016-05", None, {IDS["000"]}, "May 2016", {ABE, "place:russia"}, "leaders"),
        ("2016-12-15", "Yamaguchi", {IDS["004"]}, "Yamaguchi", {ABE, PUTIN}, "leaders"),
        ("2016-12-16", "Tokyo", {IDS["004"]}, "Dec. 16", {ABE, PUTIN}, "leaders"),
        ("2016-12-03", "Russia", {IDS["004"]}, "Dec. 3", {KISHIDA, LAVROV}, "ministers"),
        ("2019-01-14", "Moscow", {IDS["002"]}, "Jan. 14", {KONO, LAVROV}, "ministers"),
        ("2019-02", "Munich", {IDS["002"]}, "Munich in February", {KONO, LAVROV}, "ministers"),
    ],
)
def test_mentioned_meetings(
    timeline: list[MeetingEvent],
    date: str,
    place: str | None,
    docs: set[str],
    phrase: str,
    people: set[str],
    level: str,
) -> None:
    ev = _find(timeline, date, place)
    assert ev.kind == "mentioned"
    assert ev.precision == ("day" if len(date) == 10 else "month")
    assert docs <= set(ev.documents)
    assert any(phrase in m.passage for m in ev.mentions)
    assert set(ev.participants) == people
    assert ev.level == level


def test_nothing_else_on_the_bundled_timeline(timeline: list[MeetingEvent]) -> None:
    assert len(timeline) == 4 + 9
    assert all(ev.date is not None for ev in timeline)


def test_singapore_mentions_merge(timeline: list[MeetingEvent]) -> None:
    singapore = _find(timeline, "2018-11", "Singapore")
    passages = " ".join(m.passage for m in singapore.mentions)
    assert "two weeks ago" in passages and "last November" in passages
    assert len([e for e in timeline if e.place == "Singapore"]) == 1


def test_passages_point_into_the_articles() -> None:
    from tests.core.test_entities_support import bundled_doc

    texts = {IDS[s]: bundled_doc(s).body_text for s in IDS}
    for ev in build_timeline(bundled_analyses()):
        assert ev.mentions, ev.id
        for m in ev.mentions:
            assert texts[m.doc][m.start : m.end] == m.passage


def test_event_json_shape(timeline: list[MeetingEvent]) -> None:
    data = _find(timeline, "2018-12-01").to_json()
    json.dumps(data)
    assert data["title"] == "G20 summit in Buenos Aires"
    assert {
        "id",
        "date",
        "precision",
        "place",
        "title",
        "ordinal",
        "kind",
        "documents",
        "mentions",
    } <= set(data)
    assert set(data["mentions"][0]) >= {"doc", "start", "end", "passage"}
    dates = [e.date for e in timeline if e.date]
    assert dates == sorted(dates)


def _vladivostok_article() -> dict[str, Any]:
    doc = make_doc(
        "vladivostok",
        [
            "VLADIVOSTOK -- Japanese Prime Minister Shinzo Abe and Russian President Vladimir "
            "Putin met on Monday on the sidelines of the Eastern Economic Forum, their 22nd "
            "meeting, and agreed to hold talks again in Singapore in November.",
            "Putin surprised Abe by proposing that the two countries sign a peace treaty "
            "by the end of the year without preconditions.",
        ],
        published="2018-09-10",
        dateline="VLADIVOSTOK",
    )
    analysis = analyze(doc)
    assert_offsets(doc, analysis)
    return analysis


def test_imported_article_joins_the_timeline() -> None:
    analyses = [*bundled_analyses(), ("vladivostok", _vladivostok_article())]
    events = build_timeline(analyses)
    vlad = _find(events, "2018-09-10", "Vladivostok")
    assert vlad.kind == "reported" and vlad.ordinal == 22
    assert vlad.reported_by == ["vladivostok"]
    # The Buenos Aires article's "in Vladivostok in September" is the same meeting now.
    assert IDS["001"] in vlad.documents
    assert not any(e.date == "2018-09" and e.place == "Vladivostok" for e in events)
    singapore = _find(events, "2018-11", "Singapore")
    assert "vladivostok" in singapore.documents


def test_made_up_summit_of_other_leaders() -> None:
    doc = make_doc(
        "summit",
        [
            "President Lena Marsh of Veloria and Chancellor Tomas Rehn held their third summit "
            "on Thursday in Port Alder, a week after their foreign ministers met in Hanoi.",
            "The two leaders will meet again in Quito next year.",
        ],
        published="2021-04-16",
    )
    a = analyze(doc)
    assert_offsets(doc, a)
    rep = a["reported"]
    assert rep["date"] == "2021-04-15" and rep["ordinal"] == 3
    assert rep["place"] == "Port Alder"
    assert rep["level"] == "leaders"
    assert set(rep["participants"]) == {"person:lena-marsh", "person:tomas-rehn"}
    events = build_timeline([("summit", a)])
    # The foreign ministers who met in Hanoi are not named: no meeting of named people.
    assert [(e.date, e.place, e.kind) for e in events] == [
        ("2021-04-15", "Port Alder", "reported"),
        ("2022", "Quito", "mentioned"),
    ]
    assert all(set(e.participant_names) == {"Lena Marsh", "Tomas Rehn"} for e in events)


def test_unknowns_stay_unknown() -> None:
    no_date = make_doc(
        "nodate",
        ["Prime Minister Ana Rudd and President Kofi Maru met in Canberra to discuss trade."],
    )
    a = analyze(no_date)
    rep = a["reported"]
    assert rep is not None
    assert rep["date"] is None and rep["precision"] is None and rep["ordinal"] is None
    assert rep["place"] == "Canberra"
    events = build_timeline([("nodate", a)])
    assert len(events) == 1 and events[0].date is None and events[0].documents == ["nodate"]

    nothing = analyze(make_doc("nothing", ["It rained all day."], published="2020-01-01"))
    assert nothing["reported"] is None and build_timeline([("nothing", nothing)]) == []

    # Relative dates need the article's date: without it they are not guessed.
    undated = analyze(
        make_doc("undated", [LEAD, "They met in Hanoi last month and again on Monday."])
    )
    assert all(m["date"] is None or len(m["date"]) == 4 for m in undated["meetings"])


# Names the two people "they" are in the sentences below.
LEAD = "President Ilse Varga and Prime Minister Tomas Orban spoke to reporters."


@pytest.mark.parametrize(
    ("sentence", "published", "date", "precision"),
    [
        ("They held talks in Hanoi last month.", "2019-03-05", "2019-02", "month"),
        ("They met in Jakarta on March 3.", "2019-03-20", "2019-03-03", "day"),
        ("They met in Jakarta on March 3, 2017.", "2019-03-20", "2017-03-03", "day"),
        ("They will meet in Jakarta on Jan. 4.", "2019-12-20", "2020-01-04", "day"),
        ("The leaders met in Lisbon two weeks ago.", "2018-12-01", "2018-11", "month"),
        ("Their next summit in June will be in Oslo.", "2019-01-22", "2019-06", "month"),
        ("They met in Oslo in May 2016.", "2019-01-22", "2016-05", "month"),
        ("They met in Oslo in 2016.", "2019-01-22", "2016", "year"),
        ("They met in Oslo on Saturday.", "2018-12-01", "2018-12-01", "day"),
        ("They met in Oslo on Saturday.", "2018-12-03", "2018-12-01", "day"),
        ("They met in Oslo yesterday.", "2018-12-03", "2018-12-02", "day"),
        ("They agreed in Oslo last November.", "2019-01-22", "2018-11", "month"),
    ],
)
def test_date_resolution(sentence: str, published: str, date: str, precision: str) -> None:
    a = analyze(make_doc("d", [LEAD, sentence], published=published))
    dated = [m for m in a["meetings"] if m["place"] in ("Hanoi", "Jakarta", "Lisbon", "Oslo")]
    assert [(m["date"], m["precision"]) for m in dated] == [(date, precision)]
