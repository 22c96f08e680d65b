"""Meetings in articles the reader has never seen: other leaders, places and ways of dating.

Every meeting that named people hold is found with its participants, level
and date; articles that only use the words ("meet the deadline", "visit our
site", "if we haven't met") give none; and no article's mention rewrites a
meeting another article reports.
"""

from __future__ import annotations

from typing import Any

import pytest

from reader.core.analysis.meetings import ArticleMeetings, MeetingEvent, build_timeline
from reader.core.analysis.pipeline import analyze
from tests.core.test_entities_support import assert_offsets, bundled_analyses, make_doc

ODHIAMBO, MWAKYUSA = "person:amina-odhiambo", "person:joseph-mwakyusa"


def _analyse(doc_id: str, paragraphs: list[str], **kw: Any) -> dict[str, Any]:
    doc = make_doc(doc_id, paragraphs, **kw)
    analysis = analyze(doc)
    assert_offsets(doc, analysis)
    return analysis


def _events(*articles: tuple[str, dict[str, Any]]) -> list[MeetingEvent]:
    return build_timeline(list(articles))


def _summary(events: list[MeetingEvent]) -> list[tuple[Any, ...]]:
    return [(e.date, e.place, e.kind, e.level, set(e.participants)) for e in events]


@pytest.fixture(scope="module")
def east_africa() -> dict[str, Any]:
    return _analyse(
        "nairobi",
        [
            "NAIROBI — Kenyan President Amina Odhiambo and Tanzanian President Joseph Mwakyusa "
            "held talks on Tuesday, their fourth meeting this year.",
            "The two presidents last met in Arusha in November, when they agreed to reopen "
            "the border crossing at Namanga.",
            "Odhiambo and Mwakyusa will meet again in Kampala next month, aides said.",
            "Foreign Minister Halima Njeri met her Tanzanian counterpart, Baraka Kombo, "
            "on 3 February 2023 to prepare the talks.",
            "The leaders are expected to attend a summit in Kigali on June 28-29, officials said.",
        ],
        published="2023-03-09",
        dateline="NAIROBI",
    )


def test_reported_meeting_with_weekday_dateline_and_ordinal(east_africa: dict[str, Any]) -> None:
    rep = east_africa["reported"]
    # Published on Thursday 9 March 2023: "on Tuesday" is the 7th.
    assert (rep["date"], rep["precision"], rep["place"]) == ("2023-03-07", "day", "Nairobi")
    assert rep["ordinal"] == 4
    assert set(rep["participants"]) == {ODHIAMBO, MWAKYUSA}
    assert rep["level"] == "leaders"


def test_every_meeting_of_the_article(east_africa: dict[str, Any]) -> None:
    events = _events(("nairobi", east_africa))
    leaders = {ODHIAMBO, MWAKYUSA}
    assert _summary(events) == [
        ("2022-11", "Arusha", "mentioned", "leaders", leaders),
        (
            "2023-02-03",
            None,
            "mentioned",
            "ministers",
            {"person:halima-njeri", "person:baraka-kombo"},
        ),
        ("2023-03-07", "Nairobi", "reported", "leaders", leaders),
        ("2023-04", "Kampala", "mentioned", "leaders", leaders),
        ("2023-06", "Kigali", "mentioned", "leaders", leaders),
    ]
    kigali = events[-1]
    assert kigali.occasion == "summit" and kigali.title == "Summit in Kigali"
    assert events[1].title == "Meeting of Njeri and Kombo"


def test_counterpart_by_role_and_the_ordinal_written_as_a_number() -> None:
    a = _analyse(
        "vienna",
        [
            "Austrian Chancellor Greta Lind met the Japanese delegation in Vienna on Monday.",
            "It was the 24th meeting of the joint commission since 1995.",
        ],
        published="2024-05-15",
    )
    (event,) = _events(("vienna", a))
    assert (event.date, event.place, event.kind) == ("2024-05-13", "Vienna", "reported")
    assert event.participants == ["person:greta-lind"] and event.level == "leaders"
    assert event.ordinal == 24


def test_relative_dates_need_the_publication_date() -> None:
    paragraphs = [
        "Prime Minister Ravi Menon and President Sofia Albescu met in Bucharest last February.",
    ]
    dated = _analyse("dated", paragraphs, published="2020-06-01")
    assert [(e.date, e.place) for e in _events(("dated", dated))] == [("2020-02", "Bucharest")]
    undated = _analyse("undated", paragraphs)
    (event,) = _events(("undated", undated))
    # The article reports it, but "last February" of when? It stays undated.
    assert event.date is None and event.kind == "reported"


@pytest.mark.parametrize(
    "paragraphs",
    [
        [
            "Suppliers struggled to meet demand in March, and Dana Holt said the plant would "
            "meet the deadline on Friday with Ruth Perez."
        ],
        [
            "If we haven't met yet, my name is Pamela Wilson, and Tom Reyes and I run the club "
            "that meets on Tuesday."
        ],
        [
            "For details, visit our site at www.example.com or meet Sam Ortiz and Lea Grant "
            "at the VIP meet-and-greet cocktail hour, Oct. 26."
        ],
        [
            "Striker Leo Vance is in contract talks with the club, manager Ian Boyd said on "
            "Monday, and talks over a new contract with Vance resume next week."
        ],
        ["After that visit in May, Dr. Ann Ruiz told patient Carl Moss to return in June."],
        [
            "Books: Meet the authors Nora Quinn and Ben Asher at the library on Saturday, "
            "tickets at the door."
        ],
        [
            "Winston Churchill and Joseph Stalin met in 1945, and Otto von Bismarck held talks "
            "in 1870 with Napoleon III."
        ],
        [
            "The proposal was met with criticism from Mayor Jane Kim and Senator Paul Ortiz "
            "on Wednesday."
        ],
        ["Climbers Asha Rai and Pemba Sherpa reached the summit of Mount Everest on May 12."],
        [
            "Top seed Lara Novak will meet Mia Castell in the final on Sunday; the two met "
            "in the third round last year."
        ],
        ["Dr. Ann Ruiz met with patient Carl Moss on Monday to discuss the results."],
        ["Jon Reyes and Ada Brill first met in college in 2018 and married in June."],
    ],
)
def test_articles_that_only_use_the_words_have_no_meeting(paragraphs: list[str]) -> None:
    a = _analyse("words", paragraphs, published="2023-11-20")
    assert a["meetings"] == [] and a["reported"] is None
    assert _events(("words", a)) == []


def test_another_article_never_changes_a_bundled_meeting() -> None:
    before = {e.id: e.to_json() for e in build_timeline(bundled_analyses())}
    other = _analyse(
        "gala",
        [
            "Singer Mara Voss and drummer Eli Stone met fans at a cocktail party in October "
            "last year, and held talks with Russia's Vladimir Putin's biographer Ivan Gorsky "
            "in Osaka in June.",
        ],
        published="2019-07-02",
    )
    after = build_timeline([*bundled_analyses(), ("gala", other)])
    for ev in after:
        if ev.id in before and ev.kind == "reported":
            assert "gala" not in ev.documents
            assert ev.to_json() == before[ev.id]
    october = next(
        e for e in after if e.date == "2018-10" and "person:shinzo-abe" in e.participants
    )
    assert october.documents == before[october.id]["documents"]


def test_analysis_and_events_round_trip_through_json(east_africa: dict[str, Any]) -> None:
    found = ArticleMeetings.from_json(east_africa)
    assert ArticleMeetings.from_json(found.to_json()) == found
    for event in _events(("nairobi", east_africa)):
        assert MeetingEvent.from_json(event.to_json()) == event
