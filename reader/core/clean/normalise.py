"""Whitespace and punctuation normalisation shared by the text and HTML paths."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_TERMINAL = frozenset(".!?…\"'”’)»:;。！？」』")


def squash(text: str) -> str:
    """Collapse every run of whitespace (no-break and zero-width spaces too) to one space."""
    return _SPACES.sub(" ", text).strip()


def ends_like_sentence(text: str) -> bool:
    return bool(text) and text[-1] in _TERMINAL


def word_count(text: str) -> int:
    return text.count(" ") + 1 if text else 0
