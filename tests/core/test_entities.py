"""Entities of the bundled articles: known names found, their surface forms linked."""

from __future__ import annotations

import json

import pytest

from reader.core.analysis.entities import (
    Gazetteer,
    corpus_entities,
    default_gazetteer,
    document_entities,
)
from reader.core.analysis.pipeline import ANALYSIS_VERSION, analyze
from tests.core.test_entities_support import (
    IDS,
    assert_offsets,
    bundled_analyses,
    bundled_analysis,
    bundled_doc,
    entity,
    surface_forms,
)

ABE = "person:shinzo-abe"
PUTIN = "person:vladimir-putin"
LAVROV = "person:sergey-lavrov"
TERRITORY = "place:northern-territories"
G20 = "organization:g20"
DECLARATION = "document:1956-soviet-japanese-joint-declaration"
US = "place:united-states"


@pytest.mark.parametrize("short", sorted(IDS))
def test_offsets_slice_the_body_text(short: str) -> None:
    doc = bundled_doc(short)
    analysis = analyze(doc)
    assert_offsets(doc, analysis)
    assert analysis["version"] == ANALYSIS_VERSION
    assert analysis["doc"]["id"] == IDS[short]
    assert all(e["key"] for e in analysis["entities"])
    json.dumps(analysis)  # cacheable as it is


def test_abe_and_his_surface_forms_are_one_person() -> None:
    a = bundled_analysis("000")
    assert surface_forms(a, ABE) >= {"Shinzo Abe", "Abe"}
    ent = entity(a, ABE)
    assert ent is not None
    assert ent["known"] is True and ent["type"] == "person" and ent["wikidata"] == "Q132345"
    # "Japanese Prime Minister Shinzo Abe" is a mention of Abe, not a new entity.
    assert not any("Prime Minister" in e["name"] for e in a["entities"])


def test_lavrov_spellings_link() -> None:
    assert surface_forms(bundled_analysis("002"), LAVROV) == {"Sergey Lavrov", "Lavrov"}
    gaz = default_gazetteer()
    assert gaz.lookup("Sergei Lavrov").key == LAVROV


def test_disputed_territory_names_are_one_place() -> None:
    forms = set()
    for short in IDS:
        forms |= surface_forms(bundled_analysis(short), TERRITORY)
    assert {
        "Northern Territories",
        "southern Kurils",
        "Southern Kurils",
        "southern Kuril Islands",
        "four islands north of Hokkaido",
    } <= forms
    gaz = default_gazetteer()
    assert gaz.lookup("Southern Kuril Islands").key == TERRITORY


def test_g20_and_declaration_and_us() -> None:
    g20 = surface_forms(bundled_analysis("001"), G20) | surface_forms(bundled_analysis("000"), G20)
    assert {"Group of 20", "G-20"} <= g20
    assert default_gazetteer().lookup("G20").key == G20
    decl = set()
    for short in IDS:
        decl |= surface_forms(bundled_analysis(short), DECLARATION)
    assert {
        "1956 declaration",
        "1956 joint declaration",
        "Soviet-Japanese declaration of 1956",
    } <= decl
    # "the joint declaration" later in the same article is the 1956 one.
    assert "joint declaration" in surface_forms(bundled_analysis("002"), DECLARATION)
    assert surface_forms(bundled_analysis("001"), US) == {"U.S."}


@pytest.mark.parametrize(
    ("short", "keys"),
    [
        (
            "000",
            {"place:osaka", "organization:mitsui-co", "organization:novatek", "event:world-war-ii"},
        ),
        (
            "001",
            {
                "person:taro-kono",
                "person:takeo-mori",
                "person:igor-morgulov",
                "place:singapore",
                "place:vladivostok",
                "person:donald-trump",
                "place:kerch-strait",
            },
        ),
        (
            "002",
            {"place:habomai", "place:shikotan", "event:munich-security-conference", "place:tokyo"},
        ),
        ("003", {"place:moscow", "place:shikotan", "place:habomai", "organization:g20"}),
        (
            "004",
            {
                "person:fumio-kishida",
                "person:hiroshige-seko",
                "place:lima",
                "place:yamaguchi",
                "organization:apec",
                "organization:japan-national-tourism-organization",
            },
        ),
    ],
)
def test_known_entities_per_article(short: str, keys: set[str]) -> None:
    found = {e["key"] for e in bundled_analysis(short)["entities"]}
    assert keys <= found


@pytest.mark.parametrize("short", sorted(IDS))
def test_no_junk_entities(short: str) -> None:
    names = {e["name"] for e in bundled_analysis(short)["entities"]}
    junk = {
        "The",
        "Sponsored",
        "Sponsored Content",
        "Saturday",
        "Tuesday",
        "May",
        "January",
        "Japanese",
        "Russian",
        "Russians",
        "Speaking",
        "Prime Minister",
        "President",
    }
    assert not names & junk
    # The bundled articles need nothing outside the gazetteer.
    assert all(e["known"] for e in bundled_analysis(short)["entities"]), names


def test_pacific_rim_summit_is_apec() -> None:
    assert surface_forms(bundled_analysis("004"), "organization:apec") == {"Pacific Rim summit"}


def test_corpus_entities_link_articles() -> None:
    entities = {e.key: e for e in corpus_entities(bundled_analyses(), include_mentions=True)}
    abe = entities[ABE]
    assert set(abe.documents) == set(IDS.values())
    assert abe.known and abe.wikidata == "Q132345"
    assert "Abe" in abe.aliases and abe.name == "Shinzo Abe"
    assert abe.description
    assert entities[PUTIN].key in {r.key for r in abe.cooccurring}
    data = abe.to_json()
    assert set(data) >= {
        "key",
        "name",
        "type",
        "aliases",
        "known",
        "status",
        "wikidata",
        "mentions",
        "documents",
        "cooccurring",
    }
    assert data["status"] == "known"
    assert {"doc", "start", "end", "text"} == set(data["mentions"][0])
    assert set(data["cooccurring"][0]) == {"key", "name", "type", "documents"}
    # Most widely reported first.
    assert [e.key for e in corpus_entities(bundled_analyses())][:2] in (
        [ABE, PUTIN],
        [PUTIN, ABE],
    )


def test_document_entities_grouped_by_type() -> None:
    ents = document_entities(IDS["001"], bundled_analysis("001"))
    types = [e.type for e in ents]
    assert types == sorted(
        types, key=["person", "place", "organization", "event", "document"].index
    )
    assert ents[0].key in (ABE, PUTIN)
    assert all(m.doc == IDS["001"] for e in ents for m in e.mentions)


def test_gazetteer_wikidata_ids_are_well_formed() -> None:
    gaz = default_gazetteer()
    for entry in gaz.entries.values():
        assert entry.wikidata is None or (
            entry.wikidata.startswith("Q") and entry.wikidata[1:].isdigit()
        )
        assert entry.description
        for container in entry.part_of:
            assert container in gaz.entries, (entry.key, container)
    for key, qid in {
        ABE: "Q132345",
        PUTIN: "Q7747",
        LAVROV: "Q170581",
        "place:japan": "Q17",
        "place:russia": "Q159",
        "place:hokkaido": "Q35581",
        "place:moscow": "Q649",
        G20: "Q19771",
    }.items():
        assert gaz.get(key).wikidata == qid


def test_gazetteer_matches_longest_name_and_whole_words() -> None:
    gaz = Gazetteer.from_json(
        {
            "entities": [
                {"name": "Soviet Union", "type": "place", "aliases": []},
                {"name": "Abe", "type": "person", "aliases": []},
                {
                    "name": "1956 declaration",
                    "type": "document",
                    "aliases": ["Soviet Union-Japan declaration"],
                },
            ]
        }
    )
    text = "the Soviet Union–Japan declaration, Abe’s plan, Abed and abe"
    found = [(text[m.start : m.end], m.entry.name) for m in gaz.find(text)]
    assert found == [("Soviet Union–Japan declaration", "1956 declaration"), ("Abe", "Abe")]
