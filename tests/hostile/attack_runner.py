"""Runs ``corpus-reader`` commands one after another for the attack suite, in one process.

Started by ``conftest.py``. Each line on stdin is a JSON request
``{"argv": [...]}``; each reply is one JSON line with the exit status, what
the command printed on stdout and stderr, and how long it took. One
process for every attack keeps the suite fast (no interpreter start per
command); the parent kills and restarts it when a command overruns its
time limit, and counts that command as a hang.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time

from reader.cli import main


def _serve() -> None:
    reply_to = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        out, err = io.StringIO(), io.StringIO()
        started = time.monotonic()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(request["argv"])
            except SystemExit as stop:  # argparse's usage errors
                status = stop.code if isinstance(stop.code, int) else 2
            except BaseException as escaped:  # what main() should never let out
                status = -1
                err.write(f"UNCAUGHT {escaped.__class__.__name__}: {escaped}\n")
        reply = {
            "status": status,
            "out": out.getvalue(),
            "err": err.getvalue(),
            "seconds": time.monotonic() - started,
        }
        reply_to.write(json.dumps(reply) + "\n")
        reply_to.flush()


if __name__ == "__main__":
    _serve()
