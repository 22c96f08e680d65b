"""Names no gazetteer holds: found in the text, typed from their context, marked discovered."""

from __future__ import annotations

from reader.core.analysis.entities import Gazetteer, Recognizer
from reader.core.analysis.pipeline import analyze
from tests.core.test_entities_support import assert_offsets, entity_named, make_doc

GEELONG_ARTICLE = [
    "GEELONG -- Finnish Foreign Minister Elina Valtonen met Foreign Minister Penny Wong in "
    "Geelong on Tuesday, the 3rd meeting between the two since the talks in Da Nang last month.",
    "Valtonen said the two governments would open a research office in Tampere. Wong told "
    "reporters that the Finnish Innovation Fund would pay for half of it.",
    "Ministry spokesman Antti Heikkinen said the ministers had met in Surabaya on March 3 and "
    "would meet again in Turku in June.",
    "Speaking after the meeting, Valtonen thanked Ms. Wong. Sponsored Content",
    "The Tuesday talks covered the Baltic Sea and the Tampere Accord.",
]


def _analysis() -> tuple[object, dict]:
    doc = make_doc("geelong", GEELONG_ARTICLE, published="2024-03-19", dateline="GEELONG")
    analysis = analyze(doc)
    assert_offsets(doc, analysis)
    return doc, analysis


def test_new_people_are_discovered_as_persons() -> None:
    _, a = _analysis()
    valtonen = entity_named(a, "Elina Valtonen")
    assert valtonen is not None
    assert valtonen["type"] == "person" and valtonen["known"] is False
    assert valtonen["key"] == "person:elina-valtonen"
    assert valtonen["wikidata"] is None
    # The bare surname later in the article is the same person.
    assert [m["text"] for m in valtonen["mentions"]].count("Valtonen") == 2
    wong = entity_named(a, "Penny Wong")
    assert wong is not None and wong["type"] == "person"
    assert {m["text"] for m in wong["mentions"]} == {"Penny Wong", "Wong"}
    spokesman = entity_named(a, "Antti Heikkinen")
    assert spokesman is not None and spokesman["type"] == "person"


def test_new_places_and_organisations() -> None:
    _, a = _analysis()
    for name in ("Geelong", "Da Nang", "Surabaya", "Tampere", "Turku"):
        ent = entity_named(a, name)
        assert ent is not None, name
        assert ent["type"] == "place", (name, ent["type"])
        assert ent["known"] is False
    geelong = entity_named(a, "Geelong")
    assert {m["text"] for m in geelong["mentions"]} == {"GEELONG", "Geelong"}
    fund = entity_named(a, "Finnish Innovation Fund")
    assert fund is not None and fund["type"] == "organization"
    accord = entity_named(a, "Tampere Accord")
    assert accord is not None and accord["type"] == "document"
    sea = entity_named(a, "Baltic Sea")
    assert sea is not None and sea["type"] == "place"


def test_sentence_initial_words_and_calendar_words_are_not_entities() -> None:
    _, a = _analysis()
    names = {e["name"] for e in a["entities"]}
    for junk in (
        "The",
        "Tuesday",
        "The Tuesday",
        "Sponsored",
        "Sponsored Content",
        "Content",
        "Speaking",
        "March",
        "June",
        "Finnish",
        "Foreign Minister",
        "Ministry",
        "Ms",
    ):
        assert junk not in names, junk
    assert not any(n.startswith(("Finnish Foreign", "Foreign Minister", "Ms")) for n in names)


def test_discovery_does_not_need_the_gazetteer() -> None:
    empty = Gazetteer.from_entries([])
    text = (
        "Opposition leader Maria Kallas said on Monday that Prime Minister Jonas Berg would "
        "visit Tallinn. The Estonian Central Bank disagreed. Kallas, who leads the Reform "
        "Party, spoke in Tartu."
    )
    recs = {r.name: r for r in Recognizer(empty).recognize(text)}
    assert recs["Maria Kallas"].type == "person"
    assert len(recs["Maria Kallas"].mentions) == 2
    assert recs["Jonas Berg"].type == "person"
    assert recs["Tallinn"].type == "place" and recs["Tartu"].type == "place"
    assert recs["Estonian Central Bank"].type == "organization"
    assert recs["Reform Party"].type == "organization"
    assert not {"Monday", "The", "Opposition", "Prime Minister"} & set(recs)
    assert all(not r.known for r in recs.values())
    for r in recs.values():
        for s, e in r.mentions:
            assert text[s:e] in (r.name, r.name.split()[-1])


def test_known_name_inside_a_longer_new_name() -> None:
    text = "Officials of the Japan Fisheries Agency met in Sapporo."
    recs = {r.name: r for r in Recognizer().recognize(text)}
    assert recs["Japan Fisheries Agency"].type == "organization"
    assert "Japan" not in recs


def test_article_without_entities_still_analyses() -> None:
    doc = make_doc("plain", ["nothing here is named, and nothing happens."])
    a = analyze(doc)
    assert a["entities"] == [] and a["meetings"] == [] and a["reported"] is None
    assert a["doc"] == {
        "id": "plain",
        "title": "",
        "publisher": "",
        "published": None,
        "dateline": None,
        "meeting": None,
    }
