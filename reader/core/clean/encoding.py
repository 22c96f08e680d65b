"""Turning article bytes into text: BOM, declared charset, UTF-8, then cp1252.

The order follows what browsers do, with one pragmatic exception: a page that
declares a Latin single-byte charset but is valid UTF-8 with non-ASCII
characters is read as UTF-8, because that mislabelling is common and reading
it as declared would turn every curly quote into mojibake.
"""

from __future__ import annotations

import codecs
import re

from reader.core.model import DocumentError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">
# and <?xml version="1.0" encoding="x"?> all put the name after "charset=" or
# "encoding=", so one pattern over the head of the file finds any of them.
_DECLARED = re.compile(
    rb"""<meta[^>]{0,400}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]+)""",
    re.IGNORECASE,
)
_HEAD_BYTES = 16384

# WHATWG: these labels mean windows-1252 in practice (smart quotes live in 0x80-0x9F).
_AS_CP1252 = frozenset({"latin-1", "iso8859-1", "ascii", "cp1252"})
_ASCII_INCOMPATIBLE = ("utf-16", "utf-32")


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares in its first bytes, as a Python codec name."""
    match = _DECLARED.search(data[:_HEAD_BYTES])
    if not match:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "ignore")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in _AS_CP1252:
        return "cp1252"
    if name.startswith(_ASCII_INCOMPATIBLE):
        # A UTF-16 declaration without a BOM cannot be right (we just read ASCII).
        return None
    return name


def bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text written without a byte-order mark.

    Markup and Latin text are mostly ASCII, which UTF-16 writes as the
    character's byte next to a NUL: NULs in nearly every odd (little-endian)
    or even (big-endian) position, and almost none in the others, is that
    pattern and no binary format's.
    """
    head = data[:_HEAD_BYTES]
    head = head[: len(head) - len(head) % 2]
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    for nuls, others, name in (
        (odd_nuls, even_nuls, "utf-16-le"),
        (even_nuls, odd_nuls, "utf-16-be"),
    ):
        if nuls >= 0.3 * pairs and others <= 0.02 * pairs:
            return name
    return None


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; refuse undecodable bytes."""
    utf16 = bomless_utf16(data) if data[:_HEAD_BYTES].count(0) else None
    if utf16:
        text = data[: len(data) - len(data) % 2].decode(utf16, errors="replace")
        if text.count("\ufffd") <= max(3, len(text) // 1000):
            return text, utf16
        raise DocumentError(path, "invalid UTF-16 text (no byte-order mark)")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError:
                raise DocumentError(
                    path, f"invalid {name.upper()} text after its byte-order mark"
                ) from None

    declared = declared_charset(data)
    utf8 = _try(data, "utf-8")
    if declared and declared != "utf-8":
        if utf8 is not None and not utf8.isascii() and declared == "cp1252":
            return utf8, "utf-8"
        as_declared = _try(data, declared)
        if as_declared is not None:
            return as_declared, declared
    if utf8 is not None:
        return utf8, "utf-8"
    if declared and declared != "utf-8":
        # The declaration was wrong in a few bytes only: keep it, mark the holes.
        text = data.decode(declared, errors="replace")
        if text.count("\ufffd") <= max(3, len(text) // 1000):
            return text, declared
    return _fallback_cp1252(data, path), "cp1252"


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _fallback_cp1252(data: bytes, path: str) -> str:
    """cp1252 decodes nearly any byte string; accept it only if the result reads as text."""
    text = data.decode("cp1252", errors="replace")
    letters = sum(1 for ch in text if ch.isalpha())
    high = sum(1 for ch in text if ord(ch) > 127)
    undefined = text.count("\ufffd")
    # Western text in cp1252 has a few accented letters and smart quotes among
    # mostly ASCII; bytes from another encoding give a high share of them.
    if letters == 0 or high > 0.2 * letters or undefined > max(3, len(text) // 1000):
        raise DocumentError(path, "not valid UTF-8, and no other encoding decodes it sensibly")
    return text
