"""Benchmark: searchable first, entities after, on real news text.

Not collected by pytest. Run::

    .venv/bin/python tests/perf/bench_entities.py [--articles 1000] [--dev DIR]

The articles are the true bodies of the extraction dev set (``articleBody``
of ``../shared/eval/extraction/dev/*.json``, read at run time, never copied
into the project), repeated under new ids to reach ``--articles``. Phases,
each in a fresh subprocess so time and peak memory are its own:

* ``raw_index``: raw Whoosh's default writer indexing the same texts;
* ``index``: our ingest as the product runs it (clean, cache, index; the
  analysis deferred), so the corpus is searchable: the ratio to raw Whoosh
  is the figure (target <= 2x);
* ``analyse``: the entity and meeting analysis of every pending article,
  as the window's child runs it (with its forked helper, ``--workers 2``):
  wall and CPU seconds, articles per second, peak memory (target: 10,000
  articles in <= 5 minutes on 2 cores, < 500 MB per process); the 10,000
  figure is extrapolated from the run;
* ``raw_ner``: spaCy's NER alone over the same texts in one process, the
  baseline the analysis's CPU time is compared with in the same run;
* ``window``: the real window on that library runs the analysis in its
  child process while a 5 ms timer measures the longest gap in its event
  loop (target: never blocked > 100 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DEV = next(
    (p / "shared" / "eval" / "extraction" / "dev" for p in ROOT.parents if (p / "shared").is_dir()),
    ROOT / "shared" / "eval" / "extraction" / "dev",
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_corpus(dev: Path, folder: Path, n: int) -> int:
    """``n`` .txt articles from the dev set's true bodies; returns the characters written."""
    bodies = []
    for path in sorted(dev.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        body = str(data.get("articleBody") or "").strip()
        if len(body) > 200:
            bodies.append((str(data.get("headline") or path.stem[:12]), body))
    if not bodies:
        raise SystemExit(f"no article bodies in {dev}")
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for i in range(n):
        title, body = bodies[i % len(bodies)]
        text = f"{title} ({i})\n\n{body}\n"
        (folder / f"real_{i:06d}.txt").write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def phase_raw_index(corpus: Path, work: Path) -> dict[str, Any]:
    from whoosh import index as windex

    from reader.core.search.index import build_schema

    target = work / "raw-index"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    start = time.perf_counter()
    ix = windex.create_in(str(target), build_schema())
    writer = ix.writer()  # the default writer
    for path in sorted(corpus.iterdir()):
        title, _, body = path.read_text(encoding="utf-8").partition("\n")
        writer.add_document(id=path.stem, title=title, body=body, publisher="")
    writer.commit()
    ix.close()
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb()}


def phase_index(corpus: Path, work: Path) -> dict[str, Any]:
    from reader.core.corpus import discover
    from reader.core.docstore import DocStore
    from reader.core.ingest import ingest
    from reader.core.search.index import SearchIndex

    start = time.perf_counter()
    store = DocStore.in_folder(work / "cache")
    index = SearchIndex(work / "cache" / "index")
    report = ingest(discover([corpus]), store=store, index=index, defer_analysis=True)
    elapsed = time.perf_counter() - start
    store.close()
    index.close()
    return {"seconds": elapsed, "added": report.added, "peak_mb": _peak_mb()}


def phase_analyse(corpus: Path, work: Path) -> dict[str, Any]:
    from reader.core.analysis.queue import analyse_pending
    from reader.core.docstore import DocStore
    from reader.core.search.index import SearchIndex

    store = DocStore.in_folder(work / "cache")
    index = SearchIndex(work / "cache" / "index")
    workers = int(os.environ.get("BENCH_WORKERS", "2"))

    def to_index(analysed: list[Any]) -> None:
        # As the library does: the entity keys go into the articles' index documents.
        with index.writer() as writer:
            for doc, analysis in analysed:
                writer.add(doc, analysis)

    start, cpu = time.perf_counter(), time.process_time()
    report = analyse_pending(store, workers=workers, on_analysed=to_index)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu += children.ru_utime + children.ru_stime  # the helper process's share
    store.close()
    index.close()
    done = report.analysed + report.failed
    return {
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "articles": done,
        "failed": report.failed,
        "per_second": done / elapsed if elapsed else 0.0,
        "ms_per_article_cpu": 1000 * cpu / done if done else 0.0,
        "peak_mb": max(_peak_mb(), children.ru_maxrss / 1024),
        "workers": workers,
        "model": report.model,
    }


def phase_raw_ner(corpus: Path, work: Path) -> dict[str, Any]:
    """spaCy's NER alone over the same bodies, in one process: the baseline the
    analysis is compared with in the same run, so the machine's speed cancels out."""
    from reader.core.analysis.entities.model import MAX_CHUNK, load_model
    from reader.core.analysis.entities.statistical import chunks

    model, _status = load_model()
    if model is None:
        return {"cpu_seconds": 0.0, "articles": 0}
    texts = [
        piece
        for path in sorted(corpus.iterdir())
        for _, piece in chunks(path.read_text(encoding="utf-8"), MAX_CHUNK)
    ]
    cpu = time.process_time()
    for _doc in model.pipe(texts, batch_size=4):
        pass
    return {"cpu_seconds": time.process_time() - cpu, "articles": len(list(corpus.iterdir()))}


def phase_window(corpus: Path, work: Path) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.core.library import Library
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    lib = Library.open(work / "home", corpus)
    lib.update_index(analyse=False)
    pending = lib.analysis_pending()
    window = MainWindow(lib)
    window.show()
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    done: list[object] = []
    window.analysis_finished.connect(done.append)
    start = time.perf_counter()
    timer.start()
    window.analyse_pending()
    while not done and time.perf_counter() - start < 900:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    elapsed = time.perf_counter() - start
    window.close()
    lib.close()
    gaps.sort()
    return {
        "articles": pending,
        "seconds": elapsed,
        "max_gap_ms": gaps[-1] if gaps else 0.0,
        "p99_gap_ms": gaps[int(0.99 * (len(gaps) - 1))] if gaps else 0.0,
        "ticks": len(gaps),
        "finished": bool(done),
    }


PHASES = {
    "raw_index": phase_raw_index,
    "index": phase_index,
    "analyse": phase_analyse,
    "raw_ner": phase_raw_ner,
    "window": phase_window,
}


def run_phase(name: str, corpus: Path, work: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--phase", name, "--corpus", str(corpus), "--work", str(work)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--phase", choices=sorted(PHASES))
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--skip-window", action="store_true")
    parser.add_argument(
        "--workers", type=int, default=2, help="analysis processes (the product uses 2)"
    )
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args.corpus, args.work)))
        return
    os.environ["BENCH_WORKERS"] = str(args.workers)  # read by the analyse phase's process
    root = Path(tempfile.mkdtemp(prefix="bench-entities-"))
    try:
        corpus = root / "corpus"
        chars = make_corpus(args.dev, corpus, args.articles)
        print(f"{args.articles} real articles, {chars / 1e6:.1f} M characters", flush=True)
        raw = run_phase("raw_index", corpus, root / "raw")
        ours = run_phase("index", corpus, root / "work")
        print(
            f"searchable: ours {ours['seconds']:.1f} s, raw Whoosh {raw['seconds']:.1f} s, "
            f"ratio {ours['seconds'] / raw['seconds']:.2f}x (target <= 2x); "
            f"peak {ours['peak_mb']:.0f} MB",
            flush=True,
        )
        ana = run_phase("analyse", corpus, root / "work")
        per_10k = 10_000 / ana["per_second"] if ana["per_second"] else float("inf")
        print(
            f"analysis: {ana['articles']} articles in {ana['seconds']:.1f} s wall, "
            f"{ana['cpu_seconds']:.1f} s CPU ({ana['ms_per_article_cpu']:.0f} ms CPU per "
            f"article) with {ana['workers']} process(es); 10,000 articles ~ "
            f"{per_10k / 60:.1f} min at this rate (target <= 5 min on 2 cores); "
            f"peak {ana['peak_mb']:.0f} MB per process (target < 500)",
            flush=True,
        )
        print(f"  ({ana['model']})")
        ner = run_phase("raw_ner", corpus, root / "work")
        if ner["articles"]:
            print(
                f"  spaCy NER alone on the same texts: {ner['cpu_seconds']:.1f} s CPU "
                f"({1000 * ner['cpu_seconds'] / ner['articles']:.0f} ms per article); the "
                f"whole analysis costs {ana['cpu_seconds'] / ner['cpu_seconds']:.2f}x that",
                flush=True,
            )
        if not args.skip_window:
            win = run_phase("window", corpus, root / "window")
            print(
                f"window: analysis of {win['articles']} articles in the child took "
                f"{win['seconds']:.1f} s; longest event-loop gap {win['max_gap_ms']:.0f} ms, "
                f"p99 {win['p99_gap_ms']:.0f} ms (target < 100 ms)",
                flush=True,
            )
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
