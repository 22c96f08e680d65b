"""Translate the core's character offsets into positions in a Qt text document.

The core counts Python ``str`` indices into ``Document.body_text`` (the
paragraphs joined by a blank line). A ``QTextDocument`` counts UTF-16 code
units, puts one block separator between paragraphs instead of two newlines,
and in the reading pane has a header before the body. Real articles contain
characters outside the Basic Multilingual Plane (emoji, some CJK), each one
``str`` index but two UTF-16 units, so the conversion is done here, once.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from reader.core.model import PARAGRAPH_SEPARATOR

_NON_BMP = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts between ``str`` indices and UTF-16 code-unit indices of one string."""

    __slots__ = ("_astral", "_astral_utf16", "length", "utf16_length")

    def __init__(self, text: str) -> None:
        # Only the rare non-BMP characters are recorded, so plain text costs
        # one regex scan and every conversion is a bisect on an empty list.
        self._astral = [m.start() for m in _NON_BMP.finditer(text)]
        self._astral_utf16 = [index + n for n, index in enumerate(self._astral)]
        self.length = len(text)
        self.utf16_length = self.length + len(self._astral)

    def to_utf16(self, index: int) -> int:
        """The UTF-16 position of ``str`` index ``index`` (clamped to the text)."""
        index = max(0, min(index, self.length))
        return index + bisect_left(self._astral, index)

    def from_utf16(self, position: int) -> int:
        """The ``str`` index at UTF-16 ``position``; inside a surrogate pair, its character."""
        position = max(0, min(position, self.utf16_length))
        before = bisect_left(self._astral_utf16, position)
        # ``before`` astral characters start strictly before ``position``; if
        # the last of them starts exactly one unit earlier, we are mid-pair.
        if before and self._astral_utf16[before - 1] + 1 == position:
            return self._astral[before - 1]
        return position - before


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units, as Qt counts it."""
    return len(text) + len(_NON_BMP.findall(text))


class BodyPositionMap:
    """Maps body-text offsets to document positions of the paragraph blocks, and back.

    ``block_positions[i]`` is where paragraph ``i`` starts in the
    ``QTextDocument``; the paragraphs are the article's, in order, or a run
    of them whose first starts at body offset ``first_offset`` (the reading
    pane shows a very long article a part at a time). Offsets outside the
    run are clamped to its ends.
    """

    def __init__(
        self,
        paragraphs: Sequence[str],
        block_positions: Sequence[int],
        first_offset: int = 0,
        body_length: int | None = None,
    ) -> None:
        if len(paragraphs) != len(block_positions):
            raise ValueError("one block position per paragraph is needed")
        self._maps = [Utf16Map(p) for p in paragraphs]
        self._block_positions = list(block_positions)
        self._body_starts: list[int] = []
        offset = first_offset
        for paragraph in paragraphs:
            self._body_starts.append(offset)
            offset += len(paragraph) + len(PARAGRAPH_SEPARATOR)
        self.first_offset = first_offset
        # Where the last paragraph shown ends, in body offsets.
        self.last_offset = max(first_offset, offset - len(PARAGRAPH_SEPARATOR))
        self.body_length = self.last_offset if body_length is None else body_length

    def __bool__(self) -> bool:
        return bool(self._maps)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether body offsets ``start``–``end`` reach into the paragraphs mapped."""
        return bool(self._maps) and start < self.last_offset and end > self.first_offset

    def contains(self, offset: int) -> bool:
        """Whether body offset ``offset`` lies within the paragraphs mapped (ends included)."""
        return bool(self._maps) and self.first_offset <= offset <= self.last_offset

    def to_document(self, offset: int) -> int:
        """The document position of body offset ``offset``.

        An offset inside the blank line between paragraphs lands at the end
        of the paragraph before it.
        """
        if not self._maps:
            return 0
        i = max(0, bisect_right(self._body_starts, offset) - 1)
        local = offset - self._body_starts[i]
        return self._block_positions[i] + self._maps[i].to_utf16(local)

    def to_body(self, position: int) -> int | None:
        """The body offset at document ``position``; ``None`` before the paragraphs mapped."""
        if not self._maps or position < self._block_positions[0]:
            return None
        i = bisect_right(self._block_positions, position) - 1
        local = position - self._block_positions[i]
        return self._body_starts[i] + self._maps[i].from_utf16(local)

    def body_end_position(self) -> int:
        """The document position just after the last paragraph."""
        if not self._maps:
            return 0
        return self._block_positions[-1] + self._maps[-1].utf16_length
