"""Where a query matched inside an article, and the snippet shown for it.

The stored body is re-tokenised with the body field's own analyzer, so
stemmed forms and prefix/fuzzy expansions line up exactly with what the
index matched; the offsets are ``[start, end]`` character positions in
:attr:`Document.body_text`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from whoosh import query
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter

SNIPPET_CHARS = 220


def _phrases(q: query.Query, fieldname: str) -> list[list[str]]:
    found: list[list[str]] = []
    if isinstance(q, query.Phrase) and q.fieldname == fieldname:
        found.append([w for w in q.words if w])
    elif not isinstance(q, query.Not):
        for child in q.children():
            found.extend(_phrases(child, fieldname))
    return found


def _loose_terms(q: query.Query, fieldname: str) -> tuple[set[str], list[query.Query]]:
    """Plain terms, and multi-term leaves (prefix, fuzzy...), outside phrases and NOTs."""
    words: set[str] = set()
    multi: list[query.Query] = []
    if isinstance(q, query.Not | query.Phrase):
        return words, multi
    if isinstance(q, query.AndNot):
        return _loose_terms(q.a, fieldname)
    if isinstance(q, query.Term) and q.field() == fieldname:
        words.add(q.text)
    elif isinstance(q, query.MultiTerm) and q.field() == fieldname:
        multi.append(q)
    for child in q.children():
        w, m = _loose_terms(child, fieldname)
        words |= w
        multi.extend(m)
    return words, multi


class _StemTokens:
    """The body field's analyzer, unrolled: the same tokens, several times faster.

    Whoosh's analyzers chain generators of Token objects, which costs more
    than the search itself when 20 bodies are re-tokenised per query. When
    the analyzer is the plain StemmingAnalyzer chain (tokenizer, lowercase,
    stop words, stemmer) this does the same steps inline with a memo of
    stems; for any other analyzer :func:`tokens` runs the analyzer itself.
    A test checks both give the same tokens.
    """

    _MEMO_LIMIT = 200_000

    def __init__(self, analyzer: Any) -> None:
        self.analyzer = analyzer
        self.fast = False
        items = getattr(analyzer, "items", None)
        if (
            items
            and len(items) == 4
            and type(items[0]) is RegexTokenizer
            and not items[0].gaps
            and type(items[1]) is LowercaseFilter
            and type(items[2]) is StopFilter
            and type(items[3]) is StemFilter
        ):
            tok, _, stop, stem = items
            self.fast = True
            self._finditer = tok.expression.finditer
            self._stops = stop.stops
            self._min = stop.min
            self._max = stop.max
            self._ignore = stem.ignore
            self._stemfn = stem.stemfn
            self._memo: dict[str, str] = {}

    def _stem(self, word: str) -> str:
        if word in self._ignore:
            return word
        if len(self._memo) > self._MEMO_LIMIT:
            self._memo.clear()
        stem = self._stemfn(word)
        self._memo[word] = stem
        return stem

    def tokens(self, text: str) -> Iterator[tuple[str, int, int]]:
        """``(term, start, end)`` for every indexed token of ``text``."""
        if not self.fast:
            for t in self.analyzer(text, chars=True, mode="index"):
                yield t.text, t.startchar, t.endchar
            return
        stops, lo, hi, memo = self._stops, self._min, self._max, self._memo
        for m in self._finditer(text):
            word = m.group().lower()
            n = len(word)
            if n < lo or (hi is not None and n > hi) or word in stops:
                continue
            stem = memo.get(word)
            if stem is None:
                stem = self._stem(word)
            yield stem, m.start(), m.end()


@dataclass
class _Locator:
    """What to mark in a text, worked out once per query.

    A phrase is marked as one span from its first word to its last, as a
    reader counts it ("peace treaty" is one hit, not two); a word inside a
    marked phrase is not marked again.
    """

    tokenizer: _StemTokens
    loose: set[str]  # terms marked wherever they occur
    phrases: list[list[str]]  # marked only where the words form the phrase

    def locate(self, body: str) -> list[tuple[int, int]]:
        loose, phrases = self.loose, [p for p in self.phrases if p]
        if not body or (not loose and not phrases):
            return []
        if not phrases:
            return [(s, e) for term, s, e in self.tokenizer.tokens(body) if term in loose]
        tokens = list(self.tokenizer.tokens(body))
        spans = [(s, e) for term, s, e in tokens if term in loose]
        for words in phrases:
            n = len(words)
            first = words[0]
            for i in range(len(tokens) - n + 1):
                if tokens[i][0] == first and all(tokens[i + k][0] == words[k] for k in range(1, n)):
                    spans.append((tokens[i][1], tokens[i + n - 1][2]))
        return _outermost(spans)


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, without any that lies inside another (a word of a marked phrase)."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda span: (span[0], -span[1])):
        if kept and start >= kept[-1][0] and end <= kept[-1][1]:
            continue
        kept.append((start, end))
    return kept


def make_snippet(body: str, matches: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> str:
    """A plain-text excerpt around the first matches, cut at word boundaries.

    The excerpt (without the "…" marks) is an exact substring of ``body``
    that never crosses a paragraph break, so a caller can find it again.
    """
    if not body:
        return ""
    first = matches[0][0] if matches else 0
    para_start = body.rfind("\n\n", 0, first)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = body.find("\n\n", first)
    para_end = len(body) if para_end < 0 else para_end
    start = max(para_start, first - width // 4)
    if start > para_start:
        space = body.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(para_end, start + width)
    if end < para_end:
        space = body.rfind(" ", max(first, start), end)
        end = space if space > start else end
    text = body[start:end].strip()
    return ("…" if start > 0 else "") + text + ("…" if end < len(body) else "")
