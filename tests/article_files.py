"""Writing a plain-text article into a test corpus so that the next index update sees it."""

from __future__ import annotations

import os
from pathlib import Path


def write_article(path: Path, *paragraphs: str) -> None:
    """Write ``paragraphs`` (the title first) as the article file at ``path``.

    The file's mtime moves two seconds on from the last one, so an update in
    the same tick of the file system's clock still sees the article changed.
    """
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
