"""Bad input: every kind becomes a DocumentError with a short reason, never a crash or a hang."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pytest

from reader.core.clean import MAX_BYTES, clean_bytes, clean_file
from reader.core.model import Document, DocumentError

ARTICLE = (
    b"Bridge reopens after repairs\n\n"
    b"The river bridge reopened to traffic on Sunday after eight months of repairs, "
    b"the city's transport office said in a statement.\n"
)


def refused(data: bytes) -> str:
    with pytest.raises(DocumentError) as caught:
        clean_bytes(data, doc_id="bad", source_path="bad.file")
    assert caught.value.path == "bad.file"
    return caught.value.reason


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\xef\xbb\xbf\n"])
def test_empty(data: bytes) -> None:
    assert "empty" in refused(data) or "no article text" in refused(data)


@pytest.mark.parametrize(
    ("data", "word"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        (b"some text\x00\x00\x01\x02 more", "NUL"),
        (bytes(range(1, 32)) * 200, "non-text"),
    ],
)
def test_binary(data: bytes, word: str) -> None:
    assert word in refused(data)


def test_invalid_utf8_without_sensible_fallback() -> None:
    assert "UTF-8" in refused(bytes(range(0x80, 0x100)) * 40)


def test_invalid_utf8_with_cp1252_fallback() -> None:
    data = ARTICLE.replace(b"city's", b"city\x92s")
    doc = clean_bytes(data, doc_id="cp1252")
    assert "city\u2019s" in doc.body_text


def test_truncated_and_corrupt_gzip() -> None:
    packed = gzip.compress(ARTICLE * 50)
    assert "truncated" in refused(packed[: len(packed) // 2])
    assert "gzip" in refused(packed[:10] + b"\x00garbage" * 20)


def test_gzip_bomb_is_bounded() -> None:
    bomb = gzip.compress(b" " * (MAX_BYTES + 1024))
    assert "too large" in refused(bomb)


def test_oversized_bytes() -> None:
    assert "too large" in refused(b"a" * (MAX_BYTES + 1))


def test_fifty_megabyte_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: refusing it must not read it
    with pytest.raises(DocumentError) as caught:
        clean_file(path)
    assert "too large" in caught.value.reason
    assert str(path) in str(caught.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="not found"):
        clean_file(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="folder"):
        clean_file(tmp_path)


def _survives(data: bytes) -> Document | None:
    """Cleaning either returns a document or refuses it; it never raises anything else."""
    start = time.perf_counter()
    try:
        doc = clean_bytes(data, doc_id="hostile")
    except DocumentError as err:
        assert err.reason
        doc = None
    assert time.perf_counter() - start < 20
    return doc


def test_ten_thousand_nested_divs() -> None:
    html = b"<html><body>" + b"<div>" * 10_000 + b"<p>Deep text here.</p>" + b"</div>" * 10_000
    _survives(html + b"</body></html>")


def test_unclosed_tags() -> None:
    html = b"<html><body>" + b"<p><b><i><span>Unclosed words and more words " * 2000
    doc = _survives(html)
    assert doc is None or "<" not in doc.body_text


def test_scripts_everywhere() -> None:
    html = (
        b"<html><body>" + b"<script>alert('x')</script><div><script>var a=1;</script></div>" * 3000
    )
    doc = _survives(html + b"</body></html>")
    assert doc is None or "alert" not in doc.body_text


def test_only_scripts_has_no_article_text() -> None:
    html = b"<!DOCTYPE html><html><head><script>var x = 1;</script></head><body></body></html>"
    assert refused(html) == "no article text found"


def test_text_made_of_debris_only() -> None:
    assert refused(b"Sponsored Content\n\nLeave a Reply\n") == "no article text found"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_not_called_binary(codec: str) -> None:
    text = ARTICLE.decode() + "Dr Ōtsuka’s crew worked through the night — «enfin», said one.\n"
    doc = clean_bytes(text.encode(codec), doc_id="u16")
    assert doc.title == "Bridge reopens after repairs"
    assert doc.paragraphs[-1] == "Dr Ōtsuka’s crew worked through the night — «enfin», said one."
    html = (
        "<html><head><title>Bridge reopens</title></head><body><article>"
        + "".join(f"<p>{line}</p>" for line in text.splitlines()[2:])
        + "</article></body></html>"
    )
    assert "Ōtsuka’s" in clean_bytes(html.encode(codec), doc_id="u16h").body_text


def test_binary_with_many_nul_bytes_is_still_binary() -> None:
    assert "binary" in refused(bytes(range(256)) * 40)
    assert "binary" in refused(b"\x00\x00\x00\x01" * 500)
