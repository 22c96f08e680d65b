"""Entry point of the frozen app: the same command line as ``corpus-reader`` from source.

PyInstaller needs a script rather than a ``module:function`` reference, so this
is the smallest possible one. ``--worker`` first makes it the window's
background worker (:mod:`reader.core.worker`). No arguments (or ``gui``) opens the window;
``--version``, ``--smoke-test`` and every subcommand behave as from source.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    # A no-op on Linux; where processes are spawned (Windows, macOS) a frozen
    # child would otherwise re-run the whole command line instead of its task.
    multiprocessing.freeze_support()
    if sys.argv[1:2] == ["--worker"]:  # reader.core.worker.FROZEN_WORKER_FLAG
        # The window's background jobs: the frozen form of
        # ``python -m reader.core.worker``.
        from reader.core.worker import main as worker_main

        sys.exit(worker_main(sys.argv[2:]))
    from reader.app import main

    sys.exit(main())
