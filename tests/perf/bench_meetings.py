"""Benchmark: meeting extraction against article length (it must grow linearly).

Not collected by pytest. Run::

    .venv/bin/python tests/perf/bench_meetings.py [--base 5000]

Builds articles of ``base``, 2x and 4x short paragraphs that each speak of a
meeting of two named people ("Negotiators Ilse Varga and Tomas Orban met again
in Moscow to discuss the peace treaty…"),
plus one article of a single endless line, and prints for each the size, the
time of the whole per-article analysis and of meeting extraction alone, and
the ratio to the smallest: a linear step doubles with the size, a quadratic
one quadruples. Then the corpus-wide merge: 5,000, 10,000 and 20,000
articles, each mentioning one of a fifth as many meetings.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import Any

from reader.core.analysis.entities.recognize import default_recognizer
from reader.core.analysis.entities.text import sentence_spans
from reader.core.analysis.meetings import build_timeline, extract_meetings
from reader.core.model import Document

PARAGRAPH = (
    "Negotiators Ilse Varga and Tomas Orban met again in Moscow to discuss the peace treaty, "
    "aides said."
)
LINE_PIECE = "Ilse Varga and Tomas Orban met again in Moscow on Monday and"


def _measure(doc: Document) -> tuple[int, float, float]:
    rec = default_recognizer()
    t0 = time.perf_counter()
    text = doc.body_text
    sentences = sentence_spans(text)
    entities = rec.recognize(text, sentences)
    t1 = time.perf_counter()
    extract_meetings(doc, text, sentences, entities, rec.gazetteer)
    t2 = time.perf_counter()
    return len(text), t2 - t0, t2 - t1


def _analyses(n: int) -> list[tuple[str, dict[str, Any]]]:
    """``n`` articles over 30 years, each mentioning one of ``n // 5`` meetings."""
    rng = random.Random(n)
    meetings = [
        (
            f"{rng.randrange(1995, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
            f"place:town-{rng.randrange(300)}",
            [f"person:envoy-{j}", f"person:envoy-{j + rng.randrange(1, 3)}"],
        )
        for j in range(n // 5)
    ]
    out = []
    for i in range(n):
        iso, place, people = meetings[i % len(meetings)]
        mention = {
            "date": iso,
            "precision": "day",
            "place_key": place,
            "kind": "mentioned",
            "start": 0,
            "end": 9,
            "passage": "they met.",
            "match": [0, 4],
            "participants": people,
        }
        out.append((f"a{i}", {"reported": None, "meetings": [mention]}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=int, default=5000, help="paragraphs in the smallest")
    args = parser.parse_args()
    default_recognizer()  # built once, outside the timings
    for shape in ("paragraphs", "one line"):
        base_time: float | None = None
        for factor in (1, 2, 4):
            n = args.base * factor
            one_line = [" ".join([LINE_PIECE] * n)]
            paragraphs = [PARAGRAPH] * n if shape == "paragraphs" else one_line
            doc = Document(id="bench", paragraphs=paragraphs, published="2019-01-22")
            chars, total, meetings = _measure(doc)
            base_time = base_time or meetings
            print(
                f"{shape:10s} {chars / 1e6:5.2f} MB  analysis {total:6.2f} s  "
                f"meetings {meetings:6.2f} s  x{meetings / base_time:4.1f} of the smallest"
            )

    base_time = None
    for n in (5000, 10000, 20000):
        analyses = _analyses(n)
        t0 = time.perf_counter()
        events = build_timeline(analyses)
        took = time.perf_counter() - t0
        base_time = base_time or took
        print(
            f"merge {n:6d} articles  {len(events):5d} meetings  {took:6.2f} s  "
            f"x{took / base_time:4.1f} of the smallest"
        )


if __name__ == "__main__":
    main()
