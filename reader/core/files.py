"""Opening the researcher's files for reading without ever blocking on one that is not a file.

``open(path)`` on a FIFO waits for a writer forever, on a terminal device
it may take the terminal over, and reading ``/dev/zero`` never ends. Every
file Corpus Reader reads on a researcher's say-so (an article to clean or
import, a corpus manifest) is opened here: only a regular file is opened,
and the check is made again on the open descriptor, so a path swapped for a
FIFO between the two cannot block either.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO

from reader.core.model import DocumentError

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)

# Non-blocking for the open itself (a FIFO opens at once instead of waiting for a
# writer); no controlling terminal taken over by opening a tty.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_BINARY", 0)


def not_regular_reason(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is not read: "not a regular file (a FIFO)"; None if it is."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a file")
    if kind == "a folder":
        return "is a folder, not a file"
    return f"not a regular file ({kind})"


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for binary reading if it is a regular file; else :class:`DocumentError`.

    ``OSError`` from the system (missing, permission denied) is raised as is.
    """
    name = os.fspath(path)
    reason = not_regular_reason(os.stat(name).st_mode)
    if reason is not None:
        raise DocumentError(os.fsdecode(name), reason)
    fd = os.open(name, _FLAGS)
    try:
        reason = not_regular_reason(os.fstat(fd).st_mode)
        if reason is not None:
            raise DocumentError(os.fsdecode(name), reason)
        if _FLAGS & getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
