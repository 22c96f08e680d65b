"""Run-time hook of the frozen app: tell Qt where its plugins are, without loading Qt.

PyInstaller's own PySide6 hook imports ``PySide6.QtCore`` at every start, only
to register a ``qt.conf`` that PySide6's wheels already register themselves
when QtCore is first imported. That costs about 100 ms and loads Qt and ICU
for headless commands (``--version``, ``search``...), which never need them.
The spec swaps that hook for this one.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6", "Qt")  # type: ignore[attr-defined]
if not os.path.isdir(_qt):  # Windows wheels keep plugins beside the modules
    _qt = os.path.join(sys._MEIPASS, "PySide6")  # type: ignore[attr-defined]
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
del _qt
