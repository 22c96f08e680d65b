"""Memory and time of opening one very large article in the window.

Builds a plain-text article of about 10 MB (under the import limit), indexes
it with the five bundled ones in a scratch folder, opens the window offscreen
and opens first a bundled article (the baseline), then the large one. Prints
the window process's resident memory (RSS, from /proc) before and after
(each figure after a few seconds of the event loop, so Qt's background
layout has run), after a jump to the article's end and after paging back
from there, and how long the reading pane took to show the article.

    QT_QPA_PLATFORM=offscreen python tests/perf/bench_big_article.py [MEGABYTES] [QUERY]

With a QUERY the article opens as a search hit, every match marked.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

VOCABULARY = (
    "the council harbour freight ministry talks treaty winter road port assembly plan"
    " officials said on Thursday that negotiations would continue next month before"
    " a further round of meetings planned for the end of the year in the capital"
)
WORDS = VOCABULARY.split()


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def make_article(path: Path, megabytes: float) -> None:
    rng = random.Random(7)
    target = int(megabytes * 1024 * 1024)
    paragraphs = ["A very long report on harbour freight", ""]
    size = 0
    while size < target:
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 120))]
        para = " ".join(words).capitalize() + "."
        paragraphs.append(para)
        paragraphs.append("")
        size += len(para) + 2
    path.write_text("\n".join(paragraphs), encoding="utf-8")


def wait(app: object, seconds: float) -> None:
    """Run the event loop for ``seconds``: Qt lays a document out in the background."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


IMPORT_IN_CHILD = """
import sys
from pathlib import Path
from reader.core.library import Library
library = Library.open(Path(sys.argv[1]))
result = library.import_paths([Path(sys.argv[2])])
library.close()
print(result.imported[0])
"""


def main() -> int:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    home = Path(tempfile.mkdtemp(prefix="corpus-reader-big-"))
    article = home / "drop" / "harbour-freight.txt"
    article.parent.mkdir(parents=True)
    make_article(article, megabytes)
    print(f"article file: {article.stat().st_size / 1e6:.1f} MB")

    # The window imports in a worker process, so the bench does too: the
    # cleaning, indexing and analysis models never sit in the window's memory.
    t0 = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-c", IMPORT_IN_CHILD, str(home / "home"), str(article)],
        capture_output=True,
        text=True,
        check=True,
    )
    doc_id = child.stdout.split()[-1]
    print(f"import and index (worker process): {time.perf_counter() - t0:.1f} s")

    from reader.app import make_application
    from reader.core.library import Library
    from reader.ui.main_window import MainWindow
    from reader.ui.settings import UiSettings

    app = make_application()
    library = Library.open(home / "home")
    # The window's own task runner: background jobs in their worker processes.
    window = MainWindow(library, settings=UiSettings.in_folder(home / "settings"))
    window.resize(1400, 900)
    window.show()
    window.start()
    wait(app, 3)
    bundled = next(s.id for s in library.summaries() if s.id != doc_id)
    window.open_article(bundled)
    query = sys.argv[2] if len(sys.argv) > 2 else ""
    if query:
        window.search(query)
        wait(app, 2)
        print(f"search {query!r}: {len(window.article_list.matches_for(doc_id))} matches")
        window.open_article(bundled)
    wait(app, 3)
    before = rss_mb()
    t0 = time.perf_counter()
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(window.open_article, doc_id)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    else:
        window.open_article(doc_id)
    app.processEvents()
    opened = time.perf_counter() - t0
    pane = window.reading_pane
    wait(app, 3)  # long enough for Qt's background layout of what the pane holds
    at_open = rss_mb()
    body_length = pane.document.body_text.__len__() if pane.document else 0
    t0 = time.perf_counter()
    pane.scroll_to_span(body_length - 1)  # a jump to the end (a link, the last hit)
    app.processEvents()
    jumped = time.perf_counter() - t0
    wait(app, 3)
    at_end = rss_mb()
    bar = pane.browser.verticalScrollBar()
    slowest = 0.0
    parts = {pane.shown_part()}
    for _ in range(40):  # then read back up, a screen at a time
        t0 = time.perf_counter()
        bar.setValue(bar.value() - pane.browser.viewport().height())
        app.processEvents()
        slowest = max(slowest, time.perf_counter() - t0)
        parts.add(pane.shown_part())
    wait(app, 3)
    after = rss_mb()
    shown = pane.document
    assert shown is not None and shown.id == doc_id
    print(f"RSS with a bundled article open: {before:.0f} MB")
    print(f"RSS with the {megabytes:g} MB article open: {at_open:.0f} MB")
    print(f"growth on opening: {at_open - before:.0f} MB ({at_open / before:.2f}x)")
    print(f"RSS after a jump to its end: {at_end:.0f} MB ({at_end / before:.2f}x)")
    print(f"RSS after paging back 40 screens: {after:.0f} MB ({after / before:.2f}x)")
    print(f"time to open it: {opened:.2f} s, to jump to its end: {jumped:.2f} s")
    print(f"slowest screen up while paging back: {slowest * 1000:.0f} ms ({len(parts)} parts)")
    window.close()
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
