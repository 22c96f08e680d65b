"""Reading raw article bytes safely: size limits, gzip, and refusing binary files.

Everything here works on bytes and raises :class:`DocumentError` with a short
human reason, so a bad file in a batch becomes one line of output, never a
traceback.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib

from reader.core.clean.encoding import bomless_utf16
from reader.core.files import open_regular
from reader.core.model import DocumentError

# Files above this are refused before they are read: a news article, even a
# bloated HTML page, is a few hundred kilobytes; 20 MB leaves ample room.
MAX_BYTES = 20 * 1024 * 1024

SUPPORTED_SUFFIXES = frozenset({".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".gz"})

GZIP_MAGIC = b"\x1f\x8b"

# Magic numbers of formats people drop into a corpus folder by mistake.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF media file"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an XZ archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
)

_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


def read_file_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a file whole, refusing missing, unreadable or oversized files."""
    name = os.fspath(path)
    try:
        size = os.stat(name).st_size
        if size > MAX_BYTES:
            # Refused from its size alone: a 50 MB file is never read.
            raise DocumentError(
                name, f"file too large ({_megabytes(size)}; limit {_megabytes(MAX_BYTES)})"
            )
        # Only a regular file: a FIFO or a device would block or never end.
        with open_regular(name) as handle:
            data = handle.read(MAX_BYTES + 1)
    except DocumentError:
        raise
    except IsADirectoryError:
        raise DocumentError(name, "is a folder, not a file") from None
    except FileNotFoundError:
        raise DocumentError(name, "file not found") from None
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except OSError as err:
        raise DocumentError(name, f"cannot read file ({err.strerror or err})") from None
    if len(data) > MAX_BYTES:
        raise DocumentError(name, f"file too large (over {_megabytes(MAX_BYTES)})")
    return data


def unwrap(data: bytes, path: str) -> bytes:
    """Return the payload of ``data``: gunzipped if it is gzip, refused if binary or empty."""
    if not data.strip():
        raise DocumentError(path, "empty file")
    if data.startswith(GZIP_MAGIC):
        data = _gunzip(data, path)
        if not data.strip():
            raise DocumentError(path, "empty file (inside gzip)")
    _refuse_binary(data, path)
    return data


def _gunzip(data: bytes, path: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            # Bounded read: a small "gzip bomb" must not expand without limit.
            out = stream.read(MAX_BYTES + 1)
    except EOFError:
        raise DocumentError(path, "truncated gzip file") from None
    except (OSError, zlib.error) as err:
        raise DocumentError(path, f"corrupt gzip file ({err})") from None
    if len(out) > MAX_BYTES:
        raise DocumentError(
            path, f"file too large when decompressed (over {_megabytes(MAX_BYTES)})"
        )
    return out


def _refuse_binary(data: bytes, path: str) -> None:
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise DocumentError(path, f"binary file ({what}), not an article")
    head = data[:8192]
    if head.startswith(_UTF32_BOMS) or head.startswith(_UTF16_BOMS) or bomless_utf16(head):
        return  # UTF-16/32 text is full of NUL bytes by design.
    if b"\x00" in head:
        raise DocumentError(path, "binary file (contains NUL bytes), not text")
    # Control characters other than whitespace are rare in any text encoding.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(head) // 100):
        raise DocumentError(path, "binary file (mostly non-text bytes), not text")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
