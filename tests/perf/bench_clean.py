"""Benchmark: cleaning HTML pages one process per page, as ``corpus-reader clean FILE --text``.

Not collected by pytest (the name does not start with ``test_``). Run::

    .venv/bin/python tests/perf/bench_clean.py [--pages DIR] [--limit 40] [--jobs 2]
        [--source CHECKOUT]... [--repeat 3]

Each page is cleaned by a fresh ``python -m reader.cli clean PAGE --text``
(start-up and imports included, as a user or a script calling the command
meets them), ``--jobs`` at a time. The baseline, measured in the same run
on the same pages, is trafilatura alone in a fresh process per page
(``import trafilatura; extract(page)``): the main-text extractor under the
cleaner, without any of our metadata or debris work. The figures are
pages per second per process and the ratio of our time to the baseline's.

``--pages`` takes a folder of ``.html`` (or ``.html.gz``) pages; without it
the script writes 40 news-like pages of its own. ``--source`` may name other
checkouts of the project (an older commit, say) to time beside this one.
Each checkout is also timed as a batch: the pages split over ``--jobs``
commands of many files each, the way an import cleans a folder.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_VOCABULARY = (
    "council harbour ferry bridge river minister budget plan vote week month officials said "
    "would could after before during city region report talks agreement treaty leaders "
    "meeting summit trade energy water school hospital railway station workers union"
)
_WORDS = _VOCABULARY.split()

_BASELINE = (
    "import sys, trafilatura\n"
    "data = open(sys.argv[1], 'rb').read()\n"
    "if data[:2] == b'\\x1f\\x8b':\n"
    "    import gzip; data = gzip.decompress(data)\n"
    "sys.stdout.write(trafilatura.extract(data) or '')\n"
)


def synthetic_pages(folder: Path, count: int) -> list[Path]:
    """News-like pages with JSON-LD, Open Graph, navigation, a body and a footer."""
    rng = random.Random(7)
    pages = []
    for n in range(count):
        paragraphs = "".join(
            "<p>" + " ".join(rng.choice(_WORDS) for _ in range(rng.randint(25, 60))) + ".</p>"
            for _ in range(rng.randint(8, 20))
        )
        nav = "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(30))
        html = (
            "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Story {n} | Bench Courier</title>"
            "<meta property='og:site_name' content='Bench Courier'>"
            f"<meta property='article:published_time' content='2022-0{n % 9 + 1}-1{n % 9}'>"
            '<script type="application/ld+json">{"@type": "NewsArticle", "headline": '
            f'"Story {n}", "author": {{"name": "Writer {n}"}}}}</script>'
            f"</head><body><nav><ul>{nav}</ul></nav><article><h1>Story {n}</h1>"
            f"{paragraphs}</article><footer><p>© 2022 Bench Courier</p></footer></body></html>"
        )
        path = folder / f"story-{n:03d}.html"
        path.write_text(html, encoding="utf-8")
        pages.append(path)
    return pages


def given_pages(folder: Path, limit: int, scratch: Path) -> list[Path]:
    pages = []
    for path in sorted(folder.iterdir())[: limit * 3]:
        if path.name.endswith(".html.gz"):
            # The command reads gzip itself; the baseline script does too.
            target = scratch / path.name[: -len(".gz")]
            target.write_bytes(gzip.decompress(path.read_bytes()))
            pages.append(target)
        elif path.suffix in (".html", ".htm"):
            pages.append(path)
        if len(pages) >= limit:
            break
    return pages


def time_commands(commands: list[list[str]], env: dict[str, str], jobs: int) -> float:
    def run(command: list[str]) -> None:
        subprocess.run(command, env=env, capture_output=True, check=False, timeout=120)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(run, commands))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, help="folder of .html or .html.gz pages")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--source", type=Path, action="append", default=[])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="bench-clean-"))
    try:
        pages = (
            given_pages(args.pages, args.limit, scratch)
            if args.pages
            else synthetic_pages(scratch, args.limit)
        )
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["CORPUS_READER_HOME"] = str(scratch / "home")
        baseline_script = scratch / "baseline.py"
        baseline_script.write_text(_BASELINE, encoding="utf-8")
        sources = [ROOT, *args.source]
        runs: dict[str, list[list[str]]] = {
            "baseline": [[sys.executable, str(baseline_script), str(p)] for p in pages]
        }
        chunks = [pages[i :: args.jobs] for i in range(args.jobs)]
        for source in sources:
            cli = [sys.executable, "-m", "reader.cli", "clean"]
            runs[f"{source}"] = [[*cli, str(p), "--text"] for p in pages]
            runs[f"{source} batch"] = [[*cli, *map(str, c), "--text"] for c in chunks]
        # The best of a few interleaved rounds: the machine is shared, and the
        # fastest round is the one least disturbed by other work.
        best: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, commands in runs.items():
                source = name.removesuffix(" batch")
                run_env = env if name == "baseline" else {**env, "PYTHONPATH": source}
                seconds = time_commands(commands, run_env, args.jobs)
                best[name] = min(best.get(name, seconds), seconds)
        count = len(pages)
        baseline = best["baseline"]
        print(f"{count} pages, {args.jobs} at a time, best of {args.repeat} rounds")
        print(f"  trafilatura alone, one process a page  {count / baseline:6.2f} pages/s")
        for source in sources:
            label = "this checkout" if source == ROOT else str(source)
            ours, batch = best[f"{source}"], best[f"{source} batch"]
            print(
                f"  {label}: one process a page  {count / ours:6.2f} pages/s "
                f"({count / ours / args.jobs:.2f} per process; {ours / baseline:.2f}x trafilatura's"
                f" time); batch of {len(chunks[0])} a process  {count / batch:6.2f} pages/s "
                f"({count / batch / args.jobs:.2f} per process, start-up included)"
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
