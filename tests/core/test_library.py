"""The facade over the bundled corpus: what the window and the command line get from it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.core.library import Library

OSAKA, BUENOS_AIRES, MOSCOW, MOSCOW_BLOG, LIMA = (
    "000_5f0500b3071f7868",
    "001_e7cd980b6579670b",
    "002_88f331eb946bdea1",
    "003_f58378006adc5005",
    "004_7e4fc252ac36b584",
)
LAVROV = "person:sergey-lavrov"


@pytest.fixture
def library() -> Iterator[Library]:
    with Library.open() as lib:
        lib.update_index()
        yield lib


def test_an_entity_lists_every_article_that_names_it(library: Library) -> None:
    lavrov = library.entity(LAVROV)
    assert lavrov is not None
    assert sorted(lavrov.documents) == [BUENOS_AIRES, MOSCOW, LIMA]
    assert {m.doc for m in lavrov.mentions} == {BUENOS_AIRES, MOSCOW, LIMA}


def test_a_merged_entity_brings_its_articles(library: Library) -> None:
    [novatek] = [e for e in library.entities(OSAKA) if e.name == "Novatek"]
    library.merge_entities(novatek.key, LAVROV)
    lavrov = library.entity(LAVROV)
    assert lavrov is not None
    assert OSAKA in lavrov.documents
    # The old key still finds where it went.
    moved = library.entity(novatek.key)
    assert moved is not None and moved.key == LAVROV


def test_an_alias_pulls_in_articles_that_use_that_name(library: Library) -> None:
    library.add_entity_alias(LAVROV, "Novatek")
    lavrov = library.entity(LAVROV)
    assert lavrov is not None
    assert OSAKA in lavrov.documents


def test_a_hidden_entity_is_not_found(library: Library) -> None:
    hidden = library.hide_entity(LAVROV)
    assert library.entity(LAVROV) is None
    assert LAVROV not in {e.key for e in library.entities(MOSCOW)}
    # Undone, then done again: the facade's undo and redo of a correction.
    assert library.withdraw_correction(hidden)
    assert library.entity(LAVROV) is not None
    again = library.reapply_correction(hidden)
    assert (again.op, again.key) == ("hide", LAVROV) and again.id != hidden.id
    assert library.entity(LAVROV) is None
    assert [c.op for c in library.entity_corrections()] == ["hide"]


def test_the_facade_does_not_hand_out_its_stores(library: Library) -> None:
    public = {name for name in dir(library) if not name.startswith("_")}
    assert not public & {"annotation_store", "corrections", "store", "index"}


def test_unknown_article_is_a_reader_error(library: Library) -> None:
    from reader.core.model import ReaderError

    with pytest.raises(ReaderError, match="no-such"):
        library.document("no-such")
