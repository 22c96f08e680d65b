"""One window per user and data folder: a second start hands its files to the first.

The first instance takes a lock file named after the data folder
(:class:`InstanceLock`) and, once its window is on screen, listens on a
``QLocalServer`` of the same name; a second instance started on the same
folder finds the lock taken, connects (waiting for the first to listen if it
is still starting), sends the files it was given (to import) and exits, and
the first window comes forward. The core's own locks keep files safe
regardless — this is about not confusing the researcher with two windows
over the same corpus.

The lock is what a second start looks for, so the first can put off loading
QtNetwork (about 8 ms with the Python types PySide creates for it) until
after its first paint without a second start slipping through meanwhile.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDir, QLockFile, QObject, Signal

# QtNetwork is imported where a socket is made: the first instance needs it
# only once its window is painted (see the module docs).
if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500
# How long a second start waits for a first one that holds the lock but does
# not listen yet (it listens once its window is painted, well within this).
STARTING_WAIT_MS = 5_000
RETRY_INTERVAL_MS = 50
MAX_MESSAGE_BYTES = 1 << 20


def server_name(data_dir: Path) -> str:
    """A socket name private to this user and data folder, short enough for every platform."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in some sandboxes
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()[:16]
    return f"corpus-reader-{digest}"


class InstanceLock:
    """The lock file that marks the instance that owns ``name``, held while it runs.

    A lock left by an instance that crashed is stale (its process is gone)
    and is taken over.
    """

    def __init__(self, name: str) -> None:
        self.path = Path(QDir.tempPath()) / f"{name}.lock"
        self._lock = QLockFile(str(self.path))

    def acquire(self) -> bool:
        """Take the lock; False if a running instance holds it."""
        return self._lock.tryLock(0)

    def release(self) -> None:
        self._lock.unlock()


def send_to_running_instance(name: str, files: list[str], wait_ms: int = 0) -> bool:
    """Hand ``files`` to an instance listening on ``name``; False if there is none.

    With ``wait_ms`` it tries again for that long, for an instance that is
    still starting.
    """
    from PySide6.QtNetwork import QLocalSocket

    deadline = time.monotonic() + wait_ms / 1000
    socket = QLocalSocket()
    while True:
        socket.connectToServer(name)
        if socket.waitForConnected(CONNECT_TIMEOUT_MS):
            break
        socket.abort()
        if time.monotonic() >= deadline:
            return False
        time.sleep(RETRY_INTERVAL_MS / 1000)
    payload = json.dumps({"files": files}).encode("utf-8") + b"\n"
    socket.write(payload)
    socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_TIMEOUT_MS)
    return True


class InstanceServer(QObject):
    """Listens for later instances.

    Signals:
        activated(list): a later instance started; the files it was given.
    """

    activated = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        # Made in listen(), which is what loads QtNetwork.
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; a stale socket left by a crashed instance is cleared first."""
        from PySide6.QtNetwork import QLocalServer

        if self._server is None:
            self._server = QLocalServer(self)
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
            self._server.newConnection.connect(self._on_connection)
        if self._server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        ok = self._server.listen(self.name)
        if not ok:
            log.warning("cannot listen for other instances: %s", self._server.errorString())
        return ok

    def close(self) -> None:
        if self._server is not None:
            self._server.close()

    def _on_connection(self) -> None:
        assert self._server is not None  # connected in listen()
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._finish(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if len(data) > MAX_MESSAGE_BYTES:
            socket.abort()
            self._buffers.pop(socket, None)
            return
        self._buffers[socket] = data
        if data.endswith(b"\n"):
            self._finish(socket)

    def _finish(self, socket: QLocalSocket) -> None:
        data = self._buffers.pop(socket, None)
        if data is None:
            return
        # The socket is the server's child and goes with it; deleting it here,
        # inside its own signal, is what crashes.
        socket.readyRead.disconnect()
        socket.disconnected.disconnect()
        socket.close()
        try:
            message = json.loads(data.decode("utf-8") or "{}")
            files = [str(f) for f in message.get("files", []) if isinstance(f, str)]
        except (ValueError, AttributeError):
            log.warning("ignored a malformed message from another instance")
            return
        self.activated.emit(files)
