"""One window per user and data folder: a second start hands its files to the first.

The first instance listens on a ``QLocalServer`` named after the data
folder; a second instance started on the same folder connects, sends the
files it was given (to import) and exits, and the first window comes
forward. The core's own locks keep files safe regardless — this is about
not confusing the researcher with two windows over the same corpus.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 500
MAX_MESSAGE_BYTES = 1 << 20


def server_name(data_dir: Path) -> str:
    """A socket name private to this user and data folder, short enough for every platform."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no user name in some sandboxes
        user = "user"
    digest = hashlib.sha256(f"{user}\0{data_dir.resolve()}".encode()).hexdigest()[:16]
    return f"corpus-reader-{digest}"


def send_to_running_instance(name: str, files: list[str]) -> bool:
    """Hand ``files`` to an instance already listening on ``name``; False if there is none."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
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
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; a stale socket left by a crashed instance is cleared first."""
        if self._server.listen(self.name):
            return True
        QLocalServer.removeServer(self.name)
        ok = self._server.listen(self.name)
        if not ok:
            log.warning("cannot listen for other instances: %s", self._server.errorString())
        return ok

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
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
