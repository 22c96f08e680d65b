"""Entry point of the frozen app: the same command line as ``corpus-reader`` from source.

PyInstaller needs a script rather than a ``module:function`` reference, so this
is the smallest possible one. No arguments (or ``gui``) opens the window;
``--version``, ``--smoke-test`` and every subcommand behave as from source.
"""

from __future__ import annotations

import multiprocessing
import sys

from reader.cli import main

if __name__ == "__main__":
    # A no-op on Linux; where processes are spawned (Windows, macOS) a frozen
    # child would otherwise re-run the whole command line instead of its task.
    multiprocessing.freeze_support()
    sys.exit(main())
