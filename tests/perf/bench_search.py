"""Benchmark: search at scale on real news text and on generated text, beside raw Whoosh.

Not collected by pytest. Run::

    .venv/bin/python tests/perf/bench_search.py [--sizes 20000] [--rounds 3]

For each size it builds, in a temporary folder, two indexes through our own
schema and writer: one from real article bodies (the extraction measuring
set's ``articleBody`` texts, read at run time, split into paragraphs and
recombined into new articles; nothing is copied into the project) and one
from generated text. On each it measures, per query of a fixed mix:

* ours: ``SearchIndex.search(q, limit=20)`` — exact total, 20 hits with
  snippets, body and header offsets;
* raw Whoosh: ``searcher.search(q, limit=20, terms=True)`` and
  ``hit.highlights("body")`` for the same 20 hits (Whoosh's own counting,
  which stops early, not asked for);
* the early count: what the total cost before exact totals
  (``search(limit=20, optimize=False)`` then ``len()``), beside the exact
  count;
* first vs repeated query: the parsed query and its expanded terms are
  kept while the index is unchanged, and a segment's date table once read;
  the first run of a query pays for parsing, expansion and the table.

``--keep DIR`` builds each index once into DIR and reuses it on later runs
(a 100,000-article real index takes about five minutes to build), so only
the searches are measured again; the build time and memory are then those
of the run that built it.

It prints p50/p95 in milliseconds and the ratios ours / raw, and the peak
memory (RSS high-water) of the process.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from reader.core.model import Document  # noqa: E402
from reader.core.search.index import SearchIndex  # noqa: E402

EVAL_DIR = ROOT.parent / "shared" / "eval" / "extraction" / "dev"

QUERIES = [
    "election",
    "company OR investors",
    '"new york"',
    "market*",
    "government NOT police",
    "technology~",
    "published:[2015 TO 2018]",
    "report AND published:2017",
    "title:attorney",
]
GENERATED_QUERIES = [
    "election",
    "blair OR brown",
    '"peace treaty"',
    "tele*",
    "peace NOT treaty",
    "mobile~",
    "published:[2005 TO 2010]",
    "election AND published:2010",
]


def real_paragraphs(folder: Path) -> list[str]:
    paragraphs: list[str] = []
    for path in sorted(folder.glob("*.json")):
        body = json.loads(path.read_text(encoding="utf-8")).get("articleBody") or ""
        paragraphs.extend(p.strip() for p in body.split("\n") if len(p.strip()) > 40)
    if not paragraphs:
        raise SystemExit(f"no article bodies found in {folder} (see --eval-dir)")
    return paragraphs


def real_documents(n: int, paragraphs: list[str]) -> Iterator[Document]:
    rng = random.Random(n)
    for i in range(n):
        chosen = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(3, 9)))
        words = rng.choice(chosen).split()
        title = " ".join(words[: rng.randint(5, 11)]).rstrip(",.;:")
        day = date(2012, 1, 1) + timedelta(days=rng.randrange(8 * 365))
        yield Document(
            id=f"real{i:06d}",
            title=title,
            publisher=rng.choice(["Wire", "Courier", "Ledger"]),
            published=day.isoformat(),
            paragraphs=chosen,
        )


def build(folder: Path, docs: Iterator[Document]) -> tuple[SearchIndex, float, int]:
    index = SearchIndex(folder)
    index.reset()
    started = time.perf_counter()
    n = 0
    with index.writer(fresh=True) as writer:
        for doc in docs:
            writer.add(doc)
            n += 1
    return index, time.perf_counter() - started, n


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def measure(index: SearchIndex, queries: list[str], rounds: int) -> dict[str, object]:
    from whoosh import qparser

    from reader.core.search.checker import check_text
    from reader.core.search.parsing import parse_query

    searcher = index._current_searcher()
    raw_parser = qparser.MultifieldParser(["title", "body"], searcher.schema)
    raw_parser.add_plugin(qparser.FuzzyTermPlugin())
    ours: list[float] = []
    raw: list[float] = []
    first: list[float] = []
    early: list[float] = []
    exact: list[float] = []
    totals: dict[str, tuple[int, int]] = {}
    per_query: dict[str, list[list[float]]] = {q: [[], []] for q in queries}
    from reader.core.search import dates

    for q in queries:  # the first run of each query: parsing and expansion included
        index._cache.clear()
        dates._TABLES.clear()
        t = time.perf_counter()
        result = index.search(q, limit=20)
        first.append(time.perf_counter() - t)
    for q in queries:  # each first run above cleared the others' kept forms: keep them again
        index.search(q, limit=20)
    for _ in range(rounds):
        for q in queries:
            # Each timing starts after a collection, so the garbage one side
            # leaves (raw Whoosh's date ranges leave much) is not charged to the other.
            gc.collect()
            t = time.perf_counter()
            result = index.search(q, limit=20)
            ours.append(time.perf_counter() - t)
            per_query[q][0].append(ours[-1])

            gc.collect()
            t = time.perf_counter()
            # The same syntax as ours (dates rewritten), read by Whoosh's own parser.
            results = searcher.search(raw_parser.parse(check_text(q)), limit=20, terms=True)
            for hit in results:
                hit.highlights("body")
            raw.append(time.perf_counter() - t)
            per_query[q][1].append(raw[-1])

            parsed = parse_query(q, index._parser)
            t = time.perf_counter()
            counted_early = len(searcher.search(parsed, limit=20, optimize=False))
            early.append(time.perf_counter() - t)
            t = time.perf_counter()
            counted = len(searcher.search(parsed, limit=None))
            exact.append(time.perf_counter() - t)
            totals[q] = (result.total, counted_early)
            assert result.total == counted, (q, result.total, counted)
    o50, o95 = _ms(ours)
    r50, r95 = _ms(raw)
    f50, f95 = _ms(first)
    e50, e95 = _ms(early)
    return {
        "ours_p50": round(o50, 1),
        "ours_p95": round(o95, 1),
        "raw_p50": round(r50, 1),
        "raw_p95": round(r95, 1),
        "ratio_p50": round(o50 / r50, 2),
        "ratio_p95": round(o95 / r95, 2),
        "first_run_p50": round(f50, 1),
        "first_run_p95": round(f95, 1),
        "early_count_p50": round(e50, 1),
        "early_count_p95": round(e95, 1),
        "exact_vs_early_totals": {q: f"{a} vs {b}" for q, (a, b) in totals.items() if a != b},
        "per_query_ours_raw_ms": {
            q: [round(statistics.median(o) * 1000, 1), round(statistics.median(r) * 1000, 1)]
            for q, (o, r) in per_query.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=["real", "generated"], default=None)
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="the measuring set")
    parser.add_argument("--keep", type=Path, default=None, help="build indexes once, here")
    args = parser.parse_args()
    from conftest import big_documents

    paragraphs = real_paragraphs(args.eval_dir) if args.only != "generated" else []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
            kinds = [("real", QUERIES), ("generated", GENERATED_QUERIES)]
            for kind, queries in kinds:
                if args.only and kind != args.only:
                    continue
                folder = (args.keep or Path(tmp)) / f"{kind}-{size}"
                if args.keep and (folder / "built").is_file():
                    index = SearchIndex(folder)
                    seconds, n = float((folder / "built").read_text()), index.doc_count()
                else:
                    docs = (
                        real_documents(size, paragraphs) if kind == "real" else big_documents(size)
                    )
                    index, seconds, n = build(folder, docs)
                    (folder / "built").write_text(f"{seconds:.1f}")
                figures = measure(index, queries, args.rounds)
                index.close()
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(
                    json.dumps(
                        {
                            "kind": kind,
                            "articles": n,
                            "build_s": round(seconds, 1),
                            **figures,
                            "peak_mb": round(peak),
                        },
                        ensure_ascii=False,
                    ),
                    flush=True,
                )


if __name__ == "__main__":
    main()
