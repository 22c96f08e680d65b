"""Anchors: made from a quote or a range, and found again when the text changes."""

from __future__ import annotations

import pytest

from reader.core.annotations.anchoring import (
    AmbiguousQuote,
    AnchorError,
    InvalidRange,
    QuoteNotFound,
    anchor_quote,
    anchor_range,
    reanchor,
    text_hash,
)
from reader.core.model import ReaderError

TEXT = (
    "The two leaders met for three hours at the Kremlin on Tuesday. "
    "They agreed to speed up talks on the disputed islands, the premier said. "
    "No date was set for the next round."
)


def test_a_unique_quote_is_anchored_with_context_and_position() -> None:
    anchor = anchor_quote(TEXT, "speed up talks on the disputed islands")
    assert TEXT[anchor.start : anchor.end] == anchor.exact
    assert TEXT.endswith(anchor.suffix + TEXT[anchor.end + len(anchor.suffix) :])
    assert TEXT[: anchor.start].endswith(anchor.prefix)
    assert 0 < len(anchor.prefix) <= 32 and 0 < len(anchor.suffix) <= 32
    assert anchor.text_hash == text_hash(TEXT)
    assert anchor.quote_selector()["type"] == "TextQuoteSelector"
    assert anchor.position_selector() == {
        "type": "TextPositionSelector",
        "start": anchor.start,
        "end": anchor.end,
    }


def test_an_ambiguous_quote_says_how_many_places_it_matches() -> None:
    with pytest.raises(AmbiguousQuote) as caught:
        anchor_quote(TEXT, "the", doc_id="kremlin_talks")
    assert isinstance(caught.value, ReaderError)
    assert caught.value.count == TEXT.count("the")
    assert f"matches {TEXT.count('the')} places in kremlin_talks" in str(caught.value)
    assert "give more text" in str(caught.value)


def test_a_position_hint_picks_the_nearest_occurrence() -> None:
    second = TEXT.index("the", TEXT.index("disputed") - 5)
    anchor = anchor_quote(TEXT, "the", near=second + 1)
    assert anchor.start == second


def test_a_missing_or_empty_quote_is_an_error() -> None:
    with pytest.raises(QuoteNotFound, match="quote not found in kremlin_talks"):
        anchor_quote(TEXT, "a summit in Vladivostok", doc_id="kremlin_talks")
    with pytest.raises(AnchorError):
        anchor_quote(TEXT, "   ")


def test_a_typed_quote_matches_despite_whitespace_and_typography() -> None:
    text = "He called it \u201ca step\u2014a real step\u201d forward,\nofficials said."
    anchor = anchor_quote(text, '"a step-a real step" forward, officials')
    # The anchor keeps the article's own spelling, so the window can highlight it.
    assert anchor.exact == "\u201ca step\u2014a real step\u201d forward,\nofficials"
    assert text[anchor.start : anchor.end] == anchor.exact


def test_a_range_is_trimmed_of_surrounding_whitespace() -> None:
    start = TEXT.index("They") - 1
    end = TEXT.index("islands,") + len("islands,") + 1
    assert TEXT[start].isspace() and TEXT[end - 1].isspace()
    anchor = anchor_range(TEXT, start, end)
    assert anchor.exact == "They agreed to speed up talks on the disputed islands,"
    assert (anchor.start, anchor.end) == (start + 1, end - 1)
    for bad in [(5, 5), (-1, 4), (10, len(TEXT) + 1), (3, 2)]:
        with pytest.raises(InvalidRange):
            anchor_range(TEXT, *bad)
    with pytest.raises(InvalidRange):
        anchor_range("a   b", 1, 4)


def test_reanchor_follows_a_quote_that_moved() -> None:
    anchor = anchor_quote(TEXT, "speed up talks on the disputed islands")
    changed = "A new opening paragraph.\n\n" + TEXT.replace("Tuesday", "Monday evening")
    found = reanchor(anchor, changed)
    assert found is not None
    new, intact = found
    assert intact
    assert changed[new.start : new.end] == anchor.exact
    assert new.text_hash == text_hash(changed)


def test_reanchor_follows_a_quote_whose_whitespace_changed() -> None:
    anchor = anchor_quote(TEXT, "speed up talks on the disputed islands")
    changed = TEXT.replace("talks on the", "talks\non  the")
    new, intact = reanchor(anchor, changed) or (None, None)
    assert new is not None and intact
    assert new.exact == "speed up talks\non  the disputed islands"
    assert changed[new.start : new.end] == new.exact


def test_reanchor_matches_a_lightly_edited_quote_approximately() -> None:
    anchor = anchor_quote(TEXT, "They agreed to speed up talks on the disputed islands")
    changed = TEXT.replace("They agreed to speed up", "They agreed to accelerate")
    found = reanchor(anchor, changed)
    assert found is not None
    new, intact = found
    assert not intact
    assert new.exact == "They agreed to accelerate talks on the disputed islands"


def test_reanchor_prefers_the_occurrence_whose_context_agrees() -> None:
    text = "Putin spoke first. Abe answered. Later Putin spoke again, briefly."
    second = text.index("Putin spoke again")
    anchor = anchor_range(text, second, second + len("Putin spoke"))
    changed = "Preamble.\n\n" + text
    new, _ = reanchor(anchor, changed) or (None, None)
    assert new is not None
    assert new.start == changed.index("Putin spoke again")


def test_reanchor_prefers_the_nearest_of_equally_good_matches() -> None:
    block = "the talks resumed. "
    text = block * 4
    anchor = anchor_range(text, len(block) * 2, len(block) * 2 + len("the talks resumed."))
    changed = "x" + text
    new, _ = reanchor(anchor, changed) or (None, None)
    assert new is not None
    assert new.start == len(block) * 2 + 1


def test_reanchor_gives_up_when_the_passage_is_gone() -> None:
    anchor = anchor_quote(TEXT, "speed up talks on the disputed islands")
    gone = "The two leaders met at the Kremlin. No date was set for the next round."
    assert reanchor(anchor, gone) is None
    assert reanchor(anchor, "") is None


def test_reanchor_does_not_settle_for_a_loose_resemblance() -> None:
    anchor = anchor_quote(TEXT, "No date was set for the next round.")
    other = "The ministers set a date for the round of talks next week."
    assert reanchor(anchor, other) is None
