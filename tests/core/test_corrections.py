"""The researcher's corrections: stored in SQLite, applied at read time, kept across re-index."""

from __future__ import annotations

import pytest

from reader.core.analysis.corrections import Corrections
from reader.core.analysis.entities import corpus_entities, document_entities, entity_detail
from reader.core.analysis.pipeline import analyze
from reader.core.model import ReaderError
from reader.core.paths import AppPaths
from tests.core.test_entities_support import IDS, bundled_analyses, bundled_doc, make_doc


@pytest.fixture
def corrections() -> Corrections:
    return Corrections(AppPaths.resolve().corrections_db)


def _by_key(entities: list) -> dict:
    return {e.key: e for e in entities}


def test_rename_change_type_and_hide(corrections: Corrections) -> None:
    corrections.rename("person:shinzo-abe", "Abe Shinzo")
    corrections.change_type("place:united-states", "organization")
    corrections.hide("place:tokyo")
    ents = _by_key(corpus_entities(bundled_analyses(), corrections))
    abe = ents["person:shinzo-abe"]
    assert abe.name == "Abe Shinzo" and "Shinzo Abe" in abe.aliases
    assert ents["place:united-states"].type == "organization"
    assert "place:tokyo" not in ents
    assert [c.op for c in corrections.list()] == ["rename", "type", "hide"]
    corrections.unhide("place:tokyo")
    assert "place:tokyo" in _by_key(corpus_entities(bundled_analyses(), corrections))


def test_merge_moves_mentions_and_old_key_still_finds_it(corrections: Corrections) -> None:
    before = _by_key(corpus_entities(bundled_analyses()))
    kuril_mentions = before["place:northern-territories"].mention_count
    habomai_mentions = before["place:habomai"].mention_count
    corrections.merge("place:habomai", "place:northern-territories")
    after = _by_key(corpus_entities(bundled_analyses(), corrections))
    assert "place:habomai" not in after
    merged = after["place:northern-territories"]
    assert merged.mention_count == kuril_mentions + habomai_mentions
    assert "Habomai islets" in merged.aliases
    found = entity_detail("place:habomai", bundled_analyses(), corrections)
    assert found is not None and found.key == "place:northern-territories"
    assert found.cooccurring and all(r.key != found.key for r in found.cooccurring)


def test_alias_pulls_in_a_discovered_name(corrections: Corrections) -> None:
    doc = make_doc(
        "kremlin",
        ["Abe met the Russian leader, whom aides call Volodya, in Sochi. Volodya said little."],
        published="2016-05-06",
    )
    analyses = [("kremlin", analyze(doc))]
    assert any(e.name == "Volodya" for e in document_entities("kremlin", analyses[0][1]))
    corrections.add_alias("person:vladimir-putin", "Volodya")
    ents = _by_key(document_entities("kremlin", analyses[0][1], corrections))
    putin = ents["person:vladimir-putin"]
    assert {m.text for m in putin.mentions} == {"Volodya"}
    assert not any(e.name == "Volodya" and e.key != putin.key for e in ents.values())


def test_corrections_survive_reindex_and_reopen(corrections: Corrections) -> None:
    corrections.rename("person:sergey-lavrov", "Sergei Lavrov")
    corrections.hide("organization:g20")
    # A re-index re-runs analysis from the articles; the corrections file is untouched.
    fresh = [(IDS[s], analyze(bundled_doc(s))) for s in sorted(IDS)]
    reopened = Corrections(AppPaths.resolve().corrections_db)
    ents = _by_key(corpus_entities(fresh, reopened))
    assert ents["person:sergey-lavrov"].name == "Sergei Lavrov"
    assert "organization:g20" not in ents
    assert len(reopened.list()) == 2


def test_remove_and_validation(corrections: Corrections) -> None:
    c = corrections.rename("person:shinzo-abe", "Someone Else")
    assert corrections.remove(c.id) is True
    assert corrections.remove(c.id) is False
    assert corrections.list() == []
    with pytest.raises(ReaderError):
        corrections.change_type("person:shinzo-abe", "animal")
    with pytest.raises(ReaderError):
        corrections.merge("place:tokyo", "place:tokyo")
    with pytest.raises(ReaderError):
        corrections.rename("place:tokyo", "  ")
    assert c.to_json()["op"] == "rename"


def test_merge_cycle_does_not_hang(corrections: Corrections) -> None:
    corrections.merge("place:tokyo", "place:osaka")
    corrections.merge("place:osaka", "place:tokyo")
    keys = {e.key for e in corpus_entities(bundled_analyses(), corrections)}
    assert len(keys & {"place:tokyo", "place:osaka"}) == 1
