"""The one conversion between core offsets (str indices) and Qt positions (UTF-16 units)."""

from __future__ import annotations

import pytest

from reader.ui.text_offsets import BodyPositionMap, Utf16Map, utf16_length


def test_plain_text_maps_to_itself() -> None:
    text = "plain ASCII and é and 日本"
    utf16 = Utf16Map(text)
    assert [utf16.to_utf16(i) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    assert utf16.utf16_length == len(text)


def test_non_bmp_characters_count_twice() -> None:
    text = "a😀b𝒳c"
    utf16 = Utf16Map(text)
    assert utf16_length(text) == len(text.encode("utf-16-le")) // 2 == 7
    # Each index agrees with the length of the UTF-16 encoding of the prefix.
    for i in range(len(text) + 1):
        assert utf16.to_utf16(i) == len(text[:i].encode("utf-16-le")) // 2
        assert utf16.from_utf16(utf16.to_utf16(i)) == i


def test_position_inside_a_surrogate_pair_rounds_to_its_character() -> None:
    utf16 = Utf16Map("a😀b")
    assert utf16.from_utf16(2) == 1  # between the two halves of 😀
    assert utf16.from_utf16(3) == 2


def test_body_offsets_map_to_blocks_and_back() -> None:
    paragraphs = ["Hi 😀 there", "Second 𝒳 para"]
    body = "\n\n".join(paragraphs)
    # Pretend a header of 40 positions precedes the body and blocks are one separator apart.
    first = 40
    second = first + utf16_length(paragraphs[0]) + 1
    positions = BodyPositionMap(paragraphs, [first, second])
    start = body.index("there")
    assert positions.to_document(start) == first + len("Hi 😀 ".encode("utf-16-le")) // 2
    word = body.index("para")
    assert positions.to_document(word) == second + len("Second 𝒳 ".encode("utf-16-le")) // 2
    for offset in (0, start, word, len(body)):
        assert positions.to_body(positions.to_document(offset)) == offset
    assert positions.to_body(first - 1) is None
    assert positions.body_length == len(body)


def test_offset_in_the_blank_line_lands_at_the_end_of_the_paragraph() -> None:
    positions = BodyPositionMap(["ab", "cd"], [10, 13])
    assert positions.to_document(2) == 12
    assert positions.to_document(3) == 12
    assert positions.to_document(4) == 13


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        BodyPositionMap(["a"], [])
