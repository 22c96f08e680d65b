"""Benchmark: meeting extraction against article length (it must grow linearly).

Not collected by pytest. Run::

    .venv/bin/python tests/perf/bench_meetings.py [--base 5000]

Builds articles of ``base``, 2x and 4x short paragraphs that each speak of a
meeting of two named people ("Negotiators Ilse Varga and Tomas Orban met again
in Moscow to discuss the peace treaty…"),
plus one article of a single endless line, and prints for each the size, the
time of the whole per-article analysis and of meeting extraction alone, and
the ratio to the smallest: a linear step doubles with the size, a quadratic
one quadruples.
"""

from __future__ import annotations

import argparse
import time

from reader.core.analysis.entities.recognize import default_recognizer
from reader.core.analysis.entities.text import sentence_spans
from reader.core.analysis.meetings import extract_meetings
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


if __name__ == "__main__":
    main()
