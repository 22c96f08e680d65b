"""The Whoosh-free half of query checking: a raw query, checked and rewritten as text.

Whoosh's parser accepts nearly anything and silently drops what it does not
understand, so the raw text is checked here first and
:class:`~reader.core.model.QueryError` raised with a one-line explanation:
unbalanced quotes, brackets and parentheses, dangling operators, unknown
fields, bad dates. The result is the query Whoosh is given, with ``-word``
turned into ``NOT word`` and dates into ``[YYYYMMDD TO YYYYMMDD]`` ranges
(Whoosh misreads ISO dates inside ranges). Nothing here imports Whoosh, so
the checks are cheap to run as the user types.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from reader.core.model import QueryError

# Fields a query may name, and the ones plain words search.
SEARCH_FIELDS = ("title", "body")
QUERY_FIELDS = ("id", "title", "publisher", "published", "body", "entities")

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_BINARY = _OPERATORS - {"NOT"}
_FIELD_RE = re.compile(r"^([A-Za-z_]\w*):(.*)$", re.S)
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_RANGE_RE = re.compile(r"^([\[{])\s*(.*?)\s*([\]}])$", re.S)


def _tokens(text: str) -> list[str]:
    """Split a raw query into quoted phrases, brackets, ranges and words.

    Raises QueryError for an unbalanced quote, parenthesis or range bracket,
    which Whoosh would otherwise silently repair in its own way.
    """
    tokens: list[str] = []
    i, n = 0, len(text)
    depth = 0
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c in "()":
            depth += 1 if c == "(" else -1
            if depth < 0:
                raise QueryError("unbalanced parenthesis: ')' without a matching '('")
            tokens.append(c)
            i += 1
            continue
        # A word runs to whitespace or a parenthesis, but a quoted phrase or a
        # [range] inside it (title:"...", published:[a TO b]) belongs to it.
        start = i
        while i < n and not text[i].isspace() and text[i] not in "()":
            if text[i] == '"':
                end = text.find('"', i + 1)
                if end < 0:
                    raise QueryError('unbalanced quote: a phrase is opened with " but not closed')
                i = end + 1
            elif text[i] in "[{":
                close = re.compile(r"[\]}]").search(text, i + 1)
                if close is None:
                    raise QueryError(
                        f"unbalanced bracket: range opened with {text[i]!r} but not closed"
                    )
                i = close.end()
            elif text[i] in "]}":
                raise QueryError(f"unbalanced bracket: {text[i]!r} without an opening bracket")
            else:
                i += 1
        tokens.append(text[start:i])
    if depth > 0:
        raise QueryError("unbalanced parenthesis: '(' without a matching ')'")
    return tokens


def _check_operators(tokens: list[str]) -> None:
    prev: str | None = None  # None: at the start of the query or of a group
    # The sentinel ")" closes the whole query the way ")" closes a group.
    for tok in [*tokens, ")"]:
        if tok in _BINARY and (prev is None or prev in _OPERATORS):
            where = "at the start" if prev is None else f"right after {prev}"
            raise QueryError(f"{tok} {where} has nothing to join")
        if tok == ")" and prev in _OPERATORS:
            raise QueryError(f"{prev} at the end has nothing to apply to")
        if tok == ")" and prev is None and tokens:
            raise QueryError("empty parentheses: () has nothing inside")
        prev = None if tok == "(" else tok


def _parse_day(text: str, *, end: bool) -> date:
    """``2019``, ``2019-06`` or ``2019-06-29`` (also ``20190629``) as the first or last day."""
    raw = text.strip()
    if re.fullmatch(r"\d{8}", raw):
        raw = f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    elif re.fullmatch(r"\d{6}", raw):
        raw = f"{raw[:4]}-{raw[4:]}"
    m = _DATE_RE.match(raw)
    if not m:
        raise QueryError(f"bad date {text!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        mon = int(month)
        if day is None:
            last = calendar.monthrange(year, mon)[1] if 1 <= mon <= 12 else 0
            return date(year, mon, last if end else 1)
        return date(year, mon, int(day))
    except ValueError:
        raise QueryError(f"bad date {text!r}: there is no such date") from None


def _day_after(d: date) -> date:
    return date.fromordinal(d.toordinal() + 1)


def _day_before(d: date) -> date:
    return date.fromordinal(d.toordinal() - 1)


def _rewrite_date(value: str) -> str:
    """Turn a ``published:`` value into a range Whoosh's DATETIME field reads right.

    Whoosh's own date parser misreads ISO dates inside ranges (it takes
    ``[2019-01-01 TO 2019-06-30]`` as all of 2019), so every form is turned
    into ``[YYYYMMDD TO YYYYMMDD]`` here, with partial dates widened to the
    whole month or year.
    """
    fmt = "%Y%m%d"
    for op in (">=", "<=", ">", "<"):
        if value.startswith(op):
            rest = value[len(op) :]
            if op == ">=":
                return f"[{_parse_day(rest, end=False):{fmt}} TO]"
            if op == ">":
                return f"[{_day_after(_parse_day(rest, end=True)):{fmt}} TO]"
            if op == "<=":
                return f"[TO {_parse_day(rest, end=True):{fmt}}]"
            return f"[TO {_day_before(_parse_day(rest, end=False)):{fmt}}]"
    m = _RANGE_RE.match(value)
    if m:
        opening, inner, closing = m.groups()
        halves = re.split(r"(?:^|\s+)TO(?:\s+|$)", inner, maxsplit=1, flags=re.I)
        if len(halves) != 2:
            raise QueryError(f"bad date range {value!r}: write [START TO END]")
        lo_text, hi_text = (h.strip() for h in halves)
        if not lo_text and not hi_text:
            raise QueryError(f"bad date range {value!r}: give a start, an end or both")
        lo = hi = ""
        if lo_text:
            lo_day = (
                _day_after(_parse_day(lo_text, end=True))
                if opening == "{"
                else _parse_day(lo_text, end=False)
            )
            lo = f"{lo_day:{fmt}}"
        if hi_text:
            hi_day = (
                _day_before(_parse_day(hi_text, end=False))
                if closing == "}"
                else _parse_day(hi_text, end=True)
            )
            hi = f"{hi_day:{fmt}}"
        if lo and hi and lo > hi:
            raise QueryError(f"bad date range {value!r}: the start is after the end")
        return f"[{lo} TO {hi}]".replace("[ TO", "[TO").replace("TO ]", "TO]")
    lo_day, hi_day = _parse_day(value, end=False), _parse_day(value, end=True)
    return f"[{lo_day:{fmt}} TO {hi_day:{fmt}}]"


def _rewrite(tokens: list[str]) -> str:
    out: list[str] = []
    for tok in tokens:
        if tok.startswith("-") and len(tok) > 1 and tok[1] not in "-":
            # "-word" means NOT word; Whoosh would otherwise search for "word".
            out.append("NOT")
            tok = tok[1:]
        elif tok in ("-", "+"):
            raise QueryError(f"{tok!r} on its own has nothing to apply to")
        elif tok.startswith("+") and len(tok) > 1:
            tok = tok[1:]  # required is what AND already means
        m = _FIELD_RE.match(tok)
        if m:
            name, value = m.group(1), m.group(2)
            if name not in QUERY_FIELDS:
                known = ", ".join(QUERY_FIELDS)
                raise QueryError(f"unknown field {name!r}: search one of {known}")
            if not value:
                raise QueryError(f"{name}: is missing a value")
            if name == "published":
                tok = f"published:{_rewrite_date(value)}"
            elif name == "entities" and ":" in value and not value.startswith('"'):
                # Entity keys contain colons ("person:..."); quoted, Whoosh
                # does not read the part before the colon as a field name.
                tok = f'entities:"{value}"'
        out.append(tok)
    return " ".join(out)


# Longer than any query a person types; Whoosh's parser is slow on huge ones.
MAX_QUERY_CHARS = 1000


def check_text(text: str) -> str:
    """The query as Whoosh is to read it, or QueryError saying what is wrong with it."""
    if not text or not text.strip():
        raise QueryError("empty query: type some words to search for")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text):,} characters): at most {MAX_QUERY_CHARS:,}")
    control = next((c for c in text if ord(c) < 32 and c not in "\t\n\r"), None)
    if control is not None:
        raise QueryError(
            f"the query holds a control character (U+{ord(control):04X}): type it again"
        )
    tokens = _tokens(text)
    if not tokens:
        raise QueryError("empty query: type some words to search for")
    _check_operators(tokens)
    if all(t in _OPERATORS or t in "()" for t in tokens):
        raise QueryError("the query has operators but no words to search for")
    for tok in tokens:
        bare = (tok.split(":", 1)[1] if _FIELD_RE.match(tok) else tok).lstrip("-+")
        if bare and set(bare) <= set("*?"):
            raise QueryError(
                f"{tok!r} alone stands for every word: empty the box to list every article"
            )
    return _rewrite(tokens)
