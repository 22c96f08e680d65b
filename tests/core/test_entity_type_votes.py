"""A name the model types differently in a few articles takes the type most articles give it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reader.core.analysis.corrections import Correction, CorrectionSet
from reader.core.analysis.entities import corpus_entities, document_entities, type_votes
from reader.core.library import Library

FIRM_ORG, FIRM_PLACE = "organization:halvorsen-dynamics", "place:halvorsen-dynamics"


def _item(type_: str, name: str, text: str, *, start: int = 0) -> dict[str, Any]:
    slug = name.lower().replace(" ", "-")
    mention = {"start": start, "end": start + len(text), "text": text}
    return {"key": f"{type_}:{slug}", "name": name, "type": type_, "mentions": [mention]}


def _analyses(org: int, place: int) -> list[tuple[str, dict[str, Any]]]:
    """``org`` articles reading Halvorsen Dynamics as a company, ``place`` as a place."""
    docs = [("organization", f"o{i}") for i in range(org)] + [
        ("place", f"p{i}") for i in range(place)
    ]
    return [
        (doc, {"entities": [_item(t, "Halvorsen Dynamics", "Halvorsen Dynamics")]})
        for t, doc in docs
    ]


def _counts(analyses: list[tuple[str, dict[str, Any]]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, analysis in analyses:
        for item in analysis["entities"]:
            counts[item["key"]] = counts.get(item["key"], 0) + 1
    return counts


def test_a_clear_majority_types_the_name_everywhere() -> None:
    analyses = _analyses(org=5, place=2)
    votes = type_votes(_counts(analyses))
    assert votes == {FIRM_PLACE: FIRM_ORG}
    [firm] = corpus_entities(analyses, votes=votes)
    assert (firm.key, firm.type) == (FIRM_ORG, "organization")
    assert len(firm.documents) == 7 and firm.mention_count == 7
    # The article that read it as a place lists it as the corpus does.
    [one] = document_entities("p0", dict(analyses)["p0"], votes=votes)
    assert (one.key, one.type, one.name) == (FIRM_ORG, "organization", "Halvorsen Dynamics")


def test_no_clear_majority_leaves_both_readings() -> None:
    analyses = _analyses(org=3, place=2)
    assert type_votes(_counts(analyses)) == {}
    entities = corpus_entities(analyses, votes=type_votes(_counts(analyses)))
    assert {e.type for e in entities} == {"organization", "place"}
    # One article each way is no majority either.
    assert type_votes({FIRM_ORG: 1, FIRM_PLACE: 1}) == {}


def test_known_names_and_corrected_keys_are_not_outvoted() -> None:
    # The gazetteer knows Japan as a place: a person "Japan" elsewhere is left alone.
    assert type_votes({"place:japan": 40, "person:japan": 1}) == {}
    # The researcher typed the minority reading by hand: that decision stands.
    retyped = CorrectionSet.from_log([Correction(1, "type", FIRM_PLACE, "place", "")])
    assert type_votes({FIRM_ORG: 9, FIRM_PLACE: 2}, retyped) == {}
    # A hidden winner takes nothing in.
    hidden = CorrectionSet.from_log([Correction(1, "hide", FIRM_ORG, None, "")])
    assert type_votes({FIRM_ORG: 9, FIRM_PLACE: 2}, hidden) == {}


def _write(corpus: Path, name: str, body: str) -> None:
    (corpus / f"{name}.txt").write_text(f"{name.title()} news\n\n{body}", encoding="utf-8")


def test_the_library_types_a_name_as_most_of_its_articles_do(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "Halvorsen Dynamics opened a yard on the fjord on Tuesday."
    names = [f"yard{i}" for i in range(5)]
    for name in names:
        _write(corpus, name, body)
    with Library.open(tmp_path / "home", corpus) as lib:
        lib.update_index(analyse=False)
        # Four articles read the name as a company and one as a place, as a model might.
        for i, name in enumerate(names):
            doc, sha = lib._store.get_for_analysis(name) or (None, "")
            assert doc is not None
            start = doc.body_text.index("Halvorsen Dynamics")
            type_ = "place" if i == 0 else "organization"
            item = _item(type_, "Halvorsen Dynamics", "Halvorsen Dynamics", start=start)
            assert lib._store.put_analysis(name, sha, {"entities": [item]}, "test")

        [listed] = [e for e in lib.entities("yard0") if e.name == "Halvorsen Dynamics"]
        assert (listed.key, listed.type) == (FIRM_ORG, "organization")
        [mention] = listed.mentions
        assert lib.document("yard0").body_text[mention.start : mention.end] == "Halvorsen Dynamics"
        across = [e for e in lib.entities() if e.name == "Halvorsen Dynamics"]
        assert [(e.key, len(e.documents)) for e in across] == [(FIRM_ORG, 5)]
        # The entity, asked for by either key, has all five articles.
        for key in (FIRM_ORG, FIRM_PLACE):
            firm = lib.entity(key)
            assert firm is not None and firm.key == FIRM_ORG
            assert sorted(firm.documents) == names
        # Typed by hand, the entity keeps every article it took in.
        lib.change_entity_type(FIRM_ORG, "place")
        firm = lib.entity(FIRM_ORG)
        assert firm is not None and firm.type == "place" and len(firm.documents) == 5
