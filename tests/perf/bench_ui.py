"""Benchmark: the window's responsiveness, beside a baseline measured in the same run.

Not collected by pytest (the name does not start with ``test_``); timings
are printed, never asserted. Run::

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/perf/bench_ui.py [--big]

Each measurement runs in its own fresh subprocess (one ``QApplication``
each, nothing warmed by the one before):

1. **Start to a usable window** on the bundled corpus whose index was built
   beforehand in a temporary ``CORPUS_READER_HOME``. Each start is a new
   process (``ui_startup.py``): ours goes through the real launcher
   (``reader.app.main``) up to the first event processed after
   ``MainWindow.start`` has filled the article list and opened the first
   article and the window has painted its first frame after that; the
   baseline is a bare ``QMainWindow`` with the same three panes
   (``QTableView`` and ``QTextBrowser`` in a splitter, ``QTreeView`` in a
   dock) up to the first event processed after its first frame. Both count
   the drawing of that frame (a window is painted only once the platform has
   exposed it, some time after ``show()``). Time runs from just before the process is spawned
   to the child's "ready" mark; the bytecode cache is kept in a temporary
   ``PYTHONPYCACHEPREFIX`` and warmed by one discarded start of each, as an
   installed app's would be. Median of 5 alternating starts (11 with
   ``--big``); target ours/bare <= 1.5.
2. **Opening an article with 200 highlighted hits.** A generated article
   (15 paragraphs, one term 200 times) and a second one without it are
   indexed in a temporary corpus; the real window (with its panels,
   synchronous task runner) searches the term, then the two articles are
   opened alternately. Timed: ``ReadingPane.show_document`` until its marks
   are applied (it returns after ``setExtraSelections``), then until the
   first paint of the text (a synchronous ``viewport().repaint()``), and
   the whole ``MainWindow.open_article`` (article read from the cache, the
   panels told) until painted. Median and p95 over 30 opens; target < 50 ms
   for marks applied.
3. **The article list with 100,000 rows** (1,000,000 with ``--big``): the
   real :class:`~reader.ui.article_list.ArticleList` (model, proxy,
   delegate) in a 560×900 window is filled from synthetic ``DocSummary``
   rows, sorted by date and by title through the header's sort request,
   then scrolled top to bottom in 300 jumps (every step a fresh page) and
   by 300 wheel steps of 3 rows. Per step: ``setValue`` + ``processEvents``
   (which paints; a paint counter on the viewport checks that it did).
   Median/p95/max per step; smooth means < 16 ms.
4. **The event loop while indexing 10,000 articles** (20,000 with
   ``--big``) generated with ``bench_ingest.generate`` (~2 KB each): the
   real window (its panels, the real ``TaskRunner``) starts on an empty
   per-user folder, so the index is built by a ``corpus-reader index``
   child process (cleaning in worker processes of its own) while a 10 ms ``PreciseTimer`` on
   the main thread records the gaps between its ticks. Reported: the build
   time, max and p99 gap while indexing, the gap of the completion work on
   the main thread (the list and panels reloading), and how many progress
   signals arrived. Target: no gap > 100 ms.

A table of every figure with its target and pass/fail ends the output.
"""

from __future__ import annotations

import argparse
import faulthandler
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STARTUP_CHILD = HERE / "ui_startup.py"

HIT_TERM = "sturgeon"
HIT_COUNT = 200
PARAGRAPHS = 15
STALL_S = 0.25  # a loop gap this long is worth a stack dump

# -- small helpers ---------------------------------------------------------


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _stats(samples_ms: list[float]) -> dict[str, float]:
    return {
        "median": statistics.median(samples_ms),
        "p95": _pct(samples_ms, 0.95),
        "p99": _pct(samples_ms, 0.99),
        "max": max(samples_ms),
        "n": len(samples_ms),
    }


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _child_env(home: Path, work: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    env["CORPUS_READER_HOME"] = str(home)
    # QSettings and anything else per-user go to the work folder, never the real ones.
    env["XDG_CONFIG_HOME"] = str(work / "xdg-config")
    env["XDG_DATA_HOME"] = str(work / "xdg-data")
    env["XDG_CACHE_HOME"] = str(work / "xdg-cache")
    # An installed app has its bytecode cached; keep ours in a private folder.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def _quiet_qt() -> None:
    """Silence the offscreen plugin's notices (size hints, fonts) in a child's output."""
    from reader.ui.screenshot import quiet_offscreen_warnings

    quiet_offscreen_warnings()


def _settings(folder: Path) -> Any:
    from PySide6.QtCore import QSettings

    from reader.ui.settings import UiSettings

    folder.mkdir(parents=True, exist_ok=True)
    return UiSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


# -- 1. start to a usable window --------------------------------------------


def _start_once(variant: str, env: dict[str, str]) -> dict[str, float]:
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, str(STARTUP_CHILD), variant],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{variant} start failed: {out.stderr.strip()[-2000:]}")
    marks = json.loads(out.stdout.strip().splitlines()[-1])
    rel = {k: _ms(v - t0) for k, v in marks.items() if isinstance(v, float)}
    rel["rows"] = marks.get("rows", 0)
    return rel


def measure_startup(work: Path, runs: int) -> dict[str, Any]:
    home = work / "start-home"
    env = _child_env(home, work)
    # The index is built beforehand, by the same engine, in the same folder.
    built = subprocess.run(
        [sys.executable, "-m", "reader.cli", "index"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if built.returncode != 0:
        raise RuntimeError(f"index build failed: {built.stderr.strip()}")
    for variant in ("bare", "ours"):
        _start_once(variant, env)  # warm the bytecode and the disk cache
    samples: dict[str, list[dict[str, float]]] = {"bare": [], "ours": []}
    for _ in range(runs):
        for variant in ("bare", "ours"):
            samples[variant].append(_start_once(variant, env))
    result: dict[str, Any] = {}
    for variant, runs_ in samples.items():
        if any(r["rows"] < 5 for r in runs_):
            raise RuntimeError(f"{variant}: the list was not populated")
        phases = sorted({k for r in runs_ for k in r if k != "rows"})
        result[variant] = {k: statistics.median(r[k] for r in runs_ if k in r) for k in phases}
        result[variant]["all_ready"] = [round(r["ready"]) for r in runs_]
    result["ratio"] = result["ours"]["ready"] / result["bare"]["ready"]
    return result


# -- 2. opening an article with 200 hits --------------------------------------

FILLER = (
    "the talks on the fishing rights resumed in the port city after a long pause while "
    "delegates from both sides met at the harbour office to weigh quotas catches and "
    "the season ahead officials said the boats would wait for a decision before the "
    "winter storms close the northern grounds to all but the largest vessels"
)
WORDS = FILLER.split()


def make_hit_article(term: str = HIT_TERM, hits: int = HIT_COUNT) -> str:
    """A plain-text article of ``PARAGRAPHS`` paragraphs with ``term`` exactly ``hits`` times."""
    rng = random.Random(4242)
    per_paragraph = [hits // PARAGRAPHS + (1 if n < hits % PARAGRAPHS else 0) for n in range(15)]
    paragraphs = []
    for n, count in enumerate(per_paragraph):
        sentences = []
        for _ in range(count):
            words = [rng.choice(WORDS) for _ in range(rng.randrange(7, 12))]
            words.insert(rng.randrange(1, len(words)), term)
            sentences.append(" ".join(words).capitalize() + ".")
        text = " ".join(sentences)
        paragraphs.append(f"VALPARAISO -- {text}" if n == 0 else text)
    head = [
        f"Quota talks on {term} catches drag into a third week",
        "",
        "By Mirela Ostrovsky",
        "",
        "March 3, 2019",
        "",
    ]
    return "\n".join(head) + "\n" + "\n\n".join(paragraphs) + "\n"


def part_article(work: Path, runs: int) -> dict[str, Any]:
    from bench_ingest import make_article
    from PySide6.QtWidgets import QApplication

    from reader.app import make_application
    from reader.core.library import Library
    from reader.ui.main_window import MainWindow
    from reader.ui.tasks import SyncTaskRunner

    _app = make_application()  # kept alive for the whole part
    _quiet_qt()
    corpus = work / "hits-corpus" / "articles"
    corpus.mkdir(parents=True, exist_ok=True)
    (corpus / "hits200.txt").write_text(make_hit_article(), encoding="utf-8")
    name, text = make_article(7)
    (corpus / name).write_text(text, encoding="utf-8")
    library = Library.open(work / "hits-home", corpus.parent)
    library.update_index()
    window = MainWindow(library, runner=SyncTaskRunner(), settings=_settings(work / "hits-cfg"))
    window.resize(1400, 900)
    window.show()
    window.start()
    QApplication.processEvents()
    window.search(HIT_TERM)
    QApplication.processEvents()
    hits = window._matches.get("hits200", [])
    if len(hits) != HIT_COUNT:
        raise RuntimeError(f"expected {HIT_COUNT} hits, the search found {len(hits)}")
    pane = window.reading_pane
    viewport = pane.browser.viewport()
    other = library.document(Path(name).stem)
    target = library.document("hits200")

    marks: list[float] = []
    painted: list[float] = []
    for _ in range(runs):
        pane.show_document(other)
        viewport.repaint()
        QApplication.processEvents()
        t0 = time.perf_counter()
        pane.show_document(target, hits)
        t1 = time.perf_counter()
        viewport.repaint()
        t2 = time.perf_counter()
        QApplication.processEvents()
        marks.append(_ms(t1 - t0))
        painted.append(_ms(t2 - t0))
    shown = len(pane.extra_selection_texts())
    if shown < HIT_COUNT or pane.hit_label.text() != f"hit 1 of {HIT_COUNT}":
        raise RuntimeError(f"marks not applied: {shown} marks, {pane.hit_label.text()!r}")

    window_open: list[float] = []
    for _ in range(runs):
        window.open_article(other.id)
        viewport.repaint()
        QApplication.processEvents()
        t0 = time.perf_counter()
        window.open_article("hits200")
        viewport.repaint()
        window_open.append(_ms(time.perf_counter() - t0))
        QApplication.processEvents()
    window.close()
    library.close()
    return {
        "marks": _stats(marks),
        "painted": _stats(painted),
        "window_open": _stats(window_open),
        "body_chars": sum(len(p) for p in target.paragraphs),
    }


# -- 3. the article list with 100,000 rows --------------------------------------


def _summaries(n: int) -> list[Any]:
    from reader.core.docstore import DocSummary

    rng = random.Random(99)
    publishers = ["Nikkei Asia", "The Japan Times", "TASS", "Reuters", "Kyodo", "The Guardian"]
    topics = ["peace treaty", "fisheries", "gas pipeline", "summit", "islands", "trade"]
    places = ["Osaka", "Moscow", "Lima", "Buenos Aires", "Tokyo", "Vladivostok", "Sapporo"]
    rows = []
    for i in range(n):
        year = 2010 + rng.randrange(10)
        date = f"{year}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        title = f"{rng.choice(places)} talks on {rng.choice(topics)} end without deal ({i})"
        rows.append(
            DocSummary(
                id=f"a{i:07d}",
                title=title,
                publisher=rng.choice(publishers),
                published=date if i % 50 else None,
                dateline=rng.choice(places).upper(),
            )
        )
    return rows


def _scroll(
    bar: Any, values: list[int], process: Callable[[], None], paints: list[int]
) -> list[float]:
    steps = []
    for value in values:
        before = paints[0]
        t0 = time.perf_counter()
        bar.setValue(value)
        process()
        steps.append(_ms(time.perf_counter() - t0))
        if paints[0] == before:
            raise RuntimeError("a scroll step did not repaint the list")
    return steps


def part_list(work: Path, rows: int) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, QObject, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow

    from reader.app import make_application
    from reader.ui.article_list import ArticleList
    from reader.ui.article_model import DATE_COLUMN, TITLE_COLUMN

    _app = make_application()  # kept alive for the whole part
    _quiet_qt()
    summaries = _summaries(rows)

    class PaintCounter(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.count = [0]

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.count[0] += 1
            return False

    window = QMainWindow()
    article_list = ArticleList(window)
    window.setCentralWidget(article_list)
    window.resize(560, 900)
    window.show()
    QApplication.processEvents()
    counter = PaintCounter()
    article_list.view.viewport().installEventFilter(counter)

    def timed(action: Callable[[], object]) -> float:
        t0 = time.perf_counter()
        action()
        QApplication.processEvents()
        return _ms(time.perf_counter() - t0)

    result: dict[str, Any] = {"rows": rows}
    result["fill_ms"] = timed(lambda: article_list.show_summaries(summaries))
    if article_list.proxy.rowCount() != rows:
        raise RuntimeError("the list does not hold every row")
    view = article_list.view
    result["sort_date_ms"] = timed(
        lambda: view.sortByColumn(DATE_COLUMN, Qt.SortOrder.DescendingOrder)
    )
    result["sort_title_ms"] = timed(
        lambda: view.sortByColumn(TITLE_COLUMN, Qt.SortOrder.AscendingOrder)
    )
    first = article_list.proxy.index(0, TITLE_COLUMN).data()
    if first != min((s.title for s in summaries), key=str.casefold):
        raise RuntimeError(f"the list is not sorted by title: first row {first!r}")
    article_list.select_first()
    QApplication.processEvents()

    bar = view.verticalScrollBar()
    top, bottom = bar.minimum(), bar.maximum()
    jumps = [top + (bottom - top) * k // 300 for k in range(1, 301)]
    result["jump"] = _stats(_scroll(bar, jumps, QApplication.processEvents, counter.count))
    bar.setValue(top)
    QApplication.processEvents()
    per_row = max(1, bar.singleStep())
    wheel = [min(bottom, top + 3 * per_row * k) for k in range(1, 301)]
    result["wheel"] = _stats(_scroll(bar, wheel, QApplication.processEvents, counter.count))
    result["scroll_range"] = bottom - top
    # The entity filter narrows the list through the proxy's Python callback.
    keep = {s.id for s in summaries[::10]}
    result["filter_ms"] = timed(lambda: article_list.set_allowed_ids(keep))
    result["unfilter_ms"] = timed(lambda: article_list.set_allowed_ids(None))
    window.close()
    return result


# -- 4. the event loop while indexing in the background --------------------------


def part_indexing(work: Path, articles: int) -> dict[str, Any]:
    from bench_ingest import generate
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.app import make_application
    from reader.core.library import Library
    from reader.ui.main_window import MainWindow

    corpus = work / f"corpus-{articles}"
    if not corpus.is_dir() or len(os.listdir(corpus / "articles")) != articles:
        shutil.rmtree(corpus, ignore_errors=True)
        generate(corpus / "articles", articles)
    home = work / f"index-home-{articles}"
    shutil.rmtree(home, ignore_errors=True)

    app = make_application()
    _quiet_qt()
    library = Library.open(home, corpus)
    window = MainWindow(library, settings=_settings(work / "index-cfg"))
    window.resize(1400, 900)
    window.show()
    QApplication.processEvents()

    clock = QElapsedTimer()
    ticks: list[tuple[float, str]] = []  # (ms since start, phase)
    phase = ["indexing"]
    progress_calls = [0]
    original_progress = window._on_progress

    def on_progress(done: int, total: int, message: str) -> None:
        progress_calls[0] += 1
        original_progress(done, total, message)

    window._on_progress = on_progress  # type: ignore[method-assign]
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(10)
    # A stall of the loop longer than STALL_S dumps every thread's stack (from
    # faulthandler's own C thread, which needs no GIL) to stalls.txt: that
    # names the culprit whether the main thread is busy or waiting for the GIL.
    stalls = open(work / "stalls.txt", "w", encoding="utf-8")  # noqa: SIM115 - closed below

    def tick() -> None:
        ticks.append((clock.nsecsElapsed() / 1e6, phase[0]))
        faulthandler.dump_traceback_later(STALL_S, file=stalls)

    timer.timeout.connect(tick)
    built_at = [0.0]

    def on_ready() -> None:
        built_at[0] = clock.nsecsElapsed() / 1e6
        phase[0] = "completion"
        QTimer.singleShot(1500, app.quit)

    window.index_ready.connect(on_ready)
    clock.start()
    timer.start()
    window.start()
    ticks.append((clock.nsecsElapsed() / 1e6, "indexing"))
    app.exec()
    timer.stop()
    faulthandler.cancel_dump_traceback_later()
    stalls.close()
    if window._indexing or not built_at[0]:
        raise RuntimeError("the index was not built")

    gaps: dict[str, list[float]] = {"indexing": [], "completion": []}
    worst: dict[str, float] = {}
    for (t_prev, _), (t, ph) in itertools.pairwise(ticks):
        gaps[ph].append(t - t_prev)
        if t - t_prev > worst.get(ph, 0):
            worst[ph] = t - t_prev
            worst[f"{ph}_at_ms"] = t_prev
    rows = window.article_list.proxy.rowCount()
    window.close()
    library.close()
    return {
        "articles": articles,
        "rows": rows,
        "build_s": built_at[0] / 1000,
        "indexing": _stats(gaps["indexing"]),
        "completion": _stats(gaps["completion"] or [0.0]),
        "worst": worst,
        "progress_signals": progress_calls[0],
        "start_call_ms": ticks[0][0],
        "stall_dumps": (work / "stalls.txt").read_text(encoding="utf-8").count("Timeout ("),
    }


# -- running the parts and the report -----------------------------------------

PARTS: dict[str, Callable[[Path, int], dict[str, Any]]] = {
    "article": part_article,
    "list": part_list,
    "indexing": part_indexing,
}


def run_part(name: str, work: Path, size: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--part", name, "--work", str(work), "--size", str(size)]
    env = _child_env(work / "unused-home", work)
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1800)
    if out.returncode != 0:
        raise RuntimeError(f"part {name} failed:\n{out.stderr.strip()[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _row(name: str, value: str, target: str, ok: bool | None) -> tuple[str, str, str, str]:
    verdict = "info" if ok is None else ("PASS" if ok else "FAIL")
    return (name, value, target, verdict)


def report(res: dict[str, Any]) -> None:
    rows: list[tuple[str, str, str, str]] = []
    s = res.get("startup")
    if s:
        rows.append(
            _row(
                "start: ours / bare (median)",
                f"{s['ours']['ready']:.0f} / {s['bare']['ready']:.0f} ms = {s['ratio']:.2f}x",
                "<= 1.5x",
                s["ratio"] <= 1.5,
            )
        )
    a = res.get("article")
    if a:
        rows.append(
            _row(
                f"open {HIT_COUNT}-hit article: marks applied",
                f"median {a['marks']['median']:.1f}, p95 {a['marks']['p95']:.1f} ms",
                "< 50 ms",
                a["marks"]["p95"] < 50,
            )
        )
        rows.append(
            _row(
                "  ... to first paint",
                f"median {a['painted']['median']:.1f}, p95 {a['painted']['p95']:.1f} ms",
                "< 50 ms",
                a["painted"]["p95"] < 50,
            )
        )
        rows.append(
            _row(
                "  window.open_article, painted",
                f"median {a['window_open']['median']:.1f}, p95 {a['window_open']['p95']:.1f} ms",
                "(info)",
                None,
            )
        )
    li = res.get("list")
    if li:
        n = f"{li['rows']:,}"
        rows.append(_row(f"list {n}: fill", f"{li['fill_ms']:.0f} ms", "(info)", None))
        rows.append(
            _row(
                f"list {n}: sort date / title",
                f"{li['sort_date_ms']:.0f} / {li['sort_title_ms']:.0f} ms",
                "(info)",
                None,
            )
        )
        for key, label in (("jump", "300 page jumps"), ("wheel", "300 wheel steps")):
            st = li[key]
            rows.append(
                _row(
                    f"list {n}: scroll, {label}",
                    f"median {st['median']:.1f}, p95 {st['p95']:.1f}, max {st['max']:.1f} ms",
                    "< 16 ms typ.",
                    st["p95"] < 16,
                )
            )
        rows.append(
            _row(
                f"list {n}: entity filter on / off",
                f"{li['filter_ms']:.0f} / {li['unfilter_ms']:.0f} ms",
                "(info)",
                None,
            )
        )
    ix = res.get("indexing")
    if ix:
        n = f"{ix['articles']:,}"
        rows.append(
            _row(f"index {n} in background: time", f"{ix['build_s']:.1f} s", "(info)", None)
        )
        st = ix["indexing"]
        rows.append(
            _row(
                f"index {n}: loop gap while indexing",
                f"max {st['max']:.0f}, p99 {st['p99']:.0f} ms",
                "max <= 100 ms",
                st["max"] <= 100,
            )
        )
        st = ix["completion"]
        rows.append(
            _row(
                f"index {n}: loop gap on completion",
                f"max {st['max']:.0f}, p99 {st['p99']:.0f} ms",
                "max <= 100 ms",
                st["max"] <= 100,
            )
        )
    print()
    widths = [
        max(len(r[i]) for r in [("figure", "value", "target", "result"), *rows]) for i in range(4)
    ]
    header = ("figure", "value", "target", "result")
    for r in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--big", action="store_true", help="bigger sizes and more runs")
    ap.add_argument(
        "--only", default="startup,article,list,indexing", help="comma-separated parts to run"
    )
    ap.add_argument("--dir", help="work folder (kept; default: a fresh temporary one)")
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--part", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.part:
        print(json.dumps(PARTS[args.part](Path(args.work), args.size)), flush=True)
        return

    work = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="corpus-reader-ui-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = {
        "startup": 11 if args.big else 5,
        "article": 100 if args.big else 30,
        "list": 1_000_000 if args.big else 100_000,
        "indexing": 20_000 if args.big else 10_000,
    }
    print(f"UI benchmark in {work}; {os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
    results: dict[str, Any] = {}
    wanted = [p for p in args.only.split(",") if p]
    try:
        for name in ("startup", "article", "list", "indexing"):
            if name not in wanted:
                continue
            t0 = time.perf_counter()
            if name == "startup":
                results[name] = measure_startup(work, sizes[name])
            else:
                results[name] = run_part(name, work, sizes[name])
            brief = json.dumps(_rounded(results[name]))
            print(f"{name} ({time.perf_counter() - t0:.0f} s): {brief}", flush=True)
    finally:
        report(results)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
